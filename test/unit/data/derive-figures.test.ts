import { describe, expect, it } from 'vitest';
import os from 'node:os';
import path from 'node:path';
import { cp, mkdtemp } from 'node:fs/promises';
import { loadData } from '../../../src/data/load-data.ts';
import { edit, folioError, ROOT } from '../../helpers.ts';
import { deriveFigures, type DeriveRule } from '../../../src/data/derive-figures.ts';
import { get } from '../../../src/util/dotted.ts';
import { FolioError } from '../../../src/util/diagnostics.ts';

const locate = (pointer: string) => ({ file: 'report.yaml', pointer });
const derive = (data: Record<string, unknown>, rules: DeriveRule[]) => deriveFigures({ data: { ...data, report: { derive: rules } }, locate });
const codes = (fn: () => unknown) => {
  try {
    fn();
  } catch (e) {
    return (e as FolioError).diagnostics.map((d) => [d.code, d.pointer]);
  }
  throw new Error('expected an error');
};

describe('deriveFigures', () => {
  it('sums figures, and records key by key', () => {
    const { data, derived } = derive({ a: { x: 2, y: 3, cols: { '2023': 1, '2022': 2 }, more: { '2023': 10, '2022': 20 } } }, [
      { path: 'a.total', sum: ['a.x', 'a.y'] },
      { path: 'a.cols_total', sum: ['a.cols', 'a.more'] },
    ]);
    expect(get(data, 'a.total')).toBe(5);
    expect(get(data, 'a.cols_total')).toEqual({ '2023': 11, '2022': 22 });
    expect(derived).toEqual(['a.total', 'a.cols_total']);
  });

  it('sums the lines of a statement column by column, ignoring labels', () => {
    const lines = [
      { label: 'Program Service Revenue', '2023': 2859, '2022': 2641 },
      { label: 'Contributions', '2023': 1349, '2022': 1430 },
      { label: 'Other', '2023': 148, '2022': 12 },
    ];
    const { data } = derive({ rev: { lines } }, [{ path: 'rev.total', sum: 'rev.lines' }]);
    expect(get(data, 'rev.total')).toEqual({ '2023': 4356, '2022': 4083 });
  });

  it('takes differences, with a later rule using an earlier result', () => {
    const { data } = derive({ r: { '2023': 4356 }, e: { '2023': 4508 } }, [
      { path: 'net', difference: ['r', 'e'] },
      { path: 'net_twice', sum: ['net', 'net'] },
    ]);
    expect(get(data, 'net')).toEqual({ '2023': -152 });
    expect(get(data, 'net_twice')).toEqual({ '2023': -304 });
  });

  it('counts a list, optionally only the items with a flag', () => {
    const groups = [{ name: 'A', new: true }, { name: 'B' }, { name: 'C', new: true }];
    const { data } = derive({ g: { groups } }, [
      { path: 'g.count', count: 'g.groups' },
      { path: 'g.new_count', count: 'g.groups', where: 'new' },
    ]);
    expect([get(data, 'g.count'), get(data, 'g.new_count')]).toEqual([3, 2]);
  });

  it('computes shares in percent that add up to 100', () => {
    const items = [{ label: 'a', amount: 1800 }, { label: 'b', amount: 677 }, { label: 'c', amount: 496 }];
    const { data } = derive({ x: items }, [{ path: 'x', shares: 'x', field: 'amount' }]);
    const shares = (data.x as { share: number }[]).map((i) => i.share);
    expect(shares[0]).toBeCloseTo(60.545, 2);
    expect(shares.reduce((a, b) => a + b)).toBeCloseTo(100, 9);
  });

  it('merges keyed series', () => {
    const { data } = derive({ h: { '2018': 1 }, s: { '2023': 3, '2022': 2 } }, [{ path: 'all', merge: ['h', 's'] }]);
    expect(data.all).toEqual({ '2018': 1, '2023': 3, '2022': 2 });
  });

  it('does not change its input', () => {
    const input = { a: { x: 1 } };
    derive(input, [{ path: 'a.y', sum: ['a.x', 'a.x'] }]);
    expect(input).toEqual({ a: { x: 1 } });
  });

  it('checks a stated figure against the figures it can be computed from', () => {
    const lines = [{ '2023': 2859, '2022': 2641 }, { '2023': 1497, '2022': 1442 }];
    expect(derive({ rev: { lines, total: { '2023': 4356, '2022': 4083 } } }, [{ path: 'rev.total', sum: 'rev.lines' }]).checked).toBe(1);
    const stated = { rev: { lines, total: { '2023': 4350, '2022': 4083 } } };
    const error = (() => {
      try {
        derive(stated, [{ path: 'rev.total', sum: 'rev.lines' }]);
      } catch (e) {
        return e as FolioError;
      }
    })()!;
    expect(error.diagnostics).toHaveLength(1);
    expect(error.diagnostics[0]).toMatchObject({ code: 'figures/mismatch', pointer: '/rev/total/2023' });
    expect(error.diagnostics[0]!.message).toBe('rev.total.2023 is stated as 4350 but computes to 4356 (difference -6).');
  });

  it('names the rule, the file and the line when a published total does not add up (the default report\'s revenue)', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'folio-derive-'));
    await cp(path.join(ROOT, 'data/psf-2023'), dir, { recursive: true });
    await edit(path.join(dir, 'financials.yaml'), (t) => t.replace('    total_label: Total Revenue\n', '    total_label: Total Revenue\n    total: { "2023": 4400, "2022": 4083 }\n'));
    const loaded = await loadData(dir);
    const error = await folioError(() => deriveFigures(loaded));
    expect(error.diagnostics).toHaveLength(1);
    expect(error.diagnostics[0]).toMatchObject({
      code: 'figures/mismatch',
      file: path.join(dir, 'financials.yaml'),
      line: 21,
      pointer: '/financials/statement/revenue/total/2023',
      message: 'financials.statement.revenue.total.2023 (Total revenue) is stated as 4400 but computes to 4356 (difference +44).',
    });
    expect(error.diagnostics[0]!.hint).toMatch(new RegExp(`^The rule is at ${path.join(dir, 'report.yaml')}:200\\. `));
  });

  it('checks shares within rounding, and percentages that should add up to 100', () => {
    const items = [{ amount: 1800, share: 60.5 }, { amount: 677, share: 22.8 }, { amount: 496, share: 16.7 }];
    expect(derive({ x: items }, [{ path: 'x', shares: 'x', field: 'amount' }]).checked).toBe(3);
    const off = [{ amount: 1800, share: 61 }, { amount: 677, share: 22.8 }, { amount: 496, share: 16.7 }];
    expect(codes(() => derive({ x: off }, [{ path: 'x', shares: 'x', field: 'amount' }]))).toEqual([['figures/mismatch', '/x/0/share']]);
    const pct = [{ percent: 38.6 }, { percent: 61.3 }];
    expect(derive({ g: pct }, [{ name: 'adds to 100', sum: 'g', field: 'percent', equals: 100, tolerance: 0.15 }]).checked).toBe(1);
    expect(codes(() => derive({ g: pct }, [{ name: 'adds to 100', sum: 'g', field: 'percent', equals: 100 }]))).toEqual([['figures/mismatch', '/report/derive/0']]);
  });

  it('checks that two stated figures agree (the balance sheet balances)', () => {
    expect(derive({ a: { '2023': 5441 }, b: { '2023': 5441 } }, [{ path: 'a', same: 'b' }]).checked).toBe(1);
    expect(codes(() => derive({ a: { '2023': 5441 }, b: { '2023': 5440 } }, [{ path: 'a', same: 'b' }]))).toEqual([['figures/mismatch', '/a/2023']]);
  });

  it('applies a recorded correction to a published figure, and refuses a stale one', () => {
    const data = { rev: { lines: [1, 2], total: 4 } };
    const rules = [{ path: 'rev.total', sum: 'rev.lines' }];
    expect(codes(() => derive(data, rules))).toEqual([['figures/mismatch', '/rev/total']]);
    const fixed = derive({ ...data, corrections: [{ path: 'rev.total', label: 'Total', old: 4, new: 3, date: '2026-11-27' }] }, rules);
    expect(get(fixed.data, 'rev.total')).toBe(3);
    expect(get(fixed.data, 'report.revision')).toEqual({ number: 2, date: '2026-11-27', history: [{ date: '2026-11-27', changes: [{ label: 'Total', format: 'number', old: 4, new: 3 }] }] });
    // A correction to a derived figure documents it; it must match what the data gives.
    const derived = { rev: { lines: [1, 2] }, corrections: [{ path: 'rev.total', label: 'Total', old: 4, new: 3, date: '2026-11-27' }] };
    expect(get(derive(derived, rules).data, 'rev.total')).toBe(3);
    const stale = { rev: { lines: [1, 2] }, corrections: [{ path: 'rev.total', label: 'Total', old: 4, new: 5, date: '2026-11-27' }] };
    expect(codes(() => derive(stale, rules))).toEqual([['corrections/stale', '/corrections/0']]);
  });

  it('names the rule and the input that is missing or unusable', () => {
    expect(
      codes(() =>
        derive({ a: { x: 1, s: 'text', list: [], cols: { '2023': 1 } } }, [
          { path: 'b', sum: ['a.nope'] },
          { path: 'c', sum: ['a.s'] },
          { path: 'd', count: 'a.x' },
          { path: 'e', sum: 'a.list' },
          { path: 'f' } as DeriveRule,
          { path: 'g', difference: ['a.x', 'a.cols'] },
        ]),
      ),
    ).toEqual([
      ['derive/missing-input', '/report/derive/0'],
      ['derive/bad-input', '/report/derive/1'],
      ['derive/bad-input', '/report/derive/2'],
      ['derive/bad-input', '/report/derive/3'],
      ['derive/bad-rule', '/report/derive/4'],
      ['derive/bad-input', '/report/derive/5'],
    ]);
  });
});

