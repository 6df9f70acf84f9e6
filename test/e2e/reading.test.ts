/**
 * The report as its readers get it: through pdf.js (Firefox's viewer: the structure tree and the
 * marked content it points at), through poppler (`pdfinfo -struct-text`, `pdftotext`), compared
 * with the HTML folio printed. Read in three editions: the default (letter), A4, and the print
 * edition (CMYK PDF/X-4 with bleed and marks), which must read exactly as the screen edition.
 */
import { beforeAll, describe, expect, inject, it } from 'vitest';
import os from 'node:os';
import path from 'node:path';
import { mkdtemp, readFile } from 'node:fs/promises';
import { buildReport } from '../../src/index.ts';
import { checkPdf } from '../../src/check/check-pdf.ts';
import { collectHeadings, collectTables } from '../../src/render/read-html.ts';
import { ROOT, run } from '../helpers.ts';
import { allNodes, allPoppler, compareWords, htmlReading, pdftotextPages, popplerText, readerTree, readWithPdfjs, readWithPoppler, spoken, spokenDocument, type PageReading, type PopplerElement } from '../read-pdf.ts';

const build = inject('defaultBuild');

interface Edition {
  pdf: string;
  /** The HTML's text as a screen reader reads it. */
  html: string;
  rawHtml: string;
  pdfjs: PageReading[];
  poppler: PopplerElement[];
  pdftotext: string[];
}

async function read(pdf: string, htmlFile: string): Promise<Edition> {
  const [pdfjs, poppler, pdftotext, html] = await Promise.all([readWithPdfjs(pdf), readWithPoppler(pdf), pdftotextPages(pdf), readFile(htmlFile, 'utf8')]);
  return { pdf, html: htmlReading(html), rawHtml: html, pdfjs, poppler, pdftotext };
}

/** Builds the default report with other options (A4, the print edition) into a fresh folder. */
async function buildEdition(name: string, options: { pageSize?: 'a4'; profile?: 'print' }): Promise<{ outFile: string; htmlFile: string }> {
  const dir = await mkdtemp(path.join(os.tmpdir(), `folio-${name}-`));
  const data = { data: path.join(ROOT, 'data/psf-2023'), templates: path.join(ROOT, 'templates'), assets: path.join(ROOT, 'assets') };
  return buildReport({ ...data, ...options, out: path.join(dir, `${name}.pdf`) });
}

const count = (s: string, c: string) => s.split(c).length - 1;

/** Each edition is built once per run, when a test first needs it. */
const once = <T>(make: () => Promise<T>) => {
  let made: Promise<T> | undefined;
  return () => (made ??= make());
};
const screen = async () => build;
const print = once(() => buildEdition('print', { profile: 'print' }));
const editions: Record<string, () => Promise<{ outFile: string; htmlFile: string }>> = {
  'the default report (letter)': screen,
  'the A4 edition': once(() => buildEdition('a4', { pageSize: 'a4' })),
  'the print edition': print,
};

