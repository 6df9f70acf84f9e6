import { mkdtemp, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { PDFDocument, PDFName } from 'pdf-lib';
import { checkPdf, RULES } from '../../../src/check/check-pdf.ts';
import { makeTaggedPdf } from '../../pdf-fixtures.ts';
import { folioError } from '../../helpers.ts';
import { checkPdfFiles } from '../../../src/index.ts';
import { main } from '../../../src/cli.ts';
import { check, edit, failed } from './helpers.ts';

const N = (s: string) => PDFName.of(s);

describe('checkPdf on a conforming tagged PDF', () => {
  it('finds nothing wrong', async () => {
    const r = await check();
    expect(r.failures).toEqual([]);
    expect(r.pages).toBe(2);
  });

  it('lists every rule it checks, with veraPDF ids and folio navigation ids', async () => {
    const r = await check();
    expect(r.rules).toEqual(RULES.map((x) => x.id));
    for (const id of ['5-1', '6.2-1', '7.1-3', '7.1-5', '7.1-8', '7.1-9', '7.1-10', '7.2-20', '7.2-34', '7.3-1', '7.4.2-1', '7.5-1', '7.18.3-1', '7.18.5-1', '7.18.5-2', '7.21.4.1-1', '7.21.7-1', 'folio-outline-1', 'folio-outline-2', 'folio-pagelabels-1', 'folio-toc-1']) {
      expect(r.rules).toContain(id);
    }
    for (const x of RULES) expect(x.clause).toBe(x.id.startsWith('folio-') ? 'folio' : x.id.replace(/-\d+$/, ''));
  });

  it('checks a 32-page, 3,000-element document', async () => {
    const r = await checkPdf(await makeTaggedPdf({ extraPages: 30, paragraphsPerPage: 100 }));
    expect(r.pages).toBe(32);
    expect(r.failures).toEqual([]);
  });

  it('refuses bytes that are not a PDF with a folio error', async () => {
    const e = await folioError(() => checkPdf(new TextEncoder().encode('not a pdf at all')));
    expect(e.code).toBe('check/unreadable');
  });
});

describe('checkPdf on a loaded document', () => {
  it('takes a PDFDocument pdf-lib has already loaded and gives the same result as the bytes', async () => {
    const bytes = await makeTaggedPdf(edit((f) => f.el.chart.delete(N('Alt'))));
    const doc = await PDFDocument.load(bytes, { updateMetadata: false });
    const fromDoc = await checkPdf(doc);
    expect(fromDoc).toEqual(await checkPdf(bytes));
    expect(failed(fromDoc)).toEqual(['7.3-1']);
  });
});

describe('checking several files (library and CLI)', () => {
  async function files() {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'folio-check-'));
    const good = path.join(dir, 'good.pdf');
    const broken = path.join(dir, 'broken.pdf');
    const notPdf = path.join(dir, 'notes.pdf');
    const truncated = path.join(dir, 'truncated.pdf');
    const bytes = await makeTaggedPdf();
    await writeFile(good, bytes);
    await writeFile(broken, await makeTaggedPdf(edit((f) => f.catalog.delete(N('MarkInfo')))));
    await writeFile(notPdf, 'just some text');
    await writeFile(truncated, bytes.subarray(0, 400));
    return { good, broken, notPdf, truncated, missing: path.join(dir, 'missing.pdf') };
  }

  it('checkPdfFiles: each file its own result; unreadable files are named, with a code, and do not stop the rest', async () => {
    const f = await files();
    const results = await checkPdfFiles([f.good, f.notPdf, f.broken, f.missing, f.truncated]);
    expect(results.map((r) => [path.basename(r.file), r.ok, !!r.unreadable])).toEqual([
      ['good.pdf', true, false],
      ['notes.pdf', false, true],
      ['broken.pdf', false, false],
      ['missing.pdf', false, true],
      ['truncated.pdf', false, true],
    ]);
    expect(failed(results[2]!)).toEqual(['6.2-1']);
    expect(results[1]!.diagnostics.map((d) => [d.code, d.file])).toEqual([['check/unreadable', f.notPdf]]);
    expect(results[1]!.diagnostics[0]!.message).toContain(f.notPdf);
    expect(results[3]!.diagnostics[0]!.code).toBe('data/read-failed');
    expect(results[4]!.diagnostics[0]).toMatchObject({ code: 'check/unreadable', file: f.truncated });
  });

  it('folio check A B --json: every file\'s failures, exit 1 when one fails; exit 0 when all pass', async () => {
    const f = await files();
    const run = async (args: string[]) => {
      let out = '';
      let err = '';
      const io = { out: { write: (s: string) => ((out += s), true) }, err: { write: (s: string) => ((err += s), true) } } as never;
      return { code: await main(['check', ...args], io), out, err };
    };
    const both = await run([f.good, f.broken, '--json']);
    expect(both.code).toBe(1);
    const json = JSON.parse(both.out);
    expect(json.ok).toBe(false);
    expect(json.files.map((x: { ok: boolean }) => x.ok)).toEqual([true, false]);
    expect(json.files[1].failures.map((x: { rule: string }) => x.rule)).toEqual(['6.2-1']);
    const one = await run([f.good, '--json']);
    expect(one.code).toBe(0);
    expect(JSON.parse(one.out)).toMatchObject({ ok: true, file: f.good, failures: [] });
    const text = await run([f.good, f.notPdf]);
    expect(text.code).toBe(1);
    expect(text.err).toContain('check/unreadable');
    expect(text.err).toContain('1 of 2 files pass');
  });
});
