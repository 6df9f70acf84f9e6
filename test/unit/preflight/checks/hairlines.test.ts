/** checks/hairlines.ts: strokes too thin to print. */
import { describe, expect, it } from 'vitest';
import { kinds, of, onPage, preflight } from '../helpers.ts';

describe('hairlines', () => {
  it('a 0.1 pt stroke', async () => {
    const r = await preflight({ pages: 2, content: onPage(2, 'q 0 0 0 1 K 0.1 w 72 200 m 300 200 l S Q') });
    expect(kinds(r)).toEqual(['hairline:warning']);
    expect(of(r, 'hairline')[0]).toMatchObject({ page: 2 });
    expect(of(r, 'hairline')[0]!.message).toMatch(/thinnest 0\.1 pt/);
  });

  it('a zero-width line, and a 2 pt line scaled down to 0.2 pt by the CTM', async () => {
    const zero = await preflight({ content: onPage(1, 'q 0 0 0 1 K 0 w 72 200 m 300 200 l S Q') });
    expect(of(zero, 'hairline')[0]!.message).toMatch(/zero-width/);
    const scaled = await preflight({ content: onPage(1, 'q 0.1 0 0 0.1 0 0 cm 0 0 0 1 K 2 w 720 2000 m 3000 2000 l S Q') });
    expect(of(scaled, 'hairline')[0]!.message).toMatch(/thinnest 0\.2 pt/);
    const wide = await preflight({ content: onPage(1, 'q 0 0 0 1 K 0.25 w 72 200 m 300 200 l S Q') });
    expect(wide.issues).toEqual([]);
  });
});
