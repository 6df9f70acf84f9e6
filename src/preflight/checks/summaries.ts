/** Findings that are many small things on a page (thin strokes, rich fills) are reported once per page. */
import type { Where } from '../check.ts';
import type { Place, PreflightFacts } from '../facts.ts';

export interface PageSummary<T> {
  page: number;
  items: T[];
  /** The one object that paints them all, else the page. */
  where: Where;
}

/** The items grouped by page, in page order. */
export function pageSummaries<T>(facts: PreflightFacts, items: T[], place: (t: T) => Place): PageSummary<T>[] {
  const byPage = new Map<number, T[]>();
  for (const t of items) {
    const n = place(t).page;
    const list = byPage.get(n);
    if (list) list.push(t);
    else byPage.set(n, [t]);
  }
  return facts.pages.flatMap((p) => {
    const list = byPage.get(p.page);
    if (!list) return [];
    const objects = new Set(list.map((t) => place(t).object));
    return [{ page: p.page, items: list, where: { page: p.page, object: objects.size === 1 ? [...objects][0]! : p.object } }];
  });
}
