/**
 * PDF/X (ISO 15930): what a file that claims PDF/X-1a or PDF/X-4 — or is asked to be one with
 * the pdfx option — must have: the claim itself, an output intent, /Trapped, matching XMP, one
 * finished-size box per page, a PDF version the standard allows, and for X-1a device colour only
 * (its transparency rule is in transparency.ts).
 */
import { error, pdfxClaim, pdfxTarget, warning, type Check } from '../check.ts';
import { NS_PDFXID } from '../facts/document.ts';
import type { OutputIntentFacts } from '../facts.ts';

const NAMES = { x4: 'PDF/X-4', x1a: 'PDF/X-1a' } as const;

export const pdfxClaimed: Check = {
  id: 'pdfx',
  requires: 'With the pdfx option x4 or x1a: the file claims that conformance (/GTS_PDFXVersion).',
  *test(facts, o) {
    if (o.pdfx === 'any') return;
    const claim = pdfxClaim(facts);
    if (claim.level === o.pdfx) return;
    const conformance = facts.document.conformance;
    yield error(
      claim.version
        ? `The file claims ${claim.version}${conformance ? ` (${conformance})` : ''}, not ${NAMES[o.pdfx]} as required.`
        : `The file does not claim ${NAMES[o.pdfx]}: it has no /GTS_PDFXVersion.`,
    );
  },
};

/** What is wrong with the output intents, if anything. */
export function outputIntentProblem(oi: OutputIntentFacts): string | undefined {
  if (!oi.pdfx) {
    return oi.count ? 'the catalog has /OutputIntents, but none with /S /GTS_PDFX.' : 'the catalog has no /OutputIntents: the file does not say which printing condition it was made for.';
  }
  if (oi.pdfx.profile === 'other') return 'the output intent\'s /DestOutputProfile is not an ICC profile stream.';
  const id = oi.pdfx.identifier.trim();
  if (oi.pdfx.profile === 'none' && (!id || id.toLowerCase() === 'custom')) {
    return 'the output intent has neither an embedded ICC profile (/DestOutputProfile) nor a registered /OutputConditionIdentifier.';
  }
  return undefined;
}

export const pdfxOutputIntent: Check = {
  id: 'pdfx',
  requires: 'PDF/X: a GTS_PDFX output intent with an embedded ICC profile or a registered condition; a press profile is CMYK.',
  *test(facts, o) {
    const target = pdfxTarget(facts, o);
    if (!target) return;
    const oi = facts.document.outputIntents;
    const problem = outputIntentProblem(oi);
    const n = oi.pdfx?.profileComponents;
    if (problem) yield error(`${target.label}: ${problem}`);
    else if (n !== undefined && n !== 4) yield warning(`${target.label}: the output intent's profile has ${n} components; a press output intent is usually CMYK (N=4).`);
  },
};

export const pdfxTrapped: Check = {
  id: 'pdfx',
  requires: 'PDF/X: the Info dictionary\'s /Trapped is /True or /False.',
  *test(facts, o) {
    const target = pdfxTarget(facts, o);
    const t = facts.document.trapped;
    if (!target || t.name === 'True' || t.name === 'False') return;
    const is = !t.present ? 'missing' : t.name ? `/${t.name}` : 'not a name';
    yield error(`${target.label}: the document information dictionary's /Trapped is ${is}; it must be /True or /False.`);
  },
};

export const pdfxMetadata: Check = {
  id: 'pdfx',
  requires: 'PDF/X-4 (and 5, 6): XMP metadata with pdfxid:GTS_PDFXVersion, the same as the Info\'s; PDF/X-1a: /GTS_PDFXVersion in the Info.',
  *test(facts, o) {
    const target = pdfxTarget(facts, o);
    if (!target) return;
    const d = facts.document;
    const needsXmp = target.level === 'x4' || /PDF\/X-[56]/i.test(pdfxClaim(facts).text);
    if (needsXmp && !d.hasXmp) yield error(`${target.label}: the catalog has no XMP metadata stream (/Metadata).`);
    else if (needsXmp && !d.xmpVersion) yield error(`${target.label}: the XMP metadata has no pdfxid:GTS_PDFXVersion (namespace ${NS_PDFXID}).`);
    else if (d.xmpVersion && d.infoVersion && d.xmpVersion !== d.infoVersion) {
      yield error(`${target.label}: the XMP pdfxid:GTS_PDFXVersion "${d.xmpVersion}" differs from the Info /GTS_PDFXVersion "${d.infoVersion}".`);
    }
    if (target.level === 'x1a' && !d.infoVersion) yield error(`${target.label}: the document information dictionary has no /GTS_PDFXVersion.`);
  },
};

export const pdfxOneFinishedBox: Check = {
  id: 'pdfx',
  requires: 'PDF/X: a page has a TrimBox or an ArtBox, not both (a page with neither is the boxes check\'s).',
  *test(facts, o) {
    const target = pdfxTarget(facts, o);
    if (!target) return;
    for (const p of facts.pages) {
      if (p.declaresTrimBox && p.declaresArtBox) {
        yield warning(`${target.label}: page ${p.page} has both a TrimBox and an ArtBox; PDF/X expects one of them.`, { page: p.page, object: p.object });
      }
    }
  },
};

export const pdfxVersion: Check = {
  id: 'pdfx',
  requires: 'PDF/X-1a: PDF 1.4 at most; PDF/X-4: based on PDF 1.6.',
  *test(facts, o) {
    const target = pdfxTarget(facts, o);
    // Read with Number() from the header's or /Version's "1.4": the same double as the literal, so no tolerance.
    const v = facts.document.version;
    if (target?.level === 'x1a' && v > 1.4) yield error(`${target.label}: the file is PDF ${v.toFixed(1)}; PDF/X-1a allows at most PDF 1.4.`);
    else if (target?.level === 'x4' && v > 1.6) yield warning(`${target.label}: the file is PDF ${v.toFixed(1)}; PDF/X-4 is based on PDF 1.6.`);
  },
};

export const pdfxDeviceColour: Check = {
  id: 'pdfx',
  requires: 'PDF/X-1a: only device CMYK, gray and spot colour (no ICC-based CMYK or gray, no CalGray).',
  *test(facts, o) {
    const target = pdfxTarget(facts, o);
    if (target?.level !== 'x1a') return;
    const independent = [...facts.colourSpaces].filter((s) => /^(ICCBased\(N=[14]\)|CalGray)/.test(s));
    if (independent.length) yield error(`${target.label} allows only device CMYK, gray and spot colour, but the file uses ${independent.join(', ')}.`);
  },
};