describe.each(Object.entries(editions))('%s, read', (_, make) => {
  let e: Edition;
  beforeAll(async () => {
    const built = await make();
    e = await read(built.outFile, built.htmlFile);
  });

  it('has the HTML’s apostrophes (’, U+2019) in pdf.js, poppler and pdftotext, never U+02BC', () => {
    const expected = count(e.html, '’');
    expect(expected).toBeGreaterThan(40);
    const readings = {
      pdfjs: spokenDocument(e.pdfjs, { labels: false }),
      poppler: e.poppler.map((el) => popplerText(el)).join(''),
      pdftotext: e.pdftotext.join(''),
    };
    for (const [client, text] of Object.entries(readings)) {
      expect(count(text, 'ʼ'), client).toBe(0);
      expect(count(text, '’'), client).toBeGreaterThanOrEqual(expected);
    }
    expect(readings.pdftotext).toContain('What’s in Store for 2024');
  });

  it('has no empty heading: every heading Firefox lists has words, on the page it is printed on', () => {
    const headings = e.pdfjs.flatMap((p) => allNodes(readerTree(p))).filter((n) => n.role === 'heading');
    expect(headings.filter((h) => !/\w/.test(spoken(h))).map((h) => `page ${h.page}: H${h.level}`)).toEqual([]);
    // Each heading once, as the HTML has them (CSS may set them in capitals).
    // A line may end at a hyphen: the break there is not a space.
    const words = (s: string) => s.replace(/([-‐–—/])\s+/g, '$1').replace(/\s+/g, ' ').trim().toLowerCase();
    const html = collectHeadings(e.rawHtml).map((h) => `H${h.level} ${words(h.text)}`);
    expect(html.length).toBeGreaterThanOrEqual(50);
    expect(headings.map((h) => `H${h.level} ${words(spoken(h))}`)).toEqual(html);
    const popplerHeadings = allPoppler(e.poppler).filter((el) => /^H\d?$/.test(el.type));
    expect(popplerHeadings.filter((h) => !/\w/.test(popplerText(h)))).toEqual([]);
  });

  it('reads letter-spaced capitals as words, not letter by letter (pdf.js, poppler, pdftotext)', () => {
    const readings = {
      pdfjs: spokenDocument(e.pdfjs),
      poppler: e.poppler.map((el) => popplerText(el)).join(''),
      pdftotext: e.pdftotext.join(''),
    };
    for (const [client, text] of Object.entries(readings)) {
      expect(text.match(/(?<!\p{L})\p{L}( \p{L}){2,}(?!\p{L})/gu) ?? [], client).toEqual([]);
      for (const label of ['VISIONARY', 'SUSTAINABILITY', 'MAINTAINING', 'CONTRIBUTING', 'SECURITY DEVELOPER-IN-RESIDENCE', 'PYPI SAFETY & SECURITY ENGINEER', 'ACCESSIBILITY', 'CORRECTIONS']) {
        expect(text, `${client}: ${label}`).toContain(label);
      }
    }
  });

  it('runs no words together where lines wrap or layout sets text apart (poppler: element text without positions)', () => {
    const text = e.poppler.map((el) => popplerText(el, { labels: false, figures: false })).join('');
    const { joined } = compareWords(e.html, text);
    expect(joined).toEqual([]);
    expect(text).toContain('20 years of PyCon');
  });

  it('describes each link by its text and, inside the report, the page it leads to ("PyPI in 2023, page 15")', () => {
    const links = e.pdfjs.flatMap((p) => p.links);
    const internal = links.filter((l) => l.target !== undefined);
    expect(internal.length).toBeGreaterThanOrEqual(20);
    for (const l of internal) expect(l.contents).toMatch(new RegExp(`\\S, page ${l.target}$`));
    expect(links.map((l) => l.contents)).toContain('PyPI in 2023, page 15');
    // No title and page number run together ("PyPI in 202315"), no link without words.
    expect(links.filter((l) => /\p{L}\d+$|^(Link)?$/u.test(l.contents))).toEqual([]);
  });

  it('reads each chart as an image with its alt text, which says every amount and share the chart prints', () => {
    const figures = e.pdfjs.flatMap((p) => allNodes(readerTree(p)).filter((n) => n.type === 'Figure').map((f) => ({ f, page: p })));
    expect(figures.length).toBe(6);
    for (const { f, page } of figures) {
      // pdf.js shows a Figure with alt text and a bounding box as an image, and reads nothing inside it.
      expect(f.role, f.name).toBe('img');
      const [x0, y0, x1, y1] = f.bbox! as [number, number, number, number];
      expect(x1 - x0).toBeGreaterThan(100);
      expect(y1 - y0).toBeGreaterThan(50);
      // The chart's labels are artifacts inside the box; each amount or share among them is in the alt text.
      const inside = page.artifactItems.filter((i) => i.x >= x0 - 1 && i.x <= x1 + 1 && i.y >= y0 - 1 && i.y <= y1 + 1);
      expect(inside.length, f.name).toBeGreaterThan(3);
      const printed = inside.flatMap((i) => i.str.match(/<?\$?[\d,.]+[K%]/g) ?? []);
      expect(printed.filter((n) => !f.name!.includes(n)), f.name).toEqual([]);
    }
    expect(figures.find(({ f }) => f.name!.startsWith('2023 expenses'))!.f.name).toMatch(/PyCon US, \$1,800K\W+60\.5%/);
  });

  it('reads tables as the HTML groups them, each data cell with its column, row-group and row headers', () => {
    const nodes = e.pdfjs.flatMap((p) => allNodes(readerTree(p)));
    const tables = nodes.filter((n) => n.type === 'Table');
    const shapes = collectTables(e.rawHtml);
    expect(tables.map((t) => t.children.filter((k) => k.role === 'rowgroup').map((k) => k.type))).toEqual(
      shapes.map((s) => s.groups.map((g) => ({ thead: 'THead', tbody: 'TBody', tfoot: 'TFoot' })[g.kind])),
    );
    const headerText = new Map(nodes.filter((n) => n.structId).map((n) => [n.structId!, spoken(n).replace(/\s+/g, ' ').trim()]));
    const cells = nodes.filter((n) => n.type === 'TD');
    expect(cells.length).toBeGreaterThan(50);
    for (const td of cells) expect(td.headers?.every((id) => headerText.has(id)), spoken(td)).toBe(true);
    // As the HTML has them; CSS sets the group headers in capitals.
    const headersOf = (text: string) => cells.find((c) => spoken(c).trim() === text)!.headers!.map((id) => headerText.get(id)?.toLowerCase());
    expect(headersOf('$2,859')).toEqual(['2023', 'revenue', 'program service revenue']);
    expect(headersOf('$5,051')).toEqual(['2023', 'assets', 'cash and cash equivalents']);
  });

  it('reads the contents as a list of links, quotations as block quotes and call-outs as notes', () => {
    const nodes = e.pdfjs.flatMap((p) => allNodes(readerTree(p)));
    const entries = collectHeadings(e.rawHtml).filter((h) => h.id && h.level === 2).length;
    const contents = nodes.find((n) => n.role === 'list' && n.children.filter((k) => k.role === 'listitem').length === entries);
    expect(contents, `a list of ${entries} items`).toBeDefined();
    for (const item of contents!.children) expect(allNodes([item]).some((n) => n.role === 'link'), spoken(item)).toBe(true);
    const quotes = nodes.filter((n) => n.role === 'blockquote');
    expect(quotes.length).toBe(count(e.rawHtml, '<blockquote'));
    for (const q of quotes) {
      expect(spoken(q)).toMatch(/“[\s\S]+”[\s\S]*—/);
      // One quotation, one block quote: no second one inside it.
      expect(allNodes(q.children).filter((n) => n.role === 'blockquote')).toEqual([]);
    }
    const notes = nodes.filter((n) => n.role === 'note').map((n) => spoken(n).trim().split(/\s+/)[0]!.toLowerCase());
    expect(notes.sort()).toEqual(['accessibility', 'corrections']);
  });

  it('reaches every word of the HTML through the structure tree, in the HTML’s order and characters, and nothing else', () => {
    // Firefox: the structure tree's text (a figure as its alt text), list labels aside (the browser
    // draws them; the HTML has no such text).
    const firefox = compareWords(e.html, spokenDocument(e.pdfjs, { labels: false }));
    expect(firefox).toEqual({ differences: [], joined: [], split: [] });
    // Nothing is read from outside the tree, and the tree reaches no artifact (running heads, page numbers).
    expect(e.pdfjs.map((p) => p.stray.trim()).filter(Boolean)).toEqual([]);
    const artifactIds = e.pdfjs.flatMap((p) => [...p.marked].filter(([, m]) => m.tag === 'Artifact').map(([id]) => id));
    expect(artifactIds).toEqual([]);
    expect(e.pdfjs.some((p) => /\d+ of \d+/.test(p.artifact))).toBe(true);
    // poppler reads the same words (it shows no alt text: figures aside).
    const poppler = compareWords(htmlReading(e.rawHtml, { images: false }), e.poppler.map((el) => popplerText(el, { labels: false, figures: false })).join(''));
    expect(poppler).toEqual({ differences: [], joined: [], split: [] });
  });
});

