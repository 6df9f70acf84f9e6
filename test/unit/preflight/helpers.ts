/** Shared by preflight's tests: run preflight on a print fixture, and pick issues out of the report. */
import { PDFName } from 'pdf-lib';
import { preflightPdf, type PreflightOptions, type PreflightReport } from '../../../src/preflight/preflight-pdf.ts';
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
