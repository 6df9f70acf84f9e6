/**
 * Imposition: a finished PDF's pages laid out on printer's sheets. Bytes in, bytes out.
 *
 * - `booklet`: a saddle-stitched booklet. The pages are padded to a multiple of four with blanks,
 *   two pages to a sheet side, in printing order (for 8 pages: [8, 1], [2, 7], [6, 3], [4, 5]).
 *   Print the sides duplex, flipping on the short edge; stack the sheets in order, fold, staple.
 * - `n-up`: 2 or 4 pages to a sheet, in reading order, for proofs and handouts (one-sided).
 *
 * Where the blanks go: a booklet whose page count is not a multiple of four gets its blank pages
 * just before the last page when it has more than four pages, so the back cover stays on the
 * back (10 pages → 1…9, blank, blank, 10); with four pages or fewer they go at the end.
 *
 * Each page is placed at its TrimBox (clipped to it, so facing pages meet at the fold and no bleed
 * or slug shows), else its CropBox/MediaBox, honouring /Rotate; it is scaled down uniformly only
 * if it does not fit its half (or cell) of the sheet, never up. Only the pages' painting travels:
 * links, form fields, the structure tree and bookmarks are not part of an imposed sheet.
 */
import {
  cmyk,
  degrees,
  PageSizes,
  PDFArray,
  PDFDocument,
  PDFHexString,
  PDFName,
  PDFNumber,
  PDFString,
  type PDFEmbeddedPage,
  type PDFPage,
} from 'pdf-lib';
import { diagnostic, fail, type Diagnostic } from '../util/diagnostics.ts';

export type SheetSize = 'tabloid' | 'a3' | 'letter' | 'a4' | 'auto';

export interface ImposeOptions {
  mode: 'booklet' | 'n-up';
  /** Pages per sheet for mode 'n-up' (default 2). */
  nUp?: 2 | 4;
  /**
   * The sheet (default 'auto'). 'auto' is the sheet that holds two pages side by side for a
   * booklet or 2-up (letter pages → tabloid, A4 pages → A3), and the size of one page for 4-up.
   * A named sheet is turned landscape or portrait, whichever prints the pages larger.
   */
  sheet?: SheetSize;
  /**
   * Fold marks on booklet sheets: short dashed lines on the centre line, in the margin above and
   * below the pages. Left unset, they are drawn where the sheet has a margin for them; set to
   * true, a sheet without one gets an `impose/no-room-for-marks` warning. n-up sheets have none.
   */
  marks?: boolean;
}

export interface Imposed {
  pdf: Uint8Array;
  /** Physical sheets: a booklet sheet has two sides; an n-up sheet is printed on one. */
  sheets: number;
  /** Pages of the imposed PDF. */
  sides: number;
  /** Empty places: blank booklet pages, or empty n-up cells. */
  blanks: number;
  /** Per sheet side: 1-based page numbers left to right, top to bottom; null for a blank. */
  order: (number | null)[][];
  /** The sheet used, in points (portrait or landscape as printed). */
  sheet: { name: string; width: number; height: number };
  /** Warnings: pages scaled down to fit, no room for marks. */
  diagnostics: Diagnostic[];
}

/** Portrait sizes in points. */
export const SHEET_SIZES: Record<Exclude<SheetSize, 'auto'>, readonly [number, number]> = {
  tabloid: PageSizes.Tabloid,
  a3: PageSizes.A3,
  letter: PageSizes.Letter,
  a4: PageSizes.A4,
};

/** Space between n-up cells and around them, in points (¼ in). */
const GUTTER = 18;
/** A page this little too big for its place (in points) is placed at full size anyway. */
const FIT_TOLERANCE = 0.5;
/** An 'auto' sheet this close to a named one (in points) is the named one. */
const SNAP_TOLERANCE = 1;
/** Fold marks: distance from the page, length, shortest worth drawing, line width (points). */
const MARK = { gap: 4.5, length: 18, shortest: 6, width: 0.3 };

// ---------------------------------------------------------------------------------------------
// Page order

/**
 * A booklet's pages in reading order, padded with blanks (null) to a multiple of four: the blanks
 * go just before the back cover when there are more than four pages, else at the end.
 */
