/**
 * ISO 14289-1, 7.21: fonts — composite fonts consistent with their CMaps, programs embedded and
 * consistent with the dictionaries, encodings that lead to glyphs, and Unicode for every glyph
 * shown. Glyph-level rules (veraPDF's Glyph objects) report once per font, naming a few codes.
 */
import { inGlyphList as inAgl } from '../../pdf/glyph-list.ts';
import type { GlyphFacts } from '../model/glyphs.ts';
import type { FontFacts } from '../model/fonts.ts';
import { rule } from '../rule.ts';

/** ISO 32000-1, 9.7.5.2, Table 118: the predefined CMaps, which need not be embedded. */
const PREDEFINED_CMAPS = new Set(
  (
    'Identity-H Identity-V GB-EUC-H GB-EUC-V GBpc-EUC-H GBpc-EUC-V GBK-EUC-H GBK-EUC-V GBKp-EUC-H GBKp-EUC-V GBK2K-H GBK2K-V ' +
    'UniGB-UCS2-H UniGB-UCS2-V UniGB-UTF16-H UniGB-UTF16-V B5pc-H B5pc-V HKscs-B5-H HKscs-B5-V ETen-B5-H ETen-B5-V ETenms-B5-H ' +
    'ETenms-B5-V CNS-EUC-H CNS-EUC-V UniCNS-UCS2-H UniCNS-UCS2-V UniCNS-UTF16-H UniCNS-UTF16-V 83pv-RKSJ-H 90ms-RKSJ-H ' +
    '90ms-RKSJ-V 90msp-RKSJ-H 90msp-RKSJ-V 90pv-RKSJ-H Add-RKSJ-H Add-RKSJ-V EUC-H EUC-V Ext-RKSJ-H Ext-RKSJ-V H V ' +
    'UniJIS-UCS2-H UniJIS-UCS2-V UniJIS-UCS2-HW-H UniJIS-UCS2-HW-V UniJIS-UTF16-H UniJIS-UTF16-V KSC-EUC-H KSC-EUC-V ' +
    'KSCms-UHC-H KSCms-UHC-V KSCms-UHC-HW-H KSCms-UHC-HW-V KSCpc-EUC-H UniKS-UCS2-H UniKS-UCS2-V UniKS-UTF16-H UniKS-UTF16-V'
  ).split(' '),
);

const label = (f: FontFacts) => `The font ${f.name} (/${f.resourceName}, first used on page ${f.page})`;

/** "codes 65, 66 and 3 more". */
function codes(glyphs: GlyphFacts[]): string {
  const shown = glyphs.slice(0, 5).map((g) => (g.cid !== undefined && g.cid !== g.code ? `${g.code} (CID ${g.cid})` : String(g.code)));
  return `code${glyphs.length > 1 ? 's' : ''} ${shown.join(', ')}${glyphs.length > 5 ? ` and ${glyphs.length - 5} more` : ''}`;
}

const TRUETYPE_ENCODINGS = ['MacRomanEncoding', 'WinAnsiEncoding'];

