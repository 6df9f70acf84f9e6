import os from 'node:os';
import type { Options } from '../config/options.ts';
import { toFolioError, type Diagnostic } from '../util/diagnostics.ts';
import { launchBrowser } from '../browser/launch-browser.ts';
import { build, type Hooks } from '../pipeline.ts';

export interface BatchResult {
  data: string;
  ok: boolean;
  ms: number;
  outFile?: string;
  diagnostics: Diagnostic[];
}

/** Builds at once: one per core by default (each build is mostly Chromium's work and Node's). */
export const DEFAULT_CONCURRENCY = Math.max(1, os.availableParallelism?.() ?? os.cpus().length);

/**
 * Builds several reports with one browser and a small pool of pages (one per build in flight).
 * Each output is written atomically by its own build; one failure does not stop the others.
 */
export async function buildBatch(list: Options[], concurrency = DEFAULT_CONCURRENCY, hooks: Omit<Hooks, 'browser'> = {}): Promise<BatchResult[]> {
  const launched = await launchBrowser();
  const results: BatchResult[] = new Array(list.length);
  let next = 0;
  const worker = async () => {
    for (let i = next++; i < list.length; i = next++) {
      const options = list[i]!;
      const start = performance.now();
      try {
        const built = await build(options, { ...hooks, browser: launched.browser });
        results[i] = { data: options.data, ok: true, ms: performance.now() - start, outFile: built.outFile, diagnostics: built.diagnostics };
      } catch (e) {
        results[i] = { data: options.data, ok: false, ms: performance.now() - start, diagnostics: toFolioError(e).diagnostics };
      }
    }
  };
  try {
    await Promise.all(Array.from({ length: Math.min(concurrency, list.length) }, worker));
  } finally {
    await launched.close();
  }
  return results;
}
