import { deflateSync } from 'node:zlib';
import { decodePDFRawStream, PDFDict, PDFDocument, PDFName, PDFRawStream, PDFRef } from 'pdf-lib';
import { getName, resolve } from './cos.ts';

/** Every font dictionary of a document, with its base name without the subset tag. */
function fonts(doc: PDFDocument): { dict: PDFDict; base: string }[] {
  const out: { dict: PDFDict; base: string }[] = [];
  for (const [, obj] of doc.context.enumerateIndirectObjects()) {
    if (obj instanceof PDFDict && getName(doc.context, obj, 'Type') === 'Font' && getName(doc.context, obj, 'Subtype') === 'Type0') {
      out.push({ dict: obj, base: (getName(doc.context, obj, 'BaseFont') ?? '').replace(/^[A-Z]{6}\+/, '') });
    }
  }
  return out;
}

function readMap(doc: PDFDocument, font: PDFDict): Map<number, string> | undefined {
  const stream = resolve(doc.context, font.get(PDFName.of('ToUnicode')));
  if (!(stream instanceof PDFRawStream)) return undefined;
  return parseToUnicode(Buffer.from(decodePDFRawStream(stream).decode()).toString('latin1'));
}

/** A ToUnicode CMap (ISO 32000-1, 9.10.3) for two-byte codes (Identity-H fonts) or one-byte ones. */
export function toUnicodeCMap(map: Map<number, string>, bytes: 1 | 2 = 2): string {
  const code = (c: number) => `<${c.toString(16).padStart(bytes * 2, '0')}>`;
  const hex = (s: string) => [...s].flatMap((c) => {
    const cp = c.codePointAt(0)!;
    return cp > 0xffff ? [0xd800 + ((cp - 0x10000) >> 10), 0xdc00 + ((cp - 0x10000) & 0x3ff)] : [cp];
  }).map((u) => u.toString(16).padStart(4, '0')).join('');
  const entries = [...map].sort(([a], [b]) => a - b);
  const blocks: string[] = [];
  for (let i = 0; i < entries.length; i += 100) {
    const chunk = entries.slice(i, i + 100);
    blocks.push(`${chunk.length} beginbfchar\n${chunk.map(([c, text]) => `${code(c)} <${hex(text)}>`).join('\n')}\nendbfchar`);
  }
  return `/CIDInit /ProcSet findresource begin
12 dict begin
begincmap
/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def
/CMapName /Adobe-Identity-UCS def
/CMapType 2 def
1 begincodespacerange
${code(0)} ${code(bytes === 2 ? 0xffff : 0xff)}
endcodespacerange
${blocks.join('\n')}
endcmap
CMapName currentdict /CMap defineresource pop
end
end`;
}

/**
 * Ghostscript rewrites the Unicode mappings of the fonts it re-embeds and garbles the ones for
 * ligatures ("ft" becomes U+6600 U+7400), so the print file's text could not be searched or
 * copied. Chromium's mappings use glyph ids as codes, which Ghostscript keeps: the original
 * mapping of each code is put back, font by font (matched by base name).
 */
export function restoreToUnicode(converted: PDFDocument, original: PDFDocument): number {
  const known = new Map<string, Map<number, string>>();
  for (const { dict, base } of fonts(original)) {
    const map = readMap(original, dict);
    if (!map) continue;
    const merged = known.get(base) ?? new Map<number, string>();
    for (const [code, text] of map) merged.set(code, text);
    known.set(base, merged);
  }
  let repaired = 0;
  for (const { dict, base } of fonts(converted)) {
    const before = readMap(converted, dict);
    const source = known.get(base);
    if (!before || !source) continue;
    const after = new Map([...before].map(([code, text]) => [code, source.get(code) ?? text]));
    if ([...after].every(([code, text]) => before.get(code) === text)) continue;
    const stream = converted.context.stream(deflateSync(Buffer.from(toUnicodeCMap(after), 'latin1')), { Filter: 'FlateDecode' });
    const old = dict.get(PDFName.of('ToUnicode'));
    dict.set(PDFName.of('ToUnicode'), converted.context.register(stream));
    if (old instanceof PDFRef) converted.context.delete(old);
    repaired++;
  }
  return repaired;
}

