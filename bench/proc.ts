/**
 * Linux /proc measurements for the benchmark:
 * - `Sampler`: peak memory of a process tree, sampled every 50 ms on a worker thread (so a busy
 *   event loop in the benchmark's own process does not stop the sampling). Processes are put in
 *   three groups by name: `node`, `chromium` (anything whose name contains "chrom"), `other`.
 *   For each group it keeps the peak of the summed VmRSS over the samples, and the sum of each
 *   process's VmHWM (its own peak; an upper bound, as the peaks need not coincide).
 *   RSS counts shared pages (the Chromium binary, fonts) once per process, so a sum over a
 *   Chromium tree overstates it a lot; the peak of the summed PSS (from smaps_rollup, which is
 *   costly to read, so every 10th sample) is the honest figure, and RssAnon + RssShmem a cheap one.
 * - `cpuMeter`: how many cores *other* processes used during a section (all busy time in
 *   /proc/stat minus this process and its descendants), to tell a noisy run from a slow one.
 */
import { readFileSync, readdirSync } from 'node:fs';
import os from 'node:os';
import { Worker } from 'node:worker_threads';

export interface GroupPeak {
  /** Peak over the samples of the summed VmRSS of the group, in KiB. */
  rssKb: number;
  /** Peak of the summed RssAnon + RssShmem (memory the processes do not share with files), in KiB. */
  anonKb: number;
  /** Peak of the summed Pss (proportional set size: shared pages divided among their users), in KiB; sampled every 10th tick. */
  pssKb: number;
  /** Sum over the group's processes of each one's VmHWM (peak RSS), in KiB. */
  hwmKb: number;
  processes: number;
}

export interface MemoryPeak {
  node: GroupPeak;
  chromium: GroupPeak;
  other: GroupPeak;
  /** Peak over the samples of the summed VmRSS of the whole tree, in KiB. */
  totalRssKb: number;
  samples: number;
}

/**
 * Every process (pid:start time) a sampler has seen in a tree it watched. Chromium's helpers outlive
 * the tree when a build kills its browser: re-parented to init, which here leaves them as zombies,
 * they would otherwise count as "other processes".
 */
export const seenInOurTrees = new Set<string>();

