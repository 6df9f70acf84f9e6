/**
 * What the preview's builds do, and what they leave to serve: the report's HTML (rendered without
 * a browser), the preview PDF (`printShown`, or with `checks` the whole pipeline as `folio build`
 * runs it, its failed checks as warnings so they never hide the PDF), and Write PDF (the same code
 * as `folio build`: atomic, checks as configured). When each runs is the rebuild queue's business;
 * a data or template error only fails that build, and the last good HTML and PDF stay served.
 */
import { build, render, renderHtmlOnly } from '../pipeline.ts';
import type { Options } from '../config/options.ts';
import type { ReportMeta } from '../render/resolve-report.ts';
import type { AssetResolver } from '../theme/assets.ts';
import { toFolioError, type Diagnostic } from '../util/diagnostics.ts';
import { display } from '../util/display.ts';
import { buildLogger, type BuildEvent, type BuildSlot, type LastBuilds } from './build-events.ts';
import type { KeptBrowser } from './keep-browser.ts';
import { printShown, type PrintShownInput, type ShownPrint } from './print-shown.ts';
import type { RebuildJobs, Versions } from './queue-rebuilds.ts';
import { previewStatus, type PreviewView } from './render-preview-page.ts';

export interface PreviewContext {
  /** Resolved options; Write PDF builds with them as they are. */
  options: Options;
  /** Preview PDFs through the whole pipeline (checks as warnings). */
  checks: boolean;
  versions: Versions;
  browser: KeptBrowser;
  assets: AssetResolver;
  log(line: string): void;
  /** Sends an event to every open preview page. */
  broadcast(event: string, data: unknown): void;
  /** The preview print (default `printShown`); the tests give one that needs no browser. */
  print?: (input: PrintShownInput) => Promise<ShownPrint>;
}

const CLOSED = 'the preview server is closed';

export class PreviewBuilds implements RebuildJobs {
  report?: ReportMeta;
  /** The HTML served, and the PDF. */
  shownHtml?: string;
  shownPdf?: Uint8Array;
  /** Heading id → page, from the last PDF printed; the HTML's contents use it. */
  pages = new Map<string, number>();
  /** The page numbers the served HTML was rendered with. */
  htmlPages = this.pages;
  readonly last: LastBuilds = {};
  pdfBuilding = false;
  writing = false;
  readonly #ctx: PreviewContext;
  readonly #logBuild: ReturnType<typeof buildLogger>;
  #waiters: { kind: 'html' | 'pdf'; resolve(e: BuildEvent): void; reject(e: Error): void }[] = [];
  #closed = false;

  constructor(ctx: PreviewContext) {
    this.#ctx = ctx;
    this.#logBuild = buildLogger(ctx.log);
  }

