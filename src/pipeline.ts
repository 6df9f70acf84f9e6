import path from 'node:path';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Options } from './config.ts';
import { toFolioError, type Diagnostic } from './diagnostics.ts';
import { loadData, type LoadedData } from './load-data.ts';
import { validateData } from './validate-data.ts';
import { deriveFigures } from './derive-figures.ts';
import { renderCharts, type Chart } from './render-charts.ts';
import { renderHtml } from './render-html.ts';
import { createAssetResolver } from './assets.ts';
import { launchBrowser } from './launch-browser.ts';
import { printPdf } from './print-pdf.ts';
import { postProcess } from './post-process.ts';
import { writeOutputs } from './write-output.ts';
import type { Browser } from 'puppeteer';

const pkg = JSON.parse(readFileSync(path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'package.json'), 'utf8'));
export const VERSION: string = pkg.version;

export type StageName = 'load' | 'validate' | 'derive' | 'charts' | 'html' | 'launch' | 'print' | 'post-process' | 'write';

export interface StageTiming {
  stage: StageName;
  ms: number;
}

export interface Hooks {
  /** Called as each stage finishes, for progress lines. */
  onStage?(timing: StageTiming): void;
  /** An open browser to print with (kept open by the caller between builds). */
  browser?: Browser;
}

export interface Report {
  report: ReportMeta;
  data: Record<string, unknown>;
  charts: Map<string, Chart>;
  html: string;
  diagnostics: Diagnostic[];
  timings: StageTiming[];
}

export interface Rendered extends Report {
  pdf: Uint8Array;
}

export interface ReportMeta {
  title: string;
  organization: string;
  year: number;
  lang: string;
  slug?: string;
  authors: string[];
  description: string;
  subject?: string;
  keywords: string[];
  palette: Record<string, string>;
}

/** Runs a stage, recording how long it took and telling the caller. */
function timed(timings: StageTiming[], hooks: Hooks) {
  return async <T>(name: StageName, fn: () => Promise<T> | T): Promise<T> => {
    const start = performance.now();
    const result = await fn();
    const timing = { stage: name, ms: performance.now() - start };
    timings.push(timing);
    hooks.onStage?.(timing);
    return result;
  };
}

/** The order of the stages lives here and nowhere else. */
export async function runToHtml(options: Options, hooks: Hooks = {}): Promise<Report> {
  const timings: StageTiming[] = [];
  const diagnostics: Diagnostic[] = [];
  const stage = timed(timings, hooks);

  const loaded: LoadedData = await stage('load', () => loadData(options.data));
  diagnostics.push(...(await stage('validate', () => validateData(loaded))));
  const { data } = await stage('derive', () => deriveFigures(loaded));
  const report = data.report as ReportMeta;
  const assets = createAssetResolver(options.assets);
  const { charts, warnings } = await stage('charts', () => renderCharts(path.join(options.templates, 'charts'), data, report));
  diagnostics.push(...warnings);
  const html = await stage('html', () =>
    renderHtml({ templatesDir: options.templates, data, charts, assets, locate: loaded.locate, pageSize: options.pageSize }),
  );
  return { report, data, charts, html, diagnostics, timings };
}

export async function runToPdf(options: Options, hooks: Hooks = {}): Promise<Rendered & { assetsUsed: Map<string, string> }> {
  const built = await runToHtml(options, hooks);
  const stage = timed(built.timings, hooks);
  const owned = hooks.browser ? undefined : await stage('launch', () => launchBrowser());
  try {
    const browser = hooks.browser ?? owned!.browser;
    const printed = await stage('print', () => printPdf({ browser, html: built.html, assets: createAssetResolver(options.assets), timeoutMs: options.timeoutMs }));
    built.diagnostics.push(...printed.warnings);
    const r = built.report;
    const pdf = await stage('post-process', () =>
      postProcess(printed.pdf, {
        title: `${r.organization} — ${r.title} ${r.year}`,
        authors: r.authors,
        subject: r.subject ?? r.description,
        keywords: r.keywords,
        lang: r.lang,
        producer: `folio ${VERSION}`,
        creator: `folio ${VERSION} (Chromium, pdf-lib)`,
      }),
    );
    return { ...built, pdf, assetsUsed: printed.assetsUsed };
  } finally {
    await owned?.close();
  }
}

export function defaultOutFile(options: Options, report: ReportMeta): string {
  return options.out ?? path.resolve('out', `${report.slug ?? path.basename(options.data)}.pdf`);
}

/** Renders and writes the PDF and, beside it, the HTML that was printed. Nothing is written on failure. */
export async function build(options: Options, hooks: Hooks = {}): Promise<Rendered & { outFile: string; htmlFile: string }> {
  try {
    const rendered = await runToPdf(options, hooks);
    const outFile = defaultOutFile(options, rendered.report);
    const htmlFile = outFile.replace(/\.pdf$/i, '') + '.html';
    await timed(rendered.timings, hooks)('write', () =>
      writeOutputs(
        [
          { file: htmlFile, bytes: rendered.html },
          { file: outFile, bytes: rendered.pdf },
        ],
        rendered.assetsUsed,
      ),
    );
    return { ...rendered, outFile, htmlFile };
  } catch (e) {
    throw toFolioError(e);
  }
}
