import { describe, expect, it } from 'vitest';
import { PDFArray, PDFDict, PDFDocument, PDFName, PDFRef, PDFString } from 'pdf-lib';
import { groupTableRows } from '../../../../src/pdf/post/tables.ts';
import { structElements } from '../../../../src/pdf/post/elements.ts';
import { getText } from '../../../../src/pdf/cos.ts';
import type { TableShape } from '../../../../src/util/shapes.ts';

/** A statement table as Chromium tags it: rows straight under the Table, a row-group header with no ID. */
async function statement() {
  const doc = await PDFDocument.create();
  const ctx = doc.context;
  const root = ctx.obj({ Type: 'StructTreeRoot' });
  const rootRef = ctx.register(root);
  const elem = (type: string, parent: PDFRef, extra: Record<string, unknown> = {}) => {
    const ref = ctx.register(ctx.obj({ Type: 'StructElem', S: type, P: parent, ...extra } as never));
    const p = ctx.lookup(parent, PDFDict);
    const k = p.get(PDFName.of('K'));
    p.set(PDFName.of('K'), k instanceof PDFArray ? (k.push(ref), k) : ctx.obj([ref]));
    return ref;
  };
  const table = elem('Table', rootRef);
  elem('Caption', table);
  const head = elem('TR', table);
  elem('TH', head, { ID: PDFString.of('year'), A: { O: 'Table', Scope: 'Column' } });
  const group = elem('TR', table);
  elem('TH', group, { A: [{ O: 'Table', Scope: 'Row' }, { O: 'Table', ColSpan: 2 }] });
  const row = elem('TR', table);
  elem('TH', row, { ID: PDFString.of('line'), A: { O: 'Table', Scope: 'Row' } });
  const cell = elem('TD', row, { A: [{ O: 'Table', Headers: [PDFString.of('year'), PDFString.of('line')] }] });
  doc.catalog.set(PDFName.of('StructTreeRoot'), rootRef);
  return { doc, table, cell };
}

const shape: TableShape = {
  groups: [
    { kind: 'thead', rows: [[{ header: true, scope: 'col' }]] },
    { kind: 'tbody', rows: [[{ header: true, scope: 'rowgroup' }], [{ header: true, scope: 'row' }, { header: false }]] },
  ],
};

describe('groupTableRows', () => {
  it('puts the rows in THead and TBody as the HTML groups them, and a row-group header in the cells below it', async () => {
    const { doc, cell } = await statement();
    expect(groupTableRows(doc, [shape])).toBe(1);
    const path = (e: { type: string; parent?: unknown }) => {
      const names: string[] = [];
      for (let p: { type: string; parent?: unknown } | undefined = e; p; p = p.parent as typeof p) names.unshift(p.type);
      return names.join('/');
    };
    expect(structElements(doc).map(path)).toEqual([
      'Table',
      'Table/Caption',
      'Table/THead',
      'Table/THead/TR',
      'Table/THead/TR/TH',
      'Table/TBody',
      'Table/TBody/TR',
      'Table/TBody/TR/TH',
      'Table/TBody/TR',
      'Table/TBody/TR/TH',
      'Table/TBody/TR/TD',
    ]);
    const group = structElements(doc).find((e) => e.type === 'TH' && !getText(doc.context, e.dict, 'ID')?.match(/^(year|line)$/))!;
    const id = getText(doc.context, group.dict, 'ID')!;
    expect(id).toBeTruthy();
    const td = doc.context.lookup(cell, PDFDict);
    const headers = td.lookup(PDFName.of('A'), PDFArray).lookup(0, PDFDict).lookup(PDFName.of('Headers'), PDFArray);
    expect(headers.asArray().map((h) => (h as PDFString).decodeText())).toEqual(['year', id, 'line']);
  });

  it('leaves a table whose rows do not match the HTML’s', async () => {
    const { doc } = await statement();
    expect(groupTableRows(doc, [{ groups: [{ kind: 'tbody', rows: [[{ header: false }]] }] }])).toBe(0);
    expect(structElements(doc).some((e) => e.type === 'TBody')).toBe(false);
  });
});

/** An element of a built structure tree: its type, extra entries, kids, and a name to find it by. */
interface Node {
  s: string;
  name?: string;
  extra?: Record<string, unknown>;
  kids?: Node[];
}

