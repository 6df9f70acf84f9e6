/**
 * The highest total area coverage (c+m+y+k, %) over an image's pixels, for images in
 * ink-measurable spaces (CMYK, Separation, DeviceN, Indexed over them): its samples are read
 * when they are uncompressed or Flate-compressed (with PNG or TIFF predictors); other filters are
 * reported as not measured.
 */
import { inflateSync } from 'node:zlib';
import { PDFDict, PDFNumber, PDFRawStream, type PDFContext, type PDFObject } from 'pdf-lib';
import { getNumber, items } from '../../pdf/cos.ts';
import type { Space } from './colour-spaces.ts';
import { streamBytes } from './stream-bytes.ts';

export interface ImageCoverage {
  /** Max total area coverage, in %. */
  coverage?: number;
  /** Why the coverage was not measured. */
  unmeasured?: string;
}

export interface ImageSamples {
  space: Space;
  width: number;
  height: number;
  bitsPerComponent: number;
  /** Filter names, abbreviations expanded. */
  filters: string[];
  /** The image's /DecodeParms (or an inline image's /DP), and /Decode (/D). */
  decodeParms?: PDFObject;
  decode?: PDFObject;
  /** The XObject's stream, or an inline image's (still encoded) bytes. */
  data: PDFRawStream | Uint8Array | undefined;
}

const OPAQUE = ['DCTDecode', 'JPXDecode', 'JBIG2Decode', 'CCITTFaxDecode'];

export function measureImage(ctx: PDFContext, im: ImageSamples): ImageCoverage {
  const opaque = im.filters.find((f) => OPAQUE.includes(f));
  if (opaque) return { unmeasured: `it is ${opaque === 'DCTDecode' ? 'JPEG' : opaque} compressed, and only Flate-compressed or uncompressed samples are read` };
  if (im.data === undefined) return { unmeasured: 'its data could not be read' };
  if (![1, 2, 4, 8, 16].includes(im.bitsPerComponent)) return { unmeasured: `it has ${im.bitsPerComponent} bits per component` };
  const n = im.space.base !== undefined ? 1 : im.space.n;
  const bytes = samples(ctx, im, n);
  if (typeof bytes === 'string') return { unmeasured: bytes };
  const rowBytes = Math.ceil((im.width * n * im.bitsPerComponent) / 8);
  if (bytes.length < rowBytes * im.height) return { unmeasured: 'its data is shorter than its size says' };
  const decode = items(ctx, im.decode).map((x) => (x instanceof PDFNumber ? x.asNumber() : 0));
  const max = im.space.base !== undefined ? paletteCoverage(im, bytes, rowBytes, decode) : sampleCoverage(im, bytes, rowBytes, decode);
  return typeof max === 'string' ? { unmeasured: max } : { coverage: Math.round(max * 10000) / 100 };
}

/** The image's samples, filters and predictor undone; or why they cannot be read. */
function samples(ctx: PDFContext, im: ImageSamples, n: number): Uint8Array | string {
  let bytes: Uint8Array;
  try {
    if (im.data instanceof PDFRawStream) bytes = streamBytes(im.data);
    else if (im.filters.length === 0) bytes = im.data!;
    else if (im.filters.length === 1 && im.filters[0] === 'FlateDecode') bytes = inflateSync(im.data!);
    else return `inline image filters ${im.filters.join(', ')} are not read`;
  } catch (e) {
    return `its data could not be decoded (${e instanceof Error ? e.message : String(e)})`;
  }
  const parms = items(ctx, im.decodeParms).at(-1);
  const predictor = parms instanceof PDFDict ? (getNumber(ctx, parms, 'Predictor') ?? 1) : 1;
  const bpc = im.bitsPerComponent;
  if (predictor >= 10) return unPng(bytes, Math.ceil((im.width * n * bpc) / 8), Math.max(1, Math.ceil((n * bpc) / 8)));
  if (predictor !== 2) return bytes;
  return bpc === 8 ? unTiff(bytes, im.width, n) : 'it uses the TIFF predictor with other than 8 bits per component';
}

/** An Indexed image: the highest coverage among the palette entries its pixels use. */
function paletteCoverage(im: ImageSamples, bytes: Uint8Array, rowBytes: number, decode: number[]): number | string {
  const base = im.space.base!;
  const inks = base.inks;
  const lookup = im.space.lookup;
  if (!inks || !lookup) return 'its palette could not be read';
  const hival = im.space.hival ?? 0;
  const palette: number[] = [];
  for (let k = 0; k <= hival; k++) {
    let sum = 0;
    for (let j = 0; j < base.n; j++) sum += ((lookup[k * base.n + j] ?? 0) / 255) * inks[j]!;
    palette.push(sum);
  }
  const bpc = im.bitsPerComponent;
  const maxv = 2 ** bpc - 1;
  const used = new Uint8Array(hival + 1);
  for (let y = 0; y < im.height; y++) {
    for (let x = 0; x < im.width; x++) {
      let idx = sample(bytes, y * rowBytes, x, bpc);
      if (decode.length >= 2) idx = Math.round(decode[0]! + (idx * (decode[1]! - decode[0]!)) / maxv);
      if (idx >= 0 && idx <= hival) used[idx] = 1;
    }
  }
  let max = 0;
  for (let k = 0; k <= hival; k++) if (used[k] && palette[k]! > max) max = palette[k]!;
  return max;
}

