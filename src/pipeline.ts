import path from 'node:path';
import { PDFDocument } from 'pdf-lib';
import type { Browser } from 'puppeteer-core';
import { pageGeometry, type Options } from './config/options.ts';
import { diagnostic, FolioError, toFolioError, type Diagnostic } from './util/diagnostics.ts';
import { loadData } from './data/load-data.ts';
import { validateData } from './data/validate-data.ts';
import { deriveFigures } from './data/derive-figures.ts';
import { editionDates } from './data/edition-dates.ts';
import { renderCharts, type Chart } from './render/render-charts.ts';
import { renderHtml, type ContentsEntry, type HtmlInput } from './render/render-html.ts';
import { createAssetResolver } from './theme/assets.ts';
import { readTheme } from './theme/read-theme.ts';
import { checkStyleAssets } from './theme/check-styles.ts';
import { resolveReport, type ReportMeta } from './render/resolve-report.ts';
import { launchBrowser } from './browser/launch-browser.ts';
import { printPdf, type Printed } from './browser/print-pdf.ts';
import { auditHtml } from './browser/audit-html.ts';
import { convertToCmyk, findCmykProfile } from './print/convert-to-cmyk.ts';
import { addPrintMarks } from './print/add-print-marks.ts';
import { preflightIssuesAsDiagnostics, preflightPdf } from './preflight/preflight-pdf.ts';
import { postProcess } from './pdf/post/post-process.ts';
import { checkPdf, failuresAsDiagnostics } from './check/check-pdf.ts';
import { collectHeadings, collectLinks, collectSectionTitles, collectTables, plainText, type Heading } from './render/read-html.ts';
import { readDestinations } from './pdf/objects.ts';
import { declaredFontFamilies, fallbackFonts } from './pdf/fonts.ts';
import { writeOutputs } from './output/write-output.ts';

export { VERSION } from './util/package.ts';
import { VERSION } from './util/package.ts';

export type StageName = 'load' | 'validate' | 'derive' | 'resolve' | 'charts' | 'html' | 'launch' | 'print' | 'audit' | 'post-process' | 'check' | 'cmyk' | 'print-marks' | 'preflight' | 'write';

export interface StageTiming {
  stage: StageName;
  ms: number;
}

export interface Hooks {
  /** Called as each stage finishes, for progress lines. */
  onStage?(timing: StageTiming): void;
  /** Called with each browser folio launches itself (tests use it to crash one on purpose). */
  onBrowser?(browser: Browser): void;
  /** An open browser to print with (kept open by the caller between builds). */
  browser?: Browser;
}

export interface Rendered {
  report: ReportMeta;
  data: Record<string, unknown>;
  charts: Map<string, Chart>;
  html: string;
  pdf: Uint8Array;
  /** Heading id → the page it was printed on. */
  pages: Map<string, number>;
  assetsUsed: Map<string, string>;
  diagnostics: Diagnostic[];
  timings: StageTiming[];
}

/** Most print passes to settle the contents' page numbers (each pass normally settles in one). */
const MAX_PRINTS = 4;

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

/**
 * The stages before the browser, shared by `render`, `validate` and the preview's fast path:
 * load → validate → derive → resolve (the report's language, colours and sections, against the
 * theme) → charts → a first HTML rendering, which finds the headings the contents lists.
 */
async function prepare(options: Options, stage: ReturnType<typeof timed>, diagnostics: Diagnostic[]) {
  const [loaded, theme] = await Promise.all([stage('load', () => loadData(options.data)), readTheme(options.theme, options.data)]);
  diagnostics.push(...(await stage('validate', () => validateData(loaded))));
  const { data: derived } = await stage('derive', () => deriveFigures(loaded));
  const resolved = await stage('resolve', () => resolveReport(derived, loaded.locate, theme));
  const { report, data, fmt, colours } = resolved;
  diagnostics.push(...resolved.warnings);
  const { charts, warnings } = await stage('charts', () =>
    renderCharts({ refs: resolved.charts, specs: theme.charts, config: theme.chartConfig, data, year: report.year, lang: report.lang, currency: report.currency, fmt, colours, renderText: resolved.renderText }),
  );
  diagnostics.push(...warnings);
  const assets = createAssetResolver([path.join(options.data, 'assets'), options.assets]);
  const missing = checkStyleAssets(theme.styles, assets);
  if (missing.length > 0) throw new FolioError(missing);

  const page = pageGeometry(options);
  const htmlInput: HtmlInput = {
    theme,
    data,
    sections: resolved.sections,
    charts,
    assets,
    locate: loaded.locate,
    fmt,
    colours,
    pageSize: options.pageSize,
    page: { width: page.width, height: page.height, bleed: page.bleed },
    profile: options.profile,
  };
  const draft = await stage('html', () => renderHtml(htmlInput));
  const listed = collectHeadings(draft).filter((h): h is Heading & { id: string } => !!h.id && h.level >= 2 && h.level <= (report.contents_depth ?? 2));
  htmlInput.runningHeads = collectSectionTitles(draft).map((s) => ({ id: s.name, title: s.title }));
  /** The contents entries, numbered from `pages` (heading id → page); a placeholder until printed. */
  const contents = (pages: Map<string, number>): ContentsEntry[] =>
    listed.map((h) => ({ id: h.id, level: h.level, text: h.text, page: String(pages.get(h.id) ?? '00') }));
  return { report, data, charts, assets, page, htmlInput, draft, listed, contents };
}

