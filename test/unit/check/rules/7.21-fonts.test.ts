import { describe, expect, it } from 'vitest';
import { PDFArray, PDFDict, PDFName } from 'pdf-lib';
import { check, checkCorpusFile, corpusFiles, edit, failed, only, ruleById, ruleTable } from '../helpers.ts';
import { rules as fontRules } from '../../../../src/check/rules/7.21-fonts.ts';
import type { FontFacts } from '../../../../src/check/model/fonts.ts';
import type { CheckModel } from '../../../../src/check/model.ts';
import type { Fixture } from '../../../pdf-fixtures.ts';

const N = (s: string) => PDFName.of(s);

// Cheap checks on hand-made facts first: Stryker stops a mutant's run at the first failing test.
describe('7.21: what each rule requires and what its failures say (the rules\' tests on hand-made font facts)', () => {
  const r = (id: string) => ruleById(fontRules, id);
  const L = 'The font ABCDEF+Test (/F1, first used on page 2)';
  const font = (more: Record<string, unknown> = {}) => ({ name: 'ABCDEF+Test', resourceName: 'F1', page: 2, rendered: true, embedded: true, subset: true, symbolic: false, glyphs: [], encoding: { kind: 'name', name: 'WinAnsiEncoding', differences: [] }, ...more });
  const glyph = (code: number, more: Record<string, unknown> = {}) => ({ code, rendered: true, ...more });

  it('lists each rule with its clause, object and requirement', () => {
    expect(ruleTable(fontRules)).toEqual([
      ['7.21.3.1-1', '7.21.3.1', 'Font', undefined, "A Type0 font's CMap is Identity-H or Identity-V, or its CIDSystemInfo Registry and Ordering equal the CIDFont's and its Supplement is not lower."],
      ['7.21.3.2-1', '7.21.3.2', 'Font', undefined, 'An embedded CIDFontType2 font has /CIDToGIDMap: a stream or /Identity.'],
      ['7.21.3.3-1', '7.21.3.3', 'Font', undefined, 'A CMap that is not predefined (ISO 32000-1, Table 118) is embedded.'],
      ['7.21.3.3-2', '7.21.3.3', 'Font', undefined, "An embedded CMap's /WMode equals the WMode in its program."],
      ['7.21.3.3-3', '7.21.3.3', 'Font', undefined, 'A CMap references (usecmap) only predefined CMaps.'],
      ['7.21.4.1-1', '7.21.4.1', 'Font', undefined, 'Every font used for rendering is embedded (FontFile, FontFile2 or FontFile3).'],
      ['7.21.4.1-2', '7.21.4.1', 'Font', undefined, 'An embedded font defines every glyph it renders.'],
      ['7.21.4.2-1', '7.21.4.2', 'Font', undefined, "An embedded subset Type1 font's /CharSet lists exactly the glyphs of its program."],
      ['7.21.4.2-2', '7.21.4.2', 'Font', undefined, "An embedded subset CIDFont's /CIDSet identifies every CID its program has."],
      ['7.21.5-1', '7.21.5', 'Font', undefined, 'The glyph widths in the font dictionary and in the embedded program agree (within 1/1000 em).'],
      ['7.21.6-1', '7.21.6', 'Font', undefined, 'A non-symbolic TrueType font used for rendering has a non-symbolic cmap subtable in its program.'],
      ['7.21.6-2', '7.21.6', 'Font', undefined, 'A non-symbolic TrueType font has MacRoman or WinAnsi encoding, and any Differences are AGL names with a (3,1) cmap in the program.'],
      ['7.21.6-3', '7.21.6', 'Font', undefined, 'A symbolic TrueType font has no /Encoding.'],
      ['7.21.6-4', '7.21.6', 'Font', undefined, "A symbolic TrueType font's program has exactly one cmap subtable, or a (3,0) one."],
      ['7.21.7-1', '7.21.7', 'Font', undefined, 'Every glyph shown maps to Unicode (ToUnicode, a standard encoding, or a standard character collection).'],
      ['7.21.7-2', '7.21.7', 'Font', undefined, 'ToUnicode values are not U+0000, U+FEFF or U+FFFE.'],
      ['7.21.8-1', '7.21.8', 'Font', undefined, 'No text-showing operator references the .notdef glyph.'],
    ]);
  });

  it('7.21.3.1-1: a CMap other than Identity-H/V matches the CIDFont in registry and ordering, with no lower supplement', () => {
    const info = (registry?: string, ordering?: string, supplement?: number) => ({ registry, ordering, supplement });
    const type0 = (cmap: object, cid: object, name = 'UniJIS-UCS2-H') => font({ cmap: { name, info: cmap }, cidFont: { info: cid } });
    expect(r('7.21.3.1-1').test(type0(info('Adobe', 'Japan1', 2), info('Adobe', 'Japan1', 2)))).toBeUndefined();
    expect(r('7.21.3.1-1').test(type0(info('Adobe', 'Japan1', 4), info('Adobe', 'Japan1', 2)))).toBeUndefined();
    expect(r('7.21.3.1-1').test(type0(info('Adobe', 'Japan1', 1), info('Adobe', 'Japan1', 2)))).toBe(
      `${L}: its CIDFont's CIDSystemInfo (Adobe-Japan1-2) does not match its CMap's (Adobe-Japan1-1).`,
    );
    expect(r('7.21.3.1-1').test(type0(info('Adobe', 'GB1', 2), info('Adobe', 'Japan1', 2)))).toBe(
      `${L}: its CIDFont's CIDSystemInfo (Adobe-Japan1-2) does not match its CMap's (Adobe-GB1-2).`,
    );
    expect(r('7.21.3.1-1').test(type0(info('Other', 'Japan1', 2), info('Adobe', 'Japan1', 2)))).toBeDefined();
    expect(r('7.21.3.1-1').test(type0(info(undefined, 'Japan1', 2), info(undefined, 'Japan1', 2)))).toBeDefined();
    expect(r('7.21.3.1-1').test(type0(info('Adobe', undefined, 2), info('Adobe', undefined, 2)))).toBeDefined();
    expect(r('7.21.3.1-1').test(type0(info('Adobe', 'Japan1', 2), info('Adobe', 'Japan1')))).toBeDefined();
    expect(r('7.21.3.1-1').test(type0(info('Adobe', 'Japan1'), info('Adobe', 'Japan1', 2)))).toBeDefined();
    const mismatch = [info('X', 'Y', 0), info('Adobe', 'Japan1', 2)] as const;
    expect(r('7.21.3.1-1').test(type0(...mismatch, 'Identity-H'))).toBeUndefined();
    expect(r('7.21.3.1-1').test(type0(...mismatch, 'Identity-V'))).toBeUndefined();
    expect(r('7.21.3.1-1').test(type0(...mismatch, 'Identity-HV'))).toBeDefined();
    expect(r('7.21.3.1-1').test(type0(...mismatch, 'MyIdentity-H'))).toBeDefined();
    expect(r('7.21.3.1-1').test(font({ cmap: { info: mismatch[0] }, cidFont: { info: mismatch[1] } }))).toBeDefined();
    expect(r('7.21.3.1-1').test(font({ cidFont: { info: mismatch[1] } }))).toBeUndefined();
    expect(r('7.21.3.1-1').test(font({ cmap: { name: 'X', info: mismatch[0] } }))).toBeUndefined();
  });

  it('7.21.3.2-1: an embedded CIDFontType2 has a /CIDToGIDMap stream or /Identity', () => {
    const cid = (cidToGidMap: string, more: Record<string, unknown> = {}) => font({ cidFont: { subtype: 'CIDFontType2', cidToGidMap, info: {} }, ...more });
    expect(r('7.21.3.2-1').test(cid('missing'))).toBe(`${L}: its CIDFontType2 has no /CIDToGIDMap (a stream or /Identity).`);
    expect(r('7.21.3.2-1').test(cid('other'))).toBe(`${L}: its CIDFontType2 has an invalid /CIDToGIDMap (a stream or /Identity).`);
    expect(r('7.21.3.2-1').test(cid('stream'))).toBeUndefined();
    expect(r('7.21.3.2-1').test(cid('Identity'))).toBeUndefined();
    expect(r('7.21.3.2-1').test(cid('missing', { embedded: false }))).toBeUndefined();
    expect(r('7.21.3.2-1').test(font({ cidFont: { subtype: 'CIDFontType0', cidToGidMap: 'missing', info: {} } }))).toBeUndefined();
    expect(r('7.21.3.2-1').test(font())).toBeUndefined();
  });

  it('7.21.3.3-1: a CMap not among the predefined ones of ISO 32000-1, Table 118, is embedded', () => {
    const predefined = (
      'Identity-H Identity-V GB-EUC-H GB-EUC-V GBpc-EUC-H GBpc-EUC-V GBK-EUC-H GBK-EUC-V GBKp-EUC-H GBKp-EUC-V GBK2K-H GBK2K-V ' +
      'UniGB-UCS2-H UniGB-UCS2-V UniGB-UTF16-H UniGB-UTF16-V B5pc-H B5pc-V HKscs-B5-H HKscs-B5-V ETen-B5-H ETen-B5-V ETenms-B5-H ' +
      'ETenms-B5-V CNS-EUC-H CNS-EUC-V UniCNS-UCS2-H UniCNS-UCS2-V UniCNS-UTF16-H UniCNS-UTF16-V 83pv-RKSJ-H 90ms-RKSJ-H ' +
      '90ms-RKSJ-V 90msp-RKSJ-H 90msp-RKSJ-V 90pv-RKSJ-H Add-RKSJ-H Add-RKSJ-V EUC-H EUC-V Ext-RKSJ-H Ext-RKSJ-V H V ' +
      'UniJIS-UCS2-H UniJIS-UCS2-V UniJIS-UCS2-HW-H UniJIS-UCS2-HW-V UniJIS-UTF16-H UniJIS-UTF16-V KSC-EUC-H KSC-EUC-V ' +
      'KSCms-UHC-H KSCms-UHC-V KSCms-UHC-HW-H KSCms-UHC-HW-V KSCpc-EUC-H UniKS-UCS2-H UniKS-UCS2-V UniKS-UTF16-H UniKS-UTF16-V'
    ).split(' ');
    for (const name of predefined) {
      expect(r('7.21.3.3-1').test(font({ cmap: { name, embedded: false } })), name).toBeUndefined();
      expect(r('7.21.3.3-3').test(font({ cmap: { name: 'Mine', embedded: true, usecmap: name } })), name).toBeUndefined();
    }
    expect(r('7.21.3.3-1').test(font({ cmap: { name: 'Mine-H', embedded: false } }))).toBe(`${L}: its CMap Mine-H is neither predefined nor embedded.`);
    expect(r('7.21.3.3-1').test(font({ cmap: { embedded: false } }))).toBe(`${L}: its CMap (unnamed) is neither predefined nor embedded.`);
    expect(r('7.21.3.3-1').test(font({ cmap: { name: 'Mine-H', embedded: true } }))).toBeUndefined();
    expect(r('7.21.3.3-1').test(font())).toBeUndefined();
  });

  it('7.21.3.3-2 / 7.21.3.3-3: an embedded CMap agrees with its program on WMode and uses only predefined CMaps', () => {
    expect(r('7.21.3.3-2').test(font({ cmap: { embedded: true, dictWMode: 0, programWMode: 1 } }))).toBe(`${L}: its embedded CMap has /WMode 0 in its dictionary but 1 in its program.`);
    expect(r('7.21.3.3-2').test(font({ cmap: { embedded: true, dictWMode: 1, programWMode: 1 } }))).toBeUndefined();
    expect(r('7.21.3.3-2').test(font({ cmap: { embedded: false, dictWMode: 0, programWMode: 1 } }))).toBeUndefined();
    expect(r('7.21.3.3-2').test(font())).toBeUndefined();
    expect(r('7.21.3.3-3').test(font({ cmap: { embedded: true, usecmap: 'Base-H' } }))).toBe(`${L}: its CMap uses the CMap Base-H, which is not predefined.`);
    expect(r('7.21.3.3-3').test(font({ cmap: { embedded: true } }))).toBeUndefined();
    expect(r('7.21.3.3-3').test(font())).toBeUndefined();
  });

  it('7.21.4.1-1: a rendered font other than Type3 is embedded', () => {
    expect(r('7.21.4.1-1').test(font({ subtype: 'Type1', embedded: false }))).toBe('The font ABCDEF+Test (/F1, first used on page 2) is not embedded.');
    expect(r('7.21.4.1-1').test(font({ subtype: 'Type3', embedded: false }))).toBeUndefined();
    expect(r('7.21.4.1-1').test(font({ subtype: 'Type1', embedded: false, rendered: false }))).toBeUndefined();
    expect(r('7.21.4.1-1').test(font({ subtype: 'Type1' }))).toBeUndefined();
  });

  it('7.21.4.1-2: glyphs rendered but missing from the program are named, a few codes and how many more', () => {
    const missing = (code: number, more: Record<string, unknown> = {}) => glyph(code, { present: false, ...more });
    expect(r('7.21.4.1-2').test(font({ glyphs: [missing(65)] }))).toBe(`${L}: its program has no glyph for code 65.`);
    expect(r('7.21.4.1-2').test(font({ glyphs: [missing(65, { cid: 65 }), missing(66, { cid: 7 })] }))).toBe(`${L}: its program has no glyph for codes 65, 66 (CID 7).`);
    const seven = [1, 2, 3, 4, 5, 6, 7].map((c) => missing(c));
    expect(r('7.21.4.1-2').test(font({ glyphs: seven }))).toBe(`${L}: its program has no glyph for codes 1, 2, 3, 4, 5 and 2 more.`);
    expect(r('7.21.4.1-2').test(font({ glyphs: seven.slice(0, 5) }))).toBe(`${L}: its program has no glyph for codes 1, 2, 3, 4, 5.`);
    expect(r('7.21.4.1-2').test(font({ glyphs: [missing(0), missing(9, { rendered: false }), glyph(10, { present: true }), glyph(11)] }))).toBeUndefined();
  });

  it('7.21.4.2-1: a subset Type1 /CharSet lists exactly the glyphs of its CFF program', () => {
    const names = ['.notdef', 'a', 'b', undefined, 'c'];
    const cff = (charSet: string[], more: Record<string, unknown> = {}) =>
      font({ charSet, program: { kind: 'cff', numGlyphs: names.length, glyphName: (gid: number) => names[gid] }, ...more });
    expect(r('7.21.4.2-1').test(cff(['a', 'b', 'c']))).toBeUndefined();
    expect(r('7.21.4.2-1').test(cff(['.notdef', 'c', 'b', 'a']))).toBeUndefined();
    expect(r('7.21.4.2-1').test(cff(['a']))).toBe(`${L}: its /CharSet leaves out b, c.`);
    expect(r('7.21.4.2-1').test(cff(['a', 'b', 'c', 'z']))).toBe(`${L}: its /CharSet lists z, not in the program.`);
    expect(r('7.21.4.2-1').test(cff(['a', 'y', 'z']))).toBe(`${L}: its /CharSet leaves out b, c and lists y, z, not in the program.`);
    expect(r('7.21.4.2-1').test(cff(['a', 'b', 'c', 'u', 'v', 'w', 'x', 'y', 'z']))).toBe(`${L}: its /CharSet lists u, v, w, x, y, not in the program.`);
    const many = Array.from({ length: 8 }, (_, i) => `g${i}`);
    expect(r('7.21.4.2-1').test(font({ charSet: [], program: { kind: 'cff', numGlyphs: 8, glyphName: (gid: number) => many[gid] } }))).toBe(`${L}: its /CharSet leaves out g0, g1, g2, g3, g4.`);
    for (const more of [{ subset: false }, { embedded: false }, { program: undefined }, { program: { kind: 'truetype', numGlyphs: 1, glyphName: () => 'a' } }])
      expect(r('7.21.4.2-1').test(cff([], more))).toBeUndefined();
    expect(r('7.21.4.2-1').test(cff([], { charSet: undefined }))).toBeUndefined();
  });

  it('7.21.4.2-2: a subset CIDFont /CIDSet has a bit for every CID of its program', () => {
    const cid = (cidSet: number[], program: Record<string, unknown>, more: Record<string, unknown> = {}) =>
      font({ cidFont: { cidToGidMap: 'stream', info: {}, cidSet: Uint8Array.from(cidSet) }, program: { kind: 'cff', ...program }, ...more });
    expect(r('7.21.4.2-2').test(cid([0xff, 0x80], { cids: [0, 1, 7, 8] }))).toBeUndefined();
    expect(r('7.21.4.2-2').test(cid([0b10100000], { cids: [0, 1, 2] }))).toBe(`${L}: its /CIDSet does not identify 1 CID(s) its program has (e.g. 1).`);
    expect(r('7.21.4.2-2').test(cid([0xff], { cids: [0, 7, 8, 9, 20, 30, 40, 50] }))).toBe(`${L}: its /CIDSet does not identify 6 CID(s) its program has (e.g. 8, 9, 20, 30, 40).`);
    expect(r('7.21.4.2-2').test(cid([0x01], { cids: [7, 6] }))).toBe(`${L}: its /CIDSet does not identify 1 CID(s) its program has (e.g. 6).`);
    // Without a CID list, an Identity CIDToGIDMap makes every glyph index a CID.
    const identity = { cidFont: { cidToGidMap: 'Identity', info: {}, cidSet: Uint8Array.from([0b11000000]) } };
    expect(r('7.21.4.2-2').test(cid([], { numGlyphs: 3 }, identity))).toBe(`${L}: its /CIDSet does not identify 1 CID(s) its program has (e.g. 2).`);
    expect(r('7.21.4.2-2').test(cid([], { numGlyphs: 2 }, identity))).toBeUndefined();
    expect(r('7.21.4.2-2').test(cid([0], { numGlyphs: 3 }))).toBeUndefined();
    for (const more of [{ subset: false }, { embedded: false }, { program: undefined }]) expect(r('7.21.4.2-2').test(cid([0], { cids: [1] }, more))).toBeUndefined();
    expect(r('7.21.4.2-2').test(font({ cidFont: { cidToGidMap: 'Identity', info: {} }, program: { kind: 'cff', cids: [1] } }))).toBeUndefined();
  });

  it('7.21.5-1: widths that differ by more than 1/1000 em, the first one quoted', () => {
    const w = (code: number, widthFromDictionary?: number, widthFromProgram?: number, more: Record<string, unknown> = {}) => glyph(code, { widthFromDictionary, widthFromProgram, ...more });
    expect(r('7.21.5-1').test(font({ glyphs: [w(65, 500, 500), w(66, 500, 501), w(67, 500, 499)] }))).toBeUndefined();
    expect(r('7.21.5-1').test(font({ glyphs: [w(64, 500, 500), w(65, 500, 555.6), w(66, 600, 500)] }))).toBe(
      `${L}: the widths of codes 65, 66 differ from the program's (code 65: 500 in the dictionary, 556 in the program).`,
    );
    expect(r('7.21.5-1').test(font({ glyphs: [w(65, 500, 502)] }))).toBe(`${L}: the widths of code 65 differ from the program's (code 65: 500 in the dictionary, 502 in the program).`);
    expect(r('7.21.5-1').test(font({ glyphs: [w(65, 500, 600, { rendered: false }), w(66, undefined, 600), w(67, 600)] }))).toBeUndefined();
  });

  it('7.21.6-1: the exact failure, and only for rendered non-symbolic TrueType programs', () => {
    const tt = (cmaps: [number, number][], more: Record<string, unknown> = {}) =>
      font({ subtype: 'TrueType', program: { kind: 'truetype', cmaps: cmaps.map(([platformID, encodingID]) => ({ platformID, encodingID })) }, ...more });
    expect(r('7.21.6-1').test(tt([]))).toBe(`${L}: the non-symbolic TrueType program has no non-symbolic 'cmap' subtable.`);
    expect(r('7.21.6-1').test(tt([[3, 0]]))).toBeDefined();
    expect(r('7.21.6-1').test(tt([[1, 0]]))).toBeUndefined();
    for (const more of [{ subtype: 'Type1' }, { symbolic: true }, { rendered: false }, { program: { kind: 'cff', cmaps: [] } }, { program: undefined }]) expect(r('7.21.6-1').test(tt([], more))).toBeUndefined();
  });

  it('7.21.6-2: a non-symbolic TrueType font has MacRoman or WinAnsi encoding, and Differences need AGL names and a (3,1) cmap', () => {
    const tt = (encoding: Record<string, unknown>, cmaps: [number, number][] = [[3, 1]], more: Record<string, unknown> = {}) =>
      font({ subtype: 'TrueType', encoding: { kind: 'name', differences: [], ...encoding }, program: { kind: 'truetype', cmaps: cmaps.map(([platformID, encodingID]) => ({ platformID, encodingID })) }, ...more });
    const noEncoding = `${L}: a non-symbolic TrueType font needs /Encoding (or /BaseEncoding) MacRomanEncoding or WinAnsiEncoding.`;
    expect(r('7.21.6-2').test(tt({ name: 'MacRomanEncoding' }))).toBeUndefined();
    expect(r('7.21.6-2').test(tt({ name: 'WinAnsiEncoding' }))).toBeUndefined();
    expect(r('7.21.6-2').test(tt({ name: 'StandardEncoding' }))).toBe(noEncoding);
    expect(r('7.21.6-2').test(tt({ kind: 'none' }))).toBe(noEncoding);
    expect(r('7.21.6-2').test(tt({ name: 'WinAnsiEncoding', differences: ['A', 'space'] }))).toBeUndefined();
    expect(r('7.21.6-2').test(tt({ name: 'WinAnsiEncoding', differences: ['A', 'g12', 'x1', 'x2', 'x3', 'x4', 'x5'] }))).toBe(
      `${L}: its /Differences name glyphs not in the Adobe Glyph List (g12, x1, x2, x3, x4).`,
    );
    expect(r('7.21.6-2').test(tt({ name: 'WinAnsiEncoding', differences: ['A'] }, [[3, 0], [1, 1], [0, 1]]))).toBe(`${L}: its /Differences need a (3,1) Unicode 'cmap' subtable in the program.`);
    expect(r('7.21.6-2').test(tt({ name: 'WinAnsiEncoding', differences: ['A'] }, [], { program: undefined }))).toBe(`${L}: its /Differences need a (3,1) Unicode 'cmap' subtable in the program.`);
    expect(r('7.21.6-2').test(tt({ name: 'WinAnsiEncoding', differences: ['g12'] }, []))).toBe(
      `${L}: its /Differences name glyphs not in the Adobe Glyph List (g12), and a (3,1) Unicode 'cmap' subtable in the program.`,
    );
    expect(r('7.21.6-2').test(tt({ name: 'WinAnsiEncoding' }, [[1, 0]]))).toBeUndefined(); // no Differences: no (3,1) subtable needed
    expect(r('7.21.6-2').test(tt({ name: 'StandardEncoding' }, [], { symbolic: true }))).toBeUndefined();
    expect(r('7.21.6-2').test(tt({ name: 'StandardEncoding' }, [], { subtype: 'Type1' }))).toBeUndefined();
  });

  it('7.21.6-3 / 7.21.6-4: a symbolic TrueType font has no /Encoding, and one cmap subtable or a (3,0) one', () => {
    const tt = (kind: string, cmaps: [number, number][], more: Record<string, unknown> = {}) =>
      font({ subtype: 'TrueType', symbolic: true, encoding: { kind, differences: [] }, program: { kind: 'truetype', cmaps: cmaps.map(([platformID, encodingID]) => ({ platformID, encodingID })) }, ...more });
    expect(r('7.21.6-3').test(tt('name', []))).toBe(`${L}: a symbolic TrueType font must not have /Encoding.`);
    expect(r('7.21.6-3').test(tt('dict', []))).toBeDefined();
    expect(r('7.21.6-3').test(tt('none', []))).toBeUndefined();
    expect(r('7.21.6-3').test(tt('name', [], { symbolic: false }))).toBeUndefined();
    expect(r('7.21.6-3').test(tt('name', [], { subtype: 'Type1' }))).toBeUndefined();
    expect(r('7.21.6-4').test(tt('none', [[1, 0], [3, 1]]))).toBe(`${L}: the symbolic TrueType program has 2 'cmap' subtables and no (3,0) Symbol subtable.`);
    expect(r('7.21.6-4').test(tt('none', []))).toBe(`${L}: the symbolic TrueType program has 0 'cmap' subtables and no (3,0) Symbol subtable.`);
    expect(r('7.21.6-4').test(tt('none', [[1, 0], [0, 0]]))).toBeDefined();
    expect(r('7.21.6-4').test(tt('none', [[3, 1]]))).toBeUndefined();
    for (const more of [{ subtype: 'Type1' }, { symbolic: false }, { program: { kind: 'cff', cmaps: [] } }, { program: undefined }]) expect(r('7.21.6-4').test(tt('none', [], more))).toBeUndefined();
  });

  it('7.21.7-1 / 7.21.7-2: every glyph shown has Unicode text, and none is U+0000, U+FEFF or U+FFFE', () => {
    expect(r('7.21.7-1').test(font({ hasToUnicode: false }))).toBe(
      'The font ABCDEF+Test (/F1) has no ToUnicode CMap and no encoding from which Unicode can be derived, so its text cannot be read out.',
    );
    expect(r('7.21.7-1').test(font({ hasToUnicode: false, unicodeByEncoding: true }))).toBeUndefined();
    expect(r('7.21.7-1').test(font({ hasToUnicode: true, glyphs: [glyph(65, { toUnicode: 'A' }), glyph(66), glyph(67, { toUnicode: '' })] }))).toBe(
      `${L}: its ToUnicode CMap has no text for code 66, so that text cannot be read out.`,
    );
    expect(r('7.21.7-1').test(font({ hasToUnicode: true, glyphs: [glyph(65, { toUnicode: 'A' })] }))).toBeUndefined();
    const bad = ['\u0000', 'a\ufeff', '\ufffe'].map((toUnicode, i) => glyph(i + 1, { toUnicode }));
    expect(r('7.21.7-2').test(font({ glyphs: [glyph(9, { toUnicode: 'ok' }), glyph(10), ...bad] }))).toBe(`${L}: its ToUnicode CMap maps codes 1, 2, 3 to U+0000, U+FEFF or U+FFFE.`);
    expect(r('7.21.7-2').test(font({ glyphs: [glyph(9, { toUnicode: 'ok' }), glyph(10)] }))).toBeUndefined();
  });

  it('7.21.8-1: codes that show .notdef', () => {
    expect(r('7.21.8-1').test(font({ glyphs: [glyph(1, { name: '.notdef' }), glyph(2, { name: 'a' }), glyph(3)] }))).toBe(
      `${L}: the text shows the .notdef glyph (code 1), which has no character.`,
    );
    expect(r('7.21.8-1').test(font({ glyphs: [glyph(2, { name: 'a' })] }))).toBeUndefined();
  });
});

