/** The kept browser, over launches the test counts (no Chromium). */
import { describe, expect, it } from 'vitest';
import type { Browser } from 'puppeteer-core';
import type { LaunchedBrowser } from '../../../src/browser/launch-browser.ts';
import { keepBrowser } from '../../../src/dev/keep-browser.ts';

function fakeLaunches() {
  const launched: { browser: { connected: boolean; id: number }; closed: boolean }[] = [];
  const launch = async (): Promise<LaunchedBrowser> => {
    const entry = { browser: { connected: true, id: launched.length + 1 }, closed: false };
    launched.push(entry);
    return {
      browser: entry.browser as unknown as Browser,
      executablePath: '/usr/bin/chromium',
      close: async () => {
        entry.closed = true;
        entry.browser.connected = false;
      },
    };
  };
  return { launched, launch };
}

describe('keepBrowser', () => {
  it('launches on first use and keeps the browser between uses', async () => {
    const { launched, launch } = fakeLaunches();
    const kept = keepBrowser(launch);
    expect(launched).toHaveLength(0);
    const first = await kept.get();
    expect(await kept.get()).toBe(first);
    expect(launched).toHaveLength(1);
  });

  it('launches again when the browser disconnected, closing what is left of the old one', async () => {
    const { launched, launch } = fakeLaunches();
    const kept = keepBrowser(launch);
    await kept.get();
    launched[0]!.browser.connected = false;
    const second = (await kept.get()) as unknown as { id: number };
    expect([second.id, launched[0]!.closed, launched.length]).toEqual([2, true, 2]);
  });

  it('launches again after a failed launch', async () => {
    const { launched, launch } = fakeLaunches();
    let fail = true;
    const kept = keepBrowser(async () => {
      if (fail) throw new Error('no chromium');
      return launch();
    });
    await expect(kept.get()).rejects.toThrow('no chromium');
    fail = false;
    expect(((await kept.get()) as unknown as { id: number }).id).toBe(1);
    expect(launched).toHaveLength(1);
  });

  it('closes the browser, and refuses to launch one after', async () => {
    const { launched, launch } = fakeLaunches();
    const kept = keepBrowser(launch);
    await kept.get();
    await kept.close();
    expect(launched[0]!.closed).toBe(true);
    await expect(kept.get()).rejects.toThrow('the preview server is closed');
    expect(launched).toHaveLength(1);
  });
});
