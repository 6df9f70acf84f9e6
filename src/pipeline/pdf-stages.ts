/**
 * The stages after the browser in the one contract, `(input, run) => output`: what a stage has to
 * say goes to `run`, whatever shape the layer below gives it in (a checker's failures, preflight's
 * issues, Ghostscript's warnings). The pipeline loads this module while Chromium prints, when Node
 * has nothing else to do: PDF parsing, the checker and preflight are not loaded before that.
 */
import type { PDFDocument } from 'pdf-lib';
import type { Options } from '../config/options.ts';
import type { Stage } from '../util/stage.ts';
import { collectHeadings, collectLinks, collectTables, plainText } from '../render/read-html.ts';
import { declaredFontFamilies, fallbackFonts } from '../pdf/fonts.ts';
import { postProcess, type DocumentInfo } from '../pdf/post/post-process.ts';
import { checkPdf, failuresAsDiagnostics } from '../check/check-pdf.ts';
import { convertToCmyk, findCmykProfile, type CmykProfile } from '../print/convert-to-cmyk.ts';
import { addPrintMarks, type PrintMarksInput } from '../print/add-print-marks.ts';
import { preflightIssuesAsDiagnostics, preflightPdf, type PreflightOptions } from '../preflight/preflight-pdf.ts';

export { findCmykProfile };

/**
 * Fonts the PDF embeds that the styles did not bundle: with no @font-face at all, every font is the
 * machine's own; otherwise Chromium fell back to one for a character the bundled fonts lack.
 */
export const checkFonts: Stage<{ doc: PDFDocument; html: string }, void> = ({ doc, html }, run) => {
  const fallbacks = fallbackFonts(doc, html);
  if (fallbacks.length === 0) return;
  if (declaredFontFamilies(html).length === 0) return run.warn('print/no-bundled-fonts', { fonts: fallbacks.join(', ') });
  for (const font of fallbacks) run.warn('print/fallback-font', { font });
};

/** The printed PDF (parsed once, changed in place) made PDF/UA: tags, text, links and bookmarks from the HTML; metadata when `info` is given. */
export const postProcessed: Stage<{ doc: PDFDocument; html: string; info?: DocumentInfo }, Uint8Array> = ({ doc, html, info }) =>
  postProcess(doc, { headings: collectHeadings(html), links: collectLinks(html), text: plainText(html), tables: collectTables(html), ...(info ? { info } : {}) });

/** folio's PDF/UA-1 check: each failure is one of the build's findings. */
export const check: Stage<Uint8Array, void> = async (pdf, run) => run.report(failuresAsDiagnostics((await checkPdf(pdf)).failures));

export const cmyk: Stage<{ pdf: Uint8Array; pdfx: Options['pdfx']; profile: CmykProfile; timeoutMs: number }, { pdf: Uint8Array; tagged: boolean }> = async (input, run) => {
  const converted = await convertToCmyk(input.pdf, input);
  run.report(converted.warnings);
  return converted;
};

export const printMarks: Stage<{ pdf: Uint8Array } & PrintMarksInput, Uint8Array> = ({ pdf, ...input }) => addPrintMarks(pdf, input);

/** A print shop's preflight: its errors are findings, its warnings warnings. */
export const preflight: Stage<{ pdf: Uint8Array } & PreflightOptions, void> = async ({ pdf, ...options }, run) =>
  run.report(preflightIssuesAsDiagnostics((await preflightPdf(pdf, options)).issues));
