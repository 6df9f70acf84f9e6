/**
 * `npm run bench`: folio's benchmark. Writes bench/results.md and bench/results.json; scratch files
 * go to bench/tmp/. See bench/README.md for what each number means.
 *
 * Environment:
 *   BENCH_RUNS=5          side-by-side iterations (cold build, rebuild after a correction, WeasyPrint,
 *                         bare Chromium) and warm iterations (after one warm-up each)
 *   BENCH_ALT_RUNS=3      measured runs of pagedjs-cli (after one warm-up)
 *   BENCH_SCALE=1,2,5,10  sizes of the large report
 *   BENCH_SCALE_RUNS=1    builds per size
 *   BENCH_BATCH_RUNS=2    batch-vs-separate repetitions
 *   BENCH_ONLY=cold,warm,alt,scale,batch   run only these sections (results then lack the others)
 *   BENCH_KEEP=1          with BENCH_ONLY: the other sections are kept from the last results.json
 *   BENCH_MAX_WAIT=30     seconds to wait, before each section, for other processes to quieten
 *   BENCH_QUIET=0.3       a run during which other processes used more cores than this is redone
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { cp, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { PDFDocument, PDFName } from 'pdf-lib';
import type { Browser } from 'puppeteer-core';
import { renderReport } from '../src/index.ts';
import { renderHtmlOnly, type StageTiming } from '../src/pipeline.ts';
import { launchBrowser } from '../src/browser/launch-browser.ts';
import { printPdf } from '../src/browser/print-pdf.ts';
import { resolveOptions } from '../src/config/options.ts';
import { createAssetResolver } from '../src/theme/assets.ts';
import { readDestinations } from '../src/pdf/objects.ts';
import { findBrowser } from '../src/browser/find-browser.ts';
import { cpuMeter, loadAverage, Sampler, withMemory, type CpuReading, type MemoryPeak } from './proc.ts';
import { makeLargeReport } from './large-report.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
process.chdir(ROOT);
const BENCH = path.join(ROOT, 'bench');
const TMP = path.join(BENCH, 'tmp');
const BIN = path.join(ROOT, 'bin', 'folio.js');
const DEFAULT_DATA = path.join(ROOT, 'data', 'psf-2023');
const PAGEDJS_VERSION = '0.4.3';

const int = (name: string, fallback: number) => {
  const v = Number(process.env[name]);
  return Number.isInteger(v) && v > 0 ? v : fallback;
};
const RUNS = int('BENCH_RUNS', 5);
const ALT_RUNS = int('BENCH_ALT_RUNS', 3);
const SCALE_RUNS = int('BENCH_SCALE_RUNS', 1);
const BATCH_RUNS = int('BENCH_BATCH_RUNS', 2);
const MAX_WAIT_S = Number(process.env.BENCH_MAX_WAIT ?? 30);
/** A run during which other processes kept more cores than this busy is redone (at most as many times as there are runs). */
const QUIET_CORES = Number(process.env.BENCH_QUIET ?? 0.3);
const SCALES = (process.env.BENCH_SCALE ?? '1,2,5,10').split(',').map(Number).filter((n) => Number.isInteger(n) && n > 0);
const ONLY = process.env.BENCH_ONLY ? new Set(process.env.BENCH_ONLY.split(',')) : undefined;
const want = (s: string) => !ONLY || ONLY.has(s);
const KEEP = process.env.BENCH_KEEP === '1';
const CORES = os.availableParallelism?.() ?? os.cpus().length;

const log = (line: string) => process.stderr.write(`[bench] ${line}\n`);

// ---- statistics -------------------------------------------------------------------------------

interface Stat {
  median: number;
  min: number;
  max: number;
  n: number;
}

function stat(values: number[]): Stat {
  const v = values.filter((x) => Number.isFinite(x)).sort((a, b) => a - b);
  if (v.length === 0) return { median: NaN, min: NaN, max: NaN, n: 0 };
  const mid = Math.floor(v.length / 2);
  const median = v.length % 2 ? v[mid]! : (v[mid - 1]! + v[mid]!) / 2;
  return { median, min: v[0]!, max: v[v.length - 1]!, n: v.length };
}

const s = (ms: number) => (Number.isFinite(ms) ? (ms / 1000).toFixed(2) : '—');
const mib = (kb: number) => (Number.isFinite(kb) ? (kb / 1024).toFixed(0) : '—');
const kib = (bytes: number) => (Number.isFinite(bytes) ? (bytes / 1024).toFixed(0) : '—');
const x = (r: number) => (Number.isFinite(r) ? `${r.toFixed(2)}×` : '—');
const signed = (v: number, digits: number) => `${v < 0 ? '−' : '+'} ${Math.abs(v).toFixed(digits)}`;
const fmtStat = (st: Stat, f: (v: number) => string) => (st.n === 0 ? '—' : st.n === 1 ? f(st.median) : `${f(st.median)} (${f(st.min)}–${f(st.max)})`);

/** Stage timings with repeated stages numbered: html#1, html#2, print#1, … */
function labelStages(timings: StageTiming[]): Record<string, number> {
  const seen = new Map<string, number>();
  const counts = new Map<string, number>();
  for (const t of timings) counts.set(t.stage, (counts.get(t.stage) ?? 0) + 1);
  const out: Record<string, number> = {};
  for (const t of timings) {
    const i = (seen.get(t.stage) ?? 0) + 1;
    seen.set(t.stage, i);
    out[(counts.get(t.stage) ?? 0) > 1 ? `${t.stage}#${i}` : t.stage] = t.ms;
  }
  // Totals for the repeated stages too.
  for (const [stage, n] of counts) if (n > 1) out[`${stage} (all ${n})`] = timings.filter((t) => t.stage === stage).reduce((a, t) => a + t.ms, 0);
  return out;
}

function stageStats(runs: Record<string, number>[]): Record<string, Stat> {
  const keys = [...new Set(runs.flatMap((r) => Object.keys(r)))];
  return Object.fromEntries(keys.map((k) => [k, stat(runs.map((r) => r[k] ?? NaN))]));
}

/** Memory over several runs: Chromium's tree (peak PSS, anonymous and RSS sums) and the Node process. */
function memStats(list: MemoryPeak[]) {
  return {
    chromiumPssKb: stat(list.map((m) => m.chromium.pssKb)),
    chromiumAnonKb: stat(list.map((m) => m.chromium.anonKb)),
    chromiumRssKb: stat(list.map((m) => m.chromium.rssKb)),
    chromiumHwmSumKb: stat(list.map((m) => m.chromium.hwmKb)),
    chromiumProcesses: stat(list.map((m) => m.chromium.processes)),
    nodeHwmKb: stat(list.map((m) => m.node.hwmKb)),
    nodePssKb: stat(list.map((m) => m.node.pssKb)),
    otherPssKb: stat(list.map((m) => m.other.pssKb)),
    treeRssKb: stat(list.map((m) => m.totalRssKb)),
  };
}
type MemStats = ReturnType<typeof memStats>;

async function pageCount(file: string): Promise<number> {
  return (await pdfInfo(file)).pages;
}

/** Page count, and whether the PDF is tagged (a structure tree) and has bookmarks. */
async function pdfInfo(file: string): Promise<{ pages: number; tagged: boolean; outline: boolean }> {
  try {
    const doc = await PDFDocument.load(await readFile(file), { updateMetadata: false, ignoreEncryption: true });
    return { pages: doc.getPageCount(), tagged: doc.catalog.has(PDFName.of('StructTreeRoot')), outline: doc.catalog.has(PDFName.of('Outlines')) };
  } catch {
    return { pages: NaN, tagged: false, outline: false };
  }
}
const structureText = (i?: { tagged: boolean; outline: boolean }) => (!i ? '' : `${i.tagged ? 'tagged' : 'untagged'}, ${i.outline ? 'bookmarks' : 'no bookmarks'}`);

/** Which fonts a PDF embeds (pdffonts): whether both bundled families made it (a hint that the HTML's assets were found), and any others (fallbacks). */
const PDFFONTS = spawnSync('sh', ['-c', 'command -v pdffonts']).status === 0;
interface Fonts {
  bundled: boolean;
  others: string[];
}
function fontsIn(file: string, bytes: Uint8Array): Fonts {
  if (!PDFFONTS) {
    const text = Buffer.from(bytes).toString('latin1');
    return { bundled: /Inter/.test(text) && /Source.?Serif/.test(text), others: [] };
  }
  const names = (spawnSync('pdffonts', [file], { encoding: 'utf8' }).stdout ?? '')
    .split('\n')
    .slice(2)
    .map((l) => l.split(/\s+/)[0]?.replace(/^[A-Z]{6}\+/, '') ?? '')
    .filter(Boolean);
  const families = [...new Set(names.map((n) => n.replace(/-.*$/, '')))];
  return { bundled: families.includes('Inter') && names.some((n) => /^Source.?Serif/.test(n)), others: families.filter((f) => f !== 'Inter' && !/^Source/.test(f)) };
}
const fontsText = (f?: Fonts) => (!f ? '' : `${f.bundled ? 'bundled' : 'NOT all bundled'}${f.others.length ? `; also ${f.others.join(', ')}` : ''}`);

// ---- processes --------------------------------------------------------------------------------

interface ProcRun {
  code: number | null;
  ms: number;
  stdout: string;
  stderr: string;
  memory: MemoryPeak;
  /** /usr/bin/time %M: the largest max RSS among the process and the children it waited for (KiB). */
  timeMaxRssKb?: number;
}

const TIME = existsSync('/usr/bin/time') ? '/usr/bin/time' : undefined;

