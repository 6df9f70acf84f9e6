import { createHash } from 'node:crypto';
import type * as Vl from 'vega-lite';
import type * as Vega from 'vega';
import { diagnostic, fail, FolioError, type Diagnostic, type Place } from '../util/diagnostics.ts';
import { display } from '../util/display.ts';
import { parseJsonFile } from '../util/json.ts';
import { closest } from '../util/suggest.ts';
import { colourNames, colourOf, type Colours } from '../theme/resolve-colours.ts';
import { bindRows, type Binding, type Row } from './bind-chart.ts';
import { checkDomains, checkFields } from './check-chart.ts';
import { numberLocale, type Formatter } from '../util/format.ts';
import { PACKAGE_JSON } from '../util/package.ts';
import type { RenderText } from './render-text.ts';
import type { ChartRef } from './resolve-sections.ts';

export interface Chart {
  id: string;
  title: string;
  svg: string;
  /** Text alternative generated from the data, so it can never disagree with the picture. */
  alt: string;
  /** The same numbers as a table: header row, then one row per label. */
  table: { head: string[]; rows: string[][] };
}

export interface ChartsInput {
  /** The charts the sections use (only these are drawn). */
  refs: ChartRef[];
  /** Spec name → file (`charts/<name>.vl.json`, the report's first, then the theme's). */
  specs: Map<string, string>;
  config: Record<string, unknown>;
  data: Record<string, unknown>;
  year: number;
  lang: string;
  currency: string;
  fmt: Formatter;
  colours: Colours;
  renderText: RenderText;
  /** Pictures an earlier build drew, by what they were drawn from (`drawnKey`): not drawn again. */
  drawn?: ReadonlyMap<string, DrawnSvg>;
}

/** A chart's picture, and what Vega had to say while drawing it. */
export interface DrawnSvg {
  svg: string;
  log: string[];
}

export interface RenderedCharts {
  charts: Map<string, Chart>;
  warnings: Diagnostic[];
  /** The pictures this build used, by `drawnKey`: what the next build may reuse. */
  drawn: Map<string, DrawnSvg>;
}

type Spec = Record<string, unknown> & { usermeta?: { folio?: Partial<Binding> }; title?: unknown };

/** Draws each chart a section uses: its spec bound to the data, Vega-Lite → Vega → SVG, in Node. */
export async function renderCharts(input: ChartsInput): Promise<RenderedCharts> {
  const out: RenderedCharts = { charts: new Map(), warnings: [], drawn: new Map() };
  const problems: Diagnostic[] = [];
  const config = withColours(input.config, input.colours, { file: 'charts/config.json' });
  for (const ref of input.refs) {
    try {
      out.charts.set(ref.id, await renderChart(ref, input, config, out));
    } catch (e) {
      if (e instanceof FolioError) problems.push(...e.diagnostics);
      else throw e;
    }
  }
  if (problems.length > 0) throw new FolioError(problems);
  return out;
}

