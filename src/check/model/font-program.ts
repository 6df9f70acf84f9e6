/**
 * Embedded font programs, read with fontkit: TrueType (FontFile2) and OpenType (FontFile3
 * /OpenType) directly; bare CFF (FontFile3 /Type1C and /CIDFontType0C), which fontkit reads only
 * as an OpenType font's 'CFF ' table, is handed to it inside a one-table OpenType wrapper.
 * Type 1 programs (FontFile: cleartext and eexec-encrypted PostScript) are a format fontkit does
 * not read, so their glyph-level facts stay unknown (veraPDF's "null": the rules pass them).
 */
import * as fontkit from 'fontkit';
import { PDFStream, type PDFContext, type PDFDict } from 'pdf-lib';
import { decodeLatin1, get, getName } from '../../pdf/cos.ts';

export interface FontProgram {
  kind: 'truetype' | 'cff' | 'opentype';
  numGlyphs: number;
  /** Advance width of a glyph in thousandths of text space (1000 = one em), when known. */
  advance(gid: number): number | undefined;
  /** The 'cmap' subtables: (platform, encoding) pairs. Empty for CFF. */
  cmaps: { platformID: number; encodingID: number }[];
  /** A code looked up in one cmap subtable; 0 (.notdef) when it is not mapped. */
  lookup(platformID: number, encodingID: number, code: number): number;
  /** The glyph a Unicode code point maps to through the program's Unicode cmap (0 when none). */
  glyphForUnicode(cp: number): number;
  /** Glyph names, when the program has them (CFF Type1C, TrueType 'post'). */
  glyphName(gid: number): string | undefined;
  /** A CID-keyed CFF program's CIDs (by GID); undefined otherwise. */
  cids?: number[];
}

type Subtable = { platformID: number; encodingID: number; table: unknown };
interface FontkitInternals {
  cmap?: { tables: Subtable[] };
  _cmapProcessor?: { constructor: new (cmap: { tables: Subtable[] }) => { lookup(cp: number): number } };
  'CFF '?: CffTable;
}
interface CffTable {
  isCIDFont: boolean;
  topDict: { CharStrings: unknown[]; charset: { version: number; glyphs?: number[]; ranges?: { first: number; nLeft: number; offset: number }[] } | number[]; FontMatrix?: number[] };
  getGlyphName(gid: number): string | null;
}

/** The descriptor's embedded program, read; undefined when none or when it cannot be read. */
export function readFontProgram(ctx: PDFContext, descriptor: PDFDict | undefined): FontProgram | undefined {
  const ff2 = get(ctx, descriptor, 'FontFile2');
  const ff3 = get(ctx, descriptor, 'FontFile3');
  try {
    if (ff2 instanceof PDFStream) return fromSfnt(bytesOf(ff2), 'truetype');
    if (ff3 instanceof PDFStream) {
      const sub = getName(ctx, ff3.dict, 'Subtype');
      if (sub === 'OpenType') return fromSfnt(bytesOf(ff3), 'opentype');
      if (sub === 'Type1C' || sub === 'CIDFontType0C') return fromCff(bytesOf(ff3));
    }
  } catch {
    return undefined;
  }
  return undefined;
}

function bytesOf(s: PDFStream): Buffer {
  return Buffer.from(decodeLatin1(s), 'latin1');
}

function open(bytes: Buffer): fontkit.Font & FontkitInternals {
  const f = fontkit.create(bytes);
  if ('fonts' in f) throw new Error('a font collection');
  return f as fontkit.Font & FontkitInternals;
}

function fromSfnt(bytes: Buffer, kind: 'truetype' | 'opentype'): FontProgram {
  const font = open(bytes);
  const scale = 1000 / (font.unitsPerEm || 1000);
  const tables = font.cmap?.tables ?? [];
  const processors = new Map<string, { lookup(cp: number): number } | null>();
  const processorFor = (p: number, e: number) => {
    const key = `${p},${e}`;
    if (!processors.has(key)) {
      const sub = tables.find((t) => t.platformID === p && t.encodingID === e);
      const Processor = sub ? font._cmapProcessor?.constructor : undefined;
      // fontkit's processor looks a code up in the subtable it is given, taken as Unicode (0, 3).
      processors.set(key, Processor && sub ? new Processor({ tables: [{ ...sub, platformID: 0, encodingID: 3 }] }) : null);
    }
    return processors.get(key);
  };
  const cff = kind === 'opentype' ? font['CFF '] : undefined;
  return {
    kind,
    numGlyphs: font.numGlyphs,
    advance: (gid) => (gid < font.numGlyphs ? font.getGlyph(gid).advanceWidth * scale : undefined),
    cmaps: tables.map((t) => ({ platformID: t.platformID, encodingID: t.encodingID })),
    lookup: (p, e, code) => processorFor(p, e)?.lookup(code) ?? 0,
    glyphForUnicode: (cp) => (tables.length ? font.glyphForCodePoint(cp).id : 0),
    glyphName: (gid) => (gid < font.numGlyphs ? font.getGlyph(gid).name || undefined : undefined),
    cids: cff?.isCIDFont ? charsetOf(cff) : undefined,
  };
}

/** A bare CFF program inside a minimal OpenType wrapper (one 'CFF ' table), so fontkit reads it. */
function fromCff(cffBytes: Buffer): FontProgram {
  const header = Buffer.alloc(28);
  header.write('OTTO', 0, 'latin1');
  header.writeUInt16BE(1, 4); // one table
  header.writeUInt16BE(16, 6); // searchRange
  header.writeUInt16BE(0, 8); // entrySelector
  header.writeUInt16BE(0, 10); // rangeShift
  header.write('CFF ', 12, 'latin1');
  header.writeUInt32BE(0, 16); // checksum: fontkit does not verify it
  header.writeUInt32BE(28, 20);
  header.writeUInt32BE(cffBytes.length, 24);
  const cff = open(Buffer.concat([header, cffBytes]))['CFF '];
  if (!cff) throw new Error('no CFF table');
  const n = cff.topDict.CharStrings.length;
  return {
    kind: 'cff',
    numGlyphs: n,
    // fontkit keeps the width a Type 2 charstring starts with only while drawing: unknown here.
    advance: () => undefined,
    cmaps: [],
    lookup: () => 0,
    glyphForUnicode: () => 0,
    glyphName: (gid) => (gid < n && !cff.isCIDFont ? (cff.getGlyphName(gid) ?? undefined) : undefined),
    cids: cff.isCIDFont ? charsetOf(cff) : undefined,
  };
}

/** A CFF charset's SIDs (or CIDs, in a CID-keyed font) by GID, from fontkit's decoded charset. */
function charsetOf(cff: CffTable): number[] {
  const n = cff.topDict.CharStrings.length;
  const cs = cff.topDict.charset;
  if (Array.isArray(cs)) return Array.from({ length: n }, (_, gid) => gid);
  const out = [0];
  if (cs.version === 0) out.push(...(cs.glyphs ?? []));
  else for (const r of cs.ranges ?? []) for (let i = 0; i <= r.nLeft; i++) out.push(r.first + i);
  return out.slice(0, n);
}