async function runProc(sampler: Sampler, cmd: string, args: string[], options: { cwd?: string; env?: NodeJS.ProcessEnv } = {}): Promise<ProcRun> {
  const timeFile = path.join(TMP, `time-${process.pid}.txt`);
  const [file, argv] = TIME ? [TIME, ['-f', '%M', '-o', timeFile, cmd, ...args]] : [cmd, args];
  const start = performance.now();
  const child = spawn(file, argv, { cwd: options.cwd ?? ROOT, env: options.env ?? process.env, stdio: ['ignore', 'pipe', 'pipe'] });
  sampler.start(child.pid!, false);
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d) => (stdout += d));
  child.stderr.on('data', (d) => (stderr += d));
  const code = await new Promise<number | null>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (c) => resolve(c));
  });
  const ms = performance.now() - start;
  const memory = await sampler.stop();
  let timeMaxRssKb: number | undefined;
  if (TIME) {
    const t = await readFile(timeFile, 'utf8').catch(() => '');
    const m = /(\d+)\s*$/.exec(t.trim());
    timeMaxRssKb = m ? Number(m[1]) : undefined;
  }
  return { code, ms, stdout, stderr, memory, timeMaxRssKb };
}

interface CliBuild {
  ok: boolean;
  ms: number;
  /** The CLI's own total (around buildReport); ms − this is Node start-up, imports and exit. */
  pipelineMs: number;
  stages: Record<string, number>;
  /** How many times it printed (the contents' numbers known from the last build: once). */
  prints: number;
  bytes: number;
  pages: number;
  memory: MemoryPeak;
  timeMaxRssKb?: number;
  error?: string;
}

async function cliBuild(sampler: Sampler, args: string[], out: string, cwd = ROOT): Promise<CliBuild> {
  const r = await runProc(sampler, process.execPath, [BIN, 'build', '--json', ...args, '--out', out], { cwd });
  let json: { ok?: boolean; ms?: number; timings?: StageTiming[]; bytes?: number; diagnostics?: { code: string; message?: string }[] } = {};
  try {
    json = JSON.parse(r.stdout);
  } catch {
    // not JSON: reported below
  }
  const ok = r.code === 0 && json.ok === true;
  return {
    ok,
    ms: r.ms,
    pipelineMs: json.ms ?? NaN,
    stages: labelStages(json.timings ?? []),
    prints: (json.timings ?? []).filter((t) => t.stage === 'print').length,
    bytes: json.bytes ?? NaN,
    pages: ok ? await pageCount(out) : NaN,
    memory: r.memory,
    timeMaxRssKb: r.timeMaxRssKb,
    error: ok ? undefined : (json.diagnostics?.map((d) => d.code).join(', ') || r.stderr.trim().split('\n').slice(-3).join(' ')).slice(0, 300),
  };
}

// ---- load -------------------------------------------------------------------------------------

interface Section {
  name: string;
  /** Runs redone because other processes were busy. */
  disturbed: number;
  loadBefore: [number, number, number];
  loadAfter?: [number, number, number];
  waitedS: number;
  otherCoresBefore: number;
  cpu?: CpuReading;
}
const sections: Section[] = [];

/** Waits (up to BENCH_MAX_WAIT s) until other processes use less than half a core, then opens a section. */
/** Waits (up to `maxS`) until other processes use less than half a core; returns the seconds waited and the last reading. */
async function waitQuiet(maxS: number, what: string): Promise<{ waitedS: number; other: number }> {
  const started = performance.now();
  let other = NaN;
  for (;;) {
    const end = cpuMeter();
    await new Promise((r) => setTimeout(r, 2000));
    other = end().otherCores;
    const waited = (performance.now() - started) / 1000;
    if (other < 0.5 || waited >= maxS) return { waitedS: waited, other };
    log(`other processes are using ${other.toFixed(1)} cores; waiting before ${what}…`);
  }
}

/** Opens a section (after waiting for a quiet machine); call the result to close it. */
async function openSection(name: string): Promise<() => void> {
  const { waitedS, other } = await waitQuiet(MAX_WAIT_S, `"${name}"`);
  const section: Section = { name, loadBefore: loadAverage(), waitedS, otherCoresBefore: other, disturbed: 0 };
  sections.push(section);
  current = section;
  log(`${name} (load ${section.loadBefore.join(' ')}, other processes ${other.toFixed(2)} cores)`);
  const end = cpuMeter();
  return () => {
    section.cpu = end();
    section.loadAfter = loadAverage();
  };
}
let current: Section | undefined;

type Quiet<T> = T & { otherCores: number };

/**
 * `n` measured runs of `fn`, each with the cores other processes used meanwhile. A run during which
 * they used more than BENCH_QUIET cores is redone, up to `n` extra runs; the quietest runs are kept.
 */
async function quietRuns<T extends object>(n: number, label: (i: number) => string, fn: () => Promise<T>): Promise<Quiet<T>[]> {
  const all: Quiet<T>[] = [];
  for (let attempt = 0; attempt < 2 * n; attempt++) {
    const end = cpuMeter();
    const value = await fn();
    const otherCores = end().otherCores;
    all.push({ ...value, otherCores });
    const quiet = all.filter((r) => r.otherCores <= QUIET_CORES).length;
    if (otherCores > QUIET_CORES) {
      if (current) current.disturbed++;
      log(`  ${label(quiet)}: other processes used ${otherCores.toFixed(2)} cores meanwhile${attempt + 1 < 2 * n ? '; redoing it' : ''}`);
      if (attempt + 1 < 2 * n) await waitQuiet(15, 'the next run');
    }
    if (quiet >= n) break;
  }
  return [...all].sort((a, b) => (a.otherCores <= QUIET_CORES ? 0 : a.otherCores) - (b.otherCores <= QUIET_CORES ? 0 : b.otherCores)).slice(0, n);
}

// ---- setup ------------------------------------------------------------------------------------

function commandOk(cmd: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${cmd}`]).status === 0;
}

function firstLine(cmd: string, args: string[]): string {
  const r = spawnSync(cmd, args, { encoding: 'utf8' });
  return `${r.stdout ?? ''}${r.stderr ?? ''}`.trim().split('\n')[0] ?? '';
}

/** WeasyPrint installed by pip into bench/tmp (run as `python3 -m weasyprint` with it on PYTHONPATH). */
const WEASY_PIP = path.join(TMP, 'weasyprint');
const weasyFromPip = () => existsSync(path.join(WEASY_PIP, 'weasyprint'));
const weasyEnv = () => ({ ...process.env, PYTHONPATH: WEASY_PIP });

function weasyCommand(html: string, out: string): [string, string[]] {
  return weasyFromPip() ? ['python3', ['-m', 'weasyprint', html, out]] : ['weasyprint', [html, out]];
}

function weasyVersion(): string {
  const [cmd, args] = weasyFromPip() ? ['python3', ['-m', 'weasyprint', '--version']] : ['weasyprint', ['--version']];
  const r = spawnSync(cmd, args, { encoding: 'utf8', env: weasyEnv() });
  return `${r.stdout ?? ''}${r.stderr ?? ''}`.trim().split('\n')[0]!.replace(/^WeasyPrint version /, '');
}

/**
 * WeasyPrint into bench/tmp with pip (the current release), or, where the Python registry cannot be
 * reached, Debian's package with apt-get (as root); an installed one is used as it is.
 */
function ensureWeasyPrint(): string | undefined {
  if (weasyFromPip() || commandOk('weasyprint')) return undefined;
  log('installing WeasyPrint into bench/tmp (pip install --target)…');
  const pip = spawnSync('python3', ['-m', 'pip', 'install', '--quiet', '--retries', '0', '--timeout', '15', '--target', WEASY_PIP, 'weasyprint'], { stdio: 'inherit' });
  if (pip.status === 0 && weasyFromPip()) return undefined;
  const canApt = process.platform === 'linux' && process.getuid?.() === 0 && existsSync('/usr/bin/apt-get');
  if (!canApt) return `pip install weasyprint failed (exit ${pip.status}) and apt-get is not available as root here`;
  log(`pip could not install it (exit ${pip.status}); installing Debian's weasyprint (apt-get install weasyprint)…`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  let r = spawnSync('apt-get', ['install', '-y', '-qq', '--no-install-recommends', 'weasyprint'], { stdio: 'inherit', env });
  if (r.status !== 0) {
    spawnSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
    r = spawnSync('apt-get', ['install', '-y', '-qq', '--no-install-recommends', 'weasyprint'], { stdio: 'inherit', env });
  }
  return commandOk('weasyprint') ? undefined : `pip install weasyprint failed (exit ${pip.status}), and so did apt-get install weasyprint (exit ${r.status})`;
}

const PAGEDJS_BIN = path.join(TMP, 'node_modules', '.bin', 'pagedjs-cli');
function ensurePagedjs(): string | undefined {
  const pkg = path.join(TMP, 'node_modules', 'pagedjs-cli', 'package.json');
  if (existsSync(pkg) && JSON.parse(readFileSync(pkg, 'utf8')).version === PAGEDJS_VERSION) return undefined;
  log(`installing pagedjs-cli@${PAGEDJS_VERSION} into bench/tmp…`);
  // Its puppeteer must not download a browser (there is no network for it): it prints with the system one.
  const r = spawnSync('npm', ['install', '--prefix', TMP, `pagedjs-cli@${PAGEDJS_VERSION}`, '--no-save', '--no-audit', '--no-fund'], {
    stdio: 'inherit',
    env: { ...process.env, PUPPETEER_SKIP_DOWNLOAD: '1', PUPPETEER_SKIP_CHROMIUM_DOWNLOAD: '1' },
  });
  return existsSync(PAGEDJS_BIN) ? undefined : `npm install pagedjs-cli@${PAGEDJS_VERSION} failed (exit ${r.status})`;
}

