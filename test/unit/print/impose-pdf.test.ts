import { describe, expect, it } from 'vitest';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { degrees, PDFArray, PDFDict, PDFDocument, PDFHexString, PDFName, PDFNumber, PDFRawStream, PDFString, rgb, StandardFonts } from 'pdf-lib';
import { bookletOrder, bookletPages, imposePdf, nUpOrder, type Imposed, type ImposeOptions } from '../../../src/print/impose-pdf.ts';
import { pageContent } from '../../../src/pdf/objects.ts';
import { folioError, run } from '../../helpers.ts';

// ---------------------------------------------------------------------------------------------
// Input PDFs: each page shows its number in big type.

const LETTER = [612, 792] as const;
const TABLOID_LANDSCAPE = [1224, 792] as const;
/** A print edition: a letter trim with 9 pt of bleed and 27 pt of slug beyond it on every side. */
const TRIM = { left: 36, bottom: 36, right: 648, top: 828 };
const BLEED = { left: 27, bottom: 27, right: 657, top: 837 };
const MEDIA = [684, 864] as const;

interface MakeOptions {
  print?: boolean;
  size?: readonly [number, number];
  /** 1-based pages given /Rotate 90 (drawn so they read upright when shown rotated). */
  rotated?: number[];
}

async function makePdf(count: number, o: MakeOptions = {}): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  doc.setTitle('Annual Impact Report');
  doc.setLanguage('en-US');
  doc.setCreationDate(new Date('2024-01-02T03:04:05Z'));
  doc.setModificationDate(new Date('2024-01-02T03:04:05Z'));
  const font = await doc.embedFont(StandardFonts.HelveticaBold);
  for (let n = 1; n <= count; n++) {
    const text = String(n);
    const size = 120;
    const tw = font.widthOfTextAtSize(text, size);
    if (o.print) {
      const page = doc.addPage([...MEDIA]);
      page.setBleedBox(BLEED.left, BLEED.bottom, BLEED.right - BLEED.left, BLEED.top - BLEED.bottom);
      page.setTrimBox(TRIM.left, TRIM.bottom, TRIM.right - TRIM.left, TRIM.top - TRIM.bottom);
      // Red over the whole sheet (bleed and slug); white inside the trim: no red may show once imposed.
      page.drawRectangle({ x: 0, y: 0, width: MEDIA[0], height: MEDIA[1], color: rgb(1, 0, 0) });
      page.drawRectangle({ x: TRIM.left, y: TRIM.bottom, width: TRIM.right - TRIM.left, height: TRIM.top - TRIM.bottom, color: rgb(1, 1, 1) });
      page.drawText(text, { x: (TRIM.left + TRIM.right) / 2 - tw / 2, y: (TRIM.bottom + TRIM.top) / 2 - size / 3, size, font });
    } else if (o.rotated?.includes(n)) {
      const [w, h] = o.size ?? LETTER;
      const page = doc.addPage([h, w]); // landscape in user space, shown portrait
      page.setRotation(degrees(90));
      page.drawText(text, { x: h / 2 + size / 3, y: w / 2 - tw / 2, size, font, rotate: degrees(90) });
    } else {
      const [w, h] = o.size ?? LETTER;
      const page = doc.addPage([w, h]);
      page.drawText(text, { x: w / 2 - tw / 2, y: h / 2 - size / 3, size, font });
    }
  }
  return doc.save();
}

// ---------------------------------------------------------------------------------------------
// Reading the imposed PDF back with poppler.

interface Word {
  text: string;
  xMin: number;
  yMin: number;
  xMax: number;
  yMax: number;
}
interface SheetText {
  width: number;
  height: number;
  words: Word[];
}

