import { describe, expect, it } from 'vitest';
import { parseCMap, parseToUnicode } from '../../../src/pdf/to-unicode.ts';

describe('CMaps', () => {
  it('parseCMap: name, WMode, usecmap, code space and CIDs', () => {
    const cmap = parseCMap(`/CMapName /Test-H def /WMode 1 def /Identity-H usecmap
      2 begincodespacerange <00> <80> <8140> <FFFF> endcodespacerange
      1 begincidrange <20> <7e> 1 endcidrange
      1 begincidchar <8140> 633 endcidchar`);
    expect(cmap).toEqual({
      name: 'Test-H',
      wmode: 1,
      usecmap: 'Identity-H',
      codespaces: [
        { bytes: 1, lo: 0, hi: 0x80 },
        { bytes: 2, lo: 0x8140, hi: 0xffff },
      ],
      cids: [
        { lo: 0x20, hi: 0x7e, cid: 1 },
        { lo: 0x8140, hi: 0x8140, cid: 633 },
      ],
    });
  });

  it('parseToUnicode: bfchar and bfrange, U+0000 kept as text', () => {
    const map = parseToUnicode('beginbfchar <01> <0000> <02> <2019> endbfchar beginbfrange <10> <12> <0041> endbfrange');
    expect([...map]).toEqual([
      [1, '\u0000'],
      [2, '\u2019'],
      [0x10, 'A'],
      [0x11, 'B'],
      [0x12, 'C'],
    ]);
  });
});
