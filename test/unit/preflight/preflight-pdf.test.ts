/** preflightPdf as a whole: a clean file, bad input, and issues as diagnostics. The checks have a test file each (checks/…). */
import { describe, expect, it } from 'vitest';
import { preflightIssuesAsDiagnostics, preflightPdf } from '../../../src/preflight/preflight-pdf.ts';
import { folioError } from '../../helpers.ts';
import { BLEED, makePrintPdf, MEDIA, TRIM } from '../../print-fixtures.ts';
import { onPage, preflight } from './helpers.ts';

describe('preflightPdf on a clean, print-ready PDF/X-4 file', () => {
  it('finds nothing wrong and reports boxes, fonts, colour spaces and the output intent', async () => {
    const r = await preflight({ pages: 2 });
    expect(r.issues).toEqual([]);
    expect(r.pages).toHaveLength(2);
    expect(r.pages[0]).toMatchObject({ page: 1, mediaBox: MEDIA, bleedBox: BLEED, trimBox: TRIM, colourSpaces: ['DeviceCMYK'] });
    expect(r.fonts).toEqual([{ name: 'Boxes', embedded: true, subset: false, type: 'Type3' }]);
    expect(r.colourSpaces).toEqual(['DeviceCMYK']);
    expect(r.pdfx).toBe('PDF/X-4');
    expect(r.outputIntent).toEqual({ identifier: 'CGATS TR 001', profileComponents: 4 });
  });

  it('also passes with the default options spelled out and pdfx: x4', async () => {
    const r = await preflight({}, { minPpi: 300, hairline: 0.25, inkLimit: 300, minBleed: 8.5, pdfx: 'x4' });
    expect(r.issues).toEqual([]);
  });


  // The busy file was once timed here ("well under two seconds"); timing belongs to benchmarks.
  it('checks a 26-page file with busy pages', async () => {
    const busy = Array.from({ length: 400 }, (_, i) => `q 0.${i % 10} 0.2 0.3 0.1 k ${72 + (i % 20) * 20} ${100 + Math.floor(i / 20) * 30} 15 20 re f 0 0 0 1 K 0.5 w 72 ${100 + i} m 300 ${100 + i} l S Q`).join('\n');
    const text = Array.from({ length: 200 }, (_, i) => `BT /F1 9 Tf 72 ${100 + i * 3} Td (Line ${i} of text) Tj ET`).join('\n');
    const pdf = await makePrintPdf({ pages: 26, content: (_, t) => `${t}\n${busy}\n${text}` });
    const r = await preflightPdf(pdf);
    expect(r.pages).toHaveLength(26);
    expect(r.issues).toEqual([]);
  });
});

describe('errors and diagnostics', () => {
  it('refuses bytes that are not a PDF, and bad options, with folio errors', async () => {
    const e = await folioError(() => preflightPdf(new TextEncoder().encode('not a pdf at all')));
    expect(e.code).toBe('preflight/unreadable');
    const pdf = await makePrintPdf();
    expect((await folioError(() => preflightPdf(pdf, { minPpi: -1 }))).code).toBe('preflight/bad-option');
    expect((await folioError(() => preflightPdf(pdf, { pdfx: 'x3' as never }))).code).toBe('preflight/bad-option');
  });

  it('turns issues into diagnostics with codes, severities and places', async () => {
    const r = await preflight({ content: onPage(1, 'q 1 0 0 rg 100 100 50 50 re f 0 0 0 1 K 0.1 w 72 200 m 300 200 l S Q') });
    const d = preflightIssuesAsDiagnostics(r.issues, 'out/report.pdf');
    expect(d.map((x) => [x.code, x.severity, x.page, x.file])).toEqual([
      ['preflight/error', 'error', 1, 'out/report.pdf'],
      ['preflight/warning', 'warning', 1, 'out/report.pdf'],
    ]);
    expect(d[0]!.message).toMatch(/^Print preflight \(colour\): RGB left/);
  });
});
