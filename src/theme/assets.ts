import { existsSync, realpathSync, statSync } from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { PACKAGE_JSON, PACKAGE_ROOT } from '../util/package.ts';

export const ASSET_PREFIX = 'assets/';

/**
 * Maps the relative URLs a report uses (`assets/logo.svg`, `assets/fonts/inter-latin-400-normal.woff2`)
 * to files: the report's own assets folder first, then the theme's, then, for fonts, the bundled
 * @fontsource packages. Nothing outside those folders can be named: `..`, absolute paths and
 * symlinks out are refused.
 */
export interface AssetResolver {
  /** The folders searched, in order. */
  roots: string[];
  /** The file for a relative asset URL, `undefined` if there is none, or `'outside'` if refused. */
  resolve(url: string): string | undefined | 'outside';
}

export function createAssetResolver(assetsDirs: string[]): AssetResolver {
  const roots = assetsDirs.map((d) => path.resolve(d));
  const fontRoots = fontsourceDirs();
  return {
    roots,
    resolve(url) {
      let rel: string;
      try {
        rel = decodeURIComponent(url.split(/[?#]/)[0]!);
      } catch {
        return 'outside';
      }
      if (!rel.startsWith(ASSET_PREFIX)) return 'outside';
      rel = rel.slice(ASSET_PREFIX.length);
      if (path.isAbsolute(rel) || rel.split(/[\\/]/).includes('..')) return 'outside';
      const candidates = [...roots.map((r) => [r, path.join(r, rel)] as const)];
      if (rel.startsWith('fonts/')) candidates.push(...fontRoots.map((r) => [r, path.join(r, rel.slice('fonts/'.length))] as const));
      for (const [root, file] of candidates) {
        if (!existsSync(file) || !statSync(file).isFile()) continue;
        const real = realpathSync(file);
        if (!real.startsWith(realpathSync(root) + path.sep)) return 'outside';
        return real;
      }
      return undefined;
    },
  };
}

/**
 * The bundled fonts' folders: folio's @fontsource dependencies, resolved as Node resolves them, so
 * they are found whether npm put them inside folio's folder or hoisted them into the project's.
 */
function fontsourceDirs(): string[] {
  const require = createRequire(path.join(PACKAGE_ROOT, 'package.json'));
  return Object.keys(PACKAGE_JSON.dependencies ?? {})
    .filter((name) => name.startsWith('@fontsource/'))
    .flatMap((name) => {
      try {
        return [path.join(path.dirname(require.resolve(`${name}/package.json`)), 'files')];
      } catch {
        return [];
      }
    })
    .filter((dir) => existsSync(dir));
}

const TYPES: Record<string, string> = {
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.ttf': 'font/ttf',
  '.otf': 'font/otf',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.webp': 'image/webp',
  '.css': 'text/css',
};

export function contentType(file: string): string {
  return TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream';
}