async function withFile<T>(pdf: Uint8Array, fn: (file: string, dir: string) => Promise<T>): Promise<T> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'folio-impose-'));
  try {
    const file = path.join(dir, 'in.pdf');
    await writeFile(file, pdf);
    return await fn(file, dir);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** Every page's words with their boxes (pdftotext -bbox; y from the top). */
async function readSheets(pdf: Uint8Array): Promise<SheetText[]> {
  const html = await withFile(pdf, async (file) => (await run('pdftotext', ['-bbox', file, '-'], { maxBuffer: 64 << 20 })).stdout);
  const attr = (s: string, name: string) => Number(new RegExp(`${name}="([^"]+)"`).exec(s)![1]);
  return html
    .split('<page ')
    .slice(1)
    .map((chunk) => {
      const head = chunk.slice(0, chunk.indexOf('>'));
      const words = [...chunk.matchAll(/<word ([^>]*)>([^<]*)<\/word>/g)].map((m) => ({
        text: m[2]!,
        xMin: attr(m[1]!, 'xMin'),
        yMin: attr(m[1]!, 'yMin'),
        xMax: attr(m[1]!, 'xMax'),
        yMax: attr(m[1]!, 'yMax'),
      }));
      return { width: attr(head, 'width'), height: attr(head, 'height'), words };
    });
}

/** The page numbers seen in each cell of a cols × rows grid, in reading order (null: empty). */
function cellsSeen(sheet: SheetText, cols: number, rows: number): (number | null)[] {
  const seen: (number | null)[] = Array(cols * rows).fill(null);
  for (const w of sheet.words) {
    const col = Math.floor(((w.xMin + w.xMax) / 2 / sheet.width) * cols);
    const row = Math.floor(((w.yMin + w.yMax) / 2 / sheet.height) * rows);
    expect(seen[row * cols + col], `two numbers in one cell: ${JSON.stringify(sheet.words)}`).toBeNull();
    seen[row * cols + col] = Number(w.text);
  }
  return seen;
}

async function layoutText(pdf: Uint8Array, page: number): Promise<string> {
  return withFile(pdf, async (file) => (await run('pdftotext', ['-layout', '-f', String(page), '-l', String(page), file, '-'])).stdout);
}

/** Renders pages first…last at low resolution in one pdftoppm run (PPM output) and counts each one's red pixels. */
async function redPixels(pdf: Uint8Array, first: number, last: number): Promise<number[]> {
  return withFile(pdf, async (file, dir) => {
    await run('pdftoppm', ['-r', '24', '-f', String(first), '-l', String(last), file, path.join(dir, 'page')]);
    // page-1.ppm … (zero-padded to the page count's digits, so sorting by name is page order)
    const names = (await readdir(dir)).filter((n) => n.endsWith('.ppm')).sort();
    expect(names).toHaveLength(last - first + 1);
    return Promise.all(
      names.map(async (name) => {
        const ppm = await readFile(path.join(dir, name));
        // P6 header: "P6", width, height, maxval, separated by whitespace, then one byte per channel.
        const header = /^P6\s+(\d+)\s+(\d+)\s+(\d+)\s/.exec(ppm.subarray(0, 64).toString('latin1'))!;
        const [w, h] = [Number(header[1]), Number(header[2])];
        const data = ppm.subarray(header[0].length);
        let red = 0;
        for (let i = 0; i < w * h * 3; i += 3) if (data[i]! > 200 && data[i + 1]! < 80 && data[i + 2]! < 80) red++;
        return red;
      }),
    );
  });
}

/** The form XObjects drawn on an output page: their /BBox and /Matrix. */
function formsOn(doc: PDFDocument, pageIndex: number): { bbox: number[]; matrix: number[] }[] {
  const page = doc.getPage(pageIndex);
  const xobjects = page.node.Resources()!.lookup(PDFName.of('XObject'), PDFDict);
  const nums = (a: PDFArray) => a.asArray().map((x) => (x as PDFNumber).asNumber());
  return xobjects.keys().map((k) => {
    const form = xobjects.lookup(k) as PDFRawStream;
    return { bbox: nums(form.dict.lookup(PDFName.of('BBox'), PDFArray)), matrix: nums(form.dict.lookup(PDFName.of('Matrix'), PDFArray)) };
  });
}

// ---------------------------------------------------------------------------------------------
// Page order (pure)

/**
 * How a booklet reads once its sheets are printed, stacked (sheet 1 outside), folded and stitched:
 * sheet k's front right, its back left, … to the centre, then back out: each back's right, each
 * front's left. Worked out from the paper, not from the code under test.
 */
function readFolded(sides: (number | null)[][]): (number | null)[] {
  const sheets = Array.from({ length: sides.length / 2 }, (_, k) => ({ front: sides[2 * k]!, back: sides[2 * k + 1]! }));
  return [...sheets.flatMap((s) => [s.front[1]!, s.back[0]!]), ...sheets.reverse().flatMap((s) => [s.back[1]!, s.front[0]!])];
}

/** A booklet of `n` pages as a reader turns them: 1 … n, blanks (to a multiple of 4) before the back cover, or after the last page when n ≤ 4. */
function readingOrder(n: number): (number | null)[] {
  const blanks = Array<null>(Math.ceil(n / 4) * 4 - n).fill(null);
  const pages = Array.from({ length: n }, (_, i) => i + 1);
  return n > 4 && blanks.length ? [...pages.slice(0, -1), ...blanks, n] : [...pages, ...blanks];
}

const BOOKLET_8 = [
  [8, 1],
  [2, 7],
  [6, 3],
  [4, 5],
];
const BOOKLET_10 = [
  [10, 1],
  [2, null],
  [null, 3],
  [4, 9],
  [8, 5],
  [6, 7],
];
const BOOKLET_28 = [
  [28, 1],
  [2, 27],
  [26, 3],
  [4, 25],
  [24, 5],
  [6, 23],
  [22, 7],
  [8, 21],
  [20, 9],
  [10, 19],
  [18, 11],
  [12, 17],
  [16, 13],
  [14, 15],
];
const BOOKLETS: Record<number, (number | null)[][]> = { 8: BOOKLET_8, 10: BOOKLET_10, 28: BOOKLET_28 };

describe('bookletOrder', () => {
  it('puts 8 pages on two sheets: [8,1] [2,7] / [6,3] [4,5]', () => {
    expect(bookletOrder(8)).toEqual(BOOKLET_8);
    expect(readFolded(BOOKLET_8)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
  });

  it('pads 10 pages to 12 with the blanks before the back cover, which stays last', () => {
    expect(bookletPages(10)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, null, null, 10]);
    expect(bookletOrder(10)).toEqual(BOOKLET_10);
    expect(readFolded(BOOKLET_10)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, null, null, 10]);
  });

  it('lays 28 pages on 7 sheets, 14 sides, front and back alternating', () => {
    expect(bookletOrder(28)).toEqual(BOOKLET_28);
    expect(readFolded(BOOKLET_28)).toEqual(Array.from({ length: 28 }, (_, i) => i + 1));
  });

  it('puts the blanks at the end when there are four pages or fewer', () => {
    expect(bookletPages(1)).toEqual([1, null, null, null]);
    expect(bookletPages(3)).toEqual([1, 2, 3, null]);
    expect(bookletOrder(3)).toEqual([
      [null, 1],
      [2, 3],
    ]);
    expect(bookletPages(5)).toEqual([1, 2, 3, 4, null, null, null, 5]);
    expect(bookletOrder(0)).toEqual([]);
    expect(() => bookletOrder(2.5)).toThrow(RangeError);
  });

  it('folds into a booklet that reads 1 … n for every page count up to 40', () => {
    for (let n = 1; n <= 40; n++) {
      const sides = bookletOrder(n);
      expect(sides, `${n} pages`).toHaveLength(Math.ceil(n / 4) * 2);
      expect(readFolded(sides), `${n} pages`).toEqual(readingOrder(n));
    }
  });

  it('nUpOrder: reading order, the last sheet padded', () => {
    expect(nUpOrder(5, 2)).toEqual([[1, 2], [3, 4], [5, null]]);
    expect(nUpOrder(5, 4)).toEqual([[1, 2, 3, 4], [5, null, null, null]]);
  });
});

