import { describe, expect, it } from 'vitest';
import { PDFDict, PDFDocument, PDFName, PDFRef } from 'pdf-lib';
import { addBoxFont } from '../../../pdf-fixtures.ts';
import { mapActualTextToUnicode, setToUnicode } from '../../../../src/pdf/post/unicode.ts';
import { pageContent } from '../../../../src/pdf/objects.ts';
import { readFont } from '../../../../src/pdf/content-font.ts';

/** A one-page PDF drawing `content` with the box font (printable ASCII, each code mapped to itself) as /F1. */
async function onePage(content: string): Promise<PDFDocument> {
  const doc = await PDFDocument.create();
  const font = addBoxFont(doc.context);
  const page = doc.addPage([300, 300]);
  page.node.set(PDFName.of('Resources'), doc.context.obj({ Font: { F1: font } }));
  page.node.set(PDFName.of('Contents'), doc.context.register(doc.context.stream(content)));
  return doc;
}

const fontMap = (doc: PDFDocument) => {
  const fonts = doc.getPages()[0]!.node.Resources()!.lookup(PDFName.of('Font'), PDFDict);
  return readFont(doc, fonts.get(PDFName.of('F1')))!.unicode;
};

describe('mapActualTextToUnicode', () => {
  it('maps a glyph drawn only inside ActualText spans to that text, and drops the spans', async () => {
    const doc = await onePage("/P <</MCID 0>> BDC BT /F1 12 Tf 10 10 Td (It) Tj /Span <</ActualText <FEFF2019>>> BDC (') Tj EMC (s) Tj ET EMC");
    expect(fontMap(doc).get(0x27)).toBe("'");
    expect(mapActualTextToUnicode(doc)).toEqual({ glyphs: 1, spans: 1 });
    expect(fontMap(doc).get(0x27)).toBe('’');
    const content = pageContent(doc, doc.getPages()[0]!.node);
    expect(content).not.toContain('ActualText');
    expect(content).toContain("/P <</MCID 0>> BDC BT /F1 12 Tf 10 10 Td (It) Tj  (') Tj  (s) Tj ET EMC");
  });

  it('drops an ActualText span that draws nothing', async () => {
    const doc = await onePage('BT /F1 12 Tf (a) Tj /Span <</ActualText <FEFF2019>>> BDC EMC ET');
    expect(mapActualTextToUnicode(doc)).toEqual({ glyphs: 0, spans: 1 });
    expect(pageContent(doc, doc.getPages()[0]!.node)).not.toContain('ActualText');
  });

  it('keeps the map of a glyph also drawn for its own character, and the spans that say otherwise', async () => {
    const doc = await onePage("BT /F1 12 Tf (') Tj /Span <</ActualText <FEFF2019>>> BDC (') Tj EMC ET");
    expect(mapActualTextToUnicode(doc)).toEqual({ glyphs: 0, spans: 0 });
    expect(fontMap(doc).get(0x27)).toBe("'");
    expect(pageContent(doc, doc.getPages()[0]!.node)).toContain('ActualText');
  });

  it('keeps the map when the spans disagree, or a span covers more than one glyph', async () => {
    const disagree = await onePage("BT /F1 12 Tf /Span <</ActualText <FEFF2019>>> BDC (') Tj EMC /Span <</ActualText <FEFF02BC>>> BDC (') Tj EMC ET");
    expect(mapActualTextToUnicode(disagree)).toEqual({ glyphs: 0, spans: 0 });
    const ligature = await onePage('BT /F1 12 Tf /Span <</ActualText <FEFF00660069>>> BDC (ab) Tj EMC ET');
    expect(mapActualTextToUnicode(ligature)).toEqual({ glyphs: 0, spans: 0 });
    expect(fontMap(ligature).get(0x61)).toBe('a');
  });
});

const content = (doc: PDFDocument) => pageContent(doc, doc.getPages()[0]!.node);
const apostrophe = (glyphs: string) => `/Span <</ActualText <FEFF2019>>> BDC (${glyphs}) Tj EMC`;

