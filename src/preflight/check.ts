/**
 * A preflight check: its id (the report's `check`, e.g. "bleed"), what it requires, and a small
 * test over the facts (facts.ts) that yields what it finds. Several checks may share an id (PDF/X
 * has one per requirement); the runner (run.ts) turns findings into issues and sorts them.
 */
import type { PreflightFacts } from './facts.ts';
import { INLINE } from './facts/image-dict.ts';
import type { CheckId, ResolvedOptions } from './report.ts';

export interface Finding {
  severity: 'error' | 'warning';
  message: string;
  page?: number;
  object?: string;
}

export interface Check {
  id: CheckId;
  /** What the check requires, for a reader. */
  requires: string;
  test(facts: PreflightFacts, options: ResolvedOptions): Iterable<Finding>;
}

export interface Where {
  page?: number;
  object?: string;
}

export const error = (message: string, where: Where = {}): Finding => ({ severity: 'error', message, ...where });
export const warning = (message: string, where: Where = {}): Finding => ({ severity: 'warning', message, ...where });

/** Boxes and sizes compare with this tolerance (pt). */
export const EPS = 0.01;

export const fmt = (n: number, digits = 2) => String(Math.round(n * 10 ** digits) / 10 ** digits);
export const fmtRect = (r: readonly number[]) => `[${r.map((x) => fmt(x)).join(' ')}]`;

export const imageName = (object: string) => (object === INLINE ? 'An inline image' : `Image ${object}`);
/** The object: none for an inline image or a direct object ("/Fm0"), which have no number. */
export const objectOf = (object: string) => (object === INLINE || object.startsWith('/') ? undefined : object);

/** The PDF/X conformance checked: the one asked for, else the one the file claims; and its name in messages. */
export function pdfxTarget(facts: PreflightFacts, options: ResolvedOptions): { level: 'x1a' | 'x4' | 'other'; label: string } | undefined {
  const claim = pdfxClaim(facts);
  const level = options.pdfx !== 'any' ? options.pdfx : claim.level;
  if (!level) return undefined;
  return { level, label: level === 'x4' ? 'PDF/X-4' : level === 'x1a' ? 'PDF/X-1a' : (claim.version ?? 'PDF/X') };
}

/** What the file claims: the Info's /GTS_PDFXVersion, else the XMP's; and which conformance that is. */
export function pdfxClaim(facts: PreflightFacts): { version?: string; text: string; level?: 'x1a' | 'x4' | 'other' } {
  const d = facts.document;
  const version = d.infoVersion ?? d.xmpVersion;
  const text = `${version ?? ''} ${d.conformance ?? ''}`;
  if (!version) return { text };
  return { version, text, level: /PDF\/X-1a/i.test(text) ? 'x1a' : /PDF\/X-4/i.test(text) ? 'x4' : 'other' };
}
