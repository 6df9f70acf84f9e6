/**
 * folio's library API. Nothing here exits the process or prints: problems come back as a
 * FolioError whose `diagnostics` carry a code, the file and the place.
 */
import { readFile } from 'node:fs/promises';
import { resolveOptions, type Options } from './config/options.ts';
import { diagnostic, FolioError, toFolioError, type Diagnostic } from './util/diagnostics.ts';
import type { CheckResult } from './check/check-pdf.ts';
import type { Hooks } from './pipeline.ts';
import type { PreflightOptions, PreflightReport } from './preflight/preflight-pdf.ts';
import type { Imposed, ImposeOptions } from './print/impose-pdf.ts';
import type { BatchResult } from './commands/build-batch.ts';
import type { DiffOptions, DiffReport } from './diff/diff-pdf.ts';

// The stages load when a function needs them, so `folio check` never loads Vega or the browser.
const pipeline = () => import('./pipeline.ts');

export { FolioError, formatDiagnostic, type Diagnostic } from './util/diagnostics.ts';
export { type CheckFailure, type CheckResult } from './check/check-pdf.ts';

/** The rules `folio check` holds a PDF to (id and description each). */
export async function checkRules() {
  return (await import('./check/check-pdf.ts')).RULES;
}
export { type Options, PAGE_SIZES, type PageSize } from './config/options.ts';
export { type PreflightOptions, type PreflightReport } from './preflight/preflight-pdf.ts';
export { type ImposeOptions, type Imposed } from './print/impose-pdf.ts';
export { type DiffReport, type PageChange } from './diff/diff-pdf.ts';
export { type StageTiming, type Hooks } from './pipeline.ts';
export { VERSION } from './util/package.ts';
export { type BatchResult } from './commands/build-batch.ts';
export { findBrowser } from './browser/find-browser.ts';

/** Renders the report to PDF bytes and HTML, without writing anything. */
export async function renderReport(options: Partial<Options> = {}, hooks: Hooks = {}) {
  return asFolioErrors(async () => {
    const { render } = await pipeline();
    const { pdf, html, diagnostics, timings } = await render(await resolveOptions(options), hooks);
    return { pdf, html, diagnostics, timings };
  });
}

/** Renders the report and writes the PDF (atomically) and the HTML beside it. */
export async function buildReport(options: Partial<Options> = {}, hooks: Hooks = {}) {
  const { build } = await pipeline();
  const { pdf, html, diagnostics, timings, outFile, htmlFile } = await build(await resolveOptions(options), hooks);
  return { pdf, html, diagnostics, timings, outFile, htmlFile };
}

/** Everything the API throws is a FolioError with diagnostics; anything else becomes one. */
async function asFolioErrors<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (e) {
    throw toFolioError(e);
  }
}

async function readPdf(file: string): Promise<Uint8Array> {
  try {
    return await readFile(file);
  } catch (e) {
    throw new FolioError(diagnostic('data/read-failed', { file, reason: (e as Error).message }, { file }), { cause: e });
  }
}

/** Checks a PDF against folio's PDF/UA-1 and navigation rules (see README, "Accessibility"). */
export async function checkPdfFile(file: string): Promise<CheckResult & { diagnostics: Diagnostic[] }> {
  const bytes = await readPdf(file);
  return asFolioErrors(async () => {
    const { checkPdf, failuresAsDiagnostics } = await import('./check/check-pdf.ts');
    const result = await checkPdf(bytes, { file });
    return { ...result, diagnostics: failuresAsDiagnostics(result.failures, file) };
  });
}

export interface CheckedFile extends CheckResult {
  file: string;
  /** No failures, and the file could be read. */
  ok: boolean;
  /** The failures as diagnostics, or why the file could not be checked. */
  diagnostics: Diagnostic[];
  /** The file could not be read (missing, not a PDF, damaged). */
  unreadable?: boolean;
}

/** Checks several PDFs; one that cannot be read gets its diagnostics and does not stop the others. */
export async function checkPdfFiles(files: string[]): Promise<CheckedFile[]> {
  const out: CheckedFile[] = [];
  for (const file of files) {
    try {
      const result = await checkPdfFile(file);
      out.push({ file, ok: result.failures.length === 0, ...result });
    } catch (e) {
      const diagnostics = toFolioError(e).diagnostics.map((d) => ({ ...d, file: d.file ?? file }));
      out.push({ file, ok: false, unreadable: true, failures: [], rules: (await checkRules()).map((r) => r.id), pages: 0, diagnostics });
    }
  }
  return out;
}

/** A printer's preflight of a PDF (boxes, bleed, fonts, colour, resolution, hairlines, ink, PDF/X). */
export async function preflightPdfFile(file: string, options: PreflightOptions = {}): Promise<PreflightReport & { diagnostics: Diagnostic[] }> {
  const bytes = await readPdf(file);
  return asFolioErrors(async () => {
    const { preflightIssuesAsDiagnostics, preflightPdf } = await import('./preflight/preflight-pdf.ts');
    const report = await preflightPdf(bytes, options);
    return { ...report, diagnostics: preflightIssuesAsDiagnostics(report.issues, file) };
  });
}

/** Imposes a PDF as a saddle-stitch booklet or n-up handout and writes it (atomically) to `out`. */
export async function imposePdfFile(file: string, options: ImposeOptions, out: string): Promise<Omit<Imposed, 'pdf'> & { outFile: string }> {
  const bytes = await readPdf(file);
  return asFolioErrors(async () => {
    const [{ imposePdf }, { writeOutputs }] = await Promise.all([import('./print/impose-pdf.ts'), import('./output/write-output.ts')]);
    const { pdf, ...rest } = await imposePdf(bytes, options);
    await writeOutputs([{ file: out, bytes: pdf }]);
    return { ...rest, outFile: out };
  });
}

/**
 * Builds several reports (e.g. several years or editions) with one browser and a pool of pages;
 * each is written atomically, and one failure does not stop the others.
 */
export async function buildReports(list: Partial<Options>[], settings: { concurrency?: number } = {}, hooks: Omit<Hooks, 'browser'> = {}): Promise<BatchResult[]> {
  const resolved = await Promise.all(list.map((o) => resolveOptions(o)));
  const { buildBatch } = await import('./commands/build-batch.ts');
  return buildBatch(resolved, settings.concurrency, hooks);
}

/** Compares two builds page by page (text and pixels) and writes the change report to `outDir`. */
export async function diffPdfFiles(oldFile: string, newFile: string, options: DiffOptions = {}): Promise<DiffReport> {
  return asFolioErrors(async () => (await import('./diff/diff-pdf.ts')).diffPdfs(oldFile, newFile, options));
}

/** Writes folio's starter report into `dir` (new or empty). */
export async function initReport(dir: string) {
  return asFolioErrors(async () => (await import('./commands/init-report.ts')).initReport(dir));
}

/** Next year's report from this year's: the year moves on, new columns are left to fill. */
export async function nextYear(dir: string, out: string) {
  return asFolioErrors(async () => (await import('./commands/next-year.ts')).nextYear(dir, out));
}

/**
 * Checks everything short of the browser: the data, its schemas and rules, the sections against
 * the theme, the templates and helpers, the chart specs and their fields, and the assets.
 */
export async function validateReport(options: Partial<Options> = {}): Promise<{ diagnostics: Diagnostic[] }> {
  return asFolioErrors(async () => {
    const { validate } = await pipeline();
    const { diagnostics } = await validate(await resolveOptions(options));
    return { diagnostics };
  });
}
