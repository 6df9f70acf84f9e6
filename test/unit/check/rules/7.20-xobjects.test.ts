import { describe, expect, it } from 'vitest';
import { PDFName } from 'pdf-lib';
import { check, failed, only, ruleById, ruleTable } from '../helpers.ts';
import { rules as xobjectRules } from '../../../../src/check/rules/7.20-xobjects.ts';
import type { Fixture } from '../../../pdf-fixtures.ts';

const N = (s: string) => PDFName.of(s);

// Cheap checks on hand-made facts first: Stryker stops a mutant's run at the first failing test.
describe('7.20: what each rule requires and what its failures say (the rules\' tests on hand-made facts)', () => {
  const r = (id: string) => ruleById(xobjectRules, id);

  it('lists each rule with its clause, object, structure type and requirement', () => {
    expect(ruleTable(xobjectRules)).toEqual([
      ['7.20-1', '7.20', 'XForm', undefined, 'No reference XObjects (/Ref in a form XObject).'],
      ['7.20-2', '7.20', 'XForm', undefined, 'A form XObject with MCIDs is painted only once.'],
    ]);
  });

  it('7.20-1 / 7.20-2: no reference XObjects; a form with MCIDs painted once', () => {
    expect(r('7.20-1').test({ hasRef: true, hasMcid: false, count: 1 })).toBe('A form XObject is a reference XObject (/Ref): it imports content from another document.');
    expect(r('7.20-1').test({ hasRef: false, hasMcid: false, count: 1 })).toBeUndefined();
    expect(r('7.20-2').test({ hasRef: false, hasMcid: true, count: 2 })).toBe('A form XObject with MCIDs is painted 2 times; its content can belong to only one structure element.');
    expect(r('7.20-2').test({ hasRef: false, hasMcid: true, count: 1 })).toBeUndefined();
    expect(r('7.20-2').test({ hasRef: false, hasMcid: false, count: 3 })).toBeUndefined();
  });
});

describe('ISO 14289-1, 7.20: XObjects', () => {
  it('7.20-2: a form XObject with MCIDs painted twice', async () => {
    const twice = {
      edit: (f: Fixture) => {
        const form = f.ctx.stream('/P <</MCID 0>> BDC 0 0 m 10 10 l S EMC', { Type: 'XObject', Subtype: 'Form', BBox: [0, 0, 20, 20], StructParents: 99 });
        f.pages[1]!.resources.set(N('XObject'), f.ctx.obj({ Fm1: f.ctx.register(form) }));
      },
      content: (p: number, t: string) => (p === 2 ? `${t}\n/Artifact BMC /Fm1 Do /Fm1 Do EMC` : t),
    };
    const r = await check(twice);
    expect(failed(r)).toEqual(['7.20-2']);
    expect(only(r, '7.20-2')[0]!.page).toBe(2);
  });
});
