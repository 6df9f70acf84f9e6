import { describe, expect, it } from 'vitest';
import { formatter, numberLocale } from '../../../src/util/format.ts';

const f = formatter('en-US', { currency: 'USD', amountsIn: 'thousands' });

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
