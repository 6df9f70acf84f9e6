/** checks/resolution.ts: images printed at too few pixels per inch. */
import { describe, expect, it } from 'vitest';
import { addImage } from '../../../print-fixtures.ts';
import { kinds, of, onPage, preflight } from '../helpers.ts';

describe('image resolution', () => {
  it('warns between minPpi/2 and minPpi, errors below; image masks are skipped', async () => {
    const r = await preflight({
      edit: (f) => {
        f.addResource(1, 'XObject', 'Lo', addImage(f.ctx, { width: 100, height: 100, pixel: () => [0, 0, 0, 255] }));
        f.addResource(1, 'XObject', 'Mask', addImage(f.ctx, { width: 10, height: 10, colorSpace: undefined, components: 1, pixel: () => [0], extra: { ImageMask: true, BitsPerComponent: 1 } }));
      },
      // 100 px over 1 in one way and 0.5 in the other: 100 ppi (the lower).
      content: onPage(1, 'q 72 0 0 36 100 100 cm /Lo Do Q q 0 0 0 1 k 720 0 0 720 0 0 cm /Mask Do Q'),
    });
    expect(kinds(r)).toEqual(['image-resolution:error']);
    expect(of(r, 'image-resolution')[0]!.message).toMatch(/100 ppi/);
    // The 8 px image at 0.1 in: 80 ppi, an error by default, fine with minPpi 50.
    const small = { content: onPage(1, 'q 7.2 0 0 7.2 100 100 cm /Im1 Do Q') };
    expect(kinds(await preflight(small))).toEqual(['image-resolution:error']);
    expect((await preflight(small, { minPpi: 50 })).issues).toEqual([]);
  });
});