async function machine(browserPath: string) {
  const cpuinfo = readFileSync('/proc/cpuinfo', 'utf8');
  const mem = /MemTotal:\s+(\d+)/.exec(readFileSync('/proc/meminfo', 'utf8'))?.[1];
  const pkg = (p: string) => {
    try {
      return JSON.parse(readFileSync(path.join(ROOT, 'node_modules', p, 'package.json'), 'utf8')).version as string;
    } catch {
      return '?';
    }
  };
  return {
    nproc: CORES,
    memoryGiB: mem ? Number(mem) / 1024 / 1024 : NaN,
    cpu: /model name\s*:\s*(.*)/.exec(cpuinfo)?.[1] ?? os.cpus()[0]?.model ?? '?',
    mhz: /cpu MHz\s*:\s*(.*)/.exec(cpuinfo)?.[1],
    kernel: os.release(),
    os: /PRETTY_NAME="([^"]*)"/.exec(readFileSync('/etc/os-release', 'utf8'))?.[1] ?? os.platform(),
    node: process.version,
    chromium: firstLine(browserPath, ['--version']),
    chromiumPath: browserPath,
    puppeteer: pkg('puppeteer'),
    folio: JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')).version as string,
  };
}

// ---- sections ---------------------------------------------------------------------------------

const COLD_PDF = path.join(TMP, 'cold.pdf');
const COLD_HTML = path.join(TMP, 'cold.html');
/** A copy of the default data whose one figure each rebuild corrects, and its output (with what the last build learned beside it). */
const REBUILD_DATA = path.join(TMP, 'rebuild', 'data');
const REBUILD_PDF = path.join(TMP, 'rebuild', 'out', 'rebuild.pdf');
const REBUILD_HTML = REBUILD_PDF.replace(/\.pdf$/, '.html');

/** The cold builds' and rebuilds' numbers, as the CLI reported them and /proc saw them. */
async function cliStats(runs: Quiet<CliBuild>[], file: string) {
  return {
    otherCores: stat(runs.map((r) => r.otherCores)),
    wall: stat(runs.map((r) => r.ms)),
    pipeline: stat(runs.map((r) => r.pipelineMs)),
    startup: stat(runs.map((r) => r.ms - r.pipelineMs)),
    prints: stat(runs.map((r) => r.prints)),
    stages: stageStats(runs.map((r) => r.stages)),
    bytes: stat(runs.map((r) => r.bytes)),
    pages: stat(runs.map((r) => r.pages)),
    fonts: fontsIn(file, await readFile(file)),
    structure: await pdfInfo(file),
    memory: memStats(runs.map((r) => r.memory)),
    timeMaxRssKb: stat(runs.map((r) => r.timeMaxRssKb ?? NaN)),
  };
}

/** One figure (grants.groups_2023, printed on the grants page) corrected, to another value each time. */
async function figureCorrector(dataDir: string): Promise<() => Promise<void>> {
  await rm(path.dirname(dataDir), { recursive: true, force: true });
  await cp(DEFAULT_DATA, dataDir, { recursive: true });
  const grantsFile = path.join(dataDir, 'grants.yaml');
  const grantsText = await readFile(grantsFile, 'utf8');
  if (!/^groups: \d+$/m.test(grantsText)) throw new Error('grants.yaml has no groups line to edit');
  let edits = 0;
  return () => writeFile(grantsFile, grantsText.replace(/^groups: \d+$/m, `groups: ${174 + (++edits % 2)}`));
}

/** Bare Chromium from the command line: `--print-to-pdf` of the file, in a fresh profile (a new process, launch included). */
function chromiumArgs(browserPath: string, html: string, out: string, profile: string): [string, string[]] {
  const args = ['--headless', '--disable-gpu', '--no-first-run', '--disable-dev-shm-usage', `--user-data-dir=${profile}`, '--no-pdf-header-footer', `--print-to-pdf=${out}`, pathToFileURL(html).href];
  if (process.getuid?.() === 0) args.unshift('--no-sandbox');
  return [browserPath, args];
}

/** `node bin/folio.js --version`: Node's start-up and the CLI's own imports, nothing else. */
async function startupRuns(sampler: Sampler): Promise<Stat> {
  const times: number[] = [];
  for (let i = 0; i <= RUNS; i++) {
    const r = await runProc(sampler, process.execPath, [BIN, '--version']);
    if (i > 0) times.push(r.ms);
  }
  return stat(times);
}

/**
 * What a user waits for, as ratios measured side by side: each iteration runs, one after another,
 * folio's cold build (a new process, no memory beside the output: a fresh clone), folio's rebuild
 * after a one-figure correction (a new process, with what the previous build learned beside its
 * output), and WeasyPrint and bare Chromium's `--print-to-pdf` on each of the two builds' HTML.
 */
async function headlineSection(sampler: Sampler, browserPath: string) {
  const weasyProblem = ensureWeasyPrint();
  const correct = await figureCorrector(REBUILD_DATA);
  const startup = await startupRuns(sampler);
  const close = await openSection('cold and rebuild, side by side');
  const alt = ([cmd, args]: [string, string[]], out: string, env?: NodeJS.ProcessEnv) => altRun(sampler, cmd, args, out, env);
  let n = 0;
  const iteration = async () => {
    await rm(memoryDir(COLD_PDF), { recursive: true, force: true });
    const cold = await cliBuild(sampler, [], COLD_PDF);
    if (!cold.ok) throw new Error(`cold build failed: ${cold.error}`);
    await correct();
    const rebuild = await cliBuild(sampler, ['--data', REBUILD_DATA], REBUILD_PDF);
    if (!rebuild.ok) throw new Error(`rebuild failed: ${rebuild.error}`);
    const profile = path.join(TMP, 'chromium-profile');
    const runs: Record<string, AltRun> = {};
    for (const [key, html] of [['cold', COLD_HTML], ['rebuild', REBUILD_HTML]] as const) {
      const weasyPdf = path.join(TMP, `weasyprint-${key}.pdf`);
      if (!weasyProblem) runs[`weasyprint-${key}`] = await alt(weasyCommand(html, weasyPdf), weasyPdf, weasyEnv());
      await rm(profile, { recursive: true, force: true });
      const chromiumPdf = path.join(TMP, `chromium-${key}.pdf`);
      runs[`chromium-${key}`] = await alt(chromiumArgs(browserPath, html, chromiumPdf, profile), chromiumPdf);
    }
    const w = runs['weasyprint-cold'];
    log(
      `  ${n++ === 0 ? 'warm-up' : `run ${n - 1}`}: folio cold ${s(cold.ms)} s (${cold.prints} prints), rebuild ${s(rebuild.ms)} s (${rebuild.prints}); WeasyPrint ${w ? s(w.ms) : '—'} s; Chromium --print-to-pdf ${s(runs['chromium-cold']!.ms)} s`,
    );
    return { cold, rebuild, runs };
  };
  await iteration();
  const kept = await quietRuns(RUNS, (i) => `side-by-side run ${i + 1}`, iteration);
  close();
  const alts = (key: string) => altStats(kept.filter((r) => r.runs[key]).map((r) => ({ ...r.runs[key]!, otherCores: r.otherCores })));
  return {
    startup,
    otherCores: stat(kept.map((r) => r.otherCores)),
    cold: await cliStats(kept.map((r) => ({ ...r.cold, otherCores: r.otherCores })), COLD_PDF),
    rebuild: await cliStats(kept.map((r) => ({ ...r.rebuild, otherCores: r.otherCores })), REBUILD_PDF),
    weasyprint: {
      version: weasyProblem ? undefined : weasyVersion(),
      problem: weasyProblem,
      cold: weasyProblem ? undefined : alts('weasyprint-cold'),
      rebuild: weasyProblem ? undefined : alts('weasyprint-rebuild'),
    },
    chromium: { cold: alts('chromium-cold'), rebuild: alts('chromium-rebuild') },
  };
}

const memoryDir = (outFile: string) => path.join(path.dirname(outFile), '.folio-cache');

interface PrintResult {
  ms: number;
  bytes: number;
  fonts: Fonts;
}

/** The floor: a bare goto + page.pdf() of the file in an open browser (assets load from beside it). */
async function floorPrint(browser: Browser, url: string, tagged: boolean, file: string): Promise<PrintResult> {
  const start = performance.now();
  const page = await browser.newPage();
  let pdf: Uint8Array;
  try {
    await page.goto(url, { waitUntil: 'load', timeout: 120_000 });
    pdf = await page.pdf({ printBackground: true, preferCSSPageSize: true, tagged, outline: tagged, waitForFonts: true, timeout: 120_000 });
  } finally {
    await page.close().catch(() => undefined);
  }
  const ms = performance.now() - start;
  await writeFile(file, pdf);
  return { ms, bytes: pdf.length, fonts: fontsIn(file, pdf) };
}

interface Op {
  ms: number;
  memory: MemoryPeak;
  bytes?: number;
  fonts?: Fonts;
  stages?: Record<string, number>;
}

