import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import { diagnostic, FolioError, type Diagnostic, type Place } from '../util/diagnostics.ts';
import { get } from '../util/dotted.ts';
import { closest } from '../util/suggest.ts';
import type { Formatter } from '../util/format.ts';
import { slugify } from './helpers.ts';
import type { RenderText } from './render-text.ts';

/**
 * `report.yaml`'s `sections` name a kind and its data, e.g.
 *
 *     - kind: letter
 *       prose: letter_chair
 *     - kind: charts
 *       title: "Finances in {{report.year}}"
 *       charts: [revenue, total-assets]
 *
 * A kind is a section template, `sections/<kind>.hbs` (the report's own templates first, then the
 * theme's), with an optional JSON Schema beside it for its fields. Resolving an entry checks it
 * against that schema (filling defaults), renders its text fields, looks up the prose it names and
 * the data paths it gives (`data`, `items`), and collects the charts it uses: only those are drawn.
 */
export interface ResolvedSection {
  kind: string;
  id: string;
  /** The named page (CSS `page`) the section prints on: its own, or its predecessor's if continued. */
  page: string;
  /** What the section's template sees (`@root` is the whole data). */
  context: Record<string, unknown>;
}

/** A chart a section uses: the spec it draws and the section entry's overrides of its binding. */
export interface ChartRef {
  id: string;
  spec: string;
  overrides: Record<string, unknown>;
  place: Place;
}

export interface SectionsInput {
  data: Record<string, unknown>;
  locate(pointer: string): Place;
  /** Section templates available (`sections/<name>` without the prefix). */
  kinds: string[];
  schemas: Map<string, { file: string; schema: Record<string, unknown> }>;
  renderText: RenderText;
  fmt: Formatter;
}

/** Fields every kind takes. */
const COMMON = {
  kind: { type: 'string' },
  id: { type: 'string', pattern: '^[A-Za-z][\\w-]*$' },
  title: { type: 'string' },
  variant: { type: 'string', default: '' },
  years: { type: 'integer', minimum: 1, maximum: 12, default: 2 },
};

/** Fields that name data by a dotted path (when they are text). */
const PATH_FIELDS = ['data', 'items', 'groups'];

export function resolveSections(input: SectionsInput): { sections: ResolvedSection[]; charts: ChartRef[] } {
  const { data, locate } = input;
  const report = data.report as { sections?: unknown[]; year: number };
  const validators = compileSchemas(input.schemas);
  const problems: Diagnostic[] = [];
  const sections: ResolvedSection[] = [];
  const charts: ChartRef[] = [];
  const ids = new Set<string>();

  (report.sections ?? []).forEach((raw, i) => {
    const at = `/report/sections/${i}`;
    try {
      const entry = normalise(raw, at, locate);
      checkKind(entry, input.kinds, at, locate);
      validate(validators.get(entry.kind) ?? validators.get('')!, entry, at, locate);
      const context = renderFields(entry, at, input) as Record<string, unknown>;
      resolveReferences(context, at, input);
      const title = (context.title as string | undefined) ?? (context.doc as { title?: string } | undefined)?.title;
      if (!title && input.schemas.get(entry.kind)?.schema['x-needs-title']) {
        throw new FolioError(diagnostic('section/invalid', { where: `${entry.kind} section ${at.slice('/report/'.length).replace(/\//g, '.')}`, reason: 'needs a title (a `title`, or the title of the prose it names)' }, locate(at)));
      }
      const id = uniqueId(entry.id ?? (typeof entry.prose === 'string' ? slugify(entry.prose) : slugify(title ?? entry.kind)), ids, entry.id !== undefined, `${at}/id`, locate);
      const used = chartRefs(context, at, locate);
      charts.push(...used);
      const page = entry.variant === 'continued' && sections.length > 0 ? sections.at(-1)!.page : `s-${id}`;
      Object.assign(context, {
        id,
        title,
        charts: used.map((c) => ({ id: c.id, untitled: c.overrides.untitled === true })),
        periods: Array.from({ length: Number(context.years) }, (_, k) => String(report.year - k)),
        amounts_label: input.fmt.amountsLabel(),
      });
      sections.push({ kind: entry.kind, id, page, context });
    } catch (e) {
      if (e instanceof FolioError) problems.push(...e.diagnostics);
      else throw e;
    }
  });
  problems.push(...duplicateCharts(charts));
  if (problems.length > 0) throw new FolioError(problems);
  return { sections, charts };
}

