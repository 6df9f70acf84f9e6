import { existsSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';

export interface BrowserLocation {
  path: string;
  /** Where it was found, for messages: "PUPPETEER_EXECUTABLE_PATH", "puppeteer", "system". */
  source: string;
}

const SYSTEM_BROWSERS = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome-stable',
  '/usr/bin/google-chrome',
  '/snap/bin/chromium',
  '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
  '/Applications/Chromium.app/Contents/MacOS/Chromium',
  'C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe',
];

/**
 * Finds a Chrome/Chromium to print with, in order: PUPPETEER_EXECUTABLE_PATH, a browser puppeteer
 * manages (`npx puppeteer browsers install …`), then a system install. `undefined` when none.
 */
export async function findBrowser(env: NodeJS.ProcessEnv = process.env): Promise<BrowserLocation | undefined> {
  const fromEnv = env.PUPPETEER_EXECUTABLE_PATH;
  if (fromEnv) return existsSync(fromEnv) ? { path: fromEnv, source: 'PUPPETEER_EXECUTABLE_PATH' } : undefined;
  const managed = await puppeteerManaged(env);
  if (managed) return { path: managed, source: 'puppeteer' };
  const system = SYSTEM_BROWSERS.find((p) => existsSync(p)) ?? onPath(['chromium', 'chromium-browser', 'google-chrome']);
  return system ? { path: system, source: 'system' } : undefined;
}

/**
 * A browser installed the way puppeteer installs them (`npx puppeteer browsers install
 * chrome-headless-shell`) into its cache (PUPPETEER_CACHE_DIR, default ~/.cache/puppeteer): the
 * headless shell first, then Chrome, the newest build of each.
 */
async function puppeteerManaged(env: NodeJS.ProcessEnv): Promise<string | undefined> {
  const cacheDir = env.PUPPETEER_CACHE_DIR ?? path.join(os.homedir(), '.cache', 'puppeteer');
  if (!existsSync(cacheDir)) return undefined;
  const { Browser, getInstalledBrowsers } = await import('@puppeteer/browsers');
  const installed = await getInstalledBrowsers({ cacheDir });
  for (const kind of [Browser.CHROMEHEADLESSSHELL, Browser.CHROME]) {
    const newest = installed.filter((b) => b.browser === kind && existsSync(b.executablePath)).sort((a, b) => b.buildId.localeCompare(a.buildId, 'en', { numeric: true }))[0];
    if (newest) return newest.executablePath;
  }
  return undefined;
}

function onPath(names: string[]): string | undefined {
  if (process.platform === 'win32') return undefined;
  for (const name of names) {
    try {
      const found = execFileSync('sh', ['-c', `command -v ${name}`], { encoding: 'utf8' }).trim();
      if (found) return found;
    } catch {
      // not on PATH
    }
  }
  return undefined;
}
