import { describe, expect, it } from 'vitest';
import { PDFArray, PDFDict, PDFDocument, PDFName, PDFNull, PDFNumber, type PDFRef } from 'pdf-lib';
import { addBoxFont, taggedPages } from '../../../pdf-fixtures.ts';
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

/** Pages drawing `contents` (StructParents = index, parent-tree arrays empty) under a bare structure tree root. */
async function tagged(...contents: string[]) {
  const { doc, ctx, root, rootRef, pages, parents } = await taggedPages(contents, { K: [] });
  /** Adds an element (under the root without a parent); `k` as written. */
  const elem = (type: string, parent: { dict: PDFDict; ref: PDFRef } | undefined, entries: Record<string, unknown> = {}) => {
    const dict = ctx.obj({ Type: 'StructElem', S: type, P: parent?.ref ?? rootRef, ...(entries as Record<string, never>) });
    const ref = ctx.register(dict);
    const k = parent ? parent.dict.get(PDFName.of('K')) : root.get(PDFName.of('K'));
    if (k instanceof PDFArray) k.push(ref);
    else (parent?.dict ?? root).set(PDFName.of('K'), ctx.obj([ref]));
    return { dict, ref };
  };
  return { doc, ctx, pages, root, elem, parents };
}

const types = (doc: PDFDocument) => structElements(doc).map((e) => e.type);
const empty = (mcid: number, tag = 'Span') => `/${tag} <</MCID ${mcid}>> BDC BT ET EMC`;
const word = (mcid: number, tag = 'P') => `/${tag} <</MCID ${mcid}>> BDC BT /F1 10 Tf 10 10 Td (Word) Tj ET EMC`;

describe('dropEmptyMarkedContent, which sequences', () => {
  it('drops tagged sequences that are closed and paint nothing, not artifacts or one left open', async () => {
    const f = await tagged(`/Artifact BMC BT ET EMC ${empty(1)} /P <</MCID 0>> BDC BT ET`);
    f.elem('Span', undefined, { Pg: f.pages[0]!.ref, K: 1 });
    f.elem('P', undefined, { Pg: f.pages[0]!.ref, K: 0 });
    expect(dropEmptyMarkedContent(f.doc)).toBe(1);
    expect(pageContent(f.doc, f.pages[0]!.node)).toBe('/Artifact BMC BT ET EMC  BT ET  /P <</MCID 0>> BDC BT ET');
    expect(types(f.doc)).toEqual(['P']);
  });

  it('leaves the structure as it is when nothing is empty, even an element without content', async () => {
    const f = await tagged(word(0));
    f.elem('Div', undefined);
    f.elem('P', undefined, { Pg: f.pages[0]!.ref, K: 0 });
    expect(dropEmptyMarkedContent(f.doc)).toBe(0);
    expect(types(f.doc)).toEqual(['Div', 'P']);
  });

  it('forgets the MCIDs in the parent tree without growing it, and unmarks a page outside the parent tree', async () => {
    const f = await tagged(`${word(0)} ${empty(1)} ${empty(2)}`, empty(0));
    const p = f.elem('P', undefined, { Pg: f.pages[0]!.ref, K: f.ctx.obj([0, 1, 2]) });
    f.parents(0).push(p.ref);
    f.parents(0).push(p.ref);
    f.pages[1]!.node.delete(PDFName.of('StructParents'));
    expect(dropEmptyMarkedContent(f.doc)).toBe(2);
    expect(f.parents(0).asArray()).toEqual([p.ref, PDFNull]);
    expect(pageContent(f.doc, f.pages[1]!.node)).toBe(' BT ET ');
  });
});

describe('dropEmptyMarkedContent, the structure tree', () => {
  it('removes an element left with nothing and the parents it leaves empty, up to the root', async () => {
    const f = await tagged(`${word(0)} ${empty(1, 'NonStruct')}`);
    const sect = f.elem('Sect', undefined);
    const h2 = f.elem('H2', sect);
    const text = f.elem('NonStruct', h2, { Pg: f.pages[0]!.ref, K: 1 });
    f.elem('P', undefined, { Pg: f.pages[0]!.ref, K: 0 });
    expect(dropEmptyMarkedContent(f.doc)).toBe(1);
    expect(types(f.doc)).toEqual(['P']);
    for (const gone of [sect, h2, text]) expect(f.ctx.lookup(gone.ref)).toBeUndefined();
  });

  it('drops references by page: a number on the element’s page, a reference to another page, not one into a form', async () => {
    const f = await tagged(`${word(0)} ${empty(1)}`, `${empty(0)} ${word(1)}`);
    const [one, two] = f.pages.map((p) => p.ref);
    const form = f.ctx.register(f.ctx.stream(''));
    const p = f.elem('P', undefined, {
      Pg: one,
      K: f.ctx.obj([{ Type: 'MCR', Pg: two, MCID: 1 }, 0, 1, { Type: 'MCR', Pg: two, MCID: 0 }, { Type: 'MCR', Stm: form, MCID: 1 }, { Type: 'MCR', MCID: 1 }, null]),
    });
    expect(dropEmptyMarkedContent(f.doc)).toBe(3);
    const kept = p.dict.lookup(PDFName.of('K'), PDFArray).asArray();
    expect(kept.length).toBe(4);
    expect((kept[0] as PDFDict).get(PDFName.of('Pg'))).toBe(two);
    expect((kept[0] as PDFDict).get(PDFName.of('MCID'))).toEqual(PDFNumber.of(1));
    expect(kept[1]).toEqual(PDFNumber.of(0));
    expect((kept[2] as PDFDict).get(PDFName.of('Stm'))).toBe(form);
    expect(kept[3]).toBe(PDFNull);
    // What it keeps is on more than one page: its default page stays.
    expect(p.dict.get(PDFName.of('Pg'))).toBe(one);
  });

  it('keeps an element’s page when what remains is its own content or a child element there', async () => {
    const f = await tagged(`${word(0)} ${empty(1)}`, word(0));
    const [one, two] = f.pages.map((p) => p.ref);
    const p = f.elem('P', undefined, { Pg: one, K: f.ctx.obj([1]) });
    f.elem('Span', p, { Pg: two, K: 0 });
    const link = f.elem('Link', undefined, { Pg: one, K: f.ctx.obj([0, 1]) });
    expect(dropEmptyMarkedContent(f.doc)).toBe(2);
    expect(p.dict.get(PDFName.of('Pg'))).toBe(one);
    expect(link.dict.get(PDFName.of('Pg'))).toBe(one);
    expect(types(f.doc)).toEqual(['P', 'Span', 'Link']);
  });

  it('keeps an element’s page when what remains is in a form, and leaves an element it takes nothing from as written', async () => {
    const f = await tagged(`${word(0)} ${empty(1)}`, word(0));
    const [one, two] = f.pages.map((p) => p.ref);
    const form = f.ctx.register(f.ctx.stream(''));
    const figure = f.elem('Figure', undefined, { Pg: one, K: f.ctx.obj([1, { Type: 'MCR', Stm: form, MCID: 0 }]) });
    const p = f.elem('P', undefined, { Pg: one, K: f.ctx.obj({ Type: 'MCR', Pg: two, MCID: 0 }) });
    expect(dropEmptyMarkedContent(f.doc)).toBe(1);
    expect(figure.dict.get(PDFName.of('Pg'))).toBe(one);
    expect(p.dict.get(PDFName.of('Pg'))).toBe(one);
    expect(p.dict.get(PDFName.of('K'))).toBeInstanceOf(PDFDict);
  });
});
