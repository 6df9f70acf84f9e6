import { readFile, readdir } from 'node:fs/promises';
import path from 'node:path';
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { diagnostic, FolioError, type Diagnostic } from '../util/diagnostics.ts';
import { display } from '../util/display.ts';
import type { LoadedData } from './load-data.ts';
import { closest } from '../util/suggest.ts';
import { dotted } from '../util/dotted.ts';
import { PACKAGE_ROOT } from '../util/package.ts';

const ROOT_SCHEMA = 'data.schema.json';

/** Parts of every report whose shape folio itself defines (`schema/<key>.schema.json` in folio). */
const FOLIO_KEYS = ['report', 'prose', 'corrections'] as const;
const FOLIO_SCHEMAS = path.join(PACKAGE_ROOT, 'schema');

/**
 * Checks the loaded data: `report.yaml`, prose front matter and `corrections.yaml` against folio's
 * own schemas (every report has them), the report's own data files against the schemas that
 * live beside them (`schema/data.schema.json`, which `$ref`s one schema per data file, the same
 * ones editors use for completion); every number must be finite, and a value left empty (`~`, as
 * `folio next-year` leaves this year's new figures) is a figure still to fill. Returns warnings;
 * throws a FolioError holding every problem found, in one list.
 */
export async function validateData(loaded: LoadedData): Promise<Diagnostic[]> {
  const unfilled = findEmpty(loaded.data, '');
  const problems: Diagnostic[] = [
    ...unfilled.map((pointer) => diagnostic('data/unfilled', { where: dotted(pointer) }, loaded.locate(pointer))),
    ...findUnusableNumbers(loaded.data, '').map((pointer) => {
      const value = String(valueAt(loaded.data, pointer));
      return diagnostic('data/not-finite', { where: dotted(pointer), value }, loaded.locate(pointer));
    }),
  ];
  const year = (loaded.data.report as { year?: unknown } | undefined)?.year;
  const report = await compileSchemas(path.join(loaded.dir, 'schema'), typeof year === 'number' ? year : undefined);
  const folio = await compileSchemas(FOLIO_SCHEMAS, undefined);
  const warnings: Diagnostic[] = [];
  const check = (validate: ValidateFunction | undefined, value: unknown, prefix: string) => {
    if (!validate || validate(value)) return;
    for (const error of prune(validate.errors ?? [])) {
      const e = { ...error, instancePath: `${prefix}${error.instancePath}` };
      // An empty value is reported once, as a figure to fill, not again as the wrong type.
      if (!unfilled.includes(e.instancePath)) problems.push(toDiagnostic(e, loaded));
    }
  };
  const data = loaded.data as Record<string, unknown>;
  check(folio.get('report.schema.json'), data.report ?? {}, '/report');
  for (const [name, doc] of Object.entries((data.prose ?? {}) as Record<string, unknown>)) check(folio.get('prose.schema.json'), doc, `/prose/${escape(name)}`);
  if (data.corrections !== undefined) check(folio.get('corrections.schema.json'), data.corrections, '/corrections');
  const own = Object.fromEntries(Object.entries(data).filter(([k]) => !(FOLIO_KEYS as readonly string[]).includes(k)));
  if (report.has(ROOT_SCHEMA)) check(report.get(ROOT_SCHEMA), own, '');
  else warnings.push(diagnostic('data/no-schema', { dir: display(loaded.dir) }));
  if (problems.length > 0) throw new FolioError(problems);
  return warnings;
}

/**
 * Every `*.json` schema of a folder, compiled, by file name. The keyword `x-report-year: true` on
 * an object (a table kept by year) requires the column of the report's year.
 */