async function renderChart(ref: ChartRef, input: ChartsInput, config: Record<string, unknown>, out: RenderedCharts): Promise<Chart> {
  const file = input.specs.get(ref.spec);
  if (!file) {
    const guess = closest(ref.spec, [...input.specs.keys()]);
    fail('chart/missing-spec', { chart: ref.spec, known: [...input.specs.keys()].join(', '), hint: guess ? `Did you mean "${guess}"?` : undefined }, ref.place);
  }
  const where: Place = { file: display(file) };
  const spec = (await parseJsonFile(file, 'chart/read-failed')) as Spec;
  // A section's binding overrides the spec's, field by field (and inside `alt`, key by key).
  const own = spec.usermeta?.folio ?? {};
  const binding = { ...own, ...ref.overrides, alt: { ...own.alt, ...(ref.overrides.alt as object) } } as Binding;
  const bindingPlace = (key: string): Place => (key in ref.overrides ? ref.place : { ...where, pointer: `/usermeta/folio/${key}` });
  if (!binding.data || !binding.alt.kind || !binding.alt.label || !binding.alt.value) {
    fail('chart/invalid-spec', { chart: ref.id, reason: 'its binding (usermeta.folio in the spec, or the section that uses it) needs "data" (a data path) and "alt" (kind, label, value: how to describe it)' }, binding.data ? { ...where, pointer: '/usermeta/folio' } : ref.place);
  }
  const rows = bindRows(ref.id, binding, input, bindingPlace);
  binding.alt.kind = input.renderText(binding.alt.kind, bindingPlace('alt'));
  const title = chartTitle(ref.id, binding.title ?? spec.title, rows, binding, input, binding.title !== undefined ? bindingPlace('title') : { ...where, pointer: '/title' });
  checkFields(ref.id, spec, rows, where);
  checkDomains(ref.id, spec, rows, where);

  const { usermeta: _, ...rest } = withColours(spec, input.colours, where) as Spec;
  const full = {
    ...rest,
    title,
    data: { values: rows },
    params: [...((rest.params as unknown[]) ?? []), ...(JSON.stringify(spec).includes('current_year') ? [{ name: 'current_year', value: String(input.year) }] : [])],
    config: { ...config, ...(rest.config as object), aria: false },
  };
  const key = drawnKey(full, input);
  const drawn = input.drawn?.get(key) ?? (await toSvg(ref.id, full, input, where));
  out.drawn.set(key, drawn);
  for (const reason of drawn.log) out.warnings.push(diagnostic('chart/warning', { chart: ref.id, reason }, where));
  return { id: ref.id, title, svg: tidySvg(drawn.svg), ...describe(title, rows, binding, input.fmt) };
}

/**
 * What a picture is drawn from: the whole spec with its data, the number locale, and the versions
 * of the code that draws it. Drawing is deterministic, so an equal key is an equal picture.
 */
export function drawnKey(spec: Record<string, unknown>, input: Pick<ChartsInput, 'lang' | 'currency'>): string {
  const deps = PACKAGE_JSON.dependencies ?? {};
  const by = `folio ${PACKAGE_JSON.version}, vega ${deps.vega}, vega-lite ${deps['vega-lite']}, ${input.lang}, ${input.currency}`;
  return createHash('sha256').update(by).update('\0').update(JSON.stringify(spec)).digest('hex');
}

/** Vega and Vega-Lite load only when a chart has to be drawn: a rebuild whose charts did not change never loads them. */
let drawingLibraries: Promise<[typeof Vl, typeof Vega]> | undefined;

async function toSvg(id: string, spec: Record<string, unknown>, input: ChartsInput, where: Place): Promise<DrawnSvg> {
  const [vl, vega] = await (drawingLibraries ??= Promise.all([import('vega-lite'), import('vega')]));
  const log: string[] = [];
  const logger = collectingLogger(log);
  const refused: string[] = [];
  let svg: string;
  try {
    const compiled = vl.compile(spec as unknown as Vl.TopLevelSpec, { logger });
    const view = new vega.View(vega.parse(compiled.spec), {
      renderer: 'none',
      loader: refusingLoader(refused),
      logger: logger as never,
      // Axis labels group digits and mark decimals as the report's language does.
      locale: { number: numberLocale(input.lang, input.currency) },
    } as unknown as Vega.ViewOptions);
    svg = await view.toSVG();
    view.finalize();
  } catch (e) {
    fail('chart/invalid-spec', { chart: id, reason: (e as Error).message }, where, e);
  }
  // Vega only logs a load that failed and draws the chart without that data: a refused load is
  // the spec's error, not a warning under a chart that silently lacks some of its data.
  if (refused.length > 0) fail('chart/invalid-spec', { chart: id, reason: `charts cannot load external data (${refused.join(', ')}); bind data with usermeta.folio.data` }, where);
  return { svg, log };
}

/**
 * The title is the chart's heading, the start of its alt text and its table's caption: text that
 * may use helpers and the chart's own first and last labels (`{{chart.first}}–{{chart.last}}`).
 */
