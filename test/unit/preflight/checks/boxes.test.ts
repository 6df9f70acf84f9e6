/** checks/boxes.ts: a finished-size box on every page, and boxes that nest. */
import { describe, expect, it } from 'vitest';
import { TRIM } from '../../../print-fixtures.ts';
import { boxes, finished, inside } from '../../../../src/preflight/checks/boxes.ts';
import { facts, findings, kinds, N, of, pageFacts, preflight } from '../helpers.ts';

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

  it('a box is inside another up to 0.01 pt past any edge, and not beyond', () => {
    expect(inside([-0.01, -0.01, 0.01, 0.01], [0, 0, 0, 0])).toBe(true);
    expect(inside([1, 1, 9, 9], [0, 0, 10, 10])).toBe(true);
    expect(inside([-0.02, 0, 10, 10], [0, 0, 10, 10])).toBe(false);
    expect(inside([0, -0.02, 10, 10], [0, 0, 10, 10])).toBe(false);
    expect(inside([0, 0, 10.02, 10], [0, 0, 10, 10])).toBe(false);
    expect(inside([0, 0, 10, 10.02], [0, 0, 10, 10])).toBe(false);
  });

  it('the finished page is the TrimBox, else the ArtBox', () => {
    expect(finished(pageFacts(1, { artBox: [1, 2, 3, 4] }))).toEqual({ box: [36, 36, 648, 828], name: 'TrimBox' });
    expect(finished(pageFacts(1, { trimBox: undefined, artBox: [1, 2, 3, 4] }))).toEqual({ box: [1, 2, 3, 4], name: 'ArtBox' });
    expect(finished(pageFacts(1, { trimBox: undefined }))).toBeUndefined();
  });

  it('says which boxes do not nest, naming the box that stands in for a missing BleedBox', () => {
    const pages = [
      pageFacts(1, { bleedBox: [-1, 0, 700, 864], effectiveBleed: [-1, 0, 700, 864] }),
      pageFacts(2, { bleedBox: undefined, effectiveBleed: [40, 40, 600, 800] }),
      pageFacts(3, { bleedBox: [40, 40, 600, 800], effectiveBleed: [40, 40, 600, 800], trimBox: undefined, artBox: [36, 36, 648, 828] }),
      pageFacts(4, { trimBox: undefined }),
      pageFacts(5),
    ];
    expect(findings(boxes, facts({ pages }))).toEqual([
      { severity: 'error', message: 'The BleedBox [-1 0 700 864] of page 1 extends beyond its MediaBox [0 0 684 864].', page: 1, object: '11 0 R' },
      { severity: 'error', message: 'The TrimBox [36 36 648 828] of page 2 is not inside its BleedBox (by default the CropBox or MediaBox) [40 40 600 800].', page: 2, object: '12 0 R' },
      { severity: 'error', message: 'The ArtBox [36 36 648 828] of page 3 is not inside its BleedBox [40 40 600 800].', page: 3, object: '13 0 R' },
      { severity: 'error', message: 'Page 4 has neither a TrimBox nor an ArtBox: the printer cannot tell the finished page size.', page: 4, object: '14 0 R' },
    ]);
  });
});