describe('imposePdf: errors', () => {
  it('refuses bytes that are not a PDF', async () => {
    const e = await folioError(() => imposePdf(new TextEncoder().encode('not a pdf at all'), { mode: 'booklet' }));
    expect(e.code).toBe('impose/unreadable');
    expect(e.message).toBe('impose/unreadable: The PDF cannot be read for imposition: Failed to parse PDF document (line:0 col:32 offset=16): No PDF header found');
    expect(e.diagnostics[0]!.hint).toBe('Pass a complete PDF file, such as the one `folio build` wrote.');
  });

  it('refuses a PDF whose page tree cannot be read, saying why', async () => {
    const doc = await PDFDocument.load(await pagesPdf([{ size: [612, 792] }]));
    doc.catalog.set(PDFName.of('Pages'), PDFNumber.of(5));
    const e = await folioError(async () => imposePdf(await doc.save({ addDefaultPage: false }), { mode: 'booklet' }));
    expect(e.message).toBe('impose/unreadable: The PDF cannot be read for imposition: Expected instance of PDFDict, but got instance of PDFNumber');
  });

  it('refuses an encrypted PDF', async () => {
    const doc = await PDFDocument.create();
    doc.addPage();
    doc.context.trailerInfo.Encrypt = doc.context.register(doc.context.obj({ Filter: 'Standard', V: 2, R: 3, Length: 128, P: -4 }));
    const e = await folioError(async () => imposePdf(await doc.save(), { mode: 'booklet' }));
    expect(e.code).toBe('impose/encrypted');
  });

  it('says imposing failed when a page cannot be read, and why', async () => {
    const doc = await PDFDocument.load(await pagesPdf([{ size: [612, 792] }]));
    doc.getPage(0).node.set(PDFName.of('Contents'), PDFNumber.of(5));
    const e = await folioError(async () => imposePdf(await doc.save(), { mode: 'booklet' }));
    expect(e.code).toBe('impose/failed');
    // the reason is pdf-lib's own words
    expect(e.message).toBe('impose/failed: Imposing the PDF failed: contents.size is not a function');
  });

  it('refuses a PDF with no pages', async () => {
    const e = await folioError(async () => imposePdf(await (await PDFDocument.create()).save({ addDefaultPage: false }), { mode: 'n-up' }));
    expect(e.code).toBe('impose/no-pages');
  });

  it('refuses options it does not know', async () => {
    const input = await makePdf(2);
    for (const bad of [{ mode: 'n-up', nUp: 3 }, { mode: 'poster' }, { mode: 'booklet', sheet: 'a5' }] as unknown as ImposeOptions[]) {
      expect((await folioError(() => imposePdf(input, bad))).code).toBe('config/invalid');
    }
  });
});


// ---------------------------------------------------------------------------------------------
// Exact placement, read from the sheets' content streams.

interface Placement {
  x: number;
  y: number;
  /** Counter-clockwise, in degrees. */
  rotate: number;
  scale: number;
}

const r4 = (n: number) => Math.round(n * 10000) / 10000;

/** Each page drawn on an output side: where its form's origin goes, turned and scaled how (pdf-lib's drawPage: translate, rotate, scale). */
function placementsOn(doc: PDFDocument, side: number): Placement[] {
  const content = pageContent(doc, doc.getPage(side).node);
  const re = /q\n1 0 0 1 (\S+) (\S+) cm\n(\S+) (\S+) \S+ \S+ 0 0 cm\n(\S+) 0 0 \S+ 0 0 cm\n/g;
  return [...content.matchAll(re)].map((m) => ({
    x: r4(Number(m[1])),
    y: r4(Number(m[2])),
    rotate: Math.round((Math.atan2(Number(m[4]), Number(m[3])) * 180) / Math.PI),
    scale: r4(Number(m[5])),
  }));
}

/** A document of blank-but-drawn pages of the given sizes and /Rotate angles. */
async function pagesPdf(pages: { size: [number, number]; rotate?: number }[], info: (doc: PDFDocument) => void = () => {}): Promise<Uint8Array> {
  const doc = await PDFDocument.create({ updateMetadata: false });
  for (const p of pages) {
    const page = doc.addPage(p.size);
    if (p.rotate !== undefined) page.setRotation(degrees(p.rotate));
    page.drawRectangle({ x: 10, y: 10, width: 20, height: 20, color: rgb(0, 0, 0) });
  }
  info(doc);
  return doc.save();
}

const at = async (pdf: Uint8Array, side: number) => placementsOn(await PDFDocument.load(pdf), side);

