/** checks/boxes.ts: a finished-size box on every page, and boxes that nest. */
import { describe, expect, it } from 'vitest';
import { TRIM } from '../../../print-fixtures.ts';
import { kinds, N, of, preflight } from '../helpers.ts';

describe('boxes', () => {
  it('a missing TrimBox (an ArtBox will do)', async () => {
    const r = await preflight({ pages: 2, edit: (f) => f.pages[1]!.dict.delete(N('TrimBox')) });
    expect(kinds(r)).toEqual(['boxes:error']);
    expect(of(r, 'boxes')[0]).toMatchObject({ page: 2 });
    expect(of(r, 'boxes')[0]!.message).toMatch(/neither a TrimBox nor an ArtBox/);
    const art = await preflight({
      edit: (f) => {
        f.pages[0]!.dict.delete(N('TrimBox'));
        f.pages[0]!.dict.set(N('ArtBox'), f.ctx.obj(TRIM));
      },
    });
    expect(art.issues).toEqual([]);
  });

  it('a TrimBox outside the BleedBox, a BleedBox outside the MediaBox', async () => {
    const r = await preflight({
      pages: 2,
      edit: (f) => {
        f.pages[0]!.dict.set(N('TrimBox'), f.ctx.obj([20, 36, 648, 828]));
        f.pages[1]!.dict.set(N('BleedBox'), f.ctx.obj([-10, 27, 657, 837]));
      },
    });
    expect(of(r, 'boxes').map((i) => i.page)).toEqual([1, 2]);
    expect(of(r, 'boxes')[0]!.message).toMatch(/TrimBox .* is not inside/);
    expect(of(r, 'boxes')[1]!.message).toMatch(/BleedBox .* extends beyond its MediaBox/);
  });
});
