import { describe, expect, it } from 'vitest';
import { PDFName } from 'pdf-lib';
import { checkPdf } from '../../../../src/check/check-pdf.ts';
import { makeTaggedPdf } from '../../../pdf-fixtures.ts';
import { check, edit, failed, only, ruleById, ruleTable } from '../helpers.ts';
import { rules as technicalRules } from '../../../../src/check/rules/6-technical.ts';

const N = (s: string) => PDFName.of(s);

// Cheap checks on hand-made facts first: Stryker stops a mutant's run at the first failing test.
describe('6: what each rule requires and what its failures say (the rules\' tests on hand-made facts)', () => {
  const r = (id: string) => ruleById(technicalRules, id);

  it('lists each rule with its clause, object, structure type and requirement', () => {
    expect(ruleTable(technicalRules)).toEqual([
      ['6.1-1', '6.1', 'Document', undefined, 'The file header is "%PDF-1.n" (n from 0 to 7) followed by a single end-of-line marker.'],
      ['6.2-1', '6.2', 'Document', undefined, 'The catalog has /MarkInfo with /Marked true.'],
    ]);
  });

  it('6.1-1: the header is %PDF-1.0 to %PDF-1.7, nothing more', () => {
    for (const header of ['%PDF-1.0', '%PDF-1.4', '%PDF-1.7']) expect(r('6.1-1').test({ header }), header).toBeUndefined();
    expect(r('6.1-1').test({ header: '%PDF-1.8' })).toBe('The file header is "%PDF-1.8", not "%PDF-1.n" with n from 0 to 7.');
    for (const header of ['%PDF-2.0', '%PDF-1.7 ', 'x%PDF-1.7', '%PDF-1x7', '%PDF-1.']) expect(r('6.1-1').test({ header }), header).toBeDefined();
  });

  it('6.2-1: /MarkInfo /Marked true', () => {
    expect(r('6.2-1').test({})).toBe('The catalog has no /MarkInfo dictionary.');
    expect(r('6.2-1').test({ markInfo: { marked: false, suspects: false } })).toBe('/MarkInfo /Marked is not true.');
    expect(r('6.2-1').test({ markInfo: { marked: true, suspects: false } })).toBeUndefined();
  });
});

describe('ISO 14289-1, 6: a tagged PDF', () => {
  it('6.2-1: no /MarkInfo', async () => {
    expect(failed(await check(edit((f) => f.catalog.delete(N('MarkInfo')))))).toEqual(['6.2-1']);
  });
});

describe('6.1-1: the file header', () => {
  it('a PDF 2.0 header fails; the fixture\'s %PDF-1.7 passes', async () => {
    const bytes = await makeTaggedPdf();
    expect(Buffer.from(bytes.subarray(0, 8)).toString('latin1')).toBe('%PDF-1.7');
    expect((await checkPdf(bytes)).failures).toEqual([]);
    const v2 = Buffer.from(bytes);
    v2.write('%PDF-2.0', 0, 'latin1');
    const r = await checkPdf(v2);
    expect(failed(r)).toEqual(['6.1-1']);
    expect(only(r, '6.1-1')[0]!.message).toContain('%PDF-2.0');
  });
});
