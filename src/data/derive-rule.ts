/** A derive rule's shape: shared by the stage that applies the rules (derive-figures.ts) and the corrections that find the figures they moved (apply-corrections.ts). */

/** How a figure prints: the helper of that name. */
export type FigureFormat = 'money' | 'amount' | 'number' | 'percent';

/**
 * A rule from `report.yaml`'s `derive:` list. Its operation computes a figure from others. Where
 * the figure at `path` is not in the data, the rule *derives* it (so it is never typed and can never
 * disagree). Where the data states it (as a published statement does), the rule *checks* it. A
 * rule with `equals` or `same` only checks (percentages add up to 100; the balance sheet balances).
 */
export interface DeriveRule {
  /** What the rule computes or checks: in messages, and the label of its figure in the corrections notice. */
  name?: string;
  /** How its figure prints in the corrections notice (default: percent for shares, number for counts, else the correction's). */
  format?: FigureFormat;
  path?: string;
  sum?: string | string[];
  difference?: [string, string];
  count?: string;
  where?: string;
  shares?: string;
  /** With `sum` over a list: the one field to add up. With `shares`: the field shared out. */
  field?: string;
  merge?: string[];
  /** Checks that the figure at `path` equals the figure at this other path. */
  same?: string;
  /** Checks that the computed figure equals this number. */
  equals?: number;
  /** Allowed difference for checks (rounding); default 0, or 0.05 for shares. */
  tolerance?: number;
}