/** The bfchar and bfrange mappings of a ToUnicode CMap (ISO 32000-1, 9.10.3). */
export function parseToUnicode(cmap: string): Map<number, string> {
  const map = new Map<number, string>();
  const utf16 = (hex: string) => {
    const h = hex.replace(/[^0-9A-Fa-f]/g, '');
    const units: number[] = [];
    for (let i = 0; i < h.length; i += 4) units.push(parseInt(h.slice(i, i + 4).padEnd(4, '0'), 16));
    return String.fromCharCode(...units);
  };
  for (const block of cmap.matchAll(/beginbfchar([\s\S]*?)endbfchar/g)) {
    for (const m of block[1]!.matchAll(/<([0-9A-Fa-f\s]+)>\s*<([0-9A-Fa-f\s]*)>/g)) {
      map.set(parseInt(m[1]!.replace(/\s/g, ''), 16), utf16(m[2]!));
    }
  }
  for (const block of cmap.matchAll(/beginbfrange([\s\S]*?)endbfrange/g)) {
    for (const m of block[1]!.matchAll(/<([0-9A-Fa-f\s]+)>\s*<([0-9A-Fa-f\s]+)>\s*(<[0-9A-Fa-f\s]*>|\[[^\]]*\])/g)) {
      const lo = parseInt(m[1]!.replace(/\s/g, ''), 16);
      const hi = parseInt(m[2]!.replace(/\s/g, ''), 16);
      if (hi < lo || hi - lo > 0xffff) continue;
      if (m[3]!.startsWith('[')) {
        const dsts = [...m[3]!.matchAll(/<([0-9A-Fa-f\s]*)>/g)].map((d) => utf16(d[1]!));
        for (let c = lo; c <= hi && c - lo < dsts.length; c++) map.set(c, dsts[c - lo]!);
      } else {
        const start = utf16(m[3]!.slice(1, -1));
        const last = start.charCodeAt(start.length - 1);
        for (let c = lo; c <= hi; c++) map.set(c, start.slice(0, -1) + String.fromCharCode(last + (c - lo)));
      }
    }
  }
  return map;
}

export interface CMapProgram {
  /** /CMapName. */
  name?: string;
  /** /WMode as the program defines it. */
  wmode?: number;
  /** The CMap it builds on (usecmap). */
  usecmap?: string;
  /** Code space ranges: byte length and bounds. */
  codespaces: { bytes: number; lo: number; hi: number }[];
  /** Code → CID ranges (cidrange, and cidchar as one-code ranges). */
  cids: { lo: number; hi: number; cid: number }[];
}

/** The parts of an embedded CMap program (ISO 32000-1, 9.7.5) that map codes to CIDs. */
export function parseCMap(text: string): CMapProgram {
  const hex = (h: string) => parseInt(h.replace(/\s/g, '') || '0', 16);
  const out: CMapProgram = { codespaces: [], cids: [] };
  out.name = /\/CMapName\s*\/([^\s/[\]<>()]+)\s+def/.exec(text)?.[1];
  const wmode = /\/WMode\s+(\d+)\s+def/.exec(text);
  if (wmode) out.wmode = Number(wmode[1]);
  out.usecmap = /\/([^\s/[\]<>()]+)\s+usecmap/.exec(text)?.[1];
  for (const block of text.matchAll(/begincodespacerange([\s\S]*?)endcodespacerange/g)) {
    for (const m of block[1]!.matchAll(/<([0-9A-Fa-f\s]+)>\s*<([0-9A-Fa-f\s]+)>/g)) {
      out.codespaces.push({ bytes: Math.ceil(m[1]!.replace(/\s/g, '').length / 2), lo: hex(m[1]!), hi: hex(m[2]!) });
    }
  }
  for (const block of text.matchAll(/begincidrange([\s\S]*?)endcidrange/g)) {
    for (const m of block[1]!.matchAll(/<([0-9A-Fa-f\s]+)>\s*<([0-9A-Fa-f\s]+)>\s*(\d+)/g)) out.cids.push({ lo: hex(m[1]!), hi: hex(m[2]!), cid: Number(m[3]) });
  }
  for (const block of text.matchAll(/begincidchar([\s\S]*?)endcidchar/g)) {
    for (const m of block[1]!.matchAll(/<([0-9A-Fa-f\s]+)>\s*(\d+)/g)) out.cids.push({ lo: hex(m[1]!), hi: hex(m[1]!), cid: Number(m[2]) });
  }
  return out;
}