export function bookletPages(pageCount: number): (number | null)[] {
  checkCount(pageCount);
  const padded = Math.ceil(pageCount / 4) * 4;
  const blanks = Array<null>(padded - pageCount).fill(null);
  const pages = Array.from({ length: pageCount }, (_, i) => i + 1);
  if (pageCount > 4 && blanks.length) return [...pages.slice(0, -1), ...blanks, pageCount];
  return [...pages, ...blanks];
}

/**
 * Sheet sides in printing order, each [left, right]: sheet 1 front [n, 1], back [2, n−1], sheet 2
 * front [n−2, 3], back [4, n−3], … where n is the padded count; null is a blank page.
 */
export function bookletOrder(pageCount: number): (number | null)[][] {
  const seq = bookletPages(pageCount);
  const n = seq.length;
  // Sheet k (from 0) takes two pages from each end of seq: the outermost sheet the outermost pages.
  return Array.from({ length: n / 4 }, (_, k) => [
    [seq[n - 1 - 2 * k]!, seq[2 * k]!],
    [seq[2 * k + 1]!, seq[n - 2 - 2 * k]!],
  ]).flat();
}

/** n-up sheets in reading order, each `perSheet` cells long; the last one padded with null. */
export function nUpOrder(pageCount: number, perSheet: number): (number | null)[][] {
  checkCount(pageCount);
  return Array.from({ length: Math.ceil(pageCount / perSheet) }, (_, sheet) =>
    Array.from({ length: perSheet }, (_, i) => {
      const page = sheet * perSheet + i + 1;
      return page <= pageCount ? page : null;
    }),
  );
}

function checkCount(pageCount: number): void {
  if (!Number.isInteger(pageCount) || pageCount < 0) throw new RangeError(`A page count must be a whole number ≥ 0, not ${pageCount}.`);
}

// ---------------------------------------------------------------------------------------------
// Geometry

interface Box {
  left: number;
  bottom: number;
  right: number;
  top: number;
}

/** What of a source page is placed: a box in its user space, and its /Rotate. */
interface Placed {
  box: Box;
  rotate: 0 | 90 | 180 | 270;
  /** The size as seen (after rotation), in points. */
  width: number;
  height: number;
}

interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

interface Layout {
  cols: number;
  rows: number;
  /** Booklet pages meet at the centre line; n-up pages sit in the middle of their cells. */
  booklet: boolean;
}

function readBox(page: PDFPage, key: 'MediaBox' | 'CropBox' | 'TrimBox'): Box | undefined {
  try {
    const arr = page.node[key]();
    if (!(arr instanceof PDFArray) || arr.size() !== 4) return undefined;
    const [x1, y1, x2, y2] = [0, 1, 2, 3].map((i) => arr.lookup(i, PDFNumber).asNumber()) as [number, number, number, number];
    const box = { left: Math.min(x1, x2), bottom: Math.min(y1, y2), right: Math.max(x1, x2), top: Math.max(y1, y2) };
    return box.right > box.left && box.top > box.bottom ? box : undefined;
  } catch {
    return undefined;
  }
}

function intersect(a: Box, b: Box | undefined): Box {
  if (!b) return a;
  const box = { left: Math.max(a.left, b.left), bottom: Math.max(a.bottom, b.bottom), right: Math.min(a.right, b.right), top: Math.min(a.top, b.top) };
  return box.right > box.left && box.top > box.bottom ? box : a;
}

/** The TrimBox (within the CropBox and MediaBox), else the CropBox, else the MediaBox. */
function placedBox(page: PDFPage): Placed {
  const media = readBox(page, 'MediaBox') ?? { left: 0, bottom: 0, right: PageSizes.Letter[0], top: PageSizes.Letter[1] };
  const crop = intersect(media, readBox(page, 'CropBox'));
  const box = intersect(crop, readBox(page, 'TrimBox'));
  const r = ((Math.round((page.getRotation().angle ?? 0) / 90) * 90) % 360 + 360) % 360;
  const rotate = r as Placed['rotate'];
  const w = box.right - box.left;
  const h = box.top - box.bottom;
  return rotate % 180 ? { box, rotate, width: h, height: w } : { box, rotate, width: w, height: h };
}

