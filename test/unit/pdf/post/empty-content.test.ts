import { describe, expect, it } from 'vitest';
import { PDFArray, PDFDict, PDFDocument, PDFName, PDFNull, PDFNumber } from 'pdf-lib';
import { addBoxFont } from '../../../pdf-fixtures.ts';
import { dropEmptyMarkedContent } from '../../../../src/pdf/post/empty-content.ts';
import { structElements } from '../../../../src/pdf/post/elements.ts';
import { pageContent } from '../../../../src/pdf/objects.ts';

/**
 * Two pages as Chromium writes a section that starts at the top of page 2: the heading's first
 * marked-content sequence is an empty `BT ET` at the foot of page 1, and an empty Span there too.
 */
async function headingAcrossPages() {
  const doc = await PDFDocument.create();
  const ctx = doc.context;
  const font = addBoxFont(ctx);
  const contents = [
    '/P <</MCID 0>> BDC BT /F1 10 Tf 10 100 Td (End) Tj ET EMC /NonStruct <</MCID 1>> BDC BT ET EMC /Span <</MCID 2>> BDC BT ET EMC',
    '/NonStruct <</MCID 0>> BDC BT /F1 10 Tf 10 200 Td (Heading) Tj ET EMC',
  ];
  const pages = contents.map((c, i) => {
    const page = doc.addPage([300, 300]);
    page.node.set(PDFName.of('Resources'), ctx.obj({ Font: { F1: font } }));
    page.node.set(PDFName.of('Contents'), ctx.register(ctx.stream(c)));
    page.node.set(PDFName.of('StructParents'), PDFNumber.of(i));
    return page;
  });
  const root = ctx.obj({ Type: 'StructTreeRoot' });
  const rootRef = ctx.register(root);
  const document = ctx.obj({ Type: 'StructElem', S: 'Document', P: rootRef });
  const documentRef = ctx.register(document);
  const elem = (type: string, parent: typeof documentRef, k: unknown, pg = pages[0]!.ref) =>
    ctx.register(ctx.obj({ Type: 'StructElem', S: type, P: parent, Pg: pg, K: k as never }));
  const p = elem('P', documentRef, 0);
  const h2 = ctx.register(ctx.obj({ Type: 'StructElem', S: 'H2', P: documentRef }));
  const text = elem('NonStruct', h2, [1, { Type: 'MCR', Pg: pages[1]!.ref, MCID: 0 }]);
  ctx.lookup(h2, PDFDict).set(PDFName.of('K'), text);
  const span = elem('Span', documentRef, 2);
  document.set(PDFName.of('K'), ctx.obj([p, h2, span]));
  root.set(PDFName.of('K'), documentRef);
  root.set(PDFName.of('ParentTree'), ctx.obj({ Nums: [0, ctx.obj([p, text, span]), 1, ctx.obj([text])] }));
  doc.catalog.set(PDFName.of('StructTreeRoot'), rootRef);
  return { doc, pages, textRef: text };
}

describe('dropEmptyMarkedContent', () => {
  it('unmarks sequences that paint nothing and takes them out of the structure and parent trees', async () => {
    const { doc, pages, textRef } = await headingAcrossPages();
    expect(dropEmptyMarkedContent(doc)).toBe(2);
    expect(pageContent(doc, pages[0]!.node)).toBe('/P <</MCID 0>> BDC BT /F1 10 Tf 10 100 Td (End) Tj ET EMC  BT ET   BT ET ');
    const text = doc.context.lookup(textRef, PDFDict);
    const k = text.lookup(PDFName.of('K'), PDFArray);
    expect(k.size()).toBe(1);
    expect(text.get(PDFName.of('Pg'))).toBe(pages[1]!.ref);
    const nums = doc.catalog.lookup(PDFName.of('StructTreeRoot'), PDFDict).lookup(PDFName.of('ParentTree'), PDFDict).lookup(PDFName.of('Nums'), PDFArray);
    const first = nums.lookup(1, PDFArray);
    expect(first.get(1)).toBe(PDFNull);
    expect(first.get(2)).toBe(PDFNull);
    // The Span had nothing else: it is gone; the heading keeps its text on page 2.
    expect(structElements(doc).map((e) => e.type)).toEqual(['Document', 'P', 'H2', 'NonStruct']);
  });

  it('changes nothing when every sequence paints', async () => {
    const { doc } = await headingAcrossPages();
    dropEmptyMarkedContent(doc);
    expect(dropEmptyMarkedContent(doc)).toBe(0);
  });
});