function chartTitle(id: string, raw: unknown, rows: Row[], binding: Binding, input: ChartsInput, place: Place): string {
  if (raw === undefined) return id;
  if (typeof raw !== 'string') fail('chart/invalid-title', { chart: id, value: JSON.stringify(raw).slice(0, 80) }, place);
  const labels = rows.map((r) => String(r[binding.alt.label]));
  return input.renderText(raw, place, { chart: { first: labels[0], last: labels.at(-1), count: rows.length } });
}

/** `"var(--current)"` anywhere in a spec or the config → the colour that role or palette entry has. */
function withColours(node: unknown, colours: Colours, where: Place, pointer = ''): Record<string, unknown> {
  const visit = (v: unknown, p: string): unknown => {
    if (typeof v === 'string' && v.startsWith('var(')) {
      const colour = colourOf(colours, v);
      if (colour) return colour;
      const name = /--([\w-]+)/.exec(v)?.[1] ?? v;
      const guess = closest(name, colourNames(colours));
      fail('chart/unknown-colour', { name: v, hint: guess ? `Did you mean "var(--${guess})"?` : `Colours: ${colourNames(colours).join(', ')}.` }, { ...where, pointer: p });
    }
    if (Array.isArray(v)) return v.map((x, i) => visit(x, `${p}/${i}`));
    if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, visit(x, `${p}/${k}`)]));
    return v;
  };
  return visit(node, pointer) as Record<string, unknown>;
}

function describe(title: string, rows: Row[], binding: Binding, fmt: Formatter): Pick<Chart, 'alt' | 'table'> {
  const { kind, label, value, series, format = 'number' } = binding.alt;
  // `text`: a field computed for the chart's labels (e.g. amount and share), read as written.
  const show = (r: Row | undefined) => {
    if (!r) return '–';
    if (binding.alt.text) return String(r[binding.alt.text]);
    const x = r[value];
    return typeof x === 'number' ? fmt.figure(x, format) : String(x);
  };
  const labels = [...new Set(rows.map((r) => String(r[label])))];
  if (!series) {
    const body = rows.map((r) => [String(r[label]), show(r)]);
    return {
      alt: `${title}. ${kind}: ${body.map(([l, v]) => `${l}, ${v}`).join('; ')}.`,
      table: { head: [binding.as?.[0] ?? label, binding.as?.[1] ?? value].map(capitalise), rows: body },
    };
  }
  const names = [...new Set(rows.map((r) => String(r[series])))];
  const cell = (l: string, s: string) => show(rows.find((r) => String(r[label]) === l && String(r[series]) === s));
  const body = labels.map((l) => [l, ...names.map((s) => cell(l, s))]);
  return {
    alt: `${title}. ${kind}: ${labels.map((l) => `${l}: ${names.map((s) => `${s.toLowerCase()} ${cell(l, s)}`).join(', ')}`).join('; ')}.`,
    table: { head: [capitalise(label), ...names], rows: body },
  };
}

const capitalise = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/**
 * The chart is one labelled image (the wrapper's role="img" and generated alt): roles and labels
 * Vega leaves on titles and marks would make Chromium tag a nest of figures inside it.
 */
function tidySvg(svg: string): string {
  return svg.replace(/\s(?:role|aria-[a-z]+)="[^"]*"/g, '').replace(/^<svg /, '<svg focusable="false" ');
}

/** Charts get their data inline; a spec that tries to load anything (file or URL) is refused, and each refusal noted in `refused`. */
function refusingLoader(refused: string[]) {
  const refuse = (uri: string) => {
    refused.push(uri);
    throw new Error(`charts cannot load external data (${uri}); bind data with usermeta.folio.data`);
  };
  return {
    load: async (uri: string) => refuse(uri),
    sanitize: async (uri: string) => refuse(uri),
    http: async (uri: string) => refuse(uri),
    file: async (uri: string) => refuse(uri),
  };
}

function collectingLogger(log: string[]) {
  let level = 2;
  const logger = {
    level(l?: number) {
      if (l === undefined) return level;
      level = l;
      return logger;
    },
    error: (...m: unknown[]) => {
      throw new Error(m.map(String).join(' '));
    },
    warn: (...m: unknown[]) => {
      log.push(m.map(String).join(' '));
      return logger;
    },
    info: () => logger,
    debug: () => logger,
  };
  return logger;
}
