import { readFile } from 'node:fs/promises';
import type { HTTPRequest, Page } from 'puppeteer-core';
import { diagnostic, type Diagnostic } from '../util/diagnostics.ts';
import { contentType, type AssetResolver } from '../theme/assets.ts';
import { display } from '../util/display.ts';

/** The page is served from a name that can never resolve, so nothing can reach a real host. */
export const ORIGIN = 'https://folio.invalid/';

export interface Served {
  /** The HTML the page's address answers with (a page loaded again gets the current one). */
  html: string;
  /** Every asset the page loaded (relative URL → file). */
  assetsUsed: Map<string, string>;
  warnings: Diagnostic[];
  /** Missing or refused assets: the report is incomplete without them. */
  errors: Diagnostic[];
}

/**
 * Answers every request of `page` itself: the HTML from memory, `assets/…` from the report's own
 * assets, and everything else (any other host, file: URLs) refused and reported.
 */
export async function servePage(page: Page, html: string, assets: AssetResolver): Promise<Served> {
  const served: Served = { html, assetsUsed: new Map(), warnings: [], errors: [] };
  await page.setRequestInterception(true);
  page.on('request', (request) => void answer(request));

  async function answer(request: HTTPRequest): Promise<void> {
    const url = request.url();
    if (url === ORIGIN) return request.respond({ status: 200, contentType: 'text/html; charset=utf-8', body: served.html });
    if (url.startsWith('data:')) return request.continue();
    // Chromium asks for a favicon on its own; it is not the report's request.
    if (url === `${ORIGIN}favicon.ico`) return request.respond({ status: 404, body: '' });
    if (url.startsWith(ORIGIN)) {
      const rel = url.slice(ORIGIN.length);
      const file = assets.resolve(rel);
      if (file && file !== 'outside') {
        served.assetsUsed.set(rel.split(/[?#]/)[0]!, file);
        return request.respond({ status: 200, contentType: contentType(file), body: await readFile(file) });
      }
      served.errors.push(diagnostic(file === 'outside' ? 'asset/outside' : 'asset/missing', { path: decodeURIComponent(rel), folders: assets.roots.map(display).join(', ') }));
      return request.respond({ status: 404, body: '' });
    }
    served.warnings.push(diagnostic('print/blocked-request', { url: url.slice(0, 200) }));
    return request.abort('blockedbyclient');
  }
  return served;
}