/** The places on a sheet, in reading order (left to right, top to bottom). */
function cells(layout: Layout, width: number, height: number): Rect[] {
  if (layout.booklet) {
    return [
      { x: 0, y: 0, width: width / 2, height },
      { x: width / 2, y: 0, width: width / 2, height },
    ];
  }
  const { cols, rows } = layout;
  const w = (width - GUTTER * (cols + 1)) / cols;
  const h = (height - GUTTER * (rows + 1)) / rows;
  return Array.from({ length: cols * rows }, (_, i) => {
    const [r, c] = [Math.floor(i / cols), i % cols];
    return { x: GUTTER + c * (w + GUTTER), y: height - (r + 1) * (h + GUTTER), width: w, height: h };
  });
}

function fitScale(w: number, h: number, cell: Rect): number {
  if (w <= cell.width + FIT_TOLERANCE && h <= cell.height + FIT_TOLERANCE) return 1;
  return Math.max(0, Math.min(1, cell.width / w, cell.height / h));
}

/** The sheet, as printed (landscape or portrait). */
function chooseSheet(sheet: SheetSize, layout: Layout, pageW: number, pageH: number): Imposed['sheet'] {
  if (sheet === 'auto') {
    // Booklet/2-up: two pages side by side; 4-up: one page's size (a 2×2 grid has its shape).
    const width = layout.rows === 1 ? layout.cols * pageW : pageW;
    const height = pageH;
    for (const [name, [a, b]] of Object.entries(SHEET_SIZES)) {
      for (const [w, h] of [[a, b], [b, a]] as const) {
        if (Math.abs(w - width) <= SNAP_TOLERANCE && Math.abs(h - height) <= SNAP_TOLERANCE) return { name, width: w, height: h };
      }
    }
    return { name: `${round(width)}×${round(height)} pt`, width, height };
  }
  const [a, b] = SHEET_SIZES[sheet];
  // The cells of a layout are all one size, so the first tells the scale.
  const scaleOn = (w: number, h: number) => fitScale(pageW, pageH, cells(layout, w, h)[0]!);
  const portrait = scaleOn(a, b);
  const landscape = scaleOn(b, a);
  const preferLandscape = layout.cols * pageW >= layout.rows * pageH;
  const useLandscape = Math.abs(landscape - portrait) < 1e-9 ? preferLandscape : landscape > portrait;
  return useLandscape ? { name: sheet, width: b, height: a } : { name: sheet, width: a, height: b };
}

const round = (n: number) => Math.round(n * 100) / 100;

// ---------------------------------------------------------------------------------------------
// Imposing

function checkOptions(options: ImposeOptions): { layout: Layout; label: string; sheet: SheetSize; marks: boolean | undefined } {
  const invalid = (option: string, reason: string): never => fail('config/invalid', { option, reason });
  const sheet = options.sheet ?? 'auto';
  if (sheet !== 'auto' && !Object.hasOwn(SHEET_SIZES, sheet)) invalid('sheet', `"${sheet}" is not one of tabloid, a3, letter, a4, auto`);
  if (options.marks !== undefined && typeof options.marks !== 'boolean') invalid('marks', 'must be true or false');
  if (options.mode === 'booklet') return { layout: { cols: 2, rows: 1, booklet: true }, label: 'booklet', sheet, marks: options.marks };
  if (options.mode !== 'n-up') return invalid('mode', `"${String(options.mode)}" is not booklet or n-up`);
  const n = options.nUp ?? 2;
  if (n !== 2 && n !== 4) invalid('nUp', `${String(n)} pages per sheet is not 2 or 4`);
  return { layout: n === 2 ? { cols: 2, rows: 1, booklet: false } : { cols: 2, rows: 2, booklet: false }, label: `${n}-up`, sheet, marks: false };
}

