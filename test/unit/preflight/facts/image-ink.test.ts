/** facts/image-ink.ts: the highest total ink over an image's pixels, through filters and predictors. */
import { deflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { PDFContext, PDFName, PDFString } from 'pdf-lib';
import { ColourSpaces } from '../../../../src/preflight/facts/colour-spaces.ts';
import { measureImage, type ImageSamples } from '../../../../src/preflight/facts/image-ink.ts';

const ctx = PDFContext.create();
const spaces = new ColourSpaces(ctx);
const CMYK = spaces.of(PDFName.of('DeviceCMYK'), undefined);

/** A w×h CMYK image of varied pixels up to 200 per component, with one pixel at 255 255 255 200 (378.43 %). */
function pixels(w: number, h: number, peak: [number, number]): Uint8Array {
  const out = new Uint8Array(w * h * 4);
  let seed = 7;
  for (let i = 0; i < out.length; i++) out[i] = (seed = (seed * 73 + 41) % 201);
  out.set([255, 255, 255, 200], (peak[1] * w + peak[0]) * 4);
  return out;
}
const PEAK = 378.43;

/** PNG-filters rows of `raw` (filter type = row number mod 5: None, Sub, Up, Average, Paeth). */
function pngEncode(raw: Uint8Array, rowBytes: number, bpp: number): Uint8Array {
  const rows = raw.length / rowBytes;
  const out = new Uint8Array(rows * (rowBytes + 1));
  const at = (r: number, i: number) => (r < 0 || i < 0 ? 0 : raw[r * rowBytes + i]!);
  for (let r = 0; r < rows; r++) {
    const type = r % 5;
    out[r * (rowBytes + 1)] = type;
    for (let i = 0; i < rowBytes; i++) {
      const [a, b, c] = [at(r, i - bpp), at(r - 1, i), at(r - 1, i - bpp)];
      const p = a + b - c;
      const paeth = Math.abs(p - a) <= Math.abs(p - b) && Math.abs(p - a) <= Math.abs(p - c) ? a : Math.abs(p - b) <= Math.abs(p - c) ? b : c;
      const pred = [0, a, b, (a + b) >> 1, paeth][type]!;
      out[r * (rowBytes + 1) + 1 + i] = (at(r, i) - pred) & 0xff;
    }
  }
  return out;
}

function image(data: Uint8Array, over: Partial<ImageSamples> = {}): ImageSamples {
  return { space: CMYK, width: 6, height: 10, bitsPerComponent: 8, filters: ['FlateDecode'], data: ctx.flateStream(data), ...over };
}

describe('measureImage', () => {
  it('PNG predictors: every filter type, rows decoded in order', () => {
    const raw = pixels(6, 10, [5, 9]);
    const parms = ctx.obj({ Predictor: 15, Colors: 4, Columns: 6 });
    expect(measureImage(ctx, image(pngEncode(raw, 24, 4), { decodeParms: parms }))).toEqual({ coverage: PEAK });
    expect(measureImage(ctx, image(raw))).toEqual({ coverage: PEAK });
  });

  it('the TIFF predictor for 8-bit samples; refused for others', () => {
    const raw = pixels(6, 10, [2, 4]);
    const diff = raw.map((v, i) => (i % 24 >= 4 ? (v - raw[i - 4]!) & 0xff : v));
    const parms = ctx.obj({ Predictor: 2, Colors: 4, Columns: 6 });
    expect(measureImage(ctx, image(diff, { decodeParms: parms }))).toEqual({ coverage: PEAK });
    expect(measureImage(ctx, image(diff, { decodeParms: parms, bitsPerComponent: 16 })).unmeasured).toMatch(/TIFF predictor/);
  });

  it('16-bit samples and a /Decode array', () => {
    const data = new Uint8Array([0xff, 0xff, 0, 0, 0, 0, 0, 0, 0xff, 0xff, 0xff, 0xff, 0, 0, 0, 0]);
    expect(measureImage(ctx, image(data, { width: 2, height: 1, bitsPerComponent: 16 }))).toEqual({ coverage: 200 });
    // Inverted: the all-zero components become full ink.
    const decode = ctx.obj([1, 0, 1, 0, 1, 0, 1, 0]);
    expect(measureImage(ctx, image(data, { width: 2, height: 1, bitsPerComponent: 16, decode }))).toEqual({ coverage: 300 });
  });

  it('an Indexed image counts only the palette entries its pixels use (4-bit indices)', () => {
    const palette = PDFString.of('\x00\x00\x00\x00\xff\xff\xff\xff\xff\x00\x00\x00');
    const space = spaces.of(ctx.obj(['Indexed', 'DeviceCMYK', 2, palette]), undefined);
    // Indices 0, 2, 0: entry 1 (400 %) is never used.
    expect(measureImage(ctx, image(new Uint8Array([0x02, 0x00]), { space, width: 3, height: 1, bitsPerComponent: 4 }))).toEqual({ coverage: 100 });
  });

  it('says why when it cannot measure', () => {
    const raw = pixels(6, 10, [0, 0]);
    expect(measureImage(ctx, image(raw, { filters: ['JPXDecode'] })).unmeasured).toMatch(/JPXDecode compressed/);
    expect(measureImage(ctx, image(raw, { data: undefined })).unmeasured).toBe('its data could not be read');
    expect(measureImage(ctx, image(raw, { bitsPerComponent: 5 })).unmeasured).toBe('it has 5 bits per component');
    expect(measureImage(ctx, image(raw, { data: raw, filters: ['LZWDecode'] })).unmeasured).toBe('inline image filters LZWDecode are not read');
    expect(measureImage(ctx, image(raw, { height: 11 })).unmeasured).toBe('its data is shorter than its size says');
    expect(measureImage(ctx, image(raw, { data: deflateSync(raw).subarray(0, 5) })).unmeasured).toMatch(/could not be decoded/);
  });
});
