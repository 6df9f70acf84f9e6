import { describe, expect, it } from 'vitest';
import { PDFDict, PDFDocument, PDFName, PDFNumber } from 'pdf-lib';
import { convertToCmyk, findCmykProfile } from '../../../src/print/convert-to-cmyk.ts';
import { pageContent } from '../../../src/pdf/objects.ts';
import { addBoxFont } from '../../pdf-fixtures.ts';

/** A tagged page: an RGB heading and an RGB bar, each in its marked content. */
async function tagged(): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const ctx = doc.context;
  const page = doc.addPage([200, 200]);
  page.node.set(PDFName.of('Resources'), ctx.obj({ Font: { F1: addBoxFont(ctx) } }));
  page.node.set(PDFName.of('Contents'), ctx.register(ctx.stream('/H1 <</MCID 0>> BDC 0.2 0.3 0.8 rg BT /F1 12 Tf 20 150 Td (Title) Tj ET EMC /Figure <</MCID 1>> BDC 1 0.5 0 rg 20 20 50 50 re f EMC')));
  page.node.set(PDFName.of('StructParents'), PDFNumber.of(0));
  const root = ctx.register(ctx.obj({ Type: 'StructTreeRoot' }));
  doc.catalog.set(PDFName.of('StructTreeRoot'), root);
  return doc.save();
}

describe('convertToCmyk', () => {
  it('for PDF/X-4, rewrites the colours with Ghostscript’s CMYK values and keeps content and tags as they were', async () => {
    const profile = await findCmykProfile();
    const { pdf, warnings } = await convertToCmyk(await tagged(), { pdfx: 'x4', profile, timeoutMs: 60_000 });
    expect(warnings).toEqual([]);
    const doc = await PDFDocument.load(pdf);
    const content = pageContent(doc, doc.getPages()[0]!.node);
    expect(content).toMatch(/^\/H1 <<\/MCID 0>> BDC [\d.]+ [\d.]+ [\d.]+ [\d.]+ k BT \/F1 12 Tf 20 150 Td \(Title\) Tj ET EMC \/Figure <<\/MCID 1>> BDC [\d.]+ [\d.]+ [\d.]+ [\d.]+ k 20 20 50 50 re f EMC$/);
    expect(content).not.toMatch(/\brg\b/);
    expect(doc.catalog.lookup(PDFName.of('StructTreeRoot'), PDFDict)).toBeDefined();
  });

  it('for PDF/X-1a, converts with Ghostscript (transparency flattened) and says the tags are gone', async () => {
    const profile = await findCmykProfile();
    const { pdf, warnings } = await convertToCmyk(await tagged(), { pdfx: 'x1a', profile, timeoutMs: 60_000 });
    expect(warnings.map((w) => w.code)).toEqual(['print/untagged']);
    const doc = await PDFDocument.load(pdf);
    expect(doc.catalog.get(PDFName.of('StructTreeRoot'))).toBeUndefined();
  });
});
