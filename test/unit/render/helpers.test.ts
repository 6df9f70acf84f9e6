import { describe, expect, it } from 'vitest';
import { formatHelpers, slugify } from '../../../src/render/helpers.ts';
import { formatter } from '../../../src/util/format.ts';

// Made afresh in each call, not once at import: code a test file runs at its top level is
// credited to no test, so a mutant there would be tried against tests that never call the helper.
const call = (name: string, ...args: unknown[]) => formatHelpers(formatter('en-US', { currency: 'USD', amountsIn: 'thousands' }))[name]!(...args);

describe('template helpers', () => {
  it('formats money in the report\'s unit, with or without the unit', () => {
    expect(call('money', 1234.5)).toBe('$1,235K');
    expect(call('amount', 1234.5)).toBe('$1,235');
    expect(call('amounts_label')).toBe('$ in thousands');
  });

  it('formats numbers to one decimal unless told how many', () => {
    expect(call('number', 1234.567)).toBe('1,234.6');
    expect(call('number', 1234.567, 2)).toBe('1,234.57');
    expect(call('number', 1234.567, '2')).toBe('1,234.6');
    expect(call('percent', 12.345)).toBe('12.3%');
    expect(call('percent', 12.345, 2)).toBe('12.35%');
    expect(call('percent', 12.345, 'x')).toBe('12.3%');
  });

  it('writes compact numbers long unless asked for short, with an optional suffix', () => {
    expect(call('compact', 1234567)).toBe('1.2 million');
    expect(call('compact', 1234567, 'short')).toBe('1.2M');
    expect(call('compact', 1234567, 'short', '+')).toBe('1.2M+');
    expect(call('compact', 1234567, 'long', 3)).toBe('1.2 million');
  });

  it('writes ordinals and figures in a format named by the data', () => {
    expect(call('ordinal', 3)).toBe('3rd');
    expect(call('figure', 1234.5, 'money')).toBe('$1,235K');
    expect(call('figure', 12.5, 'percent')).toBe('12.5%');
    expect(call('figure', 1234.5, 5)).toBe('1,234.5');
  });

  it('writes dates and date ranges', () => {
    expect(call('date', '2024-03-05')).toBe('March 5, 2024');
    expect(call('date_range', '2024-03-05', '2024-03-09')).toBe('March 5\u2009–\u20099, 2024');
  });

  it('says what it expected and what it got when given the wrong kind of value', () => {
    expect(() => call('money', '5')).toThrow('expected a money amount but got string "5"');
    expect(() => call('amount', undefined)).toThrow('expected a money amount but got nothing (is the path right?)');
    expect(() => call('percent', Number.NaN)).toThrow('expected a percentage but got number null');
    expect(() => call('number', Number.POSITIVE_INFINITY)).toThrow('expected a number but got number null');
    expect(() => call('ordinal', null)).toThrow('expected a number but got null');
    expect(() => call('figure', [1])).toThrow('expected a number but got a list');
    expect(() => call('compact', {})).toThrow('expected a number but got a map');
    expect(() => call('date', 5)).toThrow('expected a date (YYYY-MM-DD) but got number 5');
    expect(() => call('date_range', 5, '2024-03-09')).toThrow('expected a start date but got number 5');
    expect(() => call('date_range', '2024-03-05', 5)).toThrow('expected an end date but got number 5');
    expect(() => call('slug', 5)).toThrow('expected text but got number 5');
    expect(() => call('upper', true)).toThrow('expected text but got boolean true');
  });

  it('counts the items of a list or the keys of a map', () => {
    expect(call('length', [1, 2, 3])).toBe(3);
    expect(call('length', { a: 1, b: 2 })).toBe(2);
    expect(() => call('length', 'abc')).toThrow('expected a list but got string "abc"');
    expect(() => call('length', null)).toThrow('expected a list but got null');
  });

  it('reads a key a path cannot spell, such as a year', () => {
    const totals = { '2024': 5406, '2023': 0 };
    expect(call('get', totals, 2024)).toBe(5406);
    expect(call('get', totals, '2023')).toBe(0);
    expect(() => call('get', totals, 2022)).toThrow('no key "2022" (keys: 2023, 2024)');
    expect(() => call('get', null, 'a')).toThrow('expected a map but got null');
    expect(() => call('get', 'text', 'a')).toThrow('expected a map but got string "text"');
  });

  it('lists a map\'s keys, years in order, and refuses anything else', () => {
    expect(call('keys', { '2024': 1, '2023': 2 })).toEqual(['2023', '2024']);
    expect(() => call('keys', [1])).toThrow('expected a map but got a list');
    expect(() => call('keys', null)).toThrow('expected a map but got null');
    expect(() => call('keys', 3)).toThrow('expected a map but got number 3');
  });

  it('takes the first and last items of a non-empty list', () => {
    expect(call('first', ['a', 'b', 'c'])).toBe('a');
    expect(call('last', ['a', 'b', 'c'])).toBe('c');
    expect(() => call('first', [])).toThrow('expected a list with something in it but got a list');
    expect(() => call('last', { a: 1 })).toThrow('expected a list with something in it but got a map');
  });

  it('compares values, treating a number and its text as equal', () => {
    expect(call('eq', 2024, '2024')).toBe(true);
    expect(call('eq', 'a', 'a')).toBe(true);
    expect(call('eq', 'a', 'b')).toBe(false);
    expect(call('eq', null, undefined)).toBe(false);
    expect(call('gt', 3, 2)).toBe(true);
    expect(call('gt', 2, 2)).toBe(false);
    expect(() => call('gt', '3', 2)).toThrow('expected a number but got string "3"');
  });

  it('adds numbers and joins text', () => {
    expect(call('add', 2023, 1)).toBe(2024);
    expect(() => call('add', 2023, '1')).toThrow('expected a number but got string "1"');
    expect(call('concat', 'FY', 2024, '-', true)).toBe('FY2024-true');
    expect(call('concat')).toBe('');
  });

  it('makes slugs and capitals', () => {
    expect(call('slug', 'Łódź Café — 2024!')).toBe('lodz-cafe-2024');
    expect(call('upper', 'straße')).toBe('STRASSE');
  });
});

describe('slugify', () => {
  it('keeps only lower-case letters and digits, joined by single hyphens, none at the ends', () => {
    expect(slugify('  Hello,   World  ')).toBe('hello-world');
    expect(slugify('-Ünïcödé-')).toBe('unicode');
    expect(slugify('ŁUK łuk')).toBe('luk-luk');
    expect(slugify('ﬁne')).toBe('fine');
    expect(slugify('a--b')).toBe('a-b');
  });
});
