/**
 * folio's PDF/UA-1 checker: reads a finished PDF and reports, rule by rule, what keeps it from
 * conforming to ISO 14289-1, with veraPDF's rule ids ("7.1-3" is clause 7.1, test 3 of veraPDF's
 * PDF/UA-1 profile, see https://github.com/veraPDF/veraPDF-validation-profiles/wiki/PDFUA-Part-1-rules)
 * so a failure can be looked up. A few navigation rules are folio's own (ids "folio-…", clause "folio").
 *
 * The rules live one module per clause in rules/, each a small test over the model (model.ts)
 * that run.ts builds once per document. Failures of the page-content rules are counted per page
 * rather than listed per operator, and glyph-level font failures per font.
 */
import { PDFDocument } from 'pdf-lib';
import { diagnostic, fail, type Diagnostic } from '../util/diagnostics.ts';
import { ALL_RULES } from './rules/index.ts';
import { runRules, type CheckFailure } from './run.ts';

export type { CheckFailure } from './run.ts';

export interface CheckResult {
  failures: CheckFailure[];
  /** Every rule id checked. */
  rules: string[];
  pages: number;
}

export interface RuleInfo {
  id: string;
  clause: string;
  /** What the rule requires. */
  summary: string;
}

/** Every rule checkPdf evaluates, in report order. */
export const RULES: readonly RuleInfo[] = ALL_RULES.map((r) => ({ id: r.id, clause: r.clause, summary: r.description }));

/**
 * Checks a PDF given as bytes, or as a document pdf-lib has already loaded (the build parses its
 * PDF once for post-processing and the check). The document is only read, never changed.
 */
export async function checkPdf(pdf: Uint8Array | PDFDocument, source: { file?: string } = {}): Promise<CheckResult> {
  const doc = pdf instanceof PDFDocument ? pdf : await loadForCheck(pdf, source.file);
  const { failures, pages } = runRules(doc, pdf instanceof PDFDocument ? undefined : pdf);
  return { failures, rules: RULES.map((r) => r.id), pages };
}

async function loadForCheck(pdf: Uint8Array, file: string | undefined): Promise<PDFDocument> {
  // A PDF may have some bytes before its header (ISO 32000-1, annex H.2); anything else is not a PDF.
  if (!Buffer.from(pdf.subarray(0, 1024)).toString('latin1').includes('%PDF-')) {
    fail('check/unreadable', { file, reason: 'it is not a PDF (it does not begin with a %PDF- header)', notPdf: 'yes' }, { file });
  }
  try {
    return await PDFDocument.load(pdf, { updateMetadata: false, ignoreEncryption: true, throwOnInvalidObject: false });
  } catch (e) {
    fail('check/unreadable', { file, reason: e instanceof Error ? e.message : String(e) }, { file }, e);
  }
}

/** Failures in the shape every other folio problem has: a code, a message and a place. */
export function failuresAsDiagnostics(failures: CheckFailure[], file?: string): Diagnostic[] {
  return failures.map((f) =>
    diagnostic('check/failed', { rule: f.rule, clause: f.clause, message: f.message }, { file, page: f.page, object: f.object, structure: f.path }),
  );
}
