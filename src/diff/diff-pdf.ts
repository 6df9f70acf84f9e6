/**
 * `folio diff OLD.pdf NEW.pdf`: exactly what changed between two builds of a report.
 *
 * - Text: each page's words (poppler's `pdftotext -raw`: the order the page draws them, which for
 *   Chromium's PDFs is the document's order, column by column; `-layout` interleaves the lines of
 *   side-by-side columns, so a paragraph that reflows inside a column reads as a shuffle), diffed
 *   word by word (jsdiff). A hunk whose words hold digits is a figure change, unless the digits
 *   are only the running footer's "n of N" (reported as text, never as a figure), a contents
 *   entry's page number, or numbers that only moved (removed in one place, added in another).
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
import { fail, FolioError, isFolioError } from '../util/diagnostics.ts';
import { outlineItems, pageNumbers, readDestinations } from '../pdf/objects.ts';
import { get, getDict, getName, getNumber, getText, rawString, readNumberTree, resolve } from '../pdf/cos.ts';
import { writeOutputs, type OutputFile } from '../output/write-output.ts';
import { markdown, summarise, whatChanged } from './describe-diff.ts';
import type { ContentsChange, DiffReport, PageChange, TextBlock } from './diff-report.ts';

export type { ContentsChange, DiffReport, PageChange, TextBlock } from './diff-report.ts';

export interface DiffOptions {
  /** Where the PNGs, summary.json and summary.md go (default out/diff). */
  outDir?: string;
  /** Resolution pages are compared at (default 50). */
  dpi?: number;
  /** pixelmatch's colour threshold, 0–1 (default 0.1; smaller is more sensitive). */
  threshold?: number;
}

export async function diffPdfs(oldPdf: string, newPdf: string, options: DiffOptions = {}): Promise<DiffReport> {
  const { outDir, dpi, threshold } = checkOptions(options);
  const tmp = await mkdtemp(path.join(os.tmpdir(), 'folio-diff-'));
  try {
    const [a, b] = await readBoth(oldPdf, newPdf);
    // Render while the text is compared.
    const renders = Promise.all([render(a.file, dpi, path.join(tmp, 'old')), render(b.file, dpi, path.join(tmp, 'new'))]);
    renders.catch(() => {}); // awaited below; no unhandled rejection meanwhile

    const contents = contentsChanges(a, b);
    const pageLabels = labelChanges(a, b);
    const pageRefs = new Set(contents.filter((c) => c.old !== undefined && c.new !== undefined).map((c) => `${c.old}\u0000${c.new}`));
    const pairs = alignPages(a, b);
    const pageBreaksMoved = a.count !== b.count || textMovedAcrossPages(a, b, pairs);

    const pageHunks = new Map(pairs.filter((p) => p.old !== undefined && p.new !== undefined).map((p) => [p, hunksOf(a.pages[p.old!]!, b.pages[p.new!]!)]));
    const moved = movedNumbers([...pageHunks.values()].flat(), pairs, a, b);

    const [oldImages, newImages] = await renders;
    const changed: PageChange[] = [];
    /** Each changed page's hunks that are neither figures nor blocks of text. */
    const others = new Map<PageChange, { removed: string[]; added: string[] }[]>();
    const files: OutputFile[] = [];
    for (const pair of pairs) {
      if (pair.new === undefined || pair.old === undefined) {
        changed.push(oneSided(pair, a, b));
        continue;
      }
      const { change, other } = changedPage(pair as Required<Pair>, pageHunks.get(pair)!, pageRefs, moved);
      others.set(change, other);
      const image = await comparePixels(change, [a.sizes[pair.old]!, b.sizes[pair.new]!], [oldImages.get(pair.old + 1), newImages.get(pair.new + 1)], threshold);
      if (image) {
        change.image = path.join(outDir, `page-${String(change.page).padStart(3, '0')}.png`);
        files.push({ file: change.image, bytes: image });
      }
      if (change.text.length || change.pixels || change.size) changed.push(change);
    }
    changed.sort((x, y) => x.page - y.page || order(x.status) - order(y.status));
    markMovedBlocks(changed);
    for (const c of changed) if (c.status === 'changed') c.what = whatChanged(c, others.get(c)!);

    const report: DiffReport = { oldFile: oldPdf, newFile: newPdf, pages: { old: a.count, new: b.count }, changed, pageBreaksMoved, contents, pageLabels, summary: '' };
    report.summary = summarise(report, dpi);
    await writeReport(report, outDir, files);
    return report;
  } catch (e) {
    if (isFolioError(e)) throw e;
    fail('diff/failed', { reason: e instanceof Error ? e.message : String(e) }, {}, e);
  } finally {
    await rm(tmp, { recursive: true, force: true });
  }
}

