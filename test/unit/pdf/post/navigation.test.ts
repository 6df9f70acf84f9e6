import { describe, expect, it } from 'vitest';
import { PDFArray, PDFDict, PDFDocument, PDFName, PDFNumber, type PDFRef } from 'pdf-lib';
import { setOutlineTitles } from '../../../../src/pdf/post/navigation.ts';
import { pageLabel, setPageLabels } from '../../../../src/pdf/post/page-labels.ts';
import { getText } from '../../../../src/pdf/cos.ts';
import { outlineItems, pdfText } from '../../../../src/pdf/objects.ts';

async function pages(n: number): Promise<PDFDocument> {
  const doc = await PDFDocument.create();
  for (let i = 0; i < n; i++) doc.addPage([200, 200]);
  return doc;
}

/** The /PageLabels number tree as [index, style, start, prefix] rows. */
function labels(doc: PDFDocument): (string | number | undefined)[][] {
  const nums = (doc.catalog.lookup(PDFName.of('PageLabels'), PDFDict).lookup(PDFName.of('Nums'), PDFArray)).asArray();
  const rows: (string | number | undefined)[][] = [];
  for (let i = 0; i < nums.length; i += 2) {
    const d = doc.context.lookup(nums[i + 1]!, PDFDict);
    rows.push([(nums[i] as PDFNumber).asNumber(), d.lookupMaybe(PDFName.of('S'), PDFName)?.decodeText(), d.lookupMaybe(PDFName.of('St'), PDFNumber)?.asNumber(), getText(doc.context, d, 'P')]);
  }
  return rows;
}

/** Builds an outline from nested [title, children] pairs, as Chromium writes one (First/Last/Next/Parent). */
function outline(doc: PDFDocument, tree: [string, unknown[]][]): void {
  const ctx = doc.context;
  const build = (items: [string, unknown[]][], parent: PDFRef): PDFRef[] => {
    const refs = items.map(([title]) => ctx.register(ctx.obj({ Title: pdfText(title), Parent: parent })));
    items.forEach(([, kids], i) => {
      const dict = ctx.lookup(refs[i]!, PDFDict);
      if (i + 1 < refs.length) dict.set(PDFName.of('Next'), refs[i + 1]!);
      const kidRefs = build(kids as [string, unknown[]][], refs[i]!);
      if (kidRefs.length) {
        dict.set(PDFName.of('First'), kidRefs[0]!);
        dict.set(PDFName.of('Last'), kidRefs[kidRefs.length - 1]!);
      }
    });
    return refs;
  };
  const root = ctx.obj({ Type: 'Outlines' });
  const rootRef = ctx.register(root);
  const top = build(tree, rootRef);
  root.set(PDFName.of('First'), top[0]!);
  root.set(PDFName.of('Last'), top[top.length - 1]!);
  doc.catalog.set(PDFName.of('Outlines'), rootRef);
}

describe('page labels', () => {
  it('labels the cover by name and every other page by its printed number, counting the cover as 1', async () => {
    const doc = await pages(3);
    setPageLabels(doc);
    expect(labels(doc)).toEqual([
      [0, undefined, undefined, 'Cover'],
      [1, 'D', 2, undefined],
    ]);
    expect([0, 1, 2].map((i) => pageLabel(i))).toEqual(['Cover', '2', '3']);
  });

  it('gives a one-page document only the cover\'s label, in the name it is given', async () => {
    const doc = await pages(1);
    setPageLabels(doc, 'Umschlag');
    expect(labels(doc)).toEqual([[0, undefined, undefined, 'Umschlag']]);
    expect(pageLabel(0, 'Umschlag')).toBe('Umschlag');
  });
});

describe('bookmarks', () => {
  const tree: [string, unknown[]][] = [
    ['Report', [['Intro', []], ['Numbers', [['Costs', []]]]]],
    ['Appendix', []],
  ];

  it('reads the bookmarks depth first, with their depth', async () => {
    const doc = await pages(1);
    outline(doc, tree);
    expect(outlineItems(doc).map((i) => [i.title, i.depth])).toEqual([
      ['Report', 1],
      ['Intro', 2],
      ['Numbers', 2],
      ['Costs', 3],
      ['Appendix', 1],
    ]);
  });

  it('has none without an outline', async () => {
    expect(outlineItems(await pages(1))).toEqual([]);
  });

  it('gives each bookmark the title the HTML gives its heading, in order', async () => {
    const doc = await pages(1);
    outline(doc, tree);
    expect(setOutlineTitles(doc, ['Report 2024', 'Introduction', 'The numbers', 'What it cost', 'Appendix A'])).toBe(true);
    expect(outlineItems(doc).map((i) => i.title)).toEqual(['Report 2024', 'Introduction', 'The numbers', 'What it cost', 'Appendix A']);
  });

  it('leaves the bookmarks alone when the headings do not match them one for one', async () => {
    const doc = await pages(1);
    outline(doc, tree);
    expect(setOutlineTitles(doc, ['Report 2024', 'Introduction'])).toBe(false);
    expect(outlineItems(doc).map((i) => i.title)).toEqual(['Report', 'Intro', 'Numbers', 'Costs', 'Appendix']);
  });
});
