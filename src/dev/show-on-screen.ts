/**
 * The report's HTML as the preview's left pane shows it: its print styles on screen, each section
 * (the layout's `data-folio-section` elements) on a white sheet the page's size, as printed. Chromium
 * shows a screen, not pages, so `@media print` rules become `@media all` (and `@media screen`
 * `@media not all`). A sheet is the page box's width (with bleed), at least its height, padded by
 * the report's margins (`--margin-top`/`-side`/`-bottom` when the styles define them, else
 * 0.75in), except a full-bleed page (a named page whose @page rule has no margins), which Chromium
 * prints edge to edge: its sheet has no padding and the section is exactly the page. A section
 * longer than a page is one tall sheet; page breaks, running heads and page numbers exist only in
 * the PDF.
 */
import type { PageGeometry } from '../config/options.ts';

export function showOnScreen(html: string, geometry: Pick<PageGeometry, 'width' | 'height' | 'bleed'>): string {
  const styles = [...html.matchAll(/<style\b[^>]*>([\s\S]*?)<\/style>/gi)].map((m) => m[1]!).join('\n');
  const printed = html.replace(/(<style\b[^>]*>)([\s\S]*?)(<\/style>)/gi, (_m, open: string, css: string, close: string) =>
    open + css.replace(/@media(\s+only)?\s+print\b/gi, '@media all').replace(/@media(\s+only)?\s+screen\b/gi, '@media not all') + close,
  );
  const bleed = fullBleedSelectors(styles);
  const page = (length: string) => `calc(${length} + 2 * ${geometry.bleed})`;
  const margin = (side: string) => `calc(var(--margin-${side}, 0.75in) + ${geometry.bleed})`;
  const sheet = `<style data-folio-dev>
/* folio dev only, not in the printed report: the print styles on screen, each section on a sheet the page's size. */
html { background: #d9dae0; }
html body { width: auto; max-width: none; min-height: 0; margin: 0; padding: 16px 0; background: none; }
[data-folio-section] { box-sizing: border-box; width: ${page(geometry.width)}; min-height: ${page(geometry.height)}; margin: 0 auto 16px;
  padding: ${margin('top')} ${margin('side')} ${margin('bottom')};
  background: #fff; box-shadow: 0 1px 6px rgba(0, 0, 0, .3); }
${bleed.length ? `[data-folio-section]:has(> :is(${bleed.join(', ')})) { padding: 0; }` : ''}
</style>`;
  // A function, not a replacement string: a selector such as [class$='x'] holds `$'`.
  return /<\/head>/i.test(printed) ? printed.replace(/<\/head>/i, () => `${sheet}\n</head>`) : sheet + printed;
}

/**
 * The selectors of the styles' full-bleed pages: rules that put their element on a named page
 * whose @page rule sets every margin to 0 (`@page bleed { margin: 0 }` and `.bleed { page: bleed }`).
 */
export function fullBleedSelectors(css: string): string[] {
  const plain = css.replace(/\/\*[\s\S]*?\*\//g, '');
  const names = new Set([...plain.matchAll(/@page\s+([\w-]+)\s*\{([^{}]*)\}/g)].filter((m) => /(^|;)\s*margin\s*:\s*0(px|in|mm|pt)?\s*(;|$)/.test(m[2]!.trim())).map((m) => m[1]!));
  const selectors: string[] = [];
  for (const [, selector, body] of plain.matchAll(/([^{}@;]+)\{([^{}]*)\}/g)) {
    const page = /(?:^|;)\s*page\s*:\s*([\w-]+)\s*(?:;|$)/.exec(body!.trim())?.[1];
    if (page && names.has(page)) selectors.push(selector!.trim());
  }
  return selectors;
}
