import { readFile, readdir } from 'node:fs/promises';
import path from 'node:path';
import Handlebars from 'handlebars';
import MarkdownIt from 'markdown-it';
import { diagnostic, FolioError, type Diagnostic, type Place } from '../util/diagnostics.ts';
import { formatter, type Formatter } from './format.ts';
import { display } from '../util/display.ts';
import type { LoadedData } from '../data/load-data.ts';
import type { Chart } from './render-charts.ts';
import type { AssetResolver } from '../theme/assets.ts';
import { closest } from '../util/suggest.ts';

export interface HtmlInput {
  templatesDir: string;
  data: Record<string, unknown>;
  charts: Map<string, Chart>;
  assets: AssetResolver;
  locate: LoadedData['locate'];
  pageSize: string;
  /** Trim size and bleed as CSS lengths (`@folio.page.width`, `.height`, `.bleed`). */
  page: { width: string; height: string; bleed: string };
  /** `screen` or `print` (`@folio.profile`). */
  profile: string;
  /** The headings the contents lists, with the page each was printed on (once known). */
  contents?: ContentsEntry[];
  /** Each section's name and title (its first heading), once a first rendering has found them. */
  sections?: { name: string; title: string }[];
}

export interface ContentsEntry {
  id: string;
  level: number;
  text: string;
  /** The printed page number; a placeholder of similar width before the first print. */
  page: string;
}

interface TemplateSource {
  /** Partial name (`sections/cover`, `letter`), or `layout`, or `prose:<name>`. */
  name: string;
  file: string;
  text: string;
  /** Line in `file` where `text` starts (prose bodies sit below their front matter). */
  firstLine: number;
}

// trackIds: helpers learn the paths of their arguments, to name one that does not exist (not in
// Handlebars' type definitions, but a documented compile option).
const COMPILE_OPTIONS = { strict: true, preventIndent: true, trackIds: true } as CompileOptions;

const BUILT_IN_HELPERS = ['if', 'unless', 'each', 'with', 'lookup', 'log', 'blockHelperMissing', 'helperMissing'];

/**
 * Fills the templates from the data on a private Handlebars instance in strict mode. An unknown
 * variable, helper or partial, or a helper given the wrong kind of value, stops the build with the
 * template's file and line. Prose (Markdown) runs through the same helpers before Markdown.
 */
export async function renderHtml(input: HtmlInput): Promise<string> {
  const report = input.data.report as { lang: string };
  const fmt = formatter(report.lang);
  const hb = Handlebars.create();
  const stack: TemplateSource[] = [];
  // No raw HTML from data or prose; e-mail addresses and full URLs become links.
  const md = new MarkdownIt({ html: false, typographer: true, linkify: true }).set({ quotes: '“”‘’' });
  md.linkify.set({ fuzzyLink: false });

  const templates = await readTemplates(input.templatesDir);
  const layout = templates.find((t) => t.name === 'layout');
  if (!layout) throw new FolioError(diagnostic('template/missing-dir', { dir: display(input.templatesDir), file: 'layout.hbs' }, { file: display(input.templatesDir) }));
  const prose = proseSources(input.data, input.locate);

  const renderedProse = new Map<string, string>();
  const helpers = makeHelpers({ fmt, md, input, stack, renderedProse });
  for (const [name, fn] of Object.entries(helpers)) hb.registerHelper(name, fn);

  const partials = templates.filter((t) => t !== layout);
  const known = { helpers: [...Object.keys(helpers), ...BUILT_IN_HELPERS], partials: partials.map((p) => p.name) };
  const problems = [...templates, ...prose].flatMap((t) => checkStatically(t, known));
  problems.push(...checkSections(input.data, known.partials, input.locate));
  if (problems.length > 0) throw new FolioError(problems);

  const compiled = new Map<TemplateSource, HandlebarsTemplateDelegate>();
  const run = (source: TemplateSource, context: unknown, options?: Handlebars.RuntimeOptions): string => {
    let template = compiled.get(source);
    if (!template) compiled.set(source, (template = hb.compile(source.text, COMPILE_OPTIONS)));
    stack.push(source);
    try {
      return template(context, options);
    } catch (e) {
      throw toTemplateError(e, source);
    } finally {
      stack.pop();
    }
  };
  for (const p of partials) hb.registerPartial(p.name, ((context: unknown, options: Handlebars.RuntimeOptions) => run(p, context, options)) as never);

  const styles = await readStyles(input.templatesDir);
  const folio = {
    styles: new Handlebars.SafeString(styles),
    page_size: input.pageSize,
    page: input.page,
    profile: input.profile,
    contents: input.contents ?? [],
    sections: input.sections ?? [],
  };
  for (const p of prose) renderedProse.set(p.name.slice('prose:'.length), md.render(run(p, input.data, { data: { folio } })));
  return run(layout, input.data, { data: { folio } });
}