  view(): PreviewView {
    return {
      title: this.report ? `${this.report.title} ${this.report.year}` : display(this.#ctx.options.data),
      last: this.last,
      htmlVersion: this.#ctx.versions.of('html'),
      pdfVersion: this.#ctx.versions.of('pdf'),
      hasPdf: this.shownPdf !== undefined,
      pdfBuilding: this.pdfBuilding,
      writing: this.writing,
      checks: this.#ctx.checks,
    };
  }

  /** The next build of `kind` to finish after this call (Write PDF counts as a `pdf` build). */
  nextBuild(kind: 'html' | 'pdf'): Promise<BuildEvent> {
    if (this.#closed) return Promise.reject(new Error(CLOSED));
    return new Promise((resolve, reject) => this.#waiters.push({ kind, resolve, reject }));
  }

  async html(): Promise<boolean> {
    const start = performance.now();
    try {
      const used = this.pages;
      const r = await renderHtmlOnly(this.#ctx.options, {}, used);
      this.report = r.report;
      this.shownHtml = r.html;
      this.htmlPages = used;
      this.#ctx.versions.next('html');
      return this.#finish({ ok: true, kind: 'html', ms: performance.now() - start, diagnostics: r.diagnostics }, 'html').ok;
    } catch (e) {
      return this.#finish({ ok: false, kind: 'html', ms: performance.now() - start, diagnostics: toFolioError(e).diagnostics }, 'html').ok;
    }
  }

  async pdf(): Promise<void> {
    this.pdfBuilding = true;
    this.#broadcastStatus();
    const start = performance.now();
    try {
      const diagnostics = this.#ctx.checks ? await this.#renderPdf() : await this.#printShown();
      this.#ctx.versions.next('pdf');
      this.#finish({ ok: true, kind: 'pdf', ms: performance.now() - start, diagnostics }, 'pdf');
    } catch (e) {
      this.#finish({ ok: false, kind: 'pdf', ms: performance.now() - start, diagnostics: toFolioError(e).diagnostics }, 'pdf');
    } finally {
      this.pdfBuilding = false;
      if (!this.#closed) this.#broadcastStatus();
    }
  }

  /** Writes the PDF and the HTML beside it, as `folio build` does. Run it as a browser job. */
  async write(): Promise<BuildEvent> {
    if (this.#closed) throw new Error(CLOSED);
    this.writing = true;
    this.#broadcastStatus();
    const start = performance.now();
    try {
      const r = await build(this.#ctx.options, { browser: await this.#ctx.browser.get() });
      this.shownPdf = r.pdf;
      this.pages = r.pages;
      this.#ctx.broadcast('reload', { kind: 'pdf', version: this.#ctx.versions.next('pdf') });
      return this.#finish({ ok: true, kind: 'pdf', ms: performance.now() - start, diagnostics: r.diagnostics, outFile: r.outFile }, 'write');
    } catch (e) {
      return this.#finish({ ok: false, kind: 'pdf', ms: performance.now() - start, diagnostics: toFolioError(e).diagnostics }, 'write');
    } finally {
      this.writing = false;
      if (!this.#closed) this.#broadcastStatus();
    }
  }

  /** Finishes nothing more; whoever waits for a build is told the preview closed. */
  close(): void {
    this.#closed = true;
    for (const w of this.#waiters.splice(0)) w.reject(new Error(CLOSED));
  }

  #finish(event: BuildEvent, slot: BuildSlot): BuildEvent {
    if (this.#closed) return event;
    const done = { ...event, ms: Math.round(event.ms), at: new Date() };
    this.last[slot] = done;
    if (slot === 'html') this.last.write = undefined;
    this.#logBuild(done, slot);
    for (const w of this.#waiters.filter((w) => w.kind === event.kind)) {
      this.#waiters.splice(this.#waiters.indexOf(w), 1);
      w.resolve(event);
    }
    if (event.ok && slot !== 'write') this.#ctx.broadcast('reload', { kind: event.kind, version: this.#ctx.versions.of(event.kind) });
    this.#broadcastStatus();
    return event;
  }

  #broadcastStatus(): void {
    this.#ctx.broadcast('status', previewStatus(this.view()));
  }

  /** The whole pipeline, as `folio build` runs it, with its failed checks as warnings. */
  async #renderPdf(): Promise<Diagnostic[]> {
    const r = await render({ ...this.#ctx.options, check: false }, { browser: await this.#ctx.browser.get() });
    this.shownPdf = r.pdf;
    this.pages = r.pages;
    return r.diagnostics;
  }

  async #printShown(): Promise<Diagnostic[]> {
    const { options, versions } = this.#ctx;
    let basis = versions.of('html');
    const printed = await (this.#ctx.print ?? printShown)({
      browser: () => this.#ctx.browser.get(),
      html: this.shownHtml!,
      pages: this.htmlPages,
      assets: this.#ctx.assets,
      timeoutMs: options.timeoutMs,
      rerender: async (pages) => (await renderHtmlOnly(options, {}, pages)).html,
      onRerendered: (html, pages) => {
        this.pages = pages;
        // Served only if no newer HTML was built meanwhile: a stale page never replaces a newer one.
        const version = this.#closed ? undefined : versions.nextFrom('html', basis);
        if (version === undefined) return;
        [this.shownHtml, this.htmlPages, basis] = [html, pages, version];
        this.#ctx.broadcast('reload', { kind: 'html', version });
      },
    });
    this.shownPdf = printed.pdf;
    this.pages = printed.pages;
    return printed.warnings;
  }
}
