/**
 * The settle loop in a real Chromium: a contents whose numbers are placeholders is printed twice
 * on one page (the numbers changed in place), a contents already numbered right once, and a
 * renumbering that changes markup loads the page again.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, type LaunchedBrowser } from '../../src/browser/launch-browser.ts';
import { paginate, type PaginateInput } from '../../src/browser/paginate.ts';
import { closePrintPage } from '../../src/browser/print-pdf.ts';
import { BuildRun } from '../../src/util/stage.ts';
import type { AssetResolver } from '../../src/theme/assets.ts';

const noAssets: AssetResolver = { roots: [], resolve: () => undefined };

/** Three headings, each on a page of its own after the contents; `extra` adds markup to the contents. */
const report = (pages: Map<string, number>, extra = '') => `<!doctype html><html lang="en"><head><title>t</title>
<style>@page { size: 300pt 300pt; margin: 20pt; } section { break-before: page; }</style></head><body>
<nav><ol>${['a', 'b', 'c'].map((id) => `<li><a href="#${id}">Part ${id}</a> <span>${pages.get(id) ?? '00'}</span></li>`).join('')}</ol>${extra}</nav>
${['a', 'b', 'c'].map((id) => `<section><h2 id="${id}">Part ${id}</h2><p>Text.</p></section>`).join('\n')}
</body></html>`;

let chromium: LaunchedBrowser;
beforeAll(async () => void (chromium = await launchBrowser()));
afterAll(() => chromium?.close());

const input = (pages: Map<string, number>, renumber: PaginateInput['renumber'] = (p) => report(p)): PaginateInput => ({
  browser: chromium.browser,
  assets: noAssets,
  timeoutMs: 60_000,
  html: report(pages),
  pages,
  listed: ['a', 'b', 'c'],
  renumber,
});

describe('paginate', () => {
  it('prints placeholders, then the numbers where the headings landed, on the same page', async () => {
    const run = new BuildRun();
    const done = await paginate(input(new Map()), run);
    await closePrintPage(done.page);
    expect(done.passes).toBe(2);
    expect(done.page.loads).toBe(1);
    expect(['a', 'b', 'c'].map((id) => done.pages.get(id))).toEqual([2, 3, 4]);
    expect(done.html).toBe(report(done.pages));
    expect(run.timings.map((t) => t.stage)).toEqual(['print', 'html', 'print']);
    expect(run.diagnostics).toEqual([]);
  });

  it('prints once when the contents is numbered right already', async () => {
    const done = await paginate(input(new Map([['a', 2], ['b', 3], ['c', 4]])), new BuildRun());
    await closePrintPage(done.page);
    expect(done.passes).toBe(1);
  });

  it('loads the page again when the renumbered HTML differs in more than text', async () => {
    const done = await paginate(input(new Map(), (p) => report(p, '<p>numbered</p>')), new BuildRun());
    await closePrintPage(done.page);
    expect(done.passes).toBe(2);
    expect(done.page.loads).toBe(2);
    expect(['a', 'b', 'c'].map((id) => done.pages.get(id))).toEqual([2, 3, 4]);
  });
});
