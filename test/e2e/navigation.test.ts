/**
 * The default report as a navigable, PDF/UA-1 document, read back from the PDF: the contents'
 * numbers are the pages the headings are printed on; bookmarks, page labels, running heads,
 * metadata and tags are right; `folio check` passes it and catches what it should. (Each link's
 * description is read in reading.test.ts, the charts' figures in default-report.test.ts.)
 */
import { beforeAll, describe, expect, inject, it } from 'vitest';
import path from 'node:path';
import os from 'node:os';
import { mkdtemp, readFile } from 'node:fs/promises';
import { PDFDocument, PDFName, PDFStream, decodePDFRawStream, PDFRawStream, PDFDict, PDFBool } from 'pdf-lib';
import { checkPdf, RULES } from '../../src/check/check-pdf.ts';
import { buildReport } from '../../src/index.ts';
import { outlineItems } from '../../src/pdf/objects.ts';
import { structElements } from '../../src/pdf/post/elements.ts';
import { collectHeadings } from '../../src/render/read-html.ts';
import { pdfText, ROOT, run } from '../helpers.ts';

const { outFile, htmlFile } = inject('defaultBuild');
let doc: PDFDocument;
let bytes: Uint8Array;
let sectionCount: number;

type Words = { text: string; height: number }[][];

/** Words per page with their height (font size), from poppler's bounding-box output. */
async function wordsByPage(file: string): Promise<Words> {
  const { stdout } = await run('pdftotext', ['-bbox', file, '-'], { maxBuffer: 64 << 20 });
  return stdout.split('<page ').slice(1).map((page) =>
    [...page.matchAll(/<word xMin="[\d.]+" yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)">([^<]*)<\/word>/g)].map((m) => ({
      text: m[3]!.replace(/&amp;/g, '&').replace(/&#39;/g, '’'),
      height: Number(m[2]) - Number(m[1]),
    })),
  );
}

/** Does `page` print `title` in section-heading type (the h2 size, over 30 pt; sub-headings are ~18)? */
function headingOn(words: Words, page: number, title: string): boolean {
  const big = ` ${words[page - 1]!.filter((w) => w.height > 30).map((w) => w.text).join(' ')} `;
  return big.includes(` ${title} `);
}

/** Reads the contents page back and proves each entry's number is the page its heading is on. */
async function expectContentsRight(pdf: string, html: string): Promise<number> {
  const words = await wordsByPage(pdf);
  const contentsPage = words.findIndex((ws) => ws.some((w) => w.text === 'Contents' && w.height > 30)) + 1;
  expect(contentsPage).toBe(2);
  const entries = (await run('pdftotext', ['-layout', '-f', '2', '-l', '2', pdf, '-'])).stdout
    .split('\n')
    .map((l) => /^\s*(.+?)[\s.]+(\d+)\s*$/.exec(l))
    .filter((m): m is RegExpExecArray => m !== null && !/ of \d+$/.test(m[0]))
    .map((m) => ({ title: m[1]!, page: Number(m[2]) }));
  const sections = collectHeadings(await readFile(html, 'utf8')).filter((h) => h.level === 2 && h.id);
  expect(entries.map((e) => e.title)).toEqual(sections.map((h) => h.text));
  for (const { title, page } of entries) {
    // On its page in heading type, and on no page before it: the number is exactly right.
    expect(headingOn(words, page, title), `${title} on page ${page}`).toBe(true);
    for (let p = 1; p < page; p++) expect(headingOn(words, p, title), `${title} not yet on page ${p}`).toBe(false);
  }
  return entries.length;
}

const defaultOptions = () => ({ data: path.join(ROOT, 'data/psf-2023'), theme: path.join(ROOT, 'templates'), assets: path.join(ROOT, 'assets') });

beforeAll(async () => {
  bytes = await readFile(outFile);
  doc = await PDFDocument.load(bytes, { updateMetadata: false });
  sectionCount = collectHeadings(await readFile(htmlFile, 'utf8')).filter((h) => h.level === 2 && h.id).length;
});

describe('the contents', () => {
  it('lists every section with the page its heading is printed on', async () => {
    expect(await expectContentsRight(outFile, htmlFile)).toBe(sectionCount);
  });

  it('is right on A4 paper too', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'folio-a4-'));
    const a4 = await buildReport({ ...defaultOptions(), pageSize: 'a4', out: path.join(dir, 'a4.pdf') });
    const { stdout } = await run('pdfinfo', [a4.outFile]);
    expect(stdout).toMatch(/Page size:\s+59[45]\.\d+ x 841\.\d+ pts \(A4\)/);
    expect(await expectContentsRight(a4.outFile, a4.htmlFile)).toBe(sectionCount);
  });

  it('is tagged as a list (L > LI > LBody), each entry a link to its heading', () => {
    const elems = structElements(doc);
    const lists = elems.filter((e) => e.type === 'L');
    const items = (l: (typeof elems)[number]) => elems.filter((e) => e.type === 'LI' && e.parent === l);
    const contents = lists.filter((l) => items(l).length === sectionCount);
    expect(contents).toHaveLength(1);
    for (const item of items(contents[0]!)) expect(elems.some((e) => e.type === 'Link' && e.parent?.parent === item), 'LI > LBody > Link').toBe(true);
  });
});

