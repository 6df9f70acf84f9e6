import { describe, expect, it } from 'vitest';
import { PDFDict, PDFDocument, PDFName } from 'pdf-lib';
import { addBoxFont } from '../../../pdf-fixtures.ts';
import { spaceWordBreaks } from '../../../../src/pdf/post/word-breaks.ts';
import { setToUnicode } from '../../../../src/pdf/post/unicode.ts';
import { pageContent } from '../../../../src/pdf/objects.ts';

async function pages(...contents: string[]): Promise<PDFDocument> {
  const doc = await PDFDocument.create();
  const font = addBoxFont(doc.context);
  for (const content of contents) {
    const page = doc.addPage([300, 300]);
    page.node.set(PDFName.of('Resources'), doc.context.obj({ Font: { F1: font } }));
    page.node.set(PDFName.of('Contents'), doc.context.register(doc.context.stream(content)));
  }
  return doc;
}

const text = (doc: PDFDocument, n = 0) => pageContent(doc, doc.getPages()[n]!.node);
// Lines of a paragraph as Chromium draws them: each line its own BT … ET, no space where it wraps.
const line = (y: number, s: string) => `BT /F1 10 Tf 1 0 0 1 10 ${y} Tm (${s}) Tj ET`;

describe('spaceWordBreaks', () => {
  it('draws a space glyph after the last glyph of a wrapped line', async () => {
    const doc = await pages(`/P <</MCID 0>> BDC ${line(200, '20 years')} ${line(188, 'of PyCon')} EMC`);
    expect(spaceWordBreaks(doc)).toBe(1);
    expect(text(doc)).toBe(`/P <</MCID 0>> BDC BT /F1 10 Tf 1 0 0 1 10 200 Tm (20 years) Tj <20> Tj ET ${line(188, 'of PyCon')} EMC`);
  });

  it('ends a word where layout sets text apart on one line, and where a page ends', async () => {
    const doc = await pages(
      '/TD <</MCID 0>> BDC BT /F1 10 Tf 1 0 0 1 10 200 Tm (Where) Tj ET EMC /TD <</MCID 1>> BDC BT /F1 10 Tf 1 0 0 1 100 200 Tm (Pittsburgh) Tj ET EMC',
      `/P <</MCID 0>> BDC ${line(200, 'continued')} EMC`,
    );
    expect(spaceWordBreaks(doc)).toBe(2);
    expect(text(doc)).toContain('(Where) Tj <20> Tj ET');
    expect(text(doc)).toContain('(Pittsburgh) Tj <20> Tj ET');
  });

  it('leaves lines that end in a space, letters set close, and artifacts alone', async () => {
    const doc = await pages(
      `/P <</MCID 0>> BDC ${line(200, 'ends with a ')} ${line(188, 'space')} EMC`,
      '/P <</MCID 0>> BDC BT /F1 10 Tf 1 0 0 1 10 200 Tm (V) Tj 7 0 Td (I) Tj ET EMC /Artifact BMC BT /F1 10 Tf 1 0 0 1 10 20 Tm (12 of 26) Tj ET EMC',
    );
    spaceWordBreaks(doc);
    expect(text(doc)).toContain('(ends with a ) Tj ET');
    // The last words of the document: nothing follows them.
    expect(text(doc, 1)).toBe('/P <</MCID 0>> BDC BT /F1 10 Tf 1 0 0 1 10 200 Tm (V) Tj 7 0 Td (I) Tj ET EMC /Artifact BMC BT /F1 10 Tf 1 0 0 1 10 20 Tm (12 of 26) Tj ET EMC');
  });

  it('before a dash, adds a space only where the HTML has one', async () => {
    const doc = await pages(`/P <</MCID 0>> BDC ${line(200, 'this year')} ${line(188, '~we won')} EMC`);
    // The box font draws ASCII: its ~ reads as an em dash here.
    const font = doc.getPages()[0]!.node.Resources()!.lookup(PDFName.of('Font'), PDFDict).lookup(PDFName.of('F1'), PDFDict);
    setToUnicode(doc, font, new Map([...Array.from({ length: 95 }, (_, i) => [32 + i, String.fromCharCode(32 + i)] as [number, string]), [0x7e, '—']]), 1);
    expect(spaceWordBreaks(doc, 'what happened this year—we won')).toBe(0);
    expect(text(doc)).toContain('(this year) Tj ET');
  });

  it('after a hyphen or dash, adds a space only where the HTML has one', async () => {
    const doc = await pages(
      `/P <</MCID 0>> BDC ${line(200, 'CPython developers-')} ${line(188, 'in-residence and')} ${line(176, 'what a year -')} ${line(164, 'we did it')} EMC`,
    );
    expect(spaceWordBreaks(doc, 'Our CPython developers-in-residence and what a year - we did it')).toBe(2);
    expect(text(doc)).toContain('(CPython developers-) Tj ET');
    expect(text(doc)).toContain('(what a year -) Tj <20> Tj ET');
  });
});

