/** An image's parameters, from an image XObject's dictionary or an inline image's abbreviated keys (ISO 32000-1, 8.9.7). */
import { PDFNumber, type PDFContext, type PDFDict, type PDFObject } from 'pdf-lib';
import { get, items, nameOf } from '../../pdf/cos.ts';

/** The object name of inline images (they have no object number). */
export const INLINE = 'inline image';

export interface ImageDict {
  imageMask: boolean;
  width?: number;
  height?: number;
  bitsPerComponent: number;
  /** Filter names, abbreviations expanded. */
  filters: string[];
  colourSpace?: PDFObject;
  decodeParms?: PDFObject;
  decode?: PDFObject;
}

const FILTER_NAMES = new Map([
  ['AHx', 'ASCIIHexDecode'],
  ['A85', 'ASCII85Decode'],
  ['LZW', 'LZWDecode'],
  ['Fl', 'FlateDecode'],
  ['RL', 'RunLengthDecode'],
  ['CCF', 'CCITTFaxDecode'],
  ['DCT', 'DCTDecode'],
]);

const numberOf = (o: PDFObject | undefined) => (o instanceof PDFNumber ? o.asNumber() : undefined);

export function readImageDict(ctx: PDFContext, dict: PDFDict, inline: boolean): ImageDict {
  const key = (k: string, short: string) => (inline ? (get(ctx, dict, k) ?? get(ctx, dict, short)) : get(ctx, dict, k));
  const im: ImageDict = {
    imageMask: key('ImageMask', 'IM')?.toString() === 'true',
    bitsPerComponent: numberOf(key('BitsPerComponent', 'BPC')) ?? 8,
    filters: items(ctx, key('Filter', 'F')).map((f) => {
      const name = nameOf(f) ?? '';
      return FILTER_NAMES.get(name) ?? name;
    }),
  };
  const set = <K extends keyof ImageDict>(k: K, v: ImageDict[K] | undefined) => {
    if (v !== undefined) im[k] = v;
  };
  set('width', numberOf(key('Width', 'W')));
  set('height', numberOf(key('Height', 'H')));
  set('colourSpace', key('ColorSpace', 'CS'));
  set('decodeParms', key('DecodeParms', 'DP'));
  set('decode', key('Decode', 'D'));
  return im;
}
