/**
 * `folio dev`: the live preview. A change to the data re-renders the HTML and tells the page to
 * reload; the PDF follows; a broken file shows its diagnostics without stopping the server;
 * Write PDF writes the real thing; close() leaves no browser behind.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import http from 'node:http';
import path from 'node:path';
import { readFile, rename, rm, writeFile } from 'node:fs/promises';
import { startPreview, type PreviewServer } from '../../src/dev/serve-preview.ts';
import { launchBrowser } from '../../src/browser/launch-browser.ts';
import { pageGeometry, toPoints } from '../../src/config/options.ts';
import { copyFixture, edit, miniOptions, pdfText, ROOT, run } from '../helpers.ts';
import { display } from '../../src/util/display.ts';

let dir: string;
let server: PreviewServer;
const log: string[] = [];
let events = '';
let stopEvents: AbortController;
let eventsEnded: Promise<void>;
const times: string[] = [];
/** The file watches open in this process before the preview started (fs.watch handles). */
let watchesBefore = 0;
const fsWatches = () => process.getActiveResourcesInfo().filter((r) => r === 'FSEventWrap').length;

const get = async (p: string) => {
  const res = await fetch(new URL(p, server.url));
  return { status: res.status, type: res.headers.get('content-type') ?? '', csp: res.headers.get('content-security-policy') ?? '', text: await res.text() };
};

/** A request with headers `fetch` would not let a page set (Host, Origin). */
function raw(method: string, p: string, headers: Record<string, string>): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = http.request(new URL(p, server.url), { method, headers }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('error', reject);
    req.end();
  });
}

async function until(what: string, ok: () => boolean | Promise<boolean>, ms = 60_000): Promise<void> {
  const end = Date.now() + ms;
  while (!(await ok())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

const status = async () =>
  JSON.parse((await get('/status')).text) as { htmlVersion: number; pdfVersion: number; pdfBuilding: boolean; writing: boolean; html?: { ok: boolean }; write?: { ok: boolean; outFile: string } };
const idle = () => until('the preview to be idle', async () => { const s = await status(); return s.pdfVersion > 0 && !s.pdfBuilding; });

/** Chromium processes started by this test process (its descendants), not other runs'. */
async function myChromium(): Promise<number[]> {
  const { stdout } = await run('ps', ['-eo', 'pid=,ppid=,args=']);
  const procs = stdout.trim().split('\n').map((line) => {
    const [, pid, ppid, args] = /^\s*(\d+)\s+(\d+)\s+(.*)$/.exec(line)!;
    return { pid: Number(pid), ppid: Number(ppid), args: args! };
  });
  const mine = new Set([process.pid]);
  for (let grew = true; grew; ) {
    grew = false;
    for (const p of procs) if (mine.has(p.ppid) && !mine.has(p.pid)) mine.add(p.pid), (grew = true);
  }
  return procs.filter((p) => mine.has(p.pid) && p.args.includes('folio-chromium')).map((p) => p.pid);
}

beforeAll(async () => {
  dir = await copyFixture();
  watchesBefore = fsWatches();
  server = await startPreview(miniOptions(dir), { port: 0, log: (line) => log.push(line) });
  stopEvents = new AbortController();
  const res = await fetch(new URL('/events', server.url), { signal: stopEvents.signal });
  const reader = res.body!.getReader();
  const decoder = new TextDecoder();
  eventsEnded = (async () => {
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) return;
        events += decoder.decode(value, { stream: true });
      }
    } catch {
      // aborted
    }
  })();
  await until('the first status event', () => events.includes('event: status'));
});

afterAll(async () => {
  stopEvents?.abort();
  await server?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
  if (times.length) console.log(`folio dev rebuild times (mini report):\n  ${times.join('\n  ')}`);
});

