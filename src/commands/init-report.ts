import { cp, readdir, readFile, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fail } from '../util/diagnostics.ts';
import { display } from '../util/display.ts';
import { PACKAGE_ROOT } from '../util/package.ts';

/** The starter report `folio init` copies: a small report of every common section kind. */
export const STARTER = path.join(PACKAGE_ROOT, 'data', 'starter');

/**
 * `folio init DIR`: writes a small generic report — cover, contents, a letter, big numbers, a
 * chart, a statement with derived totals, a list, people, a back cover, and schemas for editor
 * completion — into a new or empty folder. It builds, passes `folio check` and builds for print
 * as it is; then it is the user's to edit.
 */
export async function initReport(dir: string): Promise<{ dir: string; files: string[] }> {
  const target = path.resolve(dir);
  const existing = await readdir(target).catch(() => undefined);
  if (existing && existing.length > 0) fail('init/not-empty', { dir: display(target) }, { file: display(target) });
  const info = await stat(target).catch(() => undefined);
  if (info && !info.isDirectory()) fail('init/not-empty', { dir: display(target) }, { file: display(target) });
  await cp(STARTER, target, { recursive: true, errorOnExist: true, force: false });
  await pointSchemasAtFolio(target);
  return { dir: target, files: await listRelative(target) };
}

/**
 * The starter's report.yaml names folio's own schema for editors (`$schema=…`) relative to the
 * starter; in its new place the path must lead from there to folio's schema folder.
 */
async function pointSchemasAtFolio(dir: string): Promise<void> {
  const schemaDir = path.relative(dir, path.join(PACKAGE_ROOT, 'schema')).split(path.sep).join('/');
  for (const name of ['report.yaml', 'corrections.yaml']) {
    const file = path.join(dir, name);
    const text = await readFile(file, 'utf8').catch(() => undefined);
    if (text === undefined) continue;
    await writeFile(file, text.replace(/(\$schema=)\S*\/((?:report|corrections)\.schema\.json)/, `$1${schemaDir}/$2`));
  }
}

async function listRelative(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((e) => e.isFile())
    .map((e) => path.relative(dir, path.join(e.parentPath, e.name)).split(path.sep).join('/'))
    .sort();
}