describe('imposePdf: placement', () => {
  it('turns each /Rotate angle upright in its half of the sheet, -90 as 270', async () => {
    const input = await pagesPdf([{ size: [612, 792] }, { size: [792, 612], rotate: 90 }, { size: [612, 792], rotate: 180 }, { size: [792, 612], rotate: -90 }]);
    const r = await imposePdf(input, { mode: 'booklet' });
    expect(r.sheet).toEqual({ name: 'tabloid', width: 1224, height: 792 });
    // Side 1 is [4, 1]: page 4 (shown 612 wide) turned a quarter counter-clockwise, its origin at the bottom right of the left half.
    expect(await at(r.pdf, 0)).toEqual([
      { x: 612, y: 0, rotate: 90, scale: 1 },
      { x: 612, y: 0, rotate: 0, scale: 1 },
    ]);
    // Side 2 is [2, 3]: page 2 turned clockwise from the top left; page 3 upside down from the top right.
    expect(await at(r.pdf, 1)).toEqual([
      { x: 0, y: 792, rotate: -90, scale: 1 },
      { x: 1224, y: 792, rotate: 180, scale: 1 },
    ]);
  });

  it('4-up: cells of (sheet − 3 gutters of 18 pt) / 2, pages scaled to fit and centred in them', async () => {
    const input = await pagesPdf([{ size: [612, 792] }, { size: [792, 612], rotate: 90 }, { size: [612, 792], rotate: 180 }, { size: [612, 792] }]);
    const r = await imposePdf(input, { mode: 'n-up', nUp: 4 });
    expect(r.sheet).toEqual({ name: 'letter', width: 612, height: 792 });
    expect(r.diagnostics).toEqual([]);
    // Cells 279 × 369 pt; scale 279 / 612; a page is 279 × 361.06 pt, 3.97 pt from its cell's top and bottom.
    const s = r4(279 / 612);
    const pageH = (792 * 279) / 612;
    const lift = (369 - pageH) / 2;
    expect(await at(r.pdf, 0)).toEqual([
      { x: 18, y: r4(405 + lift), rotate: 0, scale: s },
      { x: 315, y: r4(405 + lift + pageH), rotate: -90, scale: s },
      { x: r4(18 + 279), y: r4(18 + lift + pageH), rotate: 180, scale: s },
      { x: 315, y: r4(18 + lift), rotate: 0, scale: s },
    ]);
  });

  it('2-up: pages scaled into 585 × 756 pt cells, centred, with no warning (n-up always shrinks)', async () => {
    const r = await imposePdf(await pagesPdf([{ size: [612, 792] }, { size: [612, 792] }]), { mode: 'n-up' });
    expect(r.sheet).toEqual({ name: 'tabloid', width: 1224, height: 792 });
    expect(r.diagnostics).toEqual([]);
    const s = 756 / 792;
    const inset = (585 - 612 * s) / 2;
    expect(await at(r.pdf, 0)).toEqual([
      { x: r4(18 + inset), y: 18, rotate: 0, scale: r4(s) },
      { x: r4(18 + 585 + 18 + inset), y: 18, rotate: 0, scale: r4(s) },
    ]);
    expect((await PDFDocument.load(r.pdf)).getTitle()).toBeUndefined();
  });

  it('booklet pages smaller than their half meet at the fold and sit midway up', async () => {
    const r = await imposePdf(await pagesPdf([{ size: [500, 700] }, { size: [500, 700] }]), { mode: 'booklet', sheet: 'tabloid' });
    // Side 1 is [blank, 1]; side 2 is [2, blank].
    expect(await at(r.pdf, 0)).toEqual([{ x: 612, y: 46, rotate: 0, scale: 1 }]);
    expect(await at(r.pdf, 1)).toEqual([{ x: 112, y: 46, rotate: 0, scale: 1 }]);
    expect(r.blanks).toBe(2);
  });

  it('a page up to 0.5 pt too big for its half is placed at full size; more is scaled and said', async () => {
    const fits = await imposePdf(await pagesPdf([{ size: [612.5, 792.5] }]), { mode: 'booklet', sheet: 'tabloid' });
    expect(fits.diagnostics).toEqual([]);
    expect(await at(fits.pdf, 0)).toEqual([{ x: 612, y: -0.25, rotate: 0, scale: 1 }]);
    const over = await imposePdf(await pagesPdf([{ size: [613, 792] }]), { mode: 'booklet', sheet: 'tabloid' });
    expect(over.diagnostics.map((d) => [d.code, d.severity, d.message])).toEqual([
      ['impose/scaled', 'warning', 'The pages do not fit the tabloid sheet at full size: they are printed at 99.8% of their size.'],
    ]);
    expect(await at(over.pdf, 0)).toEqual([{ x: 612, y: r4((792 - (792 * 612) / 613) / 2), rotate: 0, scale: r4(612 / 613) }]);
  });
});

