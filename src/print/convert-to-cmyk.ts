import { execFile } from 'node:child_process';
import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { diagnostic, FolioError, type Diagnostic } from '../util/diagnostics.ts';
import type { PdfX } from '../config/options.ts';
import { deflateSync } from 'node:zlib';
import { PDFArray, PDFDocument, PDFName, PDFRawStream } from 'pdf-lib';
import { colourKey, coloursIn, contentStreams, rewriteColours, setGroupsToCmyk, unconvertible, type ColourStream, type DeviceColour } from '../pdf/colours.ts';
import { numbers, parseOperations } from '../pdf/content-stream.ts';
import { pageContent } from '../pdf/objects.ts';
import { restoreToUnicode } from '../pdf/to-unicode.ts';

/** Where Debian's (and most Linux distributions') Ghostscript keeps its ICC profiles. */
const GS_SHARE = '/usr/share/ghostscript';

export interface CmykProfile {
  file: string;
  bytes: Uint8Array;
  /** What the profile describes, for the output intent. */
  description: string;
}

/**
 * The CMYK characterisation the print file is converted to and declares as its output intent:
 * Ghostscript's default CMYK profile (SWOP-like), which ships with Debian's `ghostscript`.
 */
export async function findCmykProfile(): Promise<CmykProfile> {
  const versions = (await readdir(GS_SHARE).catch(() => [] as string[])).sort().reverse();
  for (const v of versions) {
    const file = path.join(GS_SHARE, v, 'iccprofiles', 'default_cmyk.icc');
    const bytes = await readFile(file).catch(() => undefined);
    if (bytes) return { file, bytes, description: iccDescription(bytes) ?? 'Ghostscript default CMYK' };
  }
  throw new FolioError(diagnostic('print/no-ghostscript', { what: 'Ghostscript (its default CMYK ICC profile)' }));
}

function run(tool: 'gs' | 'qpdf', args: string[], timeout: number): Promise<void> {
  return new Promise<void>((resolve, reject) =>
    execFile(tool, args, { timeout, maxBuffer: 16 << 20 }, (error, _stdout, stderr) => {
      // qpdf exits 3 for warnings it has repaired.
      if (!error || (tool === 'qpdf' && error.code === 3)) return resolve();
      if (error.killed) return reject(new FolioError(diagnostic('stage/timeout', { stage: 'cmyk', ms: String(timeout), reason: `${tool} was stopped` }), { cause: error }));
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
        return reject(new FolioError(diagnostic('print/no-ghostscript', { what: tool === 'gs' ? 'Ghostscript (gs)' : 'qpdf' }), { cause: error }));
      }
      reject(new FolioError(diagnostic('print/cmyk-failed', { reason: `${tool}: ${(stderr || error.message).trim().split('\n').slice(0, 3).join(' ')}` }), { cause: error }));
    }),
  );
}

/** The profile's `desc` tag (ICC v2 textDescriptionType), when it has one. */
function iccDescription(icc: Uint8Array): string | undefined {
  const view = Buffer.from(icc);
  const count = view.readUInt32BE(128);
  for (let i = 0; i < count; i++) {
    const at = 132 + i * 12;
    if (view.toString('latin1', at, at + 4) !== 'desc') continue;
    const offset = view.readUInt32BE(at + 4);
    if (view.toString('latin1', offset, offset + 4) !== 'desc') return undefined;
    const length = view.readUInt32BE(offset + 8);
    return view.toString('latin1', offset + 12, offset + 12 + length).replace(/\0+$/, '');
  }
  return undefined;
}

export interface Converted {
  pdf: Uint8Array;
  /** Whether the structure tree came through (folio converted the colours in place). */
  tagged: boolean;
  /** print/untagged when Ghostscript had to convert the whole file (and dropped its tags). */
  warnings: Diagnostic[];
}

/**
 * Converts every colour to DeviceCMYK through the output profile. For PDF/X-4, folio rewrites the
 * colour operators itself, with the CMYK values Ghostscript computes for each colour, so the text,
 * the marked content and the structure tree stay exactly as post-processing left them: the print
 * edition reads as the screen edition does. Ghostscript converts the whole file when that cannot
 * be done — PDF/X-1a (PDF 1.3: transparency flattened) or content beyond text and vector colours —
 * and then the tags are lost (a print/untagged warning says so).
 */
export async function convertToCmyk(pdf: Uint8Array, options: CmykOptions): Promise<Converted> {
  const doc = await PDFDocument.load(pdf, { updateMetadata: false });
  const beyond = unconvertible(doc);
  const tagged = doc.catalog.has(PDFName.of('StructTreeRoot'));
  if (options.pdfx === 'x4' && beyond.length === 0) return { pdf: await convertInPlace(doc, options), tagged, warnings: [] };
  const reason = options.pdfx === 'x1a' ? 'PDF/X-1a flattens transparency' : `it has ${beyond.join(', ')}`;
  const warnings = tagged ? [diagnostic('print/untagged', { reason })] : [];
  return { pdf: await convertWithGhostscript(pdf, options), tagged: false, warnings };
}

interface CmykOptions {
  pdfx: PdfX;
  profile: CmykProfile;
  timeoutMs: number;
}

