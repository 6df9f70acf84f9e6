/**
 * Printing until the contents' page numbers hold: print, read where each heading landed, and when
 * one landed elsewhere than the contents says, number the contents again and print again (a
 * contents that grows by a line can move everything after it, so one more pass may not be enough).
 * Every pass prints the same page: a change of the numbers alone changes its text in place.
 */
import type { PDFDocument } from 'pdf-lib';
import type { Browser, Page } from 'puppeteer-core';
import type { AssetResolver } from '../theme/assets.ts';
import type { Run, Stage } from '../util/stage.ts';
import { closePrintPage, openPrintPage, printPage, showHtml, type PrintPage } from './print-pdf.ts';

/** Most print passes to settle the contents' page numbers (each pass normally settles in one). */
export const MAX_PRINTS = 4;

export interface PaginateInput {
  browser: Browser;
  assets: AssetResolver;
  timeoutMs: number;
  /** The HTML to print first, its contents numbered from `pages` (placeholders where it has none). */
  html: string;
  pages: Map<string, number>;
  /** The headings the contents shows a page for; by default every destination the PDF has. */
  listed?: readonly string[];
  /** The HTML again, its contents numbered from the pages given. */
  renumber: Stage<Map<string, number>, string>;
  /** A blank page to print on, opened beforehand. */
  blank?: Promise<Page>;
}

export interface Paginated {
  /** The last print, and the same parsed once. */
  pdf: Uint8Array;
  doc: PDFDocument;
  /** Destination (heading id) → the page it landed on in the last print. */
  pages: Map<string, number>;
  /** The HTML printed last. */
  html: string;
  passes: number;
  /** Every asset the page loaded (relative URL → file). */
  assetsUsed: Map<string, string>;
  /** The page, still open with the HTML printed last (to audit it); close it with closePrintPage. */
  page: PrintPage;
}

/** Prints until the contents holds (or MAX_PRINTS passes); reports blocked requests and a contents that never held. */
export async function paginate(input: PaginateInput, run: Run): Promise<Paginated> {
  let page: PrintPage | undefined;
  // PDF parsing loads while the page loads and prints (Node waits for Chromium meanwhile).
  const reading = import('./read-printed.ts');
  reading.catch(() => undefined);
  try {
    let html = input.html;
    let shown = input.pages;
    for (let pass = 1; ; pass++) {
      const printed = await run.stage('print', printPass, { input, page, html, reading });
      page = printed.page;
      const landed = printed.landed;
      const settled = (input.listed ?? [...landed.keys()]).every((id) => landed.get(id) === shown.get(id));
      const unsettled = !settled && pass === MAX_PRINTS;
      if (settled || unsettled) {
        if (unsettled) run.warn('print/contents-unsettled', { passes: String(pass) });
        run.report(page.served.warnings);
        return { pdf: printed.pdf, doc: printed.doc, pages: landed, html, passes: pass, assetsUsed: page.served.assetsUsed, page };
      }
      shown = landed;
      html = await run.stage('html', input.renumber, landed);
    }
  } catch (e) {
    await closePrintPage(page);
    throw e;
  }
}

/** One pass: the page shows `html` (opened on the first pass), is printed, and the PDF is parsed. */
async function printPass({ input, page, html, reading }: { input: PaginateInput; page?: PrintPage; html: string; reading: Promise<typeof import('./read-printed.ts')> }) {
  const opened = page ? undefined : await openPrintPage({ browser: input.browser, html, assets: input.assets, timeoutMs: input.timeoutMs, blank: input.blank });
  try {
    if (page) await showHtml(page, html);
    const shown = (page ?? opened)!;
    const pdf = await printPage(shown);
    const { doc, landed } = await (await reading).readPrinted(pdf);
    return { page: shown, pdf, doc, landed };
  } catch (e) {
    await closePrintPage(opened);
    throw e;
  }
}
