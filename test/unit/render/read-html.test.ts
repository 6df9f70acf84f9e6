import { describe, expect, it } from 'vitest';
import { collectTables } from '../../../src/render/read-html.ts';

describe('collectTables', () => {
  it('reads each table’s row groups and cells, rows outside a group in an implied tbody', () => {
    const html = `<table><caption>x</caption><thead><tr><th scope="col">Year</th><th scope="col">Value</th></tr></thead>
      <tbody><tr><th scope="rowgroup" colspan="2">Revenue</th></tr><tr><th scope="row">Sales</th><td>1</td></tr></tbody></table>
      <table><tr><td>a</td></tr></table>`;
    expect(collectTables(html)).toEqual([
      {
        groups: [
          { kind: 'thead', rows: [[{ header: true, scope: 'col' }, { header: true, scope: 'col' }]] },
          { kind: 'tbody', rows: [[{ header: true, scope: 'rowgroup' }], [{ header: true, scope: 'row' }, { header: false }]] },
        ],
      },
      { groups: [{ kind: 'tbody', rows: [[{ header: false }]] }] },
    ]);
  });
});