describe('ISO 14289-1, 7.21: fonts', () => {
  const helvetica = (f: Fixture) => {
    const font = f.ctx.obj({ Type: 'Font', Subtype: 'Type1', BaseFont: 'Helvetica', Encoding: 'WinAnsiEncoding' });
    (f.pages[1]!.resources.get(N('Font')) as PDFDict).set(N('F2'), f.ctx.register(font));
  };

  it('7.21.4.1-1: text in an unembedded font', async () => {
    const r = await check({ edit: helvetica, content: (p, t) => (p === 2 ? t.replace('/F1 12 Tf 72 690', '/F2 12 Tf 72 690') : t) });
    expect(failed(r)).toEqual(['7.21.4.1-1']);
    const [x] = only(r, '7.21.4.1-1');
    expect(x!.page).toBe(2);
    expect(x!.message).toContain('Helvetica');
  });

  it('7.21.4.1-1: a font used only in rendering mode 3 (invisible) need not be embedded', async () => {
    const r = await check({ edit: helvetica, content: (p, t) => (p === 2 ? t.replace('/F1 12 Tf 72 690', '/F2 12 Tf 3 Tr 72 690') : t) });
    expect(r.failures).toEqual([]);
  });

  it('7.21.4.1-1: a Type0 font whose CIDFont is not embedded', async () => {
    const r = await check({
      edit: (f) => {
        const cid = f.ctx.obj({ Type: 'Font', Subtype: 'CIDFontType2', BaseFont: 'Arial', CIDSystemInfo: { Ordering: 'Identity', Supplement: 0 }, FontDescriptor: { Type: 'FontDescriptor', FontName: 'Arial', Flags: 32 } });
        const t0 = f.ctx.obj({ Type: 'Font', Subtype: 'Type0', BaseFont: 'Arial', Encoding: 'Identity-H', DescendantFonts: [f.ctx.register(cid)] });
        // A ToUnicode CMap for the two codes shown, so the CIDFont's embedding is the one defect.
        t0.set(N('ToUnicode'), f.ctx.register(f.ctx.stream('begincmap 1 begincodespacerange <0000> <FFFF> endcodespacerange 2 beginbfchar <0041> <0041> <0042> <0042> endbfchar endcmap')));
        (f.pages[1]!.resources.get(N('Font')) as PDFDict).set(N('F3'), f.ctx.register(t0));
      },
      content: (p, t) => (p === 2 ? t.replace('/F1 12 Tf 72 690 Td (See ) Tj', '/F3 12 Tf 72 690 Td <00410042> Tj') : t),
    });
    expect(failed(r)).toEqual(['7.21.4.1-1']);
  });

  it('7.21.7-1: a font with no ToUnicode and glyph names that do not map to Unicode', async () => {
    const r = await check(edit((f) => f.font.delete(N('ToUnicode'))));
    expect(failed(r)).toEqual(['7.21.7-1']);
  });
});