function checkOptions(options: DiffOptions): { outDir: string; dpi: number; threshold: number } {
  const outDir = options.outDir ?? path.join('out', 'diff');
  const dpi = options.dpi ?? 50;
  const threshold = options.threshold ?? 0.1;
  if (!Number.isFinite(dpi) || dpi < 1 || dpi > 1200) fail('diff/bad-option', { option: 'dpi', reason: `${dpi} is not a resolution from 1 to 1200` });
  if (!Number.isFinite(threshold) || threshold < 0 || threshold > 1) fail('diff/bad-option', { option: 'threshold', reason: `${threshold} is not from 0 to 1` });
  return { outDir, dpi, threshold };
}

const wordsOf = (h: Hunk) => ({ removed: h.removed.map((t) => t.text), added: h.added.map((t) => t.text) });

/** A page only one side has: all its words added or removed. */
function oneSided(pair: Pair, a: Side, b: Side): PageChange {
  const [side, index, status] = pair.new === undefined ? [a, pair.old!, 'removed' as const] : [b, pair.new, 'added' as const];
  const words = side.pages[index]!.map((t) => t.text);
  const text = words.length ? [status === 'removed' ? { removed: words, added: [] } : { removed: [], added: words }] : [];
  return { page: index + 1, status, text, figures: [], blocks: [], what: status, pixels: 0 };
}

/** A page both sides have, its hunks sorted into figures, blocks of text and the others. */
function changedPage(pair: Required<Pair>, pageHunks: Hunk[], pageRefs: Set<string>, moved: Set<string>) {
  const hunks = pageHunks.map((h) => ({ h, block: blockOf(h), figure: figureOf(h, pageRefs, moved) }));
  const change: PageChange = {
    page: pair.new + 1,
    status: 'changed',
    text: hunks.map(({ h }) => wordsOf(h)),
    figures: hunks.flatMap(({ block, figure }) => (!block && figure ? [figure] : [])),
    blocks: hunks.flatMap(({ block }) => block ?? []),
    what: '',
    pixels: 0,
  };
  if (pair.old !== pair.new) change.oldPage = pair.old + 1;
  return { change, other: hunks.filter(({ block, figure }) => !block && !figure).map(({ h }) => wordsOf(h)) };
}

/** The page images, summary.json and summary.md, and no image left from an earlier run. */
async function writeReport(report: DiffReport, outDir: string, files: OutputFile[]): Promise<void> {
  files.push({ file: path.join(outDir, 'summary.json'), bytes: `${JSON.stringify(report, null, 2)}\n` });
  files.push({ file: path.join(outDir, 'summary.md'), bytes: markdown(report) });
  await writeOutputs(files);
  await removeStaleImages(outDir, new Set(files.map((f) => path.basename(f.file))));
}

/**
 * Compares a page's pixels: sets `size` when the pages differ in size (they are then not compared),
 * else `pixels`; returns the side-by-side picture when any pixel differs.
 */
