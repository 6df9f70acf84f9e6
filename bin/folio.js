#!/usr/bin/env node
// folio runs its TypeScript sources directly through tsx: no build step between an edit and a run.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../src/cli.ts');
const { cleanUpEverything } = await import('../src/util/cleanup.ts');

// Ctrl-C or a kill: close the browser, remove temporary files and locks, keep the old PDF, and
// exit with the conventional code (128 + the signal's number).
for (const [signal, code] of [['SIGINT', 130], ['SIGTERM', 143]]) {
  process.once(signal, () => {
    process.stderr.write(`\n${signal}: stopping; the previous output is unchanged.\n`);
    cleanUpEverything().finally(() => process.exit(code));
  });
}

process.exitCode = await main(process.argv.slice(2));
