import { describe, expect, it } from 'vitest';
import { PDFName } from 'pdf-lib';
import { checkPdf } from '../../../../src/check/check-pdf.ts';
import { makeTaggedPdf } from '../../../pdf-fixtures.ts';
import { check, edit, failed, only } from '../helpers.ts';

const N = (s: string) => PDFName.of(s);

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