async function comparePixels(change: PageChange, [sa, sb]: [number, number][], [oldImage, newImage]: (string | undefined)[], threshold: number): Promise<Buffer | undefined> {
  if (!sameSize(sa!, sb!)) {
    change.size = { old: sa!, new: sb! };
    return undefined;
  }
  if (!oldImage || !newImage) return undefined;
  const compared = compareRasters(await readRaster(oldImage), await readRaster(newImage), threshold);
  if (compared === 'size') change.size = { old: sa!, new: sb! };
  else if (compared.pixels > 0) {
    change.pixels = compared.pixels;
    return compared.png;
  }
  return undefined;
}

// ---------------------------------------------------------------------------------------------
// Reading each file

interface Token {
  text: string;
  /**
   * folio: part of the running footer's "n of N" (not a figure, and not part of the page's
   * identity); pageRef: the page number of a contents line naming a bookmark (not a figure).
   */
  role?: 'folio' | 'pageRef';
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

/** Both files, or a FolioError naming each one that cannot be read. */
async function readBoth(oldPdf: string, newPdf: string): Promise<[Side, Side]> {
  const [a, b] = await Promise.allSettled([readSide(oldPdf), readSide(newPdf)]);
  if (a.status === 'fulfilled' && b.status === 'fulfilled') return [a.value, b.value];
  const errors = [a, b].flatMap((r) => (r.status === 'rejected' ? [r.reason as unknown] : []));
  const diagnostics = errors.flatMap((e) => (isFolioError(e) ? e.diagnostics : []));
  if (diagnostics.length !== errors.length) throw errors.find((e) => !isFolioError(e));
  // The same missing tool for both files is one problem.
  const unique = diagnostics.filter((d, i) => diagnostics.findIndex((x) => x.code === d.code && x.message === d.message) === i);
  throw new FolioError(unique, { cause: errors[0] });
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
    // Loaded ignoring encryption only to ask whether it is encrypted (see impose-pdf.ts).
    doc = await PDFDocument.load(bytes, { updateMetadata: false, ignoreEncryption: true });
  } catch (e) {
    fail('diff/unreadable', { file, reason: (e as Error).message }, { file }, e);
  }
  // pdf-lib cannot decrypt: bookmark titles and label prefixes would be garbage.
  if (doc.isEncrypted) fail('diff/unreadable', { file, reason: 'it is encrypted; decrypt it first (`qpdf --decrypt in.pdf out.pdf`).' }, { file });
  const count = doc.getPageCount();
  if (count === 0) fail('diff/unreadable', { file, reason: 'it has no pages.' }, { file });

