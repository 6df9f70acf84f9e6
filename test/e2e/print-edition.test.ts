/**
 * The print edition read back: boxes and bleed on every page, marks outside the bleed, a CMYK
 * output intent and no RGB, PDF/X identification, and the same pages and text as the screen edition.
 */
import { beforeAll, describe, expect, inject, it } from 'vitest';
import os from 'node:os';
import path from 'node:path';
import { mkdtemp, readFile } from 'node:fs/promises';
import { execFile } from 'node:child_process';
import { PDFArray, PDFDict, PDFDocument, PDFName, PDFRawStream, decodePDFRawStream } from 'pdf-lib';
import { buildReport } from '../../src/index.ts';
import { ROOT, run } from '../helpers.ts';

const screen = inject('defaultBuild');
let print: string;
let doc: PDFDocument;

const options = () => ({ data: path.join(ROOT, 'data/psf-2023'), theme: path.join(ROOT, 'templates'), assets: path.join(ROOT, 'assets') });

beforeAll(async () => {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'folio-print-'));
  const result = await buildReport({ ...options(), profile: 'print', out: path.join(dir, 'print.pdf') });
  print = result.outFile;
  doc = await PDFDocument.load(await readFile(print));
});

const boxes = async (file: string) => {
  const { stdout } = await run('pdfinfo', ['-box', '-f', '1', '-l', '999', file]);
  const out: Record<string, number[]>[] = [];
  for (const m of stdout.matchAll(/Page\s+(\d+) (\w+):\s+([-\d.]+)\s+([-\d.]+)\s+([-\d.]+)\s+([-\d.]+)/g)) {
    (out[Number(m[1]) - 1] ??= {})[m[2]!] = [m[3], m[4], m[5], m[6]].map(Number);
  }
  return out;
};

describe('the print edition', () => {
  it('has trim, bleed and media boxes nested on every page, with 1/8 in of bleed', async () => {
    const pages = await boxes(print);
    expect(pages).toHaveLength(doc.getPageCount());
    for (const p of pages) {
      expect(p.TrimBox).toEqual([9, 9, 621, 801]);
      expect(p.BleedBox).toEqual([0, 0, 630, 810]);
      const [m, b, t] = [p.MediaBox!, p.BleedBox!, p.TrimBox!];
      expect(m[0]! < b[0]! && m[1]! < b[1]! && m[2]! > b[2]! && m[3]! > b[3]!).toBe(true);
      expect(b[0]! <= t[0]! - 9 && b[3]! >= t[3]! + 9).toBe(true);
    }
  });

  it('has the same pages and the same text on each page as the screen edition', async () => {
    const screenDoc = await PDFDocument.load(await readFile(screen.outFile));
    expect(doc.getPageCount()).toBe(screenDoc.getPageCount());
    // Poppler's layout analysis depends on the page's size (the print page has bleed and a slug),
    // so it may read columns in another order; which characters each page prints must not change:
    // they are compared as a sorted list (without hyphens, which pdftotext drops when it joins a
    // word broken across lines in one order). reading.test.ts compares the text in order.
    const chars = async (file: string) =>
      (await run('pdftotext', [file, '-'], { maxBuffer: 64 << 20 })).stdout
        .split('\f')
        .map((page) => [...page.replace(/[\s-]+/g, '')].sort().join(''));
    const [a, b] = await Promise.all([chars(screen.outFile), chars(print)]);
    expect(b.length).toBe(a.length);
    for (let p = 0; p < a.length; p++) expect(b[p], `page ${p + 1}`).toBe(a[p]);
  });

  it('runs full-bleed artwork into the bleed, and keeps the slug clear but for the marks', async () => {
    // Page 1 (the navy cover) at 72 dpi over the whole media box: 27 pt slug, then 9 pt bleed.
    const { stdout } = await run('pdftoppm', ['-r', '72', '-f', '1', '-l', '1', '-gray', print], { encoding: 'buffer', maxBuffer: 64 << 20 } as never);
    const pgm = stdout as unknown as Buffer;
    const header = /^P5\s+(\d+)\s+(\d+)\s+255\s/.exec(pgm.toString('latin1', 0, 40))!;
    const width = Number(header[1]);
    const px = (x: number, y: number) => pgm[header[0].length + y * width + x]!;
    expect(px(27 + 4, 27 + 200)).toBeLessThan(80); // in the bleed, left edge: navy
    expect(px(10, 27 + 200)).toBeGreaterThan(240); // in the slug, away from marks: paper
  });

  it('is CMYK only, with a CMYK output intent and its ICC profile', async () => {
    const intents = doc.catalog.lookup(PDFName.of('OutputIntents'), PDFArray);
    const intent = doc.context.lookup(intents.get(0), PDFDict);
    expect(intent.get(PDFName.of('S'))).toBe(PDFName.of('GTS_PDFX'));
    const icc = doc.context.lookup(intent.get(PDFName.of('DestOutputProfile'))) as PDFRawStream;
    expect(icc.dict.get(PDFName.of('N'))?.toString()).toBe('4');
    expect(Buffer.from(decodePDFRawStream(icc).decode()).toString('latin1', 16, 20)).toBe('CMYK');
    // Ghostscript's ink coverage device reads every page in CMYK; the qdf text has no RGB operators or spaces.
    const qdf = path.join(path.dirname(print), 'qdf.pdf');
    await run('qpdf', ['--qdf', '--object-streams=disable', print, qdf]);
    const text = (await readFile(qdf)).toString('latin1');
    expect(text).not.toMatch(/\/DeviceRGB|\/CalRGB|\s(rg|RG)\n/);
    expect(text.match(/\/ICCBased/g) ?? []).toEqual([]);
    expect(text).toMatch(/\s(k|K)\n/);
  });

  it('says it is PDF/X-4 in the Info dictionary and in XMP, with every font embedded', async () => {
    const { stdout } = await run('pdfinfo', ['-meta', print]);
    expect(stdout).toContain('<pdfxid:GTS_PDFXVersion>PDF/X-4</pdfxid:GTS_PDFXVersion>');
    const info = (await run('pdfinfo', [print])).stdout;
    expect(info).toMatch(/PDF version:\s+1\.6/);
    const infoDict = doc.context.lookup(doc.context.trailerInfo.Info, PDFDict);
    expect(infoDict.get(PDFName.of('GTS_PDFXVersion'))?.toString()).toBe('(PDF/X-4)');
    expect(infoDict.get(PDFName.of('Trapped'))).toBe(PDFName.of('False'));
    const fonts = (await run('pdffonts', [print])).stdout.split('\n').slice(2).filter(Boolean);
    for (const row of fonts) expect(row.split(/\s+/).slice(-5, -4)).toEqual(['yes']);
  });

  it('makes PDF/X-1a on request: PDF 1.3, flattened, with its identification', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'folio-x1a-'));
    const x1a = await buildReport({ ...options(), profile: 'print', pdfx: 'x1a', out: path.join(dir, 'x1a.pdf') });
    const info = (await run('pdfinfo', [x1a.outFile])).stdout;
    expect(info).toMatch(/PDF version:\s+1\.3/);
    expect(info).toMatch(new RegExp(`Pages:\\s+${doc.getPageCount()}\\b`));
    const raw = (await readFile(x1a.outFile)).toString('latin1');
    expect(raw).toMatch(/\/GTS_PDFXConformance \(PDF\/X-1a:2001\)/);
    expect(raw).not.toMatch(/\/SMask|\/CA 0\.|\/ca 0\./);
  });
});

