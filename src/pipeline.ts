/**
 * The order of the stages lives here and nowhere else. Every stage has the one shape
 * `(input, run) => output` (src/util/stage.ts; the stages themselves are in pipeline/stages.ts and
 * browser/): what it has to say goes to the run, which times it.
 */
import path from 'node:path';
import type { Browser } from 'puppeteer-core';
import { pageGeometry, type Options } from './config/options.ts';
import { FolioError, toFolioError, type Diagnostic } from './util/diagnostics.ts';
import { BuildRun, type Run, type Stage, type StageTiming } from './util/stage.ts';
import { editionDates } from './data/edition-dates.ts';
import type { Chart } from './render/render-charts.ts';
import type { ContentsEntry, HtmlInput } from './render/render-html.ts';
import type { ReportMeta } from './render/resolve-report.ts';
import { collectHeadings, collectSectionTitles, type Heading } from './render/read-html.ts';
import { leaseBrowser } from './browser/launch-browser.ts';
import { paginate, type PaginateInput, type Paginated } from './browser/paginate.ts';
import { closePrintPage } from './browser/print-pdf.ts';
import { auditPage, type AuditVerdict } from './browser/audit-html.ts';
import type { DocumentInfo } from './pdf/post/post-process.ts';
import { writeOutputs } from './output/write-output.ts';
import { keep, memoryKey, persist, recall, rememberedCharts, type BuildMemory } from './output/build-memory.ts';
import * as stages from './pipeline/stages.ts';

type PdfStages = typeof import('./pipeline/pdf-stages.ts');

export { VERSION } from './util/package.ts';
import { VERSION } from './util/package.ts';
export type { StageName, StageTiming } from './util/stage.ts';

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
  /** How many times the report was printed until the contents' page numbers held. */
  passes: number;
  assetsUsed: Map<string, string>;
  diagnostics: Diagnostic[];
  timings: StageTiming[];
  /** What this build learned, for the next build of the same output (kept beside it by `build`). */
  memory: BuildMemory;
}

/** The stages whose errors are the build's verdict on its PDF (the rest are the build's own problems or warnings). */
const VERDICT = ['audit', 'preflight', 'check'] as const;

/**
 * The stages before the browser, shared by `render`, `validate` and the preview's fast path:
 * load and read the templates → validate → derive → resolve (the report's language, colours and
 * sections, against the theme) → charts → a first HTML rendering, which finds the headings the
 * contents lists.
 */
async function prepare(options: Options, run: Run) {
  const [loaded, theme] = await Promise.all([run.stage('load', stages.load, options.data), run.stage('theme', stages.readTemplates, options)]);
  await run.stage('validate', stages.validate, loaded);
  const derived = await run.stage('derive', stages.derive, loaded);
  const resolved = await run.stage('resolve', stages.resolve, { derived, loaded, theme });
  const { report, data, fmt, colours } = resolved;
  const outFile = defaultOutFile(options, report);
  const memory = await recall(outFile);
  const { charts, drawn } = await run.stage('charts', stages.charts, {
    ...{ refs: resolved.charts, specs: theme.charts, config: theme.chartConfig, data, fmt, colours, renderText: resolved.renderText },
    ...{ year: report.year, lang: report.lang, currency: report.currency, drawn: rememberedCharts(memory) },
  });
  const assets = await stages.findAssets({ options, theme }, run);
  const page = pageGeometry(options);
  const htmlInput: HtmlInput = {
    ...{ theme, data, sections: resolved.sections, charts, assets, locate: loaded.locate, fmt, colours },
    ...{ pageSize: options.pageSize, page: { width: page.width, height: page.height, bleed: page.bleed }, profile: options.profile },
  };
  const draft = await run.stage('html', stages.html, htmlInput);
  const listed = collectHeadings(draft).filter((h): h is Heading & { id: string } => !!h.id && h.level >= 2 && h.level <= (report.contents_depth ?? 2));
  htmlInput.runningHeads = collectSectionTitles(draft).map((s) => ({ id: s.name, title: s.title }));
  /** The contents entries, numbered from `pages` (heading id → page); a placeholder until printed. */
  const contents = (pages: Map<string, number>): ContentsEntry[] =>
    listed.map((h) => ({ id: h.id, level: h.level, text: h.text, page: String(pages.get(h.id) ?? '00') }));
  const numbered: Stage<Map<string, number>, string> = (pages, r) => stages.html({ ...htmlInput, contents: contents(pages) }, r);
  // What decides where the headings land, short of the figures: a build with the same key prints its contents numbered as the last one did.
  const layoutKey = memoryKey(VERSION, options.pageSize, options.profile, page, theme.styles, listed, htmlInput.runningHeads);
  return { report, data, charts, drawn, outFile, memory, assets, page, draft, listed, numbered, layoutKey };
}
type Prepared = Awaited<ReturnType<typeof prepare>>;

