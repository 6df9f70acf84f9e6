import { deflateSync } from 'node:zlib';
import { PDFArray, PDFDocument, PDFName, PDFNumber, PDFRef, PDFString } from 'pdf-lib';
import type { Mark, PdfX } from '../config/options.ts';
import type { CmykProfile } from './convert-to-cmyk.ts';
import { diagnostic, FolioError } from '../util/diagnostics.ts';
import { setDocumentId, setMetadata, type DocumentInfo } from '../pdf/post/metadata.ts';
import { setOutlineTitles } from '../pdf/post/navigation.ts';
import { setPageLabels } from '../pdf/post/page-labels.ts';

export interface PrintMarksInput {
  /** Trim size and bleed, in points. The printed page is the trim plus the bleed on every side. */
  trim: { width: number; height: number };
  bleed: number;
  marks: Mark[];
  pdfx: PdfX;
  profile: CmykProfile;
  info: Omit<DocumentInfo, 'claims'>;
  /** The headings' texts, in order: the bookmarks' titles (Ghostscript keeps Chromium's broken ones). */
  headings: string[];
}

/** Crop marks start this far outside the bleed, and are this long (points). */
const MARK_GAP = 3;
const MARK_LENGTH = 18;
/** The slug: room outside the bleed for the marks. */
export const SLUG = MARK_GAP + MARK_LENGTH + 6;
/** Registration colour: all four inks, so every plate shows the mark. */
const REGISTRATION = '1 1 1 1 K 1 1 1 1 k';

/**
 * Bytes in, bytes out: turns a CMYK PDF printed at trim + bleed into a print shop's file — page
 * boxes (MediaBox ⊇ BleedBox ⊇ TrimBox), crop and registration marks in the slug outside the
 * bleed (as printer's-mark artifacts, never over the artwork), and the PDF/X output intent and
 * identification in Info and XMP.
 */
export async function addPrintMarks(pdf: Uint8Array, input: PrintMarksInput): Promise<Uint8Array> {
  try {
    const doc = await PDFDocument.load(pdf, { updateMetadata: false });
    const { width, height } = input.trim;
    const b = input.bleed;
    const box = (x0: number, y0: number, x1: number, y1: number) => doc.context.obj([x0, y0, x1, y1].map((n) => PDFNumber.of(round(n))));
    for (const page of doc.getPages()) {
      const node = page.node;
      node.set(PDFName.of('MediaBox'), box(-SLUG, -SLUG, width + 2 * b + SLUG, height + 2 * b + SLUG));
      node.delete(PDFName.of('CropBox'));
      node.set(PDFName.of('BleedBox'), box(0, 0, width + 2 * b, height + 2 * b));
      node.set(PDFName.of('TrimBox'), box(b, b, width + b, height + b));
      if (input.marks.length > 0) appendContent(doc, node, marksContent(width, height, b, input.marks));
    }
    setOutputIntent(doc, input.profile);
    setOutlineTitles(doc, input.headings);
    setPageLabels(doc);
    // A file that kept its tags through the conversion is PDF/UA-1 as well (the pipeline checks it).
    setMetadata(doc, { ...input.info, claims: { pdfx: input.pdfx, pdfua: doc.catalog.has(PDFName.of('StructTreeRoot')) } });
    setDocumentId(doc, await doc.save({ useObjectStreams: false }));
    // PDF/X-1a is PDF 1.3 (no object streams); PDF/X-4 is PDF 1.6, which allows them.
    const bytes = await doc.save({ useObjectStreams: input.pdfx === 'x4' });
    return withHeaderVersion(bytes, input.pdfx === 'x1a' ? '1.3' : '1.6');
  } catch (e) {
    if (e instanceof FolioError) throw e;
    throw new FolioError(diagnostic('postprocess/failed', { reason: (e as Error).message }), { cause: e });
  }
}

/**
 * pdf-lib always writes `%PDF-1.7`; PDF/X fixes the version. The version is the header's last
 * three bytes, so it is replaced in place and no offset moves.
 */
export function withHeaderVersion(pdf: Uint8Array, version: '1.3' | '1.6'): Uint8Array {
  if (Buffer.from(pdf.subarray(0, 8)).toString('latin1') !== '%PDF-1.7') throw new Error('unexpected PDF header');
  pdf.set(Buffer.from(version, 'latin1'), 5);
  return pdf;
}

