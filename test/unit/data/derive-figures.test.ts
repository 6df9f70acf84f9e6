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
      ['derive/bad-input', '/report/derive/4'],
      ['derive/bad-input', '/report/derive/5'],
    ]);
  });
});
