import { describe, expect, it } from 'vitest';
import { PDFArray, PDFDict, PDFDocument, PDFName, PDFNull, PDFNumber, PDFRef, PDFString, type PDFContext, type PDFObject } from 'pdf-lib';
import { addBoxFont, taggedPages } from '../../../pdf-fixtures.ts';
import { tagFiguresAsImages } from '../../../../src/pdf/post/figures.ts';
import { structElements } from '../../../../src/pdf/post/elements.ts';
import { pageContent } from '../../../../src/pdf/objects.ts';

/**
 * A chart as Chromium tags it: a Figure (with alt text) over NonStruct elements holding its two
 * labels, and its bar painted between them outside any tagged content (made an Artifact).
 */
async function chart() {
  const doc = await PDFDocument.create();
  const ctx = doc.context;
  const page = doc.addPage([300, 300]);
  page.node.set(PDFName.of('Resources'), ctx.obj({ Font: { F1: addBoxFont(ctx) } }));
  const content = [
    '/P <</MCID 0>> BDC BT /F1 10 Tf 10 280 Td (Before) Tj ET EMC',
    '/NonStruct <</MCID 1>> BDC BT /F1 10 Tf 20 100 Td (2023) Tj ET EMC',
    '/Artifact BMC 20 120 100 50 re f EMC',
    '/NonStruct <</MCID 2>> BDC BT /F1 10 Tf 125 140 Td ($5K) Tj ET EMC',
  ].join('\n');
  page.node.set(PDFName.of('Contents'), ctx.register(ctx.stream(content)));
  page.node.set(PDFName.of('StructParents'), PDFNumber.of(0));
  const root = ctx.obj({ Type: 'StructTreeRoot' });
  const rootRef = ctx.register(root);
  const document = ctx.obj({ Type: 'StructElem', S: 'Document', P: rootRef });
  const documentRef = ctx.register(document);
  const p = ctx.register(ctx.obj({ Type: 'StructElem', S: 'P', P: documentRef, Pg: page.ref, K: 0 }));
  const figure = ctx.obj({ Type: 'StructElem', S: 'Figure', P: documentRef, Alt: PDFString.of('Bars: 2023, $5K') });
  const figureRef = ctx.register(figure);
  const label = (mcid: number) => ctx.register(ctx.obj({ Type: 'StructElem', S: 'NonStruct', P: figureRef, Pg: page.ref, K: mcid }));
  const labels = [label(1), label(2)];
  figure.set(PDFName.of('K'), ctx.obj(labels));
  document.set(PDFName.of('K'), ctx.obj([p, figureRef]));
  root.set(PDFName.of('K'), documentRef);
  root.set(PDFName.of('ParentTree'), ctx.obj({ Nums: [0, ctx.obj([p, ...labels])] }));
  doc.catalog.set(PDFName.of('StructTreeRoot'), rootRef);
  return { doc, page, figure, figureRef, root };
}

describe('tagFiguresAsImages', () => {
  it('gives a Figure its painting as direct content, makes its text an Artifact, and adds a bounding box', async () => {
    const { doc, page, figure, figureRef, root } = await chart();
    expect(tagFiguresAsImages(doc)).toBe(1);
    expect(pageContent(doc, page.node)).toBe(
      [
        '/P <</MCID 0>> BDC BT /F1 10 Tf 10 280 Td (Before) Tj ET EMC',
        '/Artifact BMC BT /F1 10 Tf 20 100 Td (2023) Tj ET EMC',
        '/Figure <</MCID 3>> BDC 20 120 100 50 re f EMC',
        '/Artifact BMC BT /F1 10 Tf 125 140 Td ($5K) Tj ET EMC',
      ].join('\n'),
    );
    const k = figure.lookup(PDFName.of('K'), PDFArray);
    expect(k.size()).toBe(1);
    const mcr = k.lookup(0, PDFDict);
    expect(mcr.get(PDFName.of('MCID'))).toEqual(PDFNumber.of(3));
    expect(mcr.get(PDFName.of('Pg'))).toBe(page.ref);
    // The box of everything the chart paints: the labels (about 0.2 em below, 0.8 em above their baseline) and the bar.
    const bbox = figure.lookup(PDFName.of('A'), PDFDict).lookup(PDFName.of('BBox'), PDFArray).asArray().map((n) => (n as PDFNumber).asNumber());
    expect(bbox).toEqual([20, 98, 143, 170]);
    const parents = root.lookup(PDFName.of('ParentTree'), PDFDict).lookup(PDFName.of('Nums'), PDFArray).lookup(1, PDFArray);
    expect([1, 2, 3].map((i) => parents.get(i))).toEqual([PDFNull, PDFNull, figureRef]);
    expect(structElements(doc).map((e) => e.type)).toEqual(['Document', 'P', 'Figure']);
  });

  it('leaves a Figure without alt text alone', async () => {
    const { doc, figure } = await chart();
    figure.delete(PDFName.of('Alt'));
    expect(tagFiguresAsImages(doc)).toBe(0);
  });
});