async function readTemplates(dir: string): Promise<TemplateSource[]> {
  const files = (await readdir(dir, { recursive: true }).catch(() => [] as string[])).filter((f) => f.endsWith('.hbs')).sort();
  return Promise.all(
    files.map(async (rel) => {
      const file = path.join(dir, rel);
      const name = rel.replace(/\.hbs$/, '').replace(/^partials[\\/]/, '').split(path.sep).join('/');
      return { name, file, text: await readFile(file, 'utf8'), firstLine: 1 };
    }),
  );
}

async function readStyles(dir: string): Promise<string> {
  const styleDir = path.join(dir, 'styles');
  const files = (await readdir(styleDir).catch(() => [] as string[])).filter((f) => f.endsWith('.css')).sort();
  const parts = await Promise.all(files.map(async (f) => `/* ${f} */\n${await readFile(path.join(styleDir, f), 'utf8')}`));
  // Data never reaches the stylesheet, but a template author's stray `</style>` must not end it early.
  return parts.join('\n').replace(/<\/style/gi, '<\\/style');
}

function proseSources(data: Record<string, unknown>, locate: LoadedData['locate']): TemplateSource[] {
  const prose = (data.prose ?? {}) as Record<string, { body?: string }>;
  return Object.entries(prose).map(([name, entry]) => {
    const place = locate(`/prose/${name}/body`);
    return { name: `prose:${name}`, file: place.file ?? name, text: entry.body ?? '', firstLine: place.line ?? 1 };
  });
}

/** Problems visible without running the template: unknown helpers and partials, with a guess. */
function checkStatically(source: TemplateSource, known: { helpers: string[]; partials: string[] }): Diagnostic[] {
  let ast: hbs.AST.Program;
  try {
    ast = Handlebars.parse(source.text);
  } catch (e) {
    return [toTemplateError(e, source).diagnostics[0]!];
  }
  const problems: Diagnostic[] = [];
  const at = (loc: hbs.AST.SourceLocation): Place => ({ file: display(source.file), line: loc.start.line + source.firstLine - 1, column: loc.start.column + 1 });
  const visit = (node: unknown): void => {
    if (!node || typeof node !== 'object') return;
    if (Array.isArray(node)) return node.forEach(visit);
    const n = node as hbs.AST.Node & Record<string, unknown>;
    if ((n.type === 'PartialStatement' || n.type === 'PartialBlockStatement') && (n.name as hbs.AST.PathExpression).type === 'PathExpression') {
      const name = (n.name as hbs.AST.PathExpression).original;
      if (!known.partials.includes(name)) {
        const guess = closest(name, known.partials);
        problems.push(diagnostic('template/missing-partial', { name, known: known.partials.join(', '), hint: guess ? `Did you mean "${guess}"?` : undefined }, at(n.loc)));
      }
    }
    if (n.type === 'MustacheStatement' || n.type === 'BlockStatement' || n.type === 'SubExpression') {
      const p = n.path as hbs.AST.PathExpression;
      const takesArgs = (n.params as unknown[]).length > 0 || n.hash !== undefined || n.type === 'SubExpression';
      if (p.type === 'PathExpression' && takesArgs && !p.data && !known.helpers.includes(p.original)) {
        const guess = closest(p.original, known.helpers);
        problems.push(diagnostic('template/unknown-helper', { name: p.original, known: known.helpers.join(', '), hint: guess ? `Did you mean "${guess}"?` : undefined }, at(n.loc)));
      }
    }
    for (const [k, v] of Object.entries(n)) if (k !== 'loc' && v && typeof v === 'object') visit(v);
  };
  visit(ast);
  return problems;
}

function checkSections(data: Record<string, unknown>, partials: string[], locate: LoadedData['locate']): Diagnostic[] {
  const sections = ((data.report as { sections?: string[] }).sections ?? []) as string[];
  const available = partials.filter((p) => p.startsWith('sections/')).map((p) => p.slice('sections/'.length));
  return sections.flatMap((name, i) =>
    available.includes(name) ? [] : [diagnostic('template/missing-section', { name, known: available.join(', ') }, locate(`/report/sections/${i}`))],
  );
}

