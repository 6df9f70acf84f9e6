/**
 * `folio diff OLD.pdf NEW.pdf`: exactly what changed between two builds of a report.
 *
 * - Text: each page's words (poppler's `pdftotext -layout`), diffed word by word (jsdiff). A hunk
 *   whose words hold digits is a figure change, unless the digits are only the running footer's
 *   "n of N" (reported as text, never as a figure) or a contents entry's page number following a
 *   section that moved.
 * - Pixels: every page of both files rendered by `pdftoppm` and compared with pixelmatch; each page
 *   that differs gets a side-by-side PNG (old | differences | new) in the output folder.
 * - Pages are paired by their text first (so an inserted page is one added page, not a cascade of
 *   changed ones), then position by position inside each run that differs.
 * - Navigation: whether text moved across page boundaries (a correction changed the page breaks),
 *   which bookmarks now point at another page, and which page labels changed.
 *
 * Writes `summary.json` (the DiffReport), `summary.md` and the PNGs to the output folder,
 * atomically (all or nothing).
 */
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, open, readdir, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { diffArrays } from 'diff';
import pixelmatch from 'pixelmatch';
import { PNG } from 'pngjs';
import { PDFArray, PDFDict, PDFDocument, PDFHexString, PDFName, PDFNumber, PDFRef, PDFString, type PDFObject } from 'pdf-lib';
import { fail, isFolioError } from './diagnostics.ts';
import { outlineItems } from './pdf/navigation.ts';
import { pageNumbers, readDestinations } from './pdf/objects.ts';
import { get, getDict, getName, getNumber, getText, rawString, readNumberTree, resolve } from './pdf/struct-tree.ts';
import { writeOutputs, type OutputFile } from './write-output.ts';

export interface PageChange {
  /** 1-based, in NEW (or in OLD for removed pages). */
  page: number;
  /** The page it was compared with in OLD, when that is another number (pages were added or removed before it). */
  oldPage?: number;
  status: 'changed' | 'added' | 'removed';
  /** Word-level hunks: runs of removed and added words. */
  text: { removed: string[]; added: string[] }[];
  /** Hunks where a number or amount changed ("$4,356K" → "$4,400K", "2,159" → "2,160"). */
  figures: { old: string; new: string }[];
  /** Differing pixels at the compared resolution (0 when only text was compared). */
  pixels: number;
  /** The side-by-side diff PNG (old | diff | new), when pixels > 0. */
  image?: string;
  /** The page sizes in points, when they differ (the pages are then not compared pixel by pixel). */
  size?: { old: [number, number]; new: [number, number] };
}

export interface DiffReport {
  oldFile: string;
  newFile: string;
  pages: { old: number; new: number };
  /** Only pages that differ. */
  changed: PageChange[];
  /** Text moved between pages (a correction changed page breaks), or the page count changed. */
  pageBreaksMoved: boolean;
  /** Bookmark (contents) entries whose page changed; `old`/`new` are the pages' labels (their printed numbers). */
  contents: { title: string; old?: string; new?: string }[];
  /** Page labels that changed, by physical page. */
  pageLabels: { page: number; old?: string; new?: string }[];
  /** One paragraph for people. */
  summary: string;
}

export interface DiffOptions {
  /** Where the PNGs, summary.json and summary.md go (default out/diff). */
  outDir?: string;
  /** Resolution pages are compared at (default 50). */
  dpi?: number;
  /** pixelmatch's colour threshold, 0–1 (default 0.1; smaller is more sensitive). */
  threshold?: number;
}

