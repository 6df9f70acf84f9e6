import { cp, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { FolioError } from '../src/util/diagnostics.ts';

export const ROOT = path.resolve(import.meta.dirname, '..');
export const MINI = path.join(ROOT, 'test/fixtures/mini');
export const run = promisify(execFile);

/** A private copy of a fixture report, safe to break. */
export async function copyFixture(from = MINI): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'folio-test-'));
  await cp(from, dir, { recursive: true });
  return dir;
}

/** Options that build the mini report in `dir` (a copy made by copyFixture). */
export function miniOptions(dir: string, out = path.join(dir, 'out', 'mini.pdf')) {
  return { data: path.join(dir, 'data'), theme: path.join(dir, 'templates'), assets: path.join(dir, 'assets'), out };
}

export async function edit(file: string, change: (text: string) => string): Promise<void> {
  await writeFile(file, change(await readFile(file, 'utf8')));
}

/** Runs `fn`, expecting a FolioError; returns it (so tests can assert on codes and places). */
export async function folioError(fn: () => unknown): Promise<FolioError> {
  try {
    await fn();
  } catch (e) {
    if (e instanceof FolioError) return e;
    throw new Error(`expected a FolioError, got ${e instanceof Error ? e.stack : String(e)}`);
  }
  throw new Error('expected a FolioError, but nothing was thrown');
}

export async function pdfText(file: string, ...args: string[]): Promise<string> {
  return (await run('pdftotext', ['-enc', 'UTF-8', ...args, file, '-'], { maxBuffer: 64 << 20 })).stdout;
}

export const BIN = path.join(ROOT, 'bin/folio.js');

/** Runs the folio CLI as a user would; never throws, returns the exit code and both streams. */
export function cli(args: string[], options: { cwd?: string; env?: NodeJS.ProcessEnv } = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [BIN, ...args], { cwd: options.cwd ?? ROOT, env: options.env ?? process.env, timeout: 300_000, maxBuffer: 64 << 20 }, (error, stdout, stderr) =>
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr }),
    );
  });
}