describe('mapActualTextToUnicode, which glyphs', () => {
  it('remaps each glyph said otherwise, counting glyphs and spans', async () => {
    const doc = await onePage(`BT /F1 12 Tf ${apostrophe("'")} /Span <</ActualText <FEFF2014>>> BDC (~) Tj EMC ${apostrophe("'")} ET`);
    expect(mapActualTextToUnicode(doc)).toEqual({ glyphs: 2, spans: 3 });
    expect([fontMap(doc).get(0x27), fontMap(doc).get(0x7e), fontMap(doc).get(0x61)]).toEqual(['’', '—', 'a']);
    expect(content(doc)).toBe("BT /F1 12 Tf  (') Tj   (~) Tj   (') Tj  ET");
  });

  it('finds the span around a glyph drawn inside other marked content within it', async () => {
    const doc = await onePage("BT /F1 12 Tf /Span <</ActualText <FEFF2019>>> BDC /Emph BMC (') Tj EMC EMC ET");
    expect(mapActualTextToUnicode(doc)).toEqual({ glyphs: 1, spans: 1 });
    expect(fontMap(doc).get(0x27)).toBe('’');
    expect(content(doc)).toBe("BT /F1 12 Tf  /Emph BMC (') Tj EMC  ET");
  });

  it('counts the glyphs of every text a span draws: two one-glyph texts are not one glyph', async () => {
    const doc = await onePage("BT /F1 12 Tf /Span <</ActualText <FEFF2019>>> BDC (') Tj (') Tj EMC ET");
    expect(mapActualTextToUnicode(doc)).toEqual({ glyphs: 0, spans: 0 });
    expect(fontMap(doc).get(0x27)).toBe("'");
  });

  it('still remaps a glyph that is also part of a longer span, which says nothing about it alone', async () => {
    const doc = await onePage(`BT /F1 12 Tf /Span <</ActualText <FEFF00660069>>> BDC ('b) Tj EMC ${apostrophe("'")} ET`);
    expect(mapActualTextToUnicode(doc)).toEqual({ glyphs: 1, spans: 1 });
    expect(fontMap(doc).get(0x27)).toBe('’');
    expect(content(doc)).toContain("/Span <</ActualText <FEFF00660069>>> BDC ('b) Tj EMC");
  });

  it('keeps a map that already says what the spans say, and drops the spans', async () => {
    const doc = await onePage("BT /F1 12 Tf /Span <</ActualText <FEFF0027>>> BDC (') Tj EMC ET");
    expect(mapActualTextToUnicode(doc)).toEqual({ glyphs: 0, spans: 1 });
    expect(content(doc)).toBe("BT /F1 12 Tf  (') Tj  ET");
  });

  it('remaps in the font that draws the glyph, across pages', async () => {
    const doc = await onePage(`BT /F1 12 Tf (') Tj ET`);
    const ctx = doc.context;
    const other = addBoxFont(ctx);
    const page = doc.addPage([300, 300]);
    page.node.set(PDFName.of('Resources'), ctx.obj({ Font: { F2: other } }));
    page.node.set(PDFName.of('Contents'), ctx.register(ctx.stream(`BT /F2 12 Tf ${apostrophe("'")} ET`)));
    expect(mapActualTextToUnicode(doc)).toEqual({ glyphs: 1, spans: 1 });
    expect(fontMap(doc).get(0x27)).toBe("'");
    const second = page.node.Resources()!.lookup(PDFName.of('Font'), PDFDict);
    expect(readFont(doc, second.get(PDFName.of('F2')))!.unicode.get(0x27)).toBe('’');
  });
});

describe('mapActualTextToUnicode, which spans', () => {
  it('keeps a span with more to say than its ActualText: an MCID, other entries', async () => {
    const kept = ["/Span <</MCID 0 /ActualText <FEFF2019>>> BDC (') Tj EMC", "/Span <</ActualText <FEFF2019> /Lang (en)>> BDC (') Tj EMC"];
    for (const span of kept) {
      const doc = await onePage(`BT /F1 12 Tf ${span} ET`);
      expect(mapActualTextToUnicode(doc)).toEqual({ glyphs: 1, spans: 0 });
      expect(content(doc)).toBe(`BT /F1 12 Tf ${span} ET`);
    }
  });

  it('drops a span written with a literal string or with spaces, and one whose glyphs read the same', async () => {
    const doc = await onePage("BT /F1 12 Tf /Span<</ActualText(\\)\\()>>BDC (\\)\\() Tj EMC /Span  <<  /ActualText  (ab)  >>  BDC (ab) Tj EMC ET");
    expect(mapActualTextToUnicode(doc)).toEqual({ glyphs: 0, spans: 2 });
    expect(content(doc)).toBe('BT /F1 12 Tf  (\\)\\() Tj   (ab) Tj  ET');
  });

  it('drops a span whose glyphs, over several texts, read as its text (a glyph with no mapping reads as nothing)', async () => {
    const doc = await onePage('BT /F1 12 Tf /Span <</ActualText (ab)>> BDC (a) Tj (\\001b) Tj EMC ET');
    expect(mapActualTextToUnicode(doc)).toEqual({ glyphs: 0, spans: 1 });
    expect(content(doc)).toBe('BT /F1 12 Tf  (a) Tj (\\001b) Tj  ET');
  });

  it('keeps a span that is never closed', async () => {
    const doc = await onePage("BT /F1 12 Tf /Span <</ActualText <FEFF0027>>> BDC (') Tj ET");
    expect(mapActualTextToUnicode(doc)).toEqual({ glyphs: 0, spans: 0 });
    expect(content(doc)).toBe("BT /F1 12 Tf /Span <</ActualText <FEFF0027>>> BDC (') Tj ET");
  });
});

describe('setToUnicode', () => {
  it('gives the font a map of its own, deleting the old one', async () => {
    const doc = await onePage('');
    const font = doc.getPages()[0]!.node.Resources()!.lookup(PDFName.of('Font'), PDFDict).lookup(PDFName.of('F1'), PDFDict);
    const old = font.get(PDFName.of('ToUnicode')) as PDFRef;
    setToUnicode(doc, font, new Map([[0x41, 'Ä']]), 1);
    expect(readFont(doc, font)!.unicode).toEqual(new Map([[0x41, 'Ä']]));
    expect(doc.context.lookup(old)).toBeUndefined();
  });

  it('keeps the old map while another font uses it', async () => {
    const doc = await onePage('');
    const fonts = doc.getPages()[0]!.node.Resources()!.lookup(PDFName.of('Font'), PDFDict);
    const first = fonts.lookup(PDFName.of('F1'), PDFDict);
    const twin = first.clone(doc.context);
    fonts.set(PDFName.of('F2'), doc.context.register(twin));
    setToUnicode(doc, first, new Map([[0x41, 'Ä']]), 1);
    expect(readFont(doc, twin)!.unicode.get(0x41)).toBe('A');
    expect(readFont(doc, first)!.unicode.get(0x41)).toBe('Ä');
  });
});