describe('imposePdf: sheets', () => {
  it('auto: a sheet within 1 pt of a named one is that one; otherwise it is named by its size', async () => {
    expect((await imposePdf(await pagesPdf([{ size: [612.5, 792] }]), { mode: 'booklet' })).sheet).toEqual({ name: 'tabloid', width: 1224, height: 792 });
    expect((await imposePdf(await pagesPdf([{ size: [613, 792] }]), { mode: 'booklet' })).sheet).toEqual({ name: '1226×792 pt', width: 1226, height: 792 });
    expect((await imposePdf(await pagesPdf([{ size: [500.123, 700] }]), { mode: 'n-up' })).sheet).toEqual({ name: '1000.25×700 pt', width: 1000.246, height: 700 });
    // 4-up of landscape letter pages: a landscape letter sheet
    expect((await imposePdf(await pagesPdf([{ size: [792, 612] }]), { mode: 'n-up', nUp: 4 })).sheet).toEqual({ name: 'letter', width: 792, height: 612 });
  });

  it('an unreadable MediaBox, or one with no width or no height, is taken as letter', async () => {
    const withMedia = async (media: unknown[]) => {
      const doc = await PDFDocument.load(await pagesPdf([{ size: [300, 300] }]));
      doc.getPage(0).node.set(PDFName.of('MediaBox'), doc.context.obj(media as number[]));
      return (await imposePdf(await doc.save(), { mode: 'booklet' })).sheet;
    };
    const tabloid = { name: 'tabloid', width: 1224, height: 792 };
    expect(await withMedia([0, 0, 0, 0])).toEqual(tabloid);
    expect(await withMedia([0, 0, 0, 792])).toEqual(tabloid);
    expect(await withMedia([0, 0, 612, 0])).toEqual(tabloid);
    expect(await withMedia([PDFName.of('A'), PDFName.of('B'), PDFName.of('C'), PDFName.of('D')])).toEqual(tabloid);
  });

  it('the sheet is sized for the largest page, in width and in height', async () => {
    const r = await imposePdf(await pagesPdf([{ size: [612, 400] }, { size: [300, 792] }]), { mode: 'booklet' });
    expect(r.sheet).toEqual({ name: 'tabloid', width: 1224, height: 792 });
  });

  it('auto: a page 1 pt taller than letter still gets tabloid', async () => {
    expect((await imposePdf(await pagesPdf([{ size: [612, 793] }]), { mode: 'booklet' })).sheet).toEqual({ name: 'tabloid', width: 1224, height: 792 });
  });

  it('places the TrimBox clipped to the MediaBox, and ignores a TrimBox that is outside it or empty', async () => {
    const withTrim = async (trim: number[]) => {
      const doc = await PDFDocument.load(await pagesPdf([{ size: [700, 900] }]));
      doc.getPage(0).node.set(PDFName.of('TrimBox'), doc.context.obj(trim));
      return (await imposePdf(await doc.save(), { mode: 'n-up', nUp: 4 })).sheet;
    };
    // reversed corners are the same box
    expect(await withTrim([648, 828, 36, 36])).toEqual({ name: 'letter', width: 612, height: 792 });
    // partly outside: clipped to 650 × 850
    expect(await withTrim([50, 50, 800, 1000])).toEqual({ name: '650×850 pt', width: 650, height: 850 });
    expect(await withTrim([800, 1000, 900, 1100])).toEqual({ name: '700×900 pt', width: 700, height: 900 });
    expect(await withTrim([36, 36, 36, 828])).toEqual({ name: '700×900 pt', width: 700, height: 900 });
    expect(await withTrim([36, 36, 648])).toEqual({ name: '700×900 pt', width: 700, height: 900 });
    expect(await withTrim([50, 50, 650, 850, 0])).toEqual({ name: '700×900 pt', width: 700, height: 900 });
    // touching the MediaBox's edge only: nothing in common
    expect(await withTrim([700, 0, 800, 900])).toEqual({ name: '700×900 pt', width: 700, height: 900 });
    expect(await withTrim([0, 900, 700, 1000])).toEqual({ name: '700×900 pt', width: 700, height: 900 });
  });

  it('places the CropBox when there is no TrimBox, and ignores a TrimBox outside the CropBox', async () => {
    const withBoxes = async (boxes: Record<string, number[]>) => {
      const doc = await PDFDocument.load(await pagesPdf([{ size: [700, 900] }]));
      for (const [key, box] of Object.entries(boxes)) doc.getPage(0).node.set(PDFName.of(key), doc.context.obj(box));
      return (await imposePdf(await doc.save(), { mode: 'n-up', nUp: 4 })).sheet;
    };
    expect(await withBoxes({ CropBox: [50, 50, 662, 842] })).toEqual({ name: 'letter', width: 612, height: 792 });
    expect(await withBoxes({ CropBox: [0, 0, 612, 792], TrimBox: [650, 850, 700, 900] })).toEqual({ name: 'letter', width: 612, height: 792 });
  });

  it('a named sheet is turned the way that prints pages larger; when both print them at full size, the way the grid is shaped', async () => {
    const sheet = async (size: [number, number], nUp: 2 | 4) => (await imposePdf(await pagesPdf([{ size }]), { mode: 'n-up', nUp, sheet: 'a4' })).sheet;
    expect(await sheet([100, 100], 4)).toEqual({ name: 'a4', width: 841.89, height: 595.28 });
    expect(await sheet([100, 300], 4)).toEqual({ name: 'a4', width: 595.28, height: 841.89 });
    // fits both ways; the 2×2 grid of them is taller than wide
    expect(await sheet([100, 200], 4)).toEqual({ name: 'a4', width: 595.28, height: 841.89 });
    expect(await sheet([100, 100], 2)).toEqual({ name: 'a4', width: 841.89, height: 595.28 });
    // 2-up: portrait A4 cells are 270.64 × 805.89 pt, landscape ones 393.95 × 559.28
    expect(await sheet([300, 900], 2)).toEqual({ name: 'a4', width: 595.28, height: 841.89 });
    expect(await sheet([900, 300], 2)).toEqual({ name: 'a4', width: 841.89, height: 595.28 });
    // two side by side are a little taller than wide, yet print larger on landscape A4 (55.9 % against 55.2 %)
    expect(await sheet([490, 1000], 2)).toEqual({ name: 'a4', width: 841.89, height: 595.28 });
  });
});

describe('imposePdf: fold marks', () => {
  const marksFor = async (height: number, marks?: boolean) => {
    const r = await imposePdf(await pagesPdf([{ size: [500, height] }]), { mode: 'booklet', sheet: 'tabloid', ...(marks === undefined ? {} : { marks }) });
    const doc = await PDFDocument.load(r.pdf);
    const lines = [...pageContent(doc, doc.getPage(0).node).matchAll(/612 (\S+) m\n612 (\S+) l/g)].map((m) => [Number(m[1]), Number(m[2])]);
    return { lines, codes: r.diagnostics.map((d) => d.code), messages: r.diagnostics.map((d) => d.message), content: pageContent(doc, doc.getPage(0).node) };
  };

  it('are 0.3 pt black dashes, shortened to the room there is, and left out below 6 pt of room', async () => {
    // 760 pt pages leave 16 pt above and below: 11.5 pt of mark after the 4.5 pt gap
    const short = await marksFor(760);
    expect(short.lines).toEqual([
      [780.5, 792],
      [11.5, 0],
    ]);
    expect(short.content).toContain('0 0 0 1 K');
    expect(short.content).toContain('0.3 w');
    expect(short.content).toContain('[3 2] 0 d');
    // 771 pt pages: exactly 6 pt of room, the shortest mark drawn
    expect((await marksFor(771)).lines).toEqual([
      [786, 792],
      [6, 0],
    ]);
    const none = await marksFor(772);
    expect(none.lines).toEqual([]);
    expect(none.codes).toEqual([]);
    expect((await marksFor(772, true)).messages).toEqual([
      'No fold marks: the pages fill the tabloid sheet from edge to edge, leaving no margin to draw them in.',
    ]);
    expect((await marksFor(771, true)).codes).toEqual([]);
  });

  it('n-up sheets have none, even when asked', async () => {
    const r = await imposePdf(await pagesPdf([{ size: [300, 400] }]), { mode: 'n-up', marks: true });
    expect(r.diagnostics).toEqual([]);
    const doc = await PDFDocument.load(r.pdf);
    expect(pageContent(doc, doc.getPage(0).node)).not.toContain('[3 2] 0 d');
  });
});

