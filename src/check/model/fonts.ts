/** Fonts used by page content, with what the font rules ask about them. */
import { PDFDict, PDFName, PDFStream, type PDFContext, type PDFRef } from 'pdf-lib';
import { get, getArray, getDict, getName, getNumber, getText, items, nameOf, refKey, resolve } from '../../pdf/cos.ts';
import type { Where } from '../rule.ts';
import type { FontUse } from './content.ts';

export interface FontFacts {
  dict: PDFDict;
  ref?: PDFRef;
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
  /** Unicode can be derived for its codes (ToUnicode, a standard encoding, a known collection). */
  unicodeMapped: boolean;
}

export function readFonts(ctx: PDFContext, uses: Map<PDFDict, FontUse>): FontFacts[] {
  return [...uses.values()].map((use) => {
    const f = use.dict;
    const subtype = getName(ctx, f, 'Subtype');
    const descendant = subtype === 'Type0' ? items(ctx, f.get(PDFName.of('DescendantFonts')))[0] : undefined;
    const program = subtype === 'Type0' ? (descendant instanceof PDFDict ? descendant : undefined) : f;
    const fd = getDict(ctx, program, 'FontDescriptor');
    return {
      dict: f,
      ref: use.ref,
      where: { page: use.page, ...(use.ref ? { object: refKey(use.ref) } : {}) },
      subtype,
      name: getName(ctx, f, 'BaseFont') ?? use.resourceName,
      resourceName: use.resourceName,
      page: use.page,
      rendered: use.rendered,
      embedded: !!fd && ['FontFile', 'FontFile2', 'FontFile3'].some((k) => get(ctx, fd, k) instanceof PDFStream),
      unicodeMapped: hasUnicodeMapping(ctx, f, subtype, descendant instanceof PDFDict ? descendant : undefined),
    };
  });
}

function hasUnicodeMapping(ctx: PDFContext, f: PDFDict, sub: string | undefined, descendant: PDFDict | undefined): boolean {
  if (get(ctx, f, 'ToUnicode') instanceof PDFStream) return true;
  if (sub === 'Type0') {
    const info = getDict(ctx, descendant, 'CIDSystemInfo');
    return getText(ctx, info, 'Registry') === 'Adobe' && ['GB1', 'CNS1', 'Japan1', 'Korea1'].includes(getText(ctx, info, 'Ordering') ?? '');
  }
  const flags = getNumber(ctx, getDict(ctx, f, 'FontDescriptor'), 'Flags') ?? 0;
  if (sub === 'TrueType' && (flags & 4) === 0) return true; // non-symbolic TrueType
  const enc = get(ctx, f, 'Encoding');
  const standard = ['WinAnsiEncoding', 'MacRomanEncoding', 'MacExpertEncoding'];
  if (enc instanceof PDFName) return standard.includes(enc.decodeText()) || (sub !== 'Type3' && enc.decodeText() === 'StandardEncoding');
  if (enc instanceof PDFDict) {
    const names = (getArray(ctx, enc, 'Differences')?.asArray() ?? []).map((d) => nameOf(resolve(ctx, d))).filter((x): x is string => x !== undefined);
    return names.every(isAglName);
  }
  // No /Encoding: Type1 fonts use their built-in encoding (the standard 14's names are all in the
  // Adobe Glyph List; an embedded program's names are not read here); Type3 needs one.
  return sub === 'Type1' || sub === 'MMType1';
}

/** Glyph names of the Adobe standard Latin character set: all have Unicode values in the AGL. */
const AGL_LATIN = new Set(
  (
    'space exclam quotedbl numbersign dollar percent ampersand quotesingle quoteright parenleft parenright asterisk plus ' +
    'comma hyphen period slash zero one two three four five six seven eight nine colon semicolon less equal greater ' +
    'question at bracketleft backslash bracketright asciicircum underscore grave quoteleft braceleft bar braceright ' +
    'asciitilde bullet Euro quotesinglbase florin quotedblbase ellipsis dagger daggerdbl circumflex perthousand Scaron ' +
    'guilsinglleft OE Zcaron quotedblleft quotedblright endash emdash tilde trademark scaron guilsinglright oe zcaron ' +
    'Ydieresis exclamdown cent sterling currency yen brokenbar section dieresis copyright ordfeminine guillemotleft ' +
    'logicalnot registered macron degree plusminus twosuperior threesuperior acute mu paragraph periodcentered cedilla ' +
    'onesuperior ordmasculine guillemotright onequarter onehalf threequarters questiondown Agrave Aacute Acircumflex ' +
    'Atilde Adieresis Aring AE Ccedilla Egrave Eacute Ecircumflex Edieresis Igrave Iacute Icircumflex Idieresis Eth ' +
    'Ntilde Ograve Oacute Ocircumflex Otilde Odieresis multiply Oslash Ugrave Uacute Ucircumflex Udieresis Yacute Thorn ' +
    'germandbls agrave aacute acircumflex atilde adieresis aring ae ccedilla egrave eacute ecircumflex edieresis igrave ' +
    'iacute icircumflex idieresis eth ntilde ograve oacute ocircumflex otilde odieresis divide oslash ugrave uacute ' +
    'ucircumflex udieresis yacute thorn ydieresis fi fl ff ffi ffl dotlessi dotlessj fraction lslash Lslash breve ' +
    'dotaccent ring hungarumlaut ogonek caron minus nbspace sfthyphen'
  ).split(' '),
);

/** Whether a glyph name maps to Unicode by the Adobe Glyph List rules (approximated). */
function isAglName(name: string): boolean {
  const base = name.split('.')[0]!;
  if (!base) return false;
  return base.split('_').every((part) => /^[A-Za-z]$/.test(part) || AGL_LATIN.has(part) || /^uni(?:[0-9A-F]{4})+$/.test(part) || /^u[0-9A-F]{4,6}$/.test(part));
}