/**
 * Pages drawing `contents` in the box font, each with a parent-tree array (StructParents = its
 * index), and a Document element: `elem` adds an element under a parent, `own` records MCIDs of a
 * page as belonging to an element (its /K and the parent tree).
 */
async function tagged(...contents: string[]) {
  const { doc, ctx, root, rootRef, pages, parents } = await taggedPages(contents);
  const kidsOf = (dict: PDFDict) => {
    if (!(dict.get(PDFName.of('K')) instanceof PDFArray)) dict.set(PDFName.of('K'), ctx.obj([]));
    return dict.lookup(PDFName.of('K'), PDFArray);
  };
  const document = ctx.obj({ Type: 'StructElem', S: 'Document', P: rootRef });
  const documentRef = ctx.register(document);
  root.set(PDFName.of('K'), documentRef);
  const elem = (type: string, parent: { dict: PDFDict; ref: PDFRef }, entries: Record<string, PDFObject> = {}) => {
    const dict = ctx.obj({ Type: 'StructElem', S: type, P: parent.ref });
    for (const [k, v] of Object.entries(entries)) dict.set(PDFName.of(k), v);
    const ref = ctx.register(dict);
    kidsOf(parent.dict).push(ref);
    return { dict, ref };
  };
  const own = (e: { dict: PDFDict; ref: PDFRef }, page: number, ...mcids: number[]) => {
    for (const mcid of mcids) {
      kidsOf(e.dict).push(ctx.obj({ Type: 'MCR', Pg: pages[page]!.ref, MCID: mcid }));
      setParentEntry(parents(page), mcid, e.ref);
    }
  };
  return { doc, ctx, pages, parents, document: { dict: document, ref: documentRef }, elem, own };
}

function setParentEntry(parents: PDFArray, mcid: number, ref: PDFRef) {
  while (parents.size() <= mcid) parents.push(PDFNull);
  parents.set(mcid, ref);
}

const bboxOf = (attributes: PDFObject | undefined) => (attributes as PDFDict).lookup(PDFName.of('BBox'), PDFArray).asArray().map((n) => (n as PDFNumber).asNumber());
const alt = { Alt: PDFString.of('A chart') };
const mcidsOf = (figure: PDFDict) => figure.lookup(PDFName.of('K'), PDFArray).asArray().map((k) => ((k as PDFDict).get(PDFName.of('MCID')) as PDFNumber).asNumber());

