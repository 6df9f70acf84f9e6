/** checks/bleed.ts: enough bleed beyond the TrimBox on every side. */
import { describe, expect, it } from 'vitest';
import type { PDFRef } from 'pdf-lib';
import { refKey } from '../../../../src/pdf/cos.ts';
import { TRIM } from '../../../print-fixtures.ts';
import { kinds, N, of, preflight } from '../helpers.ts';

describe('bleed', () => {
  it('no bleed: BleedBox = TrimBox', async () => {
    let pageRef!: PDFRef;
    const r = await preflight({
      pages: 2,
      edit: (f) => {
        f.pages[1]!.dict.set(N('BleedBox'), f.ctx.obj(TRIM));
        pageRef = f.pages[1]!.ref;
      },
    });
    expect(kinds(r)).toEqual(['bleed:error']);
    const [b] = of(r, 'bleed');
    expect(b).toMatchObject({ page: 2, object: refKey(pageRef) });
    expect(b!.message).toMatch(/No bleed on page 2/);
  });

  it('too little bleed on one side', async () => {
    const r = await preflight({ edit: (f) => f.pages[0]!.dict.set(N('BleedBox'), f.ctx.obj([27, 27, 657, 831])) });
    expect(kinds(r)).toEqual(['bleed:error']);
    expect(of(r, 'bleed')[0]!.message).toMatch(/3 pt on the top side/);
  });

  it('the BleedBox defaults to the CropBox, then the MediaBox', async () => {
    const ok = await preflight({ edit: (f) => f.pages[0]!.dict.delete(N('BleedBox')) });
    expect(ok.issues).toEqual([]);
    expect(ok.pages[0]!.bleedBox).toBeUndefined();
    const cropped = await preflight({
      edit: (f) => {
        f.pages[0]!.dict.delete(N('BleedBox'));
        f.pages[0]!.dict.set(N('CropBox'), f.ctx.obj([30, 30, 654, 834]));
      },
    });
    expect(kinds(cropped)).toEqual(['bleed:error']);
  });

});
