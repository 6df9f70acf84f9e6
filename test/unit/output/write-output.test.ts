import { describe, expect, it } from 'vitest';
import os from 'node:os';
import path from 'node:path';
import { mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { writeOutputs, type OutputFile } from '../../../src/output/write-output.ts';
import { folioError } from '../../helpers.ts';

/** A folder holding the previous build's report.html and report.pdf. */
async function previousBuild() {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'folio-write-'));
  const html = path.join(dir, 'report.html');
  const pdf = path.join(dir, 'report.pdf');
  await writeFile(html, '<p>old</p>');
  await writeFile(pdf, '%PDF-old');
  return { dir, html, pdf };
}

/**
 * Bytes that arrive in chunks (fs.writeFile takes an async iterable, as it takes a stream); between
 * chunks, `between` runs while the file is half written. `fail` makes the source break after the
 * first chunk, as a disk that fills up or a stream that errors would.
 */
function chunked(chunks: string[], options: { between?: () => Promise<void>; fail?: boolean } = {}): OutputFile['bytes'] {
  async function* source() {
    for (const [i, chunk] of chunks.entries()) {
      if (i > 0) {
        await options.between?.();
        if (options.fail) throw new Error('disk full');
      }
      yield Buffer.from(chunk);
    }
  }
  return source() as unknown as OutputFile['bytes'];
}

describe('writeOutputs', () => {
  it('writes every file, leaving no temporary file or lock beside them', async () => {
    const { dir, html, pdf } = await previousBuild();
    await writeOutputs([
      { file: html, bytes: '<p>new</p>' },
      { file: pdf, bytes: new TextEncoder().encode('%PDF-new') },
    ]);
    expect(await readFile(html, 'utf8')).toBe('<p>new</p>');
    expect(await readFile(pdf, 'utf8')).toBe('%PDF-new');
    expect((await readdir(dir)).sort()).toEqual(['report.html', 'report.pdf']);
  });

  it('on a write that fails part-way, keeps every previous file whole and leaves no temporary file', async () => {
    const { dir, html, pdf } = await previousBuild();
    const e = await folioError(() =>
      writeOutputs([
        { file: html, bytes: '<p>new</p>' },
        { file: pdf, bytes: chunked(['%PDF-new, first half', ' and the rest'], { fail: true }) },
      ]),
    );
    expect(e.diagnostics).toHaveLength(1);
    expect(e.diagnostics[0]).toMatchObject({ code: 'output/write-failed', file: pdf });
    expect(e.diagnostics[0]!.message).toBe(`Could not write ${pdf}: disk full.`);
    // The HTML was written completely before the PDF failed: it stays as it was too, so the pair agrees.
    expect(await readFile(html, 'utf8')).toBe('<p>old</p>');
    expect(await readFile(pdf, 'utf8')).toBe('%PDF-old');
    expect((await readdir(dir)).sort()).toEqual(['report.html', 'report.pdf']);
  });

  it('never lets a reader see a half-written file: the old one until the new one is whole', async () => {
    const { html, pdf } = await previousBuild();
    const seen: string[] = [];
    const look = async () => {
      seen.push(await readFile(pdf, 'utf8'));
    };
    await writeOutputs([
      { file: html, bytes: '<p>new</p>' },
      { file: pdf, bytes: chunked(['%PDF-new', ' 1 0 obj', ' %%EOF'], { between: look }) },
    ]);
    expect(seen).toEqual(['%PDF-old', '%PDF-old']);
    expect(await readFile(pdf, 'utf8')).toBe('%PDF-new 1 0 obj %%EOF');
  });

  it('refuses while a running process holds the lock, leaving the file alone, and takes over a dead process\'s lock', async () => {
    const { dir, pdf } = await previousBuild();
    // The lock's holder: a process that is running (the one that started this test runner).
    await writeFile(`${pdf}.lock`, String(process.ppid));
    const e = await folioError(() => writeOutputs([{ file: pdf, bytes: '%PDF-new' }]));
    expect(e.diagnostics[0]).toMatchObject({ code: 'output/locked', file: pdf, message: `Another folio build (process ${process.ppid}) is writing ${pdf} right now.` });
    expect(await readFile(pdf, 'utf8')).toBe('%PDF-old');
    expect(await readFile(`${pdf}.lock`, 'utf8')).toBe(String(process.ppid));
    // A lock left by a process that no longer runs (Linux pids stop at 2^22).
    await writeFile(`${pdf}.lock`, '999999999');
    await writeOutputs([{ file: pdf, bytes: '%PDF-new' }]);
    expect(await readFile(pdf, 'utf8')).toBe('%PDF-new');
    expect((await readdir(dir)).sort()).toEqual(['report.html', 'report.pdf']);
  });
});
