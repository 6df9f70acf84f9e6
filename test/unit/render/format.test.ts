import { describe, expect, it } from 'vitest';
import { formatter } from '../../../src/render/format.ts';

const f = formatter('en-US');

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

  it('follows the locale', () => {
    const de = formatter('de-DE');
    expect(de.number(2159)).toBe('2.159');
    expect(de.ordinal(20)).toBe('20.');
  });
});
