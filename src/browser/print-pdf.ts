import type { Browser } from 'puppeteer-core';
import { diagnostic, FolioError, type Diagnostic } from '../util/diagnostics.ts';
import type { AssetResolver } from '../theme/assets.ts';
import { ORIGIN, servePage } from './serve-page.ts';

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
 * Waits until every image and CSS background image is decoded and every font is loaded. Chromium
 * otherwise sometimes prints a background SVG that is still decoding differently (once per page,
 * clipped), which changes the bytes from run to run. It runs through DevTools' evaluation, which
 * works with the page's own JavaScript disabled; it is a string because a bundler's helpers
 * (tsx names functions) do not exist in the page.
 */
const SETTLE = `(async () => {
  const urls = new Set();
  for (const el of document.querySelectorAll('*')) {
    for (const pseudo of [null, '::before', '::after']) {
      for (const m of getComputedStyle(el, pseudo).backgroundImage.matchAll(/url\\("([^"]+)"\\)/g)) urls.add(m[1]);
    }
  }
  const decode = (img) => img.decode().catch(() => undefined);
  await Promise.all([...document.images].map(decode));
  await Promise.all([...urls].map((url) => { const img = new Image(); img.src = url; return decode(img); }));
  await document.fonts.ready;
})()`;

/**
 * Prints HTML to a tagged PDF with an outline. JavaScript is off; every request is answered from
 * memory or the report's own assets, and everything else is refused and reported.
 */
export async function printPdf({ browser, html, assets, timeoutMs }: PrintInput): Promise<Printed> {
  const page = await browser.newPage();
  try {
    await page.setJavaScriptEnabled(false);
    const served = await servePage(page, html, assets);
    await page.goto(ORIGIN, { waitUntil: 'load', timeout: timeoutMs });
    await page.emulateMediaType('print');
    await page.evaluate(SETTLE);
    const pdf = await page.pdf({
      printBackground: true,
      preferCSSPageSize: true,
      tagged: true,
      outline: true,
      waitForFonts: true,
      timeout: timeoutMs,
    });
    if (served.errors.length > 0) throw new FolioError(served.errors);
    return { pdf, assetsUsed: served.assetsUsed, warnings: served.warnings };
  } catch (e) {
    if (e instanceof FolioError) throw e;
    if ((e as Error).name === 'TimeoutError') {
      throw new FolioError(diagnostic('stage/timeout', { stage: 'print', ms: String(timeoutMs), reason: (e as Error).message.split('\n')[0] }), { cause: e });
    }
    throw new FolioError(diagnostic('print/failed', { reason: (e as Error).message.split('\n')[0] }), { cause: e });
  } finally {
    await page.close().catch(() => undefined);
  }
}
