import { readFile, readdir } from 'node:fs/promises';
import path from 'node:path';
import * as vl from 'vega-lite';
import * as vega from 'vega';
import { diagnostic, fail, FolioError, type Diagnostic } from '../util/diagnostics.ts';
import { get } from '../util/dotted.ts';
import { formatter, type Formatter } from './format.ts';
import { display } from '../util/display.ts';

/**
 * How a spec names its data: one dotted path, or series name → path. A keyed object
 * (`{"2018": 3531, …}`) becomes rows `{[as[0]]: key, [as[1]]: value}`; series add a series column.
 */
interface Binding {
  data: string | Record<string, string>;
  as?: string[];
  /**
   * How the generated text alternative reads the rows; `also` names a second field each row's
   * value is read with, as the chart prints it beside the bar (a share: "$1,800K, 60.5%").
   */
  alt: { kind: string; label: string; value: string; series?: string; format?: Format; also?: { field: string; format?: Format } };
}

type Format = 'money' | 'percent' | 'number';

export interface Chart {
  name: string;
  title: string;
  svg: string;
  /** Text alternative generated from the data, so it can never disagree with the picture. */
  alt: string;
  /** The same numbers as a table: header row, then one row per label. */
  table: { head: string[]; rows: string[][] };
}

type Spec = Record<string, unknown> & { usermeta?: { folio?: Binding }; title?: unknown };

/** Renders every `templates/charts/*.vl.json` against the data: Vega-Lite → Vega → SVG, in Node. */
export async function renderCharts(
  chartsDir: string,
  data: Record<string, unknown>,
  report: { lang: string; year: number; palette: Record<string, string> },
): Promise<{ charts: Map<string, Chart>; warnings: Diagnostic[] }> {
  const names = (await readdir(chartsDir).catch(() => [] as string[])).filter((n) => n.endsWith('.vl.json')).sort();
  const charts = new Map<string, Chart>();
  const warnings: Diagnostic[] = [];
  const problems: Diagnostic[] = [];
  const fmt = formatter(report.lang);
  const base = await readConfig(chartsDir);
  for (const file of names) {
    const name = file.replace(/\.vl\.json$/, '');
    try {
      const chart = await renderChart(path.join(chartsDir, file), name, data, report, fmt, base, warnings);
      charts.set(name, chart);
    } catch (e) {
      if (e instanceof FolioError) problems.push(...e.diagnostics);
      else throw e;
    }
  }
  if (problems.length > 0) throw new FolioError(problems);
  return { charts, warnings };
}

async function readConfig(dir: string): Promise<Record<string, unknown>> {
  const file = path.join(dir, 'config.json');
  const text = await readFile(file, 'utf8').catch(() => undefined);
  return text === undefined ? {} : parseJson(text, file);
}

function parseJson(text: string, file: string): Record<string, unknown> {
  try {
    return JSON.parse(text);
  } catch (e) {
    const offset = Number(/position (\d+)/.exec((e as Error).message)?.[1]);
    const place = Number.isFinite(offset) ? lineColumn(text, offset) : {};
    fail('chart/read-failed', { reason: (e as Error).message }, { file: display(file), ...place }, e);
  }
}

function lineColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset).split('\n');
  return { line: before.length, column: before.at(-1)!.length + 1 };
}

async function renderChart(
  file: string,
  name: string,
  data: Record<string, unknown>,
  report: { year: number; palette: Record<string, string> },
  fmt: Formatter,
  config: Record<string, unknown>,
  warnings: Diagnostic[],
): Promise<Chart> {
  const where = { file: display(file) };
  const spec = parseJson(await readFile(file, 'utf8'), file) as Spec;
  const binding = spec.usermeta?.folio;
  if (!binding?.data || !binding.alt) {
    fail('chart/invalid-spec', { chart: name, reason: 'usermeta.folio needs "data" (a data path) and "alt" (how to describe it)' }, { ...where, pointer: '/usermeta/folio' });
  }
  const rows = bindRows(name, binding, data, where);
  checkFields(name, spec, rows, where);
  const alsoField = binding.alt.also?.field;
  if (alsoField !== undefined && !rows.some((r) => alsoField in r)) {
    fail('chart/unknown-field', { chart: name, field: alsoField, known: [...new Set(rows.flatMap((r) => Object.keys(r)))].join(', ') }, { ...where, pointer: '/usermeta/folio/alt/also/field' });
  }

  const params = [
    { name: 'current_year', value: String(report.year) },
    ...Object.entries(report.palette).map(([k, v]) => ({ name: `palette_${k}`, value: v })),
  ].filter((p) => JSON.stringify(spec).includes(p.name));
  const { usermeta: _, ...rest } = spec;
  const full = {
    ...rest,
    data: { values: rows },
    params: [...((rest.params as unknown[]) ?? []), ...params],
    config: { ...config, ...(rest.config as object), aria: false },
  };

  const log: string[] = [];
  const logger = collectingLogger(log);
  let svg: string;
  try {
    const compiled = vl.compile(full as unknown as vl.TopLevelSpec, { logger });
    const view = new vega.View(vega.parse(compiled.spec), { renderer: 'none', loader: refusingLoader, logger: logger as never });
    svg = await view.toSVG();
    view.finalize();
  } catch (e) {
    fail('chart/invalid-spec', { chart: name, reason: (e as Error).message }, where, e);
  }
  for (const reason of log) warnings.push(diagnostic('chart/warning', { chart: name, reason }, where));

  const title = typeof spec.title === 'string' ? spec.title : String((spec.title as { text?: string })?.text ?? name);
  return { name, title, svg: tidySvg(svg), ...describe(title, rows, binding, fmt) };
}