/**
 * load → validate → derive → charts → HTML → print, on the one page, until the contents' page
 * numbers hold (Chromium launching meanwhile) → screen: audit that page (axe-core) while
 * post-processing and checking the PDF; print: CMYK → boxes, printer's marks, output intent →
 * preflight (→ check, when it kept its tags).
 */
export async function render(options: Options, hooks: Hooks = {}): Promise<Rendered> {
  return renderIn(new BuildRun(hooks.onStage), options, hooks);
}

async function renderIn(run: BuildRun, options: Options, hooks: Hooks): Promise<Rendered> {
  const browser = leaseBrowser(run, hooks);
  try {
    const prepared = await prepare(options, run);
    const { outFile, memory } = prepared;
    // The PDF stages load while Chromium prints, when Node has nothing else to do.
    const loading = import('./pipeline/pdf-stages.ts');
    loading.catch(() => undefined);
    const printed = await browser.use((b, blank) => print({ browser: b, blank }, prepared, memory, options, run));
    const audit = await auditBeside(printed, options.profile === 'screen', memory.audit, run);
    const pdfStages = await loading;
    await pdfStages.checkFonts({ doc: printed.doc, html: printed.html }, run);
    const info = documentInfo(prepared.report, options);
    const edition = options.profile === 'print' ? printEdition : screenEdition;
    const pdf = await edition(pdfStages, printed, { info, options, page: prepared.page }, run);
    const learned: BuildMemory = { layout: { key: prepared.layoutKey, pages: [...printed.pages] }, audit: (await audit.verdict) ?? memory.audit, charts: [...prepared.drawn] };
    keep(outFile, learned);
    const diagnostics = judge(run, options.check);
    const { report, data, charts } = prepared;
    return { report, data, charts, html: printed.html, pdf, pages: printed.pages, passes: printed.passes, assetsUsed: printed.assetsUsed, diagnostics, timings: run.timings, memory: learned };
  } finally {
    await browser.close();
  }
}

/** Prints with the contents numbered as the last build of this output found them (when its layout matches), until they hold. */
async function print(on: Pick<PaginateInput, 'browser' | 'blank'>, prepared: Prepared, memory: BuildMemory, options: Options, run: Run): Promise<Paginated> {
  const known = new Map(memory.layout?.key === prepared.layoutKey ? memory.layout.pages : []);
  const html = await run.stage('html', prepared.numbered, known);
  const hasContents = html !== prepared.draft;
  const listed = hasContents ? prepared.listed.map((h) => h.id) : [];
  return paginate({ ...on, assets: prepared.assets, timeoutMs: options.timeoutMs, html, pages: known, listed, renumber: prepared.numbered }, run);
}

/**
 * The screen edition's audit, on the page just printed: it runs in Chromium while Node
 * post-processes and checks the PDF, and the page closes when it is done (at once for the print
 * edition). Resolves once axe-core is running, so Node's own work starts only then.
 */
async function auditBeside(printed: Paginated, wanted: boolean, remembered: AuditVerdict | undefined, run: Run): Promise<{ verdict: Promise<AuditVerdict | undefined> }> {
  let running: () => void = () => undefined;
  const started = new Promise<void>((resolve) => (running = resolve));
  const audit = wanted ? run.stage('audit', auditPage, { page: printed.page, remembered, onRunning: running }) : Promise.resolve(undefined);
  const done = audit.finally(() => closePrintPage(printed.page));
  done.catch(() => undefined);
  await Promise.race([started, done.then(() => undefined, () => undefined)]);
  // Wrapped: an async function returning the promise itself would wait for it.
  return { verdict: done };
}

