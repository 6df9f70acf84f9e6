import { diagnostic, FolioError, type Diagnostic } from './diagnostics.ts';
import type { LoadedData } from './load-data.ts';

/**
 * A derive rule from `report.yaml`: the figure at `path` is computed from other figures, so it is
 * never typed (and so can never disagree with them).
 */
export interface DeriveRule {
  path: string;
  sum?: string | string[];
  difference?: [string, string];
  count?: string;
  where?: string;
  shares?: string;
  field?: string;
  merge?: string[];
}

type Json = unknown;
type Numbers = number | Record<string, number>;

export interface Derived {
  data: Record<string, unknown>;
  /** The paths that were computed, in rule order. */
  derived: string[];
}

/** Applies the rules in order (a rule may use what an earlier one derived). Pure: returns new data. */
export function deriveFigures(loaded: Pick<LoadedData, 'data' | 'locate'>): Derived {
  const data = structuredClone(loaded.data);
  const rules = ((data.report as { derive?: DeriveRule[] } | undefined)?.derive ?? []) as DeriveRule[];
  const problems: Diagnostic[] = [];
  const derived: string[] = [];

  rules.forEach((rule, i) => {
    const place = loaded.locate(`/report/derive/${i}`);
    const read = (p: string): Json => {
      const v = get(data, p);
      if (v === undefined) throw diagnostic('derive/missing-input', { target: rule.path, input: p }, place);
      return v;
    };
    try {
      if (rule.shares !== undefined) {
        const items = read(rule.shares);
        const field = rule.field ?? 'value';
        if (!Array.isArray(items)) throw bad(rule, rule.shares, 'it is not a list', place);
        const values = items.map((item) => (item as Record<string, unknown>)[field]);
        if (!values.every((v) => typeof v === 'number')) throw bad(rule, rule.shares, `every item needs a numeric "${field}"`, place);
        const total = (values as number[]).reduce((a, b) => a + b, 0);
        if (total === 0) throw bad(rule, rule.shares, 'the values add up to zero', place);
        for (const item of items as Record<string, unknown>[]) {
          if ('share' in item) throw diagnostic('derive/typed-twice', { target: `${rule.shares}[].share` }, place);
          item.share = clean(((item[field] as number) / total) * 100);
        }
        derived.push(`${rule.shares}[].share`);
        return;
      }
      if (get(data, rule.path) !== undefined) throw diagnostic('derive/typed-twice', { target: rule.path }, place);
      let value: Json;
      if (rule.sum !== undefined) {
        value = Array.isArray(rule.sum)
          ? rule.sum.map((p) => numbers(rule, p, read(p), place)).reduce((a, b) => combine(a, b, 1) ?? mixed(rule, place))
          : sumList(rule, rule.sum, read(rule.sum), place);
      } else if (rule.difference !== undefined) {
        const [a, b] = rule.difference.map((p) => numbers(rule, p, read(p), place)) as [Numbers, Numbers];
        value = combine(a, b, -1) ?? mixed(rule, place);
      } else if (rule.count !== undefined) {
        const items = read(rule.count);
        if (!Array.isArray(items)) throw bad(rule, rule.count, 'it is not a list', place);
        value = rule.where ? items.filter((item) => Boolean((item as Record<string, unknown>)[rule.where!])).length : items.length;
      } else if (rule.merge !== undefined) {
        value = Object.assign({}, ...rule.merge.map((p) => numbers(rule, p, read(p), place)));
      } else {
        throw bad(rule, rule.path, 'the rule names no operation (sum, difference, count, shares or merge)', place);
      }
      set(data, rule.path, value);
      derived.push(rule.path);
    } catch (e) {
      if (e && typeof e === 'object' && 'code' in e && 'severity' in e) problems.push(e as Diagnostic);
      else throw e;
    }
  });

  if (problems.length > 0) throw new FolioError(problems);
  return { data, derived };
}

function bad(rule: DeriveRule, input: string, reason: string, place: object): Diagnostic {
  return diagnostic('derive/bad-input', { target: rule.path, input, reason }, place);
}

function numbers(rule: DeriveRule, p: string, v: Json, place: object): Numbers {
  if (typeof v === 'number') return v;
  if (v && typeof v === 'object' && !Array.isArray(v) && Object.values(v).every((x) => typeof x === 'number')) {
    return v as Record<string, number>;
  }
  throw bad(rule, p, 'it is neither a number nor a map of numbers', place);
}

/** A list of numbers sums to a number; a list of records sums field by field over numeric fields. */
function sumList(rule: DeriveRule, p: string, v: Json, place: object): Numbers {
  if (!Array.isArray(v) || v.length === 0) throw bad(rule, p, 'it is not a non-empty list', place);
  if (v.every((x) => typeof x === 'number')) return clean((v as number[]).reduce((a, b) => a + b, 0));
  const total: Record<string, number> = {};
  for (const item of v) {
    if (!item || typeof item !== 'object') throw bad(rule, p, 'its items are neither numbers nor records', place);
    for (const [k, x] of Object.entries(item)) if (typeof x === 'number') total[k] = clean((total[k] ?? 0) + x);
  }
  return total;
}

/** `undefined` when one side is a number and the other a map: there is no sensible answer. */
function combine(a: Numbers, b: Numbers, sign: 1 | -1): Numbers | undefined {
  if (typeof a === 'number' && typeof b === 'number') return clean(a + sign * b);
  if (typeof a === 'object' && typeof b === 'object') {
    const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])];
    return Object.fromEntries(keys.map((k) => [k, clean((a[k] ?? 0) + sign * (b[k] ?? 0))]));
  }
  return undefined;
}

function mixed(rule: DeriveRule, place: object): never {
  throw bad(rule, [rule.sum ?? rule.difference].flat().join(', '), 'it mixes plain numbers with maps of numbers', place);
}

/** Sums of decimals pick up float noise (0.1 + 0.2); figures are never that precise. */
function clean(x: number): number {
  return Math.round(x * 1e9) / 1e9;
}

/** Reads a dotted path (`financials.statement.revenue.total`, `grants.by_year.2023`). */
export function get(data: unknown, dotted: string): unknown {
  return dotted.split('.').reduce<unknown>((o, k) => (o && typeof o === 'object' ? (o as Record<string, unknown>)[k] : undefined), data);
}

function set(data: Record<string, unknown>, dotted: string, value: unknown): void {
  const keys = dotted.split('.');
  const last = keys.pop()!;
  let o = data;
  for (const k of keys) {
    if (o[k] === undefined) o[k] = {};
    o = o[k] as Record<string, unknown>;
  }
  o[last] = value;
}
