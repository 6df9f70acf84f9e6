/**
 * folio's print preflight: reads a finished PDF and reports what a print shop's preflight would
 * reject or question — page boxes and bleed, unembedded fonts, RGB left in the file, images too
 * coarse for their printed size, hairlines, total ink coverage above the press's limit, and the
 * PDF/X requirements the file claims (/GTS_PDFXVersion).
 *
 * The runner (run.ts) reads the document's facts once (facts.ts: the content through the PDF
 * layer's interpreter, as a RIP sees it) and hands them to one small check per requirement
 * (checks/…, each with the report's check id).
 *
 * Printer's marks (crop and registration marks, colour bars) are exempt from the hairline and ink
 * checks — registration marks are 400 % and 0.25 pt by design. Marks are recognised two ways:
 *  - painting inside a marked-content sequence tagged `/PrinterMarks`, or whose properties have
 *    `/Subtype /PrinterMarks` (folio wraps its crop marks in
 *    `/Artifact <</Type /Pagination /Subtype /PrinterMarks>> BDC … EMC`);
 *  - paths drawn entirely outside the page's BleedBox (in the slug), whatever their tagging.
 */
import { PDFDocument } from 'pdf-lib';
import { diagnostic, fail, type Diagnostic } from '../util/diagnostics.ts';
import type { PreflightIssue, PreflightOptions, PreflightReport, ResolvedOptions } from './report.ts';
import { runPreflight } from './run.ts';

export type { PreflightFont, PreflightIssue, PreflightOptions, PreflightPage, PreflightReport } from './report.ts';

export async function preflightPdf(pdf: Uint8Array, options: PreflightOptions = {}): Promise<PreflightReport> {
  const opts = resolveOptions(options);
  let doc: PDFDocument;
  try {
    doc = await PDFDocument.load(pdf, { updateMetadata: false, ignoreEncryption: true });
  } catch (e) {
    fail('preflight/unreadable', { reason: e instanceof Error ? e.message : String(e) }, {}, e);
  }
  return runPreflight(doc, pdf, opts);
}

/** Preflight issues in the shape every other folio problem has: a code, a message and a place. */
export function preflightIssuesAsDiagnostics(issues: PreflightIssue[], file?: string): Diagnostic[] {
  return issues.map((i) =>
    diagnostic(i.severity === 'error' ? 'preflight/error' : 'preflight/warning', { check: i.check, message: i.message }, { file, page: i.page, object: i.object }),
  );
}

function resolveOptions(o: PreflightOptions): ResolvedOptions {
  const out: ResolvedOptions = {
    minPpi: o.minPpi ?? 300,
    hairline: o.hairline ?? 0.25,
    inkLimit: o.inkLimit ?? 300,
    minBleed: o.minBleed ?? 8.5,
    pdfx: o.pdfx ?? 'any',
  };
  for (const k of ['minPpi', 'hairline', 'inkLimit', 'minBleed'] as const) {
    const v = out[k];
    if (typeof v !== 'number' || !Number.isFinite(v) || v < 0) {
      fail('preflight/bad-option', { option: k, reason: `it must be a number ≥ 0, not ${String(v)}` });
    }
  }
  if (!['x4', 'x1a', 'any'].includes(out.pdfx)) {
    fail('preflight/bad-option', { option: 'pdfx', reason: `it must be x4, x1a or any, not ${String(out.pdfx)}` });
  }
  return out;
}