const round = (n: number) => Math.round(n * 1000) / 1000;

/** The marks' drawing operators, in the page's own coordinates (origin at the bleed's corner). */
export function marksContent(width: number, height: number, b: number, marks: Mark[]): string {
  const ops: string[] = [];
  const line = (x0: number, y0: number, x1: number, y1: number) => ops.push(`${round(x0)} ${round(y0)} m ${round(x1)} ${round(y1)} l S`);
  const [left, right, bottom, top] = [b, width + b, b, height + b];
  // Distances from the trim line: the marks start just outside the bleed.
  const near = b + MARK_GAP;
  const far = b + MARK_GAP + MARK_LENGTH;
  if (marks.includes('crop')) {
    for (const x of [left, right]) {
      const out = x === left ? -1 : 1;
      for (const y of [bottom, top]) {
        const up = y === bottom ? -1 : 1;
        // Horizontal mark on the trim line's extension, then the vertical one, both beyond the bleed.
        line(x + out * near, y, x + out * far, y);
        line(x, y + up * near, x, y + up * far);
      }
    }
  }
  if (marks.includes('registration')) {
    const r = 5;
    const centres = [
      [(left + right) / 2, -SLUG / 2],
      [(left + right) / 2, height + 2 * b + SLUG / 2],
      [-SLUG / 2, (bottom + top) / 2],
      [width + 2 * b + SLUG / 2, (bottom + top) / 2],
    ];
    for (const [cx, cy] of centres as [number, number][]) {
      const k = 0.5523 * r;
      ops.push(
        `${round(cx + r)} ${round(cy)} m ${round(cx + r)} ${round(cy + k)} ${round(cx + k)} ${round(cy + r)} ${round(cx)} ${round(cy + r)} c ` +
          `${round(cx - k)} ${round(cy + r)} ${round(cx - r)} ${round(cy + k)} ${round(cx - r)} ${round(cy)} c ` +
          `${round(cx - r)} ${round(cy - k)} ${round(cx - k)} ${round(cy - r)} ${round(cx)} ${round(cy - r)} c ` +
          `${round(cx + k)} ${round(cy - r)} ${round(cx + r)} ${round(cy - k)} ${round(cx + r)} ${round(cy)} c S`,
      );
      line(cx - r - 3, cy, cx + r + 3, cy);
      line(cx, cy - r - 3, cx, cy + r + 3);
    }
  }
  // Marked as printer's marks so tools (and folio's preflight) know they are not artwork.
  return `q /Artifact <</Type /Pagination /Subtype /PrinterMarks>> BDC 0.3 w 0 J [] 0 d ${REGISTRATION}\n${ops.join('\n')}\nEMC Q`;
}

/** Wraps the existing content in q … Q (so its graphics state cannot leak) and adds `extra` after it. */
function appendContent(doc: PDFDocument, node: ReturnType<PDFDocument['getPages']>[number]['node'], extra: string): void {
  const stream = (text: string) => doc.context.register(doc.context.stream(deflateSync(Buffer.from(text, 'latin1')), { Filter: 'FlateDecode' }));
  const old = node.get(PDFName.of('Contents'));
  const existing = old instanceof PDFRef && doc.context.lookup(old) instanceof PDFArray ? (doc.context.lookup(old) as PDFArray).asArray() : old instanceof PDFArray ? old.asArray() : old ? [old] : [];
  node.set(PDFName.of('Contents'), doc.context.obj([stream('q'), ...existing, stream('Q'), stream(extra)]));
}

/** The PDF/X output intent: the CMYK profile the colours were converted to, embedded. */
function setOutputIntent(doc: PDFDocument, profile: CmykProfile): void {
  const icc = doc.context.register(doc.context.stream(deflateSync(profile.bytes), { N: 4, Filter: 'FlateDecode' }));
  const intent = doc.context.obj({
    Type: 'OutputIntent',
    S: 'GTS_PDFX',
    OutputConditionIdentifier: PDFString.of('Custom'),
    OutputCondition: PDFString.of(profile.description),
    Info: PDFString.of(profile.description),
    RegistryName: PDFString.of('http://www.color.org'),
    DestOutputProfile: icc,
  });
  doc.catalog.set(PDFName.of('OutputIntents'), doc.context.obj([intent]));
}
