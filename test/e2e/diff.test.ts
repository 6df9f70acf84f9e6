/**
 * `diffPdfs` on the default report: one figure corrected in the data (PyCon US 2023's in-person
 * attendees, 2,159 → 2,160, so the derived total 2,650 → 2,651), rebuilt, and compared with the
 * build before. The diff must name exactly the pages that print those figures, with the figures,
 * and nothing else. Then `folio diff` on two editions, the second with the correction recorded
 * (so its Corrections notice grows): a readable summary on stdout.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { cp, mkdtemp, readFile, rm } from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import os from 'node:os';
import path from 'node:path';
import { PNG } from 'pngjs';
import { diffPdfs, type DiffReport } from '../../src/diff/diff-pdf.ts';
import { buildReport } from '../../src/index.ts';
import { BIN, cli, edit, pdfText, ROOT, run } from '../helpers.ts';

const OLD = inject('defaultBuild').outFile;
const FIGURES = [
  { old: '2,159', new: '2,160' },
  { old: '2,650', new: '2,651' },
];

let dir: string;
let report: DiffReport;
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

  report = await diffPdfs(OLD, outFile, { outDir: path.join(dir, 'diff') });
});

afterAll(() => rm(dir, { recursive: true, force: true }));

const md = () => readFileSync(path.join(dir, 'diff', 'summary.md'), 'utf8');

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

  it('shows each changed page side by side (old | differences | new), and writes the summary', async () => {
    // A letter page at 50 dpi is 425 × 550 pixels; three of them with 8-pixel gaps.
    const page = { width: Math.round((612 * 50) / 72), height: Math.round((792 * 50) / 72) };
    for (const c of report.changed) {
      expect(c.pixels, `p. ${c.page}`).toBeGreaterThan(0);
      const name = `page-${String(c.page).padStart(3, '0')}.png`;
      expect(c.image).toBe(path.join(dir, 'diff', name));
      const png = PNG.sync.read(await readFile(c.image!));
      expect([png.width, png.height]).toEqual([3 * page.width + 2 * 8, page.height]);
      // Its row in summary.md: the page, its status, what changed, the words struck and added, the pixels, the picture.
      const words = c.figures.map((f) => `~~${f.old}~~ **${f.new}**`).join('; ');
      expect(md(), `p. ${c.page}`).toContain(`\n| ${c.page} | changed | ${c.what} | ${words} | ${c.pixels} | [${name}](${name}) |\n`);
    }
    expect(JSON.parse(await readFile(path.join(dir, 'diff', 'summary.json'), 'utf8'))).toEqual(report);
    expect(md().split('\n').filter((l) => /^\| \d+ /.test(l))).toHaveLength(expected.length);
  });
});

describe('folio diff on two editions, the second with the correction recorded', () => {
  let corrected: string;
  let out: { code: number; stdout: string; stderr: string };
  beforeAll(async () => {
    const data = path.join(dir, 'edition-2');
    await cp(path.join(ROOT, 'data/psf-2023'), data, { recursive: true });
    await edit(path.join(data, 'pycon.yaml'), (text) => text.replace(/^( {4}in_person:) 2159$/m, '$1 2186'));
    await edit(path.join(data, 'corrections.yaml'), (text) =>
      `${text}- path: pycon.recap.attendees.in_person\n  label: In-person attendees, PyCon US 2023\n  format: number\n  old: 2159\n  new: 2186\n  date: 2026-12-01\n`,
    );
    corrected = (await buildReport({ data, theme: path.join(ROOT, 'templates'), assets: path.join(ROOT, 'assets'), out: path.join(dir, 'edition-2.pdf') })).outFile;
    out = await cli(['diff', OLD, corrected, '--diff-dir', path.join(dir, 'diff-cli')]);
  });

  it('prints the page lines and the summary on stdout, and only progress on stderr', async () => {
    expect(out.code).toBe(0);
    const lines = out.stdout.trimEnd().split('\n');
    const library = JSON.parse(await readFile(path.join(dir, 'diff-cli', 'summary.json'), 'utf8')) as DiffReport;
    // One line per changed page: the contents page, whose notice gained an entry (added text, not
    // a figure) and whose revision line changed, and the pages that print the two figures.
    expect(lines.slice(0, library.changed.length)).toEqual(library.changed.map((c) => `p. ${c.page}: ${c.what} (${c.image})`));
    expect(lines[0]).toBe(`p. 2: figure 2, November 27 → 3, December 1; added text “In-person attendees, PyCon US 2023 was printed as 2,159 and …” (${library.changed[0]!.image})`);
    expect(library.changed.slice(1).map((c) => c.what)).toEqual(expect.arrayContaining(['figure 2,159 → 2,186', 'figures 2,650 → 2,677, 2,159 → 2,186']));
    // Then the summary, as the library gives it.
    expect(lines.slice(library.changed.length).join('\n')).toBe(library.summary);
    expect(library.summary).toMatch(/^3 of 26 pages changed: p\. 2 \(figure 2, November 27 → 3, December 1; added text “In-person attendees/);
    // Words whole: no punctuation on its own.
    expect(out.stdout).not.toMatch(/\s[.,;:]\s/);
    expect(out.stderr).not.toContain('pages changed');
    expect(out.stderr).toMatch(/comparing .* with .*edition-2\.pdf/);
  });

  it('is captured whole by a redirect: folio diff a.pdf b.pdf > changes.txt', async () => {
    const changes = path.join(dir, 'changes.txt');
    const sh = `"${process.execPath}" "${BIN}" diff "${OLD}" "${corrected}" --diff-dir "${path.join(dir, 'diff-sh')}" > "${changes}"`;
    await promisify(execFile)('sh', ['-c', sh], { cwd: ROOT });
    expect(await readFile(changes, 'utf8')).toBe(out.stdout.replaceAll(path.join(dir, 'diff-cli'), path.join(dir, 'diff-sh')));
  });
});
