/**
 * `diffPdfs` on small PDFs made with pdf-lib: identical files, one changed figure, an inserted page,
 * changed page labels and broken input.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { PDFDocument, PDFHexString, PDFName, PDFNumber, StandardFonts, type PDFDict, type PDFPage } from 'pdf-lib';
import { PNG } from 'pngjs';
import { core, diffPdfs, readPageLabels, tokenize, type DiffReport } from '../../../src/diff/diff-pdf.ts';
import { folioError, run } from '../../helpers.ts';

// ---------------------------------------------------------------------------------------------
// Input PDFs: a few lines of text per page, a running footer "n of N", bookmarks and page labels.

interface Section {
  /** Bookmark title; also the page's heading. */
  title: string;
  lines: string[];
}

interface MakeOptions {
  /** /PageLabels /Nums as [start index, { S, P, St }] pairs. */
  labels?: [number, { S?: string; P?: string; St?: number }][];
  /** A contents page first, listing each section with its page number. */
  contents?: boolean;
  /** Page size in points (default letter). */
  size?: [number, number];
}

async function makePdf(sections: Section[], o: MakeOptions = {}): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  doc.setCreationDate(new Date('2024-01-02T03:04:05Z'));
  doc.setModificationDate(new Date('2024-01-02T03:04:05Z'));
  const font = await doc.embedFont(StandardFonts.Helvetica);
  const bold = await doc.embedFont(StandardFonts.HelveticaBold);
  const first = o.contents ? 2 : 1;
  const total = sections.length + first - 1;
  const pages: PDFPage[] = [];
  const draw = (page: PDFPage, heading: string, lines: string[]) => {
    page.drawText(heading, { x: 72, y: 700, size: 24, font: bold });
    lines.forEach((line, i) => page.drawText(line, { x: 72, y: 650 - i * 36, size: 20, font }));
    page.drawText(`${pages.length} of ${total}`, { x: 500, y: 40, size: 10, font });
  };
  if (o.contents) {
    const page = doc.addPage(o.size ?? [612, 792]);
    pages.push(page);
    draw(page, 'Contents', sections.map((s, i) => `${s.title}  ${i + first}`));
  }
  for (const s of sections) {
    const page = doc.addPage(o.size ?? [612, 792]);
    pages.push(page);
    draw(page, s.title, s.lines);
  }
  // Bookmarks, one per section, each to its page.
  const ctx = doc.context;
  const outlinesRef = ctx.nextRef();
  const refs = sections.map(() => ctx.nextRef());
  sections.forEach((s, i) => {
    const item = ctx.obj({ Title: PDFHexString.fromText(s.title), Parent: outlinesRef, Dest: [pages[i + first - 1]!.ref, 'Fit'] }) as PDFDict;
    if (i > 0) item.set(PDFName.of('Prev'), refs[i - 1]!);
    if (i < sections.length - 1) item.set(PDFName.of('Next'), refs[i + 1]!);
    ctx.assign(refs[i]!, item);
  });
  ctx.assign(outlinesRef, ctx.obj({ Type: 'Outlines', First: refs[0]!, Last: refs[refs.length - 1]!, Count: PDFNumber.of(refs.length) }));
  doc.catalog.set(PDFName.of('Outlines'), outlinesRef);
  if (o.labels) {
    const nums = o.labels.flatMap(([start, l]) => {
      const dict = ctx.obj({}) as PDFDict;
      if (l.S) dict.set(PDFName.of('S'), PDFName.of(l.S));
      if (l.P) dict.set(PDFName.of('P'), PDFHexString.fromText(l.P));
      if (l.St) dict.set(PDFName.of('St'), PDFNumber.of(l.St));
      return [PDFNumber.of(start), dict];
    });
    doc.catalog.set(PDFName.of('PageLabels'), ctx.obj({ Nums: nums }));
  }
  return doc.save();
}

const SECTIONS: Section[] = [
  { title: 'Welcome', lines: ['A letter from the chair.', 'We grew this year.'] },
  { title: 'Finances', lines: ['Total revenue was 1,234 thousand.', 'Expenses were 987 thousand.'] },
  { title: 'Grants', lines: ['We gave 42 grants', 'in 17 countries.'] },
];

