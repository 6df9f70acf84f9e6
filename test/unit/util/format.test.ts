import { beforeEach, describe, expect, it } from 'vitest';
import { formatter, numberLocale, type Formatter } from '../../../src/util/format.ts';

// Made afresh for each test rather than once at import: Stryker switches a mutant on only once the
// tests start, so a formatter made at import would never carry a mutant of formatter() itself.
let f: Formatter;
beforeEach(() => {
  f = formatter('en-US', { currency: 'USD', amountsIn: 'thousands' });
});

describe('formatter (en-US)', () => {
  it('formats money in thousands the way the report prints it', () => {
    expect(f.money(4356)).toBe('$4,356K');
    expect(f.money(-152)).toBe('−$152K');
    expect(f.amount(2859)).toBe('$2,859');
    expect(f.amount(-152)).toBe('−$152');
  });

  it('formats counts, big numbers and percentages', () => {
    expect(f.number(603378275)).toBe('603,378,275');
    expect(f.number(747.4)).toBe('747.4');
    expect(f.compact(1.2e12)).toBe('1.2 trillion');
    expect(f.compact(284e9)).toBe('284 billion');
    expect(f.compact(36000, 'short')).toBe('36K');
    expect(f.compact(1.2e12, 'long', '+')).toBe('1.2+ trillion');
    expect(f.compact(500000, 'short', '+')).toBe('500K+');
    expect(f.percent(60.545)).toBe('60.5%');
    expect(f.percent(45)).toBe('45%');
    expect(f.percent(0.034)).toBe('<0.1%');
  });

  it('formats ordinals and dates', () => {
    expect([1, 2, 3, 4, 11, 20, 22, 103].map(f.ordinal)).toEqual(['1st', '2nd', '3rd', '4th', '11th', '20th', '22nd', '103rd']);
    expect(f.date('2024-05-15')).toBe('May 15, 2024');
    expect(f.dateRange('2024-05-15', '2024-05-23')).toBe('May 15\u2009–\u200923, 2024');
    expect(() => f.date('someday')).toThrow(/not a date/);
  });

  it('writes money in units as it is typed', () => {
    expect(formatter('en-US').money(1250)).toBe('$1,250');
    expect(formatter('en-US').amountsLabel()).toBe('$');
  });

  it('follows the locale', () => {
    const de = formatter('de-DE');
    expect(de.number(2159)).toBe('2.159');
    expect(de.ordinal(20)).toBe('20.');
  });
});

describe('money in the report\'s language and currency', () => {
  const money = (lang: string, currency: string, amountsIn: 'thousands' | 'millions') => formatter(lang, { currency, amountsIn });

  it('writes thousands with the language\'s own abbreviation, in call-outs, tables and headings', () => {
    const cases: [string, string, string, string, string][] = [
      ['en-US', 'USD', '$4,356K', '$2,859', '$ in thousands'],
      ['en-GB', 'GBP', '£4,356k', '£2,859', '£ in thousands'],
      ['de-DE', 'EUR', '4.356 Tausend €', '2.859 €', 'Tausend €'],
      ['fr-FR', 'EUR', '4 356 k €', '2 859 €', 'mille €'],
    ];
    for (const [lang, currency, call, cell, label] of cases) {
      const m = money(lang, currency, 'thousands');
      // Intl writes narrow no-break spaces in French and German: compare them as spaces.
      const plain = (s: string) => s.replace(/[\u00a0\u202f]/g, ' ');
      expect([plain(m.money(4356)), plain(m.amount(2859)), plain(m.amountsLabel())]).toEqual([call, cell, label]);
    }
  });

  it('keeps a decimal for millions and writes negatives with a minus sign', () => {
    expect(money('en-US', 'USD', 'millions').money(12.5)).toBe('$12.5M');
    expect(money('de-DE', 'EUR', 'millions').money(-3.2).replace(/[\u00a0\u202f]/g, ' ')).toBe('−3,2 Mio. €');
    expect(money('en-GB', 'USD', 'thousands').money(-152)).toBe('−US$152k');
  });

  it('writes the amount out in full where the language has no word for the unit', () => {
    // Japanese counts in 万 (ten thousand): "2,000 thousand" has no short form, so folio does not invent one.
    const ja = money('ja-JP', 'JPY', 'thousands');
    expect(ja.money(4356)).toBe('￥4,356,000');
    expect(ja.amount(4356)).toBe('￥4,356,000');
    expect(ja.amountsLabel()).toBe('￥');
  });

  it('gives Vega the same digit grouping and decimal mark for axis labels', () => {
    expect(numberLocale('en-US', 'USD')).toMatchObject({ decimal: '.', thousands: ',', currency: ['$', ''] });
    expect(numberLocale('de-DE', 'EUR')).toMatchObject({ decimal: ',', thousands: '.', currency: ['', '\u00a0€'] });
    expect(numberLocale('fr-FR', 'EUR').decimal).toBe(',');
  });
});