/** Ghostscript's pdfwrite to DeviceCMYK through the output profile, as PDF 1.3 (X-1a) or 1.6. */
function ghostscriptArgs(options: CmykOptions, input: string, output: string): string[] {
  return [
    '-dSAFER',
    '-dBATCH',
    '-dNOPAUSE',
    '-dQUIET',
    '-sDEVICE=pdfwrite',
    `-dCompatibilityLevel=${options.pdfx === 'x1a' ? '1.3' : '1.6'}`,
    '-sColorConversionStrategy=CMYK',
    '-sProcessColorModel=DeviceCMYK',
    `-sOutputICCProfile=${options.profile.file}`,
    '-dAutoRotatePages=/None',
    '-dEmbedAllFonts=true',
    '-dSubsetFonts=true',
    '-dDownsampleColorImages=false',
    '-dDownsampleGrayImages=false',
    `-sOutputFile=${output}`,
    input,
  ];
}

/** Runs Ghostscript on `pdf` and reads the result back (qpdf rewrites the stream lengths). */
async function ghostscript(pdf: Uint8Array, options: CmykOptions): Promise<PDFDocument> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'folio-cmyk-'));
  try {
    const input = path.join(dir, 'in.pdf');
    const output = path.join(dir, 'out.pdf');
    await writeFile(input, pdf);
    await run('gs', ghostscriptArgs(options, input, output), options.timeoutMs);
    // Ghostscript writes stream lengths as indirect objects; pdf-lib then guesses where a stream
    // ends and drops a final CR byte of compressed data. qpdf rewrites every length directly.
    const direct = path.join(dir, 'direct.pdf');
    await run('qpdf', ['--object-streams=disable', '--stream-data=preserve', output, direct], options.timeoutMs);
    return await PDFDocument.load(await readFile(direct), { updateMetadata: false });
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** The whole file through Ghostscript; the fonts' Unicode mappings are then restored. */
async function convertWithGhostscript(pdf: Uint8Array, options: CmykOptions): Promise<Uint8Array> {
  const converted = await ghostscript(pdf, options);
  restoreToUnicode(converted, await PDFDocument.load(pdf, { updateMetadata: false }));
  return converted.save({ useObjectStreams: false });
}

/** Every colour operator rewritten to CMYK, transparency groups blending in CMYK; nothing else touched. */
async function convertInPlace(doc: PDFDocument, options: CmykOptions): Promise<Uint8Array> {
  const streams = contentStreams(doc);
  const colours = new Map(streams.flatMap((s) => coloursIn(s.text)).map((c) => [colourKey(c), c]));
  const table = await cmykValues([...colours.values()], options);
  for (const stream of streams) setStreamText(doc, stream, rewriteColours(stream.text, table));
  setGroupsToCmyk(doc, (c) => table.get(colourKey(c)));
  return doc.save({ useObjectStreams: false });
}

function setStreamText(doc: PDFDocument, stream: ColourStream, text: string): void {
  const [first, ...rest] = stream.streams;
  if (!first) return;
  const old = doc.context.lookup(first) as PDFRawStream;
  const dict = old.dict.clone(doc.context);
  for (const key of ['Length', 'Filter', 'DecodeParms']) dict.delete(PDFName.of(key));
  dict.set(PDFName.of('Filter'), PDFName.of('FlateDecode'));
  doc.context.assign(first, PDFRawStream.of(dict, deflateSync(Buffer.from(text, 'latin1'))));
  // A page's several streams become its first one (their text was joined).
  if (rest.length > 0) {
    for (const page of doc.getPages()) {
      const contents = doc.context.lookup(page.node.get(PDFName.of('Contents')));
      if (contents instanceof PDFArray && contents.asArray().includes(first)) page.node.set(PDFName.of('Contents'), first);
    }
    for (const ref of rest) doc.context.delete(ref);
  }
}

/**
 * The CMYK values (or, when Ghostscript keeps a gray, the gray) of each colour, as Ghostscript
 * converts them: one page that fills a small box in each colour, in order, through the same
 * conversion as a whole file, read back box by box.
 */
async function cmykValues(colours: DeviceColour[], options: CmykOptions): Promise<Map<string, number[]>> {
  if (colours.length === 0) return new Map();
  const probe = await PDFDocument.create();
  const page = probe.addPage([20, colours.length * 4 + 4]);
  const fills = colours.map((c, i) => `${c.values.join(' ')} ${c.space === 'rgb' ? 'rg' : 'g'} 2 ${i * 4 + 2} 10 2 re f`);
  page.node.set(PDFName.of('Contents'), probe.context.register(probe.context.stream(fills.join('\n'))));
  const converted = await ghostscript(await probe.save(), options);
  const got = filledColours(pageContent(converted, converted.getPages()[0]!.node));
  if (got.length !== colours.length) {
    throw new FolioError(diagnostic('print/cmyk-failed', { reason: `Ghostscript gave back ${got.length} of ${colours.length} colours` }));
  }
  return new Map(colours.map((c, i) => [colourKey(c), got[i]!]));
}

/** The fill colour of each filled path, in order: k (CMYK) or g (gray) operands. */
function filledColours(text: string): number[][] {
  const out: number[][] = [];
  let fill: number[] = [0];
  for (const op of parseOperations(text)) {
    if (op.op === 'k' || op.op === 'g') fill = numbers(op.operands);
    else if (op.op === 'rg') throw new FolioError(diagnostic('print/cmyk-failed', { reason: 'Ghostscript kept an RGB colour' }));
    else if (['f', 'f*', 'F'].includes(op.op)) out.push(fill);
  }
  return out;
}