describe('tagFiguresAsImages, what belongs to a figure', () => {
  it('changes nothing in a document without a structure tree', async () => {
    const doc = await PDFDocument.create();
    doc.addPage();
    expect(tagFiguresAsImages(doc)).toBe(0);
  });

  it('takes a role-mapped Figure with alt text, not another element with alt text', async () => {
    const f = await tagged(['/Chart <</MCID 0>> BDC 10 10 50 50 re f EMC', '/Span <</MCID 1>> BDC 100 10 50 50 re f EMC'].join('\n'));
    f.doc.catalog.lookup(PDFName.of('StructTreeRoot'), PDFDict).set(PDFName.of('RoleMap'), f.ctx.obj({ Chart: 'Figure' }));
    const chart = f.elem('Chart', f.document, alt);
    f.own(chart, 0, 0);
    const span = f.elem('Span', f.document, alt);
    f.own(span, 0, 1);
    expect(tagFiguresAsImages(f.doc)).toBe(1);
    expect(pageContent(f.doc, f.pages[0]!.node)).toBe(['/Figure <</MCID 2>> BDC 10 10 50 50 re f EMC', '/Span <</MCID 1>> BDC 100 10 50 50 re f EMC'].join('\n'));
    expect(bboxOf(chart.dict.get(PDFName.of('A')))).toEqual([10, 10, 60, 60]);
    expect(span.dict.has(PDFName.of('A'))).toBe(false);
  });

  it('leaves tagged content between a figure’s pieces, and paintings after it, out of the figure', async () => {
    const f = await tagged(
      [
        '/Artifact BMC 0 290 300 10 re f EMC',
        '/NonStruct <</MCID 0>> BDC BT /F1 10 Tf 20 100 Td (2023) Tj ET EMC',
        '/P <</MCID 1>> BDC BT /F1 10 Tf 30 130 Td (Aside) Tj ET EMC',
        '/Artifact BMC 20 120 100 50 re f EMC',
        '/NonStruct <</MCID 2>> BDC /Span <</MCID 3>> BDC 125 140 10 10 re f EMC EMC',
        '/Artifact BMC 0 0 300 10 re f EMC',
      ].join('\n'),
    );
    const figure = f.elem('Figure', f.document, alt);
    f.own(f.elem('NonStruct', figure), 0, 0);
    const label = f.elem('NonStruct', figure);
    f.own(label, 0, 2);
    f.own(f.elem('Span', label), 0, 3);
    f.own(f.elem('P', f.document), 0, 1);
    expect(tagFiguresAsImages(f.doc)).toBe(1);
    expect(pageContent(f.doc, f.pages[0]!.node)).toBe(
      [
        '/Artifact BMC 0 290 300 10 re f EMC',
        '/Artifact BMC BT /F1 10 Tf 20 100 Td (2023) Tj ET EMC',
        '/P <</MCID 1>> BDC BT /F1 10 Tf 30 130 Td (Aside) Tj ET EMC',
        '/Figure <</MCID 4>> BDC 20 120 100 50 re f EMC',
        '/Figure <</MCID 5>> BDC /Span <</MCID 3>> BDC 125 140 10 10 re f EMC EMC',
        '/Artifact BMC 0 0 300 10 re f EMC',
      ].join('\n'),
    );
    expect(mcidsOf(figure.dict)).toEqual([4, 5]);
    expect(bboxOf(figure.dict.get(PDFName.of('A')))).toEqual([20, 98, 135, 170]);
    expect(f.parents(0).asArray()).toEqual([PDFNull, f.parents(0).get(1), PDFNull, PDFNull, figure.ref, figure.ref]);
    // The labels' elements are gone from the file.
    expect(structElements(f.doc).map((e) => e.type)).toEqual(['Document', 'Figure', 'P']);
    expect(f.ctx.lookup(label.ref)).toBeUndefined();
  });

  it('gives a figure over two pages its painting on each, and one box', async () => {
    // Page 2 also draws MCID 7, which the parent tree does not know: the figure's new one comes after it.
    const f = await tagged(
      '/Figure <</MCID 0>> BDC 10 200 50 50 re f EMC /P <</MCID 1>> BDC 10 100 5 5 re f EMC',
      '/Span <</MCID 7>> BDC EMC /Figure <</MCID 1>> BDC 100 10 50.456 50.123 re f EMC',
    );
    const figure = f.elem('Figure', f.document, alt);
    f.own(figure, 0, 0);
    f.own(figure, 1, 1);
    const p = f.elem('P', f.document);
    f.own(p, 0, 1);
    expect(tagFiguresAsImages(f.doc)).toBe(1);
    expect(pageContent(f.doc, f.pages[0]!.node)).toBe('/Figure <</MCID 2>> BDC 10 200 50 50 re f EMC /P <</MCID 1>> BDC 10 100 5 5 re f EMC');
    const k = figure.dict.lookup(PDFName.of('K'), PDFArray).asArray() as PDFDict[];
    expect(k.map((m) => [m.get(PDFName.of('Type')), m.get(PDFName.of('Pg')), (m.get(PDFName.of('MCID')) as PDFNumber).asNumber()])).toEqual([
      [PDFName.of('MCR'), f.pages[0]!.ref, 2],
      [PDFName.of('MCR'), f.pages[1]!.ref, 8],
    ]);
    expect(bboxOf(figure.dict.get(PDFName.of('A')))).toEqual([10, 10, 150.46, 250]);
    expect([f.parents(0).asArray(), f.parents(1).asArray()]).toEqual([
      [PDFNull, p.ref, figure.ref],
      [PDFNull, PDFNull, ...Array.from({ length: 6 }, () => PDFNull), figure.ref],
    ]);
  });

  it('leaves a figure alone whose content is not on a tagged page, is in a form, or is not drawn', async () => {
    const content = '/Figure <</MCID 0>> BDC 10 200 50 50 re f EMC';
    const f = await tagged(content, content, content);
    f.pages[0]!.node.delete(PDFName.of('StructParents'));
    const untaggedPage = f.elem('Figure', f.document, alt);
    f.own(untaggedPage, 0, 0);
    const inForm = f.elem('Figure', f.document, { ...alt, K: f.ctx.obj([{ Type: 'MCR', Pg: f.pages[1]!.ref, Stm: f.ctx.register(f.ctx.stream('')), MCID: 0 }]) });
    const notDrawn = f.elem('Figure', f.document, alt);
    f.own(notDrawn, 2, 5);
    expect(tagFiguresAsImages(f.doc)).toBe(0);
    expect(f.pages.map((p) => pageContent(f.doc, p.node))).toEqual([content, content, content]);
    for (const figure of [untaggedPage, inForm, notDrawn]) expect(figure.dict.has(PDFName.of('A'))).toBe(false);
    expect(f.parents(2).asArray()).toEqual([...Array.from({ length: 5 }, () => PDFNull), notDrawn.ref]);
  });

  it('gives a figure that paints nothing its marked content but no box', async () => {
    const f = await tagged('/Figure <</MCID 0>> BDC BT ET EMC');
    const figure = f.elem('Figure', f.document, alt);
    f.own(figure, 0, 0);
    expect(tagFiguresAsImages(f.doc)).toBe(1);
    expect(pageContent(f.doc, f.pages[0]!.node)).toBe('/Figure <</MCID 1>> BDC BT ET EMC');
    expect(mcidsOf(figure.dict)).toEqual([1]);
    expect(figure.dict.has(PDFName.of('A'))).toBe(false);
  });
});