/** Sets F1's map to the box font's (printable ASCII to itself) without the space. */
const withoutSpace = (doc: PDFDocument, page = 0) => {
  const font = doc.getPages()[page]!.node.Resources()!.lookup(PDFName.of('Font'), PDFDict).lookup(PDFName.of('F1'), PDFDict);
  setToUnicode(doc, font, new Map(Array.from({ length: 94 }, (_, i) => [33 + i, String.fromCharCode(33 + i)] as [number, string])), 1);
};

describe('spaceWordBreaks, where', () => {
  it('leaves a line alone that the next one starts with a space, and text drawn with no glyphs', async () => {
    const doc = await pages(`/P <</MCID 0>> BDC ${line(200, 'first')} ${line(188, ' second')} BT /F1 10 Tf 1 0 0 1 100 20 Tm () Tj ET EMC`);
    expect(spaceWordBreaks(doc)).toBe(0);
  });

  it('reads the HTML without regard to case or how its white space is written', async () => {
    const doc = await pages(`/P <</MCID 0>> BDC ${line(200, 'Our CPython Developers-')} ${line(188, 'In-Residence and')} ${line(176, 'what a year -')} ${line(164, 'We did it')} EMC`);
    expect(spaceWordBreaks(doc, 'our cpython developers-in-residence and\n what a   year -\n\twe did it')).toBe(2);
    expect(text(doc)).toContain('(Our CPython Developers-) Tj ET');
    expect(text(doc)).toContain('(what a year -) Tj <20> Tj ET');
  });

  it('matches the HTML on the words either side of the break only: it lacks what CSS draws (a list marker, a note’s number)', async () => {
    const doc = await pages(
      `/P <</MCID 0>> BDC ${line(200, '1. what a year -')} ${line(188, 'we did it[1]')} ${line(176, 'and a plan -')} ${line(164, 'togetherness[2] won')} EMC`,
    );
    expect(spaceWordBreaks(doc, 'what a year - we did it and a plan - togetherness won')).toBe(3);
    expect(text(doc)).toContain('(1. what a year -) Tj <20> Tj ET');
    expect(text(doc)).toContain('(and a plan -) Tj <20> Tj ET');
  });
});

describe('spaceWordBreaks, more breaks', () => {
  it('ends a word at the foot of a page even where the next page’s text starts at the same place', async () => {
    // "end" drawn at x 10 ends at x 28 (three glyphs of 0.6 em at 10 pt).
    const doc = await pages(`/P <</MCID 0>> BDC ${line(200, 'end')} EMC`, '/P <</MCID 0>> BDC BT /F1 10 Tf 1 0 0 1 28 200 Tm (next) Tj ET EMC');
    expect(spaceWordBreaks(doc)).toBe(1);
    expect(text(doc)).toContain('(end) Tj <20> Tj ET');
  });

  it('reads a line drawn in several pieces as one at a dash', async () => {
    const doc = await pages(
      '/P <</MCID 0>> BDC BT /F1 10 Tf 1 0 0 1 10 200 Tm (what a ) Tj (year -) Tj ET BT /F1 10 Tf 1 0 0 1 10 188 Tm (w) Tj (e did it) Tj ET EMC',
    );
    expect(spaceWordBreaks(doc, 'what a year - we did it')).toBe(1);
    expect(text(doc)).toContain('(year -) Tj <20> Tj ET');
  });

  it('adds no space at a hyphen without the HTML to tell', async () => {
    const doc = await pages(`/P <</MCID 0>> BDC ${line(200, 'developers-')} ${line(188, 'in-residence')} EMC`);
    expect(spaceWordBreaks(doc)).toBe(0);
  });
});

