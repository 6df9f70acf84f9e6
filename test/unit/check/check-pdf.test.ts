import { describe, expect, it } from 'vitest';
import { PDFDocument, PDFName } from 'pdf-lib';
import { checkPdf, RULES } from '../../../src/check/check-pdf.ts';
import { makeTaggedPdf } from '../../pdf-fixtures.ts';
import { folioError } from '../../helpers.ts';
import { check, edit, failed } from './helpers.ts';

const N = (s: string) => PDFName.of(s);

describe('checkPdf on a conforming tagged PDF', () => {
  it('finds nothing wrong', async () => {
    const r = await check();
    expect(r.failures).toEqual([]);
    expect(r.pages).toBe(2);
  });

  it('lists every rule it checks, with veraPDF ids and folio navigation ids', async () => {
    const r = await check();
    expect(r.rules).toEqual(RULES.map((x) => x.id));
    for (const id of ['5-1', '6.2-1', '7.1-3', '7.1-5', '7.1-8', '7.1-9', '7.1-10', '7.2-20', '7.2-34', '7.3-1', '7.4.2-1', '7.5-1', '7.18.3-1', '7.18.5-1', '7.18.5-2', '7.21.4.1-1', '7.21.7-1', 'folio-outline-1', 'folio-outline-2', 'folio-pagelabels-1', 'folio-toc-1']) {
      expect(r.rules).toContain(id);
    }
    for (const x of RULES) expect(x.clause).toBe(x.id.startsWith('folio-') ? 'folio' : x.id.replace(/-\d+$/, ''));
  });

  it('checks a 32-page, 3,000-element document', async () => {
    const r = await checkPdf(await makeTaggedPdf({ extraPages: 30, paragraphsPerPage: 100 }));
    expect(r.pages).toBe(32);
    expect(r.failures).toEqual([]);
  });

  it('refuses bytes that are not a PDF with a folio error', async () => {
    const e = await folioError(() => checkPdf(new TextEncoder().encode('not a pdf at all')));
    expect(e.code).toBe('check/unreadable');
  });
});

describe('checkPdf on a loaded document', () => {
  it('takes a PDFDocument pdf-lib has already loaded and gives the same result as the bytes', async () => {
    const bytes = await makeTaggedPdf(edit((f) => f.el.chart.delete(N('Alt'))));
    const doc = await PDFDocument.load(bytes, { updateMetadata: false });
    const fromDoc = await checkPdf(doc);
    expect(fromDoc).toEqual(await checkPdf(bytes));
    expect(failed(fromDoc)).toEqual(['7.3-1']);
  });
});
