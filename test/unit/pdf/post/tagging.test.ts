import { describe, expect, it } from 'vitest';
import { PDFArray, PDFDict, PDFDocument, PDFName, type PDFRef } from 'pdf-lib';
import { fixStructure } from '../../../../src/pdf/post/tagging.ts';
import { structElements } from '../../../../src/pdf/post/elements.ts';
import { getText } from '../../../../src/pdf/cos.ts';

/** A structure tree built element by element (no content: fixStructure reads only the tree). */
async function tree() {
  const doc = await PDFDocument.create();
  const ctx = doc.context;
  const rootRef = ctx.register(ctx.obj({ Type: 'StructTreeRoot' }));
  doc.catalog.set(PDFName.of('StructTreeRoot'), rootRef);
  const elem = (type: string, parent: PDFRef = rootRef) => {
    const ref = ctx.register(ctx.obj({ Type: 'StructElem', S: type, P: parent }));
    const p = ctx.lookup(parent, PDFDict);
    const k = p.get(PDFName.of('K'));
    if (k instanceof PDFArray) k.push(ref);
    else p.set(PDFName.of('K'), ctx.obj([ref]));
    return ref;
  };
  return { doc, elem };
}

const shape = (doc: PDFDocument) =>
  structElements(doc).map((e) => {
    let depth = 0;
    for (let p = e.parent; p; p = p.parent) depth++;
    return `${'  '.repeat(depth)}${e.type}`;
  });

describe('fixStructure', () => {
  it('makes a quotation set apart one BlockQuote, and other asides Notes with an ID', async () => {
    const { doc, elem } = await tree();
    const quote = elem('Aside');
    elem('P', elem('BlockQuote', quote));
    elem('P', quote);
    const callout = elem('Aside');
    elem('H3', callout);
    fixStructure(doc);
    expect(shape(doc)).toEqual(['BlockQuote', '  NonStruct', '    P', '  P', 'Aside', '  H3']);
    const root = doc.catalog.lookup(PDFName.of('StructTreeRoot'), PDFDict);
    expect(root.lookup(PDFName.of('RoleMap'), PDFDict).get(PDFName.of('Aside'))).toBe(PDFName.of('Note'));
    expect(getText(doc.context, doc.context.lookup(callout, PDFDict), 'ID')).toBeTruthy();
  });

  it('keeps a list of links a list, each item a Lbl and an LBody', async () => {
    const { doc, elem } = await tree();
    const list = elem('L');
    for (let i = 0; i < 2; i++) elem('Link', elem('NonStruct', elem('LI', list)));
    fixStructure(doc);
    expect(shape(doc)).toEqual(['L', '  LI', '    LBody', '      Link', '  LI', '    LBody', '      Link']);
  });
});
