import Handlebars from 'handlebars';
import MarkdownIt from 'markdown-it';
import { diagnostic, FolioError } from '../util/diagnostics.ts';
import type { LoadedData } from '../data/load-data.ts';
import type { AssetResolver } from '../theme/assets.ts';
import type { Colours } from '../theme/resolve-colours.ts';
import type { ThemeFiles } from '../theme/read-theme.ts';
import type { Formatter } from '../util/format.ts';
import { formatHelpers, num, str, type Helper } from './helpers.ts';
import type { Chart } from './render-charts.ts';
import type { ResolvedSection } from './resolve-sections.ts';
import { createEngine, type TemplateSource } from './template-engine.ts';

export interface HtmlInput {
  theme: ThemeFiles;
  data: Record<string, unknown>;
  sections: ResolvedSection[];
  charts: Map<string, Chart>;
  assets: AssetResolver;
  locate: LoadedData['locate'];
  fmt: Formatter;
  colours: Colours;
  pageSize: string;
  /** Trim size and bleed as CSS lengths (`@folio.page.width`, `.height`, `.bleed`). */
  page: { width: string; height: string; bleed: string };
  /** `screen` or `print` (`@folio.profile`). */
  profile: string;
  /** The headings the contents lists, with the page each was printed on (once known). */
  contents?: ContentsEntry[];
  /** Each section's id and running-head title (its first heading), once a first rendering found them. */
  runningHeads?: { id: string; title: string }[];
}

export interface ContentsEntry {
  id: string;
  level: number;
  text: string;
  /** The printed page number; a placeholder of similar width before the first print. */
  page: string;
}

/**
 * Fills the theme's layout and each section's template from the data, in strict mode: an unknown
 * variable, helper or partial, or a helper given the wrong kind of value, stops the build with the
 * template's file and line. Prose (Markdown) runs through the same helpers before Markdown.
 */
export function renderHtml(input: HtmlInput): string {
  // No raw HTML from data or prose; e-mail addresses and full URLs become links.
  const md = new MarkdownIt({ html: false, typographer: true, linkify: true }).set({ quotes: '“”‘’' });
  md.linkify.set({ fuzzyLink: false });
  const renderedProse = new Map<string, string>();
  const engine = createEngine({ ...formatHelpers(input.fmt), ...htmlHelpers(input, md, renderedProse) });

  const layout = input.theme.templates.find((t) => t.name === 'layout');
  if (!layout) throw new FolioError(diagnostic('template/missing-dir', { dir: input.theme.dirs.join(' or '), file: 'layout.hbs' }, { file: input.theme.dirs.at(-1) }));
  const partials = input.theme.templates.filter((t) => t !== layout);
  const prose = proseSources(input.data, input.locate);
  const problems = [...input.theme.templates, ...prose].flatMap((t) => engine.check(t, partials.map((p) => p.name)));
  if (problems.length > 0) throw new FolioError(problems);
  for (const p of partials) engine.registerPartial(p);

  const folio = folioData(input);
  for (const p of prose) renderedProse.set(p.name.slice('prose:'.length), md.render(engine.run(p, input.data, { data: { folio } })));
  return engine.run(layout, input.data, { data: { folio } });
}

/** What the layout reads as `@folio`: the build's facts, not the report's data. */
function folioData(input: HtmlInput) {
  const report = input.data.report as { organization: string; title: string; year: number };
  const heads = new Map(input.runningHeads?.map((h) => [h.id, h.title]));
  const pages = new Map<string, string>();
  for (const s of input.sections) if (!pages.has(s.page) && heads.has(s.id)) pages.set(s.page, heads.get(s.id)!);
  return {
    title: `${report.organization} — ${report.title} ${report.year}`,
    styles: new Handlebars.SafeString(joinStyles(input.theme.styles)),
    colours: new Handlebars.SafeString(input.colours.css),
    roles: input.colours.roles,
    page_size: input.pageSize,
    page: input.page,
    profile: input.profile,
    contents: input.contents ?? [],
    sections: input.sections,
    running_heads: [...pages].map(([page, title]) => ({ page, title })),
  };
}

