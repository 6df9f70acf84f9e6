/**
 * How figures read in print. Pure functions over `Intl`, shared by the template helpers and the
 * generated chart text alternatives, so a figure reads the same in prose, tables and alt text.
 */
const MINUS = '\u2212';

export interface Formatter {
  /** $ thousands → "$4,356K" (the report's call-out style). */
  money(k: number): string;
  /** $ thousands → "$4,356" (table cells, where the heading says "$ in thousands"). */
  amount(k: number): string;
  number(x: number, maxFractionDigits?: number): string;
  /** 1.2e12 → "1.2 trillion"; with "short": 36000 → "36K"; `after` goes after the digits ("1.2+ trillion"). */
  compact(x: number, display?: 'long' | 'short', after?: string): string;
  /** Percent units: 60.54 → "60.5%"; a share too small to show → "<0.1%". */
  percent(p: number, maxFractionDigits?: number): string;
  ordinal(n: number): string;
  date(iso: string): string;
  dateRange(from: string, to: string): string;
}

export function formatter(locale: string): Formatter {
  const fmt = (o: Intl.NumberFormatOptions) => new Intl.NumberFormat(locale, o);
  const currency = fmt({ style: 'currency', currency: 'USD', maximumFractionDigits: 0 });
  const plural = new Intl.PluralRules(locale, { type: 'ordinal' });
  const suffixes: Record<string, string> = { one: 'st', two: 'nd', few: 'rd', other: 'th' };
  const day = new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeZone: 'UTC' });
  const minus = (s: string) => s.replace(/^-/, MINUS);

  return {
    money: (k) => minus(`${currency.format(k)}K`),
    amount: (k) => minus(currency.format(k)),
    number: (x, d = 1) => minus(fmt({ maximumFractionDigits: d }).format(x)),
    compact: (x, display = 'long', after = '') => {
      const parts = fmt({ notation: 'compact', compactDisplay: display, maximumFractionDigits: 1 }).formatToParts(x);
      // "1.2+ trillion" but "500K+": after the digits when a word follows, else at the end.
      const lastDigit = parts.findLastIndex((p) => ['integer', 'fraction', 'group', 'decimal'].includes(p.type));
      const at = parts[lastDigit + 1]?.type === 'literal' ? lastDigit : parts.length - 1;
      return parts.map((p, i) => (i === at ? p.value + after : p.value)).join('');
    },
    percent: (p, d = 1) => {
      const smallest = 10 ** -d;
      if (p > 0 && p < smallest / 2) return `<${fmt({ style: 'percent', maximumFractionDigits: d }).format(smallest / 100)}`;
      return minus(fmt({ style: 'percent', maximumFractionDigits: d }).format(p / 100));
    },
    ordinal: (n) => `${fmt({}).format(n)}${locale.startsWith('en') ? suffixes[plural.select(n)] : '.'}`,
    date: (iso) => day.format(parseDate(iso)),
    dateRange: (from, to) => day.formatRange(parseDate(from), parseDate(to)),
  };
}

function parseDate(iso: string): Date {
  const d = new Date(`${iso.slice(0, 10)}T00:00:00Z`);
  if (Number.isNaN(d.getTime())) throw new Error(`"${iso}" is not a date (YYYY-MM-DD)`);
  return d;
}
