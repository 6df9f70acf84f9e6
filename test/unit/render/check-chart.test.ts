import { describe, expect, it } from 'vitest';
import { checkDomains, checkFields } from '../../../src/render/check-chart.ts';
import type { Place } from '../../../src/util/diagnostics.ts';
import { folioError } from '../../helpers.ts';

const where: Place = { file: 'charts/bars.vl.json', pointer: '/charts/0' };
const rows = [
  { year: '2021', count: 10 },
  { year: '2022', count: 20 },
];
type Spec = Record<string, unknown>;
const enc = (field: string, channel = 'y') => ({ encoding: { [channel]: { field, type: 'quantitative' } } });
const fields = (spec: Spec, r: Record<string, unknown>[] = rows) => () => checkFields('bars', spec, r, where);
const domains = (spec: Spec, r: Record<string, unknown>[] = rows) => () => checkDomains('bars', spec, r, where);
const unknownField = async (spec: Spec, r?: Record<string, unknown>[]) => (await folioError(fields(spec, r))).diagnostics;

describe('checkFields', () => {
  it('accepts an encoding of fields the rows have', () => {
    expect(fields({ encoding: { x: { field: 'year' }, y: { field: 'count' } } })).not.toThrow();
  });

  it('fails on an encoded field the rows lack, listing the fields there are', async () => {
    expect(await unknownField(enc('cnt'))).toEqual([
      {
        code: 'chart/unknown-field',
        severity: 'error',
        file: 'charts/bars.vl.json',
        pointer: '/charts/0',
        message: 'Chart "bars" encodes field "cnt", which its data rows do not have.',
        hint: 'Fields in the data: year, count.',
      },
    ]);
  });

  it('checks every channel that draws a field', async () => {
    const channels = ['x', 'y', 'x2', 'y2', 'xOffset', 'yOffset', 'theta', 'radius', 'color', 'fill', 'stroke', 'text', 'order', 'tooltip', 'size', 'opacity', 'shape', 'detail'];
    for (const channel of channels) expect((await unknownField(enc('ghost', channel)))[0]!.message).toContain('"ghost"');
  });

  it('leaves fields outside the channels alone: sort orders, repeat references', () => {
    expect(fields({ encoding: { x: { field: 'year', sort: { field: 'ghost' } }, y: { field: { repeat: 'row' } } } })).not.toThrow();
  });

  it('checks fields in layers, concatenations and facets', async () => {
    expect((await unknownField({ layer: [enc('count'), enc('ghost')] }))[0]!.message).toContain('"ghost"');
    expect((await unknownField({ hconcat: [{ layer: [enc('a')] }] }))[0]!.message).toContain('"a"');
    expect((await unknownField({ spec: enc('b') }))[0]!.message).toContain('"b"');
  });

  it('does not read folio\'s own settings or inline data as encodings', () => {
    expect(fields({ usermeta: { folio: { x: { field: 'ghost' } } }, data: { values: [{ x: { field: 'ghost' } }] }, ...enc('count') })).not.toThrow();
  });

  it('accepts fields a transform makes with "as", in one name or a list', () => {
    const spec = {
      transform: [{ calculate: 'datum.count * 2', as: 'double' }, { fold: ['count'], as: ['k', 'v'] }],
      layer: [enc('double'), enc('k'), enc('v')],
    };
    expect(fields(spec)).not.toThrow();
  });

  it('accepts fields made by aggregate, window and joinaggregate operations', () => {
    const spec = {
      transform: [
        { aggregate: [{ op: 'sum', field: 'count', as: 'total' }], groupby: ['year'] },
        { window: [{ op: 'rank', as: 'rank' }] },
        { joinaggregate: [{ op: 'mean', field: 'count', as: 'mean' }] },
      ],
      layer: [enc('total'), enc('rank'), enc('mean')],
    };
    expect(fields(spec)).not.toThrow();
  });

  it('accepts fields a lookup brings from another data set', () => {
    const spec = { transform: [{ lookup: 'year', from: { data: { values: [] }, key: 'year', fields: ['label', 'note'] } }], layer: [enc('label'), enc('note')] };
    expect(fields(spec)).not.toThrow();
  });

  it('names made fields beside the row fields when one is unknown', async () => {
    const [d] = await unknownField({ transform: [{ calculate: '1', as: 'one' }], ...enc('ghost') });
    expect(d!.hint).toBe('Fields in the data: year, count, one.');
  });

  it('knows the names fold, density and quantile use when "as" is left out', () => {
    expect(fields({ transform: [{ fold: ['count'] }], layer: [enc('key'), enc('value')] })).not.toThrow();
    expect(fields({ transform: [{ density: 'count' }], layer: [enc('value'), enc('density')] })).not.toThrow();
    expect(fields({ transform: [{ quantile: 'count' }], layer: [enc('prob'), enc('value')] })).not.toThrow();
  });

  it('knows no new names from stack, window, regression or loess without "as"', async () => {
    const transform = [{ stack: 'count', groupby: [] }, { window: [], frame: [null, 0] }, { regression: 'count', on: 'year' }, { loess: 'count', on: 'year' }];
    expect((await unknownField({ transform, ...enc('ghost') }))[0]!.hint).toBe('Fields in the data: year, count.');
  });

  it('uses only the "as" names when a transform gives them', async () => {
    expect((await unknownField({ transform: [{ fold: ['count'], as: ['k', 'v'] }], ...enc('key') }))[0]!.message).toContain('"key"');
  });

  it('does not take a transform\'s own settings for encodings', () => {
    expect(fields({ transform: [{ filter: 'datum.count > 0', tooltip: { field: 'ghost' } }], ...enc('count') })).not.toThrow();
  });

  it('skips the check when a pivot makes columns from data values', () => {
    expect(fields({ transform: [{ pivot: 'year', value: 'count' }], ...enc('2021') })).not.toThrow();
  });
});