export async function diffPdfs(oldPdf: string, newPdf: string, options: DiffOptions = {}): Promise<DiffReport> {
  const outDir = options.outDir ?? path.join('out', 'diff');
  const dpi = options.dpi ?? 50;
  const threshold = options.threshold ?? 0.1;
  if (!Number.isFinite(dpi) || dpi < 1 || dpi > 1200) fail('diff/bad-option', { option: 'dpi', reason: `${dpi} is not a resolution from 1 to 1200` });
  if (!Number.isFinite(threshold) || threshold < 0 || threshold > 1) fail('diff/bad-option', { option: 'threshold', reason: `${threshold} is not from 0 to 1` });

  const tmp = await mkdtemp(path.join(os.tmpdir(), 'folio-diff-'));
  try {
    const [a, b] = await Promise.all([readSide(oldPdf), readSide(newPdf)]);
    // Render while the text is compared.
    const renders = Promise.all([render(a.file, dpi, path.join(tmp, 'old')), render(b.file, dpi, path.join(tmp, 'new'))]);
    renders.catch(() => {}); // awaited below; no unhandled rejection meanwhile

    const contents = contentsChanges(a, b);
    const pageLabels = labelChanges(a, b);
    const pageRefs = new Set(contents.filter((c) => c.old !== undefined && c.new !== undefined).map((c) => `${c.old}\u0000${c.new}`));
    const pairs = alignPages(a, b);
    const pageBreaksMoved = a.count !== b.count || textMovedAcrossPages(a, b, pairs);

    const [oldPngs, newPngs] = await renders;
    const changed: PageChange[] = [];
    const files: OutputFile[] = [];
    for (const pair of pairs) {
      if (pair.new === undefined) {
        const words = a.pages[pair.old!]!.map((t) => t.text);
        changed.push({ page: pair.old! + 1, status: 'removed', text: words.length ? [{ removed: words, added: [] }] : [], figures: [], pixels: 0 });
        continue;
      }
      if (pair.old === undefined) {
        const words = b.pages[pair.new]!.map((t) => t.text);
        changed.push({ page: pair.new + 1, status: 'added', text: words.length ? [{ removed: [], added: words }] : [], figures: [], pixels: 0 });
        continue;
      }
      const page = pair.new + 1;
      const hunks = hunksOf(a.pages[pair.old]!, b.pages[pair.new]!);
      const figures = hunks.map((h) => figureOf(h, pageRefs)).filter((f): f is { old: string; new: string } => f !== undefined);
      const change: PageChange = {
        page,
        status: 'changed',
        text: hunks.map((h) => ({ removed: h.removed.map((t) => t.text), added: h.added.map((t) => t.text) })),
        figures,
        pixels: 0,
      };
      if (pair.old !== pair.new) change.oldPage = pair.old + 1;
      const [sa, sb] = [a.sizes[pair.old]!, b.sizes[pair.new]!];
      const oldPng = oldPngs.get(pair.old + 1);
      const newPng = newPngs.get(pair.new + 1);
      if (!sameSize(sa, sb)) {
        change.size = { old: sa, new: sb };
      } else if (oldPng && newPng) {
        const compared = comparePngs(PNG.sync.read(await readFile(oldPng)), PNG.sync.read(await readFile(newPng)), threshold);
        if (compared === 'size') change.size = { old: sa, new: sb };
        else if (compared.pixels > 0) {
          change.pixels = compared.pixels;
          change.image = path.join(outDir, `page-${String(page).padStart(3, '0')}.png`);
          files.push({ file: change.image, bytes: compared.png });
        }
      }
      if (change.text.length || change.pixels || change.size) changed.push(change);
    }
    changed.sort((x, y) => x.page - y.page || order(x.status) - order(y.status));

    const report: DiffReport = {
      oldFile: oldPdf,
      newFile: newPdf,
      pages: { old: a.count, new: b.count },
      changed,
      pageBreaksMoved,
      contents,
      pageLabels,
      summary: '',
    };
    report.summary = summarise(report, dpi);
    files.push({ file: path.join(outDir, 'summary.json'), bytes: `${JSON.stringify(report, null, 2)}\n` });
    files.push({ file: path.join(outDir, 'summary.md'), bytes: markdown(report) });
    await writeOutputs(files);
    await removeStaleImages(outDir, new Set(files.map((f) => path.basename(f.file))));
    return report;
  } catch (e) {
    if (isFolioError(e)) throw e;
    fail('diff/failed', { reason: e instanceof Error ? e.message : String(e) }, {}, e);
  } finally {
    await rm(tmp, { recursive: true, force: true });
  }
}

// ---------------------------------------------------------------------------------------------
// Reading each file

interface Token {
  text: string;
  /** Part of the running footer's "n of N": not a figure, and not part of the page's identity. */
  folio: boolean;
}

