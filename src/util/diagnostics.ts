import { MESSAGES, type Code, type MessageArgs, type MessageSpec } from './messages.ts';

/** Where a problem is: a file, and inside it a line/column or a JSON pointer (or both). */
export interface Place {
  file?: string;
  line?: number;
  column?: number;
  pointer?: string;
  /** In a PDF: the 1-based page, the object ("12 0 R") and the structure path ("Document/L[2]/LI[1]"). */
  page?: number;
  object?: string;
  structure?: string;
}

export interface Diagnostic extends Place {
  code: Code;
  severity: 'error' | 'warning';
  message: string;
  hint?: string;
}

export function diagnostic(code: Code, args: MessageArgs = {}, place: Place = {}): Diagnostic {
  const spec: MessageSpec = MESSAGES[code];
  const d: Diagnostic = { code, severity: spec.severity, message: spec.text(args), ...stripUndefined(place) };
  const hint = spec.hint?.(args);
  if (hint) d.hint = hint;
  return d;
}

/**
 * The one error type folio throws for problems a user can fix. It carries diagnostics (with codes
 * and places) and chains the underlying cause, so the CLI can print a readable story without a
 * stack trace, while `--debug` (or a library user) can still see what went wrong underneath.
 */
export class FolioError extends Error {
  readonly diagnostics: Diagnostic[];
  constructor(diagnostics: Diagnostic | Diagnostic[], options?: { cause?: unknown }) {
    const list = Array.isArray(diagnostics) ? diagnostics : [diagnostics];
    super(list.map((d) => `${d.code}: ${d.message}`).join('\n'), options);
    this.name = 'FolioError';
    this.diagnostics = list;
  }
  get code(): Code {
    return this.diagnostics[0]!.code;
  }
}

export function fail(code: Code, args: MessageArgs = {}, place: Place = {}, cause?: unknown): never {
  throw new FolioError(diagnostic(code, args, place), { cause });
}

export function isFolioError(e: unknown): e is FolioError {
  return e instanceof FolioError;
}

/** Wraps anything thrown into a FolioError, keeping the original as the cause. */
export function toFolioError(e: unknown): FolioError {
  if (isFolioError(e)) return e;
  const reason = e instanceof Error ? e.message : String(e);
  return new FolioError(diagnostic('internal/error', { reason }), { cause: e });
}

export function formatPlace(d: Place): string {
  let s = d.file ?? '';
  if (d.line !== undefined) s += `:${d.line}${d.column !== undefined ? `:${d.column}` : ''}`;
  if (d.pointer !== undefined) s += `${s ? ' ' : ''}(${d.pointer || '/'})`;
  const inPdf = [d.page !== undefined && `page ${d.page}`, d.object, d.structure].filter(Boolean).join(', ');
  if (inPdf) s += `${s ? ' ' : ''}[${inPdf}]`;
  return s;
}

/** One readable paragraph per diagnostic: "error data/schema report.yaml:4:3 (/title) — …  Hint: …". */
export function formatDiagnostic(d: Diagnostic): string {
  const place = formatPlace(d);
  return `${d.severity} ${d.code}${place ? ` ${place}` : ''}\n  ${d.message}${d.hint ? `\n  hint: ${d.hint}` : ''}`;
}

/**
 * A list of diagnostics as paragraphs; a hint shared by consecutive diagnostics of one code (every
 * figure still to fill, say) is printed once, after the last of them.
 */
export function formatDiagnostics(list: Diagnostic[]): string {
  return list
    .map((d, i) => {
      const next = list[i + 1];
      const sameHint = next && next.code === d.code && next.hint === d.hint;
      return formatDiagnostic(sameHint ? { ...d, hint: undefined } : d);
    })
    .join('\n\n');
}

function stripUndefined<T extends object>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}