/** A tagged PDF whose structure tree is `nodes`; `refs` finds a named element's reference. */
async function tagged(nodes: Node[]) {
  const doc = await PDFDocument.create();
  const ctx = doc.context;
  const rootRef = ctx.register(ctx.obj({ Type: 'StructTreeRoot' }));
  const refs = new Map<string, PDFRef>();
  const add = (node: Node, parent: PDFRef) => {
    const ref = ctx.register(ctx.obj({ Type: 'StructElem', S: node.s, P: parent, ...node.extra } as never));
    if (node.name) refs.set(node.name, ref);
    const p = ctx.lookup(parent, PDFDict);
    const k = p.get(PDFName.of('K'));
    p.set(PDFName.of('K'), k instanceof PDFArray ? (k.push(ref), k) : ctx.obj([ref]));
    for (const kid of node.kids ?? []) add(kid, ref);
  };
  for (const node of nodes) add(node, rootRef);
  doc.catalog.set(PDFName.of('StructTreeRoot'), rootRef);
  const dict = (name: string) => ctx.lookup(refs.get(name)!, PDFDict);
  return { doc, refs, dict };
}

const row = (...cells: Node[]): Node => ({ s: 'TR', kids: cells });
const headers = (...ids: string[]) => ids.map((id) => PDFString.of(id));
/** A cell's /A as plain values: each attribute dictionary's entries, names and strings as text. */
function attributes(doc: PDFDocument, cell: PDFDict): unknown {
  const plain = (o: unknown): unknown => {
    const r = o instanceof PDFRef ? doc.context.lookup(o) : o;
    if (r instanceof PDFArray) return r.asArray().map(plain);
    if (r instanceof PDFDict) return Object.fromEntries(r.entries().map(([k, v]) => [k.decodeText(), plain(v)]));
    if (r instanceof PDFString) return r.decodeText();
    if (r instanceof PDFName) return `/${r.decodeText()}`;
    return r === undefined ? undefined : String(r);
  };
  return plain(cell.get(PDFName.of('A')));
}

describe('groupTableRows, several tables', () => {
  it('matches each Table element to its HTML table in order, past other elements and other tables’ rows', async () => {
    const { doc } = await tagged([
      {
        s: 'Document',
        kids: [
          { s: 'P' },
          { s: 'Table', kids: [row({ s: 'TH' }), row({ s: 'TD' })] },
          { s: 'Table', kids: [row({ s: 'TD' })] },
        ],
      },
    ]);
    const first: TableShape = { groups: [{ kind: 'thead', rows: [[{ header: true, scope: 'col' }]] }, { kind: 'tbody', rows: [[{ header: false }]] }] };
    const second: TableShape = { groups: [{ kind: 'tbody', rows: [[{ header: false }]] }] };
    expect(groupTableRows(doc, [first, second])).toBe(2);
    const elems = structElements(doc);
    const groups = elems.filter((e) => /^T(Head|Body|Foot)$/.test(e.type));
    expect(groups.map((g) => `${g.type} in ${g.parent?.type}, ${elems.filter((e) => e.parent === g).length} row(s)`)).toEqual([
      'THead in Table, 1 row(s)',
      'TBody in Table, 1 row(s)',
      'TBody in Table, 1 row(s)',
    ]);
    expect(groups[0]!.parent).toBe(groups[1]!.parent);
    expect(groups[2]!.parent).not.toBe(groups[0]!.parent);
  });
});

