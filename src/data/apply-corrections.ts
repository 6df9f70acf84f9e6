/**
 * Corrections (`corrections.yaml`): errata of published editions. A correction to a *typed* figure
 * (one the data files hold) replaces the published value before anything is computed; one to a
 * *derived* figure (one a rule computes) documents what the published edition printed. Either way
 * it must describe the data as it now is. The derived figures a typed correction moved are found
 * by deriving each edition from its own typed figures, so the notice lists them too.
 */
import { diagnostic, type Diagnostic, type Place } from '../util/diagnostics.ts';
import { get, set } from '../util/dotted.ts';
import type { DeriveRule, FigureFormat } from './derive-rule.ts';

/** A recorded correction: the figure at `path` was printed as `old` and is now `new`. */
export interface Correction {
  path: string;
  label: string;
  format?: FigureFormat;
  old: number;
  new: number;
  date: string;
  note?: string;
  /** Derived figures this correction moved (computed, never typed). */
  moved?: MovedFigure[];
}

/** A derived figure that changed because a typed figure was corrected. */
export interface MovedFigure {
  path: string;
  label: string;
  format: FigureFormat;
  old: number;
  new: number;
}

/** One printed figure that changed in an edition. */
export interface FigureChange {
  label: string;
  format: FigureFormat;
  old: number;
  new: number;
}

/**
 * The revision the corrections make: the first publication is revision 1, and each date with
 * corrections adds one; `date` is the latest correction's, and `history` lists what each date changed.
 */
export interface Revision {
  number: number;
  date?: string;
  history?: { date: string; changes: FigureChange[] }[];
}

/** Derives one edition's figures from its typed ones: the data with derived figures written in, and their paths. */
export type DeriveEdition = (typed: Record<string, unknown>) => { data: Record<string, unknown>; derived: string[] };

/** The typed data with each correction to a typed figure applied (the published value replaced). */
export function applyCorrections(typed: Record<string, unknown>, corrections: Correction[]): Record<string, unknown> {
  const data = structuredClone(typed);
  for (const chain of chainsOf(corrections).values()) for (const c of chain) if (get(data, c.path) === c.old) set(data, c.path, c.new);
  return data;
}

/**
 * Corrections that do not describe the data (a stale one would print a false notice): the latest
 * correction of each figure must give its value; an earlier one's `new` must be the next one's
 * `old`; none may be dated before the first publication.
 */
export function checkCorrections(data: Record<string, unknown>, corrections: Correction[], locate: (pointer: string) => Place): Diagnostic[] {
  const problems: Diagnostic[] = [];
  const published = (data.report as { date?: string } | undefined)?.date;
  const index = new Map(corrections.map((c, i) => [c, i]));
  for (const chain of chainsOf(corrections).values()) {
    chain.forEach((c, k) => {
      const at = `/corrections/${index.get(c)}`;
      const next = chain[k + 1];
      if (next && next.old !== c.new) {
        problems.push(diagnostic('corrections/unchained', { path: c.path, date: next.date, old: String(next.old), before: c.date, new: String(c.new) }, locate(`/corrections/${index.get(next)}/old`)));
      }
      const value = get(data, c.path);
      if (!next && value !== c.new) problems.push(diagnostic('corrections/stale', { path: c.path, new: String(c.new), value: value === undefined ? 'nothing' : String(value) }, locate(at)));
      if (published && c.date < published) problems.push(diagnostic('corrections/before-publication', { path: c.path, date: c.date, published }, locate(`${at}/date`)));
    });
  }
  return problems;
}

/** Corrections by figure, each figure's in date order (file order within a date). */
function chainsOf(corrections: Correction[]): Map<string, Correction[]> {
  const chains = new Map<string, Correction[]>();
  for (const c of corrections) chains.set(c.path, [...(chains.get(c.path) ?? []), c]);
  for (const chain of chains.values()) chain.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  return chains;
}

/**
 * The derived figures each typed correction moved, with the value each edition printed. Editions
 * are the correction dates: edition k has the typed corrections dated up to its date. A derived
 * figure that changed from one edition to the next is listed under the correction of that date
 * that moves it (when several do, the first in the file); one with a correction of its own is
 * listed there, not again.
 */