describe('the print edition beside the screen edition', () => {
  it('reads the same, page by page: through the structure tree (pdf.js) and in drawing order (pdftotext -raw)', async () => {
    const [a, b] = await Promise.all([screen(), print()]);
    const [screenPages, printPages] = await Promise.all([readWithPdfjs(a.outFile), readWithPdfjs(b.outFile)]);
    expect(printPages.length).toBe(screenPages.length);
    const tree = (p: PageReading) => readerTree(p).map((n) => spoken(n)).join('');
    for (let i = 0; i < screenPages.length; i++) expect(tree(printPages[i]!), `page ${i + 1}`).toBe(tree(screenPages[i]!));
    const raw = async (file: string) => (await run('pdftotext', ['-raw', '-enc', 'UTF-8', file, '-'], { maxBuffer: 64 << 20 })).stdout.split('\f');
    const [rawScreen, rawPrint] = await Promise.all([raw(a.outFile), raw(b.outFile)]);
    for (let i = 0; i < rawScreen.length; i++) expect(rawPrint[i], `page ${i + 1}`).toBe(rawScreen[i]);
    // The print edition is tagged like the screen edition (Ghostscript's conversion used to drop the
    // tags), and is PDF/UA-1 as well as PDF/X-4: it says so, and folio check agrees.
    expect((await run('pdfinfo', [b.outFile])).stdout).toMatch(/Tagged:\s+yes/);
    const meta = (await run('pdfinfo', ['-meta', b.outFile])).stdout;
    expect(meta).toContain('<pdfuaid:part>1</pdfuaid:part>');
    expect(meta).toContain('<pdfxid:GTS_PDFXVersion>PDF/X-4</pdfxid:GTS_PDFXVersion>');
    expect((await checkPdf(await readFile(b.outFile))).failures).toEqual([]);
  });
});
