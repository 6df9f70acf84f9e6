import { diagnostic, FolioError, type Diagnostic, type Place } from '../util/diagnostics.ts';
import type { LoadedData } from './load-data.ts';
import { get, pointerOf, set } from '../util/dotted.ts';
import { applyCorrections, figuresMoved, revisionOf, checkCorrections, type Correction } from './apply-corrections.ts';
import type { DeriveRule } from './derive-rule.ts';

export type { DeriveRule } from './derive-rule.ts';

type Json = unknown;
type Numbers = number | Record<string, number>;

export interface Derived {
  data: Record<string, unknown>;
  /** The paths that were computed, in rule order. */
  derived: string[];
  /** How many stated figures were checked against the figures they can be computed from. */
  checked: number;
}

/**
 * Applies the recorded corrections, then the rules in order (a rule may use what an earlier one
 * derived), then verifies that every correction holds, and finds the derived figures each
 * correction moved. Pure: returns new data. Every mismatch is reported with both values, the
 * difference and where the stated figure is.
 */
export function deriveFigures(loaded: Pick<LoadedData, 'data' | 'locate'>): Derived {
  const rules = ((loaded.data.report as { derive?: DeriveRule[] } | undefined)?.derive ?? []) as DeriveRule[];
  const corrections = (loaded.data.corrections ?? []) as Correction[];
  const data = applyCorrections(loaded.data, corrections);
  const { derived, checked, problems } = applyRules(data, rules, loaded.locate);
  problems.push(...checkCorrections(data, corrections, loaded.locate));
  if (problems.length > 0) throw new FolioError(problems);

  // Each edition derived afresh from its own typed figures: the derivation is pure, so a figure's
  // old value is what the rules gave with the published figures. The published figures may not
  // have added up (that is what a correction fixes), so those runs' mismatches are not reported.
  const moved = figuresMoved(loaded.data, corrections, rules, (edition) => ({ data: edition, derived: applyRules(edition, rules, loaded.locate).derived }));
  if (loaded.data.corrections !== undefined) data.corrections = corrections.map((c) => (moved.has(c) ? { ...c, moved: moved.get(c) } : c));
  const report = data.report as Record<string, unknown> | undefined;
  if (report && report.revision === undefined) report.revision = revisionOf(corrections, moved);
  return { data, derived, checked };
}

/**
 * The rules, in order, over `data` (changed in place: derived figures are written into it). Returns
 * what was derived, how many stated figures were checked, and every problem found.
 */
export function applyRules(data: Record<string, unknown>, rules: DeriveRule[], locate: LoadedData['locate']): { derived: string[]; checked: number; problems: Diagnostic[] } {
  const problems: Diagnostic[] = [];
  const derived: string[] = [];
  let checked = 0;
  rules.forEach((rule, i) => {
    try {
      const result = applyRule(data, rule, i, locate, problems);
      checked += result.checked;
      if (result.derived) derived.push(result.derived);
    } catch (e) {
      // A rule throws a diagnostic (a plain object) for data it cannot use; an Error is a bug, not a data problem.
      if (e instanceof Error) throw e;
      problems.push(e as Diagnostic);
    }
  });
  return { derived, checked, problems };
}

function mismatch(rule: DeriveRule, target: string, stated: number, computed: number, place: Place, rulePlace: Place): Diagnostic {
  return diagnostic(
    'figures/mismatch',
    {
      figure: target,
      what: rule.name && rule.name !== target ? `(${rule.name})` : '',
      stated: String(stated),
      computed: String(computed),
      difference: `${stated - computed > 0 ? '+' : ''}${clean(stated - computed)}`,
      rule: rulePlace.file ? `${rulePlace.file}:${rulePlace.line ?? ''}` : 'report.yaml',
    },
    place,
  );
}

/**
 * One rule: derives its figure (returning its path) or checks the stated one, adding mismatches to
 * `problems`. Throws a diagnostic for a rule it cannot apply.
 */
/** One rule as it is applied: where it is, what it names, and the problems and comparisons it made. */
interface RuleRun {
  rule: DeriveRule;
  /** What a figure message calls the rule's result: its path or name, or "rule 12". */
  target: string;
  /** What a message about the rule itself calls it: "Derive rule total.members", "Derive rule 12". */
  label: string;
  rulePlace: ReturnType<LoadedData['locate']>;
  locate: LoadedData['locate'];
  problems: Diagnostic[];
  checked: number;
}

function applyRule(data: Record<string, unknown>, rule: DeriveRule, i: number, locate: LoadedData['locate'], problems: Diagnostic[]): { derived?: string; checked: number } {
  const rulePlace = locate(`/report/derive/${i}`);
  const target = rule.path ?? rule.name ?? `rule ${i + 1}`;
  const run: RuleRun = { rule, target, label: rule.path ?? rule.name ?? String(i + 1), rulePlace, locate, problems, checked: 0 };
  const read = (p: string): Json => {
    const v = get(data, p);
    if (v === undefined) throw diagnostic('derive/missing-input', { target, input: p }, rulePlace);
    return v;
  };
  const done = (derived?: string) => ({ ...(derived ? { derived } : {}), checked: run.checked });

  if (rule.shares !== undefined) {
    applyShares(run, rule.shares, read(rule.shares));
    return done(`${rule.shares}[].share`);
  }
  const value = compute(run, read);
  const tolerance = rule.tolerance ?? 0;
  if (rule.equals !== undefined) {
    run.checked++;
    if (typeof value !== 'number') throw badRule(run, '`equals` needs it to compute one number');
    if (Math.abs(value - rule.equals) > tolerance) problems.push(mismatch(rule, target, rule.equals, value, rulePlace, rulePlace));
    return done();
  }
  if (rule.path === undefined) throw badRule(run, 'it needs a `path` (or `equals`)');
  const stated = get(data, rule.path);
  if (stated !== undefined) {
    compare(run, rule.path, stated, value, tolerance);
    return done();
  }
  if (rule.same !== undefined) throw diagnostic('derive/missing-input', { target, input: rule.path }, rulePlace);
  set(data, rule.path, value);
  return done(rule.path);
}

