import { describe, expect, it } from 'vitest';
import { glyphNameToUnicode, inGlyphList } from '../../../src/pdf/glyph-list.ts';

describe('the Adobe Glyph List', () => {
  it('knows its names, legacy ones included, and not misspelt ones', () => {
    expect(inGlyphList('grave')).toBe(true);
    expect(inGlyphList('afii10017')).toBe(true);
    expect(inGlyphList('gravee')).toBe(false);
  });

  it('maps names to Unicode by the AGL specification: uniXXXX, uXXXX, ligatures, suffixes', () => {
    expect(glyphNameToUnicode('quoteright')).toBe('\u2019');
    expect(glyphNameToUnicode('uni00E9')).toBe('é');
    expect(glyphNameToUnicode('uni00660069')).toBe('fi');
    expect(glyphNameToUnicode('u1F600')).toBe('😀');
    expect(glyphNameToUnicode('f_f_i')).toBe('ffi');
    expect(glyphNameToUnicode('a.sc')).toBe('a');
    expect(glyphNameToUnicode('uniD800')).toBeUndefined();
    expect(glyphNameToUnicode('box')).toBeUndefined();
    expect(glyphNameToUnicode('.notdef')).toBeUndefined();
  });
});