async function load(input: Uint8Array): Promise<PDFDocument> {
  let doc: PDFDocument;
  try {
    // Loaded ignoring encryption only to ask whether it is encrypted (pdf-lib's own error for it
    // cannot be told apart with instanceof).
    doc = await PDFDocument.load(input, { updateMetadata: false, ignoreEncryption: true });
  } catch (e) {
    fail('impose/unreadable', { reason: (e as Error).message }, {}, e);
  }
  // pdf-lib cannot decrypt, even with no password: the strings and streams would be garbage.
  if (doc.isEncrypted) fail('impose/encrypted');
  return doc;
}

/** Page entries an embedded page needs; the rest (links, structure, thumbnails…) would only be copied along unused. */
const KEEP = new Set(['Type', 'Parent', 'Contents', 'Resources', 'MediaBox', 'CropBox', 'BleedBox', 'TrimBox', 'ArtBox', 'Rotate', 'Group']);

function prune(page: PDFPage): void {
  for (const key of page.node.keys()) if (!KEEP.has(key.decodeText())) page.node.delete(key);
}

/** Draws a page's box with its lower-left corner (as seen, after /Rotate) at (x, y), scaled by s. */
function draw(sheet: PDFPage, page: PDFEmbeddedPage, placed: Placed, x: number, y: number, s: number): void {
  const w = page.width * s;
  const h = page.height * s;
  const at = {
    0: { x, y, rotate: 0 },
    90: { x, y: y + w, rotate: -90 },
    180: { x: x + w, y: y + h, rotate: 180 },
    270: { x: x + h, y, rotate: 90 },
  }[placed.rotate];
  sheet.drawPage(page, { x: at.x, y: at.y, xScale: s, yScale: s, rotate: degrees(at.rotate) });
}

/**
 * Imposes a PDF: a saddle-stitched booklet, or 2 or 4 pages to a sheet. The result is the imposed
 * PDF with its sheet order; problems are FolioErrors with `impose/…` codes.
 */
export async function imposePdf(input: Uint8Array, options: ImposeOptions): Promise<Imposed> {
  const { layout, label, sheet: sheetOption, marks } = checkOptions(options);
  const src = await load(input);
  const pages = pagesOf(src);
  try {
    const placed = pages.map(placedBox);
    const pageW = Math.max(...placed.map((p) => p.width));
    const pageH = Math.max(...placed.map((p) => p.height));
    const sheet = chooseSheet(sheetOption, layout, pageW, pageH);
    const order = layout.booklet ? bookletOrder(pages.length) : nUpOrder(pages.length, layout.cols * layout.rows);
    const diagnostics: Diagnostic[] = [];
    const out = await PDFDocument.create({ updateMetadata: false });
    const embedded = await embed(out, pages, placed);
    const { sides, smallest, top, bottom } = placeSides(order, placed, layout, sheet);
    if (layout.booklet && smallest < 1) {
      diagnostics.push(diagnostic('impose/scaled', { sheet: sheet.name, scale: `${Math.floor(smallest * 1000) / 10}%` }));
    }
    const room = Math.min(sheet.height - top, bottom) - MARK.gap;
    const drawMarks = layout.booklet && marks !== false && room >= MARK.shortest;
    if (layout.booklet && marks === true && !drawMarks) diagnostics.push(diagnostic('impose/no-room-for-marks', { sheet: sheet.name }));
    for (const side of sides) {
      const page = out.addPage([sheet.width, sheet.height]);
      for (const item of side) {
        const form = item && embedded.get(item.n - 1);
        if (item && form) draw(page, form, placed[item.n - 1]!, item.x, item.y, item.s);
      }
      if (drawMarks) drawFoldMarks(page, sheet.width / 2, top, bottom, Math.min(MARK.length, room));
    }
    copyMetadata(src, out, label);
    const pdf = await out.save();
    const blanks = order.reduce((sum, side) => sum + side.filter((n) => n === null).length, 0);
    return { pdf, sheets: layout.booklet ? order.length / 2 : order.length, sides: order.length, blanks, order, sheet, diagnostics };
  } catch (e) {
    // Nothing in here throws a FolioError: whatever is thrown is pdf-lib's (or a bug's).
    fail('impose/failed', { reason: (e as Error).message }, {}, e);
  }
}

