import { describe, expect, it } from 'vitest';
import { PDFName, PDFString } from 'pdf-lib';
import { check, edit, failed, only } from '../helpers.ts';

const N = (s: string) => PDFName.of(s);

describe('ISO 14289-1, 7.5: table headers', () => {
  it('7.5-1: a TH without Scope, so a TD has no determinable header', async () => {
    const r = await check(edit((f) => f.el.th2.delete(N('A'))));
    expect(failed(r)).toEqual(['7.5-1']);
    const [x] = only(r, '7.5-1');
    expect(x!.path).toBe('Document/Table[1]/TR[2]/TD[2]');
    expect(x!.message).toContain('Document/Table[1]/TR[1]/TH[2]');
  });

  it('7.5: Headers naming TH IDs make Scope unnecessary; an unknown ID fails 7.5-2', async () => {
    const headers = (ids: [string, string]) =>
      edit((f) => {
        for (const th of [f.el.th1, f.el.th2]) th.delete(N('A'));
        f.el.th1.set(N('ID'), PDFString.of('h-year'));
        f.el.th2.set(N('ID'), PDFString.of('h-value'));
        f.el.td1.set(N('A'), f.ctx.obj({ O: 'Table', Headers: [PDFString.of(ids[0])] }));
        f.el.td2.set(N('A'), f.ctx.obj({ O: 'Table', Headers: [PDFString.of(ids[1])] }));
      });
    expect((await check(headers(['h-year', 'h-value']))).failures).toEqual([]);
    expect(failed(await check(headers(['h-year', 'h-nope'])))).toEqual(['7.5-2']);
  });

});
