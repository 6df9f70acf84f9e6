import { diagnostic, type Diagnostic } from '../util/diagnostics.ts';
import { display } from '../util/display.ts';
import type { AssetResolver } from './assets.ts';
import type { ThemeSource } from './read-theme.ts';

/**
 * Every `url(…)` in the styles names an asset that exists, checked before the browser starts, so a
 * missing image or font is reported once, at its stylesheet's line, with the folders searched.
 */
export function checkStyleAssets(styles: ThemeSource[], assets: AssetResolver): Diagnostic[] {
  const problems: Diagnostic[] = [];
  for (const style of styles) {
    const text = style.text.replace(/\/\*[\s\S]*?\*\//g, (c) => c.replace(/[^\n]/g, ' '));
    for (const m of text.matchAll(/url\(\s*(['"]?)([^'")]+)\1\s*\)/g)) {
      const url = m[2]!.trim();
      // Absolute URLs (another host, file:) are the page's request policy's to refuse, at print time.
      if (url.startsWith('#') || /^[a-z][a-z0-9+.-]*:/i.test(url) || url.startsWith('//')) continue;
      const found = assets.resolve(url);
      if (found && found !== 'outside') continue;
      const before = text.slice(0, m.index).split('\n');
      const place = { file: display(style.file), line: before.length, column: before.at(-1)!.length + 1 };
      const folders = assets.roots.map(display).join(', ');
      problems.push(diagnostic(found === 'outside' ? 'asset/outside' : 'asset/missing', { path: url, folders }, place));
    }
  }
  return problems;
}