describe('tagFiguresAsImages, the bounding box', () => {
  const withAttributes = async (a?: (ctx: PDFContext) => PDFObject) => {
    const f = await tagged('/Figure <</MCID 0>> BDC 10.004 20 30 40.006 re f EMC');
    const figure = f.elem('Figure', f.document, a ? { ...alt, A: a(f.ctx) } : alt);
    f.own(figure, 0, 0);
    tagFiguresAsImages(f.doc);
    return { ctx: f.ctx, a: figure.dict.get(PDFName.of('A')) };
  };
  const owners = (ctx: PDFContext, a: PDFObject | undefined) =>
    (ctx.lookup(a as PDFRef | PDFArray) as PDFArray).asArray().map((d) => ((d as PDFDict).get(PDFName.of('O')) as PDFName).decodeText());
  const table = (ctx: PDFContext) => ctx.obj({ O: 'Table', Scope: 'Column' });

  it('is a Layout attribute, its corners rounded to hundredths', async () => {
    const { a } = await withAttributes();
    expect((a as PDFDict).get(PDFName.of('O'))).toEqual(PDFName.of('Layout'));
    expect(bboxOf(a)).toEqual([10, 20, 40, 60.01]);
  });

  it('is added to the attributes a figure has: one dictionary, a list, or a list held elsewhere', async () => {
    const one = await withAttributes(table);
    expect(owners(one.ctx, one.a)).toEqual(['Table', 'Layout']);
    const inList = await withAttributes((ctx) => ctx.obj([table(ctx)]));
    expect(owners(inList.ctx, inList.a)).toEqual(['Table', 'Layout']);
    const elsewhere = await withAttributes((ctx) => ctx.register(ctx.obj([table(ctx)])));
    expect(elsewhere.a).toBeInstanceOf(PDFRef);
    expect(owners(elsewhere.ctx, elsewhere.a)).toEqual(['Table', 'Layout']);
    const dictElsewhere = await withAttributes((ctx) => ctx.register(table(ctx)));
    expect(owners(dictElsewhere.ctx, dictElsewhere.a)).toEqual(['Table', 'Layout']);
  });
});
