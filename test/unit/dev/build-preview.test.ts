/**
 * The preview's builds over the mini report, with a print that needs no browser: what each build
 * leaves to serve, what it tells the page, and that a stale HTML never replaces a newer one.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import path from 'node:path';
import { rm } from 'node:fs/promises';
import { resolveOptions, type Options } from '../../../src/config/options.ts';
import { createAssetResolver } from '../../../src/theme/assets.ts';
import { PreviewBuilds, type PreviewContext } from '../../../src/dev/build-preview.ts';
import { keepBrowser } from '../../../src/dev/keep-browser.ts';
import { Versions } from '../../../src/dev/queue-rebuilds.ts';
import type { PrintShownInput, ShownPrint } from '../../../src/dev/print-shown.ts';
import { copyFixture, edit, miniOptions } from '../../helpers.ts';

let dir: string;
let options: Options;

beforeAll(async () => {
  dir = await copyFixture();
  options = await resolveOptions(miniOptions(dir));
});
afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

function setup(print: (input: PrintShownInput, builds: PreviewBuilds) => Promise<ShownPrint>) {
  const sent: string[] = [];
  const lines: string[] = [];
  const ctx: PreviewContext = {
    options,
    checks: false,
    versions: new Versions(),
    // Never launched: the print below does not ask for it.
    browser: keepBrowser(async () => {
      throw new Error('no browser in this test');
    }),
    assets: createAssetResolver([]),
    log: (l) => lines.push(l),
    broadcast: (event, data) => {
      if (event === 'reload') sent.push(JSON.stringify(data));
    },
    print: (input) => print(input, builds),
  };
  const builds = new PreviewBuilds(ctx);
  return { builds, sent, lines, ctx };
}

const printed = (pages: Map<string, number>): ShownPrint => ({ pdf: new TextEncoder().encode('%PDF-fake'), pages, warnings: [] });

describe('PreviewBuilds', () => {
  it('serves a good HTML build, tells the page its version, and resolves who waited for it', async () => {
    const { builds, sent, lines } = setup(async () => printed(new Map()));
    const next = builds.nextBuild('html');
    expect(await builds.html()).toBe(true);
    expect(await next).toMatchObject({ ok: true, kind: 'html' });
    expect(builds.shownHtml).toContain('We welcomed 5,555 members');
    expect(builds.view()).toMatchObject({ title: 'Mini Report 2023', htmlVersion: 1, pdfVersion: 0, hasPdf: false });
    expect(sent).toEqual(['{"kind":"html","version":1}']);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^✓ html  (\d+ ms|\d+\.\d\d s)$/);
  });

  it('keeps the last good HTML when a build fails, and says why', async () => {
    const { builds, sent } = setup(async () => printed(new Map()));
    await builds.html();
    const good = builds.shownHtml;
    const figures = path.join(dir, 'data/figures.yaml');
    await edit(figures, (t) => t.replace('returning: 4321', 'returning: [4321'));
    try {
      expect(await builds.html()).toBe(false);
    } finally {
      await edit(figures, (t) => t.replace('returning: [4321', 'returning: 4321'));
    }
    expect(builds.shownHtml).toBe(good);
    expect(builds.last.html?.diagnostics.map((d) => d.code)).toEqual(['data/yaml-syntax']);
    expect(builds.view().htmlVersion).toBe(1);
    expect(sent).toEqual(['{"kind":"html","version":1}']);
  });

  it('prints the HTML shown with the page numbers it was rendered with, and serves the re-rendered HTML', async () => {
    const landed = new Map([['members', 2]]);
    const { builds, sent } = setup(async (input) => {
      expect([input.html, input.pages]).toEqual([builds.shownHtml, builds.htmlPages]);
      input.onRerendered('<html>settled</html>', landed);
      return printed(landed);
    });
    await builds.html();
    await builds.pdf();
    expect([builds.shownHtml, builds.htmlPages, builds.pages]).toEqual(['<html>settled</html>', landed, landed]);
    expect(builds.view()).toMatchObject({ htmlVersion: 2, pdfVersion: 1, hasPdf: true, pdfBuilding: false });
    expect(sent).toEqual(['{"kind":"html","version":1}', '{"kind":"html","version":2}', '{"kind":"pdf","version":1}']);
  });

  it('never serves a re-rendered HTML made from an older one than is shown', async () => {
    const { builds, sent } = setup(async (input) => {
      // A save during the print: a newer HTML is built and served before the print re-renders.
      await builds.html();
      input.onRerendered('<html>stale</html>', new Map([['members', 3]]));
      return printed(new Map([['members', 3]]));
    });
    await builds.html();
    await builds.pdf();
    expect(builds.shownHtml).toContain('We welcomed 5,555 members');
    expect(builds.view()).toMatchObject({ htmlVersion: 2, pdfVersion: 1 });
    expect(sent).toEqual(['{"kind":"html","version":1}', '{"kind":"html","version":2}', '{"kind":"pdf","version":1}']);
  });

  it('keeps the last PDF when a print fails, and rejects waiters once closed', async () => {
    const { builds, sent } = setup(async () => {
      throw new Error('print failed');
    });
    await builds.html();
    const next = builds.nextBuild('pdf');
    await builds.pdf();
    expect(await next).toMatchObject({ ok: false, kind: 'pdf' });
    expect(builds.last.pdf?.diagnostics.map((d) => d.code)).toEqual(['internal/error']);
    expect(builds.view()).toMatchObject({ pdfVersion: 0, hasPdf: false });
    expect(sent).toEqual(['{"kind":"html","version":1}']);

    const waiting = builds.nextBuild('html');
    builds.close();
    await expect(waiting).rejects.toThrow('the preview server is closed');
    await expect(builds.nextBuild('html')).rejects.toThrow('the preview server is closed');
    await expect(builds.write()).rejects.toThrow('the preview server is closed');
  });
});
