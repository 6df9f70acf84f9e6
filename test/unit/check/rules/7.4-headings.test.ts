import { describe, expect, it } from 'vitest';
import { PDFName } from 'pdf-lib';
import { check, edit, failed, only, ruleById, ruleTable } from '../helpers.ts';
import { rules as headingRules } from '../../../../src/check/rules/7.4-headings.ts';

const N = (s: string) => PDFName.of(s);

// Cheap checks on hand-made facts first: Stryker stops a mutant's run at the first failing test.
describe('7.4: what each rule requires and what its failures say (the rules\' tests on hand-made facts)', () => {
  const r = (id: string) => ruleById(headingRules, id);
  const hn = (level: number, previousHeadingLevel?: number) => ({ e: { standardType: `H${level}` }, previousHeadingLevel });

  it('lists each rule with its clause, object, structure type and requirement', () => {
    expect(ruleTable(headingRules)).toEqual([
      ['7.4.2-1', '7.4.2', 'StructElem', ['H1', 'H2', 'H3', 'H4', 'H5', 'H6'], 'Numbered headings start at H1 and never skip a level going down, in document order.'],
      ['7.4.4-1', '7.4.4', 'StructElem', undefined, 'No structure element has more than one H child.'],
      ['7.4.4-2', '7.4.4', 'StructElem', 'H', 'A document does not use both H and H1–H6 (H side).'],
      ['7.4.4-3', '7.4.4', 'StructElem', ['H1', 'H2', 'H3', 'H4', 'H5', 'H6'], 'A document does not use both H and H1–H6 (Hn side).'],
    ]);
  });

  it('7.4.2-1: numbered headings start at H1 and go down one level at a time', () => {
    expect(r('7.4.2-1').test(hn(1, 0))).toBeUndefined();
    expect(r('7.4.2-1').test(hn(1))).toBeUndefined();
    expect(r('7.4.2-1').test(hn(2, 0))).toBe('The first heading is H2, not H1.');
    expect(r('7.4.2-1').test(hn(2))).toBe('The first heading is H2, not H1.');
    expect(r('7.4.2-1').test(hn(2, 1))).toBeUndefined();
    expect(r('7.4.2-1').test(hn(3, 1))).toBe('H3 follows H1: heading level 2 is skipped.');
    expect(r('7.4.2-1').test(hn(6, 4))).toBe('H6 follows H4: heading level 5 is skipped.');
    expect(r('7.4.2-1').test(hn(2, 5))).toBeUndefined();
  });

  it('7.4.4-1…3: at most one H child; H and H1–H6 not mixed', () => {
    expect(r('7.4.4-1').test({ e: { type: 'Sect' }, kids: ['H', 'P', 'H'] })).toBe('Sect has more than one H child.');
    expect(r('7.4.4-1').test({ e: { type: 'Sect' }, kids: ['H', 'P'] })).toBeUndefined();
    expect(r('7.4.4-2').test({}, { usesHn: true })).toBe('The document uses both H and numbered headings (H1–H6).');
    expect(r('7.4.4-2').test({}, { usesHn: false })).toBeUndefined();
    expect(r('7.4.4-3').test({}, { usesH: true })).toBe('The document uses both H and numbered headings (H1–H6).');
    expect(r('7.4.4-3').test({}, { usesH: false })).toBeUndefined();
  });
});

describe('ISO 14289-1, 7.4: headings', () => {
  it('7.4.2-1: H1 followed by H3', async () => {
    const r = await check(edit((f) => f.el.h2.set(N('S'), N('H3'))));
    expect(failed(r)).toEqual(['7.4.2-1']);
    expect(only(r, '7.4.2-1')[0]!.path).toBe('Document/Sect[1]/H3[1]');
  });

  it('7.4.2-1: the first heading is not H1', async () => {
    const r = await check(
      edit((f) => {
        f.el.h1.set(N('S'), N('H2'));
        f.el.h2.set(N('S'), N('H3'));
      }),
    );
    expect(failed(r)).toEqual(['7.4.2-1']);
    expect(only(r, '7.4.2-1')[0]!.message).toMatch(/first heading is H2/);
  });

  it('7.4.4-2 / 7.4.4-3: H and H1–H6 mixed', async () => {
    const r = await check(edit((f) => f.el.h2.set(N('S'), N('H'))));
    expect(failed(r)).toEqual(['7.4.4-2', '7.4.4-3']);
  });
});

describe('ISO 14289-1, 7.4: what each heading failure says', () => {
  it('7.4.2-1: names the heading and the level it skips', async () => {
    const r = await check(edit((f) => f.el.h2.set(N('S'), N('H4'))));
    expect(only(r, '7.4.2-1').map((x) => x.message)).toEqual(['H4 follows H1: heading level 2 is skipped.']);
  });

  it('7.4.2-1: H1 to H6 one level at a time, then back up to H2, is in order', async () => {
    const r = await check(edit((f) => ['H3', 'H4', 'H5', 'H6', 'H2'].forEach((type) => f.addElem(f.el.sect, f.ref.sect, type))));
    expect(failed(r)).toEqual([]);
  });

  it('7.4.4-1: an element with two H children', async () => {
    const r = await check(
      edit((f) => {
        f.el.h1.set(N('S'), N('H'));
        f.el.h2.set(N('S'), N('H'));
        f.addElem(f.el.document, f.ref.document, 'H');
      }),
    );
    expect(failed(r).filter((id) => id.startsWith('7.4'))).toEqual(['7.4.4-1']);
    expect(only(r, '7.4.4-1').map((x) => [x.path, x.message])).toEqual([['Document', 'Document has more than one H child.']]);
  });

  it('7.4.4-2 / 7.4.4-3: say that H and numbered headings are mixed, at each side', async () => {
    const r = await check(edit((f) => f.el.h2.set(N('S'), N('H'))));
    const message = 'The document uses both H and numbered headings (H1–H6).';
    expect(only(r, '7.4.4-2').map((x) => [x.path, x.message])).toEqual([['Document/Sect[1]/H[1]', message]]);
    expect(only(r, '7.4.4-3').map((x) => [x.path, x.message])).toEqual([['Document/H1[1]', message]]);
  });
});
