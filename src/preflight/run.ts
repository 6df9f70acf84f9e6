/**
 * The runner: reads the document's facts once (facts.ts), hands them to every check
 * (checks/index.ts), and puts the findings and the facts the report shows together.
 */
import type { PDFDocument } from 'pdf-lib';
import type { Check, Finding } from './check.ts';
import { pdfxClaim } from './check.ts';
import { ALL_CHECKS } from './checks/index.ts';
import { readFacts, type PageFacts, type PreflightFacts } from './facts.ts';
import type { PreflightIssue, PreflightPage, PreflightReport, ResolvedOptions } from './report.ts';

export function runPreflight(doc: PDFDocument, bytes: Uint8Array, options: ResolvedOptions, checks: readonly Check[] = ALL_CHECKS): PreflightReport {
  const facts = readFacts(doc, bytes);
  const issues: PreflightIssue[] = [];
  for (const c of checks) for (const f of c.test(facts, options)) issues.push(issueOf(c, f));
  const ids = [...new Set(checks.map((c) => c.id))];
  issues.sort((a, b) => ids.indexOf(a.check) - ids.indexOf(b.check) || (a.page ?? 0) - (b.page ?? 0));
  return report(facts, issues);
}

function issueOf(c: Check, f: Finding): PreflightIssue {
  const i: PreflightIssue = { severity: f.severity, check: c.id, message: f.message };
  if (f.page !== undefined) i.page = f.page;
  if (f.object !== undefined) i.object = f.object;
  return i;
}

function report(facts: PreflightFacts, issues: PreflightIssue[]): PreflightReport {
  const r: PreflightReport = {
    pages: facts.pages.map(pageReport),
    fonts: facts.fonts.map(({ name, embedded, subset, type }) => ({ name, embedded, subset, type })),
    colourSpaces: [...facts.colourSpaces].sort(),
    issues,
  };
  const version = pdfxClaim(facts).version;
  const oi = facts.document.outputIntents.pdfx;
  if (version !== undefined) r.pdfx = version;
  if (oi) r.outputIntent = { identifier: oi.identifier, ...(oi.profileComponents !== undefined ? { profileComponents: oi.profileComponents } : {}) };
  return r;
}

function pageReport(p: PageFacts): PreflightPage {
  const out: PreflightPage = { page: p.page, mediaBox: p.mediaBox, colourSpaces: [...p.colourSpaces].sort() };
  if (p.cropBox) out.cropBox = p.cropBox;
  if (p.bleedBox) out.bleedBox = p.bleedBox;
  if (p.trimBox) out.trimBox = p.trimBox;
  if (p.artBox) out.artBox = p.artBox;
  return out;
}