/** Any other measurable image: the highest weighted sum of a pixel's components. */
function sampleCoverage(im: ImageSamples, bytes: Uint8Array, rowBytes: number, decode: number[]): number {
  const inks = im.space.inks!;
  if (im.bitsPerComponent === 8 && decode.length === 0) return coverage8(im, bytes, rowBytes, inks);
  const n = im.space.n;
  const bpc = im.bitsPerComponent;
  const maxv = 2 ** bpc - 1;
  const dmin = inks.map((_, j) => (decode.length >= 2 * n ? decode[2 * j]! : 0));
  const dmax = inks.map((_, j) => (decode.length >= 2 * n ? decode[2 * j + 1]! : 1));
  let max = 0;
  for (let y = 0; y < im.height; y++) {
    for (let x = 0; x < im.width; x++) {
      let s = 0;
      for (let j = 0; j < n; j++) {
        const v = sample(bytes, y * rowBytes, x * n + j, bpc) / maxv;
        s += (dmin[j]! + v * (dmax[j]! - dmin[j]!)) * inks[j]!;
      }
      if (s > max) max = s;
    }
  }
  return max;
}

/** The common case, 8-bit samples and no /Decode, in integer sums (ink weights are 0, 1 or 4). */
function coverage8(im: ImageSamples, bytes: Uint8Array, rowBytes: number, inks: number[]): number {
  const n = im.space.n;
  const weights = inks.map((k) => Math.round(k * 4));
  let maxRaw = 0;
  for (let y = 0; y < im.height; y++) {
    let p = y * rowBytes;
    for (let x = 0; x < im.width; x++) {
      let s = 0;
      for (let j = 0; j < n; j++) s += bytes[p++]! * weights[j]!;
      if (s > maxRaw) maxRaw = s;
    }
  }
  return maxRaw / 255 / 4;
}

/** The i-th sample of a row starting at byte `row`. */
function sample(bytes: Uint8Array, row: number, i: number, bpc: number): number {
  if (bpc === 8) return bytes[row + i] ?? 0;
  if (bpc === 16) return ((bytes[row + 2 * i] ?? 0) << 8) | (bytes[row + 2 * i + 1] ?? 0);
  const bit = i * bpc;
  const byte = bytes[row + (bit >> 3)] ?? 0;
  return (byte >> (8 - bpc - (bit & 7))) & ((1 << bpc) - 1);
}

/** The Paeth predictor (PNG filter type 4). */
function paeth(a: number, b: number, c: number): number {
  const p = a + b - c;
  const pa = Math.abs(p - a);
  const pb = Math.abs(p - b);
  const pc = Math.abs(p - c);
  return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
}

/** PNG filter types 0–4: what is added to a byte, from its left (a), upper (b) and upper-left (c) neighbours. */
const PNG_FILTERS: ((a: number, b: number, c: number) => number)[] = [() => 0, (a) => a, (_, b) => b, (a, b) => (a + b) >> 1, paeth];

/** Undoes PNG row predictors (Predictor ≥ 10): each row starts with a filter-type byte. */
function unPng(src: Uint8Array, rowBytes: number, bpp: number): Uint8Array {
  const rows = Math.floor(src.length / (rowBytes + 1));
  const out = new Uint8Array(rows * rowBytes);
  for (let r = 0; r < rows; r++) {
    const filter = PNG_FILTERS[src[r * (rowBytes + 1)]!] ?? PNG_FILTERS[0]!;
    const s = r * (rowBytes + 1) + 1;
    const o = r * rowBytes;
    const up = o - rowBytes;
    for (let i = 0; i < rowBytes; i++) {
      const a = i >= bpp ? out[o + i - bpp]! : 0;
      const b = r > 0 ? out[up + i]! : 0;
      const c = r > 0 && i >= bpp ? out[up + i - bpp]! : 0;
      out[o + i] = (src[s + i]! + filter(a, b, c)) & 0xff;
    }
  }
  return out;
}

/** Undoes the TIFF predictor 2 for 8-bit samples. */
function unTiff(src: Uint8Array, w: number, n: number): Uint8Array {
  const out = new Uint8Array(src);
  const rowBytes = w * n;
  for (let r = 0; r + rowBytes <= out.length; r += rowBytes) {
    for (let i = n; i < rowBytes; i++) out[r + i] = (out[r + i]! + out[r + i - n]!) & 0xff;
  }
  return out;
}
