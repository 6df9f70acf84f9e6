/**
 * Fonts used by page content, with what the font rules ask about them: the font dictionary's
 * entries, its CIDFont and CMap (Type0), its embedded program (read with fontkit, see
 * font-program.ts), and the glyphs it shows (glyphs.ts).
 */
import { PDFDict, PDFName, PDFStream, type PDFContext } from 'pdf-lib';
import { decodeLatin1, get, getDict, getName, getNumber, getText, items, nameOf, refKey } from '../../pdf/cos.ts';
import { glyphNameToUnicode } from '../../pdf/glyph-list.ts';
import { parseCMap } from '../../pdf/to-unicode.ts';
import type { Where } from '../rule.ts';
import type { FontUse } from './content.ts';
import { readFontProgram, type FontProgram } from './font-program.ts';
import { baseEncoding, encodingNames, readGlyphs, type GlyphFacts } from './glyphs.ts';

export interface CIDSystemInfo {
  registry?: string;
  ordering?: string;
  supplement?: number;
}

export interface FontFacts {
  dict: PDFDict;
  where: Where;
  subtype?: string;
  /** /BaseFont, else the resource name. */
  name: string;
  resourceName: string;
  /** The page it is first used on. */
  page: number;
  rendered: boolean;
  /** The font program (the descendant CIDFont's, for a Type0 font) is embedded. */
  embedded: boolean;
  /** A subset: the name starts with six capitals and "+". */
  subset: boolean;
  /** The descriptor's Symbolic flag. */
  symbolic: boolean;
  hasToUnicode: boolean;
  /** Unicode can be derived for its codes without a ToUnicode CMap (a standard encoding, a known collection). */
  unicodeByEncoding: boolean;
  /** /Encoding: a name, a dictionary (its /BaseEncoding and /Differences names), or none. */
  encoding: { kind: 'name' | 'dict' | 'none' | 'other'; name?: string; differences: string[] };
  /** For a Type0 font: its CIDFont and its CMap. */
  cidFont?: { subtype?: string; cidToGidMap: 'Identity' | 'stream' | 'missing' | 'other'; info: CIDSystemInfo; cidSet?: Uint8Array };
  cmap?: { name?: string; embedded: boolean; info: CIDSystemInfo; dictWMode: number; programWMode: number; usecmap?: string };
  /** A Type1 font's /CharSet names. */
  charSet?: string[];
  program?: FontProgram;
  glyphs: GlyphFacts[];
}

export function readFonts(ctx: PDFContext, uses: Map<PDFDict, FontUse>): FontFacts[] {
  return [...uses.values()].map((use) => readFont(ctx, use));
}

function readFont(ctx: PDFContext, use: FontUse): FontFacts {
  const f = use.dict;
  const subtype = getName(ctx, f, 'Subtype');
  const d = subtype === 'Type0' ? items(ctx, f.get(PDFName.of('DescendantFonts')))[0] : undefined;
  const descendant = d instanceof PDFDict ? d : undefined;
  const fd = getDict(ctx, subtype === 'Type0' ? descendant : f, 'FontDescriptor');
  const name = getName(ctx, f, 'BaseFont') ?? use.resourceName;
  const symbolic = ((getNumber(ctx, fd, 'Flags') ?? 0) & 4) === 4;
  const program = subtype === 'Type3' ? undefined : readFontProgram(ctx, fd);
  const facts: FontFacts = {
    dict: f,
    where: { page: use.page, ...(use.ref ? { object: refKey(use.ref) } : {}) },
    subtype,
    name,
    resourceName: use.resourceName,
    page: use.page,
    rendered: use.rendered,
    embedded: !!fd && ['FontFile', 'FontFile2', 'FontFile3'].some((k) => get(ctx, fd, k) instanceof PDFStream),
    subset: /^[A-Z]{6}\+/.test(name),
    symbolic,
    hasToUnicode: get(ctx, f, 'ToUnicode') instanceof PDFStream,
    unicodeByEncoding: unicodeByEncoding(ctx, f, subtype, descendant, symbolic),
    encoding: encodingOf(ctx, f),
    program,
    glyphs: readGlyphs(ctx, { font: f, subtype, descendant, program, symbolic }, use.strings),
  };
  if (subtype === 'Type0') {
    facts.cidFont = cidFontOf(ctx, descendant, fd);
    facts.cmap = cmapOf(ctx, f);
  }
  const charSet = getText(ctx, fd, 'CharSet');
  if (charSet !== undefined && (subtype === 'Type1' || subtype === 'MMType1')) facts.charSet = charSet.split('/').filter(Boolean).map((n) => n.trim());
  return facts;
}