describe('checkDomains', () => {
  const scaled = (scale: Record<string, unknown>, field = 'count') => ({ encoding: { y: { field, scale } } });

  it('fails on a value past a fixed domain, naming value, domain and the scale', async () => {
    const e = await folioError(domains(scaled({ domain: [0, 15] })));
    expect(e.diagnostics).toEqual([
      expect.objectContaining({
        code: 'chart/clipped',
        file: 'charts/bars.vl.json',
        pointer: '/encoding/y/scale',
        message: 'Chart bars fixes the count scale to [0, 15], but the data has 20: it would be drawn past the axis.',
      }),
    ]);
  });

  it('fails on a value below a fixed domain', async () => {
    const e = await folioError(domains(scaled({ domain: [15, 30] })));
    expect(e.diagnostics[0]!.message).toContain('but the data has 10:');
  });

  it('accepts values on the domain\'s ends', () => {
    expect(domains(scaled({ domain: [10, 20] }))).not.toThrow();
    expect(domains(scaled({ domainMin: 10, domainMax: 20 }))).not.toThrow();
  });

  it('reads a reversed domain as the same interval', async () => {
    expect(domains(scaled({ domain: [20, 10] }))).not.toThrow();
    const e = await folioError(domains(scaled({ domain: [15, 0] })));
    expect(e.diagnostics[0]!.message).toContain('to [15, 0], but the data has 20');
  });

  it('checks a domain fixed at one end only', async () => {
    expect((await folioError(domains(scaled({ domainMin: 15 })))).diagnostics[0]!.message).toContain('to [15, Infinity], but the data has 10');
    expect((await folioError(domains(scaled({ domainMax: 15 })))).diagnostics[0]!.message).toContain('to [-Infinity, 15], but the data has 20');
  });

  it('prefers a full domain over domainMin and domainMax', () => {
    expect(domains(scaled({ domain: [0, 30], domainMin: 15, domainMax: 15 }))).not.toThrow();
  });

  it('ignores domains that are not two numbers', () => {
    expect(domains(scaled({ domain: [0, 5, 9] }))).not.toThrow();
    expect(domains(scaled({ domain: ['a', 'b'] }))).not.toThrow();
    expect(domains(scaled({ domain: [0] }))).not.toThrow();
    expect(domains(scaled({ domainMin: '15', domainMax: '0' }))).not.toThrow();
  });

  it('checks numbers only, and only fields with a scale', () => {
    expect(domains(scaled({ domain: [0, 1] }, 'year'))).not.toThrow();
    expect(domains({ encoding: { y: { field: 'count' }, x: { value: 3, scale: { domain: [0, 1] } }, color: null } })).not.toThrow();
    expect(domains(scaled({ domain: [0, 1] }, 'missing'))).not.toThrow();
  });

  it('still checks a domain that falls back to domainMin when the full domain is unusable', async () => {
    expect((await folioError(domains(scaled({ domain: ['a', 'b'], domainMin: 15 })))).diagnostics[0]!.message).toContain('to [15, Infinity]');
    expect((await folioError(domains(scaled({ domain: [0, 5, 9], domainMax: 15 })))).diagnostics[0]!.message).toContain('to [-Infinity, 15]');
    expect((await folioError(domains(scaled({ domain: [0, 'a'], domainMin: 15 })))).diagnostics[0]!.message).toContain('to [15, Infinity]');
  });

  it('points into layers and concatenations', async () => {
    const cases: [Spec, string][] = [
      [{ layer: [{}, scaled({ domain: [0, 1] })] }, '/layer/1/encoding/y/scale'],
      [{ hconcat: [scaled({ domain: [0, 1] })] }, '/hconcat/0/encoding/y/scale'],
      [{ vconcat: [scaled({ domain: [0, 1] })] }, '/vconcat/0/encoding/y/scale'],
      [{ concat: [scaled({ domain: [0, 1] })] }, '/concat/0/encoding/y/scale'],
      [{ spec: { layer: [scaled({ domain: [0, 1] })] } }, '/spec/layer/0/encoding/y/scale'],
    ];
    for (const [spec, pointer] of cases) expect((await folioError(domains(spec))).diagnostics[0]!.pointer).toBe(pointer);
  });

  it('leaves empty views to the Vega-Lite compiler to report', () => {
    expect(domains({ layer: [null, scaled({ domain: [0, 30] })], spec: null })).not.toThrow();
  });

  it('does not look for domains outside the spec\'s views', () => {
    expect(domains({ usermeta: scaled({ domain: [0, 1] }), params: [scaled({ domain: [0, 1] })] })).not.toThrow();
  });
});
