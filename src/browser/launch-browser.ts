import os from 'node:os';
import path from 'node:path';
import { mkdtemp, rm } from 'node:fs/promises';
import puppeteer, { type Browser } from 'puppeteer-core';
import { fail } from '../util/diagnostics.ts';
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
