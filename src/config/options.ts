import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { Ajv, type ErrorObject } from 'ajv';
import { diagnostic, fail, FolioError, type Place } from '../util/diagnostics.ts';
import { closest } from '../util/suggest.ts';
import { PACKAGE_ROOT } from '../util/package.ts';

export const PAGE_SIZES = ['letter', 'a4'] as const;
export type PageSize = (typeof PAGE_SIZES)[number];
export const PROFILES = ['screen', 'print'] as const;
export type Profile = (typeof PROFILES)[number];
export const PDFX = ['x4', 'x1a'] as const;
export type PdfX = (typeof PDFX)[number];
export const MARKS = ['crop', 'registration'] as const;
export type Mark = (typeof MARKS)[number];

/** The one options shape: CLI flags and `folio.config.json` both land here and are checked alike. */
export interface Options {
  /** The report's data folder (report.yaml, other YAML files, prose/, schema/). */
  data: string;
  /** The theme: layout, section kinds, partials, styles, chart specs (default: folio's own). */
  theme: string;
  /** The theme's assets (the report's own `assets/` folder is searched first). */
  assets: string;
  /** The PDF to write; default `out/<report.slug>.pdf` (`-print.pdf` for print). The HTML goes beside it. */
  out?: string;
  pageSize: PageSize;
  /** `screen`: the accessible PDF/UA download. `print`: CMYK PDF/X with bleed and printer's marks. */
  profile: Profile;
  /** Bleed around the trim for print, as a CSS length; default 0.125in on letter, 3mm on A4. */
  bleed?: string;
  pdfx: PdfX;
  marks: Mark[];
  /** Total ink limit (%) for preflight. */
  inkLimit: number;
  /** Per-stage limit for the browser (load, print). */
  timeoutMs: number;
  /** Fail the build when the PDF fails its checks (default). */
  check: boolean;
  /** Put the revision in the file name: `<slug>-r2.pdf`. */
  revisionInName: boolean;
}

export const DEFAULTS: Options = {
  data: 'data/psf-2023',
  theme: path.join(PACKAGE_ROOT, 'templates'),
  assets: path.join(PACKAGE_ROOT, 'assets'),
  pageSize: 'letter',
  profile: 'screen',
  pdfx: 'x4',
  marks: ['crop', 'registration'],
  inkLimit: 300,
  timeoutMs: 120_000,
  check: true,
  revisionInName: false,
};

const path_ = { type: 'string', minLength: 1 };
/** The schema both the CLI's flags and the config file are validated against. */
const SCHEMA = {
  type: 'object',
  additionalProperties: false,
  properties: {
    data: path_,
    theme: path_,
    assets: path_,
    out: path_,
    pageSize: { enum: PAGE_SIZES },
    profile: { enum: PROFILES },
    bleed: { type: 'string', pattern: '^\\d+(\\.\\d+)?(mm|cm|in|pt)$' },
    pdfx: { enum: PDFX },
    marks: { type: 'array', items: { enum: MARKS }, uniqueItems: true },
    inkLimit: { type: 'number', minimum: 100, maximum: 400 },
    timeoutMs: { type: 'number', exclusiveMinimum: 0 },
    check: { type: 'boolean' },
    revisionInName: { type: 'boolean' },
  },
} as const;
const KEYS = Object.keys(SCHEMA.properties);
const validate = new Ajv({ allErrors: true }).compile(SCHEMA);

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
    fromFile = renamed(fromFile);
    checkOptions(fromFile, CONFIG_FILE);
  }
  const explicit = renamed(Object.fromEntries(Object.entries(given).filter(([, v]) => v !== undefined)) as Partial<Options>);
  checkOptions(explicit);
  const merged: Options = { ...DEFAULTS, ...fromFile, ...explicit };
  const abs = (p: string) => path.resolve(cwd, p);
  return { ...merged, data: abs(merged.data), theme: abs(merged.theme), assets: abs(merged.assets), out: merged.out && abs(merged.out) };
}

/** `templates` is the older name of `theme`. */
function renamed(o: Partial<Options> & { templates?: string }): Partial<Options> {
  if (!o || typeof o !== 'object' || o.templates === undefined) return o;
  const { templates, ...rest } = o;
  return { theme: templates, ...rest };
}

export function checkOptions(o: unknown, file?: string): void {
  if (validate(o)) return;
  const where = (key: string): Place => (file ? { file, pointer: `/${key}` } : {});
  throw new FolioError(
    (validate.errors ?? []).map((e: ErrorObject) => {
      const key = e.instancePath.split('/')[1] ?? String((e.params as { additionalProperty?: string }).additionalProperty ?? '');
      if (e.keyword === 'additionalProperties') {
        const guess = closest(key, KEYS);
        return diagnostic('config/invalid', { option: key, reason: 'unknown option', hint: guess ? `Did you mean "${guess}"?` : `Options: ${KEYS.join(', ')}.` }, where(key));
      }
      const allowed = (e.params as { allowedValues?: unknown[] }).allowedValues;
      const value = JSON.stringify(e.instancePath.split('/').slice(1).reduce<unknown>((v, k) => (v as Record<string, unknown>)?.[k], o));
      const reason = allowed ? `${value} is not one of ${allowed.join(', ')}` : `${value} ${e.message}`;
      return diagnostic('config/invalid', { option: key, reason }, where(key));
    }),
  );
}

const LETTER = { width: '8.5in', height: '11in' };
const A4 = { width: '210mm', height: '297mm' };
const PT_PER: Record<string, number> = { in: 72, mm: 72 / 25.4, cm: 72 / 2.54, pt: 1 };

/** A CSS length (`3mm`, `0.125in`, `9pt`) in PostScript points. */
export function toPoints(length: string): number {
  const m = /^(\d+(?:\.\d+)?)(mm|cm|in|pt)$/.exec(length);
  if (!m) throw new Error(`not a length: ${length}`);
  return Number(m[1]) * PT_PER[m[2]!]!;
}

export interface PageGeometry {
  /** CSS lengths for the layout. */
  width: string;
  height: string;
  bleed: string;
  /** The same in points, for the PDF's boxes. */
  widthPt: number;
  heightPt: number;
  bleedPt: number;
}

/** Trim size from the page size; bleed only for print (3 mm on A4, ⅛ in on letter, unless set). */
export function pageGeometry(options: Pick<Options, 'pageSize' | 'profile' | 'bleed'>): PageGeometry {
  const trim = options.pageSize === 'a4' ? A4 : LETTER;
  const bleed = options.profile === 'print' ? (options.bleed ?? (options.pageSize === 'a4' ? '3mm' : '0.125in')) : '0in';
  return { ...trim, bleed, widthPt: toPoints(trim.width), heightPt: toPoints(trim.height), bleedPt: toPoints(bleed) };
}
