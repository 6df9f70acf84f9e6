import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { diagnostic, fail, FolioError } from './diagnostics.ts';
import { closest } from './suggest.ts';

export const PAGE_SIZES = ['letter', 'a4'] as const;
export type PageSize = (typeof PAGE_SIZES)[number];

/** The one options shape: CLI flags and `folio.config.json` both land here and are checked alike. */
export interface Options {
  /** The report's data folder (report.yaml, other YAML files, prose/, schema/). */
  data: string;
  templates: string;
  assets: string;
  /** The PDF to write; default `out/<report.slug>.pdf`. The HTML goes beside it. */
  out?: string;
  pageSize: PageSize;
  /** Per-stage limit for the browser (load, print). */
  timeoutMs: number;
  /** Fail the build when the PDF fails a PDF/UA-1 or navigation check (default). */
  check: boolean;
}

export const DEFAULTS: Options = {
  data: 'data/psf-2023',
  templates: 'templates',
  assets: 'assets',
  pageSize: 'letter',
  timeoutMs: 120_000,
  check: true,
};

const KEYS = ['data', 'templates', 'assets', 'out', 'pageSize', 'timeoutMs', 'check'] as const;

export const CONFIG_FILE = 'folio.config.json';

/**
 * Merges defaults, the config file (if any) and explicit options, in that order of precedence, and
 * validates the result. Relative paths are resolved against `cwd`.
 */
export async function resolveOptions(given: Partial<Options>, cwd = process.cwd()): Promise<Options> {
  const configPath = path.join(cwd, CONFIG_FILE);
  const text = await readFile(configPath, 'utf8').catch(() => undefined);
  let fromFile: Partial<Options> = {};
  if (text !== undefined) {
    try {
      fromFile = JSON.parse(text);
    } catch (e) {
      fail('config/invalid', { option: CONFIG_FILE, reason: (e as Error).message }, { file: CONFIG_FILE }, e);
    }
    checkOptions(fromFile, CONFIG_FILE);
  }
  const explicit = Object.fromEntries(Object.entries(given).filter(([, v]) => v !== undefined)) as Partial<Options>;
  checkOptions(explicit);
  const merged: Options = { ...DEFAULTS, ...fromFile, ...explicit };
  const abs = (p: string) => path.resolve(cwd, p);
  return { ...merged, data: abs(merged.data), templates: abs(merged.templates), assets: abs(merged.assets), out: merged.out && abs(merged.out) };
}

export function checkOptions(o: Record<string, unknown>, file?: string): void {
  const problems = [];
  const where = (key: string) => (file ? { file, pointer: `/${key}` } : {});
  for (const [key, value] of Object.entries(o)) {
    if (!(KEYS as readonly string[]).includes(key)) {
      const guess = closest(key, KEYS);
      problems.push(diagnostic('config/invalid', { option: key, reason: 'unknown option', hint: guess ? `Did you mean "${guess}"?` : `Options: ${KEYS.join(', ')}.` }, where(key)));
    } else if (key === 'pageSize' && !(PAGE_SIZES as readonly unknown[]).includes(value)) {
      problems.push(diagnostic('config/invalid', { option: 'page size', reason: `"${value}" is not one of ${PAGE_SIZES.join(', ')}` }, where(key)));
    } else if (key === 'timeoutMs' && !(typeof value === 'number' && value > 0)) {
      problems.push(diagnostic('config/invalid', { option: 'timeout', reason: `"${value}" is not a positive number of milliseconds` }, where(key)));
    } else if (key === 'check' && typeof value !== 'boolean') {
      problems.push(diagnostic('config/invalid', { option: 'check', reason: `"${value}" is not true or false` }, where(key)));
    } else if (['data', 'templates', 'assets', 'out'].includes(key) && (typeof value !== 'string' || value === '')) {
      problems.push(diagnostic('config/invalid', { option: key, reason: 'must be a path' }, where(key)));
    }
  }
  if (problems.length > 0) throw new FolioError(problems);
}
