/** Shared by preflight's tests: run preflight on a print fixture, and pick issues out of the report. */
import { PDFName } from 'pdf-lib';
import { preflightPdf, type PreflightOptions, type PreflightReport } from '../../../src/preflight/preflight-pdf.ts';
import type { Check } from '../../../src/preflight/check.ts';
import type { PageFacts, PreflightFacts, Rect } from '../../../src/preflight/facts.ts';
import type { ResolvedOptions } from '../../../src/preflight/report.ts';
import { makePrintPdf, type PrintFixtureOptions } from '../../print-fixtures.ts';

export const N = (s: string) => PDFName.of(s);

export async function preflight(options: PrintFixtureOptions = {}, pf: PreflightOptions = {}): Promise<PreflightReport> {
  return preflightPdf(await makePrintPdf(options), pf);
}

export const of = (r: PreflightReport, check: string) => r.issues.filter((i) => i.check === check);
/** "check:severity" of every issue, sorted and deduplicated. */
export const kinds = (r: PreflightReport) => [...new Set(r.issues.map((i) => `${i.check}:${i.severity}`))].sort();

/** Adds `extra` to page `page`'s content (others stay clean). */
export const onPage = (page: number, extra: string): PrintFixtureOptions['content'] => (p, text) => (p === page ? `${text}\n${extra}` : text);

/** The default options, resolved. */
export const OPTIONS: ResolvedOptions = { minPpi: 300, hairline: 0.25, inkLimit: 300, minBleed: 8.5, pdfx: 'any' };

/** A page's facts: a letter trim with 9 pt of bleed on a larger MediaBox, unless told otherwise. */
export function pageFacts(page: number, over: Partial<PageFacts> = {}): PageFacts {
  const bleedBox: Rect = [27, 27, 657, 837];
  return {
    page,
    object: `${page + 10} 0 R`,
    mediaBox: [0, 0, 684, 864],
    bleedBox,
    trimBox: [36, 36, 648, 828],
    effectiveBleed: over.bleedBox ?? bleedBox,
    declaresTrimBox: true,
    declaresArtBox: false,
    colourSpaces: new Set(['DeviceCMYK']),
    ...over,
  };
}

/** A document's facts: clean, one page, no PDF/X claim, unless told otherwise. */
export function facts(over: Partial<PreflightFacts> = {}): PreflightFacts {
  return {
    pages: [pageFacts(1)],
    colourSpaces: new Set(['DeviceCMYK']),
    fonts: [],
    rgb: [],
    inked: [],
    strokes: [],
    images: [],
    imageInk: [],
    transparency: [],
    document: { hasXmp: false, trapped: { present: false }, outputIntents: { count: 0 }, version: 1.6 },
    ...over,
  };
}

/** What one check finds in the facts, with the default options changed by `options`. */
export const findings = (check: Check, f: PreflightFacts, options: Partial<ResolvedOptions> = {}) => [...check.test(f, { ...OPTIONS, ...options })];