function pagesOf(src: PDFDocument): PDFPage[] {
  let pages: PDFPage[];
  try {
    pages = src.getPages();
  } catch (e) {
    fail('impose/unreadable', { reason: (e as Error).message }, {}, e);
  }
  if (pages.length === 0) fail('impose/no-pages');
  return pages;
}

/** Each page as a form in the output, by index; a page without content is drawn as nothing (pdf-lib cannot embed it). */
async function embed(out: PDFDocument, pages: PDFPage[], placed: Placed[]): Promise<Map<number, PDFEmbeddedPage>> {
  const drawable = pages.map((p, i) => i).filter((i) => pages[i]!.node.Contents() !== undefined);
  for (const i of drawable) prune(pages[i]!);
  const embedded = new Map<number, PDFEmbeddedPage>();
  const forms = await out.embedPages(
    drawable.map((i) => pages[i]!),
    drawable.map((i) => placed[i]!.box),
  );
  drawable.forEach((i, k) => embedded.set(i, forms[k]!));
  return embedded;
}

/** Where each page goes on its side, and the pages' extent on every side (the marks need it). */
function placeSides(order: (number | null)[][], placed: Placed[], layout: Layout, sheet: { width: number; height: number }) {
  const places = cells(layout, sheet.width, sheet.height);
  let smallest = 1;
  let top = 0;
  let bottom = sheet.height;
  const sides = order.map((side) =>
    side.map((n, c) => {
      if (n === null) return null;
      const p = placed[n - 1]!;
      const cell = places[c]!;
      const s = fitScale(p.width, p.height, cell);
      smallest = Math.min(smallest, s);
      const w = p.width * s;
      const h = p.height * s;
      const x = layout.booklet ? (c === 0 ? cell.x + cell.width - w : cell.x) : cell.x + (cell.width - w) / 2;
      const y = cell.y + (cell.height - h) / 2;
      top = Math.max(top, y + h);
      bottom = Math.min(bottom, y);
      return { n, x, y, s };
    }),
  );
  return { sides, smallest, top, bottom };
}

/** The fold line, dashed, above and below the pages. */
function drawFoldMarks(page: PDFPage, x: number, top: number, bottom: number, length: number): void {
  const line = { thickness: MARK.width, color: cmyk(0, 0, 0, 1), dashArray: [3, 2] };
  page.drawLine({ start: { x, y: top + MARK.gap }, end: { x, y: top + MARK.gap + length }, ...line });
  page.drawLine({ start: { x, y: bottom - MARK.gap }, end: { x, y: bottom - MARK.gap - length }, ...line });
}

/**
 * The input's metadata, kept: the title marked "(booklet)", "(2-up)" or "(4-up)"; author, subject,
 * keywords, creator, producer, dates and language as they were (so the same input gives the same
 * bytes out).
 */
function copyMetadata(src: PDFDocument, out: PDFDocument, label: string): void {
  const info = (src as unknown as { getInfoDict(): { lookup(key: PDFName): unknown } }).getInfoDict();
  const text = (key: string): string | undefined => {
    const v = info.lookup(PDFName.of(key));
    return v instanceof PDFString || v instanceof PDFHexString ? v.decodeText() : undefined;
  };
  const title = text('Title');
  if (title) out.setTitle(`${title} (${label})`, { showInWindowTitleBar: true });
  const outInfo = (out as unknown as { getInfoDict(): { set(key: PDFName, value: PDFHexString): void } }).getInfoDict();
  for (const key of ['Author', 'Subject', 'Keywords', 'Creator']) {
    const v = text(key);
    if (v) outInfo.set(PDFName.of(key), PDFHexString.fromText(v));
  }
  out.setProducer(text('Producer') ?? 'folio');
  const created = safe(() => src.getCreationDate());
  const modified = safe(() => src.getModificationDate());
  if (created) out.setCreationDate(created);
  if (modified ?? created) out.setModificationDate((modified ?? created)!);
  const lang = src.catalog.lookup(PDFName.of('Lang'));
  if (lang instanceof PDFString || lang instanceof PDFHexString) out.setLanguage(lang.decodeText());
}

function safe<T>(fn: () => T): T | undefined {
  try {
    return fn();
  } catch {
    return undefined;
  }
}