interface EditionInput {
  info: Omit<DocumentInfo, 'claims'>;
  options: Options;
  page: Prepared['page'];
}

async function screenEdition(stages: PdfStages, printed: Paginated, { info }: EditionInput, run: Run): Promise<Uint8Array> {
  const pdf = await run.stage('post-process', stages.postProcessed, { doc: printed.doc, html: printed.html, info: { ...info, claims: { pdfua: true } } });
  await run.stage('check', stages.check, pdf);
  return pdf;
}

/** The print shop's file: tagged as the screen edition, CMYK, then boxes, printer's marks and the PDF/X output intent. */
async function printEdition(stages: PdfStages, printed: Paginated, { info, options, page }: EditionInput, run: Run): Promise<Uint8Array> {
  const profile = await stages.findCmykProfile();
  const tagged = await run.stage('post-process', stages.postProcessed, { doc: printed.doc, html: printed.html });
  const cmyk = await run.stage('cmyk', stages.cmyk, { pdf: tagged, pdfx: options.pdfx, profile, timeoutMs: options.timeoutMs });
  const pdf = await run.stage('print-marks', stages.printMarks, {
    ...{ pdf: cmyk.pdf, trim: { width: page.widthPt, height: page.heightPt }, bleed: page.bleedPt, marks: options.marks, pdfx: options.pdfx, profile, info },
    headings: collectHeadings(printed.html).map((h) => h.text),
  });
  await run.stage('preflight', stages.preflight, { pdf, inkLimit: options.inkLimit, pdfx: options.pdfx });
  // A print edition that kept its tags claims PDF/UA-1 too, and is checked for it.
  if (cmyk.tagged) await run.stage('check', stages.check, pdf);
  return pdf;
}

function documentInfo(report: ReportMeta, options: Options): Omit<DocumentInfo, 'claims'> {
  return {
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
}

/** The build promises what its profile claims: a PDF that fails its checks is not written (with checks off, they are warnings). */
function judge(run: BuildRun, check: boolean): Diagnostic[] {
  const { errors, others } = run.verdict(VERDICT);
  if (errors.length > 0 && check) throw new FolioError(errors);
  return [...others, ...errors.map((d) => ({ ...d, severity: 'warning' as const }))];
}

export function defaultOutFile(options: Options, report: ReportMeta): string {
  const revision = options.revisionInName ? `-r${report.revision.number}` : '';
  const suffix = options.profile === 'print' ? '-print' : '';
  return options.out ?? path.resolve('out', `${report.slug ?? path.basename(options.data)}${revision}${suffix}.pdf`);
}

/**
 * Renders and writes the PDF and, beside it, the HTML that was printed; then what the build learned,
 * in .folio-cache/ beside them. Nothing is written on failure: the last good PDF stays.
 */
export async function build(options: Options, hooks: Hooks = {}): Promise<Rendered & { outFile: string; htmlFile: string }> {
  try {
    const run = new BuildRun(hooks.onStage);
    const rendered = await renderIn(run, options, hooks);
    const outFile = defaultOutFile(options, rendered.report);
    const htmlFile = outFile.replace(/\.pdf$/i, '') + '.html';
    const files = [
      { file: htmlFile, bytes: rendered.html },
      { file: outFile, bytes: rendered.pdf },
    ];
    await run.stage('write', () => writeOutputs(files, rendered.assetsUsed), undefined);
    await persist(outFile, rendered.memory);
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
): Promise<Omit<Rendered, 'pdf' | 'pages' | 'passes' | 'assetsUsed' | 'memory'>> {
  const run = new BuildRun(hooks.onStage);
  const { report, data, charts, numbered } = await prepare(options, run);
  const html = await run.stage('html', numbered, pages);
  return { report, data, charts, html, diagnostics: run.diagnostics, timings: run.timings };
}

/**
 * `folio validate`: every stage short of the browser — data, schemas, rules, the report's sections
 * against the theme, templates, partials, helpers, chart specs and their fields, and assets.
 */
export async function validate(options: Options, hooks: Hooks = {}): Promise<{ diagnostics: Diagnostic[]; timings: StageTiming[] }> {
  const { diagnostics, timings } = await renderHtmlOnly(options, hooks);
  return { diagnostics, timings };
}
