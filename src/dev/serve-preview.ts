/**
 * `folio dev`: a live preview on this machine only. It watches the data, templates and assets
 * folders; on a change it re-renders the HTML (no browser, well under a second) and tells the
 * preview page to reload it over Server-Sent Events, then prints the PDF in the background with a
 * Chromium kept open between builds, so the PDF beside it follows a moment later.
 *
 * The two panes, and what they are:
 * - `/report.html`: the report's HTML with its print styles applied on screen. Chromium shows a
 *   screen, not pages, so `@media print` rules are rewritten to `@media all` (and `@media screen`
 *   to `@media not all`) and a small dev stylesheet draws each section (the layout's
 *   `data-folio-section` elements) on a white sheet the page's size, as printed: the page box's
 *   width, at least its height, padded by the report's margins (`--margin-top`/`-side`/`-bottom`
 *   when the styles define them, else 0.75in) — except a full-bleed page (a named page whose @page
 *   rule has no margins), which fills its sheet edge to edge. A section longer than a page is one
 *   tall sheet: page breaks, running heads and page numbers exist only in the PDF. The page is
 *   served with `script-src 'none'` and shown in a sandboxed frame: the report never runs
 *   JavaScript, in the preview either.
 * - `/report.pdf`: the last PDF printed, in Chromium's PDF viewer (the true pages). By default it is
 *   the HTML of the left pane printed by folio's `printPdf`, as `folio build` prints (same pages,
 *   contents page numbers settled the same way) but without the post-processing (structure tree,
 *   page labels, metadata: nothing painted on a page) and the checks, which take seconds; with
 *   `checks: true` it goes through the whole pipeline, with `check` off so a failing accessibility
 *   check shows as warnings instead of hiding the PDF.
 *
 * A data or template error never stops the server: the last good HTML and PDF stay up, under an
 * overlay that lists the diagnostics; the terminal prints them too. "Write PDF" (POST /write-pdf,
 * or `p` + Enter via `listenForKeys`) writes the PDF and HTML to the normal output path through
 * the same code as `folio build` (atomic, checks as configured).
 */
import http from 'node:http';
import { watch, type FSWatcher } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { pageGeometry, resolveOptions, toPoints, type Options } from '../config/options.ts';
import { PDFDocument } from 'pdf-lib';
import { build, render, renderHtmlOnly } from '../pipeline.ts';
import type { ReportMeta } from '../render/resolve-report.ts';
import { printPdf } from '../browser/print-pdf.ts';
import { readDestinations } from '../pdf/objects.ts';
import { launchBrowser, type LaunchedBrowser } from '../browser/launch-browser.ts';
import { contentType, createAssetResolver } from '../theme/assets.ts';
import { diagnostic, FolioError, formatDiagnostic, formatDiagnostics, formatPlace, toFolioError, type Diagnostic } from '../util/diagnostics.ts';
import { display } from '../util/display.ts';

export interface BuildEvent {
  ok: boolean;
  kind: 'html' | 'pdf';
  ms: number;
  diagnostics: Diagnostic[];
  /** Set when the PDF was written (Write PDF), not for preview builds. */
  outFile?: string;
}

export interface PreviewSettings {
  /** Port to listen on; 0 for any free port. Default 4400 (or the next free of the 9 after it). */
  port?: number;
  /** Loopback only: 127.0.0.1 (default), localhost or ::1. */
  host?: string;
  /** Where progress and diagnostics go, one line per call (default: stderr). */
  log?: (line: string) => void;
  /** Rebuild on changes (default true). */
  watch?: boolean;
  /**
   * Preview PDFs through the whole pipeline, as `folio build` (axe-core audit, post-processing,
   * PDF checks, reported as warnings): seconds slower. Default false: the HTML the preview shows
   * is printed by the same `printPdf` (same pages), without post-processing or checks; Write PDF
   * always runs them.
   */
  checks?: boolean;
}

export interface PreviewServer {
  url: string;
  port: number;
  /** Stops the watchers, the HTTP server and the kept browser. */
  close(): Promise<void>;
  /**
   * Resolves with the next build of `kind` (default `html`, the fast path) to complete after this
   * call; call it before making the change it should see. Rejects if the server closes first.
   */
  nextBuild(kind?: 'html' | 'pdf'): Promise<BuildEvent>;
  /** Writes the PDF (and the HTML beside it) to the output path, as `folio build` does. */
  writePdf(): Promise<BuildEvent>;
}

