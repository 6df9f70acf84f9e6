/**
 * Faults: a browser that dies mid-print, a page that never settles, two builds at once, and an
 * interrupted build. Each leaves no stray Chromium, no partial PDF, and the previous PDF intact.
 */
import { describe, expect, it } from 'vitest';
import path from 'node:path';
import { readFile, readdir, writeFile } from 'node:fs/promises';
import { createHash } from 'node:crypto';
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import type { Browser } from 'puppeteer-core';
import { buildReport } from '../../src/index.ts';
import { copyFixture, folioError, miniOptions, ROOT } from '../helpers.ts';

const sha = async (file: string) => createHash('sha256').update(await readFile(file)).digest('hex');
/** A process that exists and is not a zombie (a dead child nobody has reaped yet). */
const running = (pid: number | undefined) => {
  if (!pid) return false;
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
  } catch {
    return false;
  }
};
const settle = () => new Promise((r) => setTimeout(r, 1000));

describe('a browser that dies while printing', () => {
  it('is replaced once: the build succeeds, says so, and leaves no Chromium behind', async () => {
    const dir = await copyFixture();
    const pids: number[] = [];
    let killed = false;
    const result = await buildReport(miniOptions(dir), {
      onBrowser: (b: Browser) => pids.push(b.process()!.pid!),
      onStage: ({ stage }) => {
        // Kill the first browser as soon as it has launched: the print that follows finds it gone.
        if (stage === 'launch' && !killed) {
          killed = true;
          process.kill(pids[0]!, 'SIGKILL');
        }
      },
    });
    expect(result.diagnostics.map((d) => d.code)).toContain('browser/restarted');
    expect((await readFile(result.outFile)).subarray(0, 5).toString()).toBe('%PDF-');
    expect(pids).toHaveLength(2);
    await settle();
    expect(pids.filter(running)).toEqual([]);
  });

  it('fails with a clear error when the fresh one dies too, writing nothing', async () => {
    const dir = await copyFixture();
    const options = miniOptions(dir);
    const pids: number[] = [];
    const error = await folioError(() =>
      buildReport(options, {
        onBrowser: (b: Browser) => pids.push(b.process()!.pid!),
        onStage: ({ stage }) => stage === 'launch' && process.kill(pids.at(-1)!, 'SIGKILL'),
      }),
    );
    expect(error.code).toBe('browser/crashed');
    await expect(readFile(options.out)).rejects.toThrow();
    await settle();
    expect(pids.filter(running)).toEqual([]);
  });
});

describe('a page that never settles', () => {
  it('times out with the stage named', async () => {
    const dir = await copyFixture();
    const error = await folioError(() => buildReport({ ...miniOptions(dir), timeoutMs: 1 }));
    expect(error.code).toBe('stage/timeout');
    expect(error.diagnostics[0]!.message).toMatch(/^The print stage did not finish within 1 ms/);
  });
});

describe('two builds of the same output at once', () => {
  it('never corrupts the file: each build succeeds or says another holds the lock', async () => {
    const dir = await copyFixture();
    const options = miniOptions(dir);
    const results = await Promise.allSettled([buildReport(options), buildReport(options)]);
    for (const r of results) {
      if (r.status === 'rejected') expect(r.reason.code).toBe('output/locked');
    }
    expect(results.some((r) => r.status === 'fulfilled')).toBe(true);
    const bytes = await readFile(options.out);
    expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
    expect(bytes.subarray(-6).toString()).toMatch(/%%EOF/);
    expect((await readdir(path.dirname(options.out))).filter((f) => f.endsWith('.tmp') || f.endsWith('.lock'))).toEqual([]);
  });

  it('refuses while another running process holds the lock, and takes over a dead one', async () => {
    const dir = await copyFixture();
    const options = miniOptions(dir);
    await buildReport(options);
    const before = await sha(options.out);
    await writeFile(`${options.out}.lock`, String(process.ppid));
    expect((await folioError(() => buildReport(options))).code).toBe('output/locked');
    expect(await sha(options.out)).toBe(before);
    await writeFile(`${options.out}.lock`, '999999');
    await buildReport(options);
  });
});

describe('an interrupted build', () => {
  it('closes the browser, removes temporary files, and leaves the previous PDF as it was', async () => {
    const dir = await copyFixture();
    const options = miniOptions(dir);
    await buildReport(options);
    const before = await sha(options.out);
    const child = spawn(process.execPath, [path.join(ROOT, 'bin/folio.js'), 'build', '--data', options.data, '--theme', options.theme, '--assets', options.assets, '--out', options.out], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    await new Promise<void>((resolve) =>
      child.stderr.on('data', (chunk) => {
        stderr += chunk;
        // Interrupt once Chromium is up and printing.
        if (/launch\s/.test(stderr)) resolve();
      }),
    );
    const chromium = await chromiumChildren(child.pid!);
    child.kill('SIGTERM');
    expect(await exited).toBe(143);
    expect(stderr).toContain('SIGTERM: stopping');
    await settle();
    expect(chromium.filter(running)).toEqual([]);
    expect(await sha(options.out)).toBe(before);
    expect((await readdir(path.dirname(options.out))).filter((f) => f.endsWith('.tmp') || f.endsWith('.lock'))).toEqual([]);
  });
});

/** Process ids of the Chromium processes below `pid` (from /proc). */
async function chromiumChildren(pid: number): Promise<number[]> {
  const all = (await readdir('/proc')).filter((d) => /^\d+$/.test(d)).map(Number);
  const parent = new Map<number, number>();
  const command = new Map<number, string>();
  for (const p of all) {
    const stat = await readFile(`/proc/${p}/stat`, 'utf8').catch(() => '');
    const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
    parent.set(p, ppid);
    command.set(p, await readFile(`/proc/${p}/cmdline`, 'utf8').catch(() => ''));
  }
  const below = (p: number): boolean => {
    for (let q = parent.get(p); q; q = parent.get(q)) if (q === pid) return true;
    return false;
  };
  return all.filter((p) => below(p) && /chrom/i.test(command.get(p) ?? ''));
}
