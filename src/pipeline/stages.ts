/**
 * Every stage of a build in the one contract, `(input, run) => output`: what a stage has to say
 * goes to `run`, whatever shape the layer below gives it in (a list of warnings, a checker's
 * failures, preflight's issues). pipeline.ts chains these and nothing else.
 */
import path from 'node:path';
import { PDFDocument } from 'pdf-lib';
import type { Options } from '../config/options.ts';
import { FolioError } from '../util/diagnostics.ts';
import type { Stage } from '../util/stage.ts';
import { loadData, type LoadedData } from '../data/load-data.ts';
import { validateData } from '../data/validate-data.ts';
import { deriveFigures } from '../data/derive-figures.ts';
import { readTheme, type ThemeFiles } from '../theme/read-theme.ts';
import { createAssetResolver, type AssetResolver } from '../theme/assets.ts';
import { checkStyleAssets } from '../theme/check-styles.ts';
import { resolveReport, type ResolvedReport } from '../render/resolve-report.ts';
import { renderCharts, type Chart, type ChartsInput } from '../render/render-charts.ts';
import { renderHtml, type HtmlInput } from '../render/render-html.ts';
import { collectHeadings, collectLinks, collectTables, plainText } from '../render/read-html.ts';
import { declaredFontFamilies, fallbackFonts } from '../pdf/fonts.ts';
import { postProcess, type DocumentInfo } from '../pdf/post/post-process.ts';
import { checkPdf, failuresAsDiagnostics } from '../check/check-pdf.ts';
import { convertToCmyk, type CmykProfile } from '../print/convert-to-cmyk.ts';
import { addPrintMarks, type PrintMarksInput } from '../print/add-print-marks.ts';
import { preflightIssuesAsDiagnostics, preflightPdf, type PreflightOptions } from '../preflight/preflight-pdf.ts';

export const load: Stage<string, LoadedData> = (dir) => loadData(dir);

/** Reading the templates, styles and chart specs, apart from rendering them. */
export const readTemplates: Stage<Pick<Options, 'theme' | 'data'>, ThemeFiles> = (options) => readTheme(options.theme, options.data);

export const validate: Stage<LoadedData, void> = async (loaded, run) => run.report(await validateData(loaded));

export const derive: Stage<LoadedData, Record<string, unknown>> = (loaded) => deriveFigures(loaded).data;

export const resolve: Stage<{ derived: Record<string, unknown>; loaded: LoadedData; theme: ThemeFiles }, ResolvedReport> = ({ derived, loaded, theme }, run) => {
  const resolved = resolveReport(derived, loaded.locate, theme);
  run.report(resolved.warnings);
  return resolved;
};

export const charts: Stage<ChartsInput, Map<string, Chart>> = async (input, run) => {
  const drawn = await renderCharts(input);
  run.report(drawn.warnings);
  return drawn.charts;
};

/** The report's assets and the theme's, and every asset the styles name found among them. */
export const findAssets: Stage<{ options: Pick<Options, 'data' | 'assets'>; theme: ThemeFiles }, AssetResolver> = ({ options, theme }) => {
  const assets = createAssetResolver([path.join(options.data, 'assets'), options.assets]);
  const missing = checkStyleAssets(theme.styles, assets);
  if (missing.length > 0) throw new FolioError(missing);
  return assets;
};

export const html: Stage<HtmlInput, string> = (input) => renderHtml(input);

/**
 * Fonts the PDF embeds that the styles did not bundle: with no @font-face at all, every font is the
 * machine's own; otherwise Chromium fell back to one for a character the bundled fonts lack.
 */
export const checkFonts: Stage<{ doc: PDFDocument; html: string }, void> = ({ doc, html }, run) => {
  const fallbacks = fallbackFonts(doc, html);
  if (fallbacks.length === 0) return;
  if (declaredFontFamilies(html).length === 0) return run.warn('print/no-bundled-fonts', { fonts: fallbacks.join(', ') });
  for (const font of fallbacks) run.warn('print/fallback-font', { font });
};

/** The printed PDF (parsed once, changed in place) made PDF/UA: tags, text, links and bookmarks from the HTML; metadata when `info` is given. */
export const postProcessed: Stage<{ doc: PDFDocument; html: string; info?: DocumentInfo }, Uint8Array> = ({ doc, html, info }) =>
  postProcess(doc, { headings: collectHeadings(html), links: collectLinks(html), text: plainText(html), tables: collectTables(html), ...(info ? { info } : {}) });

/** folio's PDF/UA-1 check: each failure is one of the build's findings. */
export const check: Stage<Uint8Array, void> = async (pdf, run) => run.report(failuresAsDiagnostics((await checkPdf(pdf)).failures));

export const cmyk: Stage<{ pdf: Uint8Array; pdfx: Options['pdfx']; profile: CmykProfile; timeoutMs: number }, { pdf: Uint8Array; tagged: boolean }> = async (input, run) => {
  const converted = await convertToCmyk(input.pdf, input);
  run.report(converted.warnings);
  return converted;
};

export const printMarks: Stage<{ pdf: Uint8Array } & PrintMarksInput, Uint8Array> = ({ pdf, ...input }) => addPrintMarks(pdf, input);

/** A print shop's preflight: its errors are findings, its warnings warnings. */
export const preflight: Stage<{ pdf: Uint8Array } & PreflightOptions, void> = async ({ pdf, ...options }, run) =>
  run.report(preflightIssuesAsDiagnostics((await preflightPdf(pdf, options)).issues));