export const DEFAULT_PORT = 4400;
const DEBOUNCE_MS = 100;
/** As in `render()`: most print passes to settle the contents' page numbers. */
const MAX_PRINTS = 4;

interface Done extends BuildEvent {
  at: Date;
}

export async function startPreview(options: Partial<Options>, settings: PreviewSettings = {}): Promise<PreviewServer> {
  const resolved = await resolveOptions(options);
  const host = settings.host ?? '127.0.0.1';
  if (!isLoopback(host)) throw new FolioError(diagnostic('dev/host-not-local', { host }));
  const log = settings.log ?? ((line: string) => void process.stderr.write(`${line}\n`));
  const assets = createAssetResolver([path.join(resolved.data, 'assets'), resolved.assets]);
  const geometry = pageGeometry(resolved);
  // Preview PDFs never hide behind a failed check (it becomes warnings); Write PDF checks as configured.
  const previewOptions: Options = { ...resolved, check: false };
  const nonce = randomBytes(12).toString('base64');

  let closed = false;
  let report: ReportMeta | undefined;
  let html: string | undefined;
  let htmlVersion = 0;
  let pdf: Uint8Array | undefined;
  let pdfVersion = 0;
  /** Heading id → page, from the last PDF printed; the HTML's contents use it. */
  let pages = new Map<string, number>();
  /** The pages the served HTML was rendered with. */
  let htmlPages = pages;
  const state: { html?: Done; pdf?: Done; write?: Done; pdfBuilding: boolean; writing: boolean } = { pdfBuilding: false, writing: false };
  const waiters: { kind: 'html' | 'pdf'; resolve(e: BuildEvent): void; reject(e: Error): void }[] = [];
  const clients = new Set<http.ServerResponse>();
  const printedWarnings = { html: '', pdf: '' };

  // ---- builds -------------------------------------------------------------------------------

  function finish(event: BuildEvent, what: 'html' | 'pdf' | 'write'): BuildEvent {
    if (closed) return event;
    const done: Done = { ...event, ms: Math.round(event.ms), at: new Date() };
    state[what] = done;
    if (what === 'html') state.write = undefined;
    logBuild(done, what);
    for (const w of waiters.filter((w) => w.kind === event.kind)) {
      waiters.splice(waiters.indexOf(w), 1);
      w.resolve(event);
    }
    if (event.ok && what !== 'write') broadcast('reload', { kind: event.kind, version: event.kind === 'html' ? htmlVersion : pdfVersion });
    broadcastStatus();
    return event;
  }

  function logBuild(e: Done, what: 'html' | 'pdf' | 'write') {
    const errors = e.diagnostics.filter((d) => d.severity === 'error');
    const warnings = e.diagnostics.filter((d) => d.severity === 'warning');
    const label = what === 'write' ? 'write' : e.kind;
    if (e.ok) log(what === 'write' ? `✓ wrote ${display(e.outFile!)} in ${formatMs(e.ms)}` : `✓ ${label.padEnd(5)} ${formatMs(e.ms)}`);
    else log(`✗ ${label.padEnd(5)} failed (${errors.length} error${errors.length === 1 ? '' : 's'})\n\n${formatDiagnostics(errors)}\n`);
    // Warnings only when they change, so an unchanged one does not repeat on every keystroke.
    const key = what === 'write' ? undefined : e.kind;
    const text = formatDiagnostics(warnings);
    if (key && text !== printedWarnings[key]) {
      printedWarnings[key] = text;
      if (text) log(`${text}\n`);
    } else if (!key && text) log(`${text}\n`);
  }

  async function buildHtml(): Promise<BuildEvent> {
    const start = performance.now();
    try {
      const used = pages;
      const r = await renderHtmlOnly(resolved, {}, used);
      report = r.report;
      html = r.html;
      htmlPages = used;
      htmlVersion++;
      return finish({ ok: true, kind: 'html', ms: performance.now() - start, diagnostics: r.diagnostics }, 'html');
    } catch (e) {
      return finish({ ok: false, kind: 'html', ms: performance.now() - start, diagnostics: toFolioError(e).diagnostics }, 'html');
    }
  }

  // HTML builds run one at a time; changes during one make exactly one more.
  let htmlRunning: Promise<void> | undefined;
  let htmlAgain = false;
  function scheduleHtml(): void {
    if (closed) return;
    if (htmlRunning) return void (htmlAgain = true);
    htmlRunning = (async () => {
      do {
        htmlAgain = false;
        const e = await buildHtml();
        if (e.ok && !htmlAgain) schedulePdf();
      } while (htmlAgain && !closed);
    })().finally(() => (htmlRunning = undefined));
  }

  // Everything that uses the browser runs one at a time; at most one preview PDF waits its turn.
  let browserWork: Promise<unknown> = Promise.resolve();
  function exclusive<T>(fn: () => Promise<T>): Promise<T> {
    const p = browserWork.then(fn);
    browserWork = p.catch(() => undefined);
    return p;
  }

  let launched: Promise<LaunchedBrowser> | undefined;
  async function browser() {
    if (closed) throw new Error('the preview server is closed');
    const current = await launched?.catch(() => undefined);
    if (current?.browser.connected) return current.browser;
    await current?.close().catch(() => undefined);
    launched = launchBrowser();
    return (await launched).browser;
  }

  let pdfQueued = false;
  function schedulePdf(): void {
    if (closed || pdfQueued) return;
    pdfQueued = true;
    void exclusive(async () => {
      pdfQueued = false;
      if (closed) return;
      state.pdfBuilding = true;
      broadcastStatus();
      const start = performance.now();
      try {
        const diagnostics = settings.checks ? await renderPdf() : await printShown();
        pdfVersion++;
        finish({ ok: true, kind: 'pdf', ms: performance.now() - start, diagnostics }, 'pdf');
      } catch (e) {
        finish({ ok: false, kind: 'pdf', ms: performance.now() - start, diagnostics: toFolioError(e).diagnostics }, 'pdf');
      } finally {
        state.pdfBuilding = false;
        if (!closed) broadcastStatus();
      }
    });
  }

  /** The whole pipeline, as `folio build` does it (checks as warnings). */
  async function renderPdf(): Promise<Diagnostic[]> {
    const r = await render(previewOptions, { browser: await browser() });
    pdf = r.pdf;
    pages = r.pages;
    return r.diagnostics;
  }

  /**
   * Prints the HTML the preview shows. Like `render()`, it prints until the contents' page
   * numbers hold: when headings landed on other pages than the HTML says, the HTML is rendered
   * again with the new numbers (and, if nothing newer came meanwhile, served) and printed again.
   */
  async function printShown(): Promise<Diagnostic[]> {
    let source = html!;
    let used = htmlPages;
    let version = htmlVersion;
    for (let pass = 1; ; pass++) {
      const printed = await printPdf({ browser: await browser(), html: source, assets, timeoutMs: resolved.timeoutMs });
      const landed = readDestinations(await PDFDocument.load(printed.pdf, { updateMetadata: false }));
      pdf = printed.pdf;
      pages = landed;
      const warnings = [...printed.warnings];
      if ([...landed].every(([id, page]) => used.get(id) === page)) return warnings;
      if (pass === MAX_PRINTS) return [...warnings, diagnostic('print/contents-unsettled', { passes: String(pass) })];
      const r = await renderHtmlOnly(resolved, {}, landed);
      source = r.html;
      used = landed;
      if (version === htmlVersion && !closed) {
        html = source;
        htmlPages = used;
        version = ++htmlVersion;
        broadcast('reload', { kind: 'html', version });
      }
    }
  }

  function writePdf(): Promise<BuildEvent> {
    return exclusive(async () => {
      if (closed) throw new Error('the preview server is closed');
      state.writing = true;
      broadcastStatus();
      const start = performance.now();
      try {
        const r = await build(resolved, { browser: await browser() });
        pdf = r.pdf;
        pages = r.pages;
        pdfVersion++;
        broadcast('reload', { kind: 'pdf', version: pdfVersion });
        return finish({ ok: true, kind: 'pdf', ms: performance.now() - start, diagnostics: r.diagnostics, outFile: r.outFile }, 'write');
      } catch (e) {
        return finish({ ok: false, kind: 'pdf', ms: performance.now() - start, diagnostics: toFolioError(e).diagnostics }, 'write');
      } finally {
        state.writing = false;
        if (!closed) broadcastStatus();
      }
    });
  }

  // ---- the first build, the server, the watchers -----------------------------------------------

  await buildHtml();

  const server = http.createServer((req, res) => {
    handle(req, res).catch((e) => {
      if (!res.headersSent) res.writeHead(500, { 'Content-Type': 'text/plain; charset=utf-8' });
      res.end(`folio dev: ${(e as Error).message}`);
    });
  });
  const port = await listen(server, host, settings.port);
  const origin = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
  const allowedHosts = new Set([`127.0.0.1:${port}`, `localhost:${port}`, `[::1]:${port}`, new URL(origin).host]);

  async function handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    // A web page elsewhere must not read the report or write files through a name that
    // resolves to this machine (DNS rebinding), nor post to it (cross-site requests).
    if (!allowedHosts.has(req.headers.host ?? '')) return send(res, 403, 'text/plain; charset=utf-8', 'Forbidden host.');
    const url = new URL(req.url ?? '/', origin);
    const method = req.method ?? 'GET';

    if (url.pathname === '/write-pdf') {
      if (method !== 'POST') return send(res, 405, 'text/plain; charset=utf-8', 'POST only.', { Allow: 'POST' });
      const from = req.headers.origin;
      if ((from && !allowedHosts.has(hostOf(from))) || req.headers['sec-fetch-site'] === 'cross-site') {
        return send(res, 403, 'text/plain; charset=utf-8', 'Cross-site request refused.');
      }
      const event = await writePdf().catch((e) => ({ ok: false, kind: 'pdf' as const, ms: 0, diagnostics: toFolioError(e).diagnostics }));
      return send(res, event.ok ? 200 : 422, 'application/json', JSON.stringify(event));
    }
    if (method !== 'GET' && method !== 'HEAD') return send(res, 405, 'text/plain; charset=utf-8', 'GET only.', { Allow: 'GET, HEAD' });

    switch (url.pathname) {
      case '/':
        return send(res, 200, 'text/html; charset=utf-8', previewPage(), {
          'Content-Security-Policy': `default-src 'self'; script-src 'nonce-${nonce}'; style-src 'unsafe-inline'; img-src 'self' data:; frame-ancestors 'none'`,
        });
      case '/report.html':
        return send(res, 200, 'text/html; charset=utf-8', html ? onScreen(html) : placeholder('No successful build yet: fix the problems shown and save.'), {
          'Content-Security-Policy': "default-src 'none'; script-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; frame-ancestors 'self'",
        });
      case '/report.pdf':
        if (!pdf) return send(res, 404, 'text/plain; charset=utf-8', 'No PDF yet.');
        return send(res, 200, 'application/pdf', pdf, { 'Content-Disposition': 'inline; filename="preview.pdf"' });
      case '/favicon.ico':
        res.writeHead(204, { 'Cache-Control': 'max-age=3600' });
        return void res.end();
      case '/pdf-pending':
        return send(res, 200, 'text/html; charset=utf-8', placeholder(state.html?.ok === false && !pdf ? 'The PDF waits for the problems to be fixed.' : 'Printing the PDF…'));
      case '/status':
        return send(res, 200, 'application/json', JSON.stringify(status()));
      case '/events':
        res.writeHead(200, { 'Content-Type': 'text/event-stream; charset=utf-8', 'Cache-Control': 'no-store', Connection: 'keep-alive' });
        res.write('retry: 1000\n\n');
        res.write(sse('status', status()));
        clients.add(res);
        req.on('close', () => clients.delete(res));
        return;
    }
    if (url.pathname.startsWith('/assets/')) {
      // The same resolver folio prints with: the assets folder and the bundled fonts, nothing else.
      const file = assets.resolve(url.pathname.slice(1));
      if (file && file !== 'outside') return send(res, 200, contentType(file), await readFile(file));
      return send(res, file === 'outside' ? 403 : 404, 'text/plain; charset=utf-8', file === 'outside' ? 'Outside the assets.' : 'No such asset.');
    }
    return send(res, 404, 'text/plain; charset=utf-8', 'Not found.');
  }

  const keepAlive = setInterval(() => {
    for (const c of clients) c.write(': ping\n\n');
  }, 20_000);
  keepAlive.unref();

  function broadcast(event: string, data: unknown) {
    const message = sse(event, data);
    for (const c of clients) c.write(message);
  }
  function broadcastStatus() {
    broadcast('status', status());
  }

  let timer: NodeJS.Timeout | undefined;
  const watchers: FSWatcher[] = [];
  if (settings.watch !== false) {
    const outDir = path.dirname(resolved.out ?? path.resolve('out', 'x.pdf'));
    const dirs = [resolved.data, resolved.theme, resolved.assets].filter((d, i, all) => !all.some((o, j) => j !== i && (inside(d, o) && (d !== o || j < i))));
    for (const dir of dirs) {
      // Written output (when the output folder sits inside a watched one) is not a change to rebuild for.
      const skipOut = !inside(dir, outDir);
      try {
        const w = watch(dir, { recursive: true }, (_event, name) => {
          const file = path.join(dir, String(name ?? ''));
          if (name && (ignored(String(name)) || (skipOut && inside(file, outDir)))) return;
          clearTimeout(timer);
          timer = setTimeout(scheduleHtml, DEBOUNCE_MS);
        });
        w.on('error', (e) => log(formatDiagnostic(diagnostic('dev/watch-failed', { dir: display(dir), reason: e.message }, { file: display(dir) }))));
        watchers.push(w);
      } catch (e) {
        log(formatDiagnostic(diagnostic('dev/watch-failed', { dir: display(dir), reason: (e as Error).message }, { file: display(dir) })));
      }
    }
  }

  if (state.html?.ok) schedulePdf();
  log(`folio dev: previewing ${display(resolved.data)} at ${origin}/${settings.watch === false ? '' : ' (watching for changes)'}`);

  // ---- pages --------------------------------------------------------------------------------

  function status() {
    return {
      htmlVersion,
      pdfVersion,
      html: state.html && summary(state.html),
      pdf: state.pdf && summary(state.pdf),
      write: state.write && summary(state.write),
      pdfBuilding: state.pdfBuilding,
      writing: state.writing,
      statusHtml: statusHtml(),
      problemsHtml: problemsHtml(),
    };
  }

  function statusHtml(): string {
    const part = (label: string, d: Done | undefined, busy: string | false) => {
      const now = busy ? ` <span class="busy">${busy}</span>` : '';
      if (!d) return `<span>${label}: ${busy ? '' : '—'}${now}</span>`;
      const mark = d.ok ? '<span class="ok">✓</span>' : '<span class="bad">✗ failed</span>';
      return `<span>${label}: ${mark} ${esc(clock(d.at))} · ${esc(formatMs(d.ms))}${now}</span>`;
    };
    const warnings = [...(state.html?.ok ? state.html.diagnostics : []), ...(state.pdf?.ok ? state.pdf.diagnostics : [])].filter((d) => d.severity === 'warning');
    const write = state.write?.ok ? ` <span class="ok">wrote ${esc(display(state.write.outFile!))} at ${esc(clock(state.write.at))}</span>` : '';
    const list = warnings.length
      ? ` <details class="warnings"><summary>${warnings.length} warning${warnings.length === 1 ? '' : 's'}</summary><ul>${warnings.map((d) => `<li>${diagnosticHtml(d)}</li>`).join('')}</ul></details>`
      : '';
    return `${part('HTML', state.html, false)} ${part('PDF', state.pdf, state.writing ? 'writing…' : state.pdfBuilding ? 'printing…' : false)}${write}${list}`;
  }

  function problemsHtml(): string {
    const groups: [string, Done | undefined][] = [];
    if (state.html && !state.html.ok) groups.push(['The report could not be rendered', state.html]);
    else if (state.pdf && !state.pdf.ok) groups.push(['The PDF could not be printed', state.pdf]);
    if (state.write && !state.write.ok) groups.push(['Write PDF failed: nothing was written', state.write]);
    if (groups.length === 0) return '';
    const body = groups
      .map(([title, d]) => {
        const errors = d!.diagnostics.filter((x) => x.severity === 'error');
        return `<h2>${esc(title)}</h2><ul>${errors.map((x) => `<li>${diagnosticHtml(x)}</li>`).join('')}</ul>`;
      })
      .join('');
    return `<button type="button" class="dismiss" aria-label="Hide">×</button>${body}<p class="note">The preview shows the last good build. Fix the file and save: this clears by itself.</p>`;
  }

  function previewPage(): string {
    const title = report ? `${report.title} ${report.year}` : display(resolved.data);
    const problems = problemsHtml();
    return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>folio dev — ${esc(title)}</title>
<style>
:root { font: 13px/1.4 system-ui, sans-serif; color-scheme: light; }
body { margin: 0; height: 100vh; display: grid; grid-template-rows: auto 1fr; }
header { display: flex; flex-wrap: wrap; gap: .4em 1.2em; align-items: center; padding: 6px 12px; background: #1f2430; color: #e8e8ee; position: relative; z-index: 2; }
header strong { font-weight: 700; }
.ok { color: #7ee08a; } .bad { color: #ff8f8f; font-weight: 600; } .busy { color: #f2c66d; }
#status { display: flex; flex-wrap: wrap; gap: .3em 1.2em; align-items: center; flex: 1; }
details.warnings { position: relative; color: #f2c66d; }
details.warnings ul { position: absolute; top: 1.6em; left: 0; width: min(46em, 80vw); max-height: 60vh; overflow: auto; margin: 0; padding: 8px 8px 8px 24px; background: #fff; color: #222; border: 1px solid #999; box-shadow: 0 4px 16px rgba(0,0,0,.3); }
button { font: inherit; padding: 3px 12px; cursor: pointer; }
main { display: grid; grid-template-columns: 1fr 1fr; min-height: 0; position: relative; }
main section { display: flex; flex-direction: column; min-height: 0; border-left: 1px solid #bbb; }
main h1 { font-size: 12px; font-weight: 600; margin: 0; padding: 4px 10px; background: #eceef3; color: #333; }
iframe { flex: 1; border: 0; width: 100%; background: #d9dae0; }
.fit { flex: 1; position: relative; overflow: hidden; background: #d9dae0; }
.fit iframe { position: absolute; top: 0; left: 0; transform-origin: 0 0; }
#problems { position: absolute; inset: 0; overflow: auto; background: rgba(40, 12, 12, .94); color: #fff; padding: 20px 32px; z-index: 1; }
#problems[hidden] { display: none; }
#problems h2 { font-size: 16px; margin: 0 0 8px; color: #ffb0b0; }
#problems ul { list-style: none; padding: 0; margin: 0 0 20px; }
#problems li { margin: 0 0 14px; }
.dismiss { float: right; background: none; color: #fff; border: 1px solid #888; }
.code { font-family: ui-monospace, monospace; font-weight: 600; }
.place { font-family: ui-monospace, monospace; opacity: .85; }
.hint { opacity: .85; }
.note { opacity: .7; }
</style>
</head>
<body>
<header>
<strong>folio dev</strong>
<span id="status" aria-live="polite">${statusHtml()}</span>
<button id="write" type="button">Write PDF</button>
<span id="wrote" role="status"></span>
</header>
<main>
<section aria-label="HTML preview">
<h1>HTML — the print styles on screen, as one long page (page breaks, running heads and page numbers: see the PDF)</h1>
<div class="fit" id="html-pane"><iframe id="html" title="The report's HTML" sandbox="allow-same-origin" src="/report.html?v=${htmlVersion}"></iframe></div>
</section>
<section aria-label="PDF preview">
<h1>PDF — the last one printed${settings.checks ? ', as folio build prints it (checks as warnings)' : ': the same pages as folio build (its post-processing and checks run on Write PDF)'}</h1>
<iframe id="pdf" title="The report's PDF" src="${pdf ? `/report.pdf?v=${pdfVersion}` : '/pdf-pending'}"></iframe>
</section>
<div id="problems" role="alert"${problems ? '' : ' hidden'}>${problems}</div>
</main>
<script nonce="${nonce}">
const $ = (id) => document.getElementById(id);
const shown = { html: ${htmlVersion}, pdf: ${pdf ? pdfVersion : 0} };
// The sheet is a page wide: scale the frame down to fit a narrower pane (the report is not touched).
const SHEET = ${Math.ceil(((toPoints(geometry.width) + 2 * toPoints(geometry.bleed)) * 96) / 72) + 52};
function fit() {
  const pane = $('html-pane'), frame = $('html');
  const k = Math.min(1, pane.clientWidth / SHEET);
  frame.style.width = pane.clientWidth / k + 'px';
  frame.style.height = pane.clientHeight / k + 'px';
  frame.style.transform = 'scale(' + k + ')';
}
new ResizeObserver(fit).observe($('html-pane'));
fit();
function reload(kind, version) {
  if (shown[kind] === version) return;
  shown[kind] = version;
  const frame = $(kind);
  if (kind === 'html') {
    // Keep the place in the report across reloads (same origin; the report itself runs no script).
    let x = 0, y = 0;
    try { x = frame.contentWindow.scrollX; y = frame.contentWindow.scrollY; } catch {}
    frame.addEventListener('load', () => { try { frame.contentWindow.scrollTo(x, y); } catch {} }, { once: true });
    frame.src = '/report.html?v=' + version;
  } else {
    frame.src = '/report.pdf?v=' + version;
  }
}
function showStatus(s) {
  $('status').innerHTML = s.statusHtml;
  const p = $('problems');
  p.innerHTML = s.problemsHtml;
  p.hidden = !s.problemsHtml;
  if (s.htmlVersion) reload('html', s.htmlVersion);
  if (s.pdfVersion) reload('pdf', s.pdfVersion);
}
const events = new EventSource('/events');
events.addEventListener('status', (e) => showStatus(JSON.parse(e.data)));
events.addEventListener('reload', (e) => { const r = JSON.parse(e.data); reload(r.kind, r.version); });
$('problems').addEventListener('click', (e) => { if (e.target.closest('.dismiss')) $('problems').hidden = true; });
$('write').addEventListener('click', async () => {
  const button = $('write');
  button.disabled = true;
  $('wrote').textContent = 'Writing the PDF…';
  try {
    const r = await (await fetch('/write-pdf', { method: 'POST' })).json();
    $('wrote').textContent = r.ok ? 'Wrote ' + r.outFile : 'Write PDF failed: ' + r.diagnostics.map((d) => d.code).join(', ');
  } catch (e) {
    $('wrote').textContent = 'Write PDF failed: ' + e.message;
  } finally {
    button.disabled = false;
  }
});
</script>
</body>
</html>
`;
  }

  /**
   * The report's HTML with its print styles applied on screen, each section on a sheet the page's
   * size (see the top). A sheet is padded by the page margins, except where the section is a
   * full-bleed page (one on a named page whose @page rule has no margins): Chromium prints those
   * edge to edge, so the sheet has no padding and the section is exactly the page.
   */
  function onScreen(source: string): string {
    const styles = [...source.matchAll(/<style\b[^>]*>([\s\S]*?)<\/style>/gi)].map((m) => m[1]!).join('\n');
    const printed = source.replace(/(<style\b[^>]*>)([\s\S]*?)(<\/style>)/gi, (_m, open: string, css: string, close: string) =>
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
    return /<\/head>/i.test(printed) ? printed.replace(/<\/head>/i, `${sheet}\n</head>`) : sheet + printed;
  }

  // ---- the handle ---------------------------------------------------------------------------

  return {
    url: `${origin}/`,
    port,
    nextBuild(kind = 'html') {
      if (closed) return Promise.reject(new Error('the preview server is closed'));
      return new Promise((resolve, reject) => waiters.push({ kind, resolve, reject }));
    },
    writePdf,
    async close() {
      if (closed) return;
      closed = true;
      clearTimeout(timer);
      clearInterval(keepAlive);
      for (const w of watchers) w.close();
      for (const c of clients) c.end();
      clients.clear();
      const stopped = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      await stopped;
      for (const w of waiters.splice(0)) w.reject(new Error('the preview server is closed'));
      // Closing the browser ends a print in progress (its result is not wanted); then let the
      // builds in flight unwind, so nothing touches the browser afterwards.
      const current = await launched?.catch(() => undefined);
      await current?.close();
      await Promise.race([Promise.allSettled([htmlRunning, browserWork]), new Promise((r) => setTimeout(r, 10_000).unref())]);
    },
  };
}

/**
 * `p` + Enter on `input` writes the PDF (for the CLI, when stdin is a TTY). Returns a function
 * that stops listening (and pauses `input`, so it no longer keeps the process alive).
 */
export function listenForKeys(server: Pick<PreviewServer, 'writePdf'>, input: NodeJS.ReadableStream = process.stdin): () => void {
  let buffered = '';
  const onData = (chunk: Buffer | string) => {
    buffered += chunk.toString();
    const lines = buffered.split(/\r?\n/);
    buffered = lines.pop() ?? '';
    for (const line of lines) if (line.trim().toLowerCase() === 'p') void server.writePdf();
  };
  input.on('data', onData);
  input.resume();
  return () => {
    input.removeListener('data', onData);
    input.pause();
  };
}

// ---- helpers --------------------------------------------------------------------------------

function listen(server: http.Server, host: string, wanted: number | undefined): Promise<number> {
  const tries = wanted === undefined ? Array.from({ length: 10 }, (_, i) => DEFAULT_PORT + i) : [wanted];
  return new Promise((resolve, reject) => {
    const attempt = (i: number) => {
      const onError = (e: NodeJS.ErrnoException) => {
        server.off('listening', onListening);
        if (e.code === 'EADDRINUSE' && i + 1 < tries.length) return attempt(i + 1);
        reject(new FolioError(diagnostic('dev/port-in-use', { host, port: String(tries[i]), reason: e.code ?? e.message }), { cause: e }));
      };
      const onListening = () => {
        server.off('error', onError);
        resolve((server.address() as { port: number }).port);
      };
      server.once('error', onError);
      server.once('listening', onListening);
      server.listen(tries[i], host);
    };
    attempt(0);
  });
}

function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || /^127(\.\d{1,3}){3}$/.test(host);
}

function hostOf(origin: string): string {
  try {
    return new URL(origin).host;
  } catch {
    return '';
  }
}

function inside(file: string, dir: string): boolean {
  const rel = path.relative(dir, file);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}

/** Editors' swap and backup files, and folio's own temporary files. */
function ignored(name: string): boolean {
  const base = path.basename(name);
  return base.startsWith('.') || base.endsWith('~') || /\.sw[a-p]$/.test(base) || base === '4913';
}

function send(res: http.ServerResponse, status: number, type: string, body: string | Uint8Array, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'Content-Type': type, 'Cache-Control': 'no-store', 'X-Content-Type-Options': 'nosniff', ...headers });
  res.end(body);
}

function sse(event: string, data: unknown): string {
  return `event: ${event}\ndata: ${JSON.stringify(data)}\n\n`;
}

function placeholder(text: string): string {
  return `<!doctype html><html lang="en"><meta charset="utf-8"><title>folio dev</title><body style="font: 14px system-ui, sans-serif; color: #444; display: grid; place-items: center; height: 90vh; margin: 0">${esc(text)}</body></html>`;
}

function summary(d: Done) {
  return { ok: d.ok, kind: d.kind, ms: d.ms, at: d.at.toISOString(), diagnostics: d.diagnostics, ...(d.outFile ? { outFile: d.outFile } : {}) };
}

function diagnosticHtml(d: Diagnostic): string {
  const place = formatPlace(d);
  return (
    `<span class="code">${esc(d.severity)} ${esc(d.code)}</span>${place ? ` <span class="place">${esc(place)}</span>` : ''}` +
    `<br>${esc(d.message)}${d.hint ? `<br><span class="hint">hint: ${esc(d.hint)}</span>` : ''}`
  );
}

function esc(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

const clock = (d: Date) => d.toTimeString().slice(0, 8);
const formatMs = (ms: number) => (ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${Math.round(ms)} ms`);

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
