/**
 * An image's or ICC profile's decoded bytes, fast: Flate alone (nearly every stream a browser
 * writes) is inflated with zlib, faster than pdf-lib's JavaScript decoder on large images,
 * which stays the fallback for other filters and for damaged data zlib refuses.
 */
import { inflateSync } from 'node:zlib';
import { decodePDFRawStream, PDFArray, PDFName, PDFRawStream, type PDFStream } from 'pdf-lib';

export function streamBytes(s: PDFRawStream): Uint8Array {
  const filter = s.dict.lookup(PDFName.of('Filter'));
  const single = filter instanceof PDFName ? filter : filter instanceof PDFArray && filter.size() === 1 ? filter.lookup(0) : undefined;
  if (single instanceof PDFName && single.decodeText() === 'FlateDecode') {
    try {
      return inflateSync(s.contents);
    } catch {
      // fall through to pdf-lib's more forgiving decoder
    }
  }
  return decodePDFRawStream(s).decode();
}

/** The number of components an ICC profile's header says its data colour space has. */
export function iccComponents(s: PDFStream): number | undefined {
  if (!(s instanceof PDFRawStream)) return undefined;
  let head: Uint8Array;
  try {
    head = streamBytes(s).subarray(16, 20);
  } catch {
    return undefined;
  }
  const sig = Buffer.from(head).toString('latin1');
  return ({ 'CMYK': 4, 'RGB ': 3, 'GRAY': 1, 'Lab ': 3 } as Record<string, number>)[sig];
}
