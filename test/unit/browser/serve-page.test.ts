import { EventEmitter } from 'node:events';
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'puppeteer-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { ORIGIN, servePage, type Served } from '../../../src/browser/serve-page.ts';
import { createAssetResolver } from '../../../src/theme/assets.ts';

/** What the page's request handler did with one request. */
type Answer = { kind: 'respond'; status: number; contentType?: string; body: string | Buffer } | { kind: 'continue' } | { kind: 'abort'; reason: string } | { kind: 'unanswered' };

/** The part of a Puppeteer page servePage uses: interception and its `request` events. */
class FakePage extends EventEmitter {
  intercepting = false;
  async setRequestInterception(on: boolean): Promise<void> {
    this.intercepting = on;
  }
  /**
   * Sends a request the way Chromium would, resolving with what the handler answered — or with
   * `unanswered` when no handler listens, or none answers within 10 s (the handler reads at most
   * one small file), so a broken handler fails its test instead of hanging it.
   */
  request(url: string): Promise<Answer> {
    return new Promise((resolve) => {
      const unanswered = setTimeout(() => resolve({ kind: 'unanswered' }), 10_000);
      const answer = (a: Answer) => {
        clearTimeout(unanswered);
        resolve(a);
      };
      const heard = this.emit('request', {
        url: () => url,
        respond: async (r: { status: number; contentType?: string; body: string | Buffer }) => answer({ kind: 'respond', ...r }),
        continue: async () => answer({ kind: 'continue' }),
        abort: async (reason: string) => answer({ kind: 'abort', reason }),
      });
      if (!heard) answer({ kind: 'unanswered' });
    });
  }
}

const HTML = '<!doctype html><title>Report</title>';
let dir: string;
let logo: string;

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'folio-serve-'));
  await mkdir(path.join(dir, 'assets', 'img'), { recursive: true });
  logo = path.join(dir, 'assets', 'img', 'logo one.svg');
  await writeFile(logo, '<svg xmlns="http://www.w3.org/2000/svg"/>');
  await writeFile(path.join(dir, 'secret.txt'), 'not for the page');
});

async function serve(): Promise<{ page: FakePage; served: Served }> {
  const page = new FakePage();
  const served = await servePage(page as unknown as Page, HTML, createAssetResolver([path.join(dir, 'assets')]));
  return { page, served };
}

describe('the page\'s request policy', () => {
  it('intercepts every request and answers the report\'s own address with the HTML from memory', async () => {
    const { page, served } = await serve();
    expect(page.intercepting).toBe(true);
    expect(await page.request(ORIGIN)).toEqual({ kind: 'respond', status: 200, contentType: 'text/html; charset=utf-8', body: HTML });
    expect(served).toEqual({ html: HTML, assetsUsed: new Map(), warnings: [], errors: [] });
  });

  it('serves an asset from the assets folder with its type, and records it without its query', async () => {
    const { page, served } = await serve();
    const answer = await page.request(`${ORIGIN}assets/img/logo%20one.svg?v=2#top`);
    expect(answer).toMatchObject({ kind: 'respond', status: 200, contentType: 'image/svg+xml' });
    expect(String((answer as { body: Buffer }).body)).toBe('<svg xmlns="http://www.w3.org/2000/svg"/>');
    expect([...served.assetsUsed]).toEqual([['assets/img/logo%20one.svg', logo]]);
    expect(served.errors).toEqual([]);
  });

  it('answers a missing asset with 404 and an error naming it and the folders searched', async () => {
    const { page, served } = await serve();
    expect(await page.request(`${ORIGIN}assets/img/no%20such.png`)).toEqual({ kind: 'respond', status: 404, body: '' });
    expect(served.errors).toHaveLength(1);
    expect(served.errors[0]).toMatchObject({ code: 'asset/missing', message: 'Asset assets/img/no such.png does not exist.' });
    expect(served.errors[0]!.hint).toContain(`folio looked in ${path.join(dir, 'assets')}:`);
    expect(served.assetsUsed.size).toBe(0);
  });

  it('names every folder it searched for a missing asset, in order, separated by commas', async () => {
    const page = new FakePage();
    const theme = path.join(dir, 'theme-assets');
    const served = await servePage(page as unknown as Page, HTML, createAssetResolver([path.join(dir, 'assets'), theme]));
    await page.request(`${ORIGIN}assets/img/gone.png`);
    expect(served.errors[0]!.hint).toBe(
      `folio looked in ${path.join(dir, 'assets')}, ${theme}: put images there (the report's own in its assets/ folder) and fonts in fonts/ below them, or install the @fontsource package.`,
    );
  });

  it('refuses a path that leaves the assets folder, as an error', async () => {
    const { page, served } = await serve();
    expect(await page.request(`${ORIGIN}assets/../secret.txt`)).toEqual({ kind: 'respond', status: 404, body: '' });
    expect(served.errors.map((e) => [e.code, e.message])).toEqual([['asset/outside', 'Asset path assets/../secret.txt points outside the assets folders.']]);
    expect(served.assetsUsed.size).toBe(0);
  });

  it('lets inline data through and answers Chromium\'s own favicon request without a word', async () => {
    const { page, served } = await serve();
    expect(await page.request('data:image/png;base64,iVBORw0KGgo=')).toEqual({ kind: 'continue' });
    expect(await page.request(`${ORIGIN}favicon.ico`)).toEqual({ kind: 'respond', status: 404, body: '' });
    expect(served).toEqual({ html: HTML, assetsUsed: new Map(), warnings: [], errors: [] });
  });

  it('blocks every other host and file: URLs, warning with the address (cut at 200 characters)', async () => {
    const { page, served } = await serve();
    const long = `https://example.com/${'x'.repeat(300)}`;
    expect(await page.request('https://cdn.example.com/chart.js')).toEqual({ kind: 'abort', reason: 'blockedbyclient' });
    expect(await page.request('file:///etc/passwd')).toEqual({ kind: 'abort', reason: 'blockedbyclient' });
    expect(await page.request(long)).toEqual({ kind: 'abort', reason: 'blockedbyclient' });
    expect(served.warnings.map((w) => w.code)).toEqual(['print/blocked-request', 'print/blocked-request', 'print/blocked-request']);
    expect(served.warnings[0]!.message).toBe('The page asked for https://cdn.example.com/chart.js; folio blocked it (no network access while printing).');
    expect(served.warnings[1]!.message).toContain('asked for file:///etc/passwd;');
    expect(served.warnings[2]!.message).toContain(`asked for ${long.slice(0, 200)};`);
    expect(served.errors).toEqual([]);
  });

  it('treats a look-alike host as another host', async () => {
    const { page, served } = await serve();
    expect(await page.request('https://folio.invalid.example.com/assets/img/logo%20one.svg')).toEqual({ kind: 'abort', reason: 'blockedbyclient' });
    expect(served.assetsUsed.size).toBe(0);
  });
});
