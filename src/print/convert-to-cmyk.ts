import { execFile } from 'node:child_process';
import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { diagnostic, FolioError } from '../util/diagnostics.ts';
import type { PdfX } from '../config/options.ts';
import { PDFDocument } from 'pdf-lib';
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

/**
 * Converts every colour (text, vectors, images) to DeviceCMYK through the output profile with
 * Ghostscript. PDF/X-1a also needs PDF 1.3, which makes Ghostscript flatten transparency;
 * PDF/X-4 keeps live transparency in PDF 1.6. The fonts' Unicode mappings are then restored.
 */
export async function convertToCmyk(pdf: Uint8Array, options: { pdfx: PdfX; profile: CmykProfile; timeoutMs: number }): Promise<Uint8Array> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'folio-cmyk-'));
  try {
    const input = path.join(dir, 'in.pdf');
    const output = path.join(dir, 'out.pdf');
    await writeFile(input, pdf);
    const args = [
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
    await run('gs', args, options.timeoutMs);
    // Ghostscript writes stream lengths as indirect objects; pdf-lib then guesses where a stream
    // ends and drops a final CR byte of compressed data. qpdf rewrites every length directly.
    const direct = path.join(dir, 'direct.pdf');
    await run('qpdf', ['--object-streams=disable', '--stream-data=preserve', output, direct], options.timeoutMs);
    const converted = await PDFDocument.load(await readFile(direct), { updateMetadata: false });
    restoreToUnicode(converted, await PDFDocument.load(pdf, { updateMetadata: false }));
    return await converted.save({ useObjectStreams: false });
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