describe('bookmarks, page labels and running heads', () => {
  it('nests bookmarks like the headings, titled exactly as the headings read', async () => {
    const headings = collectHeadings(await readFile(htmlFile, 'utf8'));
    const bookmarks = outlineItems(doc);
    expect(bookmarks.map((b) => b.title)).toEqual(headings.map((h) => h.text));
    expect(bookmarks.map((b) => b.depth)).toEqual(headings.map((h) => h.level));
    expect(bookmarks.some((b) => /\S{30,}/.test(b.title))).toBe(false);
  });

  it('labels pages as they are numbered: the cover by name, then 2, 3, …', async () => {
    const { stdout } = await run('qpdf', ['--json', '--json-key=pagelabels', outFile]);
    const labels = JSON.parse(stdout).pagelabels;
    expect(labels).toEqual([
      { index: 0, label: { '/P': 'u:Cover', '/St': 1 } },
      { index: 1, label: { '/S': '/D', '/St': 2 } },
    ]);
  });

  it('prints the report title, the section and "n of N" in the margins, but not on full-bleed pages', async () => {
    const pages = doc.getPageCount();
    const page6 = await pdfText(outFile, '-f', '6', '-l', '6');
    expect(page6).toContain('PYTHON SOFTWARE FOUNDATION · ANNUAL IMPACT REPORT 2023');
    expect(page6.replace(/\s+/g, ' ').match(/Letter from the Executive Director/g)?.length).toBeGreaterThanOrEqual(2);
    expect(page6).toContain(`6 of ${pages}`);
    const cover = await pdfText(outFile, '-f', '1', '-l', '1');
    expect(cover).not.toContain(`1 of ${pages}`);
  });
});

describe('PDF/UA-1', () => {
  it('passes every rule folio checks', async () => {
    const result = await checkPdf(bytes);
    expect(result.rules).toEqual(RULES.map((r) => r.id));
    expect(result.failures).toEqual([]);
  });

  it('carries the metadata in XMP and in the Info dictionary', async () => {
    const meta = doc.catalog.lookup(PDFName.of('Metadata')) as PDFStream;
    const xmp = Buffer.from(decodePDFRawStream(meta as PDFRawStream).decode()).toString('utf8');
    expect(xmp).toContain('<pdfuaid:part>1</pdfuaid:part>');
    expect(xmp).toContain('<rdf:li xml:lang="x-default">Python Software Foundation — Annual Impact Report 2023</rdf:li>');
    expect(xmp).toMatch(/<dc:creator><rdf:Seq><rdf:li>Python Software Foundation<\/rdf:li><\/rdf:Seq><\/dc:creator>/);
    expect(xmp).toContain('<dc:language><rdf:Bag><rdf:li>en-US</rdf:li></rdf:Bag></dc:language>');
    expect(xmp).toContain('<rdf:li>PyCon US</rdf:li>');
    // Dated from the data, never the clock: the report has no publication date, so its one
    // correction date (revision 2, corrections.yaml) is its creation and modification date.
    expect(xmp).toContain('<xmp:CreateDate>2026-11-27T00:00:00Z</xmp:CreateDate>');
    expect(xmp).toContain('<xmp:ModifyDate>2026-11-27T00:00:00Z</xmp:ModifyDate>');
    expect(doc.getCreationDate()?.toISOString()).toBe('2026-11-27T00:00:00.000Z');
    expect(doc.getModificationDate()?.toISOString()).toBe('2026-11-27T00:00:00.000Z');
    expect(xmp).toContain('<pdf:Producer>folio ');
    expect(doc.getTitle()).toBe('Python Software Foundation — Annual Impact Report 2023');
    expect(doc.getAuthor()).toBe('Python Software Foundation');
    expect(doc.getKeywords()).toContain('Python Software Foundation; PSF');
    expect(doc.catalog.lookup(PDFName.of('Lang'))?.toString()).toBe('(en-US)');
    const prefs = doc.catalog.lookup(PDFName.of('ViewerPreferences'), PDFDict);
    expect(prefs.get(PDFName.of('DisplayDocTitle'))).toBe(PDFBool.True);
  });
});

describe('folio check', () => {
  // The CLI's exit codes and JSON are proven on small fixtures (test/unit/check/check-pdf.test.ts).
  it('catches what it should: without its metadata and page labels, the report fails exactly those two rules', async () => {
    const broken = await PDFDocument.load(bytes);
    broken.catalog.delete(PDFName.of('Metadata'));
    broken.catalog.delete(PDFName.of('PageLabels'));
    const result = await checkPdf(await broken.save());
    expect(result.failures.map((f) => [f.rule, f.page, f.object])).toEqual([
      ['7.1-8', undefined, undefined],
      ['folio-pagelabels-1', undefined, undefined],
    ]);
  });
});