const withRevenue = (value: string): Section[] =>
  SECTIONS.map((s) => (s.title === 'Finances' ? { ...s, lines: [`Total revenue was ${value} thousand.`, s.lines[1]!] } : s));

let dir: string;
const file = async (name: string, bytes: Uint8Array | string) => {
  const f = path.join(dir, name);
  await writeFile(f, bytes);
  return f;
};

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'folio-diff-unit-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

// ---------------------------------------------------------------------------------------------

describe('diffPdfs', () => {
  it('finds nothing between identical files, and says so', async () => {
    const bytes = await makePdf(SECTIONS);
    const outDir = path.join(dir, 'same');
    const report = await diffPdfs(await file('a.pdf', bytes), await file('b.pdf', bytes), { outDir });
    expect(report.pages).toEqual({ old: 3, new: 3 });
    expect(report.changed).toEqual([]);
    expect(report.pageBreaksMoved).toBe(false);
    expect(report.contents).toEqual([]);
    expect(report.pageLabels).toEqual([]);
    expect(report.summary).toMatch(/^No differences/);
    expect(JSON.parse(await readFile(path.join(outDir, 'summary.json'), 'utf8'))).toEqual(report);
    expect(await readFile(path.join(outDir, 'summary.md'), 'utf8')).toContain('No differences');
  });

  it('names exactly the page whose figure changed, with the figure and a picture of the change', async () => {
    const outDir = path.join(dir, 'figure');
    const report = await diffPdfs(await file('old.pdf', await makePdf(SECTIONS)), await file('new.pdf', await makePdf(withRevenue('1,235'))), { outDir });
    expect(report.changed.map((c) => c.page)).toEqual([2]);
    const [page] = report.changed as [DiffReport['changed'][number]];
    expect(page.status).toBe('changed');
    expect(page.figures).toEqual([{ old: '1,234', new: '1,235' }]);
    expect(page.text).toEqual([{ removed: ['1,234'], added: ['1,235'] }]);
    expect(page.blocks).toEqual([]);
    expect(page.what).toBe('figure 1,234 → 1,235');
    expect(page.pixels).toBeGreaterThan(0);
    expect(page.image).toBe(path.join(outDir, 'page-002.png'));
    // old | diff | new, side by side, each as large as a page at 50 dpi (612 × 792 pt).
    const png = PNG.sync.read(await readFile(page.image!));
    expect(png.height).toBe(Math.round((792 * 50) / 72));
    expect(png.width).toBeGreaterThan(3 * Math.round((612 * 50) / 72));
    expect(report.pageBreaksMoved).toBe(false);
    expect(report.contents).toEqual([]);
    expect(report.summary).toBe('1 of 3 pages changed: p. 2 (figure 1,234 → 1,235).');
    const md = await readFile(path.join(outDir, 'summary.md'), 'utf8');
    expect(md).toContain('| 2 | changed | figure 1,234 → 1,235 |');
    expect(md).toContain('(page-002.png)');

    // The next diff into the same folder does not leave this one's picture behind.
    const same = await makePdf(SECTIONS);
    await diffPdfs(await file('c.pdf', same), await file('d.pdf', same), { outDir });
    await expect(stat(page.image!)).rejects.toThrow();
  });

  it('reports an inserted page as one added page, page breaks moved, and the bookmarks that moved', async () => {
    const inserted = [SECTIONS[0]!, { title: 'Mission', lines: ['Promote, protect and advance', 'the language.'] }, ...SECTIONS.slice(1)];
    const report = await diffPdfs(
      await file('three.pdf', await makePdf(SECTIONS, { contents: true })),
      await file('four.pdf', await makePdf(inserted, { contents: true })),
      { outDir: path.join(dir, 'added') },
    );
    expect(report.pages).toEqual({ old: 4, new: 5 });
    expect(report.pageBreaksMoved).toBe(true);
    const added = report.changed.filter((c) => c.status === 'added');
    expect(added.map((c) => c.page)).toEqual([3]);
    expect(added[0]!.text[0]!.added).toContain('Mission');
    // Every other page changed only in its footer ("2 of 4" → "2 of 5") or its contents' page
    // numbers: text changes, never figures.
    expect(report.changed.flatMap((c) => c.figures)).toEqual([]);
    const finances = report.changed.find((c) => c.page === 4)!;
    expect(finances).toMatchObject({ status: 'changed', oldPage: 3, text: [{ removed: ['3', 'of', '4'], added: ['4', 'of', '5'] }] });
    expect(report.contents).toEqual([
      { change: 'added', title: 'Mission', new: '3' },
      { change: 'moved', title: 'Finances', old: '3', new: '4' },
      { change: 'moved', title: 'Grants', old: '4', new: '5' },
    ]);
    expect(report.summary.split('\n')).toEqual([
      expect.stringMatching(/^5 of 5 \(was 4\) pages changed: .*p\. 3 \(added\)/),
      'Page breaks moved: text now falls on other pages.',
      'Contents: moved: Finances p. 3 → p. 4, Grants p. 4 → p. 5; added: Mission p. 3.',
    ]);
  });

  it('sees text pushed onto the next page as page breaks moved', async () => {
    // A line that ended page 1 now starts page 2 (as when a correction lengthens page 1).
    const thanks = 'Thanks to our 1,000 volunteers.';
    const before = SECTIONS.map((s, i) => (i === 0 ? { ...s, lines: [...s.lines, thanks] } : s));
    const after = SECTIONS.map((s, i) => (i === 1 ? { ...s, lines: [thanks, ...s.lines] } : s));
    const [old, longer] = [await makePdf(before), await makePdf(after)];
    const report = await diffPdfs(await file('flow-old.pdf', old), await file('flow-new.pdf', longer), { outDir: path.join(dir, 'flow') });
    expect(report.pages).toEqual({ old: 3, new: 3 });
    expect(report.pageBreaksMoved).toBe(true);
    expect(report.changed.map((c) => c.page)).toEqual([1, 2]);
    // The line took its number with it: moved text, not a changed figure.
    expect(report.changed.flatMap((c) => c.figures)).toEqual([]);
    expect(report.changed.map((c) => c.text)).toEqual([
      [{ removed: ['Thanks', 'to', 'our', '1,000', 'volunteers.'], added: [] }],
      [{ removed: [], added: ['Thanks', 'to', 'our', '1,000', 'volunteers.'] }],
    ]);
    expect(report.changed.map((c) => c.blocks)).toEqual([[{ kind: 'moved', text: thanks, to: 2 }], [{ kind: 'moved', text: thanks, from: 1 }]]);
    expect(report.summary.split('\n')[0]).toBe(`2 of 3 pages changed: p. 1 (text moved to p. 2 “${thanks}”), p. 2 (text moved from p. 1 “${thanks}”).`);
  });

  it('keeps words whole in what it reports: a figure without its punctuation, the text as printed', async () => {
    const year = (y: string): Section[] => SECTIONS.map((s, i) => (i === 0 ? { ...s, lines: [`Our year ended in ${y}.`, ...s.lines] } : s));
    const outDir = path.join(dir, 'whole');
    const report = await diffPdfs(await file('year-old.pdf', await makePdf(year('2024'))), await file('year-new.pdf', await makePdf(year('2025'))), { outDir });
    expect(report.changed.map((c) => [c.page, c.text, c.figures])).toEqual([[1, [{ removed: ['2024.'], added: ['2025.'] }], [{ old: '2024', new: '2025' }]]]);
    expect(report.summary).toBe('1 of 3 pages changed: p. 1 (figure 2024 → 2025).');
    const md = await readFile(path.join(outDir, 'summary.md'), 'utf8');
    expect(md).toContain('~~2024.~~ **2025.**');
    expect(`${report.summary}\n${md}`).not.toMatch(/\d \./);
  });

  it('calls a whole new block of text added text, not a figure', async () => {
    const notice = 'Revision 2, December 1, 2026: we corrected 3 figures.';
    const noticed = SECTIONS.map((s, i) => (i === 0 ? { ...s, lines: [...s.lines, notice] } : s));
    const report = await diffPdfs(await file('plain.pdf', await makePdf(SECTIONS)), await file('noticed.pdf', await makePdf(noticed)), { outDir: path.join(dir, 'block') });
    const [page] = report.changed as [DiffReport['changed'][number]];
    expect([page.page, page.figures, page.blocks]).toEqual([1, [], [{ kind: 'added', text: notice }]]);
    expect(page.what).toBe('added text “Revision 2, December 1, 2026: we corrected 3 figures.”');
    expect(report.summary).toBe('1 of 3 pages changed: p. 1 (added text “Revision 2, December 1, 2026: we corrected 3 figures.”).');
  });

  it('tells a renamed contents entry from a moved one', async () => {
    const renamed = SECTIONS.map((s) => (s.title === 'Finances' ? { ...s, title: 'Money Matters' } : s));
    const alone = await diffPdfs(
      await file('named.pdf', await makePdf(SECTIONS, { contents: true })),
      await file('renamed.pdf', await makePdf(renamed, { contents: true })),
      { outDir: path.join(dir, 'renamed') },
    );
    expect(alone.contents).toEqual([{ change: 'renamed', title: 'Money Matters', oldTitle: 'Finances', old: '3', new: '3' }]);
    expect(alone.summary.split('\n').slice(1)).toEqual(['Contents: renamed: Finances → Money Matters.']);
    // Renamed, and a page inserted before the next entry: one renamed, one added, one moved.
    const inserted = [...renamed.slice(0, 2), { title: 'Mission', lines: ['Promote, protect and advance', 'the language.'] }, renamed[2]!];
    const both = await diffPdfs(
      await file('named.pdf', await makePdf(SECTIONS, { contents: true })),
      await file('renamed-inserted.pdf', await makePdf(inserted, { contents: true })),
      { outDir: path.join(dir, 'renamed') },
    );
    expect(both.contents).toEqual([
      { change: 'renamed', title: 'Money Matters', oldTitle: 'Finances', old: '3', new: '3' },
      { change: 'added', title: 'Mission', new: '4' },
      { change: 'moved', title: 'Grants', old: '4', new: '5' },
    ]);
    expect(both.summary).toContain('Contents: renamed: Finances → Money Matters; moved: Grants p. 4 → p. 5; added: Mission p. 4.');
  });

  it('reports pages whose size changed as changed, without comparing their pixels', async () => {
    const report = await diffPdfs(
      await file('letter.pdf', await makePdf(SECTIONS)),
      await file('a4.pdf', await makePdf(SECTIONS, { size: [595.28, 841.89] })),
      { outDir: path.join(dir, 'size') },
    );
    expect(report.changed.map((c) => [c.page, c.status, c.pixels, c.image, c.text])).toEqual([1, 2, 3].map((p) => [p, 'changed', 0, undefined, []]));
    expect(report.changed[0]!.size).toEqual({ old: [612, 792], new: [595.28, 841.89] });
    expect(report.summary).toBe('3 of 3 pages changed: pp. 1–3 (page size 612 × 792 → 595.28 × 841.89 pt).');
  });

  it('lists the page labels that changed', async () => {
    const report = await diffPdfs(
      await file('labels-old.pdf', await makePdf(SECTIONS, { labels: [[0, { P: 'Cover' }], [1, { S: 'D', St: 2 }]] })),
      await file('labels-new.pdf', await makePdf(SECTIONS, { labels: [[0, { S: 'r' }]] })),
      { outDir: path.join(dir, 'labels') },
    );
    expect(report.pageLabels).toEqual([
      { page: 1, old: 'Cover', new: 'i' },
      { page: 2, old: '2', new: 'ii' },
      { page: 3, old: '3', new: 'iii' },
    ]);
    // The bookmarks lead to the same pages, now labelled differently: not a contents change.
    expect(report.contents).toEqual([]);
    expect(report.changed).toEqual([]);
    expect(report.summary).toContain('Page labels changed: p. 1 Cover → i');
  });

  it('names the file it cannot compare, with a diff/… code', async () => {
    const good = await file('good.pdf', await makePdf(SECTIONS));
    const garbage = await file('garbage.pdf', 'this is not a PDF at all\n');
    const truncated = await file('truncated.pdf', Buffer.from(await makePdf(SECTIONS)).subarray(0, 300));
    const missing = path.join(dir, 'nowhere.pdf');
    const outDir = path.join(dir, 'errors');

    const notPdf = await folioError(() => diffPdfs(good, garbage, { outDir }));
    expect(notPdf.code).toBe('diff/not-pdf');
    expect(notPdf.diagnostics[0]!.file).toBe(garbage);
    expect(notPdf.message).toContain(garbage);

    const gone = await folioError(() => diffPdfs(missing, good, { outDir }));
    expect(gone.code).toBe('diff/missing');
    expect(gone.diagnostics[0]!.file).toBe(missing);

    const both = await folioError(() => diffPdfs(missing, garbage, { outDir }));
    expect(both.diagnostics.map((d) => [d.code, d.file])).toEqual([
      ['diff/missing', missing],
      ['diff/not-pdf', garbage],
    ]);

    const broken = await folioError(() => diffPdfs(good, truncated, { outDir }));
    expect(broken.code).toBe('diff/unreadable');
    expect(broken.diagnostics[0]!.file).toBe(truncated);

    const encrypted = path.join(dir, 'encrypted.pdf');
    await run('qpdf', ['--encrypt', '', 'owner', '256', '--', good, encrypted]);
    const locked = await folioError(() => diffPdfs(good, encrypted, { outDir }));
    expect(locked.code).toBe('diff/unreadable');
    expect(locked.message).toContain('encrypted');

    expect((await folioError(() => diffPdfs(good, good, { outDir, dpi: 0 }))).code).toBe('diff/bad-option');
    // Nothing was written for the failed comparisons.
    await expect(stat(outDir)).rejects.toThrow();
  });
});

