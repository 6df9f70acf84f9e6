/**
 * One Chromium kept open between the preview's prints (a launch costs about a second), started on
 * the first print and started again if it crashed or was closed from outside.
 */
import type { Browser } from 'puppeteer-core';
import { launchBrowser, type LaunchedBrowser } from '../browser/launch-browser.ts';

export interface KeptBrowser {
  /** The browser, launched now if there is none or it disconnected. */
  get(): Promise<Browser>;
  /** Closes it (a print in progress ends with an error); `get` fails from then on. */
  close(): Promise<void>;
}

export function keepBrowser(launch: () => Promise<LaunchedBrowser> = () => launchBrowser()): KeptBrowser {
  let launched: Promise<LaunchedBrowser> | undefined;
  let closed = false;
  return {
    async get() {
      if (closed) throw new Error('the preview server is closed');
      const current = await launched?.catch(() => undefined);
      if (current?.browser.connected) return current.browser;
      await current?.close().catch(() => undefined);
      launched = launch();
      return (await launched).browser;
    },
    async close() {
      closed = true;
      const current = await launched?.catch(() => undefined);
      await current?.close();
    },
  };
}
