/**
 * The preview's print: the HTML the left pane shows, printed by the pipeline's own loop
 * (`paginate`: print until the contents' page numbers hold, same pages as `folio build`), without
 * the post-processing and checks, which take seconds.
 */
import type { Browser } from 'puppeteer-core';
import { paginate } from '../browser/paginate.ts';
import { closePrintPage } from '../browser/print-pdf.ts';
import type { AssetResolver } from '../theme/assets.ts';
import type { Diagnostic } from '../util/diagnostics.ts';
import { BuildRun } from '../util/stage.ts';

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
  const run = new BuildRun();
  const renumber = async (pages: Map<string, number>) => {
    const html = await input.rerender(pages);
    input.onRerendered(html, pages);
    return html;
  };
  const printed = await paginate({ browser: await input.browser(), assets: input.assets, timeoutMs: input.timeoutMs, html: input.html, pages: input.pages, renumber }, run);
  await closePrintPage(printed.page);
  return { pdf: printed.pdf, pages: printed.pages, warnings: run.diagnostics };
}