describe('reading pages', () => {
  it('keeps words whole with their punctuation, and marks the running footer', () => {
    const tokens = tokenize('HEADER  Finances\n\nRevenue was $4,356K, up (12%).\n\n                6 of 26\n');
    expect(tokens.map((t) => t.text)).toEqual(['HEADER', 'Finances', 'Revenue', 'was', '$4,356K,', 'up', '(12%).', '6', 'of', '26']);
    expect(tokens.map((t) => core(t.text)).slice(4, 7)).toEqual(['$4,356K', 'up', '12%']);
    expect(tokens.filter((t) => t.role === 'folio').map((t) => t.text)).toEqual(['6', '26']);
    // "3 of 26" in the body is not a footer.
    expect(tokenize('a\nb\nWe won 3 of 26 awards.\nc\nd\n').some((t) => t.role)).toBe(false);
    // A contents line's page number, also when the title wrapped onto it.
    const contents = tokenize('Contents\nOur Mission    4\nLetter from the\nExecutive Director ..... 6\nWe had 2,159 attendees 6\n', ['Our Mission', 'Letter from the Executive Director']);
    expect(contents.filter((t) => t.role === 'pageRef').map((t) => t.text)).toEqual(['4', '6']);
  });

  it('labels pages as /PageLabels says: styles, prefixes and starts', async () => {
    const doc = await PDFDocument.load(
      await makePdf([...SECTIONS, ...SECTIONS], {
        labels: [[0, { S: 'R' }], [2, { S: 'A', P: 'Annex ' }], [4, { S: 'a', St: 26 }]],
      }),
    );
    expect(readPageLabels(doc)).toEqual(['I', 'II', 'Annex A', 'Annex B', 'z', 'aa']);
    const plain = await PDFDocument.load(await makePdf(SECTIONS));
    expect(readPageLabels(plain)).toEqual([undefined, undefined, undefined]);
  });
});
