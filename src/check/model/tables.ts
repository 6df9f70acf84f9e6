/**
 * Tables laid out as grids, as veraPDF's GFSETable does for PDF/UA-1: rows from TR (also inside
 * THead, TBody, TFoot), cells placed by RowSpan and ColSpan; the first irregularity ends the
 * layout. When the grid is regular and not every TH has a Scope, each TD must have its headers
 * determinable (Headers naming TH IDs, or a scoped TH above it or to its left); the first TD
 * that has not is the one reported.
 */
import { PDFHexString, PDFNumber, PDFString, type PDFContext } from 'pdf-lib';
import { items, nameOf, rawString } from '../../pdf/cos.ts';
import { getAttribute, type StructElem, type StructTree } from '../../pdf/struct-tree.ts';
import type { Where } from '../rule.ts';
import { whereElem, type ElemFacts } from './structure.ts';

export interface TableFacts {
  e: StructElem;
  where: Where;
  /** Rows the first column spans, and columns the first row spans. */
  rows: number;
  columns: number;
  /** A TR beyond the rows the first column spans (0-based). */
  rowBeyond?: number;
  /** A column (0-based) in which a cell's RowSpan runs past the last row. */
  columnWithWrongRowSpan?: number;
  /** A row (0-based) that spans more columns than the first (wrongColumnSpan absent) or fewer. */
  rowWithWrongColumnSpan?: number;
  /** How many columns that row spans, when fewer than the first. */
  wrongColumnSpan?: number;
}

export interface CellFacts {
  e: StructElem;
  where: Where;
  table: StructElem;
  /** The cell overlaps another one. */
  hasIntersection: boolean;
  /** For the TD whose headers were looked for: whether they were found. */
  hasConnectedHeader?: boolean;
  /** Headers IDs that no TH of the table has. */
  unknownHeaders: string[];
  /** Paths of TH cells without Scope (for the message). */
  unscopedHeaders: string[];
}

type Grid = (CellFacts | undefined)[][];

export function readTables(ctx: PDFContext, tree: StructTree | null, elements: ElemFacts[]): { Table: TableFacts[]; TableCell: CellFacts[] } {
  const tables: TableFacts[] = [];
  const cells: CellFacts[] = [];
  if (!tree) return { Table: tables, TableCell: cells };
  for (const { e } of elements) {
    if (e.standardType !== 'Table') continue;
    const layout = new Layout(ctx, tree, e);
    tables.push(layout.table);
    cells.push(...layout.cells);
  }
  return { Table: tables, TableCell: cells };
}

const isCell = (e: StructElem) => e.standardType === 'TH' || e.standardType === 'TD';

class Layout {
  readonly table: TableFacts;
  readonly cells: CellFacts[] = [];
  private readonly origin = new Map<CellFacts, [number, number]>();

  constructor(
    private readonly ctx: PDFContext,
    private readonly tree: StructTree,
    e: StructElem,
  ) {
    const rows = rowsOf(e);
    this.table = { e, where: whereElem(e), rows: this.countRows(rows), columns: 0 };
    if (this.table.rows === 0) return;
    for (const c of rows[0]!.kids) if (isCell(c)) this.table.columns += this.span(c, 'ColSpan');
    // The first column's spans reach past the last TR (RowSpan 5 in a table of 3 rows): its
    // column spans more rows than the others. veraPDF's layout would first meet a row that then
    // seems too wide (7.2-42); the cause is the row span (7.2-41), as the corpus file for 7.2-41 says.
    if (rows.length < this.table.rows) {
      this.table.columnWithWrongRowSpan = 0;
      return;
    }
    const grid: Grid = Array.from({ length: this.table.rows }, () => new Array(this.table.columns));
    if (this.place(rows, grid) && this.complete(grid)) this.findHeaders(grid);
  }

  private span(e: StructElem, key: 'RowSpan' | 'ColSpan'): number {
    const v = getAttribute(this.ctx, this.tree.root, e.dict, 'Table', key);
    return v instanceof PDFNumber && v.asNumber() >= 1 ? Math.floor(v.asNumber()) : 1;
  }

  private countRows(rows: StructElem[]): number {
    let n = 0;
    for (let r = 0; r < rows.length; r++) {
      const first = rows[r]!.kids.find(isCell);
      if (!first) continue;
      const rs = this.span(first, 'RowSpan');
      n += rs;
      if (rs > 1) r += rs - 1;
    }
    return n;
  }

