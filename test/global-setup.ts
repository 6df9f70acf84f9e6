/**
 * Builds the default report once per test run; the end-to-end tests read the same PDF back
 * (building it per file would cost a browser run each).
 */
import os from 'node:os';
import path from 'node:path';
import { mkdtemp, rm } from 'node:fs/promises';
import type { TestProject } from 'vitest/node';
import { buildReport } from '../src/index.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    defaultBuild: { outFile: string; htmlFile: string; diagnostics: { code: string }[] };
  }
}

export default async function setup(project: TestProject) {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'folio-default-'));
  const root = path.resolve(import.meta.dirname, '..');
  const result = await buildReport({
    data: path.join(root, 'data/psf-2023'),
    theme: path.join(root, 'templates'),
    assets: path.join(root, 'assets'),
    out: path.join(dir, 'psf-annual-impact-report-2023.pdf'),
  });
  project.provide('defaultBuild', { outFile: result.outFile, htmlFile: result.htmlFile, diagnostics: result.diagnostics });
  return () => rm(dir, { recursive: true, force: true });
}
