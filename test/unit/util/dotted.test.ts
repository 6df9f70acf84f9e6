import { describe, expect, it } from 'vitest';
import { dotted, get, pointerOf, set } from '../../../src/util/dotted.ts';

describe('dotted paths', () => {
  it('writes pointers as dotted paths for people', () => {
    expect(dotted('/financials/statement/lines/0/label')).toBe('financials.statement.lines[0].label');
  });

  it('turns a dotted path into a JSON pointer, escaping ~ and /', () => {
    expect(pointerOf('grants.by_year.2023')).toBe('/grants/by_year/2023');
    expect(pointerOf('a.b/c.d~e')).toBe('/a/b~1c/d~0e');
  });

  it('reads and writes through maps, making the missing ones', () => {
    const data: Record<string, unknown> = { a: { b: 1 } };
    expect(get(data, 'a.b')).toBe(1);
    expect(get(data, 'a.x.y')).toBeUndefined();
    set(data, 'c.d.e', 5);
    expect(data).toEqual({ a: { b: 1 }, c: { d: { e: 5 } } });
  });
});
