/** Page boxes: the printer must know the finished size, and the boxes must nest. */
import { EPS, error, fmtRect, type Check } from '../check.ts';
import type { PageFacts, Rect } from '../facts.ts';

export const inside = (inner: Rect, outer: Rect) => inner[0] >= outer[0] - EPS && inner[1] >= outer[1] - EPS && inner[2] <= outer[2] + EPS && inner[3] <= outer[3] + EPS;

/** The finished page: the TrimBox, else the ArtBox. */
export const finished = (p: PageFacts) => (p.trimBox ? { box: p.trimBox, name: 'TrimBox' } : p.artBox ? { box: p.artBox, name: 'ArtBox' } : undefined);

export const boxes: Check = {
  id: 'boxes',
  requires: 'Every page has a TrimBox (or an ArtBox) inside its BleedBox, and its BleedBox is inside its MediaBox.',
  *test(facts) {
    for (const p of facts.pages) {
      const where = { page: p.page, object: p.object };
      const bleed = p.effectiveBleed;
      if (p.bleedBox && !inside(p.bleedBox, p.mediaBox)) {
        yield error(`The BleedBox ${fmtRect(p.bleedBox)} of page ${p.page} extends beyond its MediaBox ${fmtRect(p.mediaBox)}.`, where);
      }
      const fin = finished(p);
      if (!fin) {
        yield error(`Page ${p.page} has neither a TrimBox nor an ArtBox: the printer cannot tell the finished page size.`, where);
      } else if (!inside(fin.box, bleed)) {
        const bleedName = p.bleedBox ? 'BleedBox' : 'BleedBox (by default the CropBox or MediaBox)';
        yield error(`The ${fin.name} ${fmtRect(fin.box)} of page ${p.page} is not inside its ${bleedName} ${fmtRect(bleed)}.`, where);
      }
    }
  },
};
