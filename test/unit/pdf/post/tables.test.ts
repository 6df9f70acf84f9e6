import { describe, expect, it } from 'vitest';
import { PDFArray, PDFDict, PDFDocument, PDFName, PDFString, type PDFRef } from 'pdf-lib';
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
