/** checks/bleed.ts: enough bleed beyond the TrimBox on every side. */
import { describe, expect, it } from 'vitest';
import type { PDFRef } from 'pdf-lib';
import { refKey } from '../../../../src/pdf/cos.ts';
import { TRIM } from '../../../print-fixtures.ts';
import { bleed } from '../../../../src/preflight/checks/bleed.ts';
import { facts, findings, kinds, N, of, pageFacts, preflight } from '../helpers.ts';

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

  const withBleed = (bleedBox: [number, number, number, number], trimBox: [number, number, number, number] = [10, 10, 110, 210]) =>
    facts({ pages: [pageFacts(1, { bleedBox, effectiveBleed: bleedBox, trimBox })] });

  it('names every short side and reports the least of them, each side measured outward from the trim', () => {
    // left 2, bottom 3, right 4, top 5 pt
    expect(findings(bleed, withBleed([8, 7, 114, 215]))).toEqual([
      {
        severity: 'error',
        message: 'Not enough bleed on page 1: 2 pt on the left, bottom, right, top side(s), at least 8.5 pt is needed beyond the TrimBox.',
        page: 1,
        object: '11 0 R',
      },
    ]);
    // only the bottom is short; the others have exactly the minimum or more
    expect(findings(bleed, withBleed([1.5, 7, 118.5, 220])).map((f) => f.message)).toEqual([
      'Not enough bleed on page 1: 3 pt on the bottom side(s), at least 8.5 pt is needed beyond the TrimBox.',
    ]);
  });

  it('exactly minBleed on every side is enough, and so is a hair less (within 0.01 pt)', () => {
    expect(findings(bleed, withBleed([1.5, 1.5, 118.5, 218.5]))).toEqual([]);
    expect(findings(bleed, withBleed([1.5, 1.5, 118.5, 218.5]), { minBleed: 8.51 })).toEqual([]);
    expect(findings(bleed, withBleed([1.5, 1.5, 118.5, 218.5]), { minBleed: 8.52 })).toHaveLength(1);
  });

  it('bleed of 0.01 pt or less counts as none, naming the box that stands in for a missing BleedBox', () => {
    expect(findings(bleed, withBleed([0, 10, 110, 210], [0.01, 10, 110, 210])).map((f) => f.message)).toEqual([
      'No bleed on page 1: the BleedBox [0 10 110 210] does not extend beyond the TrimBox [0.01 10 110 210] (left, bottom, right, top); at least 8.5 pt is needed on every side.',
    ]);
    const noBleedBox = facts({ pages: [pageFacts(2, { bleedBox: undefined, effectiveBleed: [10, 10, 110, 210], trimBox: undefined, artBox: [10, 10, 110, 210] })] });
    expect(findings(bleed, noBleedBox).map((f) => f.message)).toEqual([
      'No bleed on page 2: the effective BleedBox (CropBox/MediaBox) [10 10 110 210] does not extend beyond the ArtBox [10 10 110 210] (left, bottom, right, top); at least 8.5 pt is needed on every side.',
    ]);
  });

  it('a side short of minBleed by exactly the 0.01 pt tolerance is not named; bleed of exactly 0.01 pt is none', () => {
    // left 8.49 pt (8.5 less the tolerance), bottom 2 pt, right and top 10 pt
    expect(findings(bleed, withBleed([1.51, 8, 120, 220])).map((f) => f.message)).toEqual([
      'Not enough bleed on page 1: 2 pt on the bottom side(s), at least 8.5 pt is needed beyond the TrimBox.',
    ]);
    expect(findings(bleed, withBleed([0, 0, 120, 220], [0.01, 10, 110, 210])).map((f) => f.message)).toEqual([
      'No bleed on page 1: the BleedBox [0 0 120 220] does not extend beyond the TrimBox [0.01 10 110 210] (left); at least 8.5 pt is needed on every side.',
    ]);
  });

  it('leaves a page without a finished box, or with one outside its bleed, to the boxes check', () => {
    expect(findings(bleed, facts({ pages: [pageFacts(1, { trimBox: undefined })] }))).toEqual([]);
    expect(findings(bleed, withBleed([0, 0, 100, 200], [10, 10, 110, 210]))).toEqual([]);
    // a page that is fine does not stop the next one being checked
    const two = facts({ pages: [pageFacts(1, { trimBox: undefined }), pageFacts(2, { bleedBox: [36, 36, 648, 828], effectiveBleed: [36, 36, 648, 828] })] });
    expect(findings(bleed, two).map((f) => f.page)).toEqual([2]);
  });
});
