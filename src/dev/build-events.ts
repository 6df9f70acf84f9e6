/**
 * What a preview build reports, and how the terminal shows it: one line per build, the errors in
 * full, and warnings only when they change, so an unchanged warning does not repeat on every save.
 */
import { formatDiagnostics, type Diagnostic } from '../util/diagnostics.ts';
import { display } from '../util/display.ts';

export interface BuildEvent {
  ok: boolean;
  kind: 'html' | 'pdf';
  ms: number;
  diagnostics: Diagnostic[];
  /** Set when the PDF was written (Write PDF), not for preview builds. */
  outFile?: string;
}

/** A finished build as the preview keeps it: `html`, `pdf` (the preview print) or `write`. */
export interface Done extends BuildEvent {
  at: Date;
}

export type BuildSlot = 'html' | 'pdf' | 'write';

/** The last build of each slot. */
export type LastBuilds = Partial<Record<BuildSlot, Done>>;

/** A finished build as `/status` and the `status` event send it. */
export function summary(d: Done) {
  return { ok: d.ok, kind: d.kind, ms: d.ms, at: d.at.toISOString(), diagnostics: d.diagnostics, ...(d.outFile ? { outFile: d.outFile } : {}) };
}

export const formatMs = (ms: number) => (ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${Math.round(ms)} ms`);

/** A logger of finished builds to `log`, one call per line (or block). */
export function buildLogger(log: (line: string) => void): (done: Done, slot: BuildSlot) => void {
  const printedWarnings = { html: '', pdf: '' };
  return (done, slot) => {
    const errors = done.diagnostics.filter((d) => d.severity === 'error');
    const label = slot === 'write' ? 'write' : done.kind;
    if (done.ok) log(slot === 'write' ? `✓ wrote ${display(done.outFile!)} in ${formatMs(done.ms)}` : `✓ ${label.padEnd(5)} ${formatMs(done.ms)}`);
    else log(`✗ ${label.padEnd(5)} failed (${errors.length} error${errors.length === 1 ? '' : 's'})\n\n${formatDiagnostics(errors)}\n`);
    const warnings = formatDiagnostics(done.diagnostics.filter((d) => d.severity === 'warning'));
    // Write PDF always shows its warnings: it is asked for, not repeated on every keystroke.
    const key = slot === 'write' ? undefined : done.kind;
    if (key && warnings === printedWarnings[key]) return;
    if (key) printedWarnings[key] = warnings;
    if (warnings) log(`${warnings}\n`);
  };
}