describe('spaceWordBreaks, the space drawn', () => {
  it('is borrowed from another of the page’s fonts when the text’s font has none, and the text’s font selected again', async () => {
    const doc = await pages(`/P <</MCID 0>> BDC ${line(200, 'years')} BT /F2 10 Tf 1 0 0 1 10 188 Tm (of PyCon) Tj ET EMC`);
    const fonts = doc.getPages()[0]!.node.Resources()!.lookup(PDFName.of('Font'), PDFDict);
    fonts.set(PDFName.of('F2'), addBoxFont(doc.context));
    withoutSpace(doc);
    expect(spaceWordBreaks(doc)).toBe(1);
    expect(text(doc)).toContain('(years) Tj /F2 10 Tf <20> Tj /F1 10 Tf ET');
  });

  it('is borrowed only from a font the page names under /Font, not one set by a graphics state', async () => {
    const doc = await pages(`/P <</MCID 0>> BDC BT /GS1 gs 1 0 0 1 10 200 Tm (years) Tj ET BT /GS2 gs 1 0 0 1 10 188 Tm (of PyCon) Tj ET EMC`);
    const ctx = doc.context;
    const resources = doc.getPages()[0]!.node.Resources()!;
    const spaceless = resources.lookup(PDFName.of('Font'), PDFDict).get(PDFName.of('F1'))!;
    resources.delete(PDFName.of('Font'));
    resources.set(PDFName.of('ExtGState'), ctx.obj({ GS1: { Font: [spaceless, 10] }, GS2: { Font: [addBoxFont(ctx), 10] } }));
    setToUnicode(doc, ctx.lookup(spaceless, PDFDict), new Map(Array.from({ length: 94 }, (_, i) => [33 + i, String.fromCharCode(33 + i)] as [number, string])), 1);
    expect(spaceWordBreaks(doc)).toBe(0);
  });

  it('is not drawn when no font of the page has one', async () => {
    const doc = await pages(`/P <</MCID 0>> BDC ${line(200, 'years')} ${line(188, 'of PyCon')} EMC`);
    withoutSpace(doc);
    expect(spaceWordBreaks(doc)).toBe(0);
  });

  it('is written as two bytes in a two-byte font', async () => {
    const doc = await pages('/P <</MCID 0>> BDC BT /F0 10 Tf 1 0 0 1 10 200 Tm <00410042> Tj ET BT /F0 10 Tf 1 0 0 1 10 188 Tm <0043> Tj ET EMC');
    const ctx = doc.context;
    const map = new Map([[0x41, 'A'], [0x42, 'B'], [0x43, 'C'], [0x20, ' ']]);
    const type0 = ctx.obj({ Type: 'Font', Subtype: 'Type0', BaseFont: 'X', Encoding: 'Identity-H', DescendantFonts: [{ Type: 'Font', Subtype: 'CIDFontType2', BaseFont: 'X', DW: 600 }] });
    setToUnicode(doc, type0, map, 2);
    doc.getPages()[0]!.node.Resources()!.lookup(PDFName.of('Font'), PDFDict).set(PDFName.of('F0'), ctx.register(type0));
    expect(spaceWordBreaks(doc)).toBe(1);
    expect(text(doc)).toContain('<00410042> Tj <0020> Tj ET');
  });
});