async function warmSection(sampler: Sampler) {
  const close = await openSection('warm');
  // A copy of the default data whose one figure (grants.groups_2023, printed on the grants page) is edited each time.
  const warmData = path.join(TMP, 'warm', 'data');
  await rm(path.dirname(warmData), { recursive: true, force: true });
  await cp(DEFAULT_DATA, warmData, { recursive: true });
  const grantsFile = path.join(warmData, 'grants.yaml');
  const grantsText = await readFile(grantsFile, 'utf8');
  if (!/^groups: \d+$/m.test(grantsText)) throw new Error('grants.yaml has no groups line to edit');
  let edits = 0;
  const editFigure = () => writeFile(grantsFile, grantsText.replace(/^groups: \d+$/m, `groups: ${174 + (++edits % 2)}`));

  const options = await resolveOptions({ data: warmData });
  const assets = createAssetResolver([path.join(options.data, 'assets'), options.assets]);
  const finalHtml = await readFile(COLD_HTML, 'utf8');
  const floorUrl = pathToFileURL(COLD_HTML).href;

  const launchStart = performance.now();
  const launched = await launchBrowser();
  const launchMs = performance.now() - launchStart;
  const browser = launched.browser;
  // This process (folio's Node side) and the browser's tree (our child), sampled together.
  const measure = <T>(fn: () => Promise<T>) => withMemory(sampler, process.pid, true, fn);
  const timedOp = async <T>(fn: () => Promise<T>) => {
    const start = performance.now();
    const { value, memory } = await measure(fn);
    return { value, memory, ms: performance.now() - start };
  };
  let pages = new Map<string, number>();
  let n = 0;
  const iteration = async () => {
    const ops: Record<string, Op> = {};
    // 1. The full warm rebuild: renderReport with the kept browser (all checks, every print pass).
    await editFigure();
    const full = await timedOp(() => renderReport({ data: warmData }, { browser }));
    const fullFile = path.join(TMP, 'warm.pdf');
    await writeFile(fullFile, full.value.pdf);
    ops.full = { ms: full.ms, memory: full.memory, bytes: full.value.pdf.length, fonts: fontsIn(fullFile, full.value.pdf), stages: labelStages(full.value.timings) };
    // 2. The `folio dev` fast path: HTML only, then one print of it (contents numbers from the last print).
    await editFigure();
    const html = await timedOp(() => renderHtmlOnly(options, {}, pages));
    ops['html-only'] = { ms: html.ms, memory: html.memory, stages: labelStages(html.value.timings) };
    const dev = await timedOp(() => printPdf({ browser, html: html.value.html, assets, timeoutMs: options.timeoutMs }));
    ops['dev-print'] = { ms: dev.ms, memory: dev.memory, bytes: dev.value.pdf.length };
    pages = readDestinations(await PDFDocument.load(dev.value.pdf, { updateMetadata: false }));
    // 3. The floor on folio's final HTML (bench/tmp/cold.html, assets beside it): untagged, then tagged + outline.
    for (const [name, tagged] of [['floor-untagged', false], ['floor-tagged', true]] as const) {
      const floor = await measure(() => floorPrint(browser, floorUrl, tagged, path.join(TMP, `${name}.pdf`)));
      ops[name] = { ms: floor.value.ms, memory: floor.memory, bytes: floor.value.bytes, fonts: floor.value.fonts };
    }
    // 4. folio's printPdf of the same final HTML (request interception, JS off, tagged + outline).
    const print = await timedOp(() => printPdf({ browser, html: finalHtml, assets, timeoutMs: options.timeoutMs }));
    const printFile = path.join(TMP, 'folio-print.pdf');
    await writeFile(printFile, print.value.pdf);
    ops['folio-print'] = { ms: print.ms, memory: print.memory, bytes: print.value.pdf.length, fonts: fontsIn(printFile, print.value.pdf) };
    log(
      `  warm ${n++ === 0 ? 'warm-up' : `run ${n - 1}`}: full ${s(full.ms)} s, html ${s(html.ms)} s + print ${s(dev.ms)} s; floor ${s(ops['floor-untagged']!.ms)} s, tagged ${s(ops['floor-tagged']!.ms)} s, folio print ${s(print.ms)} s`,
    );
    return { ops };
  };
  let runs: Quiet<{ ops: Record<string, Op> }>[];
  try {
    await iteration();
    runs = await quietRuns(RUNS, (i) => `warm run ${i + 1}`, iteration);
  } finally {
    await launched.close();
  }
  const ops: Record<string, Op[]> = {};
  for (const r of runs) for (const [name, op] of Object.entries(r.ops)) (ops[name] ??= []).push(op);
  close();
  const summary = Object.fromEntries(
    Object.entries(ops).map(([name, list]) => [
      name,
      {
        ms: stat(list.map((r) => r.ms)),
        memory: memStats(list.map((r) => r.memory)),
        bytes: stat(list.map((r) => r.bytes ?? NaN)),
        fonts: list[0]?.fonts,
        stages: list[0]?.stages ? stageStats(list.map((r) => r.stages ?? {})) : undefined,
      },
    ]),
  );
  return { launchInProcessMs: launchMs, otherCores: stat(runs.map((r) => r.otherCores)), ops: summary, benchProcessMaxRssKb: process.resourceUsage().maxRSS };
}

interface AltRun {
  ok: boolean;
  ms: number;
  pages: number;
  bytes: number;
  fonts?: Fonts;
  structure?: { tagged: boolean; outline: boolean };
  memory: MemoryPeak;
  warnings: number;
  error?: string;
}

async function altRun(sampler: Sampler, cmd: string, args: string[], out: string, env?: NodeJS.ProcessEnv): Promise<AltRun> {
  await rm(out, { force: true });
  const r = await runProc(sampler, cmd, args, { cwd: TMP, env });
  const made = existsSync(out);
  const bytes = made ? await readFile(out) : undefined;
  const output = `${r.stdout}\n${r.stderr}`;
  const ok = r.code === 0 && made;
  return {
    ok,
    ms: r.ms,
    pages: made ? await pageCount(out) : NaN,
    bytes: bytes?.length ?? NaN,
    fonts: bytes ? fontsIn(out, bytes) : undefined,
    structure: made ? await pdfInfo(out) : undefined,
    memory: r.memory,
    warnings: (output.match(/WARNING/g) ?? []).length,
    error: ok ? undefined : (output.trim().split('\n').find((l) => /error/i.test(l))?.trim() ?? `exit ${r.code}`).slice(0, 200),
  };
}

/**
 * pagedjs 0.4.3 cannot read folio's stylesheet: a rule whose selector has `:nth-of-type(4n+1)` is
 * removed by its NthOfType handler and again by its Following handler (the `+` in `4n+1` looks like
 * a sibling combinator to it), and css-tree throws "item doesn't belong to list". The same HTML with
 * `An+B` written as the equivalent `An-(A-B)` gets past it; that is the only change.
 */
function pagedjsCompatible(html: string): string {
  return html.replace(/nth-of-type\((\d+)n\+(\d+)\)/g, (_, a: string, b: string) => (Number(a) - Number(b) > 0 ? `nth-of-type(${a}n-${Number(a) - Number(b)})` : `nth-of-type(${a}n)`));
}

/** An alternative's runs: times of those that worked, pages, size, structure, memory. */
function altStats(list: Quiet<AltRun>[]) {
  if (list.length === 0) return undefined;
  return {
    ok: list.every((r) => r.ok),
    otherCores: stat(list.map((r) => r.otherCores)),
    ms: stat(list.filter((r) => r.ok).map((r) => r.ms)),
    pages: stat(list.map((r) => r.pages)),
    bytes: stat(list.map((r) => r.bytes)),
    fonts: list[0]?.fonts,
    structure: list[0]?.structure,
    warnings: list[0]?.warnings ?? 0,
    memory: memStats(list.map((r) => r.memory)),
    error: list.find((r) => !r.ok)?.error,
  };
}
type AltStats = NonNullable<ReturnType<typeof altStats>>;

/** pagedjs-cli on folio's HTML (it fails on it as it is) and on the same HTML with one selector rewritten. */
async function altSection(sampler: Sampler, browserPath: string) {
  const pagedProblem = ensurePagedjs();
  const close = await openSection('pagedjs-cli');
  const compatHtml = path.join(TMP, 'cold-pagedjs-compat.html');
  await writeFile(compatHtml, pagedjsCompatible(await readFile(COLD_HTML, 'utf8')));
  // pagedjs-cli's puppeteer downloads no browser here: it prints with the system Chromium, unsandboxed as root.
  const pagedEnv = { ...process.env, PUPPETEER_EXECUTABLE_PATH: browserPath };
  const pagedArgs = (input: string, out: string) => [PAGEDJS_BIN, path.basename(input), '-o', out, '--browserArgs', '--no-sandbox,--disable-gpu,--disable-dev-shm-usage'];
  const paged: Quiet<AltRun>[] = [];
  let pagedSame: AltRun | undefined;
  const pagedPdf = path.join(TMP, 'pagedjs.pdf');
  if (!pagedProblem) {
    pagedSame = await altRun(sampler, process.execPath, pagedArgs(COLD_HTML, pagedPdf), pagedPdf, pagedEnv);
    log(`  pagedjs-cli on folio's HTML: ${pagedSame.ok ? `${s(pagedSame.ms)} s` : `failed: ${pagedSame.error}`}`);
    let n = 0;
    const run = async () => {
      const r = await altRun(sampler, process.execPath, pagedArgs(compatHtml, pagedPdf), pagedPdf, pagedEnv);
      log(`  pagedjs-cli (compat) ${n++ === 0 ? 'warm-up' : `run ${n - 1}`}: ${r.ok ? `${s(r.ms)} s, ${r.pages} pages` : `failed: ${r.error}`}`);
      return r;
    };
    await run();
    paged.push(...(await quietRuns(ALT_RUNS, (i) => `pagedjs-cli run ${i + 1}`, run)));
  }
  close();
  return {
    pagedjs: {
      version: PAGEDJS_VERSION,
      problem: pagedProblem,
      sameHtml: pagedSame && { ok: pagedSame.ok, ms: pagedSame.ms, error: pagedSame.error },
      compatResult: altStats(paged),
    },
  };
}

async function scaleSection(sampler: Sampler) {
  const close = await openSection('scale');
  const sizes: { scale: number; letters: number; rows: number; runs: Quiet<CliBuild>[] }[] = [];
  for (const scale of SCALES) {
    const made = await makeLargeReport(scale, path.join(TMP, 'large', `${scale}x`));
    const out = path.join(TMP, 'large', `${scale}x.pdf`);
    const runs = await quietRuns(SCALE_RUNS, () => `${scale}×`, async () => {
      // Cold, as on a fresh clone: nothing learned from an earlier build.
      await rm(memoryDir(out), { recursive: true, force: true });
      const r = await cliBuild(sampler, ['--data', made.data, '--templates', made.templates], out);
      if (!r.ok) log(`  ${scale}× failed: ${r.error}`);
      else log(`  ${scale}×: ${r.pages} pages in ${s(r.ms)} s (${((r.pages * 1000) / r.ms).toFixed(1)} pages/s, ${r.prints} prints), Chromium PSS ${mib(r.memory.chromium.pssKb)} MiB, Node ${mib(r.memory.node.hwmKb)} MiB`);
      return r;
    });
    sizes.push({ scale, letters: made.letters, rows: made.rows, runs });
  }
  close();
  return sizes.map(({ scale, letters, rows, runs }) => {
    const ok = runs.filter((r) => r.ok);
    return {
      scale,
      extraLetters: letters,
      appendixRows: rows,
      ok: ok.length === runs.length,
      error: runs.find((r) => !r.ok)?.error,
      otherCores: stat(runs.map((r) => r.otherCores)).median,
      pages: stat(ok.map((r) => r.pages)).median,
      ms: stat(ok.map((r) => r.ms)),
      startupMs: stat(ok.map((r) => r.ms - r.pipelineMs)).median,
      stages: stageStats(ok.map((r) => r.stages)),
      bytes: stat(ok.map((r) => r.bytes)).median,
      memory: memStats(ok.map((r) => r.memory)),
    };
  });
}

