/**
 * How figures read in print. Pure functions over `Intl`, shared by the template helpers, chart
 * labels and the generated text alternatives, so a figure reads the same in prose, tables, charts
 * and alt text, in the report's language and currency.
 */
const MINUS = '\u2212';

/** How the report's money figures are typed: as they are, or in thousands or millions. */
export const AMOUNTS_IN = ['units', 'thousands', 'millions'] as const;
export type AmountsIn = (typeof AMOUNTS_IN)[number];
const SCALE: Record<AmountsIn, number> = { units: 1, thousands: 1e3, millions: 1e6 };

export interface Money {
  /** ISO 4217 code (`USD`, `EUR`). */
  currency: string;
  amountsIn: AmountsIn;
}

export interface Formatter {
  /** A money figure as a call-out: 4356 (thousands of USD) → "$4,356K" in en-US, "4.356 Tausend $" in de-DE. */
  money(x: number): string;
  /** A money figure in its unit (table cells under a heading that names the unit): "$4,356". */
  amount(x: number): string;
  /** The unit money figures are typed in, for headings: "$ in thousands". */
  amountsLabel(): string;
  number(x: number, maxFractionDigits?: number): string;
  /** 1.2e12 → "1.2 trillion"; with "short": 36000 → "36K"; `after` goes after the digits ("1.2+ trillion"). */
  compact(x: number, display?: 'long' | 'short', after?: string): string;
  /** Percent units: 60.54 → "60.5%"; a share too small to show → "<0.1%". */
  percent(p: number, maxFractionDigits?: number): string;
  ordinal(n: number): string;
  date(iso: string): string;
  dateRange(from: string, to: string): string;
  /** A figure in a named format: `money`, `amount`, `percent`, else `number`. */
  figure(x: number, format?: string): string;
}

export function formatter(locale: string, money: Money = { currency: 'USD', amountsIn: 'units' }): Formatter {
  const fmt = (o: Intl.NumberFormatOptions) => new Intl.NumberFormat(locale, o);
  const scale = SCALE[money.amountsIn];
  // Millions keep a decimal ("$12.5M"); thousands and units are whole ("$4,356K").
  const currency = fmt({ style: 'currency', currency: money.currency, maximumFractionDigits: scale >= 1e6 ? 1 : 0 });
  const whole = fmt({ style: 'currency', currency: money.currency, maximumFractionDigits: 0 });
  const plural = new Intl.PluralRules(locale, { type: 'ordinal' });
  const suffixes: Record<string, string> = { one: 'st', two: 'nd', few: 'rd', other: 'th' };
  const day = new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeZone: 'UTC' });
  // The sign is not always first: Dutch writes "€ -5,00", Swiss German "CHF-5.00".
  const minus = (s: string) => s.replace('-', MINUS);
  const suffix = scale === 1 ? '' : unitSuffix(locale, scale);
  // Intl always writes the currency: its symbol, or the code where the language has none.
  const symbol = currency.formatToParts(1).find((p) => p.type === 'currency')!.value;

  const f: Formatter = {
    money: (x) => {
      // Where the language has no word for the unit, the amount is written out in full.
      if (suffix === undefined) return minus(whole.format(x * scale));
      const parts = currency.formatToParts(x);
      const last = parts.findLastIndex((p) => p.type === 'integer' || p.type === 'fraction');
      return minus(parts.map((p, i) => (i === last ? p.value + suffix : p.value)).join(''));
    },
    amount: (x) => minus(suffix === undefined ? whole.format(x * scale) : currency.format(x)),
    amountsLabel: () => {
      if (scale === 1 || suffix === undefined) return symbol;
      const word = money.amountsIn;
      // The word where the language has one ("Tausend €"), else the abbreviation the figures carry ("K ₦").
      return locale.startsWith('en') ? `${symbol} in ${word}` : `${(unitSuffix(locale, scale, 'long') ?? suffix).trim()} ${symbol}`;
    },
    number: (x, d = 1) => minus(fmt({ maximumFractionDigits: d }).format(x)),
    compact: (x, display = 'long', after = '') => {
      const parts = fmt({ notation: 'compact', compactDisplay: display, maximumFractionDigits: 1 }).formatToParts(x);
      // "1.2+ trillion" but "500K+": after the digits when a word follows, else at the end. A group
      // mark or decimal point is never the last part of a number, so digits end in one of these two.
      const lastDigit = parts.findLastIndex((p) => p.type === 'integer' || p.type === 'fraction');
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
    figure: (x, format) => (format === 'money' ? f.money(x) : format === 'amount' ? f.amount(x) : format === 'percent' ? f.percent(x) : f.number(x)),
  };
  return f;
}

/**
 * The language's own abbreviation for a thousand or a million, as Intl writes compact numbers
 * ("K", "k", " Mio.", " Tausend"), with the space it puts before it; `undefined` when the language
 * has none (the amount is then written out in full).
 */
function unitSuffix(locale: string, scale: number, display: 'short' | 'long' = 'short'): string | undefined {
  const read = (d: 'short' | 'long') => {
    // 2 × the unit: some languages write "1 000" for one thousand but abbreviate from two.
    const parts = new Intl.NumberFormat(locale, { notation: 'compact', compactDisplay: d }).formatToParts(2 * scale);
    const at = parts.findIndex((p) => p.type === 'compact');
    const last = parts.findLastIndex((p) => p.type === 'integer');
    // Only a word after the number (Swahili's "elfu 2" cannot be a suffix), and only for exactly this
    // unit: Japanese writes two million as 200万 (万 is ten thousand).
    if (at < last || parts.filter((p) => p.type === 'integer').map((p) => p.value).join('') !== '2') return undefined;
    return parts.slice(last + 1, at + 1).map((p) => p.value).join('');
  };
  return read(display) ?? read('long');
}

/**
 * A d3-format locale for Vega's axis labels, read from Intl, so chart ticks group and mark decimals
 * the way the report's text does.
 */
export function numberLocale(locale: string, currency: string): { decimal: string; thousands: string; grouping: number[]; currency: [string, string]; minus: string } {
  const parts = new Intl.NumberFormat(locale).formatToParts(12345.6);
  const money = new Intl.NumberFormat(locale, { style: 'currency', currency }).formatToParts(1);
  const sym = money.findIndex((p) => p.type === 'currency');
  const text = (from: number, to: number) => money.slice(from, to).filter((p) => p.type === 'currency' || p.type === 'literal').map((p) => p.value).join('');
  const first = money.findIndex((p) => p.type === 'integer');
  return {
    // 12345.6 always has a decimal mark; a group mark only where the language groups five digits (Ewe does from seven).
    decimal: parts.find((p) => p.type === 'decimal')!.value,
    thousands: parts.find((p) => p.type === 'group')?.value ?? ',',
    grouping: [3],
    currency: sym < first ? [text(0, first), ''] : ['', text(first + 1, money.length)],
    minus: MINUS,
  };
}

function parseDate(iso: string): Date {
  const d = new Date(`${iso.slice(0, 10)}T00:00:00Z`);
  if (Number.isNaN(d.getTime())) throw new Error(`"${iso}" is not a date (YYYY-MM-DD)`);
  return d;
}