describe('groupTableRows, row groups', () => {
  it('makes each group a StructElem holding the row references, the rows’ parent, in the place the rows had', async () => {
    const { doc, refs, dict } = await tagged([
      {
        s: 'Table',
        name: 'table',
        kids: [{ s: 'Caption', name: 'caption' }, { ...row({ s: 'TH' }), name: 'head' }, { ...row({ s: 'TD' }), name: 'body' }, { s: 'Note', name: 'note' }],
      },
    ]);
    const shape: TableShape = {
      groups: [
        { kind: 'thead', rows: [[{ header: true, scope: 'col' }]] },
        { kind: 'tbody', rows: [[{ header: false }]] },
        { kind: 'tfoot', rows: [] },
      ],
    };
    expect(groupTableRows(doc, [shape])).toBe(1);
    const k = dict('table').lookup(PDFName.of('K'), PDFArray).asArray();
    expect(k).toHaveLength(4);
    expect(k[0]).toBe(refs.get('caption'));
    expect(k[3]).toBe(refs.get('note'));
    const [thead, tbody] = [k[1] as PDFRef, k[2] as PDFRef];
    for (const [group, type, rowName] of [[thead, 'THead', 'head'], [tbody, 'TBody', 'body']] as const) {
      const g = doc.context.lookup(group, PDFDict);
      expect(g.get(PDFName.of('Type'))).toBe(PDFName.of('StructElem'));
      expect(g.get(PDFName.of('S'))).toBe(PDFName.of(type));
      expect(g.get(PDFName.of('P'))).toBe(refs.get('table'));
      expect(g.lookup(PDFName.of('K'), PDFArray).asArray()).toEqual([refs.get(rowName)]);
      expect(dict(rowName).get(PDFName.of('P'))).toBe(group);
    }
    expect(structElements(doc).some((e) => e.type === 'TFoot')).toBe(false);
  });

  it('gives a row-group header’s ID to the data cells below it in its group only, after column headers and before row headers', async () => {
    const { doc, dict } = await tagged([
      {
        s: 'Table',
        kids: [
          row({ s: 'TH', name: 'q1', extra: { ID: PDFString.of('q1') } }, { s: 'TD', name: 'c0', extra: { A: { O: 'Table', Headers: headers('q1') } } }),
          row({ s: 'TH', name: 'revenue', extra: { A: { O: 'Table', Scope: 'Row' } } }, { s: 'TD', name: 'c1' }),
          row(
            { s: 'TH', name: 'q2', extra: { ID: PDFString.of('q2'), A: { O: 'Table', Scope: 'Row' } } },
            { s: 'TD', name: 'c2', extra: { A: [{ O: 'Table', Headers: headers('year', 'q2') }, 0] } },
          ),
          row({ s: 'TH', name: 'q3', extra: { ID: PDFString.of('q3') } }, { s: 'TD', name: 'c3' }),
          row({ s: 'TH' }, { s: 'TD', name: 'c4', extra: { A: [{ O: 'Layout', Placement: 'Block' }, 0] } }),
          row({ s: 'TH', name: 'costs', extra: { ID: PDFString.of('costs') } }),
          row({ s: 'TD', name: 'c6', extra: { A: { O: 'Table', ColSpan: 2 } } }),
          row({ s: 'TD', name: 'c7', extra: { A: { O: 'Table', Headers: headers('costs') } } }),
          row({ s: 'Span' }, { s: 'TH', name: 'other' }),
          row({ s: 'TD', name: 'c9', extra: { A: { O: 'Table', Headers: [PDFName.of('Junk'), PDFString.of('x')] } } }),
        ],
      },
    ]);
    const rowHeader = { header: true, scope: 'row' };
    const rowgroup = { header: true, scope: 'rowgroup' };
    const data = { header: false };
    const shape: TableShape = {
      groups: [
        { kind: 'tbody', rows: [[rowHeader, data], [rowgroup, data], [rowHeader, data], [rowHeader, data], [rowHeader, data]] },
        { kind: 'tbody', rows: [[rowgroup], [data], [data]] },
        { kind: 'tbody', rows: [[rowgroup], [data]] },
      ],
    };
    expect(groupTableRows(doc, [shape])).toBe(1);
    const id = (name: string) => getText(doc.context, dict(name), 'ID');
    expect([id('revenue'), id('costs'), id('other')]).toEqual(['rowgroup1', 'costs', 'rowgroup2']);
    expect(attributes(doc, dict('c0'))).toEqual({ O: '/Table', Headers: ['q1'] });
    expect(attributes(doc, dict('c1'))).toBeUndefined();
    expect(attributes(doc, dict('c2'))).toEqual([{ O: '/Table', Headers: ['year', 'rowgroup1', 'q2'] }, '0']);
    expect(attributes(doc, dict('c3'))).toEqual([{ O: '/Table', Headers: ['rowgroup1'] }]);
    expect(attributes(doc, dict('c4'))).toEqual([{ O: '/Layout', Placement: '/Block' }, '0', { O: '/Table', Headers: ['rowgroup1'] }]);
    expect(attributes(doc, dict('q2'))).toEqual({ O: '/Table', Scope: '/Row' });
    expect(attributes(doc, dict('c6'))).toEqual([{ O: '/Table', ColSpan: '2' }, { O: '/Table', Headers: ['costs'] }]);
    expect(attributes(doc, dict('c7'))).toEqual({ O: '/Table', Headers: ['costs'] });
    expect(attributes(doc, dict('c9'))).toEqual({ O: '/Table', Headers: ['x', 'rowgroup2'] });
  });

  it('leaves a row-group header the PDF tags as a data cell, or does not have', async () => {
    const { doc, dict } = await tagged([{ s: 'Table', kids: [row({ s: 'TD', name: 'top' }), row({ s: 'TD', name: 'below' })] }]);
    const rowgroup = { header: true, scope: 'rowgroup' };
    expect(groupTableRows(doc, [{ groups: [{ kind: 'tbody', rows: [[rowgroup, rowgroup], [{ header: false }]] }] }])).toBe(1);
    expect(dict('top').has(PDFName.of('ID'))).toBe(false);
    expect(attributes(doc, dict('below'))).toBeUndefined();
  });
});
