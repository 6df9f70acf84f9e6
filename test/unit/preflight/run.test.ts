/** run.ts: findings become issues with their check's id, sorted by check (in list order) and page. */
import { describe, expect, it } from 'vitest';
import { PDFDocument } from 'pdf-lib';
import { error, warning, type Check } from '../../../src/preflight/check.ts';
import { ALL_CHECKS } from '../../../src/preflight/checks/index.ts';
import { runPreflight } from '../../../src/preflight/run.ts';
import { makePrintPdf } from '../../print-fixtures.ts';

const OPTIONS = { minPpi: 300, hairline: 0.25, inkLimit: 300, minBleed: 8.5, pdfx: 'any' } as const;

describe('runPreflight', () => {
  it('orders issues by check, then page; a finding without a place has none', async () => {
    const bytes = await makePrintPdf({ pages: 2 });
    const doc = await PDFDocument.load(bytes, { updateMetadata: false });
    const checks: Check[] = [
      { id: 'ink', requires: 'test', test: () => [error('second page', { page: 2, object: '9 0 R' }), error('first page', { page: 1 })] },
      { id: 'boxes', requires: 'test', test: () => [warning('anywhere')] },
      { id: 'ink', requires: 'test', test: () => [warning('first page, later check', { page: 1 })] },
    ];
    const r = runPreflight(doc, bytes, OPTIONS, checks);
    expect(r.issues).toEqual([
      { severity: 'error', check: 'ink', message: 'first page', page: 1 },
      { severity: 'warning', check: 'ink', message: 'first page, later check', page: 1 },
      { severity: 'error', check: 'ink', message: 'second page', page: 2, object: '9 0 R' },
      { severity: 'warning', check: 'boxes', message: 'anywhere' },
    ]);
    expect(r.pages).toHaveLength(2);
  });

  it('every check has a report id and says what it requires; ids come in report order', () => {
    const ids = [...new Set(ALL_CHECKS.map((c) => c.id))];
    expect(ids).toEqual(['pdfx', 'boxes', 'bleed', 'fonts', 'colour', 'image-resolution', 'ink', 'hairline']);
    for (const c of ALL_CHECKS) expect(c.requires.length).toBeGreaterThan(20);
  });
});
