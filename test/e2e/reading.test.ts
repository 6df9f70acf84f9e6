/**
 * The report as its readers get it: through pdf.js (Firefox's viewer: the structure tree and the
 * marked content it points at), through poppler (`pdfinfo -struct-text`, `pdftotext`), compared
 * with the HTML folio printed.
 */
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { readFile } from 'node:fs/promises';
import { htmlReading, pdftotextPages, popplerText, readWithPdfjs, readWithPoppler, spokenDocument, type PageReading, type PopplerElement } from '../read-pdf.ts';

const build = inject('defaultBuild');

interface Edition {
  pdf: string;
  html: string;
  pdfjs: PageReading[];
  poppler: PopplerElement[];
  pdftotext: string[];
}

async function read(pdf: string, htmlFile: string): Promise<Edition> {
  const [pdfjs, poppler, pdftotext, html] = await Promise.all([readWithPdfjs(pdf), readWithPoppler(pdf), pdftotextPages(pdf), readFile(htmlFile, 'utf8')]);
  return { pdf, html: htmlReading(html), pdfjs, poppler, pdftotext };
}

const count = (s: string, c: string) => s.split(c).length - 1;

describe('the default report, read', () => {
  let e: Edition;
  beforeAll(async () => {
    e = await read(build.outFile, build.htmlFile);
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
});