describe('imposePdf: what travels', () => {
  it('keeps author, subject, keywords, creator and producer; without a producer says folio; without a modification date uses the creation date', async () => {
    const input = await pagesPdf([{ size: [612, 792] }], (doc) => {
      doc.setAuthor('Ada Lovelace');
      doc.setSubject('Impact');
      doc.setKeywords(['charity', 'annual']);
      doc.setCreator('folio 1.0');
      doc.setProducer('Skia/PDF');
      doc.setCreationDate(new Date('2024-05-06T07:08:09Z'));
    });
    const out = await PDFDocument.load((await imposePdf(input, { mode: 'n-up', nUp: 2 })).pdf, { updateMetadata: false });
    expect([out.getAuthor(), out.getSubject(), out.getKeywords(), out.getCreator(), out.getProducer()]).toEqual(['Ada Lovelace', 'Impact', 'charity annual', 'folio 1.0', 'Skia/PDF']);
    expect(out.getModificationDate()?.toISOString()).toBe('2024-05-06T07:08:09.000Z');
    expect(out.getCreationDate()?.toISOString()).toBe('2024-05-06T07:08:09.000Z');

    const bare = await PDFDocument.load((await imposePdf(await pagesPdf([{ size: [612, 792] }]), { mode: 'booklet' })).pdf, { updateMetadata: false });
    expect([bare.getTitle(), bare.getAuthor(), bare.getProducer(), bare.getCreationDate(), bare.getModificationDate()]).toEqual([undefined, undefined, 'folio', undefined, undefined]);
    expect(bare.catalog.lookup(PDFName.of('Lang'))).toBeUndefined();
  });

  it('keeps a modification date of its own, and the title marked 2-up', async () => {
    const input = await pagesPdf([{ size: [612, 792] }], (doc) => {
      doc.setTitle('Budget');
      doc.setCreationDate(new Date('2024-05-06T07:08:09Z'));
      doc.setModificationDate(new Date('2025-01-01T00:00:00Z'));
    });
    const out = await PDFDocument.load((await imposePdf(input, { mode: 'n-up' })).pdf, { updateMetadata: false });
    expect(out.getTitle()).toBe('Budget (2-up)');
    expect(out.getModificationDate()?.toISOString()).toBe('2025-01-01T00:00:00.000Z');
  });

  it('keeps text kept as literal or hex strings, shows the title in the window bar, and drops dates it cannot read', async () => {
    const input = await pagesPdf([{ size: [612, 792] }], (doc) => {
      doc.setTitle('Budget');
      const info = doc.context.lookup(doc.context.trailerInfo.Info, PDFDict);
      info.set(PDFName.of('Author'), PDFString.of('Grace Hopper'));
      info.set(PDFName.of('CreationDate'), PDFString.of('last Tuesday'));
      doc.catalog.set(PDFName.of('Lang'), PDFHexString.fromText('fr-CA'));
    });
    const out = await PDFDocument.load((await imposePdf(input, { mode: 'booklet' })).pdf, { updateMetadata: false });
    expect(out.getAuthor()).toBe('Grace Hopper');
    expect(out.getCreationDate()).toBeUndefined();
    expect(out.getModificationDate()).toBeUndefined();
    expect(String(out.catalog.lookup(PDFName.of('Lang')))).toBe('(fr-CA)');
    expect(String(out.catalog.lookup(PDFName.of('ViewerPreferences'), PDFDict).get(PDFName.of('DisplayDocTitle')))).toBe('true');
  });

  it('packs the imposed PDF\'s objects into object streams, for a smaller file', async () => {
    const r = await imposePdf(await pagesPdf([{ size: [612, 792] }]), { mode: 'booklet' });
    expect(Buffer.from(r.pdf).includes('/Type /ObjStm')).toBe(true);
  });

  it('leaves the pages\' links and structure behind', async () => {
    const doc = await PDFDocument.load(await pagesPdf([{ size: [612, 792] }]));
    const link = doc.context.obj({ Type: 'Annot', Subtype: 'Link', Rect: [0, 0, 10, 10], A: { S: 'URI', URI: 'https://example.org/secret-link' } });
    doc.getPage(0).node.set(PDFName.of('Annots'), doc.context.obj([doc.context.register(link)]));
    doc.getPage(0).node.set(PDFName.of('StructParents'), PDFNumber.of(0));
    const r = await imposePdf(await doc.save({ useObjectStreams: false }), { mode: 'booklet' });
    const out = await PDFDocument.load(r.pdf);
    expect(out.context.enumerateIndirectObjects().some(([, o]) => String(o).includes('secret-link') || String(o).includes('/StructParents'))).toBe(false);
  });
});

describe('imposePdf: options and counts', () => {
  it('says what is wrong with an option', async () => {
    const input = await pagesPdf([{ size: [612, 792] }]);
    const message = async (o: unknown) => (await folioError(() => imposePdf(input, o as ImposeOptions))).message;
    expect(await message({ mode: 'booklet', sheet: 'a5' })).toBe('config/invalid: Invalid option sheet: "a5" is not one of tabloid, a3, letter, a4, auto.');
    expect(await message({ mode: 'booklet', marks: 'yes' })).toBe('config/invalid: Invalid option marks: must be true or false.');
    expect(await message({ mode: 'poster' })).toBe('config/invalid: Invalid option mode: "poster" is not booklet or n-up.');
    expect(await message({ mode: 'n-up', nUp: 3 })).toBe('config/invalid: Invalid option nUp: 3 pages per sheet is not 2 or 4.');
  });

  it('refuses a page count that is negative or not whole, saying which', () => {
    expect(() => bookletPages(-1)).toThrow(new RangeError('A page count must be a whole number ≥ 0, not -1.'));
    expect(() => nUpOrder(1.5, 2)).toThrow(new RangeError('A page count must be a whole number ≥ 0, not 1.5.'));
    expect(nUpOrder(0, 4)).toEqual([]);
  });
});

