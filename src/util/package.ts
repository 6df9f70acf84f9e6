import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The folder folio is installed in (the one holding its package.json), found by walking up from
 * this module, so it is right from the sources, from compiled code and from an installed package.
 */
export const PACKAGE_ROOT: string = (() => {
  for (let dir = path.dirname(fileURLToPath(import.meta.url)); ; dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, 'package.json'))) return dir;
    if (path.dirname(dir) === dir) throw new Error('folio cannot find its own package.json');
  }
})();

export const PACKAGE_JSON: { name: string; version: string; dependencies?: Record<string, string> } = JSON.parse(readFileSync(path.join(PACKAGE_ROOT, 'package.json'), 'utf8'));

export const VERSION: string = PACKAGE_JSON.version;
