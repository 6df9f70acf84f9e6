/** checks/summaries.ts: many small findings on a page, reported once for the page. */
import { describe, expect, it } from 'vitest';
import { pageSummaries } from '../../../../src/preflight/checks/summaries.ts';
import { facts, pageFacts } from '../helpers.ts';

describe('pageSummaries', () => {
  it('groups items by page in page order, naming the one object that paints them all, else the page', () => {
    const items = [
      { page: 3, object: '30 0 R', id: 'a' },
      { page: 1, object: '50 0 R', id: 'b' },
      { page: 3, object: '31 0 R', id: 'c' },
      { page: 1, object: '50 0 R', id: 'd' },
      { page: 9, object: '90 0 R', id: 'not a page of the document' },
    ];
    const f = facts({ pages: [pageFacts(1), pageFacts(2), pageFacts(3)] });
    expect(pageSummaries(f, items, (x) => x)).toEqual([
      { page: 1, items: [items[1], items[3]], where: { page: 1, object: '50 0 R' } },
      { page: 3, items: [items[0], items[2]], where: { page: 3, object: '13 0 R' } },
    ]);
  });
});
