import { describe, expect, it } from 'vitest';
import { PDFName, PDFString } from 'pdf-lib';
import { check, edit, failed, only, ruleById, ruleTable } from '../helpers.ts';
import { rules as graphicsRules } from '../../../../src/check/rules/7.3-graphics.ts';

const N = (s: string) => PDFName.of(s);

// Cheap checks on hand-made facts first: Stryker stops a mutant's run at the first failing test.
describe('7.3: what the rule requires and what its failures say (the rule\'s test on hand-made facts)', () => {
  const r = (id: string) => ruleById(graphicsRules, id);

  it('lists the rule with its clause, object, structure type and requirement', () => {
    expect(ruleTable(graphicsRules)).toEqual([
      ['7.3-1', '7.3', 'StructElem', 'Figure', 'Figure has Alt or ActualText.'],
    ]);
  });

  it('7.3-1: a Figure, or a type mapped to it, has Alt or ActualText', () => {
    expect(r('7.3-1').test({ e: { type: 'Figure' }, hasActualText: false })).toBe('Figure has neither an alternate description (Alt) nor replacement text (ActualText).');
    expect(r('7.3-1').test({ e: { type: 'Chart' }, alt: '', hasActualText: false })).toBe('Chart (Figure) has neither an alternate description (Alt) nor replacement text (ActualText).');
    expect(r('7.3-1').test({ e: { type: 'Figure' }, alt: 'Sales by region', hasActualText: false })).toBeUndefined();
    expect(r('7.3-1').test({ e: { type: 'Figure' }, hasActualText: true })).toBeUndefined();
  });
});

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