/** Turns a Handlebars exception into a diagnostic naming the innermost template and its line. */
function toTemplateError(e: unknown, source: TemplateSource): FolioError {
  if (e instanceof FolioError) return e;
  const err = e as Error & { lineNumber?: number; column?: number };
  const message = err.message ?? String(e);
  let line = err.lineNumber;
  let column = err.column;
  const parse = /Parse error on line (\d+)/.exec(message) ?? /on line (\d+)/.exec(message);
  if (line === undefined && parse) line = Number(parse[1]);
  const place: Place = {
    file: display(source.file),
    line: line !== undefined ? line + source.firstLine - 1 : undefined,
    column: column !== undefined ? column + 1 : undefined,
  };
  const unknown = /^"([^"]+)" not defined in/.exec(message);
  if (unknown) return new FolioError(diagnostic('template/unknown-variable', { name: unknown[1] }, place), { cause: e });
  // Strict mode checks helper arguments only one level deep: `{{money a.missing.x}}` fails as a plain
  // TypeError with no location. Find the path in the template to say where.
  const deep = /Cannot read properties of (?:undefined|null) \(reading '([^']+)'\)/.exec(message);
  if (deep) {
    const found = findPath(source, deep[1]!);
    return new FolioError(
      diagnostic('template/unknown-variable', { name: found?.original ?? deep[1] }, { ...place, line: found ? found.loc.start.line + source.firstLine - 1 : place.line, column: found ? found.loc.start.column + 1 : place.column }),
      { cause: e },
    );
  }
  const partial = /The partial (\S+) could not be found/.exec(message);
  if (partial) return new FolioError(diagnostic('template/missing-partial', { name: partial[1], known: '' }, place), { cause: e });
  const reason = message.replace(/\s+-\s+\d+:\d+$/, '').split('\n').slice(0, 4).join(' ').replace(/\s+/g, ' ');
  return new FolioError(diagnostic('template/syntax', { reason }, place), { cause: e });
}

/** The first path expression in a template that reads `part` below its first segment. */
function findPath(source: TemplateSource, part: string): hbs.AST.PathExpression | undefined {
  let found: hbs.AST.PathExpression | undefined;
  const visit = (node: unknown): void => {
    if (found || !node || typeof node !== 'object') return;
    if (Array.isArray(node)) return node.forEach(visit);
    const n = node as hbs.AST.PathExpression;
    if (n.type === 'PathExpression' && n.parts.slice(1).includes(part)) found = n;
    for (const [k, v] of Object.entries(n)) if (k !== 'loc') visit(v);
  };
  try {
    visit(Handlebars.parse(source.text));
  } catch {
    // the template parsed before it ran; nothing to find if it no longer does
  }
  return found;
}

interface HelperContext {
  fmt: Formatter;
  md: InstanceType<typeof MarkdownIt>;
  input: HtmlInput;
  stack: TemplateSource[];
  renderedProse: Map<string, string>;
}

type HelperOptions = Handlebars.HelperOptions & { loc?: hbs.AST.SourceLocation; name?: string };