/**
 * The order of the stages lives here and nowhere else:
 * load → validate → derive → charts → HTML → print (until the contents' page numbers settle)
 * → screen: audit the HTML (axe-core) alongside post-processing the PDF → check the PDF;
 *   print: convert to CMYK → boxes, printer's marks, output intent → preflight.
 */
export async function render(options: Options, hooks: Hooks = {}): Promise<Rendered> {
  const timings: StageTiming[] = [];
  const diagnostics: Diagnostic[] = [];
  const stage = timed(timings, hooks);

  const { report, data, charts, assets, page, htmlInput, draft, listed, contents } = await prepare(options, stage, diagnostics);
  let html = await stage('html', () => renderHtml({ ...htmlInput, contents: contents(new Map()) }));
  const hasContents = html !== draft;

  // Print, read where each heading landed, fill in the numbers, and print again until they hold
  // (a contents that grows by a page moves everything after it, so one pass may not be enough).
  // axe-core reads the HTML in Chromium while the browser prints and Node post-processes: it starts
  // as soon as the contents has its numbers (their values do not change what axe checks), and
  // runs again only if a later pass changed the HTML.
  let audit: { html: string; result: Promise<Diagnostic[]> } | undefined;
  const startAudit = (browser: Browser, source: string) => {
    if (options.profile !== 'screen' || audit?.html === source) return;
    const result = stage('audit', () => auditHtml(browser, source, assets, options.timeoutMs));
    result.catch(() => undefined);
    audit = { html: source, result };
  };

  const paginate = async (browser: Browser) => {
    let printed: Printed;
    let printedDoc: PDFDocument;
    let pages = new Map<string, number>();
    let current = html;
    for (let pass = 1; ; pass++) {
      const source = current;
      printed = await stage('print', () => printPdf({ browser, html: source, assets, timeoutMs: options.timeoutMs }));
      printedDoc = await PDFDocument.load(printed.pdf, { updateMetadata: false });
      const landed = readDestinations(printedDoc);
      const settled = listed.every((h) => landed.get(h.id) === pages.get(h.id));
      pages = landed;
      if (!hasContents || settled) break;
      if (pass === MAX_PRINTS) {
        diagnostics.push(diagnostic('print/contents-unsettled', { passes: String(pass) }));
        break;
      }
      current = await stage('html', () => renderHtml({ ...htmlInput, contents: contents(pages) }));
      if (pass === 1) startAudit(browser, current);
    }
    return { printed, printedDoc, pages, html: current };
  };

  let owned = hooks.browser ? undefined : await stage('launch', () => launchBrowser(hooks));
  try {
    let browser = hooks.browser ?? owned!.browser;
    let paginated: Awaited<ReturnType<typeof paginate>>;
    try {
      paginated = await paginate(browser);
    } catch (e) {
      // A browser that crashed or was killed gets one more chance, fresh; then the error stands.
      if (!owned || !isBrowserGone(e, browser)) throw e;
      diagnostics.push(diagnostic('browser/restarted', { reason: String((e as Error).message).split('\n')[0] }));
      await owned.close();
      audit = undefined; // it ran in the browser that is gone
      owned = await stage('launch', () => launchBrowser(hooks));
      browser = owned.browser;
      try {
        paginated = await paginate(browser);
      } catch (again) {
        if (isBrowserGone(again, browser)) throw new FolioError(diagnostic('browser/crashed', { reason: String((again as Error).message).split('\n')[0] }), { cause: again });
        throw again;
      }
    }
    const { printed, printedDoc, pages } = paginated;
    html = paginated.html;
    diagnostics.push(...printed.warnings);
    diagnostics.push(...fontWarnings(printedDoc, html));

    const info = {
      title: `${report.organization} — ${report.title} ${report.year}`,
      authors: report.authors,
      description: report.description,
      subject: report.subject ?? report.description,
      keywords: report.keywords,
      lang: report.lang,
      producer: `folio ${VERSION}`,
      creator: `folio ${VERSION} (Chromium, pdf-lib${options.profile === 'print' ? ', Ghostscript' : ''})`,
      dates: editionDates(report),
      revision: report.revision.number,
    };
    let pdf: Uint8Array;
    let found: Diagnostic[];
    // The screen edition's repairs (tags, text, links) serve both editions.
    const tagging = { headings: collectHeadings(html), links: collectLinks(html), text: plainText(html), tables: collectTables(html) };
    if (options.profile === 'print') {
      // The print shop's file: tagged as the screen edition, CMYK, then boxes, printer's marks and the PDF/X output intent.
      const profile = await findCmykProfile();
      const tagged = await stage('post-process', () => postProcess(printed.pdf, tagging));
      const cmyk = await stage('cmyk', () => convertToCmyk(tagged, { pdfx: options.pdfx, profile, timeoutMs: options.timeoutMs }));
      diagnostics.push(...cmyk.warnings);
      pdf = await stage('print-marks', () =>
        addPrintMarks(cmyk.pdf, {
          trim: { width: page.widthPt, height: page.heightPt },
          bleed: page.bleedPt,
          marks: options.marks,
          pdfx: options.pdfx,
          profile,
          info,
          headings: collectHeadings(html).map((h) => h.text),
        }),
      );
      const preflight = await stage('preflight', () => preflightPdf(pdf, { inkLimit: options.inkLimit, pdfx: options.pdfx }));
      const issues = preflightIssuesAsDiagnostics(preflight.issues);
      found = issues.filter((d) => d.severity === 'error');
      diagnostics.push(...issues.filter((d) => d.severity === 'warning'));
      // A print edition that kept its tags claims PDF/UA-1 too, and is checked for it.
      if (cmyk.tagged) found.push(...failuresAsDiagnostics((await stage('check', () => checkPdf(pdf))).failures));
    } else {
      startAudit(browser, html);
      pdf = await stage('post-process', () =>
        postProcess(printed.pdf, { ...tagging, info: { ...info, claims: { pdfua: true } } }),
      );
      const { failures } = await stage('check', () => checkPdf(pdf));
      found = [...(await audit!.result), ...failuresAsDiagnostics(failures)];
    }
    // The build promises what its profile claims: a PDF that fails its checks is not written.
    if (found.length > 0 && options.check) throw new FolioError(found);
    diagnostics.push(...found.map((d) => ({ ...d, severity: 'warning' as const })));
    return { report, data, charts, html, pdf, pages, assetsUsed: printed.assetsUsed, diagnostics, timings };
  } finally {
    await owned?.close();
  }
}