  /** Places every cell; false at the first irregularity (recorded on the table or the cells). */
  private place(rows: StructElem[], grid: Grid): boolean {
    const t = this.table;
    for (let r = 0; r < rows.length; r++) {
      let c = 0;
      for (const e of rows[r]!.kids.filter(isCell)) {
        const cs = this.span(e, 'ColSpan');
        const rs = this.span(e, 'RowSpan');
        if (r >= t.rows) return ((t.rowBeyond = r), false);
        while (c < t.columns && grid[r]![c] !== undefined) c++;
        if (c + cs > t.columns) return ((t.rowWithWrongColumnSpan = r), false);
        if (r + rs > t.rows) return ((t.columnWithWrongRowSpan = c), false);
        const cell: CellFacts = { e, where: whereElem(e), table: t.e, hasIntersection: false, unknownHeaders: [], unscopedHeaders: [] };
        this.cells.push(cell);
        this.origin.set(cell, [r, c]);
        if (!this.occupy(grid, cell, r, c, rs, cs)) return false;
        c += cs;
      }
    }
    return true;
  }

  private occupy(grid: Grid, cell: CellFacts, r: number, c: number, rs: number, cs: number): boolean {
    for (let i = 0; i < rs; i++) {
      for (let j = 0; j < cs; j++) {
        const other = grid[r + i]![c + j];
        if (other) {
          cell.hasIntersection = other.hasIntersection = true;
          return false;
        }
        grid[r + i]![c + j] = cell;
      }
    }
    return true;
  }

  private complete(grid: Grid): boolean {
    for (let r = 0; r < grid.length; r++) {
      const filled = grid[r]!.filter((x) => x !== undefined).length;
      if (filled < this.table.columns) {
        this.table.rowWithWrongColumnSpan = r;
        this.table.wrongColumnSpan = filled;
        return false;
      }
    }
    return true;
  }

  private scopeOf(e: StructElem): string | undefined {
    return nameOf(getAttribute(this.ctx, this.tree.root, e.dict, 'Table', 'Scope'));
  }

  /** 7.5: every TH scoped passes; else the first TD without determinable headers is marked. */
  private findHeaders(grid: Grid): void {
    const ths = this.cells.filter((c) => c.e.standardType === 'TH');
    const ids = new Set(ths.map((c) => c.e.id).filter((x): x is string => !!x));
    const unscoped = ths.filter((c) => this.scopeOf(c.e) === undefined);
    if (unscoped.length === 0) return;
    for (const cell of this.cells) {
      if (cell.e.standardType !== 'TD') continue;
      const [r, c] = this.origin.get(cell)!;
      const headers = items(this.ctx, getAttribute(this.ctx, this.tree.root, cell.e.dict, 'Table', 'Headers'))
        .filter((h): h is PDFString | PDFHexString => h instanceof PDFString || h instanceof PDFHexString)
        .map(rawString);
      const known = headers.length > 0 && headers.every((h) => ids.has(h));
      const end: [number, number] = [r + this.span(cell.e, 'RowSpan'), c + this.span(cell.e, 'ColSpan')];
      cell.hasConnectedHeader = known || this.scopedHeader(grid, r, c, end);
      if (cell.hasConnectedHeader) continue;
      cell.unknownHeaders = headers.filter((h) => !ids.has(h));
      cell.unscopedHeaders = unscoped.slice(0, 3).map((x) => x.e.path);
      return; // veraPDF stops at the first such cell of a table
    }
  }

  private scoped(cell: CellFacts | undefined, want: 'Row' | 'Column'): boolean {
    if (cell?.e.standardType !== 'TH') return false;
    const s = this.scopeOf(cell.e);
    return s === 'Both' || s === want;
  }

  /** A TH with a matching Scope above the cell in its columns, or left of it in its rows. */
  private scopedHeader(grid: Grid, r0: number, c0: number, [r1, c1]: [number, number]): boolean {
    const look = (cellAt: (k: number) => CellFacts | undefined, from: number, want: 'Row' | 'Column') => {
      let header = false;
      for (let k = from; k >= 0; k--) {
        const x = cellAt(k);
        if (this.scoped(x, want)) return true;
        if (x?.e.standardType === 'TH') header = true;
        else if (header) break;
      }
      return false;
    };
    for (let c = c0; r0 > 0 && c < c1; c++) if (look((k) => grid[k]![c], r0 - 1, 'Column')) return true;
    for (let r = r0; c0 > 0 && r < r1; r++) if (look((k) => grid[r]![k], c0 - 1, 'Row')) return true;
    return false;
  }
}

/** The table's rows: TR kids, and the TR kids of its THead, TBody and TFoot. */
function rowsOf(table: StructElem): StructElem[] {
  const rows: StructElem[] = [];
  for (const k of table.kids) {
    if (k.standardType === 'TR') rows.push(k);
    else if (k.standardType === 'THead' || k.standardType === 'TBody' || k.standardType === 'TFoot') {
      for (const r of k.kids) if (r.standardType === 'TR') rows.push(r);
    }
  }
  return rows;
}
