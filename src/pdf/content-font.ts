/**
 * A font as page content uses it (ISO 32000-1, 9.2.4, 9.7.4.3, 9.10.3): bytes per character
 * code, glyph widths and the ToUnicode map — what placing shown text and reading it back needs.
 */
import { PDFArray, PDFDict, PDFName, PDFNumber, PDFRawStream, type PDFDocument, type PDFRef } from 'pdf-lib';
import { decodeLatin1, getArray, getName, resolve } from './cos.ts';
import { parseToUnicode } from './to-unicode.ts';

export interface ContentFont {
  dict: PDFDict;
  /** Bytes per character code: 2 for Type0 fonts (Chromium's Identity-H), else 1. */
  bytes: 1 | 2;
  /** Glyph width in thousandths of the font size. */
  width(code: number): number;
  /** The ToUnicode mapping (empty when the font has none). */
  unicode: Map<number, string>;
}

/** Fonts already read, by font dictionary: pass one to readPageContent for every page of a document. */
export type FontCache = Map<PDFDict, ContentFont>;

export function readFont(doc: PDFDocument, entry: unknown, fontCache: FontCache = new Map()): ContentFont | undefined {
  const dict = resolve(doc.context, entry as PDFRef);
  if (!(dict instanceof PDFDict)) return undefined;
  const cached = fontCache.get(dict);
  if (cached) return cached;
  const widths = new Map<number, number>();
  let fallback = 1000;
  const type0 = getName(doc.context, dict, 'Subtype') === 'Type0';
  const num = (x: unknown) => (resolve(doc.context, x as PDFRef) as PDFNumber | undefined)?.asNumber();
  if (type0) {
    const cid = resolve(doc.context, getArray(doc.context, dict, 'DescendantFonts')?.get(0));
    if (cid instanceof PDFDict) {
      fallback = num(cid.get(PDFName.of('DW'))) ?? 1000;
      readCidWidths(doc, getArray(doc.context, cid, 'W'), widths);
    }
  } else {
    const first = num(dict.get(PDFName.of('FirstChar'))) ?? 0;
    getArray(doc.context, dict, 'Widths')?.asArray().forEach((w, i) => widths.set(first + i, num(w) ?? 0));
    fallback = 0;
  }
  const map = resolve(doc.context, dict.get(PDFName.of('ToUnicode')));
  const font: ContentFont = {
    dict,
    bytes: type0 ? 2 : 1,
    width: (code) => widths.get(code) ?? fallback,
    unicode: map instanceof PDFRawStream ? parseToUnicode(decodeLatin1(map)) : new Map(),
  };
  fontCache.set(dict, font);
  return font;
}

/** A CIDFont's /W array: `c [w1 w2 …]` and `c_first c_last w` entries (ISO 32000-1, 9.7.4.3). */
function readCidWidths(doc: PDFDocument, w: PDFArray | undefined, out: Map<number, number>): void {
  const a = (w?.asArray() ?? []).map((x) => resolve(doc.context, x));
  const num = (x: unknown) => (x instanceof PDFNumber ? x.asNumber() : 0);
  for (let i = 0; i < a.length; ) {
    const first = num(a[i]);
    const next = a[i + 1];
    if (next instanceof PDFArray) {
      next.asArray().forEach((x, j) => out.set(first + j, num(resolve(doc.context, x))));
      i += 2;
    } else {
      for (let c = first; c <= num(next); c++) out.set(c, num(a[i + 2]));
      i += 3;
    }
  }
}
