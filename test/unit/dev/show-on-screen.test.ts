import { describe, expect, it } from 'vitest';
import { fullBleedSelectors, showOnScreen } from '../../../src/dev/show-on-screen.ts';

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

describe('showOnScreen', () => {
  const letter = { width: '8.5in', height: '11in', bleed: '0in' };
  const report = `<!doctype html><html><head><style>
@page { margin: 0.75in; } @page bleed { margin: 0; }
.cover { page: bleed; }
@media print { .screen-only { display: none; } }
@media only print and (min-width: 1px) { h1 { color: black; } }
@media screen { body { max-width: 40em; } }
</style></head><body><section data-folio-section="cover"><div class="cover">Cover</div></section></body></html>`;

  it('applies the print styles on screen and turns the screen styles off', () => {
    const shown = showOnScreen(report, letter);
    expect(shown).toContain('@media all { .screen-only { display: none; } }');
    expect(shown).toContain('@media all and (min-width: 1px) { h1 { color: black; } }');
    expect(shown).toContain('@media not all { body { max-width: 40em; } }');
    expect(shown).not.toMatch(/@media (only )?(print|screen)/);
  });

  it('puts each section on a sheet the page\'s size, padded by the margins, full-bleed pages edge to edge', () => {
    const shown = showOnScreen(report, { width: '210mm', height: '297mm', bleed: '3mm' });
    const sheet = /<style data-folio-dev>[\s\S]*?<\/style>\n<\/head>/.exec(shown)?.[0] ?? '';
    expect(sheet).toContain('[data-folio-section] { box-sizing: border-box; width: calc(210mm + 2 * 3mm); min-height: calc(297mm + 2 * 3mm);');
    expect(sheet).toContain('padding: calc(var(--margin-top, 0.75in) + 3mm) calc(var(--margin-side, 0.75in) + 3mm) calc(var(--margin-bottom, 0.75in) + 3mm);');
    expect(sheet).toContain('[data-folio-section]:has(> :is(.cover)) { padding: 0; }');
    // The report's own markup is untouched around the added sheet.
    expect(shown.replace(/<style data-folio-dev>[\s\S]*?<\/style>\n/, '')).toBe(
      report.replace('@media print', '@media all').replace('@media only print', '@media all').replace('@media screen', '@media not all'),
    );
  });

  it('adds no bleed rule without full-bleed pages, and a sheet in front when the HTML has no head', () => {
    const shown = showOnScreen('<section data-folio-section="a">A</section>', letter);
    expect(shown.startsWith('<style data-folio-dev>')).toBe(true);
    expect(shown.endsWith('</style><section data-folio-section="a">A</section>')).toBe(true);
    expect(shown).not.toContain(':has(');
  });

  it('keeps a selector with $ in it as written', () => {
    const html = `<html><head><style>@page full { margin: 0 } [class$='-cover'] { page: full }</style></head><body></body></html>`;
    expect(showOnScreen(html, letter)).toContain(`[data-folio-section]:has(> :is([class$='-cover'])) { padding: 0; }`);
  });
});
