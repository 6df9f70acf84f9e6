import { describe, expect, it } from 'vitest';
import { PDFString } from 'pdf-lib';
import { check, edit, failed, only, ruleById, ruleTable } from '../helpers.ts';
import { rules as noteRules } from '../../../../src/check/rules/7.9-notes.ts';

// Cheap checks on hand-made facts first: Stryker stops a mutant's run at the first failing test.
describe('7.9: what each rule requires and what its failures say (the rules\' tests on hand-made facts)', () => {
  const r = (id: string) => ruleById(noteRules, id);

  it('lists each rule with its clause, object, structure type and requirement', () => {
    expect(ruleTable(noteRules)).toEqual([
      ['7.9-1', '7.9', 'StructElem', 'Note', 'Note has a non-empty ID.'],
      ['7.9-2', '7.9', 'StructElem', 'Note', 'Note IDs are unique.'],
    ]);
  });

  it('7.9-1 / 7.9-2: a Note has an ID of its own', () => {
    expect(r('7.9-1').test({ e: {} })).toBe('Note has no /ID.');
    expect(r('7.9-1').test({ e: { id: '' } })).toBe('Note has no /ID.');
    expect(r('7.9-1').test({ e: { id: 'n1' } })).toBeUndefined();
    expect(r('7.9-2').test({ e: { id: 'n1' }, noteIdUses: 3 })).toBe('Note ID "n1" is used by 3 Note elements.');
    expect(r('7.9-2').test({ e: { id: 'n1' }, noteIdUses: 1 })).toBeUndefined();
    expect(r('7.9-2').test({ e: {} })).toBeUndefined();
  });
});

describe('ISO 14289-1, 7.9: notes', () => {
  it('7.9-1 / 7.9-2: a Note without ID, and two Notes sharing one', async () => {
    expect(failed(await check(edit((f) => f.addElem(f.el.p, f.ref.p, 'Note'))))).toEqual(['7.9-1']);
    const shared = edit((f) => {
      f.addElem(f.el.p, f.ref.p, 'Note', { ID: PDFString.of('n1') });
      f.addElem(f.el.p2, f.ref.p2, 'Note', { ID: PDFString.of('n1') });
    });
    const r = await check(shared);
    expect(failed(r)).toEqual(['7.9-2']);
    expect(only(r, '7.9-2')).toHaveLength(2);
  });
});