describe('folio dev', () => {
  it('serves the preview page, the report and its assets on 127.0.0.1 only', async () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    const page = await get('/');
    expect(page.status).toBe(200);
    expect(page.text).toContain('Write PDF');
    expect(page.text).toContain('/events');
    expect(page.text).toContain('/report.html');

    const report = await get('/report.html');
    expect(report.status).toBe(200);
    expect(report.type).toMatch(/^text\/html/);
    expect(report.text).toContain('Mini Report');
    expect(report.text).toContain('We welcomed 5,555 members');
    // The printed report never runs JavaScript, in the preview either.
    expect(report.text).not.toMatch(/<script/i);
    expect(report.csp).toContain("script-src 'none'");

    expect((await get('/assets/dot.svg')).type).toBe('image/svg+xml');
    const font = await get('/assets/fonts/inter-latin-400-normal.woff2');
    expect([font.status, font.type]).toEqual([200, 'font/woff2']);
    expect((await get('/assets/nothing.svg')).status).toBe(404);
    expect((await get('/assets/..%2Fdata%2Ffigures.yaml')).status).toBe(403);
    expect((await get('/data/figures.yaml')).status).toBe(404);
    // Another name for this machine (DNS rebinding) is refused.
    expect(await raw('GET', '/report.html', { Host: `evil.example:${server.port}` })).toBe(403);
  });

  it('re-renders on a change, tells the page to reload, and the PDF follows', async () => {
    await idle();
    const seen = events.length;
    const nextHtml = server.nextBuild('html');
    const nextPdf = server.nextBuild('pdf');
    const saved = performance.now();
    await edit(path.join(dir, 'data/figures.yaml'), (t) => t.replace('new: 1234', 'new: 1235'));

    const before = await status();
    const html = await nextHtml;
    const htmlWall = performance.now() - saved;
    expect(html).toMatchObject({ ok: true, kind: 'html' });
    expect((await get('/report.html')).text).toContain('We welcomed 5,556 members');
    const htmlReload = `event: reload\ndata: {"kind":"html","version":${before.htmlVersion + 1}}\n\n`;
    await until('the HTML reload event', () => events.slice(seen).includes(htmlReload));

    const pdf = await nextPdf;
    const pdfWall = performance.now() - saved;
    expect(pdf).toMatchObject({ ok: true, kind: 'pdf' });
    const pdfReload = `event: reload\ndata: {"kind":"pdf","version":${before.pdfVersion + 1}}\n\n`;
    await until('the PDF reload event', () => events.slice(seen).includes(pdfReload));
    // The page is told once per build, the HTML before the PDF printed from it.
    expect(events.slice(seen).indexOf(htmlReload)).toBeLessThan(events.slice(seen).indexOf(pdfReload));
    expect((await status()).pdfVersion).toBe(before.pdfVersion + 1);
    const served = await fetch(new URL('/report.pdf', server.url));
    expect(served.headers.get('content-type')).toBe('application/pdf');
    const file = path.join(dir, 'preview.pdf');
    await writeFile(file, new Uint8Array(await served.arrayBuffer()));
    expect((await pdfText(file)).replace(/\s+/g, ' ')).toContain('5,556');

    times.push(
      `HTML ${Math.round(html.ms)} ms (save → HTML served ${Math.round(htmlWall)} ms, incl. the ${100} ms debounce)`,
      `PDF ${Math.round(pdf.ms)} ms (save → PDF served ${Math.round(pdfWall)} ms)`,
    );
  });

  it('shows a broken file in the page and the terminal, keeps serving, and clears when fixed', async () => {
    const figures = path.join(dir, 'data/figures.yaml');
    const good = await readFile(figures, 'utf8');

    // Saved as many editors save: a new file renamed over the old one. The saves after it write
    // in place, and must still be seen.
    let next = server.nextBuild();
    const swap = path.join(dir, 'data/.figures.yaml.save');
    await writeFile(swap, good.replace('returning: 4321', 'returning: [4321'));
    await rename(swap, figures);
    const broken = await next;
    expect(broken.ok).toBe(false);
    expect(broken.diagnostics.map((d) => d.code)).toContain('data/yaml-syntax');
    expect(broken.diagnostics[0]!.file).toMatch(/figures\.yaml$/);
    expect(broken.diagnostics[0]!.line).toBeGreaterThan(0);
    const page = await get('/');
    expect(page.status).toBe(200);
    expect(page.text).toContain('data/yaml-syntax');
    expect(page.text).toMatch(/figures\.yaml:\d+/);
    expect(page.text).not.toMatch(/id="problems" role="alert" hidden/);
    expect(log.join('\n')).toContain('data/yaml-syntax');
    // The last good report stays up under the overlay.
    expect((await get('/report.html')).text).toContain('We welcomed 5,556 members');

    // What the data says is shown as text, never as markup.
    next = server.nextBuild();
    await writeFile(figures, good.replace('new: 1235', 'new: "<img src=x onerror=alert(1)>"'));
    const unsafe = await next;
    expect(unsafe.diagnostics.map((d) => d.code)).toContain('data/schema');
    const shown = (await get('/')).text;
    expect(shown).toContain('data/schema');
    expect(shown).not.toContain('<img src=x');
    expect(shown).toContain('&#60;img src=x');

    next = server.nextBuild();
    await writeFile(figures, good);
    const fixed = await next;
    expect(fixed.ok).toBe(true);
    const clean = (await get('/')).text;
    expect(clean).not.toContain('data/yaml-syntax');
    expect(clean).not.toContain('data/schema');
    expect(clean).toMatch(/id="problems" role="alert" hidden/);
    expect((await status()).html?.ok).toBe(true);
  });

  it('writes the PDF on request, and refuses requests from other sites', async () => {
    expect(await raw('POST', '/write-pdf', { Origin: 'http://evil.example' })).toBe(403);
    expect((await get('/write-pdf')).status).toBe(405);

    await idle();
    const before = await status();
    const previewFile = path.join(dir, 'preview-before-write.pdf');
    await writeFile(previewFile, new Uint8Array(await (await fetch(new URL('/report.pdf', server.url))).arrayBuffer()));
    // The preview's print skips the post-processing: no PDF/UA identification.
    expect((await run('pdfinfo', ['-meta', previewFile])).stdout).not.toContain('pdfuaid:part');
    const seen = events.length;

    const res = await fetch(new URL('/write-pdf', server.url), { method: 'POST' });
    const result = (await res.json()) as { ok: boolean; outFile: string; ms: number };
    expect(res.status).toBe(200);
    expect(result.ok).toBe(true);
    expect(result.outFile).toBe(path.join(dir, 'out', 'mini.pdf'));
    // What was written went through the whole pipeline, as folio build writes it.
    const written = await readFile(result.outFile);
    expect((await run('pdfinfo', ['-meta', result.outFile])).stdout).toContain('<pdfuaid:part>1</pdfuaid:part>');
    expect((await pdfText(result.outFile)).replace(/\s+/g, ' ')).toContain('We welcomed 5,556 members');
    const writtenHtml = await readFile(path.join(dir, 'out', 'mini.html'), 'utf8');
    expect(writtenHtml).toContain('We welcomed 5,556 members');
    expect(writtenHtml).not.toContain('data-folio-dev');
    // The preview now shows the PDF written, and the page was told so.
    const served = new Uint8Array(await (await fetch(new URL('/report.pdf', server.url))).arrayBuffer());
    expect(Buffer.compare(Buffer.from(served), written)).toBe(0);
    const after = await status();
    expect([after.pdfVersion, after.writing, after.write?.ok, after.write?.outFile]).toEqual([before.pdfVersion + 1, false, true, result.outFile]);
    await until('the PDF reload event', () => events.slice(seen).includes(`event: reload\ndata: {"kind":"pdf","version":${before.pdfVersion + 1}}\n\n`));
    expect(log.filter((l) => l.startsWith('✓ wrote ')).map((l) => l.replace(/ in \d.*$/, ''))).toEqual([`✓ wrote ${display(result.outFile)}`]);
    times.push(`Write PDF (full build, with checks) ${Math.round(result.ms)} ms`);
  });

  it('closes cleanly: no server, no watcher, no browser left', async () => {
    const chromium = await myChromium();
    expect(chromium.length).toBeGreaterThan(0);
    await server.close();
    await eventsEnded;
    await expect(fetch(server.url)).rejects.toThrow();
    await until('the browser to exit', async () => (await myChromium()).length === 0, 30_000);
    const left = (await run('pgrep', ['-f', 'folio-chromium']).catch(() => ({ stdout: '' }))).stdout.split('\n').map(Number);
    expect(left.filter((pid) => chromium.includes(pid))).toEqual([]);
    // No watch is left open, so a change after close cannot reach a build (a closed handle
    // leaves the event loop's list a turn after close). The queue's own tests show a change
    // already waiting for its debounce is dropped on close.
    await until('the watches to close', () => fsWatches() === watchesBefore, 30_000);
    await expect(server.nextBuild()).rejects.toThrow('the preview server is closed');
    await expect(server.writePdf()).rejects.toThrow('the preview server is closed');
  });
});