async function batchSection(sampler: Sampler) {
  const close = await openSection('batch');
  const dir = path.join(TMP, 'batch');
  await rm(dir, { recursive: true, force: true });
  const names = ['a', 'b', 'c'];
  const dataDirs: string[] = [];
  for (const n of names) {
    const d = path.join(dir, `data-${n}`);
    await cp(DEFAULT_DATA, d, { recursive: true });
    const report = path.join(d, 'report.yaml');
    await writeFile(report, (await readFile(report, 'utf8')).replace(/^slug: .*$/m, `slug: bench-batch-${n}`));
    dataDirs.push(d);
  }
  // A batch writes out/<slug>.pdf under its working directory: it runs in bench/tmp/batch.
  const batchArgs = ['build', '--json', ...dataDirs.flatMap((d) => ['--data', d]), '--templates', path.join(ROOT, 'templates'), '--assets', path.join(ROOT, 'assets')];
  let n = 0;
  const pair = async () => {
    const r = await runProc(sampler, process.execPath, [BIN, ...batchArgs], { cwd: dir });
    let each: number[] = [];
    let ok = r.code === 0;
    try {
      const json = JSON.parse(r.stdout) as { ok: boolean; results: { ms: number; ok: boolean }[] };
      each = json.results.map((b) => b.ms);
      ok &&= json.ok;
    } catch {
      ok = false;
    }
    const sep = { ms: 0, each: [] as number[], ok: true };
    for (const d of dataDirs) {
      const b = await cliBuild(sampler, ['--data', d], path.join(dir, 'separate', `${path.basename(d)}.pdf`));
      sep.ms += b.ms;
      sep.each.push(b.ms);
      sep.ok &&= b.ok;
    }
    log(`  run ${++n}: batch of 3 in ${s(r.ms)} s${ok ? '' : ' (FAILED)'}, 3 separate in ${s(sep.ms)} s${sep.ok ? '' : ' (FAILED)'}`);
    return { batch: { ms: r.ms, memory: r.memory, ok, each }, separate: sep };
  };
  const runs = await quietRuns(BATCH_RUNS, (i) => `batch run ${i + 1}`, pair);
  const batch = runs.map((r) => r.batch);
  const separate = runs.map((r) => r.separate);
  close();
  return {
    reports: names.length,
    concurrency: CORES,
    otherCores: stat(runs.map((r) => r.otherCores)),
    batch: { ok: batch.every((b) => b.ok), ms: stat(batch.map((b) => b.ms)), memory: memStats(batch.map((b) => b.memory)), perReportMs: stat(batch.flatMap((b) => b.each)) },
    separate: { ok: separate.every((b) => b.ok), ms: stat(separate.map((b) => b.ms)), perReportMs: stat(separate.flatMap((b) => b.each)) },
  };
}

// ---- analysis ---------------------------------------------------------------------------------

type Head = Awaited<ReturnType<typeof headlineSection>>;
type Cold = Head['cold'];
type Warm = Awaited<ReturnType<typeof warmSection>>;
type Alt = Awaited<ReturnType<typeof altSection>>;
type Scale = Awaited<ReturnType<typeof scaleSection>>;
type Batch = Awaited<ReturnType<typeof batchSection>>;

interface Target {
  name: string;
  pass: boolean | undefined;
  measured: string;
  limit: string;
}

/** Growth exponent of y against pages between two sizes: 1 is linear, above 1 worse than linear. */
const exponent = (y0: number, y1: number, p0: number, p1: number) => Math.log(y1 / y0) / Math.log(p1 / p0);