function infoOf(ctx: PDFContext, dict: PDFDict | undefined): CIDSystemInfo {
  const info = getDict(ctx, dict, 'CIDSystemInfo');
  return { registry: getText(ctx, info, 'Registry'), ordering: getText(ctx, info, 'Ordering'), supplement: getNumber(ctx, info, 'Supplement') };
}

function cidFontOf(ctx: PDFContext, cidFont: PDFDict | undefined, fd: PDFDict | undefined): FontFacts['cidFont'] {
  const map = get(ctx, cidFont, 'CIDToGIDMap');
  const cidSet = get(ctx, fd, 'CIDSet');
  return {
    subtype: getName(ctx, cidFont, 'Subtype'),
    cidToGidMap: map === undefined ? 'missing' : map instanceof PDFStream ? 'stream' : nameOf(map) === 'Identity' ? 'Identity' : 'other',
    info: infoOf(ctx, cidFont),
    cidSet: cidSet instanceof PDFStream ? Buffer.from(decodeLatin1(cidSet), 'latin1') : undefined,
  };
}

function cmapOf(ctx: PDFContext, font: PDFDict): FontFacts['cmap'] {
  const enc = get(ctx, font, 'Encoding');
  if (!(enc instanceof PDFStream)) return { name: nameOf(enc), embedded: false, info: {}, dictWMode: 0, programWMode: 0 };
  const program = parseCMap(decodeLatin1(enc));
  const use = get(ctx, enc.dict, 'UseCMap');
  return {
    name: getName(ctx, enc.dict, 'CMapName') ?? program.name,
    embedded: true,
    info: infoOf(ctx, enc.dict),
    dictWMode: getNumber(ctx, enc.dict, 'WMode') ?? 0,
    programWMode: program.wmode ?? 0,
    usecmap: nameOf(use) ?? (use instanceof PDFStream ? getName(ctx, use.dict, 'CMapName') : undefined) ?? program.usecmap,
  };
}

function encodingOf(ctx: PDFContext, font: PDFDict): FontFacts['encoding'] {
  const enc = get(ctx, font, 'Encoding');
  const differences = [...encodingNames(ctx, font).values()];
  if (enc === undefined) return { kind: 'none', differences };
  if (enc instanceof PDFName) return { kind: 'name', name: enc.decodeText(), differences };
  if (enc instanceof PDFDict) return { kind: 'dict', name: baseEncoding(ctx, font), differences };
  return { kind: 'other', differences };
}

/** ISO 14289-1, 7.21.7: the ways other than ToUnicode by which a font's text maps to Unicode. */
function unicodeByEncoding(ctx: PDFContext, f: PDFDict, sub: string | undefined, descendant: PDFDict | undefined, symbolic: boolean): boolean {
  if (sub === 'Type0') {
    const { registry, ordering } = infoOf(ctx, descendant);
    return registry === 'Adobe' && ['GB1', 'CNS1', 'Japan1', 'Korea1'].includes(ordering ?? '');
  }
  if (sub === 'TrueType' && !symbolic) return true;
  const enc = get(ctx, f, 'Encoding');
  const standard = ['WinAnsiEncoding', 'MacRomanEncoding', 'MacExpertEncoding'];
  if (enc instanceof PDFName) return standard.includes(enc.decodeText()) || (sub !== 'Type3' && enc.decodeText() === 'StandardEncoding');
  if (enc instanceof PDFDict) return [...encodingNames(ctx, f).values()].every((n) => glyphNameToUnicode(n) !== undefined);
  // No /Encoding: Type1 fonts use their built-in encoding (the standard 14's names are all in the
  // Adobe Glyph List); Type3 needs one.
  return sub === 'Type1' || sub === 'MMType1';
}
