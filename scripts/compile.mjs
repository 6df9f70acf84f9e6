#!/usr/bin/env node
// Compiles src/ to dist/ (JavaScript + type declarations) when a source is newer than the last
// compile; copies the data files the code reads at run time (src/**/data/*). `--force` always compiles.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { compiledIsFresh, STAMP } from '../bin/compiled.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export function compile({ force = false } = {}) {
  if (!force && compiledIsFresh(root)) return 0;
  process.stderr.write('[folio setup] compiling src/ to dist/ (tsc)…\n');
  const tsc = path.join(root, 'node_modules', 'typescript', 'bin', 'tsc');
  const r = spawnSync(process.execPath, [tsc, '-p', path.join(root, 'tsconfig.build.json')], { stdio: 'inherit', cwd: root });
  if (r.status !== 0) return r.status ?? 1;
  for (const entry of readdirSync(path.join(root, 'src'), { withFileTypes: true, recursive: true })) {
    if (!entry.isFile() || entry.name.endsWith('.ts')) continue;
    const rel = path.relative(path.join(root, 'src'), path.join(entry.parentPath, entry.name));
    mkdirSync(path.dirname(path.join(root, 'dist', rel)), { recursive: true });
    cpSync(path.join(root, 'src', rel), path.join(root, 'dist', rel));
  }
  writeFileSync(path.join(root, STAMP), `${new Date().toISOString()}\n`);
  return 0;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) process.exit(compile({ force: process.argv.includes('--force') }));
