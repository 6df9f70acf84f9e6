/**
 * The glyphs a font shows (veraPDF's Glyph objects): every character code used in the content,
 * decoded by the font's CMap (Type0) or one byte each (simple fonts), with its CID or glyph name,
 * whether the embedded program has the glyph, both widths, and its Unicode text.
 */
import { PDFArray, PDFDict, PDFName, PDFNumber, PDFRawStream, PDFStream, type PDFContext, type PDFObject } from 'pdf-lib';
import { decodeLatin1, get, getArray, getDict, getName, getNumber, nameOf, resolve } from '../../pdf/cos.ts';
import { glyphNameToUnicode } from '../../pdf/glyph-list.ts';
import { parseCMap, parseToUnicode, type CMapProgram } from '../../pdf/to-unicode.ts';
import type { FontProgram } from './font-program.ts';

export interface GlyphFacts {
  code: number;
  /** Shown at least once in a rendering mode other than 3. */
  rendered: boolean;
  cid?: number;
  /** The glyph name the encoding gives (simple fonts), or ".notdef" for a CID the program lacks. */
  name?: string;
  /** Whether the program has the glyph; undefined when that is not known (no program read, Type 1). */
  present?: boolean;
  widthFromDictionary?: number;
  widthFromProgram?: number;
  /** The ToUnicode CMap's text for the code. */
  toUnicode?: string;
}

/** A Type0 font's code reader: the CMap's code space and CIDs (Identity when it names Identity-H/V). */
interface CodeReader {
  read(bytes: string, at: number): { code: number; length: number; cid?: number };
}

export function codeReaderFor(ctx: PDFContext, font: PDFDict): CodeReader {
  if (getName(ctx, font, 'Subtype') !== 'Type0') return { read: (b, at) => ({ code: b.charCodeAt(at) & 0xff, length: 1 }) };
  const enc = get(ctx, font, 'Encoding');
  const cmap = enc instanceof PDFStream ? parseCMap(decodeLatin1(enc)) : undefined;
  const identity = !cmap && /^Identity-[HV]$/.test(nameOf(enc) ?? '');
  return {
    read(b, at) {
      const length = cmap ? codeLength(cmap, b, at) : 2;
      let code = 0;
      for (let i = 0; i < length; i++) code = code * 256 + (b.charCodeAt(at + i) & 0xff);
      return { code, length, cid: identity ? code : cmap ? cidOf(cmap, code) : undefined };
    },
  };
}

function codeLength(cmap: CMapProgram, b: string, at: number): number {
  for (let n = 1; n <= 4 && at + n <= b.length; n++) {
    let code = 0;
    for (let i = 0; i < n; i++) code = code * 256 + (b.charCodeAt(at + i) & 0xff);
    if (cmap.codespaces.some((r) => r.bytes === n && code >= r.lo && code <= r.hi)) return n;
  }
  return cmap.codespaces[0]?.bytes ?? 2;
}

function cidOf(cmap: CMapProgram, code: number): number | undefined {
  const r = cmap.cids.find((x) => code >= x.lo && code <= x.hi);
  if (r) return r.cid + (code - r.lo);
  return /^Identity-[HV]$/.test(cmap.usecmap ?? '') ? code : undefined;
}

/** The codes used in a font's strings, with whether each was rendered. */
export function usedCodes(ctx: PDFContext, font: PDFDict, strings: Map<string, boolean>): Map<number, { rendered: boolean; cid?: number }> {
  const reader = codeReaderFor(ctx, font);
  const out = new Map<number, { rendered: boolean; cid?: number }>();
  for (const [s, rendered] of strings) {
    for (let at = 0; at < s.length; ) {
      const { code, length, cid } = reader.read(s, at);
      at += length;
      const prev = out.get(code);
      out.set(code, { rendered: (prev?.rendered ?? false) || rendered, cid });
    }
  }
  return out;
}

export interface FontParts {
  font: PDFDict;
  subtype?: string;
  /** The CIDFont, for a Type0 font. */
  descendant?: PDFDict;
  program?: FontProgram;
  symbolic: boolean;
}

