import { readFile, readdir } from 'node:fs/promises';
import path from 'node:path';
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { diagnostic, FolioError, type Diagnostic } from '../util/diagnostics.ts';
import { display } from '../util/display.ts';
import type { LoadedData } from './load-data.ts';
import { closest } from '../util/suggest.ts';
import { dotted } from '../util/dotted.ts';

const ROOT_SCHEMA = 'data.schema.json';

/**
 * Checks the loaded data against the JSON Schema that lives beside it (`schema/data.schema.json`,
 * which `$ref`s one schema per data file, the same ones editors use for completion), and that every
 * number is finite. Returns warnings; throws a FolioError holding every problem found.
 */
export async function validateData(loaded: LoadedData): Promise<Diagnostic[]> {
  const problems: Diagnostic[] = findUnusableNumbers(loaded.data, '').map((pointer) => {
    const value = String(valueAt(loaded.data, pointer));
    return diagnostic('data/not-finite', { where: dotted(pointer), value }, loaded.locate(pointer));
  });

  const validate = await compileSchema(loaded.dir);
  if (!validate) return [diagnostic('data/no-schema', { dir: display(loaded.dir) })];
  if (!validate(loaded.data)) {
    for (const error of prune(validate.errors ?? [])) problems.push(toDiagnostic(error, loaded));
  }
  if (problems.length > 0) throw new FolioError(problems);
  return [];
}

async function compileSchema(dir: string): Promise<ValidateFunction | undefined> {
  const schemaDir = path.join(dir, 'schema');
  const names = (await readdir(schemaDir).catch(() => [] as string[])).filter((n) => n.endsWith('.json'));
  if (!names.includes(ROOT_SCHEMA)) return undefined;
  const ajv = new Ajv({ allErrors: true, verbose: true, strict: false });
  addFormats.default(ajv);
  for (const name of names) {
    const file = path.join(schemaDir, name);
    try {
      const schema = JSON.parse(await readFile(file, 'utf8'));
      ajv.addSchema({ ...schema, $id: schema.$id ?? name }, name);
    } catch (e) {
      throw new FolioError(diagnostic('data/schema-invalid', { file: display(file), reason: (e as Error).message }, { file: display(file) }), { cause: e });
    }
  }
  try {
    return ajv.getSchema(ROOT_SCHEMA)!;
  } catch (e) {
    const file = display(path.join(schemaDir, ROOT_SCHEMA));
    throw new FolioError(diagnostic('data/schema-invalid', { file, reason: (e as Error).message }, { file }), { cause: e });
  }
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
    return Object.entries(v).flatMap(([k, x]) => findUnusableNumbers(x, `${pointer}/${k.replace(/~/g, '~0').replace(/\//g, '~1')}`));
  }
  return [];
}

function valueAt(data: unknown, pointer: string): unknown {
  return pointer
    .split('/')
    .slice(1)
    .reduce<unknown>((o, k) => (o as Record<string, unknown> | undefined)?.[k.replace(/~1/g, '/').replace(/~0/g, '~')], data);
}
