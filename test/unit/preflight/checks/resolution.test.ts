/** checks/resolution.ts: images printed at too few pixels per inch. */
import { describe, expect, it } from 'vitest';
import { addImage } from '../../../print-fixtures.ts';
import { imageResolution } from '../../../../src/preflight/checks/resolution.ts';
import { facts, findings, kinds, of, onPage, preflight } from '../helpers.ts';

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

  it('at minPpi is fine, and up to a millionth of a ppi under it (rounding); just under is a warning; half of it is still a warning, under half an error', () => {
    const image = (ppi: number, object = '9 0 R') => ({ page: 2, object, width: 640, height: 480, label: 'DeviceCMYK', ppi });
    expect(findings(imageResolution, facts({ images: [image(300), image(299.9999999), image(300 - 1e-6)] }))).toEqual([]);
    expect(findings(imageResolution, facts({ images: [image(299.5), image(150), image(149.9, 'inline image')] }))).toEqual([
      { severity: 'warning', message: 'Image 9 0 R (640×480 px, DeviceCMYK) is printed at 299 ppi on page 2, below 300 ppi.', page: 2, object: '9 0 R' },
      { severity: 'warning', message: 'Image 9 0 R (640×480 px, DeviceCMYK) is printed at 150 ppi on page 2, below 300 ppi.', page: 2, object: '9 0 R' },
      {
        severity: 'error',
        message: 'An inline image (640×480 px, DeviceCMYK) is printed at 149 ppi on page 2, below 300 ppi (and below 150: it will look visibly coarse).',
        page: 2,
        object: undefined,
      },
    ]);
  });
});