const WORKER = `
const { parentPort } = require('node:worker_threads');
const fs = require('node:fs');
let timer = null;
let win = null;
function stat(pid) {
  const s = fs.readFileSync('/proc/' + pid + '/stat', 'utf8');
  const close = s.lastIndexOf(')');
  const comm = s.slice(s.indexOf('(') + 1, close);
  const f = s.slice(close + 2).split(' ');
  return { pid, comm, ppid: Number(f[1]), pgid: Number(f[2]), key: pid + ':' + f[19] };
}
function status(pid) {
  const t = fs.readFileSync('/proc/' + pid + '/status', 'utf8');
  const num = (re) => { const m = re.exec(t); return m ? Number(m[1]) : 0; };
  return { rss: num(/VmRSS:\\s+(\\d+)/), hwm: num(/VmHWM:\\s+(\\d+)/), anon: num(/RssAnon:\\s+(\\d+)/) + num(/RssShmem:\\s+(\\d+)/) };
}
function pss(pid) {
  const m = /\\nPss:\\s+(\\d+)/.exec(fs.readFileSync('/proc/' + pid + '/smaps_rollup', 'utf8'));
  return m ? Number(m[1]) : 0;
}
function group(comm) {
  if (comm === 'node' || comm === 'MainThread') return 'node';
  if (/chrom/i.test(comm)) return 'chromium';
  return 'other';
}
function tree(root, includeRoot) {
  const all = [];
  for (const d of fs.readdirSync('/proc')) {
    if (!/^\\d+$/.test(d)) continue;
    try { all.push(stat(Number(d))); } catch {}
  }
  const byPid = new Map(all.map((p) => [p.pid, p]));
  const kids = new Map();
  for (const p of all) { if (!kids.has(p.ppid)) kids.set(p.ppid, []); kids.get(p.ppid).push(p); }
  const out = [];
  const seen = new Set([root]);
  if (includeRoot && byPid.has(root)) out.push(byPid.get(root));
  const stack = [root];
  while (stack.length) {
    const pid = stack.pop();
    for (const c of kids.get(pid) || []) if (!seen.has(c.pid)) { seen.add(c.pid); out.push(c); stack.push(c.pid); }
  }
  // Chromium helpers re-parented away from the tree still carry their browser's process group.
  const rootGroup = byPid.get(root) ? byPid.get(root).pgid : -1;
  const groups = new Set(out.map((p) => p.pgid).filter((g) => g !== rootGroup));
  for (const p of all) if (!seen.has(p.pid) && groups.has(p.pgid)) { seen.add(p.pid); out.push(p); }
  return out;
}
function sample(force) {
  if (!win) return;
  const withPss = force === true || win.samples % 10 === 0;
  const sums = { node: [0, 0, 0], chromium: [0, 0, 0], other: [0, 0, 0] };
  let total = 0;
  for (const p of tree(win.root, win.includeRoot)) {
    let m;
    try { m = status(p.pid); } catch { continue; }
    const g = group(p.comm);
    sums[g][0] += m.rss;
    sums[g][1] += m.anon;
    if (withPss) { try { sums[g][2] += pss(p.pid); } catch {} }
    total += m.rss;
    win.seen.add(p.key);
    const prev = win.hwm.get(p.pid);
    win.hwm.set(p.pid, { group: g, hwm: Math.max(prev ? prev.hwm : 0, m.hwm) });
  }
  for (const g of ['node', 'chromium', 'other']) {
    win.peak[g][0] = Math.max(win.peak[g][0], sums[g][0]);
    win.peak[g][1] = Math.max(win.peak[g][1], sums[g][1]);
    if (withPss) win.peak[g][2] = Math.max(win.peak[g][2], sums[g][2]);
  }
  win.total = Math.max(win.total, total);
  win.samples++;
}
parentPort.on('message', (m) => {
  if (m.cmd === 'start') {
    win = { root: m.root, includeRoot: m.includeRoot, peak: { node: [0, 0, 0], chromium: [0, 0, 0], other: [0, 0, 0] }, total: 0, hwm: new Map(), samples: 0, seen: new Set() };
    sample();
    timer = setInterval(sample, m.intervalMs);
  } else if (m.cmd === 'stop') {
    clearInterval(timer);
    sample(true);
    const result = { totalRssKb: win.total, samples: win.samples, seen: [...win.seen] };
    for (const g of ['node', 'chromium', 'other']) {
      const procs = [...win.hwm.values()].filter((v) => v.group === g);
      result[g] = { rssKb: win.peak[g][0], anonKb: win.peak[g][1], pssKb: win.peak[g][2], hwmKb: procs.reduce((s, v) => s + v.hwm, 0), processes: procs.length };
    }
    win = null;
    parentPort.postMessage(result);
  } else if (m.cmd === 'exit') {
    process.exit(0);
  }
});
`;

/** Peak memory of a process tree over a window (start … stop), sampled every `intervalMs`. */
export class Sampler {
  private worker = new Worker(WORKER, { eval: true });
  private busy = false;

  constructor(private intervalMs = 50) {
    this.worker.unref();
  }

  start(root: number, includeRoot: boolean): void {
    if (this.busy) throw new Error('sampler already running');
    this.busy = true;
    this.worker.postMessage({ cmd: 'start', root, includeRoot, intervalMs: this.intervalMs });
  }

  stop(): Promise<MemoryPeak> {
    return new Promise((resolve) => {
      this.worker.once('message', ({ seen, ...m }: MemoryPeak & { seen: string[] }) => {
        this.busy = false;
        for (const key of seen) seenInOurTrees.add(key);
        resolve(m);
      });
      this.worker.postMessage({ cmd: 'stop' });
    });
  }

  async close(): Promise<void> {
    await this.worker.terminate();
  }
}

/** Measures `fn` with the sampler running on `root`'s tree. */
export async function withMemory<T>(sampler: Sampler, root: number, includeRoot: boolean, fn: () => Promise<T>): Promise<{ value: T; memory: MemoryPeak }> {
  sampler.start(root, includeRoot);
  try {
    const value = await fn();
    return { value, memory: await sampler.stop() };
  } catch (e) {
    await sampler.stop();
    throw e;
  }
}

