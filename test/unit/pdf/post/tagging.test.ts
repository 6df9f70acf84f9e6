import { describe, expect, it } from 'vitest';
import { PDFArray, PDFDict, PDFDocument, PDFHexString, PDFName, PDFNumber, PDFString, type PDFObject, type PDFRef } from 'pdf-lib';
import { fixStructure, renumberIds } from '../../../../src/pdf/post/tagging.ts';
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
  return { doc, elem, rootRef, dict: (ref: PDFRef) => ctx.lookup(ref, PDFDict) };
}

/** An element's kids as written: a type for an element, the number for an MCID. */
const kidsOf = (doc: PDFDocument, d: PDFDict) =>
  (d.lookup(PDFName.of('K'), PDFArray).asArray() as PDFObject[]).map((k) => {
    const r = doc.context.lookup(k);
    return r instanceof PDFDict ? r.get(PDFName.of('S'))!.toString() : r!.toString();
  });

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
    elem('P', elem('NonStruct'));
    fixStructure(doc);
    expect(shape(doc)).toEqual(['L', '  LI', '    LBody', '      Link', '  LI', '    LBody', '      Link', 'NonStruct', '  P']);
  });

  it('leaves a document without a structure tree untouched', async () => {
    const doc = await PDFDocument.create();
    fixStructure(doc);
    expect(doc.catalog.has(PDFName.of('StructTreeRoot'))).toBe(false);
  });

  it('names each note by its place among the elements, and keeps an ID a note already has', async () => {
    const { doc, elem, dict } = await tree();
    const para = elem('P');
    const note = elem('Aside');
    elem('H3', note);
    const quotes = elem('Aside');
    elem('BlockQuote', quotes);
    elem('BlockQuote', quotes);
    const named = elem('Aside');
    dict(named).set(PDFName.of('ID'), PDFString.of('corrections'));
    fixStructure(doc);
    expect(shape(doc)).toEqual(['P', 'Aside', '  H3', 'Aside', '  BlockQuote', '  BlockQuote', 'Aside']);
    expect([para, note, quotes, named].map((r) => getText(doc.context, dict(r), 'ID'))).toEqual([undefined, 'note1', 'note3', 'corrections']);
  });

  it('maps each non-standard type to its nearest PDF 1.7 type, Div for the unknown, keeping the role map it has', async () => {
    const { doc, elem, rootRef, dict } = await tree();
    dict(rootRef).set(PDFName.of('RoleMap'), doc.context.obj({ Custom: 'Span' }));
    for (const type of ['P', 'Em', 'Strong', 'Sub', 'Title', 'Aside', 'FENote', 'DocumentFragment', 'Custom', 'Widget']) elem(type);
    fixStructure(doc);
    const roleMap = dict(rootRef).lookup(PDFName.of('RoleMap'), PDFDict);
    expect(Object.fromEntries(roleMap.entries().map(([k, v]) => [k.decodeText(), v.toString()]))).toEqual({
      Custom: '/Span',
      Em: '/Span',
      Strong: '/Span',
      Sub: '/Span',
      Title: '/P',
      Aside: '/Note',
      FENote: '/Div',
      DocumentFragment: '/Div',
      Widget: '/Div',
    });
  });

  it('writes no role map when every type is standard', async () => {
    const { doc, elem, rootRef, dict } = await tree();
    elem('P', elem('Sect'));
    fixStructure(doc);
    expect(dict(rootRef).has(PDFName.of('RoleMap'))).toBe(false);
  });

  it("wraps a list item's content in one LBody where its first piece was, after the label, leaving its marked content", async () => {
    const { doc, elem, dict } = await tree();
    const item = elem('LI', elem('L'));
    const page = doc.addPage().ref;
    dict(item).set(PDFName.of('Pg'), page);
    elem('Lbl', item);
    const p = elem('P', item);
    dict(item).lookup(PDFName.of('K'), PDFArray).push(PDFNumber.of(5));
    const span = elem('Span', item);
    fixStructure(doc);
    expect(kidsOf(doc, dict(item))).toEqual(['/Lbl', '/LBody', '5']);
    const bodyRef = dict(item).lookup(PDFName.of('K'), PDFArray).get(1) as PDFRef;
    const body = dict(bodyRef);
    expect(body.get(PDFName.of('Type'))).toBe(PDFName.of('StructElem'));
    expect(body.get(PDFName.of('P'))).toBe(item);
    expect(body.get(PDFName.of('Pg'))).toBe(page);
    expect(kidsOf(doc, body)).toEqual(['/P', '/Span']);
    expect([p, span].map((r) => dict(r).get(PDFName.of('P')))).toEqual([bodyRef, bodyRef]);
  });

  it('puts the LBody first when the content comes before the label, and gives it no page when the item has none', async () => {
    const { doc, elem, dict } = await tree();
    const item = elem('LI', elem('L'));
    elem('P', item);
    elem('Lbl', item);
    fixStructure(doc);
    expect(kidsOf(doc, dict(item))).toEqual(['/LBody', '/Lbl']);
    const body = dict(dict(item).lookup(PDFName.of('K'), PDFArray).get(0) as PDFRef);
    expect(body.keys().map((k) => k.decodeText())).toEqual(['Type', 'S', 'P', 'K']);
  });

  it('leaves a list item that is already a Lbl and an LBody as it is', async () => {
    const { doc, elem, dict } = await tree();
    const item = elem('LI', elem('L'));
    elem('Lbl', item);
    elem('P', elem('LBody', item));
    fixStructure(doc);
    expect(kidsOf(doc, dict(item))).toEqual(['/Lbl', '/LBody']);
    expect(shape(doc)).toEqual(['L', '  LI', '    Lbl', '    LBody', '      P']);
  });
});

