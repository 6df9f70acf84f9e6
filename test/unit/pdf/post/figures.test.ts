import { describe, expect, it } from 'vitest';
import { PDFArray, PDFDict, PDFDocument, PDFName, PDFNull, PDFNumber, PDFString } from 'pdf-lib';
import { addBoxFont } from '../../../pdf-fixtures.ts';
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
