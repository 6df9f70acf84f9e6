/**
 * What the last build of an output learned, kept beside it (never inside the PDF) in
 * `.folio-cache/<name>.json`: the page each heading landed on, keyed to the inputs that decide the
 * layout, so the next build can print its contents numbered and print once; the accessibility
 * audit's verdict, keyed to the HTML, so an unchanged document is not audited again; and each
 * chart's picture, keyed to its spec and data, so a chart whose numbers did not change is not drawn again.
 *
 * It is only ever a first guess: the build checks every destination after printing and prints
 * again when one moved, so a stale, foreign or damaged memory costs a print, never a wrong PDF.
 */
import { createHash } from 'node:crypto';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Diagnostic } from '../util/diagnostics.ts';
import type { DrawnSvg } from '../render/render-charts.ts';

export interface BuildMemory {
  layout?: { key: string; pages: [string, number][] };
  audit?: { key: string; diagnostics: Diagnostic[] };
  /** The charts' pictures, by what each was drawn from. */
  charts?: [string, DrawnSvg][];
}

/** Builds in this process remember without the disk (the preview, a batch, a benchmark). */
const kept = new Map<string, BuildMemory>();

export function memoryFile(outFile: string): string {
  return path.join(path.dirname(outFile), '.folio-cache', `${path.basename(outFile)}.json`);
}

/** A short key for `parts` (each serialised as JSON). */
export function memoryKey(...parts: unknown[]): string {
  const hash = createHash('sha256');
  for (const p of parts) hash.update(JSON.stringify(p) ?? 'undefined').update('\0');
  return hash.digest('hex');
}

/** What the last build of `outFile` learned; nothing when there was none or it cannot be read. */
export async function recall(outFile: string): Promise<BuildMemory> {
  const inProcess = kept.get(path.resolve(outFile));
  if (inProcess) return inProcess;
  try {
    const memory = JSON.parse(await readFile(memoryFile(outFile), 'utf8')) as BuildMemory;
    return typeof memory === 'object' && memory !== null ? memory : {};
  } catch {
    return {};
  }
}

/** The charts' pictures a memory holds, leaving out any entry that is not one (a damaged file costs a drawing, never a failure). */
export function rememberedCharts(memory: BuildMemory): Map<string, DrawnSvg> {
  const entries: unknown[] = Array.isArray(memory.charts) ? memory.charts : [];
  const isPicture = (e: unknown): e is [string, DrawnSvg] =>
    Array.isArray(e) && typeof e[0] === 'string' && typeof e[1]?.svg === 'string' && Array.isArray(e[1].log) && e[1].log.every((l: unknown) => typeof l === 'string');
  return new Map(entries.filter(isPicture));
}

/** Keeps what this build learned for the next build in this process. */
export function keep(outFile: string, memory: BuildMemory): void {
  kept.set(path.resolve(outFile), memory);
}

/** Writes the memory beside the output (after the output itself was written); a failure to write it costs nothing but speed. */
export async function persist(outFile: string, memory: BuildMemory): Promise<void> {
  keep(outFile, memory);
  const file = memoryFile(outFile);
  const tmp = `${file}.${process.pid}.tmp`;
  try {
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(tmp, `${JSON.stringify(memory)}\n`);
    await rename(tmp, file);
  } catch {
    await rm(tmp, { force: true }).catch(() => undefined);
  }
}
