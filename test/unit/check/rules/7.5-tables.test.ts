import { describe, expect, it } from 'vitest';
import { PDFName, PDFString } from 'pdf-lib';
import { check, edit, failed, only, ruleById, ruleTable } from '../helpers.ts';
import { rules as tableRules } from '../../../../src/check/rules/7.5-tables.ts';

const N = (s: string) => PDFName.of(s);

// Cheap checks on hand-made facts first: Stryker stops a mutant's run at the first failing test.
describe('7.5: what each rule requires and what its failures say (the rules\' tests on hand-made facts)', () => {
  const r = (id: string) => ruleById(tableRules, id);

  it('lists each rule with its clause, object, structure type and requirement', () => {
    expect(ruleTable(tableRules)).toEqual([
      ['7.5-1', '7.5', 'TableCell', undefined, "Every TD's headers are determinable: through Headers, or TH cells with Scope."],
      ['7.5-2', '7.5', 'TableCell', undefined, "A TD's Headers name only IDs of TH cells in its table."],
    ]);
  });

  it('7.5-1 / 7.5-2: a TD without determinable headers, for want of Scope or for Headers naming no TH', () => {
    const td = (hasConnectedHeader: boolean | undefined, unknownHeaders: string[]) => ({ hasConnectedHeader, unknownHeaders, unscopedHeaders: ['Region', 'Sales'] });
    expect(r('7.5-1').test(td(false, []))).toBe(
      'TD has no Headers attribute and no TH with a Scope above it or to its left; TH without Scope: Region, Sales. Give each TH a Scope (/A << /O /Table /Scope /Column >>).',
    );
    expect(r('7.5-1').test(td(false, ['h9']))).toBeUndefined();
    expect(r('7.5-2').test(td(false, ['h9', 'h10']))).toBe('TD references header ID(s) "h9", "h10" that no TH of the table has, and its headers cannot be determined from Scope either.');
    expect(r('7.5-2').test(td(false, []))).toBeUndefined();
    for (const connected of [true, undefined]) {
      expect(r('7.5-1').test(td(connected, []))).toBeUndefined();
      expect(r('7.5-2').test(td(connected, ['h9']))).toBeUndefined();
    }
  });
});

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
