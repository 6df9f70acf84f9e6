/** Bleed: artwork that runs off the page must extend beyond the trim, or a white edge shows after cutting. */
import { EPS, error, fmt, fmtRect, type Check } from '../check.ts';
import { finished, inside } from './boxes.ts';

const SIDES = ['left', 'bottom', 'right', 'top'];

export const bleed: Check = {
  id: 'bleed',
  requires: 'The BleedBox extends at least minBleed (default 8.5 pt, ≈ 3 mm) beyond the TrimBox (or ArtBox) on every side.',
  *test(facts, o) {
    for (const p of facts.pages) {
      const fin = finished(p);
      // A missing or misplaced TrimBox is the boxes check's.
      if (!fin || !inside(fin.box, p.effectiveBleed)) continue;
      const [b, f] = [p.effectiveBleed, fin.box];
      const sides = [f[0] - b[0], f[1] - b[1], b[2] - f[2], b[3] - f[3]];
      const least = Math.min(...sides);
      if (least >= o.minBleed - EPS) continue;
      const names = SIDES.filter((_, i) => sides[i]! < o.minBleed - EPS).join(', ');
      const bleedName = p.bleedBox ? 'BleedBox' : 'effective BleedBox (CropBox/MediaBox)';
      yield error(
        least <= EPS
          ? `No bleed on page ${p.page}: the ${bleedName} ${fmtRect(b)} does not extend beyond the ${fin.name} ${fmtRect(f)} (${names}); at least ${fmt(o.minBleed)} pt is needed on every side.`
          : `Not enough bleed on page ${p.page}: ${fmt(least)} pt on the ${names} side(s), at least ${fmt(o.minBleed)} pt is needed beyond the ${fin.name}.`,
        { page: p.page, object: p.object },
      );
    }
  },
};