export const rules = [
  rule({
    id: '7.21.3.1-1',
    description: "A Type0 font's CMap is Identity-H or Identity-V, or its CIDSystemInfo Registry and Ordering equal the CIDFont's and its Supplement is not lower.",
    object: 'Font',
    test: (f) => {
      if (!f.cmap || !f.cidFont || /^Identity-[HV]$/.test(f.cmap.name ?? '')) return undefined;
      const [c, d] = [f.cmap.info, f.cidFont.info];
      const same = d.ordering !== undefined && d.ordering === c.ordering && d.registry !== undefined && d.registry === c.registry;
      if (same && d.supplement !== undefined && c.supplement !== undefined && d.supplement <= c.supplement) return undefined;
      return `${label(f)}: its CIDFont's CIDSystemInfo (${d.registry}-${d.ordering}-${d.supplement}) does not match its CMap's (${c.registry}-${c.ordering}-${c.supplement}).`;
    },
  }),
  rule({
    id: '7.21.3.2-1',
    description: 'An embedded CIDFontType2 font has /CIDToGIDMap: a stream or /Identity.',
    object: 'Font',
    test: (f) =>
      f.cidFont?.subtype === 'CIDFontType2' && f.embedded && (f.cidFont.cidToGidMap === 'missing' || f.cidFont.cidToGidMap === 'other')
        ? `${label(f)}: its CIDFontType2 has ${f.cidFont.cidToGidMap === 'missing' ? 'no' : 'an invalid'} /CIDToGIDMap (a stream or /Identity).`
        : undefined,
  }),
  rule({
    id: '7.21.3.3-1',
    description: 'A CMap that is not predefined (ISO 32000-1, Table 118) is embedded.',
    object: 'Font',
    test: (f) => (f.cmap && !f.cmap.embedded && !PREDEFINED_CMAPS.has(f.cmap.name ?? '') ? `${label(f)}: its CMap ${f.cmap.name ?? '(unnamed)'} is neither predefined nor embedded.` : undefined),
  }),
  rule({
    id: '7.21.3.3-2',
    description: "An embedded CMap's /WMode equals the WMode in its program.",
    object: 'Font',
    test: (f) =>
      f.cmap?.embedded && f.cmap.dictWMode !== f.cmap.programWMode
        ? `${label(f)}: its embedded CMap has /WMode ${f.cmap.dictWMode} in its dictionary but ${f.cmap.programWMode} in its program.`
        : undefined,
  }),
  rule({
    id: '7.21.3.3-3',
    description: 'A CMap references (usecmap) only predefined CMaps.',
    object: 'Font',
    test: (f) => (f.cmap?.usecmap !== undefined && !PREDEFINED_CMAPS.has(f.cmap.usecmap) ? `${label(f)}: its CMap uses the CMap ${f.cmap.usecmap}, which is not predefined.` : undefined),
  }),
  rule({
    id: '7.21.4.1-1',
    description: 'Every font used for rendering is embedded (FontFile, FontFile2 or FontFile3).',
    object: 'Font',
    test: (f) => (f.rendered && f.subtype !== 'Type3' && !f.embedded ? `The font ${f.name} (/${f.resourceName}, first used on page ${f.page}) is not embedded.` : undefined),
  }),
  rule({
    id: '7.21.4.1-2',
    description: 'An embedded font defines every glyph it renders.',
    object: 'Font',
    test: (f) => {
      const missing = f.glyphs.filter((g) => g.rendered && g.present === false && g.code !== 0);
      return missing.length ? `${label(f)}: its program has no glyph for ${codes(missing)}.` : undefined;
    },
  }),
  rule({
    id: '7.21.4.2-1',
    description: "An embedded subset Type1 font's /CharSet lists exactly the glyphs of its program.",
    object: 'Font',
    test: (f) => {
      if (!f.charSet || !f.subset || !f.embedded || !f.program || f.program.kind !== 'cff') return undefined;
      const inProgram = new Set(Array.from({ length: f.program.numGlyphs }, (_, gid) => f.program!.glyphName(gid)).filter((n) => n && n !== '.notdef') as string[]);
      const listed = new Set(f.charSet.filter((n) => n !== '.notdef'));
      const unlisted = [...inProgram].filter((n) => !listed.has(n));
      const absent = [...listed].filter((n) => !inProgram.has(n));
      if (!unlisted.length && !absent.length) return undefined;
      return `${label(f)}: its /CharSet ${unlisted.length ? `leaves out ${unlisted.slice(0, 5).join(', ')}` : ''}${unlisted.length && absent.length ? ' and ' : ''}${absent.length ? `lists ${absent.slice(0, 5).join(', ')}, not in the program` : ''}.`;
    },
  }),
  rule({
    id: '7.21.4.2-2',
    description: "An embedded subset CIDFont's /CIDSet identifies every CID its program has.",
    object: 'Font',
    test: (f) => {
      const set = f.cidFont?.cidSet;
      if (!set || !f.subset || !f.embedded || !f.program) return undefined;
      const cids = f.program.cids ?? (f.cidFont?.cidToGidMap === 'Identity' ? Array.from({ length: f.program.numGlyphs }, (_, i) => i) : undefined);
      const unset = (cids ?? []).filter((cid) => ((set[cid >> 3] ?? 0) & (0x80 >> (cid & 7))) === 0);
      return unset.length ? `${label(f)}: its /CIDSet does not identify ${unset.length} CID(s) its program has (e.g. ${unset.slice(0, 5).join(', ')}).` : undefined;
    },
  }),
  rule({
    id: '7.21.5-1',
    description: 'The glyph widths in the font dictionary and in the embedded program agree (within 1/1000 em).',
    object: 'Font',
    test: (f) => {
      const off = f.glyphs.filter((g) => g.rendered && g.widthFromProgram !== undefined && g.widthFromDictionary !== undefined && Math.abs(g.widthFromProgram - g.widthFromDictionary) > 1);
      if (!off.length) return undefined;
      const g = off[0]!;
      return `${label(f)}: the widths of ${codes(off)} differ from the program's (code ${g.code}: ${g.widthFromDictionary} in the dictionary, ${Math.round(g.widthFromProgram!)} in the program).`;
    },
  }),
  rule({
    id: '7.21.6-1',
    description: 'A non-symbolic TrueType font used for rendering has a non-symbolic cmap subtable in its program.',
    object: 'Font',
    test: (f) => {
      if (f.subtype !== 'TrueType' || f.symbolic || !f.rendered || f.program?.kind !== 'truetype') return undefined;
      const has30 = f.program.cmaps.some((c) => c.platformID === 3 && c.encodingID === 0);
      return (has30 ? f.program.cmaps.length > 1 : f.program.cmaps.length > 0) ? undefined : `${label(f)}: the non-symbolic TrueType program has no non-symbolic 'cmap' subtable.`;
    },
  }),
  rule({
    id: '7.21.6-2',
    description: 'A non-symbolic TrueType font has MacRoman or WinAnsi encoding, and any Differences are AGL names with a (3,1) cmap in the program.',
    object: 'Font',
    test: (f) => {
      if (f.subtype !== 'TrueType' || f.symbolic) return undefined;
      if (!TRUETYPE_ENCODINGS.includes(f.encoding.name ?? '')) return `${label(f)}: a non-symbolic TrueType font needs /Encoding (or /BaseEncoding) MacRomanEncoding or WinAnsiEncoding.`;
      if (f.encoding.differences.length === 0) return undefined;
      const has31 = f.program?.cmaps.some((c) => c.platformID === 3 && c.encodingID === 1) ?? false;
      const notAgl = f.encoding.differences.filter((n) => !inAgl(n));
      if (has31 && notAgl.length === 0) return undefined;
      return `${label(f)}: its /Differences ${notAgl.length ? `name glyphs not in the Adobe Glyph List (${notAgl.slice(0, 5).join(', ')})` : 'need'}${has31 ? '' : `${notAgl.length ? ', and' : ''} a (3,1) Unicode 'cmap' subtable in the program`}.`;
    },
  }),
  rule({
    id: '7.21.6-3',
    description: 'A symbolic TrueType font has no /Encoding.',
    object: 'Font',
    test: (f) => (f.subtype === 'TrueType' && f.symbolic && f.encoding.kind !== 'none' ? `${label(f)}: a symbolic TrueType font must not have /Encoding.` : undefined),
  }),
  rule({
    id: '7.21.6-4',
    description: "A symbolic TrueType font's program has exactly one cmap subtable, or a (3,0) one.",
    object: 'Font',
    test: (f) => {
      if (f.subtype !== 'TrueType' || !f.symbolic || f.program?.kind !== 'truetype') return undefined;
      const ok = f.program.cmaps.length === 1 || f.program.cmaps.some((c) => c.platformID === 3 && c.encodingID === 0);
      return ok ? undefined : `${label(f)}: the symbolic TrueType program has ${f.program.cmaps.length} 'cmap' subtables and no (3,0) Symbol subtable.`;
    },
  }),
  rule({
    id: '7.21.7-1',
    description: 'Every glyph shown maps to Unicode (ToUnicode, a standard encoding, or a standard character collection).',
    object: 'Font',
    test: (f) => {
      if (f.unicodeByEncoding) return undefined;
      if (!f.hasToUnicode) return `The font ${f.name} (/${f.resourceName}) has no ToUnicode CMap and no encoding from which Unicode can be derived, so its text cannot be read out.`;
      const unmapped = f.glyphs.filter((g) => g.toUnicode === undefined);
      return unmapped.length ? `${label(f)}: its ToUnicode CMap has no text for ${codes(unmapped)}, so that text cannot be read out.` : undefined;
    },
  }),
  rule({
    id: '7.21.7-2',
    description: 'ToUnicode values are not U+0000, U+FEFF or U+FFFE.',
    object: 'Font',
    test: (f) => {
      const bad = f.glyphs.filter((g) => g.toUnicode !== undefined && /[\u0000\ufeff\ufffe]/.test(g.toUnicode));
      return bad.length ? `${label(f)}: its ToUnicode CMap maps ${codes(bad)} to U+0000, U+FEFF or U+FFFE.` : undefined;
    },
  }),
  rule({
    id: '7.21.8-1',
    description: 'No text-showing operator references the .notdef glyph.',
    object: 'Font',
    test: (f) => {
      const notdef = f.glyphs.filter((g) => g.name === '.notdef');
      return notdef.length ? `${label(f)}: the text shows the .notdef glyph (${codes(notdef)}), which has no character.` : undefined;
    },
  }),
];
