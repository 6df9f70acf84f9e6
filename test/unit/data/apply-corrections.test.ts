import { describe, expect, it } from 'vitest';
import { deriveFigures, type DeriveRule } from '../../../src/data/derive-figures.ts';
import { readable, type Correction } from '../../../src/data/apply-corrections.ts';
import { get } from '../../../src/util/dotted.ts';
import { folioError } from '../../helpers.ts';

const locate = (pointer: string) => ({ file: 'corrections.yaml', pointer });
const derive = (data: Record<string, unknown>, rules: DeriveRule[], corrections: Partial<Correction>[], report: Record<string, unknown> = {}) =>
  deriveFigures({ data: { ...data, report: { ...report, derive: rules }, corrections }, locate });
const moved = (data: Record<string, unknown>) => (data.corrections as Correction[]).map((c) => c.moved);

const attendance = { pycon: { attendees: { in_person: 2159, online: 491 } } };
const total: DeriveRule = { name: 'Session attendees', path: 'pycon.attendees.total', sum: ['pycon.attendees.in_person', 'pycon.attendees.online'] };
const inPerson = { path: 'pycon.attendees.in_person', label: 'In-person attendees', format: 'number' as const, old: 2159, new: 2186, date: '2026-12-01' };

describe('the figures a correction moved', () => {
  it('lists the derived total a corrected typed figure moved, with both values, whether the data holds the old value or the new', () => {
    const expected = [[{ path: 'pycon.attendees.total', label: 'Session attendees', format: 'number', old: 2650, new: 2677 }]];
    const replaced = derive(attendance, [total], [inPerson]);
    expect(get(replaced.data, 'pycon.attendees.total')).toBe(2677);
    expect(moved(replaced.data)).toEqual(expected);
    const typedAnew = derive({ pycon: { attendees: { in_person: 2186, online: 491 } } }, [total], [inPerson]);
    expect(moved(typedAnew.data)).toEqual(expected);
  });

  it('follows the rules through keyed figures, differences and shares, each in its format', () => {
    const statement = {
      revenue: { lines: [{ label: 'Fees', '2023': 100, '2022': 90 }, { label: 'Gifts', '2023': 50, '2022': 40 }] },
      expenses: { lines: [{ label: 'Staff', '2023': 120, '2022': 100 }] },
      by_category: [{ label: 'Events', amount: 75 }, { label: 'Grants', amount: 25 }],
    };
    const rules: DeriveRule[] = [
      { path: 'revenue.total', sum: 'revenue.lines' },
      { path: 'expenses.total', sum: 'expenses.lines' },
      { name: 'Net income', path: 'net', difference: ['revenue.total', 'expenses.total'] },
      { path: 'by_category', shares: 'by_category', field: 'amount' },
      { name: 'Events (rounded)', format: 'number', path: 'events', sum: ['by_category.0.amount', 'by_category.0.amount'] },
    ];
    const { data } = derive(statement, rules, [
      { path: 'revenue.lines.0.2023', label: 'Fees, 2023', format: 'money', old: 100, new: 110, date: '2026-12-01' },
      { path: 'by_category.0.amount', label: 'Events spending', format: 'money', old: 75, new: 100, date: '2026-12-01' },
    ]);
    expect(moved(data)).toEqual([
      [
        { path: 'revenue.total.2023', label: 'Revenue total, 2023', format: 'money', old: 150, new: 160 },
        { path: 'net.2023', label: 'Net income, 2023', format: 'money', old: 30, new: 40 },
      ],
      [
        { path: 'by_category.0.share', label: 'Share of by category, Events', format: 'percent', old: 75, new: 80 },
        { path: 'by_category.1.share', label: 'Share of by category, Grants', format: 'percent', old: 25, new: 20 },
        { path: 'events', label: 'Events (rounded)', format: 'number', old: 150, new: 200 },
      ],
    ]);
  });

  it('labels a derived figure by its own rule, not by a shares rule that also names its path', () => {
    const rules: DeriveRule[] = [
      { name: 'Share of items', path: 'a.sum', shares: 'a.items', field: 'n' },
      { name: 'Sum', path: 'a.sum', sum: ['a.x', 'a.y'] },
    ];
    const { data } = derive({ a: { x: 1, y: 2, items: [{ label: 'I', n: 1 }] } }, rules, [{ path: 'a.x', label: 'X', format: 'number', old: 1, new: 5, date: '2026-01-01' }]);
    expect(moved(data)).toEqual([[{ path: 'a.sum', label: 'Sum', format: 'number', old: 3, new: 7 }]]);
  });

  it('gives each edition its own values, and lists a figure two corrections of one date moved once', () => {
    const counts = { a: { x: 1, y: 2 } };
    const rules: DeriveRule[] = [{ name: 'Sum', path: 'a.sum', sum: ['a.x', 'a.y'] }];
    const x = (old: number, nw: number, date: string) => ({ path: 'a.x', label: 'X', format: 'number' as const, old, new: nw, date });
    const { data } = derive(counts, rules, [
      x(1, 5, '2026-01-01'),
      { path: 'a.y', label: 'Y', format: 'number', old: 2, new: 3, date: '2026-01-01' },
      x(5, 7, '2026-02-01'),
    ]);
    expect(moved(data)).toEqual([[{ path: 'a.sum', label: 'Sum', format: 'number', old: 3, new: 8 }], undefined, [{ path: 'a.sum', label: 'Sum', format: 'number', old: 8, new: 10 }]]);
    expect(get(data, 'a.x')).toBe(7);
    expect(get(data, 'report.revision')).toMatchObject({
      number: 3,
      date: '2026-02-01',
      history: [
        { date: '2026-01-01', changes: [{ label: 'X', old: 1, new: 5 }, { label: 'Sum', old: 3, new: 8 }, { label: 'Y', old: 2, new: 3 }] },
        { date: '2026-02-01', changes: [{ label: 'X', old: 5, new: 7 }, { label: 'Sum', old: 8, new: 10 }] },
      ],
    });
  });

  it('lists under the correction that moved it a figure only one of the day’s corrections moved', () => {
    const rules: DeriveRule[] = [{ name: 'Y twice', path: 'b', sum: ['a.y', 'a.y'] }];
    const { data } = derive({ a: { x: 1, y: 2 } }, rules, [
      { path: 'a.x', label: 'X', format: 'number', old: 1, new: 5, date: '2026-01-01' },
      { path: 'a.y', label: 'Y', format: 'number', old: 2, new: 3, date: '2026-01-01' },
    ]);
    expect(moved(data)).toEqual([undefined, [{ path: 'b', label: 'Y twice', format: 'number', old: 4, new: 6 }]]);
  });

  it('lists nothing more for a correction to a derived figure (it documents what was printed), and no figure twice', () => {
    const documented = derive(attendance, [total], [{ path: 'pycon.attendees.total', label: 'Session attendees', format: 'number', old: 2600, new: 2650, date: '2026-11-27' }]);
    expect(moved(documented.data)).toEqual([undefined]);
    const both = derive(attendance, [total], [inPerson, { path: 'pycon.attendees.total', label: 'Session attendees', format: 'number', old: 2650, new: 2677, date: '2026-12-01' }]);
    expect(moved(both.data)).toEqual([undefined, undefined]);
  });

  it('builds a corrected edition whose published figures did not add up', () => {
    const { data } = derive({ t: { lines: [1, 2], total: 4 } }, [{ path: 't.total', sum: 't.lines' }], [{ path: 't.lines.0', label: 'First line', format: 'number', old: 1, new: 2, date: '2026-12-01' }]);
    expect(get(data, 't.lines')).toEqual([2, 2]);
    expect(moved(data)).toEqual([undefined]);
  });

  it('refuses corrections of one figure that do not follow each other, and one dated before the first publication', async () => {
    const error = await folioError(() =>
      derive(attendance, [total], [inPerson, { ...inPerson, old: 2190, new: 2200, date: '2026-12-02' }], { date: '2024-03-01' }),
    );
    expect(error.diagnostics.map((d) => [d.code, d.pointer])).toEqual([
      ['corrections/unchained', '/corrections/1/old'],
      ['corrections/stale', '/corrections/1'],
    ]);
    const early = await folioError(() => derive(attendance, [total], [{ ...inPerson, date: '2024-01-31' }], { date: '2024-03-01' }));
    expect(early.diagnostics.map((d) => [d.code, d.pointer])).toEqual([['corrections/before-publication', '/corrections/0/date']]);
    expect(early.diagnostics[0]!.message).toBe("The correction for pycon.attendees.in_person is dated 2024-01-31, before the report's first publication (2024-03-01).");
  });

  it('makes a path readable', () => {
    expect(readable('pycon.recap.attendees.total')).toBe('Pycon recap attendees total');
  });
});