type Entry = Record<string, unknown> & { kind: string; id?: string; prose?: unknown; variant?: unknown };

/** `- cover` is short for `- kind: cover`. */
function normalise(raw: unknown, at: string, locate: SectionsInput['locate']): Entry {
  if (typeof raw === 'string') return { kind: raw };
  if (!raw || typeof raw !== 'object' || Array.isArray(raw) || typeof (raw as Entry).kind !== 'string') {
    throw new FolioError(diagnostic('section/invalid', { where: at.slice(1).replace(/\//g, '.'), reason: 'needs a `kind` (e.g. kind: letter)' }, locate(at)));
  }
  return structuredClone(raw) as Entry;
}

function checkKind(entry: Entry, kinds: string[], at: string, locate: SectionsInput['locate']): void {
  const wanted = entry.kind === 'custom' && typeof entry.template === 'string' ? entry.template : entry.kind;
  if (kinds.includes(wanted)) return;
  const guess = closest(wanted, kinds);
  const pointer = entry.kind === 'custom' ? `${at}/template` : `${at}/kind`;
  throw new FolioError(diagnostic('template/missing-section', { name: wanted, known: kinds.join(', '), hint: guess ? `Did you mean "${guess}"?` : undefined }, locate(pointer)));
}

function compileSchemas(schemas: SectionsInput['schemas']): Map<string, ValidateFunction> {
  const ajv = new Ajv({ allErrors: true, useDefaults: true, strict: false, verbose: true });
  const out = new Map<string, ValidateFunction>();
  const withCommon = (schema: Record<string, unknown>) => ({
    ...schema,
    type: 'object',
    additionalProperties: schema.additionalProperties ?? false,
    properties: { ...COMMON, ...(schema.properties as object) },
  });
  for (const [kind, { schema }] of schemas) out.set(kind, ajv.compile(withCommon(schema)));
  // A kind without a schema takes any fields.
  out.set('', ajv.compile(withCommon({ additionalProperties: true })));
  return out;
}

function validate(check: ValidateFunction, entry: Entry, at: string, locate: SectionsInput['locate']): void {
  const kind = entry.kind;
  if (check(entry)) return;
  throw new FolioError(
    (check.errors ?? []).filter((e) => !['anyOf', 'oneOf'].includes(e.keyword)).map((e: ErrorObject) => {
      const pointer = `${at}${e.instancePath}`;
      const where = `${kind} section ${pointer.slice('/report/'.length).replace(/\//g, '.')}`;
      if (e.keyword === 'additionalProperties') {
        const name = String((e.params as { additionalProperty: string }).additionalProperty);
        const known = Object.keys((e.parentSchema as { properties?: object }).properties ?? {});
        const guess = closest(name, known);
        return diagnostic('section/invalid', { where, reason: `has an unknown field "${name}"`, hint: guess ? `Did you mean "${guess}"?` : `Fields of a ${kind} section: ${known.join(', ')}.` }, locate(`${pointer}/${name}`));
      }
      if (e.keyword === 'required') return diagnostic('section/invalid', { where, reason: `needs the field "${(e.params as { missingProperty: string }).missingProperty}"` }, locate(pointer));
      const allowed = (e.params as { allowedValues?: unknown[] }).allowedValues;
      const reason = allowed ? `must be one of ${allowed.map((v) => JSON.stringify(v)).join(', ')}` : (e.message ?? 'is invalid');
      return diagnostic('section/invalid', { where, reason }, locate(pointer));
    }),
  );
}

/** Text fields that use helpers are rendered; chart titles wait for their chart's own figures. */
function renderFields(value: unknown, pointer: string, input: SectionsInput): unknown {
  if (typeof value === 'string') return input.renderText(value, input.locate(pointer));
  if (Array.isArray(value)) return value.map((v, k) => renderFields(v, `${pointer}/${k}`, input));
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [k, k === 'charts' ? v : renderFields(v, `${pointer}/${k}`, input)]),
    );
  }
  return value;
}

/**
 * Prose names become their documents (`doc`: front matter and body; the title defaults to the
 * document's); data paths become the data they name. Nested objects too (a note's prose, a group's
 * items).
 */
function resolveReferences(node: Record<string, unknown>, pointer: string, input: SectionsInput, nested = false): void {
  const prose = (input.data.prose ?? {}) as Record<string, Record<string, unknown>>;
  if (typeof node.prose === 'string' && node.prose !== '') {
    const doc = prose[node.prose];
    if (!doc) {
      const guess = closest(node.prose, Object.keys(prose));
      throw new FolioError(diagnostic('section/missing-prose', { name: node.prose, hint: guess ? `Did you mean "${guess}"?` : `Prose files: ${Object.keys(prose).join(', ') || 'none'}.` }, input.locate(`${pointer}/prose`)));
    }
    node.doc = doc;
    if (node.title === undefined && typeof doc.title === 'string') node.title = doc.title;
    if (nested && node.id === undefined) node.id = slugify(node.prose);
  }
  const resolved = new Set<string>();
  for (const field of PATH_FIELDS) {
    if (typeof node[field] !== 'string') continue;
    resolved.add(field);
    const path = node[field] as string;
    const value = get(input.data, path);
    if (value === undefined || value === null) {
      throw new FolioError(diagnostic('section/missing-data', { path, field }, input.locate(`${pointer}/${field}`)));
    }
    if (field !== 'data' && !Array.isArray(value)) throw new FolioError(diagnostic('section/missing-data', { path, field, reason: 'it is not a list' }, input.locate(`${pointer}/${field}`)));
    node[field] = value;
  }
  for (const [k, v] of Object.entries(node)) {
    if (k === 'doc' || k === 'charts' || resolved.has(k)) continue;
    if (Array.isArray(v)) v.forEach((x, j) => x && typeof x === 'object' && resolveReferences(x as Record<string, unknown>, `${pointer}/${k}/${j}`, input, true));
    else if (v && typeof v === 'object') resolveReferences(v as Record<string, unknown>, `${pointer}/${k}`, input, true);
  }
}

function uniqueId(wanted: string, ids: Set<string>, explicit: boolean, pointer: string, locate: SectionsInput['locate']): string {
  let id = wanted || 'section';
  if (ids.has(id)) {
    if (explicit) throw new FolioError(diagnostic('section/duplicate-id', { id }, locate(pointer)));
    let n = 2;
    while (ids.has(`${wanted}-${n}`)) n++;
    id = `${wanted}-${n}`;
  }
  ids.add(id);
  return id;
}

/** `charts: [name, {chart: name, id, data, title, …}]` → references with the entry's overrides. */
function chartRefs(context: Record<string, unknown>, at: string, locate: SectionsInput['locate']): ChartRef[] {
  const list = (context.charts ?? []) as unknown[];
  return list.map((ref, k) => {
    const place = locate(`${at}/charts/${k}`);
    if (typeof ref === 'string') return { id: ref, spec: ref, overrides: {}, place };
    const { chart, id, ...overrides } = ref as { chart: string; id?: string } & Record<string, unknown>;
    return { id: id ?? chart, spec: chart, overrides, place };
  });
}

function duplicateCharts(charts: ChartRef[]): Diagnostic[] {
  const seen = new Set<string>();
  return charts.flatMap((c) => {
    if (!seen.has(c.id)) return (seen.add(c.id), []);
    return [diagnostic('chart/duplicate-id', { id: c.id }, c.place)];
  });
}
