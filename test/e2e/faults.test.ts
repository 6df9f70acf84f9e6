/**
 * Faults: a browser that dies mid-print, a page that never settles, two builds at once, and an
 * interrupted build. Each leaves no stray Chromium, no partial PDF, and the previous PDF intact.
 * Nothing here waits a fixed time: each test waits for an event, or polls a condition with a
 * generous limit. (Locks and atomic writes themselves are proven in test/unit/output.)
 */
import { describe, expect, it, vi } from 'vitest';
import path from 'node:path';
import { readFile, readdir, writeFile } from 'node:fs/promises';
import { createHash } from 'node:crypto';
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import type { Browser, HTTPRequest, Page } from 'puppeteer-core';
import { buildReport } from '../../src/index.ts';
import { launchBrowser } from '../../src/browser/launch-browser.ts';
import { copyFixture, edit, folioError, miniOptions, ROOT } from '../helpers.ts';

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
/** Waits (polling, up to 30 s) until none of `pids` runs: a killed process takes a moment to go. */
const allGone = (pids: number[]) => vi.waitFor(() => expect(pids.filter(running)).toEqual([]), { timeout: 30_000, interval: 100 });
const leftovers = async (dir: string) => (await readdir(dir)).filter((f) => f.endsWith('.tmp') || f.endsWith('.lock'));

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
    await allGone(pids);
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
    await allGone(pids);
  });
});

describe('a page that never settles', () => {
  it('times out after the limit set, with the stage named, writing nothing', async () => {
    // A stylesheet the page asks for and never gets: its load event never comes, however fast the machine.
    const dir = await copyFixture();
    await writeFile(path.join(dir, 'assets/never.css'), 'body { color: black; }');
    await edit(path.join(dir, 'templates/layout.hbs'), (t) => t.replace('</head>', '<link rel="stylesheet" href="assets/never.css">\n</head>'));
    const options = { ...miniOptions(dir), timeoutMs: 3000 };
    const launched = await launchBrowser();
    try {
      const error = await folioError(() => buildReport(options, { browser: neverAnswering(launched.browser, /\/assets\/never\.css$/) }));
      expect(error.diagnostics.map((d) => d.code)).toEqual(['stage/timeout']);
      expect(error.diagnostics[0]!.message).toMatch(/^The print stage did not finish within 3000 ms/);
      await expect(readFile(options.out)).rejects.toThrow();
    } finally {
      await launched.close();
    }
  });
});

/**
 * `browser`, but its pages never answer a request whose URL matches `url`: folio's request handler
 * (servePage) is not told of it, so the request stays pending, as one to a server that hangs would.
 */
function neverAnswering(browser: Browser, url: RegExp): Browser {
  const page = (real: Page) =>
    new Proxy(real, {
      get(target, key) {
        if (key === 'on') {
          return (event: string, handler: (r: HTTPRequest) => void) =>
            target.on(event as 'request', event === 'request' ? (r: HTTPRequest) => void (url.test(r.url()) || handler(r)) : handler);
        }
        const value = Reflect.get(target, key, target);
        return typeof value === 'function' ? value.bind(target) : value;
      },
    });
  return new Proxy(browser, {
    get(target, key) {
      if (key === 'newPage') return async () => page(await target.newPage());
      const value = Reflect.get(target, key, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}

describe('two builds of the same output at once', () => {
  it('never corrupts the file: both finish, and it is the whole PDF one of them built, with nothing left beside it', async () => {
    const dir = await copyFixture();
    const options = miniOptions(dir);
    // In one process the second build takes the lock over (its holder is this very process); the
    // writes stay whole because each goes to its own temporary file and is renamed into place.
    const built = await Promise.all([buildReport(options), buildReport(options)]);
    // (The mini report has no date, so each build is dated by the clock: their bytes may differ.)
    const file = await readFile(options.out);
    expect(built.some((b) => file.equals(Buffer.from(b.pdf)))).toBe(true);
    expect(await leftovers(path.dirname(options.out))).toEqual([]);
  });
});

describe('an interrupted build', () => {
  it('closes the browser, removes temporary files, and leaves the previous PDF as it was', async () => {
    const dir = await copyFixture();
    const options = miniOptions(dir);
    await buildReport(options);
    const before = await sha(options.out);
    const child = spawn(process.execPath, [path.join(ROOT, 'bin/folio.js'), 'build', '--data', options.data, '--theme', options.theme, '--assets', options.assets, '--out', options.out, '--timeout', '600000'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    // Once Chromium is up, freeze it (SIGSTOP) in the same tick the progress line arrives: the
    // build then cannot print, let alone write, until it is interrupted, however fast the machine.
    const chromium = await new Promise<number[]>((resolve, reject) => {
      child.stderr.on('data', (chunk) => {
        stderr += chunk;
        if (!/launch\s/.test(stderr)) return;
        const pids = chromiumChildren(child.pid!);
        for (const pid of pids) process.kill(pid, 'SIGSTOP');
        resolve(pids);
      });
      child.on('exit', () => reject(new Error(`the build ended before it launched Chromium:\n${stderr}`)));
    });
    expect(chromium.length).toBeGreaterThan(0);
    child.kill('SIGTERM');
    expect(await exited).toBe(143);
    expect(stderr).toContain('SIGTERM: stopping; the previous output is unchanged.');
    expect(stderr).not.toMatch(/print\s/);
    await allGone(chromium);
    expect(await sha(options.out)).toBe(before);
    expect(await leftovers(path.dirname(options.out))).toEqual([]);
  });
});

/** Process ids of the Chromium processes below `pid` (from /proc, read at once: the caller acts in the same tick). */
function chromiumChildren(pid: number): number[] {
  const all = readdirSync('/proc').filter((d) => /^\d+$/.test(d)).map(Number);
  const parent = new Map<number, number>();
  const command = new Map<number, string>();
  const read = (file: string) => {
    try {
      return readFileSync(file, 'utf8');
    } catch {
      return ''; // gone meanwhile
    }
  };
  for (const p of all) {
    const stat = read(`/proc/${p}/stat`);
    parent.set(p, Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]));
    command.set(p, read(`/proc/${p}/cmdline`));
  }
  const below = (p: number): boolean => {
    for (let q = parent.get(p); q; q = parent.get(q)) if (q === pid) return true;
    return false;
  };
  return all.filter((p) => below(p) && /chrom/i.test(command.get(p) ?? ''));
}
