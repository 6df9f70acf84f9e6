import type { Formatter } from '../util/format.ts';

/**
 * The helpers every template may call — layout, sections, prose, and text fields in the data such
 * as titles and labels. Pure: values in, text (or a value) out; the template engine adds the place
 * of the call to any failure.
 */
export type Helper = (...args: unknown[]) => unknown;

export function formatHelpers(fmt: Formatter): Record<string, Helper> {
  return {
    money: (v) => fmt.money(num(v, 'a money amount')),
    amount: (v) => fmt.amount(num(v, 'a money amount')),
    /** The unit money is typed in, e.g. "$ in thousands". */
    amounts_label: () => fmt.amountsLabel(),
    number: (v, digits) => fmt.number(num(v), typeof digits === 'number' ? digits : 1),
    compact: (v, display, after) => fmt.compact(num(v), display === 'short' ? 'short' : 'long', typeof after === 'string' ? after : ''),
    percent: (v, digits) => fmt.percent(num(v, 'a percentage'), typeof digits === 'number' ? digits : 1),
    ordinal: (v) => fmt.ordinal(num(v)),
    /** A figure in a format named by the data (`money`, `amount`, `percent`; otherwise `number`). */
    figure: (v, format) => fmt.figure(num(v), typeof format === 'string' ? format : undefined),
    date: (v) => fmt.date(str(v, 'a date (YYYY-MM-DD)')),
    date_range: (a, b) => fmt.dateRange(str(a, 'a start date'), str(b, 'an end date')),
    length: (v) => {
      // A list's keys are its indexes, so one count serves lists and maps.
      if (v && typeof v === 'object') return Object.keys(v).length;
      throw new Error(`expected a list but got ${describe(v)}`);
    },
    /** `get map key`: for keys a path cannot spell, such as years (`get totals report.year`). */
    get: (o, key) => {
      if (!o || typeof o !== 'object') throw new Error(`expected a map but got ${describe(o)}`);
      const k = String(key);
      if (!(k in o)) throw new Error(`no key "${k}" (keys: ${Object.keys(o).join(', ')})`);
      return (o as Record<string, unknown>)[k];
    },
    /** A map's keys in order (years sort as numbers): `{{first (keys grants.by_year)}}`. */
    keys: (o) => {
      if (!o || typeof o !== 'object' || Array.isArray(o)) throw new Error(`expected a map but got ${describe(o)}`);
      return Object.keys(o);
    },
    first: (list) => listOf(list)[0],
    last: (list) => listOf(list).at(-1),
    eq: (a, b) => String(a) === String(b),
    gt: (a, b) => num(a) > num(b),
    add: (a, b) => num(a) + num(b),
    concat: (...parts) => parts.map(String).join(''),
    slug: (v) => slugify(str(v)),
    upper: (v) => str(v).toLocaleUpperCase(),
  };
}

function listOf(v: unknown): unknown[] {
  if (!Array.isArray(v) || v.length === 0) throw new Error(`expected a list with something in it but got ${describe(v)}`);
  return v;
}

export function num(v: unknown, what = 'a number'): number {
  if (typeof v !== 'number' || !Number.isFinite(v)) throw new Error(`expected ${what} but got ${describe(v)}`);
  return v;
}

export function str(v: unknown, what = 'text'): string {
  if (typeof v !== 'string') throw new Error(`expected ${what} but got ${describe(v)}`);
  return v;
}

export function slugify(s: string): string {
  return s
    .replace(/ł/g, 'l')
    .replace(/Ł/g, 'L')
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}

export function describe(v: unknown): string {
  if (v === undefined) return 'nothing (is the path right?)';
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'object') return 'a map';
  return `${typeof v} ${JSON.stringify(v)}`;
}