describe('veraPDF corpus files for this clause (test/fixtures/verapdf)', () => {
  const files = corpusFiles('7.21.');
  it('has files to check', () => expect(files.length).toBeGreaterThan(0));
  it.each(files.map((f) => [f.name, f] as const))('%s', async (_, f) => {
    const { raised } = await checkCorpusFile(f);
    expect(raised, `${f.name}: rule ${f.rule} ${raised ? 'raised' : 'not raised'}`).toBe(f.expect === 'fail');
  });
});

describe('glyph-level font rules on the fixture\'s Type3 box font', () => {
  it('7.21.7-1 and 7.21.4.1-2: a code shown that the ToUnicode CMap does not map, and the font has no glyph for', async () => {
    const r = await check({ content: (p, t) => (p === 2 ? t.replace('(See ) Tj', '(See \\001) Tj') : t) });
    expect(failed(r)).toEqual(['7.21.4.1-2', '7.21.7-1']);
    expect(only(r, '7.21.7-1')[0]!.message).toContain('code 1');
  });

  it('7.21.8-1: a code whose /Differences name is .notdef', async () => {
    const r = await check({
      edit: (f) => ((f.font.get(N('Encoding')) as PDFDict).get(N('Differences')) as PDFArray).push(N('.notdef')),
      content: (p, t) => (p === 2 ? t.replace('(See ) Tj', '(See \\177) Tj') : t),
    });
    expect(failed(r)).toContain('7.21.8-1');
  });
});

