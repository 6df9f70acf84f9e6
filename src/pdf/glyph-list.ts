/**
 * The Adobe Glyph List (src/pdf/data/glyphlist.txt, Adobe's glyphlist.txt, BSD-3-Clause, its
 * notice kept in the file) and the AGL specification's rules for names not in it: "uniXXXX…",
 * "uXXXX[XX]", ligatures joined by "_", and suffixes after ".".
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';

let list: Map<string, string> | undefined;

function glyphList(): Map<string, string> {
  if (list) return list;
  list = new Map();
  const text = readFileSync(path.join(import.meta.dirname, 'data', 'glyphlist.txt'), 'utf8');
  for (const line of text.split('\n')) {
    const m = /^([^#;\s]+);([0-9A-F ]+)$/.exec(line.trim());
    if (m) list.set(m[1]!, String.fromCodePoint(...m[2]!.split(' ').map((h) => parseInt(h, 16))));
  }
  return list;
}

/** Whether the name is in the Adobe Glyph List itself. */
export function inGlyphList(name: string): boolean {
  return glyphList().has(name);
}

/** The Unicode text of a glyph name by the AGL specification, or undefined when it has none. */
export function glyphNameToUnicode(name: string): string | undefined {
  const base = name.split('.')[0]!;
  if (!base) return undefined;
  const parts = base.split('_').map(componentToUnicode);
  return parts.every((p) => p !== undefined) ? parts.join('') : undefined;
}

function componentToUnicode(c: string): string | undefined {
  const listed = glyphList().get(c);
  if (listed !== undefined) return listed;
  const uni = /^uni((?:[0-9A-F]{4})+)$/.exec(c);
  if (uni) {
    const units = uni[1]!.match(/.{4}/g)!.map((h) => parseInt(h, 16));
    return units.every((u) => u < 0xd800 || u > 0xdfff) ? String.fromCharCode(...units) : undefined;
  }
  const u = /^u([0-9A-F]{4,6})$/.exec(c);
  if (u) {
    const cp = parseInt(u[1]!, 16);
    return cp <= 0x10ffff && (cp < 0xd800 || cp > 0xdfff) ? String.fromCodePoint(cp) : undefined;
  }
  return undefined;
}