describe('folio dev: the HTML pane', () => {
  it('shows each section on a sheet the size of its page, full-bleed pages (the cover first) exactly the page', async () => {
    const preview = await startPreview(
      { data: path.join(ROOT, 'data/psf-2023'), theme: path.join(ROOT, 'templates'), assets: path.join(ROOT, 'assets'), out: path.join(dir, 'out', 'psf.pdf') },
      { port: 0, log: () => {} },
    );
    const chromium = await launchBrowser();
    try {
      const page = await chromium.browser.newPage();
      await page.setViewport({ width: 1400, height: 900 });
      await page.goto(new URL('/report.html', preview.url).href, { waitUntil: 'load' });
      // Chromium's CSS pixel is 1/96 in: a letter page is 816 × 1056 px.
      const letter = pageGeometry({ pageSize: 'letter', profile: 'screen' });
      const [w, h] = [toPoints(letter.width), toPoints(letter.height)].map((pt) => (pt * 96) / 72) as [number, number];
      const sheets = (await page.evaluate(`[...document.querySelectorAll('[data-folio-section]')].map((sheet) => {
        const box = (el) => { const r = el.getBoundingClientRect(); return { left: r.left, right: r.right, top: r.top, width: r.width, height: r.height }; };
        const inner = sheet.firstElementChild;
        return { id: sheet.dataset.folioSection, sheet: box(sheet), inner: box(inner), bleed: getComputedStyle(inner).page === 'bleed' };
      })`)) as { id: string; sheet: { left: number; right: number; top: number; width: number; height: number }; inner: { left: number; right: number; top: number; width: number; height: number }; bleed: boolean }[];
      expect(sheets.length).toBeGreaterThan(20);
      expect(sheets[0]).toMatchObject({ id: 'annual-impact-report', bleed: true });
      for (const { id, sheet, inner, bleed } of sheets) {
        expect([id, sheet.width]).toEqual([id, w]);
        expect(sheet.height, id).toBeGreaterThanOrEqual(h);
        // Nothing is wider than its sheet; a full-bleed page is its sheet, edge to edge.
        expect(inner.left, id).toBeGreaterThanOrEqual(sheet.left);
        expect(inner.right, id).toBeLessThanOrEqual(sheet.right);
        if (bleed) expect([id, inner]).toEqual([id, sheet]);
      }
      expect(sheets.filter((s) => s.bleed).length).toBeGreaterThanOrEqual(2);
    } finally {
      await chromium.close();
      await preview.close();
    }
  });
});