function bindRows(name: string, binding: Binding, data: Record<string, unknown>, where: object): Record<string, unknown>[] {
  const [keyAs = 'key', valueAs = 'value'] = binding.as ?? [];
  const read = (p: string) => {
    const v = get(data, p);
    if (v === undefined) fail('chart/missing-data', { chart: name, path: p }, { ...where, pointer: '/usermeta/folio/data' });
    return v;
  };
  const toRows = (v: unknown, extra: Record<string, string> = {}): Record<string, unknown>[] =>
    Array.isArray(v) ? v.map((r) => ({ ...(r as object), ...extra })) : Object.entries(v as object).map(([k, x]) => ({ [keyAs]: k, ...extra, [valueAs]: x }));
  const rows =
    typeof binding.data === 'string'
      ? toRows(read(binding.data))
      : Object.entries(binding.data).flatMap(([series, p]) => toRows(read(p), { [binding.alt.series ?? 'series']: series }));
  if (rows.length === 0) {
    fail('chart/empty-data', { chart: name, path: typeof binding.data === 'string' ? binding.data : Object.values(binding.data).join(', ') }, where);
  }
  return rows;
}

/** A field the encoding names but the rows lack draws nothing, silently: make it an error. */
function checkFields(name: string, spec: Spec, rows: Record<string, unknown>[], where: object): void {
  const made = new Set<string>();
  const used: string[] = [];
  const walk = (node: unknown, key?: string): void => {
    if (Array.isArray(node)) return node.forEach((n) => walk(n));
    if (!node || typeof node !== 'object') return;
    const o = node as Record<string, unknown>;
    if (key === 'transform') return;
    for (const t of (o.transform as Record<string, unknown>[] | undefined) ?? []) {
      for (const a of [t.as].flat()) if (typeof a === 'string') made.add(a);
    }
    if (key && ['x', 'y', 'x2', 'y2', 'theta', 'color', 'text', 'order', 'tooltip', 'size', 'opacity', 'radius'].includes(key) && typeof o.field === 'string') used.push(o.field);
    for (const [k, v] of Object.entries(o)) if (k !== 'usermeta' && k !== 'data') walk(v, k);
  };
  walk(spec);
  const known = new Set(rows.flatMap((r) => Object.keys(r)));
  for (const field of used) {
    if (!known.has(field) && !made.has(field)) {
      fail('chart/unknown-field', { chart: name, field, known: [...known].join(', ') }, where);
    }
  }
}

function describe(title: string, rows: Record<string, unknown>[], binding: Binding, fmt: Formatter): Pick<Chart, 'alt' | 'table'> {
  const { kind, label, value, series, format = 'number', also } = binding.alt;
  const showAs = (f: Format) => (x: unknown) => (typeof x === 'number' ? (f === 'money' ? fmt.money(x) : f === 'percent' ? fmt.percent(x) : fmt.number(x)) : String(x));
  const show = showAs(format);
  const labels = [...new Set(rows.map((r) => String(r[label])))];
  if (!series) {
    const body = rows.map((r) => [String(r[label]), show(r[value])]);
    const extra = (i: number) => (also ? `, ${showAs(also.format ?? 'number')(rows[i]![also.field])}` : '');
    return {
      alt: `${title}. ${kind}: ${body.map(([l, v], i) => `${l}, ${v}${extra(i)}`).join('; ')}.`,
      table: { head: [binding.as?.[0] ?? label, binding.as?.[1] ?? value].map(capitalise), rows: body },
    };
  }
  const names = [...new Set(rows.map((r) => String(r[series])))];
  const cell = (l: string, s: string) => show(rows.find((r) => String(r[label]) === l && String(r[series]) === s)?.[value] ?? '–');
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

/** Charts get their data inline; a spec that tries to load anything (file or URL) is refused. */
const refusingLoader = {
  load: async (uri: string) => {
    throw new Error(`charts cannot load external data (${uri}); bind data with usermeta.folio.data`);
  },
  sanitize: async (uri: string) => {
    throw new Error(`charts cannot load external data (${uri})`);
  },
  http: async () => {
    throw new Error('no network');
  },
  file: async () => {
    throw new Error('no files');
  },
};

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
