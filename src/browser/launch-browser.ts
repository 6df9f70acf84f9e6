import os from 'node:os';
import path from 'node:path';
import { mkdtemp, rm } from 'node:fs/promises';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { diagnostic, fail, FolioError } from '../util/diagnostics.ts';
import type { Run } from '../util/stage.ts';
import { findBrowser } from './find-browser.ts';
import { whileRunning } from '../util/cleanup.ts';

export interface LaunchedBrowser {
  browser: Browser;
  executablePath: string;
  close(): Promise<void>;
}

/**
 * Starts headless Chromium for printing: a fresh profile, no background networking (this machine's
 * network is closed and those connections only slow the start), no sandbox when running as root.
 */
export async function launchBrowser(hooks: { onBrowser?(browser: Browser): void } = {}): Promise<LaunchedBrowser> {
  const found = await findBrowser();
  if (!found) fail('browser/not-found', { envPath: process.env.PUPPETEER_EXECUTABLE_PATH ?? '' });
  const userDataDir = await mkdtemp(path.join(os.tmpdir(), 'folio-chromium-'));
  const args = [
    '--disable-gpu',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--disable-quic',
    '--no-first-run',
    '--disable-dev-shm-usage',
    '--font-render-hinting=none',
  ];
  if (process.getuid?.() === 0) args.push('--no-sandbox');
  let browser: Browser;
  try {
    browser = await puppeteer.launch({ executablePath: found.path, headless: true, args, userDataDir, protocolTimeout: 120_000 });
  } catch (e) {
    await rm(userDataDir, { recursive: true, force: true });
    fail('browser/launch-failed', { path: found.path, reason: (e as Error).message.split('\n')[0] }, {}, e);
  }
  hooks.onBrowser?.(browser);
  const kill = async () => {
    // puppeteer starts Chromium in its own process group: end the renderers and helpers with it.
    const pid = browser.process()?.pid;
    if (pid) {
      try {
        process.kill(-pid, 'SIGKILL');
      } catch {
        browser.process()?.kill('SIGKILL');
      }
    }
    await rm(userDataDir, { recursive: true, force: true });
  };
  const done = whileRunning(kill);
  return {
    browser,
    executablePath: found.path,
    async close() {
      done();
      // A crashed browser cannot close itself: make sure its process is gone either way.
      await browser.close().catch(() => undefined);
      await kill();
    },
  };
}

/** A build's browser: the caller's, or one folio launched itself. */
export interface BrowserLease {
  /**
   * Runs `work` with the browser (and, in a browser folio launched, a blank page opened while the
   * data was prepared); when the browser dies under it, once more with a fresh one.
   */
  use<T>(work: (browser: Browser, blank?: Promise<Page>) => Promise<T>): Promise<T>;
  /** Closes the browser folio launched (the caller's stays open). */
  close(): Promise<void>;
}

/**
 * Starts the build's browser now, so Chromium starts while Node loads the data and draws the
 * charts; a failed launch is reported when the browser is first needed (a data error comes first).
 */
export function leaseBrowser(run: Run, hooks: { browser?: Browser; onBrowser?(browser: Browser): void }): BrowserLease {
  const given = hooks.browser;
  if (given) return { use: (work) => work(given), close: async () => undefined };
  const launch = () => {
    const launching = run.stage('launch', () => launchBrowser(hooks), undefined);
    launching.catch(() => undefined);
    return launching;
  };
  let launching = launch();
  // Chromium has nothing to do while Node prepares the HTML: it opens the page meanwhile.
  const blank = launching.then((l) => l.browser.newPage());
  blank.catch(() => undefined);
  return {
    async use(work) {
      const first = await launching;
      try {
        return await work(first.browser, blank);
      } catch (e) {
        // A browser that crashed or was killed gets one more chance, fresh; then the error stands.
        if (!isBrowserGone(e, first.browser)) throw e;
        run.warn('browser/restarted', { reason: firstLine(e) });
        await first.close();
        launching = launch();
        const fresh = await launching;
        try {
          return await work(fresh.browser);
        } catch (again) {
          if (isBrowserGone(again, fresh.browser)) throw new FolioError(diagnostic('browser/crashed', { reason: firstLine(again) }), { cause: again });
          throw again;
        }
      }
    },
    async close() {
      await (await launching.catch(() => undefined))?.close();
    },
  };
}

const firstLine = (e: unknown) => String((e as Error)?.message ?? e).split('\n')[0];

/** The browser died under us (crashed, killed, or closed), rather than the page failing. */
export function isBrowserGone(e: unknown, browser: Browser): boolean {
  const message = String((e as Error)?.message ?? e);
  const cause = String(((e as { cause?: Error })?.cause)?.message ?? '');
  return !browser.connected || /Target closed|Session closed|Connection closed|browser has disconnected|Protocol error/i.test(`${message} ${cause}`);
}