describe('corrections in any order, and the labels of what they moved', () => {
  it('applies a figure\'s corrections in date order, whatever their order in the file', () => {
    const x = (old: number, nw: number, date: string) => ({ path: 'a.x', label: 'X', old, new: nw, date });
    const { data } = derive({ a: { x: 1 } }, [], [x(5, 7, '2026-02-01'), x(1, 5, '2026-01-01')]);
    expect(get(data, 'a.x')).toBe(7);
    expect(get(data, 'report.revision')).toEqual({
      number: 3,
      date: '2026-02-01',
      history: [
        { date: '2026-01-01', changes: [{ label: 'X', format: 'number', old: 1, new: 5 }] },
        { date: '2026-02-01', changes: [{ label: 'X', format: 'number', old: 5, new: 7 }] },
      ],
    });
  });

  it('accepts a correction dated the day of the first publication', () => {
    expect(get(derive(attendance, [total], [{ ...inPerson, date: '2024-03-01' }], { date: '2024-03-01' }).data, 'pycon.attendees.in_person')).toBe(2186);
  });

  it('says what the data gives when a correction no longer describes it, or that it gives nothing', async () => {
    const stale = await folioError(() => derive({ a: { x: 1 } }, [], [{ path: 'a.x', label: 'X', old: 2, new: 3, date: '2026-01-01' }]));
    expect(stale.diagnostics.map((d) => d.message)).toEqual(['The correction for a.x says it is now 3, but the data gives 1.']);
    const gone = await folioError(() => derive({ a: { x: 1 } }, [], [{ path: 'a.y', label: 'Y', old: 2, new: 3, date: '2026-01-01' }]));
    expect(gone.diagnostics.map((d) => d.message)).toEqual(['The correction for a.y says it is now 3, but the data gives nothing.']);
    const unchained = await folioError(() =>
      derive({ a: { x: 9 } }, [], [{ path: 'a.x', label: 'X', old: 1, new: 5, date: '2026-01-01' }, { path: 'a.x', label: 'X', old: 6, new: 9, date: '2026-02-01' }]),
    );
    expect(unchained.diagnostics.map((d) => d.message)).toEqual([
      'The correction for a.x of 2026-02-01 says it was 6, but the correction before it (of 2026-01-01) made it 5.',
    ]);
  });

  it('prints a moved count as a number and a moved share as a percent, whatever the correction\'s format', () => {
    const rules: DeriveRule[] = [
      { path: 'funded', count: 'grants', where: 'paid' },
      { path: 'grants', shares: 'grants', field: 'paid' },
    ];
    const grants = [{ name: 'Alpha', paid: 0 }, { title: 'Beta', paid: 2 }, { paid: 2 }];
    const { data } = derive({ grants }, rules, [{ path: 'grants.0.paid', label: 'Alpha paid', format: 'money', old: 0, new: 4, date: '2026-12-01' }]);
    expect(moved(data)).toEqual([
      [
        { path: 'funded', label: 'Funded', format: 'number', old: 2, new: 3 },
        { path: 'grants.0.share', label: 'Share of grants, Alpha', format: 'percent', old: 0, new: 50 },
        { path: 'grants.1.share', label: 'Share of grants, Beta', format: 'percent', old: 50, new: 25 },
        { path: 'grants.2.share', label: 'Share of grants, item 3', format: 'percent', old: 50, new: 25 },
      ],
    ]);
  });

  it('labels moved shares by their rule\'s name, and prints a moved figure in its correction\'s format, else as a number', () => {
    const rules: DeriveRule[] = [
      { name: 'Part', path: 'items', shares: 'items' },
      { path: 'sum', sum: ['items.0.value', 'items.1.value'] },
    ];
    const items = [{ label: 'One', value: 1 }, { label: 'Two', value: 3 }];
    const corrected = (format?: 'money') => moved(derive({ items }, rules, [{ path: 'items.0.value', label: 'One', ...(format ? { format } : {}), old: 1, new: 5, date: '2026-12-01' }]).data);
    expect(corrected()).toEqual([
      [
        { path: 'items.0.share', label: 'Part, One', format: 'percent', old: 25, new: 62.5 },
        { path: 'items.1.share', label: 'Part, Two', format: 'percent', old: 75, new: 37.5 },
        { path: 'sum', label: 'Sum', format: 'number', old: 4, new: 8 },
      ],
    ]);
    expect(corrected('money')[0]!.at(-1)).toEqual({ path: 'sum', label: 'Sum', format: 'money', old: 4, new: 8 });
  });
});