describe('deriveFigures: the messages a user reads', () => {
  const messages = (fn: () => unknown) => {
    try {
      fn();
    } catch (e) {
      return (e as FolioError).diagnostics.map((d) => d.message);
    }
    throw new Error('expected an error');
  };

  it('says which input is missing or unusable, and why', () => {
    expect(
      messages(() =>
        derive({ a: { x: 1, s: 'text', list: [], cols: { '2023': 1 }, flat: [1, 'two'], rows: [{ v: 1 }, { v: 'two' }], odd: [{ v: 1 }, 3, 'x'], arr: [1, 2], yes: true, none: null, half: { '2023': 1, '2022': 'n/a' } } }, [
          { path: 'b', sum: ['a.nope'] },
          { path: 'c', sum: ['a.s'] },
          { path: 'd', count: 'a.x' },
          { path: 'e', sum: 'a.list' },
          { path: 'f' } as DeriveRule,
          { path: 'g', difference: ['a.x', 'a.cols'] },
          { path: 'h', sum: ['a.x', 'a.cols'] },
          { path: 'i', sum: 'a.rows', field: 'v' },
          { path: 'j', sum: 'a.odd' },
          { path: 'k', sum: 'a.x' },
          { name: 'no path', sum: ['a.x'] },
          { sum: ['a.cols'], equals: 1 },
          { path: 'l', same: 'a.x' },
          { path: 'm', sum: ['a.arr'] },
          { path: 'n', sum: ['a.yes'] },
          { path: 'o', sum: ['a.none'] },
          { path: 'p', sum: ['a.half'] },
          { path: 'q', sum: 'a.flat' },
          { path: 'r', difference: ['a.cols', 'a.x'] },
          { sum: ['a.s'], equals: 1 },
        ]),
      ),
    ).toEqual([
      'Rule for b reads a.nope, which is not in the data.',
      'Rule for c cannot use a.s: it is neither a number nor a map of numbers.',
      'Rule for d cannot use a.x: it is not a list.',
      'Rule for e cannot use a.list: it is not a non-empty list.',
      'Derive rule f: it names no operation (sum, difference, count, shares, merge or same).',
      'Rule for g cannot use a.x, a.cols: it mixes plain numbers with maps of numbers.',
      'Rule for h cannot use a.x, a.cols: it mixes plain numbers with maps of numbers.',
      'Rule for i cannot use a.rows: every item needs a numeric "v".',
      'Rule for j cannot use a.odd: its items are neither numbers nor records.',
      'Rule for k cannot use a.x: it is not a non-empty list.',
      'Derive rule no path: it needs a `path` (or `equals`).',
      'Derive rule 12: `equals` needs it to compute one number.',
      'Rule for l reads l, which is not in the data.',
      'Rule for m cannot use a.arr: it is neither a number nor a map of numbers.',
      'Rule for n cannot use a.yes: it is neither a number nor a map of numbers.',
      'Rule for o cannot use a.none: it is neither a number nor a map of numbers.',
      'Rule for p cannot use a.half: it is neither a number nor a map of numbers.',
      'Rule for q cannot use a.flat: its items are neither numbers nor records.',
      'Rule for r cannot use a.cols, a.x: it mixes plain numbers with maps of numbers.',
      'Rule for rule 20 cannot use a.s: it is neither a number nor a map of numbers.',
    ]);
  });

  it('says why shares cannot be computed', () => {
    expect(
      messages(() =>
        derive({ n: 3, bad: [{ value: 1 }, { value: 'x' }], zero: [{ value: 0 }, { value: 0 }], amounts: [{ amount: 1 }] }, [
          { path: 'n', shares: 'n' },
          { path: 'bad', shares: 'bad' },
          { path: 'zero', shares: 'zero' },
          { path: 'amounts', shares: 'amounts' },
        ]),
      ),
    ).toEqual([
      'Rule for n cannot use n: it is not a list.',
      'Rule for bad cannot use bad: every item needs a numeric "value".',
      'Rule for zero cannot use zero: the values add up to zero.',
      'Rule for amounts cannot use amounts: every item needs a numeric "value".',
    ]);
  });

  it('shares out the "value" field by default, and reports the derived shares', () => {
    const { data, derived } = derive({ x: [{ value: 1 }, { value: 3 }] }, [{ path: 'x', shares: 'x' }]);
    expect((data.x as { share: number }[]).map((i) => i.share)).toEqual([25, 75]);
    expect(derived).toEqual(['x[].share']);
  });

  it('allows stated shares 0.05 off by default, and not more', () => {
    const items = (first: number) => [{ value: 1, share: first }, { value: 2, share: 66.67 }];
    expect(derive({ x: items(33.38) }, [{ path: 'x', shares: 'x' }]).checked).toBe(2);
    expect(messages(() => derive({ x: items(33.39) }, [{ path: 'x', shares: 'x' }]))).toEqual([
      'x.0.share is stated as 33.39 but computes to 33.333333333 (difference +0.056666667).',
    ]);
  });

  it('allows no difference by default in a check, and the stated tolerance when given', () => {
    expect(messages(() => derive({ a: 1, b: 2, t: 3.01 }, [{ path: 't', sum: ['a', 'b'] }]))).toEqual(['t is stated as 3.01 but computes to 3 (difference +0.01).']);
    expect(derive({ a: 1, b: 2, t: 3.01 }, [{ path: 't', sum: ['a', 'b'], tolerance: 0.01 }]).checked).toBe(1);
    expect(messages(() => derive({ a: 1, b: 2 }, [{ path: 'three', name: 'adds up', sum: ['a', 'b'], equals: 3.01 }]))).toEqual([
      'three (adds up) is stated as 3.01 but computes to 3 (difference +0.01).',
    ]);
    expect(derive({ a: 1, b: 2 }, [{ name: 'three', sum: ['a', 'b'], equals: 3.01, tolerance: 0.01 }]).checked).toBe(1);
    // A difference of exactly the tolerance is allowed.
    expect(derive({ a: 1, b: 2, t: 3.5 }, [{ path: 't', sum: ['a', 'b'], tolerance: 0.5 }]).checked).toBe(1);
    expect(derive({ a: 1, b: 2 }, [{ name: 'adds up', sum: ['a', 'b'], equals: 3.5, tolerance: 0.5 }]).checked).toBe(1);
  });

  it('names a check without a path by its name, once', () => {
    expect(messages(() => derive({ a: 1, b: 2 }, [{ name: 'three', sum: ['a', 'b'], equals: 3.01 }]))).toEqual([
      'three is stated as 3.01 but computes to 3 (difference +0.01).',
    ]);
    expect(messages(() => derive({ a: 1, b: 2 }, [{ sum: ['a', 'b'], equals: 3.01 }]))).toEqual(['rule 1 is stated as 3.01 but computes to 3 (difference +0.01).']);
  });

  it('leaves data without corrections or a report as it was, and keeps a revision the report states', () => {
    const plain = deriveFigures({ data: { a: 1, b: 2, report: { derive: [{ path: 'c', sum: ['a', 'b'] }] } }, locate }).data;
    expect(plain).toEqual({ a: 1, b: 2, c: 3, report: { derive: [{ path: 'c', sum: ['a', 'b'] }], revision: { number: 1 } } });
    expect(deriveFigures({ data: { a: 1 }, locate }).data).toEqual({ a: 1 });
    const stated = deriveFigures({ data: { report: { revision: { number: 4, date: '2026-01-02' } } }, locate }).data;
    expect(stated.report).toEqual({ revision: { number: 4, date: '2026-01-02' } });
  });

  it('lets a malformed rule fail as a bug rather than report it as a figure problem', () => {
    // The schema refuses such a rule before it gets here.
    expect(() => derive({ a: 1 }, [{ path: 'b', difference: 'a' as unknown as [string, string] }])).toThrow(TypeError);
  });

  it('names a year the stated figure has and the computed one lacks, and the other way round', () => {
    expect(messages(() => derive({ a: { '2023': 1 }, t: { '2023': 1, '2022': 5 } }, [{ path: 't', same: 'a' }]))).toEqual([
      't.2022 is stated as 5 but computes to NaN (difference NaN).',
    ]);
    expect(messages(() => derive({ a: { '2023': 1, '2022': 5 }, t: { '2023': 1 } }, [{ path: 't', same: 'a' }]))).toEqual([
      't.2022 is stated as NaN but computes to 5 (difference NaN).',
    ]);
    expect(messages(() => derive({ a: { '2023': 1 }, t: 1 }, [{ path: 't', same: 'a' }]))).toEqual([
      'Rule for t cannot use t: one side is a number and the other a map of numbers.',
    ]);
    expect(messages(() => derive({ a: 1, t: { '2023': 1 } }, [{ path: 't', same: 'a' }]))).toEqual([
      'Rule for t cannot use t: one side is a number and the other a map of numbers.',
    ]);
  });

  it('points the hint at report.yaml when the rule’s place is unknown, and at its file and line when known', () => {
    const hint = (locate: (p: string) => object) => {
      try {
        deriveFigures({ data: { a: 1, t: 2, report: { derive: [{ path: 't', same: 'a' }] } }, locate });
      } catch (e) {
        return (e as FolioError).diagnostics[0]!.hint!.split('. ')[0];
      }
    };
    expect(hint(() => ({}))).toBe('The rule is at report.yaml');
    expect(hint(() => ({ file: 'r.yaml', line: 7 }))).toBe('The rule is at r.yaml:7');
    expect(hint(() => ({ file: 'r.yaml' }))).toBe('The rule is at r.yaml:');
  });

  it('sums only the numeric fields of records, one field when asked, and lists with a missing record', () => {
    const { data } = derive({ rows: [{ a: 0.1, b: 'x' }, { a: 0.2, c: 1 }], f: [{ v: 0.1 }, { v: 0.2 }] }, [
      { path: 'total', sum: 'rows' },
      { path: 'v', sum: 'f', field: 'v' },
      { path: 'n', sum: ['v', 'v'] },
    ]);
    expect([data.total, data.v, data.n]).toEqual([{ a: 0.3, c: 1 }, 0.3, 0.6]);
    expect(messages(() => derive({ rows: [{ v: 1 }, null] }, [{ path: 't', sum: 'rows', field: 'v' }]))).toEqual(['Rule for t cannot use rows: every item needs a numeric "v".']);
  });

  it('counts the derived and checked figures, in rule order', () => {
    const result = derive({ a: 1, b: 2, c: 3 }, [
      { path: 'c', sum: ['a', 'b'] },
      { path: 'd', sum: ['a', 'b'] },
      { name: 'sum', sum: ['a', 'b'], equals: 3 },
      { path: 'e', difference: ['b', 'a'] },
    ]);
    expect([result.derived, result.checked, result.data.e]).toEqual([['d', 'e'], 2, 1]);
  });
});