function makeHelpers(c: HelperContext): Record<string, Handlebars.HelperDelegate> {
  const { fmt } = c;
  const safe = (s: string) => new Handlebars.SafeString(s);
  const esc = Handlebars.escapeExpression;

  const num = (v: unknown, what = 'a number'): number => {
    if (typeof v !== 'number' || !Number.isFinite(v)) throw new Error(`expected ${what} but got ${describe(v)}`);
    return v;
  };
  const str = (v: unknown, what = 'text'): string => {
    if (typeof v !== 'string') throw new Error(`expected ${what} but got ${describe(v)}`);
    return v;
  };

  const raw: Record<string, (...args: unknown[]) => unknown> = {
    money: (v) => fmt.money(num(v, 'an amount in $ thousands')),
    amount: (v) => fmt.amount(num(v, 'an amount in $ thousands')),
    number: (v, digits) => fmt.number(num(v), typeof digits === 'number' ? digits : 1),
    compact: (v, display, after) => fmt.compact(num(v), display === 'short' ? 'short' : 'long', typeof after === 'string' ? after : ''),
    percent: (v, digits) => fmt.percent(num(v, 'a percentage'), typeof digits === 'number' ? digits : 1),
    ordinal: (v) => fmt.ordinal(num(v)),
    /** A figure in a format named by the data (`money`, `amount`, `percent`; otherwise `number`). */
    figure: (v, format) => {
      const x = num(v);
      return format === 'money' ? fmt.money(x) : format === 'amount' ? fmt.amount(x) : format === 'percent' ? fmt.percent(x) : fmt.number(x);
    },
    date: (v) => fmt.date(str(v, 'a date (YYYY-MM-DD)')),
    date_range: (a, b) => fmt.dateRange(str(a, 'a start date'), str(b, 'an end date')),
    length: (v) => {
      if (Array.isArray(v)) return v.length;
      if (v && typeof v === 'object') return Object.keys(v).length;
      throw new Error(`expected a list but got ${describe(v)}`);
    },
    get: (o, key) => {
      if (!o || typeof o !== 'object') throw new Error(`expected a map but got ${describe(o)}`);
      const k = String(key);
      if (!(k in o)) throw new Error(`no key "${k}" (keys: ${Object.keys(o).join(', ')})`);
      return (o as Record<string, unknown>)[k];
    },
    eq: (a, b) => a === b || String(a) === String(b),
    gt: (a, b) => num(a) > num(b),
    add: (a, b) => num(a) + num(b),
    concat: (...parts) => parts.map(String).join(''),
    slug: (v) => slugify(str(v)),
    upper: (v) => str(v).toLocaleUpperCase(),
    /** A quoted CSS string (for `content:` in @page rules): every character that could end it is escaped. */
    css_string: (v) => safe(`"${str(v).replace(/[^\p{L}\p{N} .,:;!?()–—’-]/gu, (c) => `\\${c.codePointAt(0)!.toString(16)} `)}"`),
    /** The rendered HTML of `prose/<name>.md`. */
    prose: (name) => {
      const html = c.renderedProse.get(str(name, 'a prose name'));
      if (html === undefined) throw new Error(`no prose named "${name}" (prose: ${[...c.renderedProse.keys()].join(', ')})`);
      return safe(html);
    },
    /** Markdown from a data field: escaped, no raw HTML. */
    markdown: (v) => safe(c.md.render(str(v))),
    markdown_inline: (v) => safe(c.md.renderInline(str(v))),
    /** A chart as vector graphics, labelled by its data-generated text alternative. */
    chart: (name) => {
      const chart = c.input.charts.get(str(name, 'a chart name'));
      if (!chart) throw new Error(`no chart named "${name}" (charts: ${[...c.input.charts.keys()].join(', ')})`);
      return safe(`<div class="chart-graphic" role="img" aria-label="${esc(chart.alt)}">${chart.svg}</div>`);
    },
    /** The chart's numbers as a real table (screen readers, and readers who want the figures). */
    chart_table: (name, caption) => {
      const chart = c.input.charts.get(str(name, 'a chart name'));
      if (!chart) throw new Error(`no chart named "${name}"`);
      const head = chart.table.head.map((h, i) => `<th scope="col"${i ? ' class="num"' : ''}>${esc(h)}</th>`).join('');
      const rows = chart.table.rows
        .map(([label, ...cells]) => `<tr><th scope="row">${esc(label ?? '')}</th>${cells.map((x) => `<td class="num">${esc(x)}</td>`).join('')}</tr>`)
        .join('');
      const cap = typeof caption === 'string' ? caption : `${chart.title}: the figures`;
      return safe(`<table class="chart-data"><caption>${esc(cap)}</caption><thead><tr>${head}</tr></thead><tbody>${rows}</tbody></table>`);
    },
    chart_title: (name) => {
      const chart = c.input.charts.get(str(name, 'a chart name'));
      if (!chart) throw new Error(`no chart named "${name}"`);
      return chart.title;
    },
    /** A checked relative URL for a file under assets/. */
    asset: (p) => {
      const url = `assets/${str(p, 'an asset path')}`;
      const found = c.input.assets.resolve(url);
      if (found === 'outside') throw new Error(`asset path "${p}" points outside the assets folder`);
      if (!found) throw new Error(`asset "${p}" does not exist`);
      return url;
    },
  };

  // Each helper reports failures with the template and line it was called from.
  return Object.fromEntries(
    Object.entries(raw).map(([name, fn]) => [
      name,
      function (this: unknown, ...args: unknown[]) {
        const options = args.pop() as HelperOptions & { ids?: unknown[] };
        const source = c.stack.at(-1);
        const loc = options?.loc;
        const place: Place = source
          ? { file: display(source.file), line: loc ? loc.start.line + source.firstLine - 1 : undefined, column: loc ? loc.start.column + 1 : undefined }
          : {};
        // Strict mode lets a helper argument be undefined; for a report that is always a typo.
        const missing = args.findIndex((a) => a === undefined);
        if (missing >= 0) throw new FolioError(diagnostic('template/unknown-variable', { name: String(options.ids?.[missing] ?? `argument ${missing + 1} of ${name}`) }, place));
        try {
          return fn.apply(this, args);
        } catch (e) {
          if (e instanceof FolioError) throw e;
          throw new FolioError(diagnostic('template/helper-failed', { name, reason: (e as Error).message }, place), { cause: e });
        }
      },
    ]),
  );
}

export function slugify(s: string): string {
  return s
    .replace(/ł/g, 'l')
    .replace(/Ł/g, 'L')
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}

function describe(v: unknown): string {
  if (v === undefined) return 'nothing (is the path right?)';
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'object') return 'a map';
  return `${typeof v} ${JSON.stringify(v)}`;
}