describe('folio preflight and folio impose on the print edition', () => {
  const cli = (...args: string[]) =>
    new Promise<{ code: number; stdout: string }>((resolve) =>
      execFile(process.execPath, [path.join(ROOT, 'bin/folio.js'), ...args, '--json'], { maxBuffer: 16 << 20 }, (e, stdout) => resolve({ code: e ? Number(e.code) : 0, stdout })),
    );

  it('passes preflight: boxes, bleed, embedded fonts, CMYK only, PDF/X-4', async () => {
    const { code, stdout } = await cli('preflight', print);
    const result = JSON.parse(stdout);
    expect(result.issues.filter((i: { severity: string }) => i.severity === 'error')).toEqual([]);
    expect(code).toBe(0);
    expect(result.pdfx).toBe('PDF/X-4');
    expect(result.colourSpaces.filter((c: string) => /RGB|Lab/.test(c))).toEqual([]);
    expect(result.fonts.every((f: { embedded: boolean }) => f.embedded)).toBe(true);
  });

  it('fails the screen edition, which is RGB and has no trim or bleed', async () => {
    const { code, stdout } = await cli('preflight', screen.outFile);
    expect(code).toBe(1);
    const checks = new Set(JSON.parse(stdout).issues.map((i: { check: string }) => i.check));
    expect(checks).toEqual(new Set(['boxes', 'colour']));
  });

  it('makes a saddle-stitched booklet on tabloid sheets, back cover last', async () => {
    const out = path.join(path.dirname(print), 'booklet.pdf');
    const { code, stdout } = await cli('impose', print, '--booklet', '--out', out);
    expect(code).toBe(0);
    const result = JSON.parse(stdout);
    const n = doc.getPageCount();
    const padded = Math.ceil(n / 4) * 4;
    expect(result.sides).toBe(padded / 2);
    expect(result.order[0]).toEqual([n, 1]);
    expect((await run('pdfinfo', [out])).stdout).toMatch(/Page size:\s+1224 x 792 pts/);
  });
});