/**
 * Fonts the PDF embeds that the styles did not bundle: with no @font-face at all, every font is the
 * machine's own; otherwise Chromium fell back to one for a character the bundled fonts lack.
 */
function fontWarnings(doc: PDFDocument, html: string): Diagnostic[] {
  const fallbacks = fallbackFonts(doc, html);
  if (fallbacks.length === 0) return [];
  if (declaredFontFamilies(html).length === 0) return [diagnostic('print/no-bundled-fonts', { fonts: fallbacks.join(', ') })];
  return fallbacks.map((font) => diagnostic('print/fallback-font', { font }));
}

/** The browser died under us (crashed, killed, or closed), rather than the page failing. */
function isBrowserGone(e: unknown, browser: Browser): boolean {
  const message = String((e as Error)?.message ?? e);
  const cause = String(((e as { cause?: Error })?.cause)?.message ?? '');
  return !browser.connected || /Target closed|Session closed|Connection closed|browser has disconnected|Protocol error/i.test(`${message} ${cause}`);
}

export function defaultOutFile(options: Options, report: ReportMeta): string {
  const revision = options.revisionInName ? `-r${report.revision.number}` : '';
  const suffix = options.profile === 'print' ? '-print' : '';
  return options.out ?? path.resolve('out', `${report.slug ?? path.basename(options.data)}${revision}${suffix}.pdf`);
}

/** Renders and writes the PDF and, beside it, the HTML that was printed. Nothing is written on failure. */
export async function build(options: Options, hooks: Hooks = {}): Promise<Rendered & { outFile: string; htmlFile: string }> {
  try {
    const rendered = await render(options, hooks);
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

/**
 * The fast path of `folio dev`: load → validate → derive → charts → HTML, with the same stages as
 * `render()` but no browser. The contents' page numbers come from `pages` (heading id → page, e.g.
 * from the last printed PDF); headings not in it show the same placeholder as a first print.
 */
export async function renderHtmlOnly(
  options: Options,
  hooks: Hooks = {},
  pages: Map<string, number> = new Map(),
): Promise<Omit<Rendered, 'pdf' | 'pages' | 'assetsUsed'>> {
  const timings: StageTiming[] = [];
  const diagnostics: Diagnostic[] = [];
  const stage = timed(timings, hooks);

  const { report, data, charts, htmlInput, contents } = await prepare(options, stage, diagnostics);
  const html = await stage('html', () => renderHtml({ ...htmlInput, contents: contents(pages) }));
  return { report, data, charts, html, diagnostics, timings };
}

/**
 * `folio validate`: every stage short of the browser — data, schemas, rules, the report's sections
 * against the theme, templates, partials, helpers, chart specs and their fields, and assets.
 */
export async function validate(options: Options, hooks: Hooks = {}): Promise<{ diagnostics: Diagnostic[]; timings: StageTiming[] }> {
  const { diagnostics, timings } = await renderHtmlOnly(options, hooks);
  return { diagnostics, timings };
}
