/**
 * `diffPdfs` on the default report: one figure corrected in the data (PyCon US 2023's in-person
 * attendees, 2,159 → 2,160, so the derived total 2,650 → 2,651), rebuilt, and compared with the
 * build before. The diff must name exactly the pages that print those figures, with the figures,
 * and nothing else.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { cp, mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { PNG } from 'pngjs';
import { diffPdfs, type DiffReport } from '../../src/diff/diff-pdf.ts';
import { buildReport } from '../../src/index.ts';
import { edit, pdfText, ROOT, run } from '../helpers.ts';

const OLD = inject('defaultBuild').outFile;
const FIGURES = [
  { old: '2,159', new: '2,160' },
  { old: '2,650', new: '2,651' },
];

let dir: string;
let report: DiffReport;
let ms: number;
/** Pages of the old build that print 2,159 or 2,650, found with poppler page by page. */
let expected: number[];

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'folio-diff-e2e-'));
  const data = path.join(dir, 'data');
  await cp(path.join(ROOT, 'data/psf-2023'), data, { recursive: true });
  await edit(path.join(data, 'pycon.yaml'), (text) => {
    expect(text).toMatch(/^ {4}in_person: 2159$/m);
    return text.replace(/^( {4}in_person:) 2159$/m, '$1 2160');
  });
  const { outFile } = await buildReport({
    data,
    theme: path.join(ROOT, 'templates'),
    assets: path.join(ROOT, 'assets'),
    out: path.join(dir, 'new.pdf'),
  });

  const pages = Number(/^Pages:\s+(\d+)/m.exec((await run('pdfinfo', [OLD])).stdout)![1]);
  expected = [];
  for (let p = 1; p <= pages; p++) {
    const text = await pdfText(OLD, '-layout', '-f', String(p), '-l', String(p));
    if (text.includes('2,159') || text.includes('2,650')) expected.push(p);
  }

  const started = performance.now();
  report = await diffPdfs(OLD, outFile, { outDir: path.join(dir, 'diff') });
  ms = performance.now() - started;
});

afterAll(() => rm(dir, { recursive: true, force: true }));

describe('folio diff after correcting one figure', () => {
  it('names exactly the pages that print the figure', () => {
    expect(expected.length).toBeGreaterThan(0);
    expect(report.pages).toEqual({ old: 26, new: 26 });
    expect(report.changed.map((c) => c.page)).toEqual(expected);
    for (const c of report.changed) expect(c.status).toBe('changed');
  });

  it('reports the figure changes on those pages, and no other change', () => {
    for (const c of report.changed) {
      expect(c.figures.length, `p. ${c.page}`).toBeGreaterThan(0);
      for (const f of c.figures) expect(FIGURES, `p. ${c.page}: ${f.old} → ${f.new}`).toContainEqual(f);
      // The only words that changed are the figures themselves.
      expect(c.text).toEqual(c.figures.map((f) => ({ removed: [f.old], added: [f.new] })));
    }
    const all = report.changed.flatMap((c) => c.figures);
    for (const f of FIGURES) expect(all).toContainEqual(f);
    expect(report.pageBreaksMoved).toBe(false);
    expect(report.contents).toEqual([]);
    expect(report.pageLabels).toEqual([]);
    expect(report.summary).toMatch(new RegExp(`^${expected.length} of 26 pages changed: p\\. ${expected[0]} \\(figure`));
  });

  it('shows each changed page side by side, and writes the summary', async () => {
    for (const c of report.changed) {
      expect(c.pixels, `p. ${c.page}`).toBeGreaterThan(0);
      expect(c.image).toBe(path.join(dir, 'diff', `page-${String(c.page).padStart(3, '0')}.png`));
      const png = PNG.sync.read(await readFile(c.image!));
      expect(png.height).toBe(Math.round((792 * 50) / 72)); // a letter page at 50 dpi
    }
    expect(JSON.parse(await readFile(path.join(dir, 'diff', 'summary.json'), 'utf8'))).toEqual(report);
    const md = await readFile(path.join(dir, 'diff', 'summary.md'), 'utf8');
    for (const p of expected) expect(md).toMatch(new RegExp(`^\\| ${p} \\| changed \\|`, 'm'));
    await expect(stat(path.join(dir, 'diff', 'summary.md'))).resolves.toBeTruthy();
    // Both files read, every page rendered twice at 50 dpi and compared: seconds, not minutes.
    expect(ms).toBeLessThan(60_000);
    console.info(`diffPdfs on the ${report.pages.new}-page report: ${Math.round(ms)} ms`);
  });
});