describe('figures at the edges', () => {
  const plain = (s: string) => s.replace(/[\u00a0\u202f]/g, ' ');

  it('writes a minus sign wherever the language puts the sign', () => {
    expect(plain(formatter('nl-NL', { currency: 'EUR', amountsIn: 'thousands' }).money(-152))).toBe('€ −152K');
    expect(plain(formatter('de-CH', { currency: 'CHF', amountsIn: 'thousands' }).money(-152))).toBe('CHF−152 Tausend');
    expect(f.number(-3)).toBe('−3');
    expect(f.percent(-5)).toBe('−5%');
  });

  it('shows "<0.1%" only for a share that would round to nothing', () => {
    expect([0, 0.04, 0.05, 0.1, 0.2].map((p) => f.percent(p))).toEqual(['0%', '<0.1%', '0.1%', '0.1%', '0.2%']);
    expect(f.percent(0.004, 2)).toBe('<0.01%');
    expect(f.percent(0.005, 2)).toBe('0.01%');
  });

  it('keeps one decimal in plain numbers unless told otherwise', () => {
    expect(f.number(2.345)).toBe('2.3');
    expect(f.number(2.345, 2)).toBe('2.35');
  });

  it('puts a compact number\'s mark after whole numbers and numbers too small to shorten', () => {
    expect(f.compact(284e9, 'long', '+')).toBe('284+ billion');
    expect(f.compact(500, 'short', '+')).toBe('500+');
  });

  it('formats a figure in the format its data names', () => {
    expect([f.figure(4356, 'money'), f.figure(2859, 'amount'), f.figure(45, 'percent'), f.figure(1234.5)]).toEqual(['$4,356K', '$2,859', '45%', '1,234.5']);
  });

  it('reads the date of a timestamp', () => {
    expect(f.date('2024-05-15T09:30:00Z')).toBe('May 15, 2024');
  });

  it('writes amounts in full where the language puts its unit word before the number', () => {
    // Swahili writes two thousand "elfu 2": no suffix can say that.
    const sw = formatter('sw', { currency: 'TZS', amountsIn: 'thousands' });
    expect([plain(sw.money(4356)), plain(sw.amount(2859)), sw.amountsLabel()]).toEqual(['TSh 4,356,000', 'TSh 2,859,000', 'TSh']);
    // Japanese has no word for a million (it writes 200万 for two million).
    expect(formatter('ja-JP', { currency: 'JPY', amountsIn: 'millions' }).money(3)).toBe('￥3,000,000');
  });

  it('labels amounts with the unit\'s abbreviation where the language has no word for it', () => {
    const ha = formatter('ha', { currency: 'NGN', amountsIn: 'thousands' });
    expect([plain(ha.money(4356)), ha.amountsLabel()]).toEqual(['₦ 4,356K', 'K ₦']);
  });

  it('gives Vega the whole number locale, in languages with their own digits too', () => {
    expect(numberLocale('en-US', 'USD')).toEqual({ decimal: '.', thousands: ',', grouping: [3], currency: ['$', ''], minus: '−' });
    // Arabic (Egypt): its own decimal mark, and the currency after the number behind a right-to-left mark.
    expect(numberLocale('ar-EG', 'EGP')).toMatchObject({ decimal: '\u066b', thousands: '\u066c', currency: ['', '\u00a0\u062c.\u0645.\u200f'] });
    // Ewe groups only from seven digits; its separator is still the comma.
    expect(numberLocale('ee', 'GHS').thousands).toBe(',');
  });
});
