import path from 'node:path';
import { diagnostic, formatDiagnostic, formatDiagnostics, type Diagnostic } from '../util/diagnostics.ts';
import { display } from '../util/display.ts';
import type { CheckedFile, DiffReport } from '../index.ts';
import type { Values } from './args.ts';

/** Where the CLI writes: results on `out`, progress and diagnostics on `err` (tests pass their own). */
export interface Io {
  out: NodeJS.WritableStream;
  err: NodeJS.WritableStream;
}

export function report(v: Values, io: Io, diagnostics: Diagnostic[]) {
  if (!v.json && diagnostics.length > 0) io.err.write(`${formatDiagnostics(diagnostics)}\n`);
}

export function checkSummary(r: CheckedFile): string {
  if (r.unreadable) return `✗ ${r.file}: not checked`;
  const failed = new Set(r.failures.map((f) => f.rule)).size;
  return r.ok ? `✓ ${r.file}: passes all ${r.rules.length} rules (${r.pages} pages)` : `✗ ${r.file}: ${r.failures.length} failure(s) of ${failed} of ${r.rules.length} rules`;
}

export function usage(io: Io, reason: string): number {
  io.err.write(`${formatDiagnostic(diagnostic('config/invalid', { option: 'on the command line', reason }))}\n`);
  return 2;
}


/**
 * The change report on stdout, so `folio diff a.pdf b.pdf > changes.txt` keeps it: one line per
 * changed page, then the summary; `--json` prints all of it. Where the pictures went is progress,
 * on stderr.
 */
export function printDiff(v: Values, io: Io, changes: DiffReport): number {
  if (v.json) {
    io.out.write(`${JSON.stringify(changes, null, 2)}\n`);
    return 0;
  }
  for (const page of changes.changed) {
    const what = page.status === 'changed' ? page.what : `${page.status} page`;
    io.out.write(`${page.status === 'removed' ? 'old ' : ''}p. ${page.page}: ${what}${page.image ? ` (${display(page.image)})` : ''}\n`);
  }
  io.out.write(`${changes.summary}\n`);
  if (!v.quiet) io.err.write(`pictures of the changed pages, summary.md and summary.json: ${display(v['diff-dir'] ?? path.join('out', 'diff'))}\n`);
  return 0;
}

/** The chain of causes, outermost first: what a developer needs, and a user does not. */
export function causes(e: unknown): string {
  const lines: string[] = [];
  for (let c: unknown = e; c; c = (c as { cause?: unknown }).cause) {
    lines.push(c instanceof Error ? (c.stack ?? c.message) : String(c));
    if (!(c instanceof Error)) break;
  }
  return lines.join('\n\ncaused by: ');
}

export const formatMs = (ms: number) => (ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${Math.round(ms)} ms`);
