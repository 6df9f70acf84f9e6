import { describe, expect, it } from 'vitest';
import { PDFDict, PDFDocument, PDFName } from 'pdf-lib';
import { addBoxFont } from '../../../pdf-fixtures.ts';
import { mapActualTextToUnicode } from '../../../../src/pdf/post/unicode.ts';
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
