import { readFile } from 'node:fs/promises';
import type { Browser, HTTPRequest } from 'puppeteer';
import { diagnostic, FolioError, type Diagnostic } from './diagnostics.ts';
import { contentType, type AssetResolver } from './assets.ts';

/** The page is served from a name that can never resolve, so nothing can reach a real host. */
export const ORIGIN = 'https://folio.invalid/';

export interface PrintInput {
  browser: Browser;
  html: string;
  assets: AssetResolver;
  timeoutMs: number;
}

export interface Printed {
  pdf: Uint8Array;
  /** Every asset the page loaded (relative URL → file), to copy beside the written HTML. */
  assetsUsed: Map<string, string>;
  warnings: Diagnostic[];
}

/**
 * Prints HTML to a tagged PDF with an outline. JavaScript is off; every request is answered from
 * memory or the report's own assets, and everything else is refused and reported.
 */
export async function printPdf({ browser, html, assets, timeoutMs }: PrintInput): Promise<Printed> {
  const page = await browser.newPage();
  const assetsUsed = new Map<string, string>();
  const warnings: Diagnostic[] = [];
  const errors: Diagnostic[] = [];
  try {
    await page.setJavaScriptEnabled(false);
    await page.setRequestInterception(true);
    page.on('request', (request) => void answer(request));

    async function answer(request: HTTPRequest): Promise<void> {
      const url = request.url();
      if (url === ORIGIN) return request.respond({ status: 200, contentType: 'text/html; charset=utf-8', body: html });
      if (url.startsWith('data:')) return request.continue();
      // Chromium asks for a favicon on its own; it is not the report's request.
      if (url === `${ORIGIN}favicon.ico`) return request.respond({ status: 404, body: '' });
      if (url.startsWith(ORIGIN)) {
        const rel = url.slice(ORIGIN.length);
        const file = assets.resolve(rel);
        if (file && file !== 'outside') {
          assetsUsed.set(rel.split(/[?#]/)[0]!, file);
          return request.respond({ status: 200, contentType: contentType(file), body: await readFile(file) });
        }
        errors.push(diagnostic(file === 'outside' ? 'asset/outside' : 'asset/missing', { path: decodeURIComponent(rel) }));
        return request.respond({ status: 404, body: '' });
      }
      warnings.push(diagnostic('print/blocked-request', { url: url.slice(0, 200) }));
      return request.abort('blockedbyclient');
    }

    await page.goto(ORIGIN, { waitUntil: 'load', timeout: timeoutMs });
    await page.emulateMediaType('print');
    const pdf = await page.pdf({
      printBackground: true,
      preferCSSPageSize: true,
      tagged: true,
      outline: true,
      waitForFonts: true,
      timeout: timeoutMs,
    });
    if (errors.length > 0) throw new FolioError(errors);
    return { pdf, assetsUsed, warnings };
  } catch (e) {
    if (e instanceof FolioError) throw e;
    throw new FolioError(diagnostic('print/failed', { reason: (e as Error).message.split('\n')[0] }), { cause: e });
  } finally {
    await page.close().catch(() => undefined);
  }
}