// ---------------------------------------------------------------------------------------------
// Imposing, read back with poppler. These come last: Stryker runs the tests that cover a mutant in
// file order and stops at the first failure, so the cheap exact ones above catch most mutants first.

async function impose(pages: number, options: ImposeOptions, make: MakeOptions = {}): Promise<Imposed & { text: SheetText[] }> {
  const result = await imposePdf(await makePdf(pages, make), options);
  return { ...result, text: await readSheets(result.pdf) };
}

describe('imposePdf: booklet', () => {
  for (const pages of [8, 10, 28]) {
    it(`imposes ${pages} letter pages on tabloid sheets, two numbers per side in printing order`, async () => {
      const r = await impose(pages, { mode: 'booklet' });
      const padded = Math.ceil(pages / 4) * 4;
      expect(r.sides).toBe(padded / 2);
      expect(r.sheets).toBe(padded / 4);
      expect(r.blanks).toBe(padded - pages);
      expect(r.order).toEqual(BOOKLETS[pages]);
      expect(r.sheet).toEqual({ name: 'tabloid', width: 1224, height: 792 });
      expect(r.diagnostics).toEqual([]);
      expect(r.text).toHaveLength(r.sides);
      r.text.forEach((sheet, i) => {
        expect([sheet.width, sheet.height]).toEqual([...TABLOID_LANDSCAPE]);
        expect(cellsSeen(sheet, 2, 1), `side ${i + 1}`).toEqual(BOOKLETS[pages]![i]);
      });
      // Pages meet at the centre line: letter pages fill their halves exactly, so each number is
      // in the middle of its half.
      for (const w of r.text[0]!.words) {
        const centre = (w.xMin + w.xMax) / 2;
        expect(Math.min(Math.abs(centre - 306), Math.abs(centre - 918))).toBeLessThan(2);
      }
      const doc = await PDFDocument.load(r.pdf);
      expect(doc.getPageCount()).toBe(r.sides);
      expect(doc.getPage(0).getSize()).toEqual({ width: 1224, height: 792 });
    });
  }

  it('reads as expected with pdftotext -layout: 8 on the left, 1 on the right', async () => {
    const { pdf } = await imposePdf(await makePdf(8), { mode: 'booklet' });
    expect((await layoutText(pdf, 1)).trim().split(/\s+/)).toEqual(['8', '1']);
    expect((await layoutText(pdf, 2)).trim().split(/\s+/)).toEqual(['2', '7']);
  });

  it('keeps the title (marked as a booklet), language and dates, and gives the same bytes each time', async () => {
    const input = await makePdf(8);
    const a = await imposePdf(input, { mode: 'booklet' });
    const b = await imposePdf(input, { mode: 'booklet' });
    expect(Buffer.from(a.pdf).equals(Buffer.from(b.pdf))).toBe(true);
    const doc = await PDFDocument.load(a.pdf, { updateMetadata: false });
    expect(doc.getTitle()).toBe('Annual Impact Report (booklet)');
    expect(doc.getProducer()).toBe('pdf-lib (https://github.com/Hopding/pdf-lib)');
    expect(doc.getCreationDate()?.toISOString()).toBe('2024-01-02T03:04:05.000Z');
    expect(String(doc.catalog.lookup(PDFName.of('Lang')))).toContain('en-US');
  });

  it('places a print edition clipped to its TrimBox: no bleed or slug shows, pages meet at the fold', async () => {
    const input = await makePdf(8, { print: true });
    // the control: the input page does show its red bleed and slug
    expect((await redPixels(input, 1, 1))[0]).toBeGreaterThan(0);

    const r = await imposePdf(input, { mode: 'booklet' });
    expect(r.sheet).toEqual({ name: 'tabloid', width: 1224, height: 792 }); // from the trim, not the media
    const doc = await PDFDocument.load(r.pdf);
    const forms = formsOn(doc, 0);
    expect(forms).toHaveLength(2);
    for (const f of forms) {
      expect(f.bbox).toEqual([TRIM.left, TRIM.bottom, TRIM.right, TRIM.top]);
      expect(f.matrix).toEqual([1, 0, 0, 1, -TRIM.left, -TRIM.bottom]);
    }
    // drawn at full size: the left page at x 0, the right one at the centre line 612
    const content = pageContent(doc, doc.getPage(0).node);
    const placements = [...content.matchAll(/q\s+1 0 0 1 ([\d.]+) ([\d.]+) cm/g)].map((m) => [Number(m[1]), Number(m[2])]);
    expect(placements).toEqual([
      [0, 0],
      [612, 0],
    ]);
    expect(await redPixels(r.pdf, 1, r.sides)).toEqual(Array(r.sides).fill(0));
    expect((await readSheets(r.pdf)).map((sheet) => cellsSeen(sheet, 2, 1))).toEqual(BOOKLET_8);
  });

  it('draws fold marks in the margin when the sheet has one, and says so when it has none', async () => {
    // Letter trim on tabloid: no margin. Unasked, no marks and no warning; asked, a warning.
    const print = await makePdf(4, { print: true });
    expect((await imposePdf(print, { mode: 'booklet' })).diagnostics).toEqual([]);
    const asked = await imposePdf(print, { mode: 'booklet', marks: true });
    expect(asked.diagnostics.map((d) => d.code)).toEqual(['impose/no-room-for-marks']);
    const doc = await PDFDocument.load(asked.pdf);
    expect(pageContent(doc, doc.getPage(0).node)).not.toContain('[3 2] 0 d');

    // Smaller pages on a tabloid sheet: a margin above and below, dashed marks on the centre line.
    const small = await imposePdf(await makePdf(4, { size: [500, 700] }), { mode: 'booklet', sheet: 'tabloid' });
    expect(small.sheet).toEqual({ name: 'tabloid', width: 1224, height: 792 });
    expect(small.diagnostics).toEqual([]);
    const smallDoc = await PDFDocument.load(small.pdf);
    for (const side of [0, 1]) {
      const content = pageContent(smallDoc, smallDoc.getPage(side).node);
      expect(content).toContain('[3 2] 0 d');
      // above the pages (top at 746) and below them (bottom at 46), 4.5 pt away, 18 pt long
      expect(content).toMatch(/612 750\.5 m\s+612 768\.5 l/);
      expect(content).toMatch(/612 41\.5 m\s+612 23\.5 l/);
    }
    const off = await imposePdf(await makePdf(4, { size: [500, 700] }), { mode: 'booklet', sheet: 'tabloid', marks: false });
    const offDoc = await PDFDocument.load(off.pdf);
    expect(pageContent(offDoc, offDoc.getPage(0).node)).not.toContain('[3 2] 0 d');

    // Letter pages on A3 are scaled to 97%, which leaves a narrow margin for the marks.
    const a3 = await imposePdf(await makePdf(4), { mode: 'booklet', sheet: 'a3' });
    expect(a3.sheet).toEqual({ name: 'a3', width: 1190.55, height: 841.89 });
    expect(a3.diagnostics.map((d) => [d.code, d.message])).toEqual([['impose/scaled', expect.stringContaining('97.2%')]]);
    const a3Doc = await PDFDocument.load(a3.pdf);
    expect(pageContent(a3Doc, a3Doc.getPage(0).node)).toContain('[3 2] 0 d');
  });

  it('A4 pages go on A3 by default, at full size', async () => {
    const r = await imposePdf(await makePdf(4, { size: [595.28, 841.89] }), { mode: 'booklet' });
    expect(r.sheet).toEqual({ name: 'a3', width: 1190.55, height: 841.89 });
    expect(r.diagnostics).toEqual([]);
  });

  it('imposes a page with no content as an empty page in its place', async () => {
    const doc = await PDFDocument.load(await makePdf(3));
    doc.insertPage(1, [612, 792]); // page 2: nothing drawn, no /Contents
    expect(doc.getPage(1).node.Contents()).toBeUndefined();
    const r = await imposePdf(await doc.save(), { mode: 'booklet' });
    expect(r.order).toEqual([
      [4, 1],
      [2, 3],
    ]);
    const text = await readSheets(r.pdf);
    expect(cellsSeen(text[0]!, 2, 1)).toEqual([3, 1]); // the old page 3 is now page 4
    expect(cellsSeen(text[1]!, 2, 1)).toEqual([null, 2]);
  });

  it('turns pages with /Rotate upright, in their place', async () => {
    const r = await impose(4, { mode: 'booklet' }, { rotated: [2] });
    expect(r.sheet.name).toBe('tabloid');
    expect(cellsSeen(r.text[1]!, 2, 1)).toEqual([2, 3]);
    const [two, three] = ['2', '3'].map((t) => r.text[1]!.words.find((w) => w.text === t)!);
    // same size, same baseline: the rotated page reads as upright as the other
    expect(Math.abs(two!.yMin - three!.yMin)).toBeLessThan(2);
    expect(Math.abs(two!.yMax - two!.yMin - (three!.yMax - three!.yMin))).toBeLessThan(2);
    expect(Math.abs((two!.xMin + two!.xMax) / 2 - 306)).toBeLessThan(3);
  });
});

