import { describe, expect, it } from 'vitest';
import { fullBleedSelectors } from '../../../src/dev/serve-preview.ts';

describe('fullBleedSelectors', () => {
  it('finds the rules that put their element on a named page without margins', () => {
    const css = `
      @page { margin: 0.75in; }
      @page bleed { margin: 0; }
      @page wide { margin: 0.5in 0; }
      /* .commented { page: bleed; } */
      .bleed { break-before: page; page: bleed; width: 8.5in; }
      .cover, .back { page: bleed }
      .wide { page: wide; }
      @page bleed { @top-right { content: none; } }
      .section { break-before: page; }`;
    expect(fullBleedSelectors(css)).toEqual(['.bleed', '.cover, .back']);
    expect(fullBleedSelectors('.x { page: bleed; }')).toEqual([]);
  });
});
