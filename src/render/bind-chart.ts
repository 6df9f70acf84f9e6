import { fail, type Place } from '../util/diagnostics.ts';
import { get } from '../util/dotted.ts';
import type { RenderText } from './render-text.ts';

/**
 * How a chart names its data (in its spec's `usermeta.folio`, or in the section entry that uses
 * it): one dotted path, or series name → path. A keyed object (`{"2018": 3531, …}`) becomes rows
 * `{[as[0]]: key, [as[1]]: value}`; series add a series column. `fields` adds text columns
 * written with helpers (`"label": "{{money amount}}"`), so chart labels read like the prose.
 */
export interface Binding {
  data: string | Record<string, string>;
  as?: string[];
  /** Column name → text template over the row (and the data). */
  fields?: Record<string, string>;
  title?: unknown;
  /** How the generated text alternative reads the rows. */
  alt: { kind: string; label: string; value: string; series?: string; format?: 'money' | 'amount' | 'percent' | 'number'; text?: string };
}

export type Row = Record<string, unknown>;

export function bindRows(
  chart: string,
  binding: Binding,
  input: { data: Record<string, unknown>; renderText: RenderText },
  placeOf: (key: string) => Place,
): Row[] {
  const [keyAs = 'key', valueAs = 'value'] = binding.as ?? [];
  const read = (p: string) => {
    const v = get(input.data, p);
    if (v === null || typeof v !== 'object') {
      fail('chart/missing-data', { chart, path: p, reason: v === undefined ? 'is not in the data' : 'is not a list or a map' }, placeOf('data'));
    }
    return v;
  };
  const toRows = (v: unknown, extra: Record<string, string> = {}): Row[] =>
    Array.isArray(v) ? v.map((r) => ({ ...(r as object), ...extra })) : Object.entries(v as object).map(([k, x]) => ({ [keyAs]: k, ...extra, [valueAs]: x }));
  const rows =
    typeof binding.data === 'string'
      ? toRows(read(binding.data))
      : Object.entries(binding.data).flatMap(([series, p]) => toRows(read(p), { [binding.alt.series ?? 'series']: series }));
  if (rows.length === 0) {
    fail('chart/empty-data', { chart, path: typeof binding.data === 'string' ? binding.data : Object.values(binding.data).join(', ') }, placeOf('data'));
  }
  for (const [name, template] of Object.entries(binding.fields ?? {})) {
    const place = placeOf('fields');
    // Field templates see the row and the binding's format: "{{figure value format}}".
    for (const row of rows) row[name] = input.renderText(template, { ...place, pointer: place.pointer && `${place.pointer}/${name}` }, { format: binding.alt.format ?? 'number', ...row });
  }
  return rows;
}