interface Side {
  file: string;
  count: number;
  /** Words per page (0-based page index). */
  pages: Token[][];
  /** Page sizes in points (CropBox, as viewers and pdftoppm show them). */
  sizes: [number, number][];
  /** Page labels per page (undefined when the file has none). */
  labels: (string | undefined)[];
  /** Bookmarks in order, with the 1-based page each leads to. */
  outline: { title: string; page?: number }[];
}

async function readSide(file: string): Promise<Side> {
  let bytes: Uint8Array;
  try {
    const handle = await open(file, 'r');
    try {
      bytes = await handle.readFile();
    } finally {
      await handle.close();
    }
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    if (err.code === 'ENOENT') fail('diff/missing', {}, { file }, e);
    fail('diff/unreadable', { file, reason: `${err.message}.` }, { file }, e);
  }
  if (!Buffer.from(bytes.subarray(0, 1024)).toString('latin1').includes('%PDF-')) fail('diff/not-pdf', { file }, { file });

  let doc: PDFDocument;
  try {
    doc = await PDFDocument.load(bytes, { updateMetadata: false });
  } catch (e) {
    const reason = (e as Error).name === 'EncryptedPDFError' ? 'it is encrypted.' : `${(e as Error).message}`;
    fail('diff/unreadable', { file, reason }, { file }, e);
  }
  const count = doc.getPageCount();
  if (count === 0) fail('diff/unreadable', { file, reason: 'it has no pages.' }, { file });

  const text = await tool('pdftotext', ['-layout', '-enc', 'UTF-8', file, '-'], file);
  const texts = text.split('\f');
  const pages = Array.from({ length: count }, (_, i) => tokenize(texts[i] ?? ''));
  const sizes = doc.getPages().map((p) => {
    const box = p.getCropBox();
    const rotated = p.getRotation().angle % 180 !== 0;
    const [w, h] = [round(box.width), round(box.height)];
    return (rotated ? [h, w] : [w, h]) as [number, number];
  });
  const labels = readPageLabels(doc);
  return { file, count, pages, sizes, labels, outline: readOutline(doc) };
}

async function tool(cmd: string, args: string[], file: string): Promise<string> {
  try {
    return (await run(cmd, args, { maxBuffer: 256 << 20, encoding: 'utf8' })).stdout;
  } catch (e) {
    const err = e as NodeJS.ErrnoException & { stderr?: string };
    if (err.code === 'ENOENT') fail('diff/no-poppler', { tool: cmd }, {}, e);
    const detail = (err.stderr || err.message).trim().split('\n')[0] ?? '';
    fail('diff/unreadable', { file, reason: `${cmd} failed: ${detail}` }, { file }, e);
  }
}

const run = promisify(execFile);
const round = (n: number) => Math.round(n * 100) / 100;
const sameSize = (x: [number, number], y: [number, number]) => Math.abs(x[0] - y[0]) < 0.5 && Math.abs(x[1] - y[1]) < 0.5;
const order = (s: PageChange['status']) => ({ removed: 0, changed: 1, added: 2 })[s];

