/** Hairlines: strokes thinner than a press can hold break up or vanish. */
import { fmt, warning, type Check } from '../check.ts';
import { pageSummaries } from './summaries.ts';

export const hairlines: Check = {
  id: 'hairline',
  requires: 'No stroke is thinner than the hairline limit (default 0.25 pt) as printed, nor of zero width (printer\'s marks excepted).',
  *test(facts, o) {
    const thin = facts.strokes.filter((s) => s.lineWidth <= 0 || s.width < o.hairline - 1e-9);
    for (const s of pageSummaries(facts, thin, (x) => x)) {
      const min = s.items.reduce((m, x) => Math.min(m, x.width), Infinity);
      const thinnest = min === 0 ? '0 pt: a zero-width line, the thinnest the device can draw' : `${fmt(min, 3)} pt`;
      yield warning(
        `${s.items.length} stroke(s) on page ${s.page} are thinner than ${fmt(o.hairline)} pt (thinnest ${thinnest}); they may not print or may break up.`,
        s.where,
      );
    }
  },
};