/** Stages by time, longest first (repeated stages as their total). */
function slowest(stages: Record<string, Stat>, n = 3): string {
  return Object.entries(stages)
    .filter(([k]) => !/#\d+$/.test(k))
    .sort((a, b) => b[1].median - a[1].median)
    .slice(0, n)
    .map(([k, v]) => `${k} ${s(v.median)} s`)
    .join(', ');
}

/** "Bounded": the peak at the largest size is at most this many times the peak at the smallest. */
const BOUNDED_RATIO = 1.25;

/** Least-squares line through [x, y] points, and the largest deviation from it (percent of y). */
function linearFit(points: [number, number][]): { slope: number; intercept: number; maxDeviation: number } {
  const n = points.length;
  const mx = points.reduce((a, [px]) => a + px, 0) / n;
  const my = points.reduce((a, [, py]) => a + py, 0) / n;
  const sxx = points.reduce((a, [px]) => a + (px - mx) ** 2, 0);
  const slope = sxx === 0 ? 0 : points.reduce((a, [px, py]) => a + (px - mx) * (py - my), 0) / sxx;
  const intercept = my - slope * mx;
  const maxDeviation = Math.max(...points.map(([px, py]) => (Math.abs(py - (intercept + slope * px)) / py) * 100));
  return { slope, intercept, maxDeviation };
}
const STAGE_GROWTH_LIMIT = 1.1;

/** The issue's targets, as ratios measured side by side in one run. */
function headlineTargets(head: Head): Target[] {
  const { cold, rebuild } = head;
  const w = head.weasyprint.cold;
  const wr = head.weasyprint.rebuild;
  const ch = head.chromium.cold;
  const notRun = `not run: ${head.weasyprint.problem ?? w?.error}`;
  const critical = (c: Cold) => `Node start-up + exit ${s(c.startup.median)} s; ${c.prints.median} print(s); longest stages: ${slowest(c.stages, 4)}`;
  return [
    {
      name: 'cold build ≤ 1.0× WeasyPrint (same HTML, both new processes)',
      pass: w?.ok ? cold.wall.median <= w.ms.median : undefined,
      measured: w?.ok
        ? `folio ${s(cold.wall.median)} s vs WeasyPrint ${s(w.ms.median)} s → **${x(cold.wall.median / w.ms.median)}**; vs bare Chromium \`--print-to-pdf\` ${s(ch?.ms.median ?? NaN)} s → ${x(cold.wall.median / (ch?.ms.median ?? NaN))}`
        : notRun,
      limit: critical(cold),
    },
    {
      name: 'rebuild after a one-figure correction (new process) ≤ 0.5× WeasyPrint',
      pass: wr?.ok ? rebuild.wall.median <= 0.5 * wr.ms.median : undefined,
      measured: wr?.ok
        ? `folio ${s(rebuild.wall.median)} s vs WeasyPrint ${s(wr.ms.median)} s on the corrected HTML → **${x(rebuild.wall.median / wr.ms.median)}**; vs bare Chromium ${s(head.chromium.rebuild?.ms.median ?? NaN)} s → ${x(rebuild.wall.median / (head.chromium.rebuild?.ms.median ?? NaN))}`
        : notRun,
      limit: critical(rebuild),
    },
    {
      name: 'Node start-up ≤ 0.3 s',
      pass: head.startup.median <= 300,
      measured: `\`node bin/folio.js --version\` ${s(head.startup.median)} s; in a build, wall − the CLI's own time (start-up, imports, exit) ${s(cold.startup.median)} s`,
      limit: 'Node itself starts in ≈ 0.04 s; the rest is loading the CLI\'s modules',
    },
  ];
}

function targets(head?: Head, warm?: Warm, alt?: Alt, scale?: Scale): Target[] {
  const out: Target[] = head ? headlineTargets(head) : [];
  const cold = head?.cold;
  const floorU = warm?.ops['floor-untagged']?.ms.median ?? NaN;
  const launch = cold?.stages.launch?.median ?? NaN;
  if (cold && warm) {
    const bound = floorU + launch;
    const r = cold.wall.median / bound;
    out.push({
      name: 'cold ≤ 2.0× (floor + browser launch)',
      pass: r <= 2.0,
      measured: `cold ${s(cold.wall.median)} s vs floor ${s(floorU)} s + launch ${s(launch)} s = ${s(bound)} s → ${x(r)}`,
      limit: `Node start-up + imports ${s(cold.startup.median)} s; longest stages: ${slowest(cold.stages)}`,
    });
  }
  if (warm) {
    const full = warm.ops.full?.ms.median ?? NaN;
    const dev = (warm.ops['html-only']?.ms.median ?? NaN) + (warm.ops['dev-print']?.ms.median ?? NaN);
    out.push({
      name: 'warm (full renderReport, browser kept) ≤ 1.2× floor',
      pass: full / floorU <= 1.2,
      measured: `${s(full)} s vs floor ${s(floorU)} s → ${x(full / floorU)} (the \`folio dev\` path, HTML + one print: ${s(dev)} s → ${x(dev / floorU)})`,
      limit: warm.ops.full?.stages ? `longest stages: ${slowest(warm.ops.full.stages, 4)}` : '',
    });
  }
  if (cold && alt) {
    const p = alt.pagedjs.compatResult;
    const failedSame = alt.pagedjs.sameHtml && !alt.pagedjs.sameHtml.ok;
    out.push({
      name: 'faster than pagedjs-cli (same HTML)',
      pass: p?.ok ? cold.wall.median < p.ms.median : undefined,
      measured: p?.ok
        ? `${failedSame ? 'fails on the unmodified HTML; with one selector rewritten: ' : ''}pagedjs-cli ${s(p.ms.median)} s vs folio cold ${s(cold.wall.median)} s (${x(cold.wall.median / p.ms.median)} pagedjs's time)`
        : `not run: ${alt.pagedjs.problem ?? alt.pagedjs.sameHtml?.error ?? p?.error}`,
      limit: p ? `pagedjs-cli launches Chromium, paginates in JS and prints once (${structureText(p.structure)}: Chromium's own tags), with no second pass, audit, post-processing or check (${p.pages.median} pages vs ${cold.pages.median})` : '',
    });
  }
  if (scale) {
    const ok = scale.filter((r) => r.ok);
    const a = ok[0];
    const b = ok[ok.length - 1];
    if (a && b && a !== b) {
      const pa = a.memory.chromiumPssKb.median;
      const pb = b.memory.chromiumPssKb.median;
      const fit = linearFit(ok.map((r) => [r.pages, r.memory.chromiumPssKb.median / 1024]));
      const nodeFit = linearFit(ok.map((r) => [r.pages, r.memory.nodeHwmKb.median / 1024]));
      out.push({
        name: 'large report: Chromium memory bounded',
        pass: pb <= BOUNDED_RATIO * pa,
        measured: `Chromium peak PSS ${mib(pa)} MiB at ${a.pages} pages → ${mib(pb)} MiB at ${b.pages} pages (${x(pb / pa)} for ${x(b.pages / a.pages)} the pages): ≈ ${fit.intercept.toFixed(0)} MiB ${signed(fit.slope, 1)} MiB per page (every size within ${fit.maxDeviation.toFixed(0)}% of that line)${pb <= BOUNDED_RATIO * pa ? '' : ', so it follows the page count'}; Node ≈ ${nodeFit.intercept.toFixed(0)} MiB ${signed(nodeFit.slope, 2)} MiB per page`,
        limit: `criterion: peak at the largest size ≤ ${BOUNDED_RATIO}× the smallest's (memory that does not follow the page count). Chromium keeps the whole laid-out document for each \`page.pdf()\` (and for the axe-core audit), so its memory follows the page count`,
      });
      out.push({
        name: 'large report: pages per second',
        pass: undefined,
        measured: `${((b.pages * 1000) / b.ms.median).toFixed(1)} pages/s at ${b.scale}× (${b.pages} pages in ${s(b.ms.median)} s, a cold build); ${((a.pages * 1000) / a.ms.median).toFixed(1)} pages/s at ${a.scale}× (${a.pages} pages)`,
        limit: 'a fixed cost (start-up, launch, the first print) spread over more pages; no target',
      });
      const growth = Object.keys(b.stages)
        .filter((k) => !/#\d+$/.test(k) && (b.stages[k]?.median ?? 0) >= 100 && a.stages[k])
        .map((k) => ({ k, e: exponent(a.stages[k]!.median, b.stages[k]!.median, a.pages, b.pages) }))
        .sort((p, q) => q.e - p.e);
      const top = growth[0];
      out.push({
        name: 'large report: no stage worse than linear',
        pass: top ? top.e <= STAGE_GROWTH_LIMIT : undefined,
        measured: `largest growth exponents vs pages (${a.pages} → ${b.pages} pages): ${growth.slice(0, 4).map((g) => `${g.k} ${g.e.toFixed(2)}`).join(', ')}; whole build ${exponent(a.ms.median, b.ms.median, a.pages, b.pages).toFixed(2)}`,
        limit: `criterion: exponent ≤ ${STAGE_GROWTH_LIMIT} (1 = linear; a fixed cost makes it < 1) for every stage taking ≥ 0.1 s at the largest size`,
      });
    }
  }
  if (cold && warm) {
    const floorBytes = warm.ops['floor-untagged']?.bytes.median ?? NaN;
    const r = cold.bytes.median / floorBytes;
    out.push({
      name: 'tagged PDF size ≤ 1.5× untagged (same HTML)',
      pass: r <= 1.5,
      measured: `folio ${kib(cold.bytes.median)} KiB vs floor untagged ${kib(floorBytes)} KiB → ${x(r)} (Chromium's own tagged + outline print: ${kib(warm.ops['floor-tagged']?.bytes.median ?? NaN)} KiB)`,
      limit: 'folio rewrites what Chromium tags (structure tree, artifacts, XMP, outline) and saves with pdf-lib',
    });
  }
  return out;
}

// ---- report -----------------------------------------------------------------------------------

function memCell(m: MemStats): string {
  return `${fmtStat(m.chromiumPssKb, mib)}`;
}

/** The ratios, then the cold build's and the rebuild's numbers side by side. */
function headMarkdown(L: string[], head: Head): void {
  const { cold: c, rebuild: rb } = head;
  const w = head.weasyprint;
  const ratio = (a: Stat, b?: AltStats) => (b?.ok ? x(a.median / b.ms.median) : '—');
  L.push('## What a user waits for, side by side', '');
  L.push(
    `Each of the ${c.wall.n} kept iterations ran, one after another: folio's cold build (a new process; no \`.folio-cache/\` beside the output, as on a fresh clone), folio's rebuild after a one-figure correction (a new process, with what the previous build learned beside its output), then WeasyPrint ${w.version ?? ''} and bare Chromium (\`chromium --headless --print-to-pdf\`, a new process with a fresh profile) on each build's HTML. Other processes used ${fmtStat(head.otherCores, (v) => v.toFixed(2))} cores meanwhile.`,
    '',
  );
  L.push('| | folio | WeasyPrint | ÷ WeasyPrint | bare Chromium | ÷ Chromium |', '| --- | --- | --- | --- | --- | --- |');
  L.push(`| cold build | ${fmtStat(c.wall, s)} s | ${w.cold?.ok ? `${fmtStat(w.cold.ms, s)} s` : w.problem ?? '—'} | **${ratio(c.wall, w.cold)}** | ${fmtStat(head.chromium.cold?.ms ?? stat([]), s)} s | ${ratio(c.wall, head.chromium.cold)} |`);
  L.push(`| rebuild after a one-figure correction | ${fmtStat(rb.wall, s)} s | ${w.rebuild?.ok ? `${fmtStat(w.rebuild.ms, s)} s` : '—'} | **${ratio(rb.wall, w.rebuild)}** | ${fmtStat(head.chromium.rebuild?.ms ?? stat([]), s)} s | ${ratio(rb.wall, head.chromium.rebuild)} |`);
  L.push(`| pages | ${c.pages.median} | ${w.cold?.pages.median ?? '—'} | | ${head.chromium.cold?.pages.median ?? '—'} | |`);
  L.push(`| peak memory (MiB PSS) | Node ${mib(c.memory.nodePssKb.median)} + Chromium ${mib(c.memory.chromiumPssKb.median)} | ${w.cold ? mib(w.cold.memory.otherPssKb.median + w.cold.memory.nodePssKb.median + w.cold.memory.chromiumPssKb.median) : '—'} | | ${head.chromium.cold ? mib(head.chromium.cold.memory.chromiumPssKb.median + head.chromium.cold.memory.otherPssKb.median) : '—'} | |`);
  L.push('', `\`node bin/folio.js --version\` (Node's start-up and the CLI's imports): ${fmtStat(head.startup, s)} s.`, '');
  L.push('| | cold build | rebuild |', '| --- | --- | --- |');
  L.push(`| **wall time** | **${fmtStat(c.wall, s)} s** | **${fmtStat(rb.wall, s)} s** |`);
  L.push(`| prints | ${c.prints.median} | ${rb.prints.median} |`);
  L.push(`| Node start-up, imports, exit: wall − the CLI's own \`ms\` | ${fmtStat(c.startup, s)} s | ${fmtStat(rb.startup, s)} s |`);
  L.push(`| in the pipeline (the CLI's \`ms\`) | ${fmtStat(c.pipeline, s)} s | ${fmtStat(rb.pipeline, s)} s |`);
  for (const k of [...new Set([...Object.keys(c.stages), ...Object.keys(rb.stages)])]) {
    L.push(`| stage ${k} | ${c.stages[k] ? `${fmtStat(c.stages[k], s)} s` : '—'} | ${rb.stages[k] ? `${fmtStat(rb.stages[k], s)} s` : '—'} |`);
  }
  L.push(`| pages | ${c.pages.median} | ${rb.pages.median} |`, `| PDF size | ${fmtStat(c.bytes, kib)} KiB | ${fmtStat(rb.bytes, kib)} KiB |`, `| fonts | ${fontsText(c.fonts)} | ${fontsText(rb.fonts)} |`);
  L.push(`| Node peak RSS (its VmHWM) | ${fmtStat(c.memory.nodeHwmKb, mib)} MiB | ${fmtStat(rb.memory.nodeHwmKb, mib)} MiB |`);
  L.push(`| **Chromium peak PSS** (sum over its ${c.memory.chromiumProcesses.median} processes) | **${fmtStat(c.memory.chromiumPssKb, mib)} MiB** | ${fmtStat(rb.memory.chromiumPssKb, mib)} MiB |`);
  L.push(`| Chromium peak of summed RssAnon + RssShmem | ${fmtStat(c.memory.chromiumAnonKb, mib)} MiB | ${fmtStat(rb.memory.chromiumAnonKb, mib)} MiB |`);
  L.push(`| Chromium peak of summed VmRSS (shared pages counted in every process) | ${fmtStat(c.memory.chromiumRssKb, mib)} MiB | ${fmtStat(rb.memory.chromiumRssKb, mib)} MiB |`);
  L.push(
    '',
    '`launch` runs from the build\'s start, beside `load` … `html`; `audit` (axe-core, in Chromium, on the page just printed) runs beside `post-process` and `check`, and its time is until Node, busy with those, took its answer. `html#n`/`print#n` are the passes that settle the contents page numbers; `(all n)` is their total.',
    '',
  );
}

/** Every tool on folio's HTML: the two folio builds, WeasyPrint, bare Chromium, pagedjs-cli. */
function alternativesMarkdown(L: string[], head: Head | undefined, a: Alt | undefined, f: number, launch: number, w: Warm | undefined): void {
  const c = head?.cold;
  L.push('## Alternatives on the same HTML (bench/tmp/cold.html with its assets/ beside it)', '');
  L.push('| tool | time (s) | ÷ folio cold | ÷ floor | ÷ (floor + launch) | pages | PDF (KiB) | structure | fonts | peak memory (MiB PSS) |', '| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |');
  const row = (name: string, ms: Stat, pages: number, bytes: number, structure: string, fonts: string, mem: string) =>
    L.push(`| ${name} | ${fmtStat(ms, s)} | ${x(ms.median / (c?.wall.median ?? NaN))} | ${x(ms.median / f)} | ${x(ms.median / (f + launch))} | ${pages} | ${kib(bytes)} | ${structure} | ${fonts} | ${mem} |`);
  const altRow = (name: string, r: AltStats | undefined, problem?: string) => {
    if (r?.ok) row(name, r.ms, r.pages.median, r.bytes.median, structureText(r.structure), fontsText(r.fonts), `${mib(r.memory.otherPssKb.median + r.memory.nodePssKb.median + r.memory.chromiumPssKb.median)}`);
    else L.push(`| ${name} | not run: ${problem ?? r?.error} | | | | | | | | |`);
  };
  if (c) row('folio, cold CLI', c.wall, c.pages.median, c.bytes.median, structureText(c.structure), fontsText(c.fonts), `Node ${mib(c.memory.nodePssKb.median)} + Chromium ${mib(c.memory.chromiumPssKb.median)}`);
  if (head) row('folio, rebuild CLI after a one-figure correction', head.rebuild.wall, head.rebuild.pages.median, head.rebuild.bytes.median, 'same', fontsText(head.rebuild.fonts), '');
  if (w?.ops.full) row('folio, warm `renderReport`', w.ops.full.ms, c?.pages.median ?? NaN, w.ops.full.bytes.median, 'same', '', '');
  if (head) {
    altRow(`WeasyPrint ${head.weasyprint.version ?? ''}`, head.weasyprint.cold, head.weasyprint.problem);
    altRow('bare Chromium `--print-to-pdf` (new process)', head.chromium.cold);
  }
  const same = a?.pagedjs.sameHtml;
  if (a && same && !same.ok) L.push(`| pagedjs-cli ${a.pagedjs.version}, folio's HTML unmodified | **fails** after ${s(same.ms)} s: \`${same.error}\` | | | | | | | | |`);
  if (a) altRow(`pagedjs-cli ${a.pagedjs.version}, \`nth-of-type(An+B)\` → \`(An-C)\``, a.pagedjs.compatResult, a.pagedjs.problem);
  L.push('');
  if (a && same && !same.ok && /belong to list/.test(same.error ?? '')) {
    L.push(
      "pagedjs-cli 0.4.3 cannot print folio's HTML as it is: a rule whose selector has `:nth-of-type(4n+1)` is removed from css-tree's list by pagedjs's NthOfType handler and then again by its Following handler (the `+` of `4n+1` looks like a sibling combinator to it), and css-tree throws \"item doesn't belong to list\". The timed variant changes only that: `nth-of-type(4n+1)` → the equivalent `nth-of-type(4n-3)`, and likewise +2, +3, +4. It runs with the system Chromium (`PUPPETEER_EXECUTABLE_PATH`) and `--browserArgs --no-sandbox,--disable-gpu,--disable-dev-shm-usage`; its time includes launching its own browser, as folio's cold build does.",
      '',
    );
  }
  const wr = head?.weasyprint.cold;
  if (wr?.ok) {
    L.push(
      `WeasyPrint printed ${wr.warnings} warnings about CSS it ignored (grid, \`var()\` in shorthands, \`gap\`, …), so its layout is not folio's (${wr.pages.median} pages vs ${c?.pages.median}); its PDF: ${structureText(wr.structure)}. Bare Chromium prints the HTML once (${structureText(head?.chromium.cold?.structure)}: Chromium's own tags), with none of folio's repairs or checks. The alternatives are timed on the same input, not for the same output.`,
      '',
    );
  }
}

function markdown(r: Results): string {
  const L: string[] = [];
  const m = r.machine;
  L.push('# folio benchmark results', '');
  L.push(
    `Generated by \`npm run bench\` (bench/run.ts) on ${r.finishedAt}; took ${(r.durationS / 60).toFixed(1)} min${r.sections.some((sec) => /\(kept from /.test(sec.name)) ? ' (the sections marked "kept" are from an earlier run, BENCH_KEEP=1)' : ''}. Runs: ${RUNS} side-by-side iterations (cold, rebuild, WeasyPrint, bare Chromium) and ${RUNS} warm after 1 warm-up each; ${ALT_RUNS} per alternative after 1 warm-up; ${SCALE_RUNS} per size; ${BATCH_RUNS} batch repetitions. Times are medians, with min–max in brackets.`,
    '',
  );
  L.push('## Machine', '');
  L.push(`- ${m.nproc} cores, ${m.memoryGiB.toFixed(1)} GiB RAM, CPU: ${m.cpu}${m.mhz ? ` (${Number(m.mhz).toFixed(0)} MHz)` : ''}`);
  L.push(`- ${m.os}, kernel ${m.kernel}; Node ${m.node}; ${m.chromium} (${m.chromiumPath}); puppeteer ${m.puppeteer}; folio ${m.folio}`);
  L.push(`- Load average at start: ${r.loadStart.join(' ')}; at end: ${r.loadEnd.join(' ')} (it counts runnable threads, Chromium's and Node's own included, so it runs high during the benchmark itself; the CPU figures below separate other processes from it)`);
  L.push('- Other processes (not this benchmark) during each section, in cores kept busy on average (CPU time of every process outside the benchmark\'s tree, from /proc) — the machine is shared, and a high number means slower, noisier times:');
  for (const sec of r.sections) {
    L.push(
      `  - ${sec.name}: ${sec.cpu ? sec.cpu.otherCores.toFixed(2) : '?'} of ${m.nproc} cores (whole machine ${sec.cpu ? sec.cpu.machineCores.toFixed(2) : '?'}) over ${sec.cpu ? sec.cpu.seconds.toFixed(0) : '?'} s; load ${sec.loadBefore.join(' ')} → ${sec.loadAfter?.join(' ') ?? '?'}${sec.waitedS > 3 ? `; waited ${sec.waitedS.toFixed(0)} s for quiet first` : ''}${sec.disturbed ? `; ${sec.disturbed} run(s) redone because other processes used more than ${QUIET_CORES} cores during them` : ''}`,
    );
  }
  L.push('');

  L.push('## Targets', '', '| target | result | measured | what limits it |', '| --- | --- | --- | --- |');
  for (const t of r.targets) L.push(`| ${t.name} | ${t.pass === undefined ? 'n/a' : t.pass ? '**PASS**' : '**MISS**'} | ${t.measured} | ${t.limit} |`);
  L.push('');

  const head = r.head;
  const c = head?.cold;
  const w = r.warm;
  const f = w?.ops['floor-untagged']?.ms.median ?? NaN;
  const launch = c?.stages.launch?.median ?? NaN;
  if (head) headMarkdown(L, head);
  if (w) {
    L.push('## Warm: one process, one browser kept open (the `folio dev` path)', '');
    L.push(`Browser launch in-process, puppeteer already loaded: ${s(w.launchInProcessMs)} s. Before each full rebuild and each HTML-only render one figure (\`grants.groups_2023\`) is edited in a copy of data/psf-2023.`, '');
    L.push('| operation | time (s) | ÷ floor | Chromium peak PSS (MiB) | Node process peak PSS (MiB) | PDF (KiB) | fonts |', '| --- | --- | --- | --- | --- | --- | --- |');
    const label: Record<string, string> = {
      full: 'full rebuild: `renderReport` with `hooks.browser` (every print pass, audit, post-process, check)',
      'html-only': "`renderHtmlOnly` (the dev preview's HTML)",
      'dev-print': "`printPdf` of that HTML (the dev preview's PDF, one pass)",
      'floor-untagged': '**floor**: bare `goto(file://…/cold.html)` + `page.pdf({ tagged: false })`',
      'floor-tagged': 'floor with `tagged: true, outline: true` (what Chromium itself costs folio)',
      'folio-print': "folio's `printPdf` of the same final HTML",
    };
    for (const [k, v] of Object.entries(w.ops)) {
      L.push(`| ${label[k] ?? k} | ${fmtStat(v.ms, s)} | ${x(v.ms.median / f)} | ${memCell(v.memory)} | ${fmtStat(v.memory.nodePssKb, mib)} | ${v.bytes.n ? fmtStat(v.bytes, kib) : ''} | ${fontsText(v.fonts)} |`);
    }
    const dev = (w.ops['html-only']?.ms.median ?? NaN) + (w.ops['dev-print']?.ms.median ?? NaN);
    L.push('', `Other processes during the kept iterations: ${fmtStat(w.otherCores, (v) => v.toFixed(2))} cores. The \`folio dev\` path (HTML + one print) takes ${s(dev)} s, ${x(dev / f)} the floor. Benchmark process max RSS (\`process.resourceUsage().maxRSS\`; includes the sampler thread): ${mib(w.benchProcessMaxRssKb)} MiB.`, '');
    if (w.ops.full?.stages) {
      L.push('Stages of the full warm rebuild:', '', '| stage | median (min–max) s |', '| --- | --- |');
      for (const [k, v] of Object.entries(w.ops.full.stages)) L.push(`| ${k} | ${fmtStat(v, s)} |`);
      L.push('');
    }
  }
  if (head || r.alternatives) alternativesMarkdown(L, head, r.alternatives, f, launch, w);
  const sc = r.scale;
  if (sc && sc.length) {
    L.push('## Scale (bench/large-report.ts: data/psf-2023 + k reprints of its six letters + a 200·k-row grants appendix)', '');
    L.push(
      '| size | extra letters | appendix rows | pages | wall (s) | pages/s | per page (ms) | marginal per page (ms) | Node peak (MiB) | Chromium peak PSS (MiB) | Chromium PSS per page (MiB) | PDF (KiB) | other processes (cores) |',
      '| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |',
    );
    let prev: (typeof sc)[number] | undefined;
    for (const row of sc) {
      if (!row.ok) {
        L.push(`| ${row.scale}× | ${row.extraLetters} | ${row.appendixRows} | failed: ${row.error} | | | | | | | | | |`);
        continue;
      }
      const marginal = prev ? (row.ms.median - prev.ms.median) / (row.pages - prev.pages) : NaN;
      const pss = row.memory.chromiumPssKb.median;
      L.push(
        `| ${row.scale}× | ${row.extraLetters} | ${row.appendixRows} | ${row.pages} | ${fmtStat(row.ms, s)} | ${((row.pages * 1000) / row.ms.median).toFixed(1)} | ${(row.ms.median / row.pages).toFixed(0)} | ${Number.isFinite(marginal) ? marginal.toFixed(0) : '—'} | ${mib(row.memory.nodeHwmKb.median)} | ${mib(pss)} | ${(pss / 1024 / row.pages).toFixed(2)} | ${kib(row.bytes)} | ${row.otherCores.toFixed(2)} |`,
      );
      prev = row;
    }
    const ok = sc.filter((row) => row.ok);
    if (ok.length >= 2) {
      const t = linearFit(ok.map((row) => [row.pages, row.ms.median / 1000]));
      const m2 = linearFit(ok.map((row) => [row.pages, row.memory.chromiumPssKb.median / 1024]));
      const n2 = linearFit(ok.map((row) => [row.pages, row.memory.nodeHwmKb.median / 1024]));
      L.push(
        '',
        `Least-squares lines against the page count: wall time ≈ ${t.intercept.toFixed(2)} s ${signed(t.slope * 1000, 0)} ms per page (every size within ${t.maxDeviation.toFixed(0)}% of it); Chromium peak PSS ≈ ${m2.intercept.toFixed(0)} MiB ${signed(m2.slope, 1)} MiB per page (within ${m2.maxDeviation.toFixed(0)}%); Node peak ≈ ${n2.intercept.toFixed(0)} MiB ${signed(n2.slope, 2)} MiB per page (within ${n2.maxDeviation.toFixed(0)}%).`,
      );
    }
    const stages = ['start-up', ...new Set(ok.flatMap((row) => Object.keys(row.stages)))].filter((k) => !/#\d+$/.test(k));
    const first = ok[0];
    const last = ok[ok.length - 1];
    const prior = ok[ok.length - 2];
    const value = (row: (typeof ok)[number], k: string) => (k === 'start-up' ? row.startupMs : (row.stages[k]?.median ?? NaN));
    L.push(
      '',
      'Each stage in ms per page, and its growth exponent against the page count (1 = linear; a fixed cost makes it smaller; above 1 is worse than linear) from the smallest to the largest size and over the last step:',
      '',
    );
    L.push(`| stage | ${ok.map((row) => `${row.scale}× (${row.pages} p)`).join(' | ')} | exponent | last step |`, `| --- | ${ok.map(() => '---').join(' | ')} | --- | --- |`);
    const e = (p: typeof first, q: typeof first, k: string) => (p && q && p !== q ? exponent(value(p, k), value(q, k), p.pages, q.pages) : NaN);
    for (const k of stages) {
      const cells = ok.map((row) => (Number.isFinite(value(row, k)) ? (value(row, k) / row.pages).toFixed(1) : '—'));
      const e1 = e(first, last, k);
      const e2 = e(prior, last, k);
      L.push(`| ${k} | ${cells.join(' | ')} | ${Number.isFinite(e1) ? e1.toFixed(2) : '—'} | ${Number.isFinite(e2) ? e2.toFixed(2) : '—'} |`);
    }
    L.push('');
  }
  const b = r.batch;
  if (b) {
    L.push(`## Batch: ${b.reports} copies of the default report (different slugs)`, '');
    L.push('| | total (s) | reports per minute | each report inside the run (s) | Chromium peak PSS (MiB) | Node peak (MiB) |', '| --- | --- | --- | --- | --- | --- |');
    L.push(
      `| \`folio build --data a --data b --data c\` (one browser, concurrency ${b.concurrency}) | ${fmtStat(b.batch.ms, s)} | ${((b.reports * 60000) / b.batch.ms.median).toFixed(1)} | ${fmtStat(b.batch.perReportMs, s)} | ${fmtStat(b.batch.memory.chromiumPssKb, mib)} | ${fmtStat(b.batch.memory.nodeHwmKb, mib)} |`,
    );
    L.push(`| three separate \`folio build\` runs | ${fmtStat(b.separate.ms, s)} | ${((b.reports * 60000) / b.separate.ms.median).toFixed(1)} | ${fmtStat(b.separate.perReportMs, s)} | as cold | as cold |`);
    L.push('', `Other processes during the kept runs: ${fmtStat(b.otherCores, (v) => v.toFixed(2))} cores. The batch is ${x(b.separate.ms.median / b.batch.ms.median)} as fast as separate runs${b.batch.ok && b.separate.ok ? '' : ' (SOME BUILDS FAILED)'}.`, '');
  }
  L.push('## How it is measured', '');
  L.push(
    "- CLI wall times run from spawning `node bin/folio.js …` to its exit. Memory: a worker thread reads /proc every 50 ms. **PSS** (proportional set size: a shared page is divided among the processes that map it; read from smaps_rollup every 500 ms, as it is costly) is the honest figure for Chromium's tree; the summed VmRSS counts the Chromium binary and fonts once per process (10–14 processes), so it is 2–3× higher. \"Node\" is folio's process: its VmHWM, or its PSS for in-process operations.",
  );
  L.push(
    "- The floor prints folio's final HTML from the file (its assets beside it), in a browser launched by folio's own `launchBrowser` (same flags), with `printBackground`, `preferCSSPageSize` and `waitForFonts` as folio prints, and nothing else. folio's `printPdf` of the same HTML adds request interception (Node serves every asset), JavaScript off, and `tagged`/`outline`.",
  );
  L.push(`- Before each section the benchmark waits up to ${MAX_WAIT_S} s for other processes to use less than half a core; a measured run during which they used more than ${QUIET_CORES} cores (CPU time of processes outside the benchmark's tree) is redone, at most as many times as there are runs, and the quietest runs are kept.`);
  L.push('- Growth exponents: log(t₂/t₁) / log(pages₂/pages₁). Sizes of the large report are built once each unless BENCH_SCALE_RUNS says otherwise, so single-size numbers carry the machine\'s noise (see the "other processes" lines).');
  L.push('');
  return `${L.join('\n')}\n`;
}

interface Results {
  startedAt: string;
  finishedAt: string;
  durationS: number;
  machine: Awaited<ReturnType<typeof machine>>;
  settings: Record<string, unknown>;
  loadStart: [number, number, number];
  loadEnd: [number, number, number];
  sections: Section[];
  targets: Target[];
  head?: Head;
  warm?: Warm;
  alternatives?: Alt;
  scale?: Scale;
  batch?: Batch;
}

// ---- main -------------------------------------------------------------------------------------

async function main() {
  const t0 = performance.now();
  const startedAt = new Date().toISOString();
  const loadStart = loadAverage();
  await mkdir(TMP, { recursive: true });
  const found = await findBrowser();
  if (!found) throw new Error('no Chrome/Chromium found (npm run build installs one)');
  const info = await machine(found.path);
  log(`${info.nproc} cores, ${info.cpu}, ${info.chromium}; load ${loadStart.join(' ')}`);
  const sampler = new Sampler(50);
  let head: Head | undefined;
  let warm: Warm | undefined;
  let alt: Alt | undefined;
  let scale: Scale | undefined;
  let batch: Batch | undefined;
  try {
    // The cold builds also write bench/tmp/cold.html (+ assets/): the HTML the later sections print.
    if (want('cold') || !existsSync(COLD_HTML)) head = await headlineSection(sampler, found.path);
    if (want('warm')) warm = await warmSection(sampler);
    if (want('alt')) alt = await altSection(sampler, found.path);
    if (want('scale')) scale = await scaleSection(sampler);
    if (want('batch')) batch = await batchSection(sampler);
  } finally {
    await sampler.close();
  }
  // BENCH_KEEP=1: the sections not run this time come from the last results.json (said in results.md).
  const kept: Partial<Results> = KEEP ? JSON.parse(await readFile(path.join(BENCH, 'results.json'), 'utf8').catch(() => '{}')) : {};
  head ??= kept.head;
  warm ??= kept.warm;
  alt ??= kept.alternatives;
  scale ??= kept.scale;
  batch ??= kept.batch;
  const ran = new Set(sections.map((sec) => sec.name));
  sections.unshift(...(kept.sections ?? []).filter((sec) => !ran.has(sec.name)).map((sec) => ({ ...sec, name: `${sec.name} (kept from ${kept.startedAt})` })));
  const results: Results = {
    startedAt,
    finishedAt: new Date().toISOString(),
    durationS: (performance.now() - t0) / 1000,
    machine: info,
    settings: { RUNS, ALT_RUNS, SCALES, SCALE_RUNS, BATCH_RUNS, ONLY: ONLY && [...ONLY] },
    loadStart,
    loadEnd: loadAverage(),
    sections,
    targets: targets(head, warm, alt, scale),
    head,
    warm,
    alternatives: alt,
    scale,
    batch,
  };
  const round = (_: string, v: unknown) => (typeof v === 'number' && !Number.isInteger(v) ? Math.round(v * 100) / 100 : v);
  await writeFile(path.join(BENCH, 'results.json'), `${JSON.stringify(results, round, 2)}\n`);
  await writeFile(path.join(BENCH, 'results.md'), markdown(results));
  for (const t of results.targets) log(`${t.pass === undefined ? 'n/a ' : t.pass ? 'PASS' : 'MISS'} ${t.name}: ${t.measured}`);
  log(`wrote bench/results.md and bench/results.json in ${(results.durationS / 60).toFixed(1)} min`);
}

await main();
