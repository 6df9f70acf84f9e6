/**
 * folio's library API. Nothing here exits the process or prints: problems come back as a
 * FolioError whose `diagnostics` carry a code, the file and the place.
 */
import { resolveOptions, type Options } from './config/options.ts';
import { readFile } from 'node:fs/promises';
import { diagnostic, FolioError, toFolioError, type Diagnostic } from './util/diagnostics.ts';
import { checkPdf, failuresAsDiagnostics, RULES, type CheckResult } from './check/check-pdf.ts';
import { build, render, validate, type Hooks } from './pipeline.ts';
import { preflightIssuesAsDiagnostics, preflightPdf, type PreflightOptions, type PreflightReport } from './preflight/preflight-pdf.ts';
import { imposePdf, type Imposed, type ImposeOptions } from './print/impose-pdf.ts';
import { writeOutputs } from './output/write-output.ts';
import { initReport as init } from './commands/init-report.ts';
import { nextYear as startNextYear } from './commands/next-year.ts';
import { buildBatch, type BatchResult } from './commands/build-batch.ts';
import { diffPdfs, type DiffOptions, type DiffReport } from './diff/diff-pdf.ts';

export { FolioError, formatDiagnostic, type Diagnostic } from './util/diagnostics.ts';
export { RULES, type CheckFailure, type CheckResult } from './check/check-pdf.ts';
export { type Options, PAGE_SIZES, type PageSize } from './config/options.ts';
export { type PreflightOptions, type PreflightReport } from './preflight/preflight-pdf.ts';
export { type ImposeOptions, type Imposed } from './print/impose-pdf.ts';
export { type DiffReport, type PageChange } from './diff/diff-pdf.ts';
export { VERSION, type StageTiming, type Hooks } from './pipeline.ts';
export { type BatchResult, DEFAULT_CONCURRENCY } from './commands/build-batch.ts';
export { findBrowser } from './browser/find-browser.ts';

/** Renders the report to PDF bytes and HTML, without writing anything. */
export async function renderReport(options: Partial<Options> = {}, hooks: Hooks = {}) {
  return asFolioErrors(async () => {
    const { pdf, html, diagnostics, timings } = await render(await resolveOptions(options), hooks);
    return { pdf, html, diagnostics, timings };
  });
}

/** Renders the report and writes the PDF (atomically) and the HTML beside it. */
export async function buildReport(options: Partial<Options> = {}, hooks: Hooks = {}) {
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
      out.push({ file, ok: false, unreadable: true, failures: [], rules: RULES.map((r) => r.id), pages: 0, diagnostics });
    }
  }
  return out;
}

/** A printer's preflight of a PDF (boxes, bleed, fonts, colour, resolution, hairlines, ink, PDF/X). */
export async function preflightPdfFile(file: string, options: PreflightOptions = {}): Promise<PreflightReport & { diagnostics: Diagnostic[] }> {
  const bytes = await readPdf(file);
  return asFolioErrors(async () => {
    const report = await preflightPdf(bytes, options);
    return { ...report, diagnostics: preflightIssuesAsDiagnostics(report.issues, file) };
  });
}

/** Imposes a PDF as a saddle-stitch booklet or n-up handout and writes it (atomically) to `out`. */
export async function imposePdfFile(file: string, options: ImposeOptions, out: string): Promise<Omit<Imposed, 'pdf'> & { outFile: string }> {
  const bytes = await readPdf(file);
  return asFolioErrors(async () => {
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
  return buildBatch(resolved, settings.concurrency, hooks);
}

/** Compares two builds page by page (text and pixels) and writes the change report to `outDir`. */
export async function diffPdfFiles(oldFile: string, newFile: string, options: DiffOptions = {}): Promise<DiffReport> {
  return asFolioErrors(() => diffPdfs(oldFile, newFile, options));
}

/** Writes folio's starter report into `dir` (new or empty). */
export async function initReport(dir: string) {
  return asFolioErrors(() => init(dir));
}

/** Next year's report from this year's: the year moves on, new columns are left to fill. */
export async function nextYear(dir: string, out: string) {
  return asFolioErrors(() => startNextYear(dir, out));
}

/**
 * Checks everything short of the browser: the data, its schemas and rules, the sections against
 * the theme, the templates and helpers, the chart specs and their fields, and the assets.
 */
export async function validateReport(options: Partial<Options> = {}): Promise<{ diagnostics: Diagnostic[] }> {
  return asFolioErrors(async () => {
    const { diagnostics } = await validate(await resolveOptions(options));
    return { diagnostics };
  });
}