// ---- CPU used by other processes ----------------------------------------------------------------

interface ProcCpu {
  pid: number;
  ppid: number;
  /** Start time (jiffies since boot): a pid with another start time is another process. */
  start: string;
  /** utime + stime + cutime + cstime, in jiffies. */
  cpu: number;
}

function processes(): ProcCpu[] {
  const rows: ProcCpu[] = [];
  for (const d of readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    try {
      const s = readFileSync(`/proc/${d}/stat`, 'utf8');
      const f = s.slice(s.lastIndexOf(')') + 2).split(' ');
      // fields after the name: 0 state, 1 ppid, … 11 utime, 12 stime, 13 cutime, 14 cstime, … 19 starttime
      rows.push({ pid: Number(d), ppid: Number(f[1]), start: f[19] ?? '', cpu: Number(f[11]) + Number(f[12]) + Number(f[13]) + Number(f[14]) });
    } catch {
      // gone
    }
  }
  return rows;
}

/** This process and its live descendants. */
function ours(rows: ProcCpu[]): Set<number> {
  const kids = new Map<number, number[]>();
  for (const r of rows) kids.set(r.ppid, [...(kids.get(r.ppid) ?? []), r.pid]);
  const set = new Set([process.pid]);
  const stack = [process.pid];
  while (stack.length) for (const c of kids.get(stack.pop()!) ?? []) if (!set.has(c)) (set.add(c), stack.push(c));
  return set;
}

export interface CpuReading {
  /**
   * Average number of cores other processes kept busy during the window: the CPU time (with their
   * reaped children) of every process outside this benchmark's tree, except init (pid 1), which
   * inherits and reaps the orphaned helpers of every killed Chromium, and processes the memory
   * sampler saw in one of our trees.
   */
  otherCores: number;
  /** Average number of cores the whole machine was busy. */
  machineCores: number;
  seconds: number;
}

function machineBusy(): { busy: number; total: number } {
  const f = readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/).slice(1).map(Number);
  const total = f.slice(0, 8).reduce((a, b) => a + b, 0);
  return { busy: total - (f[3] ?? 0) - (f[4] ?? 0), total };
}

/** Starts a CPU window; call the result to end it. */
export function cpuMeter(): () => CpuReading {
  const before = processes();
  const oursBefore = ours(before);
  const cpu0 = new Map(before.map((r) => [`${r.pid}:${r.start}`, r.cpu]));
  const m0 = machineBusy();
  const t0 = performance.now();
  return () => {
    const after = processes();
    const m1 = machineBusy();
    const seconds = (performance.now() - t0) / 1000;
    const oursAfter = ours(after);
    const cores = os.availableParallelism?.() ?? os.cpus().length;
    let other = 0;
    for (const r of after) {
      if (r.pid === 1 || oursAfter.has(r.pid) || oursBefore.has(r.pid) || seenInOurTrees.has(`${r.pid}:${r.start}`)) continue;
      other += Math.max(0, r.cpu - (cpu0.get(`${r.pid}:${r.start}`) ?? 0));
    }
    // A process that ended and was reaped by a parent counted above moved all its CPU time into the
    // parent's cutime/cstime, including what it had used before the window: take that part back.
    const alive = new Set(after.map((r) => `${r.pid}:${r.start}`));
    const parents = new Set(after.filter((r) => r.pid !== 1 && !oursAfter.has(r.pid) && !oursBefore.has(r.pid) && !seenInOurTrees.has(`${r.pid}:${r.start}`)).map((r) => r.pid));
    for (const r of before) if (!alive.has(`${r.pid}:${r.start}`) && parents.has(r.ppid) && !oursBefore.has(r.pid)) other -= r.cpu;
    const dTotal = Math.max(1, m1.total - m0.total);
    return { otherCores: Math.min(cores, (Math.max(0, other) / dTotal) * cores), machineCores: ((m1.busy - m0.busy) / dTotal) * cores, seconds };
  };
}

export function loadAverage(): [number, number, number] {
  const [a, b, c] = readFileSync('/proc/loadavg', 'utf8').trim().split(/\s+/).map(Number);
  return [a ?? 0, b ?? 0, c ?? 0];
}
