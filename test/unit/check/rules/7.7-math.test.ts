import { describe, expect, it } from 'vitest';
import { check, edit, failed, ruleById, ruleTable } from '../helpers.ts';
import { rules as mathRules } from '../../../../src/check/rules/7.7-math.ts';

// Cheap checks on hand-made facts first: Stryker stops a mutant's run at the first failing test.
describe('7.7: what the rule requires and what its failures say (the rule\'s test on hand-made facts)', () => {
  const r = (id: string) => ruleById(mathRules, id);

  it('lists the rule with its clause, object, structure type and requirement', () => {
    expect(ruleTable(mathRules)).toEqual([
      ['7.7-1', '7.7', 'StructElem', 'Formula', 'Formula has Alt or ActualText.'],
    ]);
  });

  it('7.7-1: a Formula has Alt or ActualText', () => {
    expect(r('7.7-1').test({ e: { type: 'Formula' }, hasActualText: false })).toBe('Formula has neither an alternate description (Alt) nor replacement text (ActualText).');
    expect(r('7.7-1').test({ e: { type: 'Math' }, hasActualText: false })).toBe('Math (Formula) has neither an alternate description (Alt) nor replacement text (ActualText).');
    expect(r('7.7-1').test({ e: { type: 'Formula' }, alt: 'E = mc²', hasActualText: false })).toBeUndefined();
  });
});

describe('ISO 14289-1, 7.7: formulas', () => {
  it('7.7-1: a Formula without Alt', async () => {
    const r = await check(edit((f) => f.addElem(f.el.p, f.ref.p, 'Formula')));
    expect(failed(r)).toEqual(['7.7-1']);
  });
});