describe('editions in date order, and what each derives', () => {
  it('applies two corrections of one figure on one date in file order', () => {
    const x = (old: number, nw: number) => ({ path: 'a.x', label: 'X', old, new: nw, date: '2026-01-01' });
    expect(get(derive({ a: { x: 1 } }, [], [x(1, 5), x(5, 7)]).data, 'a.x')).toBe(7);
  });

  it('builds the editions in date order when the file lists a later correction first', () => {
    const rules: DeriveRule[] = [{ name: 'Sum', path: 'a.sum', sum: ['a.x', 'a.y'] }];
    const { data } = derive({ a: { x: 1, y: 2 } }, rules, [
      { path: 'a.y', label: 'Y', old: 2, new: 4, date: '2026-02-01' },
      { path: 'a.x', label: 'X', old: 1, new: 3, date: '2026-01-01' },
    ]);
    expect(moved(data)).toEqual([[{ path: 'a.sum', label: 'Sum', format: 'number', old: 5, new: 7 }], [{ path: 'a.sum', label: 'Sum', format: 'number', old: 3, new: 5 }]]);
  });

  it('derives each edition from its typed figures, not from what a documented derived figure printed', () => {
    const rules: DeriveRule[] = [
      { path: 'total', sum: ['a', 'b'] },
      { name: 'Double', path: 'double', sum: ['total', 'total'] },
    ];
    const { data } = derive({ a: 1, b: 2 }, rules, [
      { path: 'a', label: 'A', old: 1, new: 2, date: '2026-01-01' },
      { path: 'total', label: 'Total', old: 5, new: 4, date: '2026-01-01' },
    ]);
    expect(moved(data)).toEqual([[{ path: 'double', label: 'Double', format: 'number', old: 6, new: 8 }], undefined]);
  });

  it('lists no moved share when the published figures could not be shared out', () => {
    const { data } = derive({ items: [{ value: 0 }, { value: 0 }] }, [{ path: 'items', shares: 'items' }], [{ path: 'items.0.value', label: 'First', old: 0, new: 5, date: '2026-01-01' }]);
    expect((data.items as { share: number }[]).map((i) => i.share)).toEqual([100, 0]);
    expect(moved(data)).toEqual([undefined]);
  });

  it('takes only a path ending in [].share for a share', () => {
    const { data } = derive({ a: 1, b: 2 }, [{ path: 'odd[].shared', sum: ['a', 'b'] }], [{ path: 'a', label: 'A', old: 1, new: 2, date: '2026-01-01' }]);
    expect(moved(data)).toEqual([[{ path: 'odd[].shared', label: 'Odd[] shared', format: 'number', old: 3, new: 4 }]]);
  });
});