describe('imposePdf: n-up', () => {
  it('2-up: 5 pages on 3 landscape sheets, side by side in reading order', async () => {
    const r = await impose(5, { mode: 'n-up', nUp: 2 });
    expect([r.sheets, r.sides, r.blanks]).toEqual([3, 3, 1]);
    expect(r.order).toEqual([[1, 2], [3, 4], [5, null]]);
    expect(r.sheet).toEqual({ name: 'tabloid', width: 1224, height: 792 });
    expect(r.text.map((s) => cellsSeen(s, 2, 1))).toEqual([[1, 2], [3, 4], [5, null]]);
    expect(r.text.map((s) => [s.width, s.height])).toEqual(Array(3).fill([1224, 792]));
  });

  it('4-up: 5 pages on 2 portrait letter sheets, in a 2×2 grid in reading order', async () => {
    const r = await impose(5, { mode: 'n-up', nUp: 4 });
    expect([r.sheets, r.sides, r.blanks]).toEqual([2, 2, 3]);
    expect(r.order).toEqual([[1, 2, 3, 4], [5, null, null, null]]);
    expect(r.sheet).toEqual({ name: 'letter', width: 612, height: 792 });
    expect(r.text.map((s) => cellsSeen(s, 2, 2))).toEqual([[1, 2, 3, 4], [5, null, null, null]]);
    const doc = await PDFDocument.load(r.pdf);
    expect(doc.getTitle()).toBe('Annual Impact Report (4-up)');
  });

  it('on a named sheet, turns it whichever way prints the pages larger', async () => {
    expect((await imposePdf(await makePdf(2), { mode: 'n-up', nUp: 2, sheet: 'a4' })).sheet).toEqual({ name: 'a4', width: 841.89, height: 595.28 });
    expect((await imposePdf(await makePdf(2), { mode: 'n-up', nUp: 4, sheet: 'a3' })).sheet).toEqual({ name: 'a3', width: 841.89, height: 1190.55 });
  });
});