const OPENING = /^[(\[{“‘"'«]+/;
const CLOSING = /[.,;:!?)\]}”’"'»…]+$/;
const FOLIO_NUMBER = /^(\d+|[ivxlcdm]+)$/i;

/**
 * A page's words, in pdftotext's layout order. Surrounding punctuation is split off ("2,159," is
 * "2,159" and ","), so a figure's hunk is the figure; punctuation inside a word stays ("$4,356K").
 */
export function tokenize(pageText: string): Token[] {
  const lines = pageText.split('\n');
  const nonEmpty = lines.flatMap((l, i) => (l.trim() ? [i] : []));
  // Running heads and footers are the first and last lines of the page.
  const edges = new Set([...nonEmpty.slice(0, 2), ...nonEmpty.slice(-2)]);
  const tokens: Token[] = [];
  lines.forEach((line, i) => {
    const words: string[] = [];
    for (const word of line.split(/\s+/)) {
      if (!word) continue;
      const open = OPENING.exec(word)?.[0] ?? '';
      const rest = word.slice(open.length);
      const close = CLOSING.exec(rest)?.[0] ?? '';
      const core = rest.slice(0, rest.length - close.length);
      for (const w of [open, core, close]) if (w) words.push(w);
    }
    const start = tokens.length;
    for (const w of words) tokens.push({ text: w, folio: false });
    if (!edges.has(i)) return;
    for (let k = start; k + 2 < tokens.length; k++) {
      if (FOLIO_NUMBER.test(tokens[k]!.text) && tokens[k + 1]!.text === 'of' && /^\d+$/.test(tokens[k + 2]!.text)) {
        tokens[k]!.folio = tokens[k + 2]!.folio = true;
      }
    }
  });
  return tokens;
}

// ---------------------------------------------------------------------------------------------
// Pages, words and figures

interface Pair {
  old?: number;
  new?: number;
}

const signature = (page: Token[]) => page.filter((t) => !t.folio).map((t) => t.text).join(' ');

/**
 * Pairs the pages of the two files (0-based): pages with the same words (running footers aside)
 * pair up; inside each run that differs, pages pair by position and the rest are added or removed.
 */
function alignPages(a: Side, b: Side): Pair[] {
  const parts = diffArrays(a.pages.map(signature), b.pages.map(signature));
  const pairs: Pair[] = [];
  let i = 0;
  let j = 0;
  let removed: number[] = [];
  let added: number[] = [];
  const flush = () => {
    const n = Math.min(removed.length, added.length);
    for (let k = 0; k < n; k++) pairs.push({ old: removed[k], new: added[k] });
    for (const old of removed.slice(n)) pairs.push({ old });
    for (const nw of added.slice(n)) pairs.push({ new: nw });
    removed = [];
    added = [];
  };
  for (const part of parts) {
    const n = part.value.length;
    if (part.removed) for (let k = 0; k < n; k++) removed.push(i++);
    else if (part.added) for (let k = 0; k < n; k++) added.push(j++);
    else {
      flush();
      for (let k = 0; k < n; k++) pairs.push({ old: i++, new: j++ });
    }
  }
  flush();
  return pairs;
}

interface Hunk {
  removed: Token[];
  added: Token[];
}

/** Word-level hunks between two pages: each a run of removed and added words between equal ones. */
function hunksOf(a: Token[], b: Token[]): Hunk[] {
  const parts = diffArrays(a.map((t) => t.text), b.map((t) => t.text));
  const hunks: Hunk[] = [];
  let current: Hunk | undefined;
  let i = 0;
  let j = 0;
  for (const part of parts) {
    const n = part.value.length;
    if (part.removed) {
      current ??= { removed: [], added: [] };
      current.removed.push(...a.slice(i, (i += n)));
    } else if (part.added) {
      current ??= { removed: [], added: [] };
      current.added.push(...b.slice(j, (j += n)));
    } else {
      if (current) hunks.push(current);
      current = undefined;
      i += n;
      j += n;
    }
  }
  if (current) hunks.push(current);
  return hunks;
}

/**
 * The figure a hunk changes, if it changes one: its words (running-footer numbers aside) hold
 * digits, and it is not a contents entry's page number that moved with its section.
 */
function figureOf(h: Hunk, pageRefs: Set<string>): { old: string; new: string } | undefined {
  const removed = h.removed.filter((t) => !t.folio).map((t) => t.text);
  const added = h.added.filter((t) => !t.folio).map((t) => t.text);
  if (![...removed, ...added].some((w) => /\d/.test(w))) return undefined;
  const figure = { old: removed.join(' '), new: added.join(' ') };
  if (pageRefs.has(`${figure.old}\u0000${figure.new}`)) return undefined;
  return figure;
}

/**
 * Did text move across a page boundary? The whole document's words are diffed at once; words that
 * are the same in both but sit on pages that were not paired with each other have moved. (Two
 * words at least, so an incidental match of one short word inside rewritten text does not count.)
 */
function textMovedAcrossPages(a: Side, b: Side, pairs: Pair[]): boolean {
  const newOf = new Map(pairs.filter((p) => p.old !== undefined).map((p) => [p.old!, p.new]));
  const flat = (s: Side) => {
    const words: string[] = [];
    const pages: number[] = [];
    s.pages.forEach((page, p) => {
      for (const t of page) if (!t.folio) words.push(t.text), pages.push(p);
    });
    return { words, pages };
  };
  const [x, y] = [flat(a), flat(b)];
  const parts = diffArrays(x.words, y.words, { timeout: 10_000 });
  if (!parts) return false; // too different to say; the per-page changes tell the story
  let i = 0;
  let j = 0;
  for (const part of parts) {
    const n = part.value.length;
    if (part.removed) i += n;
    else if (part.added) j += n;
    else {
      let moved = 0;
      for (let k = 0; k < n; k++) if (newOf.get(x.pages[i + k]!) !== y.pages[j + k]) moved++;
      if (moved >= 2) return true;
      i += n;
      j += n;
    }
  }
  return false;
}

// ---------------------------------------------------------------------------------------------
// Pixels

/** Renders every page to PNG; returns 1-based page → file. */
async function render(file: string, dpi: number, dir: string): Promise<Map<number, string>> {
  await mkdir(dir, { recursive: true });
  await tool('pdftoppm', ['-png', '-r', String(dpi), file, path.join(dir, 'p')], file);
  const pngs = new Map<number, string>();
  for (const name of await readdir(dir)) {
    const m = /^p-(\d+)\.png$/.exec(name);
    if (m) pngs.set(Number(m[1]), path.join(dir, name));
  }
  return pngs;
}

const GAP = 8;

/** Counts differing pixels and, when there are any, draws old | differences | new side by side. */
function comparePngs(a: PNG, b: PNG, threshold: number): 'size' | { pixels: number; png: Buffer } {
  if (a.width !== b.width || a.height !== b.height) return 'size';
  const { width: w, height: h } = a;
  if (a.data.equals(b.data)) return { pixels: 0, png: Buffer.alloc(0) };
  const diff = new PNG({ width: w, height: h });
  // Red: ink only in the old page; green: ink only in the new one; yellow: anti-aliasing (not counted).
  const pixels = pixelmatch(a.data, b.data, diff.data, w, h, { threshold, diffColor: [220, 0, 0], diffColorAlt: [0, 150, 0] });
  if (pixels === 0) return { pixels, png: Buffer.alloc(0) };
  const out = new PNG({ width: w * 3 + GAP * 2, height: h });
  for (let p = 0; p < out.data.length; p += 4) out.data.set([150, 150, 150, 255], p);
  const row = w * 4;
  [a, diff, b].forEach((img, n) => {
    for (let y = 0; y < h; y++) img.data.copy(out.data, (y * out.width + n * (w + GAP)) * 4, y * row, (y + 1) * row);
  });
  return { pixels, png: PNG.sync.write(out) };
}

/** PNGs a previous diff wrote into the same folder that this one did not: they would mislead. */
async function removeStaleImages(dir: string, keep: Set<string>): Promise<void> {
  const names = await readdir(dir).catch(() => [] as string[]);
  await Promise.all(names.filter((n) => /^page-\d{3,}\.png$/.test(n) && !keep.has(n)).map((n) => rm(path.join(dir, n), { force: true })));
}

// ---------------------------------------------------------------------------------------------
// Navigation: bookmarks and page labels

function readOutline(doc: PDFDocument): { title: string; page?: number }[] {
  const ctx = doc.context;
  const pages = pageNumbers(doc);
  const named = readDestinations(doc);
  const pageOf = (dest: PDFObject | undefined): number | undefined => {
    const d = resolve(ctx, dest);
    if (d instanceof PDFName) return named.get(d.decodeText());
    if (d instanceof PDFString || d instanceof PDFHexString) return named.get(rawString(d)) ?? named.get(d.decodeText());
    if (d instanceof PDFDict) return pageOf(d.get(PDFName.of('D')));
    if (d instanceof PDFArray) {
      const target = d.get(0);
      if (target instanceof PDFRef) return pages.get(target);
      if (target instanceof PDFNumber) return target.asNumber() + 1;
    }
    return undefined;
  };
  return outlineItems(doc).map(({ dict, title }) => {
    let dest = get(ctx, dict, 'Dest');
    const action = getDict(ctx, dict, 'A');
    if (dest === undefined && action && getName(ctx, action, 'S') === 'GoTo') dest = get(ctx, action, 'D');
    const page = pageOf(dest);
    return page === undefined ? { title } : { title, page };
  });
}

/** Each page's label from the /PageLabels number tree (ISO 32000-1, 12.4.2). */
export function readPageLabels(doc: PDFDocument): (string | undefined)[] {
  const ctx = doc.context;
  const tree = readNumberTree(ctx, getDict(ctx, doc.catalog, 'PageLabels'));
  const starts = [...tree.keys()].filter((k) => k >= 0).sort((x, y) => x - y);
  return Array.from({ length: doc.getPageCount() }, (_, i) => {
    const start = starts.filter((s) => s <= i).pop();
    if (start === undefined) return undefined;
    const range = resolve(ctx, tree.get(start));
    const dict = range instanceof PDFDict ? range : undefined;
    const prefix = getText(ctx, dict, 'P') ?? '';
    const style = getName(ctx, dict, 'S');
    const n = (getNumber(ctx, dict, 'St') ?? 1) + i - start;
    return prefix + numberLabel(style, n);
  });
}

function numberLabel(style: string | undefined, n: number): string {
  switch (style) {
    case 'D':
      return String(n);
    case 'R':
      return roman(n);
    case 'r':
      return roman(n).toLowerCase();
    case 'A':
      return letters(n);
    case 'a':
      return letters(n).toLowerCase();
    default:
      return '';
  }
}

function roman(n: number): string {
  const table: [number, string][] = [
    [1000, 'M'], [900, 'CM'], [500, 'D'], [400, 'CD'], [100, 'C'], [90, 'XC'],
    [50, 'L'], [40, 'XL'], [10, 'X'], [9, 'IX'], [5, 'V'], [4, 'IV'], [1, 'I'],
  ];
  let out = '';
  for (const [value, glyphs] of table) for (; n >= value; n -= value) out += glyphs;
  return out;
}

/** A, B, … Z, AA, BB, … (ISO 32000-1: the letter repeated). */
function letters(n: number): string {
  if (n < 1) return '';
  return String.fromCharCode(65 + ((n - 1) % 26)).repeat(Math.floor((n - 1) / 26) + 1);
}

const labelOf = (side: Side, page: number | undefined) => (page === undefined ? undefined : (side.labels[page - 1] ?? String(page)));

/** Bookmarks that lead to another page than before (or exist in only one file); matched by title. */
function contentsChanges(a: Side, b: Side): DiffReport['contents'] {
  const keyed = (s: Side) => {
    const seen = new Map<string, number>();
    return new Map(
      s.outline.map((item) => {
        const n = (seen.get(item.title) ?? 0) + 1;
        seen.set(item.title, n);
        return [`${item.title}\u0000${n}`, item] as const;
      }),
    );
  };
  const [x, y] = [keyed(a), keyed(b)];
  const out: DiffReport['contents'] = [];
  for (const key of new Set([...y.keys(), ...x.keys()])) {
    const [before, after] = [x.get(key), y.get(key)];
    if (before && after && before.page === after.page) continue;
    const entry: DiffReport['contents'][number] = { title: (after ?? before)!.title };
    const old = before && labelOf(a, before.page);
    const nw = after && labelOf(b, after.page);
    if (old !== undefined) entry.old = old;
    if (nw !== undefined) entry.new = nw;
    out.push(entry);
  }
  return out;
}

function labelChanges(a: Side, b: Side): DiffReport['pageLabels'] {
  const out: DiffReport['pageLabels'] = [];
  for (let i = 0; i < Math.max(a.count, b.count); i++) {
    const [old, nw] = [a.labels[i], b.labels[i]];
    if (old === nw) continue;
    const entry: DiffReport['pageLabels'][number] = { page: i + 1 };
    if (old !== undefined) entry.old = old;
    if (nw !== undefined) entry.new = nw;
    out.push(entry);
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Telling people

function unique<T>(xs: T[], key: (x: T) => string): T[] {
  const seen = new Set<string>();
  return xs.filter((x) => !seen.has(key(x)) && seen.add(key(x)));
}

const figureText = (f: { old: string; new: string }) => `${f.old || '(none)'} → ${f.new || '(none)'}`;

function describe(c: PageChange): string {
  if (c.status === 'added') return `p. ${c.page} (added)`;
  if (c.status === 'removed') return `old p. ${c.page} (removed)`;
  const figures = unique(c.figures, figureText).map(figureText);
  let what: string;
  if (c.size) what = `page size ${c.size.old.join(' × ')} → ${c.size.new.join(' × ')} pt`;
  else if (figures.length) what = `${figures.length === 1 ? 'figure' : 'figures'} ${figures.join(', ')}`;
  else if (c.text.length) what = c.text.every((h) => isFolioOnly(h)) ? 'page number' : `${c.text.length} text ${c.text.length === 1 ? 'change' : 'changes'}`;
  else what = `graphics only, ${c.pixels} px`;
  return `p. ${c.page} (${what})`;
}

/** A hunk that only changes numbers like a running footer's ("6 of 26" → "6 of 27"). */
const isFolioOnly = (h: { removed: string[]; added: string[] }) => [...h.removed, ...h.added].every((w) => /^\d+$/.test(w));

function summarise(r: DiffReport, dpi: number): string {
  const total = r.pages.old === r.pages.new ? `${r.pages.new}` : `${r.pages.new} (was ${r.pages.old})`;
  if (!r.changed.length && !r.contents.length && !r.pageLabels.length) {
    return `No differences: the ${r.pages.new} pages have the same words and the same pixels at ${dpi} dpi.`;
  }
  const parts = [`${r.changed.length} of ${total} pages changed${r.changed.length ? `: ${r.changed.map(describe).join(', ')}` : ''}.`];
  if (r.pageBreaksMoved) parts.push('Page breaks moved: text now falls on other pages.');
  if (r.contents.length) {
    const moved = r.contents.map((c) => `${c.title} ${c.old ? `p. ${c.old}` : '(new)'} → ${c.new ? `p. ${c.new}` : '(gone)'}`);
    parts.push(`${r.contents.length} contents ${r.contents.length === 1 ? 'entry' : 'entries'} moved: ${moved.join('; ')}.`);
  }
  if (r.pageLabels.length) {
    const labels = r.pageLabels.map((l) => `p. ${l.page} ${l.old ?? '(none)'} → ${l.new ?? '(none)'}`);
    parts.push(`Page labels changed: ${labels.join(', ')}.`);
  }
  return parts.join(' ');
}

const cell = (s: string) => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');
const words = (ws: string[], max = 12) => (ws.length > max ? `${ws.slice(0, max).join(' ')} …` : ws.join(' '));

function markdown(r: DiffReport): string {
  const lines = [`# ${path.basename(r.oldFile)} → ${path.basename(r.newFile)}`, '', r.summary, ''];
  if (r.changed.length) {
    lines.push('| page | status | figures | text | pixels | image |', '| ---: | --- | --- | --- | ---: | --- |');
    for (const c of r.changed) {
      const figures = unique(c.figures, figureText).map(figureText).join('; ');
      const text = c.text
        .slice(0, 6)
        .map((h) => `${h.removed.length ? `~~${words(h.removed)}~~` : ''}${h.removed.length && h.added.length ? ' ' : ''}${h.added.length ? `**${words(h.added)}**` : ''}`)
        .join('; ');
      const more = c.text.length > 6 ? ` (+${c.text.length - 6} more)` : '';
      const size = c.size ? `size ${c.size.old.join('×')} → ${c.size.new.join('×')} pt; ` : '';
      const page = c.oldPage ? `${c.page} (old ${c.oldPage})` : String(c.page);
      const image = c.image ? `[${path.basename(c.image)}](${path.basename(c.image)})` : '';
      lines.push(`| ${page} | ${c.status} | ${cell(figures)} | ${cell(size + text + more)} | ${c.pixels} | ${image} |`);
    }
    lines.push('');
  }
  if (r.contents.length) {
    lines.push('## Contents entries on other pages', '', '| entry | old page | new page |', '| --- | ---: | ---: |');
    for (const c of r.contents) lines.push(`| ${cell(c.title)} | ${c.old ?? '—'} | ${c.new ?? '—'} |`);
    lines.push('');
  }
  if (r.pageLabels.length) {
    lines.push('## Page labels', '', '| page | old label | new label |', '| ---: | --- | --- |');
    for (const l of r.pageLabels) lines.push(`| ${l.page} | ${cell(l.old ?? '—')} | ${cell(l.new ?? '—')} |`);
    lines.push('');
  }
  return `${lines.join('\n')}`;
}
