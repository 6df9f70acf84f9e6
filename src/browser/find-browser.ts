import { existsSync } from 'node:fs';
import { execFileSync } from 'node:child_process';

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
  const managed = await puppeteerManaged();
  if (managed) return { path: managed, source: 'puppeteer' };
  const system = SYSTEM_BROWSERS.find((p) => existsSync(p)) ?? onPath(['chromium', 'chromium-browser', 'google-chrome']);
  return system ? { path: system, source: 'system' } : undefined;
}

async function puppeteerManaged(): Promise<string | undefined> {
  try {
    const { default: puppeteer } = await import('puppeteer');
    for (const headless of ['shell', true] as const) {
      try {
        const p = puppeteer.executablePath({ headless });
        if (p && existsSync(p)) return p;
      } catch {
        // not installed: try the next kind
      }
    }
  } catch {
    // puppeteer itself not installed yet (first run of the bootstrap)
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
