import { readFile, readdir } from 'node:fs/promises';
import path from 'node:path';
import { parse as parseYamlText } from 'yaml';
import { fail } from '../util/diagnostics.ts';
import { display } from '../util/display.ts';
import { parseJsonFile } from '../util/json.ts';

/**
 * A theme is a folder of templates (layout.hbs, sections/, partials/), styles/, charts/ and a
 * theme.yaml; a report folder may hold a `templates/` folder of the same shape. One lookup rule
 * serves every kind of file: the report's own file first, then the theme's. Styles are the
 * union of both folders by file name (a report file of the same name replaces the theme's), in
 * file-name order; the charts' config.json of the report is merged over the theme's.
 */
export interface ThemeSource {
  /** Partial name (`sections/cover`, `letter`), or `layout`. */
  name: string;
  file: string;
  text: string;
  origin: 'report' | 'theme';
}

export interface ThemeFiles {
  /** The folders searched, report first. */
  dirs: string[];
  templates: ThemeSource[];
  styles: ThemeSource[];
  /** Chart spec name → file (`charts/<name>.vl.json`). */
  charts: Map<string, string>;
  /** The charts' Vega-Lite config (theme's, with the report's merged over it). */
  chartConfig: Record<string, unknown>;
  /** Section kind → its JSON Schema (`sections/<kind>.schema.json`), where the kind has one. */
  sectionSchemas: Map<string, { file: string; schema: Record<string, unknown> }>;
  manifest: ThemeManifest;
}

export interface ThemeManifest {
  name: string;
  /** Colour roles the theme's styles and charts use, with a default for reports that set none. */
  roles: Record<string, string>;
}

/** The report's own theme files live in `<data>/templates/`. */
export const REPORT_TEMPLATES = 'templates';

export async function readTheme(themeDir: string, reportDir: string): Promise<ThemeFiles> {
  const layers = [
    { dir: path.join(reportDir, REPORT_TEMPLATES), origin: 'report' as const },
    { dir: themeDir, origin: 'theme' as const },
  ];
  const manifest = await readManifest(themeDir);
  const listed = await Promise.all(layers.map(async (l) => ({ ...l, files: await listFiles(l.dir) })));

  /** relative path → file, report first (the first layer that has a path wins). */
  const chosen = new Map<string, { file: string; origin: 'report' | 'theme' }>();
  for (const l of listed) for (const rel of l.files) if (!chosen.has(rel)) chosen.set(rel, { file: path.join(l.dir, rel), origin: l.origin });

  const read = async (rel: string, name: string): Promise<ThemeSource> => {
    const { file, origin } = chosen.get(rel)!;
    return { name, file, origin, text: await readFile(file, 'utf8') };
  };
  const rels = [...chosen.keys()].sort();
  const templates = await Promise.all(rels.filter((r) => r.endsWith('.hbs')).map((r) => read(r, templateName(r))));
  const styles = await Promise.all(rels.filter((r) => /^styles\/[^/]+\.css$/.test(r)).map((r) => read(r, r.slice('styles/'.length))));
  const charts = new Map(rels.filter((r) => /^charts\/[^/]+\.vl\.json$/.test(r)).map((r) => [r.slice('charts/'.length, -'.vl.json'.length), chosen.get(r)!.file]));

  let chartConfig: Record<string, unknown> = {};
  for (const l of [...listed].reverse()) {
    if (l.files.includes('charts/config.json')) chartConfig = deepMerge(chartConfig, await parseJsonFile(path.join(l.dir, 'charts/config.json'), 'chart/read-failed'));
  }
  const sectionSchemas = new Map<string, { file: string; schema: Record<string, unknown> }>();
  for (const rel of rels.filter((r) => /^sections\/[^/]+\.schema\.json$/.test(r))) {
    const file = chosen.get(rel)!.file;
    sectionSchemas.set(rel.slice('sections/'.length, -'.schema.json'.length), { file, schema: await parseJsonFile(file, 'theme/invalid') });
  }
  return { dirs: layers.map((l) => l.dir), templates, styles, charts, chartConfig, sectionSchemas, manifest };
}

/** `partials/letter.hbs` → `letter`; `sections/cover.hbs` → `sections/cover`; `layout.hbs` → `layout`. */
function templateName(rel: string): string {
  return rel.replace(/\.hbs$/, '').replace(/^partials\//, '');
}

/** Every file below `dir` as a relative path with forward slashes (none if the folder is missing). */
async function listFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true }).catch(() => []);
  return entries.filter((e) => e.isFile()).map((e) => path.relative(dir, path.join(e.parentPath, e.name)).split(path.sep).join('/'));
}

async function readManifest(themeDir: string): Promise<ThemeManifest> {
  const file = path.join(themeDir, 'theme.yaml');
  const text = await readFile(file, 'utf8').catch(() => undefined);
  if (text === undefined) return { name: path.basename(themeDir), roles: {} };
  let parsed: unknown;
  try {
    parsed = parseYamlText(text);
  } catch (e) {
    fail('theme/invalid', { file: display(file), reason: (e as Error).message.split('\n')[0] }, { file: display(file) }, e);
  }
  const m = (parsed ?? {}) as Partial<ThemeManifest>;
  const roles = m.roles ?? {};
  if (typeof roles !== 'object' || Array.isArray(roles) || !Object.values(roles).every((v) => typeof v === 'string')) {
    fail('theme/invalid', { file: display(file), reason: '`roles` must map each role to a colour' }, { file: display(file), pointer: '/roles' });
  }
  return { name: m.name ?? path.basename(themeDir), roles };
}

function deepMerge(base: Record<string, unknown>, over: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...base };
  for (const [k, v] of Object.entries(over)) {
    const b = out[k];
    out[k] = isPlainObject(b) && isPlainObject(v) ? deepMerge(b, v) : v;
  }
  return out;
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return !!v && typeof v === 'object' && !Array.isArray(v);
}
