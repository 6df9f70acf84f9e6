/**
 * The promise to a user fixing data under a deadline: a failed build explains itself (code, file,
 * place) and leaves the last good PDF exactly as it was.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import path from 'node:path';
import { readFile, rm, writeFile, chmod, mkdir } from 'node:fs/promises';
import { createHash } from 'node:crypto';
import { execFile } from 'node:child_process';
import { copyFixture, edit, ROOT } from '../helpers.ts';

const BIN = path.join(ROOT, 'bin/folio.js');

function folio(dir: string, ...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const base = ['--data', 'data', '--templates', 'templates', '--assets', 'assets', '--out', 'out/mini.pdf'];
  return new Promise((resolve) => {
    execFile(process.execPath, [BIN, ...args, ...base], { cwd: dir, timeout: 240_000 }, (error, stdout, stderr) =>
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr }),
    );
  });
}

const sha = async (file: string) => createHash('sha256').update(await readFile(file)).digest('hex');

let dir: string;
let goodHash: string;

beforeAll(async () => {
  dir = await copyFixture();
  const r = await folio(dir, 'build');
  expect(r.code, r.stderr).toBe(0);
  goodHash = await sha(path.join(dir, 'out/mini.pdf'));
});

async function breakAndBuild(file: string, change: (t: string) => string) {
  const target = path.join(dir, file);
  const before = await readFile(target);
  await edit(target, change);
  try {
    const r = await folio(dir, 'build', '--json');
    return { ...r, result: JSON.parse(r.stdout) as { ok: boolean; diagnostics: { code: string; file?: string; line?: number; pointer?: string }[] } };
  } finally {
    await writeFile(target, before);
  }
}

describe('a build with bad input', () => {
  const cases: [string, string, (t: string) => string, string, RegExp][] = [
    ['malformed YAML', 'data/figures.yaml', (t) => t.replace('returning: 4321', 'returning: [4321'), 'data/yaml-syntax', /figures\.yaml$/],
    ['a schema violation', 'data/figures.yaml', (t) => t.replace('new: 1234', 'new: many'), 'data/schema', /figures\.yaml$/],
    ['an unknown template variable', 'templates/sections/numbers.hbs', (t) => t.replace('figures.costs_total.amount', 'figures.costs_totl.amount'), 'template/unknown-variable', /numbers\.hbs$/],
    ['a broken chart spec', 'templates/charts/bars.vl.json', (t) => t.replace('"mark": "bar"', '"mark": "pie-ish"'), 'chart/invalid-spec', /bars\.vl\.json$/],
    ['a missing asset', 'templates/sections/intro.hbs', (t) => t.replace('dot.svg', 'logo.svg'), 'template/helper-failed', /intro\.hbs$/],
    ['a missing font', 'templates/styles/fonts.css', (t) => t.replace('inter-latin-700-normal', 'inter-latin-750-normal'), 'asset/missing', /./],
    ['an unknown field', 'data/figures.yaml', (t) => t.replace('returning: 4321', 'returning: 4321\n  retruning: 1'), 'data/schema', /figures\.yaml$/],
    ['a figure that is not a number', 'data/figures.yaml', (t) => t.replace('new: 1234', 'new: .nan'), 'data/not-finite', /figures\.yaml$/],
    ['an absurdly large figure', 'data/figures.yaml', (t) => t.replace('new: 1234', 'new: 1e400'), 'data/not-finite', /figures\.yaml$/],
    ['an empty list where a chart needs data', 'data/figures.yaml', (t) => t.replace(/by_year: \{[^}]*\}/, 'by_year: {}'), 'chart/empty-data', /bars\.vl\.json$/],
    ['a chart field that is not in the data', 'templates/charts/bars.vl.json', (t) => t.replace('"field": "count"', '"field": "total"'), 'chart/unknown-field', /bars\.vl\.json$/],
    ['a missing prose file', 'templates/sections/intro.hbs', (t) => t.replace('{{prose "intro"}}', '{{prose "introduction"}}'), 'template/helper-failed', /intro\.hbs$/],
    ['a template syntax error', 'templates/sections/numbers.hbs', (t) => t.replace('{{chart "bars"}}', '{{#each figures}}{{chart "bars"}}'), 'template/syntax', /numbers\.hbs$/],
    ['an unknown helper', 'templates/sections/numbers.hbs', (t) => t.replace('{{money ', '{{moneys '), 'template/unknown-helper', /numbers\.hbs$/],
    ['a missing partial', 'templates/sections/numbers.hbs', (t) => `{{> footnote}}\n${t}`, 'template/missing-partial', /numbers\.hbs$/],
    ['a broken derive rule', 'data/report.yaml', (t) => t.replace('sum: [figures.members.new, figures.members.returning]', 'sum: [figures.members.new, figures.members.retired]'), 'derive/missing-input', /report\.yaml$/],
  ];

  it.each(cases)('%s gives its own code, names the file, and leaves the PDF alone', async (_what, file, change, code, fileName) => {
    const { code: exit, result } = await breakAndBuild(file, change);
    expect(exit).toBe(1);
    expect(result.ok).toBe(false);
    expect(result.diagnostics[0]!.code).toBe(code);
    expect((result.diagnostics[0] as { line?: number; pointer?: string }).line ?? (result.diagnostics[0] as { pointer?: string }).pointer ?? (code.startsWith('asset') || code.startsWith('chart') ? 'n/a' : undefined)).toBeDefined();
    if (code === 'asset/missing') expect(JSON.stringify(result.diagnostics[0])).toContain('inter-latin-750-normal');
    else expect(result.diagnostics[0]!.file).toMatch(fileName);
    expect(await sha(path.join(dir, 'out/mini.pdf'))).toBe(goodHash);
  });

  it('names a Markdown file that is not UTF-8, and leaves the PDF alone', async () => {
    const target = path.join(dir, 'data/prose/intro.md');
    const before = await readFile(target);
    await writeFile(target, Buffer.concat([Buffer.from('---\ntitle: x\n---\n'), Buffer.from([0xff, 0xfe, 0x41])]));
    try {
      const r = await folio(dir, 'build', '--json');
      expect(r.code).toBe(1);
      expect(JSON.parse(r.stdout).diagnostics[0]).toMatchObject({ code: 'data/not-utf8', file: expect.stringMatching(/intro\.md$/) });
      expect(await sha(path.join(dir, 'out/mini.pdf'))).toBe(goodHash);
    } finally {
      await writeFile(target, before);
    }
  });

  it('prints a readable story without a stack trace', async () => {
    const target = path.join(dir, 'data/figures.yaml');
    const before = await readFile(target);
    await edit(target, (t) => t.replace('new: 1234', 'new: many'));
    try {
      const r = await folio(dir, 'build');
      expect(r.code).toBe(1);
      expect(r.stderr).toContain('error data/schema data/figures.yaml:3:3 (/figures/members/new)');
      expect(r.stderr).toContain('figures.members.new must be integer but is "many"');
      expect(r.stderr).not.toMatch(/\n\s+at /);
    } finally {
      await writeFile(target, before);
    }
  });

  it('fails cleanly when the output cannot be written', async () => {
    const blocked = path.join(dir, 'blocked');
    await mkdir(blocked, { recursive: true });
    await writeFile(path.join(blocked, 'out'), 'a file where a folder should be');
    const r = await new Promise<{ code: number; stdout: string }>((resolve) =>
      execFile(process.execPath, [BIN, 'build', '--json', '--data', 'data', '--templates', 'templates', '--assets', 'assets', '--out', 'blocked/out/mini.pdf'], { cwd: dir }, (e, stdout) =>
        resolve({ code: e ? 1 : 0, stdout }),
      ),
    );
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout).diagnostics[0].code).toBe('output/write-failed');
    await rm(blocked, { recursive: true, force: true });
    void chmod;
  });

  it('exits 2 on a wrong command line, and 1 for a data folder that does not exist', async () => {
    expect((await folio(dir, 'build', '--page-size', 'tabloid')).code).toBe(1);
    const bad = await new Promise<number>((resolve) => execFile(process.execPath, [BIN, 'build', '--no-such-flag'], { cwd: dir }, (e) => resolve(e ? Number(e.code) : 0)));
    expect(bad).toBe(2);
    const missing = await new Promise<string>((resolve) =>
      execFile(process.execPath, [BIN, 'validate', '--json', '--data', 'nowhere'], { cwd: dir }, (_e, stdout) => resolve(stdout)),
    );
    expect(JSON.parse(missing).diagnostics[0].code).toBe('data/dir-missing');
  });
});
