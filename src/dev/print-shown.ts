/**
 * The preview's print: the HTML the left pane shows, printed by the same `printPdf` as
 * `folio build` (same pages), without the post-processing and checks, which take seconds.
 *
 * Like `render()` in pipeline.ts it prints until the contents' page numbers hold: when headings
 * landed on other pages than the HTML says, the HTML is rendered again with the numbers they
 * landed on and printed again. This is the pipeline's settle loop written a second time; it sits
 * alone here, behind this one function, so it can become a call to the pipeline's loop.
 */
import type { Browser } from 'puppeteer-core';
import { PDFDocument } from 'pdf-lib';
import { printPdf } from '../browser/print-pdf.ts';
import { readDestinations } from '../pdf/objects.ts';
import type { AssetResolver } from '../theme/assets.ts';
import { diagnostic, type Diagnostic } from '../util/diagnostics.ts';

/** As in `render()`: most print passes to settle the contents' page numbers. */
export const MAX_PRINTS = 4;

export interface PrintShownInput {
  browser(): Promise<Browser>;
  html: string;
  /** Heading id → page: the numbers `html`'s contents were rendered with. */
  pages: Map<string, number>;
  assets: AssetResolver;
  timeoutMs: number;
  /** The report's HTML rendered again with these page numbers. */
  rerender(pages: Map<string, number>): Promise<string>;
  /** Each re-rendered HTML, for the preview to serve (if nothing newer came meanwhile). */
  onRerendered(html: string, pages: Map<string, number>): void;
}

export interface ShownPrint {
  pdf: Uint8Array;
  /** Heading id → page, as printed. */
  pages: Map<string, number>;
  warnings: Diagnostic[];
}

export async function printShown(input: PrintShownInput): Promise<ShownPrint> {
  let { html, pages: used } = input;
  for (let pass = 1; ; pass++) {
    const printed = await printPdf({ browser: await input.browser(), html, assets: input.assets, timeoutMs: input.timeoutMs });
    const landed = readDestinations(await PDFDocument.load(printed.pdf, { updateMetadata: false }));
    const result = { pdf: printed.pdf, pages: landed, warnings: [...printed.warnings] };
    if ([...landed].every(([id, page]) => used.get(id) === page)) return result;
    if (pass === MAX_PRINTS) return { ...result, warnings: [...result.warnings, diagnostic('print/contents-unsettled', { passes: String(pass) })] };
    html = await input.rerender(landed);
    used = landed;
    input.onRerendered(html, landed);
  }
}