describe('renumberIds', () => {
  const idTree = (doc: PDFDocument, rootRef: PDFRef) => {
    const names = doc.context.lookup(rootRef, PDFDict).lookup(PDFName.of('IDTree'), PDFDict).lookup(PDFName.of('Names'), PDFArray).asArray();
    return names.map((o) => (o instanceof PDFString ? o.decodeText() : o));
  };

  it('leaves a document without a structure tree untouched', async () => {
    const doc = await PDFDocument.create();
    renumberIds(doc);
    expect(doc.catalog.has(PDFName.of('StructTreeRoot'))).toBe(false);
  });

  it('writes no ID tree when no element has an ID', async () => {
    const { doc, elem, rootRef, dict } = await tree();
    elem('P', elem('Sect'));
    renumberIds(doc);
    expect(dict(rootRef).has(PDFName.of('IDTree'))).toBe(false);
  });

  it("renames the ids in document order, lists them in a fresh ID tree, and drops the old tree's nodes", async () => {
    const { doc, elem, rootRef, dict } = await tree();
    const sect = elem('Sect');
    const th = elem('TH', sect);
    const p = elem('P', sect);
    const note = elem('Note');
    dict(th).set(PDFName.of('ID'), PDFString.of('node00000591'));
    dict(note).set(PDFName.of('ID'), PDFHexString.fromText('node00000017'));
    const leaf = doc.context.register(doc.context.obj({ Names: [PDFString.of('node00000017'), note, PDFString.of('node00000591'), th] }));
    const oldTree = doc.context.register(doc.context.obj({ Kids: [leaf] }));
    dict(rootRef).set(PDFName.of('IDTree'), oldTree);
    renumberIds(doc);
    expect([th, p, note].map((r) => getText(doc.context, dict(r), 'ID'))).toEqual(['e0001', undefined, 'e0002']);
    expect(idTree(doc, rootRef)).toEqual(['e0001', th, 'e0002', note]);
    expect([doc.context.lookup(oldTree), doc.context.lookup(leaf)]).toEqual([undefined, undefined]);
  });

  it('replaces an ID tree that is not a dictionary', async () => {
    const { doc, elem, rootRef, dict } = await tree();
    const p = elem('P');
    dict(p).set(PDFName.of('ID'), PDFString.of('node00000042'));
    dict(rootRef).set(PDFName.of('IDTree'), PDFNumber.of(7));
    renumberIds(doc);
    expect(idTree(doc, rootRef)).toEqual(['e0001', p]);
  });

  it("follows the renaming in table cells' Headers, in one attribute dictionary or a list of them", async () => {
    const { doc, elem, dict } = await tree();
    const table = elem('Table');
    const row = elem('TR', table);
    const th = elem('TH', row);
    const tdArray = elem('TD', row);
    const tdSingle = elem('TD', row);
    dict(th).set(PDFName.of('ID'), PDFString.of('node00000900'));
    elem('TH', row);
    const other = elem('TH', row);
    dict(other).set(PDFName.of('ID'), PDFString.of('node00000100'));
    const headers = (...h: PDFObject[]) => doc.context.obj({ O: 'Table', Headers: h });
    dict(tdArray).set(PDFName.of('A'), doc.context.obj([
      doc.context.obj({ O: 'Layout' }),
      doc.context.register(headers(PDFHexString.fromText('node00000900'), PDFString.of('elsewhere'), PDFNumber.of(3))),
    ]));
    dict(tdSingle).set(PDFName.of('A'), headers(PDFString.of('node00000100'), PDFString.of('node00000900')));
    renumberIds(doc);
    const headersOf = (r: PDFRef) => {
      const a = dict(r).lookup(PDFName.of('A'));
      const d = a instanceof PDFArray ? (a.lookup(1, PDFDict)) : (a as PDFDict);
      return d.lookup(PDFName.of('Headers'), PDFArray).asArray().map((h) => (h as PDFString).decodeText());
    };
    expect(headersOf(tdArray)).toEqual(['e0001', 'elsewhere', '']);
    expect(headersOf(tdSingle)).toEqual(['e0002', 'e0001']);
  });

  it('keeps the ID tree in key order past 9,999 ids', async () => {
    const { doc, rootRef, dict } = await tree();
    const ctx = doc.context;
    // Direct (unregistered) elements: the same for renumberIds, and quicker to build and walk.
    const elems = Array.from({ length: 10_000 }, (_, i) => ctx.obj({ S: 'P', ID: PDFString.of(`n${i}`) }));
    dict(rootRef).set(PDFName.of('K'), ctx.obj(elems));
    renumberIds(doc);
    const keys = idTree(doc, rootRef).filter((o): o is string => typeof o === 'string');
    expect(keys.slice(998, 1002)).toEqual(['e0999', 'e1000', 'e10000', 'e1001']);
    expect(keys.at(-1)).toBe('e9999');
    const names = dict(rootRef).lookup(PDFName.of('IDTree'), PDFDict).lookup(PDFName.of('Names'), PDFArray);
    expect(names.get(2001)).toBe(elems[9_999]);
  });
});
