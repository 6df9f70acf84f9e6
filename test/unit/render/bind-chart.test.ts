import { describe, expect, it } from 'vitest';
import { bindRows, type Binding } from '../../../src/render/bind-chart.ts';
import { createTextRenderer } from '../../../src/render/render-text.ts';
import { formatter } from '../../../src/util/format.ts';
import type { Place } from '../../../src/util/diagnostics.ts';
import { folioError } from '../../helpers.ts';

const fmt = formatter('en-US', { currency: 'USD', amountsIn: 'thousands' });
const data = {
  figures: { by_year: { '2021': 10, '2022': 20 }, other: { '2021': 1 }, empty: {}, none: [], nothing: null, count: 7 },
  list: [{ year: '2021', n: 1.5 }, { year: '2022', n: 2 }],
};
const input = (d: Record<string, unknown> = data) => ({ data: d, renderText: createTextRenderer(fmt, d) });
const placeOf = (key: string): Place => ({ file: 'report.yaml', pointer: `/charts/0/${key}` });
const alt = { kind: 'bar', label: 'key', value: 'value' };
const bind = (binding: Partial<Binding>, d?: Record<string, unknown>) => bindRows('bars', { data: 'figures.by_year', alt, ...binding } as Binding, input(d), placeOf);

describe('bindRows', () => {
  it('turns a map of values into key/value rows', () => {
    expect(bind({})).toEqual([
      { key: '2021', value: 10 },
      { key: '2022', value: 20 },
    ]);
  });

  it('names the key and value columns as the binding says', () => {
    expect(bind({ as: ['year', 'count'] })).toEqual([
      { year: '2021', count: 10 },
      { year: '2022', count: 20 },
    ]);
    expect(bind({ as: ['year'] })).toEqual([
      { year: '2021', value: 10 },
      { year: '2022', value: 20 },
    ]);
  });

  it('takes a list of records as rows, leaving the data untouched', () => {
    const rows = bind({ data: 'list' });
    expect(rows).toEqual([
      { year: '2021', n: 1.5 },
      { year: '2022', n: 2 },
    ]);
    rows[0]!.year = 'changed';
    expect(data.list[0]!.year).toBe('2021');
  });

  it('adds a series column to each series, named "series" unless the alt text names it', () => {
    expect(bind({ data: { A: 'figures.by_year', B: 'figures.other' } })).toEqual([
      { key: '2021', value: 10, series: 'A' },
      { key: '2022', value: 20, series: 'A' },
      { key: '2021', value: 1, series: 'B' },
    ]);
    expect(bind({ data: { A: 'list' }, alt: { ...alt, series: 'group' } })).toEqual([
      { year: '2021', n: 1.5, group: 'A' },
      { year: '2022', n: 2, group: 'A' },
    ]);
  });

  it('fails on a path that is not in the data, at the binding\'s data', async () => {
    const e = await folioError(() => bind({ data: 'figures.gone' }));
    expect(e.diagnostics).toEqual([
      expect.objectContaining({ code: 'chart/missing-data', file: 'report.yaml', pointer: '/charts/0/data', message: 'Chart "bars" is bound to figures.gone, which is not in the data.' }),
    ]);
  });

  it('fails on a path that holds a single value or null rather than a list or map', async () => {
    for (const p of ['figures.count', 'figures.nothing']) {
      const e = await folioError(() => bind({ data: { A: p } }));
      expect(e.diagnostics[0]).toMatchObject({ code: 'chart/missing-data', pointer: '/charts/0/data', message: `Chart "bars" is bound to ${p}, which is not a list or a map.` });
    }
  });

  it('fails on empty data, naming the path or every series path', async () => {
    const one = await folioError(() => bind({ data: 'figures.empty' }));
    expect(one.diagnostics[0]).toMatchObject({ code: 'chart/empty-data', pointer: '/charts/0/data', message: 'Chart "bars" has no data: figures.empty is empty.' });
    const series = await folioError(() => bind({ data: { A: 'figures.none', B: 'figures.empty' } }));
    expect(series.diagnostics[0]).toMatchObject({ code: 'chart/empty-data', message: 'Chart "bars" has no data: figures.none, figures.empty is empty.' });
  });

  it('writes text fields from each row with helpers, in the binding\'s number format', () => {
    expect(bind({ data: 'list', fields: { label: '{{year}}: {{figure n format}}' } }).map((r) => r.label)).toEqual(['2021: 1.5', '2022: 2']);
    expect(bind({ data: 'list', fields: { label: '{{figure n format}}' }, alt: { ...alt, format: 'percent' } }).map((r) => r.label)).toEqual(['1.5%', '2%']);
  });

  it('tells field templates the format is "number" when the binding names none', () => {
    expect(bind({ data: 'list', fields: { label: '{{format}}' } })[0]!.label).toBe('number');
  });

  it('lets a row column named format override the binding\'s format', () => {
    const d = { list: [{ n: 3, format: 'percent' }] };
    expect(bind({ data: 'list', fields: { label: '{{format}}' } }, d)[0]!.label).toBe('percent');
  });

  it('reports a broken field template at the field\'s own pointer', async () => {
    const e = await folioError(() => bind({ data: 'list', fields: { label: '{{money nope}}' } }));
    expect(e.diagnostics[0]!.pointer).toBe('/charts/0/fields/label');
  });

  it('keeps an absent pointer absent when reporting a broken field template', async () => {
    const e = await folioError(() => bindRows('bars', { data: 'list', alt, fields: { label: '{{money nope}}' } }, input(), () => ({ file: 'x.json' })));
    expect(e.diagnostics[0]!.file).toBe('x.json');
    expect(e.diagnostics[0]!.pointer).toBeUndefined();
  });
});
