#!/usr/bin/env node
// The CLI runs the compiled JavaScript in dist/. In a checkout whose dist/ is missing or older than
// src/ (mid-edit), it runs the TypeScript sources through tsx instead, a development dependency;
// `npm run build` and `npm run compile` bring dist/ up to date.
import { compiledIsFresh } from './compiled.mjs';

const root = new URL('..', import.meta.url);
let entry = '../dist/';
if (!compiledIsFresh(root.pathname)) {
  const { register } = await import('tsx/esm/api').catch(() => {
    process.stderr.write('folio: dist/ is missing or out of date and tsx is not installed; run `npm run compile`.\n');
    process.exit(1);
  });
  register();
  entry = '../src/';
}
const ext = entry === '../dist/' ? '.js' : '.ts';
const { main } = await import(`${entry}cli${ext}`);
const { cleanUpEverything } = await import(`${entry}util/cleanup${ext}`);

// Ctrl-C or a kill: close the browser, remove temporary files and locks, keep the old PDF, and
// exit with the conventional code (128 + the signal's number).
for (const [signal, code] of [['SIGINT', 130], ['SIGTERM', 143]]) {
  process.once(signal, () => {
    process.stderr.write(`\n${signal}: stopping; the previous output is unchanged.\n`);
    cleanUpEverything().finally(() => process.exit(code));
  });
}

process.exitCode = await main(process.argv.slice(2));