  const text = await tool('pdftotext', ['-raw', '-enc', 'UTF-8', file, '-'], file);
  const texts = text.split('\f');
  const outline = readOutline(doc);
  const titles = outline.map((o) => o.title);
  const pages = Array.from({ length: count }, (_, i) => tokenize(texts[i] ?? '', titles));
  const sizes = doc.getPages().map((p) => {
    const box = p.getCropBox();
    const rotated = p.getRotation().angle % 180 !== 0;
    const [w, h] = [round(box.width), round(box.height)];
    return (rotated ? [h, w] : [w, h]) as [number, number];
  });
  const labels = readPageLabels(doc);
  return { file, count, pages, sizes, labels, outline };
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

const normal = (s: string) => s.normalize('NFKC').replace(/\s+/g, ' ').trim();

/** A word without the punctuation around it ("(12%)." → "12%"), for comparing numbers. */
export const core = (word: string) => word.replace(OPENING, '').replace(CLOSING, '');

/**
 * A page's words, in pdftotext's order, each whole with its punctuation ("2,159," is one word), so
 * changed text reads as it was printed; a figure's punctuation is taken off where it is named
 * (`core`). The running footer's "n of N" is marked, and so is the number ending a line that
 * names one of `titles` (the bookmarks), as a contents page lists them (the end of a wrapped
 * title counts).
 */
export function tokenize(pageText: string, titles: string[] = []): Token[] {
  const titleSet = new Set(titles.map(normal));
  const suffixes = [...titleSet];
  const namesTitle = (s: string) => s !== '' && (titleSet.has(s) || suffixes.some((t) => t.endsWith(` ${s}`)));
  const lines = pageText.split('\n');
  const nonEmpty = lines.flatMap((l, i) => (l.trim() ? [i] : []));
  // Running heads and footers are the first and last lines of the page.
  const edges = new Set([...nonEmpty.slice(0, 2), ...nonEmpty.slice(-2)]);
  const tokens: Token[] = [];
  lines.forEach((line, i) => {
    const words = line.split(/\s+/).filter(Boolean);
    const start = tokens.length;
    for (const w of words) tokens.push({ text: w });
    const last = tokens[tokens.length - 1];
    if (titleSet.size && tokens.length > start && FOLIO_NUMBER.test(last!.text)) {
      const title = normal(line.trimEnd().slice(0, -last!.text.length).replace(/[\s.·…]+$/, ''));
      if (namesTitle(title)) last!.role = 'pageRef';
    }
    if (!edges.has(i)) return;
    for (let k = start; k + 2 < tokens.length; k++) {
      if (FOLIO_NUMBER.test(tokens[k]!.text) && tokens[k + 1]!.text === 'of' && /^\d+$/.test(tokens[k + 2]!.text)) {
        tokens[k]!.role = tokens[k + 2]!.role = 'folio';
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

const signature = (page: Token[]) => page.filter((t) => t.role !== 'folio').map((t) => t.text).join(' ');

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

/**
 * Word-level hunks between two pages: each a run of removed and added words between equal ones.
 * A deletion and an insertion around one unchanged word read as one replacement ("3 of 4" →
 * "4 of 5", not "3 of" deleted and "of 5" inserted around the "4").
 */
function hunksOf(a: Token[], b: Token[]): Hunk[] {
  const parts = diffArrays(a.map((t) => t.text), b.map((t) => t.text));
  type Segment = { equal: true; old: Token[]; new: Token[] } | ({ equal: false } & Hunk);
  const segments: Segment[] = [];
  let i = 0;
  let j = 0;
  for (const part of parts) {
    const n = part.value.length;
    let last = segments[segments.length - 1];
    if (part.removed || part.added) {
      if (!last || last.equal) segments.push((last = { equal: false, removed: [], added: [] }));
      if (part.removed) last.removed.push(...a.slice(i, (i += n)));
      else last.added.push(...b.slice(j, (j += n)));
    } else {
      segments.push({ equal: true, old: a.slice(i, (i += n)), new: b.slice(j, (j += n)) });
    }
  }
  const hunks: Hunk[] = [];
  for (let k = 0; k < segments.length; k++) {
    const seg = segments[k]!;
    if (seg.equal) continue;
    const [mid, next] = [segments[k + 1], segments[k + 2]];
    const oneSided = (h: Hunk) => !h.removed.length || !h.added.length;
    if (mid?.equal && mid.old.length === 1 && next && !next.equal && oneSided(seg) && oneSided(next) && !seg.removed.length === !next.added.length) {
      hunks.push({ removed: [...seg.removed, ...mid.old, ...next.removed], added: [...seg.added, ...mid.new, ...next.added] });
      k += 2;
    } else hunks.push({ removed: seg.removed, added: seg.added });
  }
  return hunks;
}

const isNumber = (t: Token) => !t.role && /\d/.test(core(t.text));

/**
 * Numbers that only moved: removed as often as they were added, over the whole document (a
 * paragraph that reflowed, or went to the next page, takes its "2024" with it).
 */
function movedNumbers(hunks: Hunk[], pairs: Pair[], a: Side, b: Side): Set<string> {
  const balance = new Map<string, number>();
  const count = (tokens: Token[], by: number) => {
    for (const t of tokens) if (isNumber(t)) balance.set(core(t.text), (balance.get(core(t.text)) ?? 0) + by);
  };
  const removed = new Set<string>();
  const added = new Set<string>();
  const note = (tokens: Token[], into: Set<string>) => tokens.filter(isNumber).forEach((t) => into.add(core(t.text)));
  for (const h of hunks) count(h.removed, 1), count(h.added, -1), note(h.removed, removed), note(h.added, added);
  for (const p of pairs) {
    if (p.new === undefined) count(a.pages[p.old!]!, 1), note(a.pages[p.old!]!, removed);
    if (p.old === undefined) count(b.pages[p.new!]!, -1), note(b.pages[p.new!]!, added);
  }
  return new Set([...balance].filter(([text, n]) => n === 0 && removed.has(text) && added.has(text)).map(([text]) => text));
}

/**
 * The figure a hunk changes, if it changes one: its words hold numbers other than running-footer
 * numbers and contents page numbers (those follow the pages; they are text changes) and other
 * than numbers that only moved. It reads without the punctuation around it ("2,159," → "2,159");
 * a hunk that only changed that punctuation is text.
 */
function figureOf(h: Hunk, pageRefs: Set<string>, moved: Set<string>): { old: string; new: string } | undefined {
  const side = (tokens: Token[]) => core(tokens.filter((t) => t.role !== 'folio').map((t) => t.text).join(' '));
  if (![...h.removed, ...h.added].some((t) => isNumber(t) && !moved.has(core(t.text)))) return undefined;
  const figure = { old: side(h.removed), new: side(h.added) };
  if (figure.old === figure.new || pageRefs.has(`${figure.old}\u0000${figure.new}`)) return undefined;
  return figure;
}

/** A run of this many words or more, added or removed on its own, is a block of text, not a figure. */
const BLOCK_WORDS = 4;

/** The hunk as a block of added or removed text, when it is one-sided and long enough. */
function blockOf(h: Hunk): TextBlock | undefined {
  const words = (tokens: Token[]) => tokens.filter((t) => t.role !== 'folio').map((t) => t.text);
  const [removed, added] = [words(h.removed), words(h.added)];
  if (!removed.length && added.length >= BLOCK_WORDS) return { kind: 'added', text: added.join(' ') };
  if (!added.length && removed.length >= BLOCK_WORDS) return { kind: 'removed', text: removed.join(' ') };
  return undefined;
}

/** A block removed from one page and added to another, word for word, moved: each names the other's page. */
function markMovedBlocks(changes: PageChange[]): void {
  const removed = changes.flatMap((c) => c.blocks.filter((b) => b.kind === 'removed').map((b) => ({ b, page: c.oldPage ?? c.page })));
  for (const c of changes) {
    for (const b of c.blocks) {
      const i = b.kind === 'added' ? removed.findIndex((r) => r.b.text === b.text && r.page !== (c.oldPage ?? c.page)) : -1;
      if (i < 0) continue;
      const [{ b: gone, page }] = removed.splice(i, 1) as [(typeof removed)[number]];
      Object.assign(gone, { kind: 'moved', to: c.page });
      Object.assign(b, { kind: 'moved', from: page });
    }
  }
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
      for (const t of page) if (!t.role) words.push(t.text), pages.push(p);
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

/**
 * Renders every page; returns 1-based page → image file. Raw PPM up to 150 dpi (a quarter of the
 * time: most of pdftoppm's PNG time is compressing), PNG above, where PPM files grow large.
 */
async function render(file: string, dpi: number, dir: string): Promise<Map<number, string>> {
  await mkdir(dir, { recursive: true });
  await tool('pdftoppm', [...(dpi > 150 ? ['-png'] : []), '-r', String(dpi), file, path.join(dir, 'p')], file);
  const images = new Map<number, string>();
  for (const name of await readdir(dir)) {
    const m = /^p-(\d+)\.(png|ppm)$/.exec(name);
    if (m) images.set(Number(m[1]), path.join(dir, name));
  }
  return images;
}

interface Raster {
  width: number;
  height: number;
  /** RGBA, 8 bits a channel. */
  data: Buffer;
}

async function readRaster(file: string): Promise<Raster> {
  const bytes = await readFile(file);
  return file.endsWith('.png') ? PNG.sync.read(bytes) : readPpm(bytes);
}

/** A binary PPM (P6, maxval 255), as pdftoppm writes it, to RGBA. */
export function readPpm(bytes: Buffer): Raster {
  let pos = 0;
  const field = () => {
    for (;;) {
      while (pos < bytes.length && /\s/.test(String.fromCharCode(bytes[pos]!))) pos++;
      if (bytes[pos] !== 0x23) break; // # comment, to the end of the line
      while (pos < bytes.length && bytes[pos] !== 0x0a) pos++;
    }
    const start = pos;
    while (pos < bytes.length && !/\s/.test(String.fromCharCode(bytes[pos]!))) pos++;
    return bytes.toString('latin1', start, pos);
  };
  const [magic, w, h, max] = [field(), Number(field()), Number(field()), Number(field())];
  pos++; // the one whitespace byte before the samples
  if (magic !== 'P6' || !(w > 0) || !(h > 0) || max !== 255 || bytes.length - pos < w * h * 3) throw new Error('pdftoppm wrote an image folio cannot read');
  const data = Buffer.alloc(w * h * 4);
  for (let i = 0, o = 0, p = pos; i < w * h; i++, o += 4, p += 3) {
    data[o] = bytes[p]!;
    data[o + 1] = bytes[p + 1]!;
    data[o + 2] = bytes[p + 2]!;
    data[o + 3] = 255;
  }
  return { width: w, height: h, data };
}

const GAP = 8;
const REMOVED: [number, number, number] = [220, 0, 0];
const ADDED: [number, number, number] = [0, 150, 0];
const FRAME: [number, number, number] = [230, 0, 230];

/**
 * Counts differing pixels and, when there are any, draws old | differences | new side by side,
 * with a frame round each changed area on all three (a changed digit is a few pixels at 50 dpi).
 */
function compareRasters(a: Raster, b: Raster, threshold: number): 'size' | { pixels: number; png: Buffer } {
  if (a.width !== b.width || a.height !== b.height) return 'size';
  const { width: w, height: h } = a;
  if (a.data.equals(b.data)) return { pixels: 0, png: Buffer.alloc(0) };
  const diff = new PNG({ width: w, height: h });
  // Red: ink only in the old page; green: ink only in the new one; yellow: anti-aliasing (not counted).
  const pixels = pixelmatch(a.data, b.data, diff.data, w, h, { threshold, diffColor: REMOVED, diffColorAlt: ADDED });
  if (pixels === 0) return { pixels, png: Buffer.alloc(0) };
  const out = new PNG({ width: w * 3 + GAP * 2, height: h });
  for (let p = 0; p < out.data.length; p += 4) out.data.set([150, 150, 150, 255], p);
  const row = w * 4;
  [a, diff, b].forEach((img, n) => {
    for (let y = 0; y < h; y++) img.data.copy(out.data, (y * out.width + n * (w + GAP)) * 4, y * row, (y + 1) * row);
  });
  for (const box of changedAreas(diff)) for (let n = 0; n < 3; n++) frame(out, box, n * (w + GAP), w);
  return { pixels, png: PNG.sync.write(out) };
}

interface Box {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

/** The areas of the differences image painted as changed: cells of 12 px, joined when they touch. */
function changedAreas(diff: PNG, cell = 12): Box[] {
  const { width: w, height: h, data } = diff;
  const cols = Math.ceil(w / cell);
  const rows = Math.ceil(h / cell);
  const marked = new Uint8Array(cols * rows);
  const is = (p: number, c: [number, number, number]) => data[p] === c[0] && data[p + 1] === c[1] && data[p + 2] === c[2];
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const p = (y * w + x) * 4;
      if (is(p, REMOVED) || is(p, ADDED)) marked[Math.floor(y / cell) * cols + Math.floor(x / cell)] = 1;
    }
  }
  const boxes: Box[] = [];
  for (let start = 0; start < marked.length; start++) {
    if (marked[start] !== 1) continue;
    const box = { x0: Infinity, y0: Infinity, x1: -Infinity, y1: -Infinity };
    const stack = [start];
    marked[start] = 2;
    while (stack.length) {
      const c = stack.pop()!;
      const [cx, cy] = [c % cols, Math.floor(c / cols)];
      box.x0 = Math.min(box.x0, cx * cell);
      box.y0 = Math.min(box.y0, cy * cell);
      box.x1 = Math.max(box.x1, Math.min(w, (cx + 1) * cell) - 1);
      box.y1 = Math.max(box.y1, Math.min(h, (cy + 1) * cell) - 1);
      for (let dy = -1; dy <= 1; dy++) {
        for (let dx = -1; dx <= 1; dx++) {
          const [nx, ny] = [cx + dx, cy + dy];
          const n = ny * cols + nx;
          if (nx >= 0 && ny >= 0 && nx < cols && ny < rows && marked[n] === 1) (marked[n] = 2), stack.push(n);
        }
      }
    }
    boxes.push(box);
  }
  return boxes;
}

/** A 2 px frame round `box`, on the panel that starts at `left` and is `width` wide. */
function frame(img: PNG, box: Box, left: number, width: number): void {
  const x0 = Math.max(0, box.x0 - 3);
  const y0 = Math.max(0, box.y0 - 3);
  const x1 = Math.min(width - 1, box.x1 + 3);
  const y1 = Math.min(img.height - 1, box.y1 + 3);
  const paint = (x: number, y: number) => img.data.set([...FRAME, 255], (y * img.width + left + x) * 4);
  for (let t = 0; t < 2; t++) {
    for (let x = x0; x <= x1; x++) paint(x, Math.min(y0 + t, y1)), paint(x, Math.max(y1 - t, y0));
    for (let y = y0; y <= y1; y++) paint(Math.min(x0 + t, x1), y), paint(Math.max(x1 - t, x0), y);
  }
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

/**
 * Bookmarks that changed. The two outlines are diffed by title, in order: an entry with the same
 * title that leads to another page moved; where titles differ, the removed and added entries at the
 * same place pair up as renamed (a heading reworded stays where it was in the contents), and the
 * rest were added or removed.
 */
function contentsChanges(a: Side, b: Side): ContentsChange[] {
  const out: ContentsChange[] = [];
  const entry = (change: ContentsChange['change'], before?: Side['outline'][number], after?: Side['outline'][number]): ContentsChange => {
    const c: ContentsChange = { change, title: (after ?? before)!.title };
    if (change === 'renamed') c.oldTitle = before!.title;
    const [old, nw] = [before && labelOf(a, before.page), after && labelOf(b, after.page)];
    if (old !== undefined) c.old = old;
    if (nw !== undefined) c.new = nw;
    return c;
  };
  let [i, j] = [0, 0];
  let run: { removed: Side['outline']; added: Side['outline'] } = { removed: [], added: [] };
  const flush = () => {
    const n = Math.min(run.removed.length, run.added.length);
    for (let k = 0; k < n; k++) out.push(entry('renamed', run.removed[k], run.added[k]));
    for (const before of run.removed.slice(n)) out.push(entry('removed', before));
    for (const after of run.added.slice(n)) out.push(entry('added', undefined, after));
    run = { removed: [], added: [] };
  };
  for (const part of diffArrays(a.outline.map((o) => o.title), b.outline.map((o) => o.title))) {
    const n = part.value.length;
    if (part.removed) run.removed.push(...a.outline.slice(i, (i += n)));
    else if (part.added) run.added.push(...b.outline.slice(j, (j += n)));
    else {
      flush();
      for (let k = 0; k < n; k++, i++, j++) if (a.outline[i]!.page !== b.outline[j]!.page) out.push(entry('moved', a.outline[i], b.outline[j]));
    }
  }
  flush();
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
