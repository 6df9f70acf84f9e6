import { PDFArray, PDFDict, PDFName, PDFString, type PDFDocument, type PDFObject, type PDFRef } from 'pdf-lib';
import { getText, resolve, textOf } from '../cos.ts';
import { kids, structElements, type Elem } from './elements.ts';
import type { TableShape } from '../../util/shapes.ts';

const GROUP_TYPES = { thead: 'THead', tbody: 'TBody', tfoot: 'TFoot' } as const;

/**
 * Chromium writes a table's rows straight under the Table, with no THead, TBody or TFoot, and
 * gives a row-group header (`<th scope="rowgroup">`, "Revenue") to no cell: a reader hears
 * "$2,859" without "Revenue". The HTML's tables (`shapes`, in document order, as the PDF's Table
 * elements are) put each run of rows in its THead, TBody or TFoot, and each row-group header, with
 * an ID, into the /Headers of the data cells below it in its group. A table whose rows do not
 * match the HTML's is left as it is. Returns how many tables were grouped.
 */
export function groupTableRows(doc: PDFDocument, shapes: TableShape[]): number {
  const elems = structElements(doc);
  const tables = elems.filter((e) => e.type === 'Table');
  let grouped = 0;
  let nextId = 1;
  tables.forEach((table, i) => {
    const shape = shapes[i];
    const rows = elems.filter((e) => e.parent === table && e.type === 'TR');
    if (!shape || !table.ref || rows.length !== shape.groups.reduce((n, g) => n + g.rows.length, 0)) return;
    const cellsOf = (row: Elem) => elems.filter((e) => e.parent === row && (e.type === 'TH' || e.type === 'TD'));
    let at = 0;
    const groups = shape.groups.map((g) => {
      const groupRows = rows.slice(at, (at += g.rows.length));
      g.rows.forEach((cells, r) => {
        cells.forEach((cell, c) => {
          const th = cellsOf(groupRows[r]!)[c];
          if (!cell.header || cell.scope !== 'rowgroup' || th?.type !== 'TH') return;
          const id = getText(doc.context, th.dict, 'ID') ?? `rowgroup${nextId++}`;
          th.dict.set(PDFName.of('ID'), PDFString.of(id));
          for (const below of groupRows.slice(r + 1)) for (const td of cellsOf(below).filter((e) => e.type === 'TD')) addHeader(doc, td, id, below, elems);
        });
      });
      return { type: GROUP_TYPES[g.kind], rows: groupRows };
    });
    wrapRows(doc, table, groups);
    grouped++;
  });
  return grouped;
}

/** Replaces the table's TR kids with THead/TBody/TFoot elements holding them, in place. */
function wrapRows(doc: PDFDocument, table: Elem, groups: { type: string; rows: Elem[] }[]): void {
  const all = kids(doc, table.dict);
  const isRow = (k: PDFObject) => groups.some((g) => g.rows.some((r) => resolve(doc.context, k) === r.dict));
  const first = all.findIndex(isRow);
  const made: PDFRef[] = groups
    .filter((g) => g.rows.length > 0)
    .map((g) => {
      const ref = doc.context.register(doc.context.obj({ Type: 'StructElem', S: g.type, P: table.ref! }));
      (doc.context.lookup(ref) as PDFDict).set(PDFName.of('K'), doc.context.obj(g.rows.map((r) => r.ref ?? r.dict)));
      for (const r of g.rows) r.dict.set(PDFName.of('P'), ref);
      return ref;
    });
  const rest = all.filter((k) => !isRow(k));
  rest.splice(first, 0, ...made); // no kid before the first row is a row; with no rows, made is empty
  table.dict.set(PDFName.of('K'), doc.context.obj(rest));
}

/**
 * Adds a header's ID to a cell's /Headers (its Table attributes): after the headers from other
 * rows (the column's) and before those of its own row, the order a reader announces them in.
 */
function addHeader(doc: PDFDocument, cell: Elem, id: string, row: Elem, elems: Elem[]): void {
  const a = resolve(doc.context, cell.dict.get(PDFName.of('A')));
  // Its entries as they stand (references kept, to be written back), and the dictionaries among them.
  const entries = a instanceof PDFArray ? a.asArray() : a ? [a] : [];
  const dicts = entries.map((e) => resolve(doc.context, e)).filter((d): d is PDFDict => d instanceof PDFDict);
  let attrs = dicts.find((d) => d.has(PDFName.of('Headers')));
  if (!attrs) {
    attrs = doc.context.obj({ O: 'Table', Headers: [] });
    cell.dict.set(PDFName.of('A'), doc.context.obj([...entries, attrs]));
  }
  const ids = (resolve(doc.context, attrs.get(PDFName.of('Headers'))) as PDFArray).asArray().flatMap((h) => textOf(resolve(doc.context, h)) ?? []); // an entry that is not a string names no header
  if (ids.includes(id)) return;
  const inRow = (h: string) => elems.some((e) => e.parent === row && getText(doc.context, e.dict, 'ID') === h);
  const ordered = [...ids.filter((h) => !inRow(h)), id, ...ids.filter(inRow)];
  attrs.set(PDFName.of('Headers'), doc.context.obj(ordered.map((h) => PDFString.of(h))));
}