async function compileSchemas(schemaDir: string, year: number | undefined): Promise<Map<string, ValidateFunction>> {
  const names = (await readdir(schemaDir).catch(() => [] as string[])).filter((n) => n.endsWith('.json')).sort();
  const ajv = new Ajv({ allErrors: true, verbose: true, strict: false });
  addFormats.default(ajv);
  ajv.addKeyword({
    keyword: 'x-report-year',
    type: 'object',
    schemaType: 'boolean',
    error: { message: () => `has no figure for the report's year ${year}` },
    validate: (wanted: boolean, value: Record<string, unknown>) => !wanted || year === undefined || String(year) in value,
  });
  for (const name of names) {
    const file = path.join(schemaDir, name);
    try {
      const schema = JSON.parse(await readFile(file, 'utf8'));
      ajv.addSchema({ ...schema, $id: schema.$id ?? name }, name);
    } catch (e) {
      throw new FolioError(diagnostic('data/schema-invalid', { file: display(file), reason: (e as Error).message }, { file: display(file) }), { cause: e });
    }
  }
  const out = new Map<string, ValidateFunction>();
  for (const name of names) {
    try {
      out.set(name, ajv.getSchema(name)!);
    } catch (e) {
      const file = display(path.join(schemaDir, name));
      throw new FolioError(diagnostic('data/schema-invalid', { file, reason: (e as Error).message }, { file }), { cause: e });
    }
  }
  return out;
}

const escape = (k: string) => k.replace(/~/g, '~0').replace(/\//g, '~1');

/** Pointers of every empty value (YAML `~` or nothing after the colon). */
function findEmpty(v: unknown, pointer: string): string[] {
  if (v === null) return [pointer];
  if (v && typeof v === 'object') return Object.entries(v).flatMap(([k, x]) => findEmpty(x, `${pointer}/${escape(k)}`));
  return [];
}

/** Ajv reports every branch of an anyOf/oneOf; a person wants the leaf problems, once each. */
function prune(errors: ErrorObject[]): ErrorObject[] {
  const seen = new Set<string>();
  return errors.filter((e) => {
    if (e.keyword === 'anyOf' || e.keyword === 'oneOf' || e.keyword === 'if') return false;
    const key = `${e.instancePath}|${e.keyword}|${JSON.stringify(e.params)}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function toDiagnostic(e: ErrorObject, loaded: LoadedData): Diagnostic {
  const where = dotted(e.instancePath) || 'the data';
  const p = e.params as Record<string, unknown>;
  switch (e.keyword) {
    case 'additionalProperties': {
      const name = String(p.additionalProperty);
      const known = Object.keys((e.parentSchema as { properties?: object })?.properties ?? {});
      const guess = closest(name, known);
      return diagnostic(
        'data/schema',
        { where, reason: `has an unknown field "${name}"`, hint: guess ? `Did you mean "${guess}"?` : known.length ? `Known fields: ${known.join(', ')}.` : undefined },
        loaded.locate(`${e.instancePath}/${name}`),
      );
    }
    case 'required':
      return diagnostic('data/schema', { where, reason: `is missing the required field "${p.missingProperty}"` }, loaded.locate(e.instancePath));
    case 'type':
      return diagnostic('data/schema', { where, reason: `must be ${p.type} but is ${describe(e.data)}` }, loaded.locate(e.instancePath));
    case 'enum':
      return diagnostic(
        'data/schema',
        { where, reason: `must be one of ${(p.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')} but is ${describe(e.data)}` },
        loaded.locate(e.instancePath),
      );
    case 'x-report-year':
      return diagnostic('data/schema', { where, reason: e.message!, hint: 'Add the figure for the report year (the current column), or check report.year.' }, loaded.locate(e.instancePath));
    default:
      return diagnostic('data/schema', { where, reason: `${e.message ?? 'is invalid'} (is ${describe(e.data)})` }, loaded.locate(e.instancePath));
  }
}

function describe(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'object') return 'a map';
  if (typeof v === 'string') return JSON.stringify(v.length > 40 ? `${v.slice(0, 40)}…` : v);
  return String(v);
}

/**
 * Past 2^53 integers lose precision, so no report figure can be that large (a typo of a few extra
 * zeros, or 1e400 read as Infinity); NaN and ±Infinity are never figures.
 */
const LARGEST = Number.MAX_SAFE_INTEGER;

function findUnusableNumbers(v: unknown, pointer: string): string[] {
  if (typeof v === 'number') return Number.isFinite(v) && Math.abs(v) <= LARGEST ? [] : [pointer];
  if (v && typeof v === 'object') {
    return Object.entries(v).flatMap(([k, x]) => findUnusableNumbers(x, `${pointer}/${escape(k)}`));
  }
  return [];
}

function valueAt(data: unknown, pointer: string): unknown {
  return pointer
    .split('/')
    .slice(1)
    .reduce<unknown>((o, k) => (o as Record<string, unknown> | undefined)?.[k.replace(/~1/g, '/').replace(/~0/g, '~')], data);
}