describe('7.21.6-1 / 7.21.6-4: a TrueType program\'s cmap subtables (the rules\' tests on font facts)', () => {
  const byId = (id: string) => fontRules.find((r) => r.id === id)!;
  const truetype = (symbolic: boolean, cmaps: [number, number][]) =>
    ({
      subtype: 'TrueType',
      symbolic,
      rendered: true,
      name: 'ABCDEF+Test',
      resourceName: 'F1',
      page: 1,
      program: { kind: 'truetype', cmaps: cmaps.map(([platformID, encodingID]) => ({ platformID, encodingID })) },
    }) as unknown as FontFacts;
  const model = {} as CheckModel;

  it('7.21.6-1: a non-symbolic font needs a subtable besides (3,0)', () => {
    expect(byId('7.21.6-1').test(truetype(false, [[3, 1]]), model)).toBeUndefined();
    expect(byId('7.21.6-1').test(truetype(false, [[3, 0]]), model)).toMatch(/no non-symbolic 'cmap' subtable/);
    expect(byId('7.21.6-1').test(truetype(false, [[3, 0], [1, 0]]), model)).toBeUndefined();
  });

  it('7.21.6-4: a symbolic font has one subtable, or a (3,0) one', () => {
    expect(byId('7.21.6-4').test(truetype(true, [[1, 0]]), model)).toBeUndefined();
    expect(byId('7.21.6-4').test(truetype(true, [[1, 0], [3, 0]]), model)).toBeUndefined();
    expect(byId('7.21.6-4').test(truetype(true, [[1, 0], [3, 1]]), model)).toMatch(/no \(3,0\) Symbol subtable/);
  });
});
