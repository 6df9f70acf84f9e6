#!/usr/bin/env node
// Gets a fresh machine ready, then runs a folio command. Plain Node (no dependencies): it is what runs
// before node_modules exists. `npm run build` → build the default report; `npm test` → the suite; `npm run bench` → bench/run.ts.
//
//   1. npm packages: `npm ci` when node_modules is missing or older than package-lock.json;
//      then dist/, the compiled JavaScript the CLI runs, when a source is newer (scripts/compile.mjs);
//   2. a browser: PUPPETEER_EXECUTABLE_PATH, puppeteer's own, or a system Chrome/Chromium; if none
//      and this is Debian/Ubuntu as root, `apt-get install chromium`; otherwise say how to get one;
//   3. for the print edition, Ghostscript and qpdf; for tests, also the tools the tests read PDFs
//      back with (poppler-utils), the same way.
import { spawnSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const [command = 'build', ...rest] = process.argv.slice(2);

function run(cmd, args, options = {}) {
  const r = spawnSync(cmd, args, { stdio: 'inherit', cwd: root, ...options });
  if (r.error) throw r.error;
  return r.status ?? 1;
}

function say(line) {
  process.stderr.write(`[folio setup] ${line}\n`);
}

function ensurePackages() {
  const lock = path.join(root, 'package-lock.json');
  const marker = path.join(root, 'node_modules', '.package-lock.json');
  if (existsSync(marker) && (!existsSync(lock) || statSync(marker).mtimeMs >= statSync(lock).mtimeMs)) return;
  say('installing npm packages (npm ci)…');
  if (run('npm', [existsSync(lock) ? 'ci' : 'install', '--no-audit', '--no-fund']) !== 0) {
    say('npm install failed; see the messages above.');
    process.exit(1);
  }
}

const canApt = () => process.platform === 'linux' && process.getuid?.() === 0 && existsSync('/usr/bin/apt-get');
let aptUpdated = false;
function aptInstall(packages) {
  if (!aptUpdated) {
    run('apt-get', ['update', '-qq']);
    aptUpdated = true;
  }
  return run('apt-get', ['install', '-y', '-qq', '--no-install-recommends', ...packages], { env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } }) === 0;
}

function ensureCompiled() {
  if (compile() !== 0) {
    say('compiling folio failed; see the messages above.');
    process.exit(1);
  }
}

async function ensureBrowser() {
  const { findBrowser } = await import('../dist/browser/find-browser.js');
  if (await findBrowser()) return;
  if (process.env.PUPPETEER_EXECUTABLE_PATH) {
    say(`PUPPETEER_EXECUTABLE_PATH is set to ${process.env.PUPPETEER_EXECUTABLE_PATH}, which does not exist.`);
    process.exit(1);
  }
  if (canApt()) {
    say('no Chrome/Chromium found: installing Debian\'s chromium (apt-get install chromium)…');
    if (aptInstall(['chromium']) && (await findBrowser())) return;
  } else {
    say('no Chrome/Chromium found: trying puppeteer\'s managed browser (npx puppeteer browsers install chrome-headless-shell)…');
    if (run('npx', ['puppeteer', 'browsers', 'install', 'chrome-headless-shell']) === 0 && (await findBrowser())) return;
  }
  say('No browser could be installed. Install Chrome or Chromium (Debian/Ubuntu: `apt-get install chromium`),');
  say('or run `npx puppeteer browsers install chrome-headless-shell`, or set PUPPETEER_EXECUTABLE_PATH.');
  process.exit(1);
}

function ensureTools(tools) {
  const missing = Object.entries(tools).filter(([bin]) => spawnSync('sh', ['-c', `command -v ${bin}`]).status !== 0);
  if (missing.length === 0) return;
  const packages = [...new Set(missing.map(([, pkg]) => pkg))];
  if (canApt()) {
    say(`installing ${packages.join(', ')} (apt-get)…`);
    if (aptInstall(packages)) return;
  }
  say(`folio needs ${missing.map(([bin]) => bin).join(', ')} here: install ${packages.join(', ')} with your package manager.`);
  process.exit(1);
}

ensurePackages();
const { compile } = await import('./compile.mjs');
ensureCompiled();
await ensureBrowser();
const bin = path.join(root, 'bin', 'folio.js');
const PRINT_TOOLS = { gs: 'ghostscript', qpdf: 'qpdf' };
if (command === 'build') {
  if (rest.join(' ').includes('print')) ensureTools(PRINT_TOOLS);
  process.exit(run(process.execPath, [bin, 'build', ...rest]));
} else if (command === 'folio') {
  if (rest.join(' ').includes('print')) ensureTools(PRINT_TOOLS);
  process.exit(run(process.execPath, [bin, ...rest]));
} else if (command === 'bench') {
  // bench/run.ts installs what it compares against itself (WeasyPrint, pagedjs-cli into bench/tmp).
  process.exit(run('npx', ['tsx', 'bench/run.ts', ...rest]));
} else if (command === 'test') {
  ensureTools({ pdftotext: 'poppler-utils', pdffonts: 'poppler-utils', pdfinfo: 'poppler-utils', ...PRINT_TOOLS });
  if (run('npx', ['tsc', '--noEmit']) !== 0) process.exit(1);
  process.exit(run('npx', ['vitest', 'run', ...rest]));
} else {
  say(`unknown command ${command}`);
  process.exit(2);
}
