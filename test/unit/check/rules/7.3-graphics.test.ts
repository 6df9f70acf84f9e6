import { describe, expect, it } from 'vitest';
import { PDFName, PDFString } from 'pdf-lib';
import { check, edit, failed, only } from '../helpers.ts';

const N = (s: string) => PDFName.of(s);

describe('ISO 14289-1, 7.3: figures', () => {
  it('7.3-1: a Figure (role-mapped Chart) without Alt', async () => {
    const r = await check(edit((f) => f.el.chart.delete(N('Alt'))));
    expect(failed(r)).toEqual(['7.3-1']);
    const [x] = only(r, '7.3-1');
    expect(x!.path).toBe('Document/Chart[1]');
    expect(x!.object).toMatch(/^\d+ 0 R$/);
  });

  it('7.3-1: ActualText is enough', async () => {
    const r = await check(
      edit((f) => {
        f.el.chart.delete(N('Alt'));
        f.el.chart.set(N('ActualText'), PDFString.of('Revenue'));
      }),
    );
    expect(r.failures).toEqual([]);
  });

});
