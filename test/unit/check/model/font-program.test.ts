import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { PDFDict, PDFDocument, PDFName } from 'pdf-lib';
import { getDict, getName, items } from '../../../../src/pdf/cos.ts';
import { readFontProgram } from '../../../../src/check/model/font-program.ts';

const CORPUS = path.join(import.meta.dirname, '../../../fixtures/verapdf');

/** The descriptor of the first font named `base` (its CIDFont's, for a Type0 font). */
async function descriptor(file: string, base: RegExp) {
  const doc = await PDFDocument.load(readFileSync(path.join(CORPUS, file)), { updateMetadata: false });
  const ctx = doc.context;
  for (const [, obj] of ctx.enumerateIndirectObjects()) {
    if (!(obj instanceof PDFDict) || getName(ctx, obj, 'Type') !== 'Font' || !base.test(getName(ctx, obj, 'BaseFont') ?? '')) continue;
    const font = getName(ctx, obj, 'Subtype') === 'Type0' ? (items(ctx, obj.get(PDFName.of('DescendantFonts')))[0] as PDFDict) : obj;
    return { ctx, fd: getDict(ctx, font, 'FontDescriptor') };
  }
  throw new Error(`no font ${base} in ${file}`);
}

describe('embedded font programs through fontkit', () => {
  it('TrueType (FontFile2): glyphs, widths in thousandths of an em, cmap subtables', async () => {
    const { ctx, fd } = await descriptor('7.21.5-t01-pass-a.pdf', /TimesNewRoman/);
    const p = readFontProgram(ctx, fd)!;
    expect(p.kind).toBe('truetype');
    expect(p.numGlyphs).toBeGreaterThan(1);
    expect(p.cmaps.some((c) => c.platformID === 3 && c.encodingID === 1)).toBe(true);
    const gid = p.glyphForUnicode(0x41);
    expect(gid).toBeGreaterThan(0);
    expect(p.advance(gid)).toBeCloseTo(722, 0); // Times New Roman's A
  });

  it('bare CFF (FontFile3 /Type1C) in the OpenType wrapper: glyph names', async () => {
    const { ctx, fd } = await descriptor('7.21.4.2-t01-pass-a.pdf', /AdobeNaskh/);
    const p = readFontProgram(ctx, fd)!;
    expect(p.kind).toBe('cff');
    expect(p.glyphName(0)).toBe('.notdef');
    expect(p.cids).toBeUndefined();
    const names = Array.from({ length: p.numGlyphs }, (_, g) => p.glyphName(g));
    expect(names.filter(Boolean).length).toBe(p.numGlyphs);
  });

  it('CID-keyed CFF (FontFile3 /CIDFontType0C): CIDs by GID', async () => {
    const { ctx, fd } = await descriptor('7.21.8-t01-fail-a.pdf', /KozMinPro/);
    const p = readFontProgram(ctx, fd)!;
    expect(p.kind).toBe('cff');
    expect(p.cids![0]).toBe(0);
    expect(p.cids).toHaveLength(p.numGlyphs);
  });

  it('no program, or one that cannot be read, gives undefined rather than an error', async () => {
    const { ctx } = await descriptor('7.21.5-t01-pass-a.pdf', /TimesNewRoman/);
    expect(readFontProgram(ctx, undefined)).toBeUndefined();
    const broken = ctx.obj({ FontFile2: ctx.register(ctx.stream('not a font')) });
    expect(readFontProgram(ctx, broken)).toBeUndefined();
  });
});