/** `shares`: each item's share of the list's total, in percent; a share the data states is checked. */
function applyShares(run: RuleRun, shares: string, items: Json): void {
  const { rule } = run;
  const field = rule.field ?? 'value';
  if (!Array.isArray(items)) throw bad(run, shares, 'it is not a list');
  const values = items.map((item) => (item as Record<string, unknown>)[field]);
  if (!values.every((v) => typeof v === 'number')) throw bad(run, shares, `every item needs a numeric "${field}"`);
  const total = (values as number[]).reduce((a, b) => a + b, 0);
  if (total === 0) throw bad(run, shares, 'the values add up to zero');
  (items as Record<string, unknown>[]).forEach((item, k) => {
    const share = clean(((item[field] as number) / total) * 100);
    if (typeof item.share === 'number') compare(run, `${shares}.${k}.share`, item.share, share, rule.tolerance ?? 0.05);
    else item.share = share;
  });
}

/** Compares a stated figure (number or keyed numbers) with the computed one. */
function compare(run: RuleRun, statedPath: string, stated: Json, computed: Json, tolerance: number): void {
  const { rule, target, rulePlace, problems } = run;
  run.checked++;
  const at = (key?: string) => (key === undefined ? statedPath : `${statedPath}.${key}`);
  const place = (key?: string) => run.locate(pointerOf(at(key)));
  if (typeof stated === 'number' && typeof computed === 'number') {
    if (Math.abs(stated - computed) > tolerance) problems.push(mismatch(rule, statedPath, stated, computed, place(), rulePlace));
    return;
  }
  const s = numbers(run, statedPath, stated);
  const c = numbers(run, target, computed);
  if (typeof s === 'number' || typeof c === 'number') throw bad(run, statedPath, 'one side is a number and the other a map of numbers');
  for (const key of new Set([...Object.keys(s), ...Object.keys(c)])) {
    if (s[key] === undefined || c[key] === undefined || Math.abs(s[key]! - c[key]!) > tolerance) {
      problems.push(mismatch(rule, at(key), s[key] ?? NaN, c[key] ?? NaN, place(key), rulePlace));
    }
  }
}

/** The figure a rule's operation (other than `shares`) computes from its inputs. */
function compute(run: RuleRun, read: (p: string) => Json): Json {
  const { rule } = run;
  if (rule.sum !== undefined) {
    return Array.isArray(rule.sum)
      ? rule.sum.map((p) => numbers(run, p, read(p))).reduce((a, b) => combine(a, b, 1) ?? mixed(run))
      : sumList(run, rule.sum, read(rule.sum));
  }
  if (rule.difference !== undefined) {
    const [a, b] = rule.difference.map((p) => numbers(run, p, read(p))) as [Numbers, Numbers];
    return combine(a, b, -1) ?? mixed(run);
  }
  if (rule.count !== undefined) {
    const items = read(rule.count);
    if (!Array.isArray(items)) throw bad(run, rule.count, 'it is not a list');
    return rule.where ? items.filter((item) => Boolean((item as Record<string, unknown>)[rule.where!])).length : items.length;
  }
  if (rule.merge !== undefined) return Object.assign({}, ...rule.merge.map((p) => numbers(run, p, read(p))));
  if (rule.same !== undefined) return read(rule.same);
  throw badRule(run, 'it names no operation (sum, difference, count, shares, merge or same)');
}

/** A rule that cannot be applied whatever the data says. */
function badRule(run: RuleRun, reason: string): Diagnostic {
  return diagnostic('derive/bad-rule', { rule: run.label, reason }, run.rulePlace);
}

function bad(run: RuleRun, input: string, reason: string): Diagnostic {
  return diagnostic('derive/bad-input', { target: run.target, input, reason }, run.rulePlace);
}

function numbers(run: RuleRun, p: string, v: Json): Numbers {
  if (typeof v === 'number') return v;
  if (v && typeof v === 'object' && !Array.isArray(v) && Object.values(v).every((x) => typeof x === 'number')) {
    return v as Record<string, number>;
  }
  throw bad(run, p, 'it is neither a number nor a map of numbers');
}

/**
 * A list of numbers sums to a number; a list of records sums field by field over numeric fields
 * (or, with `field`, that one field, to a number).
 */
function sumList(run: RuleRun, p: string, v: Json): Numbers {
  const { rule } = run;
  if (!Array.isArray(v) || v.length === 0) throw bad(run, p, 'it is not a non-empty list');
  if (v.every((x) => typeof x === 'number')) return clean((v as number[]).reduce((a, b) => a + b, 0));
  if (rule.field !== undefined) {
    const values = v.map((item) => (item as Record<string, unknown> | null)?.[rule.field!]);
    if (!values.every((x) => typeof x === 'number')) throw bad(run, p, `every item needs a numeric "${rule.field}"`);
    return clean((values as number[]).reduce((a, b) => a + b, 0));
  }
  const total: Record<string, number> = {};
  for (const item of v) {
    if (!item || typeof item !== 'object') throw bad(run, p, 'its items are neither numbers nor records');
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

function mixed(run: RuleRun): never {
  throw bad(run, [run.rule.sum ?? run.rule.difference].flat().join(', '), 'it mixes plain numbers with maps of numbers');
}

/** Sums of decimals pick up float noise (0.1 + 0.2); figures are never that precise. */
function clean(x: number): number {
  return Math.round(x * 1e9) / 1e9;
}