export function figuresMoved(typed: Record<string, unknown>, corrections: Correction[], rules: DeriveRule[], derive: DeriveEdition): Map<Correction, MovedFigure[]> {
  const moved = new Map<Correction, MovedFigure[]>();
  const ofTyped = corrections.filter((c) => get(typed, c.path) !== undefined);
  const chains = chainsOf(ofTyped);
  const dates = [...new Set(ofTyped.map((c) => c.date))].sort();
  const documented = new Set(corrections.map((c) => c.path));
  /** The edition of `date` (none: the first publication), optionally without one correction. */
  const edition = (date?: string, without?: Correction) => {
    const data = structuredClone(typed);
    for (const [p, chain] of chains) {
      const applied = chain.filter((c) => date !== undefined && c.date <= date && c !== without);
      set(data, p, applied.length ? applied.at(-1)!.new : chain[0]!.old);
    }
    return derive(data);
  };

  let before = edition();
  for (const date of dates) {
    const after = edition(date);
    const ofDate = ofTyped.filter((c) => c.date === date);
    const without = new Map(ofDate.length > 1 ? ofDate.map((c) => [c, edition(date, c).data]) : []);
    for (const leaf of derivedFigures(after, rules)) {
      const old = get(before.data, leaf.path);
      if (documented.has(leaf.path) || typeof old !== 'number' || old === leaf.value) continue;
      const owner = ofDate.find((c) => !without.has(c) || get(without.get(c), leaf.path) !== leaf.value) ?? ofDate[0]!;
      const format = leaf.rule?.format ?? (leaf.rule?.shares ? 'percent' : leaf.rule?.count ? 'number' : (owner.format ?? 'number'));
      moved.set(owner, [...(moved.get(owner) ?? []), { path: leaf.path, label: leaf.label, format, old, new: leaf.value }]);
    }
    before = after;
  }
  return moved;
}

interface DerivedFigure {
  path: string;
  value: number;
  label: string;
  rule?: DeriveRule;
}

/**
 * Every derived number, one by one: a keyed figure by key, a share by item. Each is labelled by its
 * rule's `name`, else its path made readable, with the key or the item's label after a comma.
 */
function derivedFigures(edition: { data: Record<string, unknown>; derived: string[] }, rules: DeriveRule[]): DerivedFigure[] {
  const out: DerivedFigure[] = [];
  for (const p of edition.derived) {
    const shares = /^(.*)\[\]\.share$/.exec(p)?.[1];
    if (shares !== undefined) {
      const rule = rules.find((r) => r.shares === shares);
      const items = get(edition.data, shares);
      if (!Array.isArray(items)) continue;
      items.forEach((item: Record<string, unknown>, k) => {
        const name = item.label ?? item.name ?? item.title ?? `item ${k + 1}`;
        if (typeof item.share === 'number') out.push({ path: `${shares}.${k}.share`, value: item.share, label: `${rule?.name ?? `Share of ${readable(shares).toLowerCase()}`}, ${String(name)}`, rule });
      });
      continue;
    }
    const rule = rules.find((r) => r.path === p && r.shares === undefined);
    const base = rule?.name ?? readable(p);
    const value = get(edition.data, p);
    if (typeof value === 'number') out.push({ path: p, value, label: base, rule });
    else if (value && typeof value === 'object') {
      for (const [key, v] of Object.entries(value)) if (typeof v === 'number') out.push({ path: `${p}.${key}`, value: v, label: `${base}, ${key}`, rule });
    }
  }
  return out;
}

/** `pycon.recap.attendees.total` → "Pycon recap attendees total". */
export function readable(dotted: string): string {
  const words = dotted.split('.').join(' ').replace(/_/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** The revision the corrections make, with what each date changed (each correction, then the figures it moved). */
export function revisionOf(corrections: Correction[], moved: Map<Correction, MovedFigure[]> = new Map()): Revision {
  const dates = [...new Set(corrections.map((c) => c.date))].sort();
  if (dates.length === 0) return { number: 1 };
  const history = dates.map((date) => ({
    date,
    changes: corrections
      .filter((c) => c.date === date)
      .flatMap((c): FigureChange[] => [
        { label: c.label, format: c.format ?? 'number', old: c.old, new: c.new },
        ...(moved.get(c) ?? []).map(({ label, format, old, new: nw }) => ({ label, format, old, new: nw })),
      ]),
  }));
  return { number: 1 + dates.length, date: dates.at(-1)!, history };
}
