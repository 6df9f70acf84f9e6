/**
 * `folio dev`: a live preview on this machine only. It watches the data, templates and assets
 * folders; on a change it re-renders the HTML (no browser, well under a second) and tells the
 * preview page to reload it over Server-Sent Events, then prints the PDF in the background with a
 * Chromium kept open between builds, so the PDF beside it follows a moment later.
 *
 * This file only puts the parts together (eleventy's Serve / Watch / WatchQueue split):
 * - watch-sources.ts: which file changed;
 * - queue-rebuilds.ts: when to build (debounce, one build and one browser job at a time, versions);
 * - build-preview.ts: what a build does and what it leaves to serve; print-shown.ts: the preview
 *   print; keep-browser.ts: the one Chromium;
 * - serve-http.ts: the HTTP server and the event channel; render-preview-page.ts: the page;
 *   show-on-screen.ts: the report's HTML with its print styles on screen.
 *
 * A data or template error never stops the server: the last good HTML and PDF stay up, under an
 * overlay that lists the diagnostics; the terminal prints them too. "Write PDF" (POST /write-pdf,
 * or `p` + Enter via `listenForKeys`) writes the PDF and HTML to the normal output path through
 * the same code as `folio build` (atomic, checks as configured).
 */
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { pageGeometry, resolveOptions, type Options, type PageGeometry } from '../config/options.ts';
import { createAssetResolver, type AssetResolver } from '../theme/assets.ts';
import { diagnostic, FolioError, formatDiagnostic } from '../util/diagnostics.ts';
import { display } from '../util/display.ts';
import type { BuildEvent } from './build-events.ts';
import { PreviewBuilds } from './build-preview.ts';
import { keepBrowser } from './keep-browser.ts';
import { RebuildQueue, Versions } from './queue-rebuilds.ts';
import { placeholder, previewPage, previewStatus, sheetWidthPx } from './render-preview-page.ts';
import { EventChannel, isLoopback, serveHttp, type PreviewSite } from './serve-http.ts';
import { showOnScreen } from './show-on-screen.ts';
import { watchSources, type SourceWatcher } from './watch-sources.ts';

export type { BuildEvent } from './build-events.ts';
export { DEFAULT_PORT } from './serve-http.ts';

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

const DEBOUNCE_MS = 100;
/** How long close() waits for a build in progress to unwind once the browser is gone. */
const UNWIND_MS = 10_000;

export async function startPreview(options: Partial<Options>, settings: PreviewSettings = {}): Promise<PreviewServer> {
  const resolved = await resolveOptions(options);
  const host = settings.host ?? '127.0.0.1';
  if (!isLoopback(host)) throw new FolioError(diagnostic('dev/host-not-local', { host }));
  const log = settings.log ?? ((line: string) => void process.stderr.write(`${line}\n`));
  const assets = createAssetResolver([path.join(resolved.data, 'assets'), resolved.assets]);
  const events = new EventChannel();
  const browser = keepBrowser();
  const broadcast = (event: string, data: unknown) => events.broadcast(event, data);
  const builds = new PreviewBuilds({ options: resolved, checks: settings.checks ?? false, versions: new Versions(), browser, assets, log, broadcast });
  const queue = new RebuildQueue(builds, { debounceMs: DEBOUNCE_MS });

  await builds.html();
  const nonce = randomBytes(12).toString('base64');
  const site = previewSite(builds, queue, assets, pageGeometry(resolved), nonce);
  const http = await serveHttp(site, events, { host, port: settings.port, nonce }).catch((e) => {
    events.close();
    throw e;
  });
  const watcher = settings.watch === false ? undefined : watchReport(resolved, queue, log);
  if (builds.last.html?.ok) queue.queuePdf();
  log(`folio dev: previewing ${display(resolved.data)} at ${http.origin}/${watcher ? ' (watching for changes)' : ''}`);

  let closing: Promise<void> | undefined;
  return {
    url: `${http.origin}/`,
    port: http.port,
    nextBuild: (kind = 'html') => builds.nextBuild(kind),
    writePdf: site.writePdf,
    close: () => (closing ??= (async () => {
      builds.close();
      watcher?.close();
      const unwound = queue.close();
      await http.close();
      // Closing the browser ends a print in progress (its result is not wanted); then let the
      // builds in flight unwind, so nothing touches the browser afterwards.
      await browser.close();
      await Promise.race([unwound, new Promise((r) => setTimeout(r, UNWIND_MS).unref())]);
    })()),
  };
}

/** What the HTTP server serves, read from the builds at each request. */
function previewSite(builds: PreviewBuilds, queue: RebuildQueue, assets: AssetResolver, geometry: PageGeometry, nonce: string): PreviewSite {
  const sheetWidth = sheetWidthPx(geometry);
  return {
    page: () => previewPage(builds.view(), { nonce, sheetWidth }),
    reportHtml: () => (builds.shownHtml ? showOnScreen(builds.shownHtml, geometry) : placeholder('No successful build yet: fix the problems shown and save.')),
    pdf: () => builds.shownPdf,
    pdfPending: () => placeholder(builds.last.html?.ok === false && !builds.shownPdf ? 'The PDF waits for the problems to be fixed.' : 'Printing the PDF…'),
    status: () => previewStatus(builds.view()),
    writePdf: () => queue.browserJob(() => builds.write()),
    assets,
  };
}

/** Watches the data, theme and assets folders; the output folder's writes are not changes. */
function watchReport(resolved: Options, queue: RebuildQueue, log: (line: string) => void): SourceWatcher {
  const outDir = path.dirname(resolved.out ?? path.resolve('out', 'x.pdf'));
  return watchSources([resolved.data, resolved.theme, resolved.assets], outDir, {
    onChange: (file) => queue.changed(file),
    onError: (dir, e) => log(formatDiagnostic(diagnostic('dev/watch-failed', { dir: display(dir), reason: e.message }, { file: display(dir) }))),
  });
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
