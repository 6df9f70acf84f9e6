#!/usr/bin/env node
// `npm run mutation`: StrykerJS over the modules in stryker.config.mjs, then reports/mutation/summary.md.
//
//   npm run mutation                                  full run (what the committed report comes from)
//   npm run mutation -- --mutate src/render/format.ts one module (a glob; repeat or comma-separate)
//   npm run mutation -- --incremental                 reuse reports/mutation/incremental.json
//   npm run mutation -- --concurrency 1               fewer test runners on a busy machine
//
// Stryker 10 refuses Node < 22 in its CLI module only (a version check run on import); folio supports
// Node 20.19, where the engine itself runs fine, so this calls Stryker's class directly.
import path from 'node:path';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { spawnSync } from 'node:child_process';

const root = path.resolve(import.meta.dirname, '..');
const args = process.argv.slice(2);
const options = {};
const mutate = [];
for (let i = 0; i < args.length; i++) {
  const arg = args[i];
  if (arg === '--mutate' || arg === '-m') mutate.push(...args[++i].split(','));
  else if (arg === '--incremental') options.incremental = true;
  else if (arg === '--force') options.force = true;
  else if (arg === '--dry-run-only') options.dryRunOnly = true;
  else if (arg === '--concurrency' || arg === '-c') options.concurrency = Number(args[++i]);
  else if (arg === '--log-level' || arg === '--logLevel') options.logLevel = args[++i];
  else {
    process.stderr.write(`mutation: unknown argument ${arg}\n`);
    process.exit(2);
  }
}
if (mutate.length > 0) options.mutate = mutate;

const require = createRequire(path.join(root, 'package.json'));
const core = path.dirname(require.resolve('@stryker-mutator/core/package.json'));
const { Stryker } = await import(pathToFileURL(path.join(core, 'dist/src/stryker.js')).href);

const started = Date.now();
process.chdir(root);
await new Stryker(options).runMutationTest();
if (options.dryRunOnly) process.exit(0);
const minutes = ((Date.now() - started) / 60_000).toFixed(1);
process.stdout.write(`mutation: Stryker took ${minutes} min\n`);

const scope = mutate.length > 0 ? ['--scope', mutate.join(', ')] : [];
const summary = spawnSync(process.execPath, [path.join(root, 'scripts/mutation-summary.mjs'), '--minutes', minutes, ...scope], { stdio: 'inherit' });
process.exit(summary.status ?? 1);
