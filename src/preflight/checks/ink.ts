/**
 * Total ink: more than the press's limit (c+m+y+k, default 300 %) does not dry and sets off onto
 * the next sheet. Fills and strokes are summed up per page; images are measured pixel by pixel.
 */
import { error, fmt, imageName, objectOf, warning, type Check } from '../check.ts';
import type { InkedPaint } from '../facts.ts';
import { pageSummaries } from './summaries.ts';

/** A paint's total area coverage, in % (rounded to 0.01). */
export function coverage(p: InkedPaint): number {
  const inks = p.space.inks!;
  let sum = 0;
  for (let i = 0; i < inks.length; i++) sum += (p.values[i] ?? 0) * inks[i]!;
  return Math.round(sum * 10000) / 100;
}

export const inkInPaint: Check = {
  id: 'ink',
  requires: 'No fill or stroke exceeds the total ink limit (printer\'s marks excepted).',
  *test(facts, o) {
    const over = facts.inked.map((p) => ({ p, coverage: coverage(p) })).filter((x) => x.coverage > o.inkLimit);
    for (const s of pageSummaries(facts, over, (x) => x.p)) {
      // The first paint at the highest coverage names the colour.
      const top = s.items.reduce((a, b) => (b.coverage > a.coverage ? b : a));
      const colour = `${top.p.space.label} ${top.p.values.map((v) => fmt(v, 3)).join(' ')} (${top.p.use})`;
      yield error(`${s.items.length} fill(s)/stroke(s) on page ${s.page} exceed the ${fmt(o.inkLimit)} % total ink limit; the highest is ${fmt(top.coverage)} % (${colour}).`, s.where);
    }
  },
};

export const inkInImages: Check = {
  id: 'ink',
  requires: 'No image pixel exceeds the total ink limit; an image whose samples cannot be read is reported as not measured.',
  *test(facts, o) {
    for (const im of facts.imageInk) {
      const where = { page: im.page, object: objectOf(im.object) };
      if (im.unmeasured) {
        const name = imageName(im.object).replace(/^\w/, (c) => c.toLowerCase());
        yield warning(`The ink coverage of ${name} on page ${im.page} was not measured: ${im.unmeasured}.`, where);
      } else if (im.coverage !== undefined && im.coverage > o.inkLimit) {
        yield error(`${imageName(im.object)} on page ${im.page} reaches ${fmt(im.coverage)} % total ink coverage, above the ${fmt(o.inkLimit)} % limit.`, where);
      }
    }
  },
};