function joinStyles(styles: ThemeFiles['styles']): string {
  // Data never reaches the stylesheet, but a template author's stray `</style>` must not end it early.
  return styles.map((s) => `/* ${s.name} */\n${s.text}`).join('\n').replace(/<\/(style)/gi, '<\\/$1');
}

function proseSources(data: Record<string, unknown>, locate: LoadedData['locate']): TemplateSource[] {
  const prose = (data.prose ?? {}) as Record<string, { body?: string }>;
  return Object.entries(prose).map(([name, entry]) => {
    const place = locate(`/prose/${name}/body`);
    return { name: `prose:${name}`, file: place.file ?? name, text: entry.body ?? '', firstLine: place.line ?? 1 };
  });
}

/** Helpers that write HTML: prose, Markdown, charts with their tables, assets, CSS strings. */
function htmlHelpers(input: HtmlInput, md: InstanceType<typeof MarkdownIt>, renderedProse: Map<string, string>): Record<string, Helper> {
  const safe = (s: string) => new Handlebars.SafeString(s);
  const esc = Handlebars.escapeExpression;
  const chart = (id: unknown) => {
    const c = input.charts.get(str(id, 'a chart id'));
    if (!c) throw new Error(`no chart "${id}" (charts the sections use: ${[...input.charts.keys()].join(', ') || 'none'})`);
    return c;
  };
  return {
    /** True when any argument is: `{{#if (or stats prose)}}`. */
    or: (...values) => values.some((v) => (Array.isArray(v) ? v.length > 0 : Boolean(v))),
    /** A table cell: the record's field in the column's format. */
    cell: (record, column) => {
      const { field, format } = column as { field: string; format?: string };
      const v = (record as Record<string, unknown>)?.[field];
      if (v === undefined) throw new Error(`a row has no field "${field}"`);
      return format && typeof v === 'number' ? input.fmt.figure(num(v), format) : String(v);
    },
    /** A quoted CSS string (for `content:` in @page rules): every character that could end it is escaped. */
    css_string: (v) => safe(`"${str(v).replace(/[^\p{L}\p{N} .,:;!?()–—’-]/gu, (c) => `\\${c.codePointAt(0)!.toString(16)} `)}"`),
    /** The rendered HTML of `prose/<name>.md`. */
    prose: (name) => {
      const html = renderedProse.get(str(name, 'a prose name'));
      if (html === undefined) throw new Error(`no prose named "${name}" (prose: ${[...renderedProse.keys()].join(', ')})`);
      return safe(html);
    },
    /** Markdown from a data field: escaped, no raw HTML. */
    markdown: (v) => safe(md.render(str(v))),
    markdown_inline: (v) => safe(md.renderInline(str(v))),
    /** A chart as vector graphics, labelled by its data-generated text alternative. */
    chart: (id) => {
      const c = chart(id);
      return safe(`<div class="chart-graphic" role="img" aria-label="${esc(c.alt)}">${c.svg}</div>`);
    },
    /** The chart's numbers as a real table (screen readers, and readers who want the figures). */
    chart_table: (id, caption) => {
      const c = chart(id);
      const head = c.table.head.map((h, i) => `<th scope="col"${i ? ' class="num"' : ''}>${esc(h)}</th>`).join('');
      const rows = c.table.rows.map(([label, ...cells]) => `<tr><th scope="row">${esc(label ?? '')}</th>${cells.map((x) => `<td class="num">${esc(x)}</td>`).join('')}</tr>`).join('');
      const cap = typeof caption === 'string' ? caption : `${c.title}: the figures`;
      return safe(`<table class="chart-data"><caption>${esc(cap)}</caption><thead><tr>${head}</tr></thead><tbody>${rows}</tbody></table>`);
    },
    chart_title: (id) => chart(id).title,
    /** A checked relative URL for a file under assets/ (the report's, then the theme's). */
    asset: (p) => {
      const url = `assets/${str(p, 'an asset path')}`;
      const found = input.assets.resolve(url);
      if (found === 'outside') throw new Error(`asset path "${p}" points outside the assets folders`);
      if (!found) throw new Error(`asset "${p}" is in none of the assets folders (${input.assets.roots.join(', ')})`);
      return url;
    },
  };
}