/** The glyph facts of every used code. */
export function readGlyphs(ctx: PDFContext, parts: FontParts, strings: Map<string, boolean>): GlyphFacts[] {
  const tu = get(ctx, parts.font, 'ToUnicode');
  const toUnicode = tu instanceof PDFRawStream ? parseToUnicode(decodeLatin1(tu)) : undefined;
  const cid = parts.subtype === 'Type0' ? cidGlyphs(ctx, parts) : undefined;
  const simple = cid ? undefined : simpleGlyphs(ctx, parts);
  return [...usedCodes(ctx, parts.font, strings)].map(([code, use]) => ({
    code,
    rendered: use.rendered,
    cid: use.cid,
    toUnicode: toUnicode?.get(code),
    ...(cid ? cid(use.cid) : simple!(code)),
  }));
}

type Facts = Pick<GlyphFacts, 'name' | 'present' | 'widthFromDictionary' | 'widthFromProgram'>;

/** For a Type0 font: CID → GID (CIDToGIDMap, or the CFF charset), presence and widths (W, DW). */
function cidGlyphs(ctx: PDFContext, { descendant, program }: FontParts): (cid: number | undefined) => Facts {
  const widths = cidWidths(ctx, descendant);
  const dw = getNumber(ctx, descendant, 'DW') ?? 1000;
  const map = get(ctx, descendant, 'CIDToGIDMap');
  const table = map instanceof PDFStream ? Buffer.from(decodeLatin1(map), 'latin1') : undefined;
  const gidOf = (cid: number): number | undefined => {
    if (program?.cids) {
      const gid = program.cids.indexOf(cid);
      return gid < 0 ? undefined : gid;
    }
    if (table) return cid * 2 + 1 < table.length ? table.readUInt16BE(cid * 2) : undefined;
    return cid;
  };
  return (cid) => {
    if (cid === undefined) return {};
    // CID 0 is the .notdef glyph of every character collection (GID 0 of the program).
    const facts: Facts = { widthFromDictionary: widths.get(cid) ?? dw, ...(cid === 0 ? { name: '.notdef' } : {}) };
    if (!program) return facts;
    const gid = gidOf(cid);
    facts.present = cid === 0 || (gid !== undefined && gid < program.numGlyphs && (gid > 0 || !!program.cids));
    if (!facts.present) facts.name = '.notdef';
    else if (gid !== undefined) facts.widthFromProgram = program.advance(gid);
    return facts;
  };
}

/** A CIDFont's /W array: CID → width. */
function cidWidths(ctx: PDFContext, cidFont: PDFDict | undefined): Map<number, number> {
  const out = new Map<number, number>();
  const w = getArray(ctx, cidFont, 'W')?.asArray().map((x) => resolve(ctx, x)) ?? [];
  const num = (o: PDFObject | undefined) => (o instanceof PDFNumber ? o.asNumber() : undefined);
  for (let i = 0; i < w.length && out.size < 200_000; ) {
    const first = num(w[i]);
    const next = w[i + 1];
    if (first === undefined) break;
    if (next instanceof PDFArray) {
      next.asArray().forEach((x, k) => {
        const v = num(resolve(ctx, x));
        if (v !== undefined) out.set(first + k, v);
      });
      i += 2;
    } else {
      const last = num(next);
      const v = num(w[i + 2]);
      if (last === undefined || v === undefined) break;
      for (let c = first; c <= last && c - first < 65536; c++) out.set(c, v);
      i += 3;
    }
  }
  return out;
}

