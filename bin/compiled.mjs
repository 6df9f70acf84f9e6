// Whether dist/ (the compiled JavaScript) is current. An installed package has no src/, so its
// dist/ is current by definition; in a checkout, dist/ is current when it is newer than every
// source file. Plain Node: bootstrap and the CLI ask before anything else is loaded.
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';

export const STAMP = path.join('dist', '.compiled');

function newestIn(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) newest = Math.max(newest, statSync(path.join(entry.parentPath, entry.name)).mtimeMs);
  }
  return newest;
}

export function compiledIsFresh(root) {
  const stamp = path.join(root, STAMP);
  if (!existsSync(stamp)) return false;
  const src = path.join(root, 'src');
  return !existsSync(src) || statSync(stamp).mtimeMs >= newestIn(src);
}
