import type { Browser, Page } from 'puppeteer-core';
import { diagnostic, FolioError, type Diagnostic } from '../util/diagnostics.ts';
import type { AssetResolver } from '../theme/assets.ts';
import { ORIGIN, servePage, type Served } from './serve-page.ts';
import { applyChangesScript, textChanges, textCounts } from './text-changes.ts';

export interface PrintInput {
  browser: Browser;
  html: string;
  assets: AssetResolver;
  timeoutMs: number;
  /** A blank page to use instead of opening one. */
  blank?: Promise<Page>;
}

export interface Printed {
  pdf: Uint8Array;
  /** Every asset the page loaded (relative URL → file), to copy beside the written HTML. */
  assetsUsed: Map<string, string>;
  warnings: Diagnostic[];
}

/** A page loaded for printing, kept open between prints of one report (and for its audit). */
export interface PrintPage {
  page: Page;
  served: Served;
  /** The HTML the page shows now. */
  html: string;
  timeoutMs: number;
  /** How many times the page was loaded (1, plus a reload for each change that was not only text). */
  loads: number;
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
 * Opens a page showing `html`, ready to print. JavaScript is off; every request is answered from
 * memory or the report's own assets, and everything else is refused and reported.
 */
export async function openPrintPage({ browser, html, assets, timeoutMs, blank }: PrintInput): Promise<PrintPage> {
  let page: Page | undefined;
  try {
    page = await (blank ?? browser.newPage());
    // Print media from the start: the page is laid out once for print, not for screen first.
    const [, served] = await Promise.all([page.setJavaScriptEnabled(false), servePage(page, html, assets), page.emulateMediaType('print')]);
    await page.goto(ORIGIN, { waitUntil: 'load', timeout: timeoutMs });
    await page.evaluate(SETTLE);
    return { page, served, html, timeoutMs, loads: 1 };
  } catch (e) {
    await page?.close().catch(() => undefined);
    throw printError(e, timeoutMs);
  }
}

/**
 * Shows `html` on the page: when only texts changed (the contents' page numbers), the changed text
 * nodes are changed in place; otherwise the page loads the new HTML.
 */
export async function showHtml(p: PrintPage, html: string): Promise<void> {
  if (html === p.html) return;
  try {
    const changes = textChanges(p.html, html);
    const patched = changes !== undefined && (await p.page.evaluate(applyChangesScript(changes, textCounts(p.html, changes))));
    if (patched) {
      // Changed text changes no image; it may want a font (a unicode-range part) not loaded yet.
      await p.page.evaluate('document.fonts.ready.then(() => undefined)');
    } else {
      // Blocked or missing requests are reported again by the new load.
      Object.assign(p.served, { html, warnings: [], errors: [] });
      await p.page.goto(ORIGIN, { waitUntil: 'load', timeout: p.timeoutMs });
      p.loads++;
      await p.page.evaluate(SETTLE);
    }
    p.html = html;
  } catch (e) {
    throw printError(e, p.timeoutMs);
  }
}

/** Prints the page to a tagged PDF with an outline; a missing or refused asset fails the print. */
export async function printPage(p: PrintPage): Promise<Uint8Array> {
  try {
    const pdf = await p.page.pdf({
      printBackground: true,
      preferCSSPageSize: true,
      tagged: true,
      outline: true,
      waitForFonts: true,
      timeout: p.timeoutMs,
    });
    if (p.served.errors.length > 0) throw new FolioError(p.served.errors);
    return pdf;
  } catch (e) {
    throw printError(e, p.timeoutMs);
  }
}

export async function closePrintPage(p: PrintPage | undefined): Promise<void> {
  await p?.page.close().catch(() => undefined);
}

/** Prints HTML to a tagged PDF with an outline, in a page of its own. */
export async function printPdf(input: PrintInput): Promise<Printed> {
  const p = await openPrintPage(input);
  try {
    const pdf = await printPage(p);
    return { pdf, assetsUsed: p.served.assetsUsed, warnings: p.served.warnings };
  } finally {
    await closePrintPage(p);
  }
}

/** Problems a user can act on stay as they are; a timeout names the stage; anything else failed the print. */
function printError(e: unknown, timeoutMs: number): FolioError {
  if (e instanceof FolioError) return e;
  const reason = String((e as Error)?.message ?? e).split('\n')[0];
  if ((e as Error)?.name === 'TimeoutError') return new FolioError(diagnostic('stage/timeout', { stage: 'print', ms: String(timeoutMs), reason }), { cause: e });
  return new FolioError(diagnostic('print/failed', { reason }), { cause: e });
}