/** For a simple font: the code's glyph name (encoding), its glyph in the program, and widths. */
function simpleGlyphs(ctx: PDFContext, parts: FontParts): (code: number) => Facts {
  const { font, subtype, program } = parts;
  const names = encodingNames(ctx, font);
  const base = baseEncoding(ctx, font);
  const firstChar = getNumber(ctx, font, 'FirstChar');
  const widths = getArray(ctx, font, 'Widths')?.asArray() ?? [];
  const missing = getNumber(ctx, getDict(ctx, font, 'FontDescriptor'), 'MissingWidth');
  const widthOf = (code: number): number | undefined => {
    const w = firstChar !== undefined ? resolve(ctx, widths[code - firstChar]) : undefined;
    if (w instanceof PDFNumber) return w.asNumber();
    return missing ?? (subtype === 'Type1' || subtype === 'MMType1' || subtype === 'Type3' ? undefined : 0);
  };
  const charProcs = subtype === 'Type3' ? getDict(ctx, font, 'CharProcs') : undefined;
  return (code) => {
    const name = names.get(code) ?? (code === 0 && subtype === 'TrueType' ? '.notdef' : undefined);
    const facts: Facts = { name, widthFromDictionary: widthOf(code) };
    if (charProcs) facts.present = name !== undefined && charProcs.has(PDFName.of(name));
    if (!program) return facts;
    const gid = simpleGid(parts, code, name, unicodeOfCode(base, names, code));
    facts.present = code === 0 || (gid !== undefined && gid > 0 && gid < program.numGlyphs);
    if (facts.present && gid !== undefined) facts.widthFromProgram = program.advance(gid);
    return facts;
  };
}

/** ISO 32000-1, 9.6.6.4 (TrueType) and glyph names (CFF): the program's glyph for a code. */
function simpleGid({ program, symbolic }: FontParts, code: number, name: string | undefined, unicode: number | undefined): number | undefined {
  if (!program) return undefined;
  if (program.kind === 'cff') {
    for (let gid = 0; name && gid < program.numGlyphs; gid++) if (program.glyphName(gid) === name) return gid;
    return undefined;
  }
  const has = (p: number, e: number) => program.cmaps.some((c) => c.platformID === p && c.encodingID === e);
  if (!symbolic && has(3, 1)) {
    return unicode !== undefined ? program.glyphForUnicode(unicode) : undefined;
  }
  if (has(3, 0)) return [code, 0xf000 + code, 0xf100 + code, 0xf200 + code].map((c) => program.lookup(3, 0, c)).find((g) => g > 0) ?? 0;
  if (has(1, 0)) return program.lookup(1, 0, code);
  return undefined;
}

/** Code → glyph name from the /Differences of /Encoding (base encodings give codes Unicode directly). */
export function encodingNames(ctx: PDFContext, font: PDFDict): Map<number, string> {
  const out = new Map<number, string>();
  const enc = get(ctx, font, 'Encoding');
  if (!(enc instanceof PDFDict)) return out;
  let code = 0;
  for (const d of getArray(ctx, enc, 'Differences')?.asArray() ?? []) {
    const o = resolve(ctx, d);
    if (o instanceof PDFNumber) code = o.asNumber();
    else if (o instanceof PDFName) out.set(code++, o.decodeText());
  }
  return out;
}

/** WinAnsiEncoding's codes 0x80–0x9F (the rest is Latin-1); 0 where it has none. */
const WIN_ANSI_80 = [
  0x20ac, 0, 0x201a, 0x0192, 0x201e, 0x2026, 0x2020, 0x2021, 0x02c6, 0x2030, 0x0160, 0x2039, 0x0152, 0, 0x017d, 0,
  0, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x02dc, 0x2122, 0x0161, 0x203a, 0x0153, 0, 0x017e, 0x0178,
];

/** A simple font's code as Unicode: its /Differences name by the AGL, else its base encoding's character. */
export function unicodeOfCode(base: string | undefined, names: Map<number, string>, code: number): number | undefined {
  const name = names.get(code);
  if (name !== undefined) return glyphNameToUnicode(name)?.codePointAt(0);
  if (base === 'WinAnsiEncoding') {
    const cp = code >= 0x80 && code <= 0x9f ? WIN_ANSI_80[code - 0x80]! : code;
    return cp > 0 && code >= 0x20 ? cp : undefined;
  }
  if (base === 'MacRomanEncoding') return code >= 0x20 ? new TextDecoder('macintosh').decode(Uint8Array.of(code)).codePointAt(0) : undefined;
  return undefined;
}

export function baseEncoding(ctx: PDFContext, font: PDFDict): string | undefined {
  const enc = get(ctx, font, 'Encoding');
  return enc instanceof PDFName ? enc.decodeText() : getName(ctx, enc instanceof PDFDict ? enc : undefined, 'BaseEncoding');
}
