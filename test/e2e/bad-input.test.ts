/**
 * The promise to a user fixing data under a deadline: a failed build explains itself (code, file,
 * place) and leaves the last good PDF exactly as it was.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import path from 'node:path';
import { readFile, rm, writeFile, mkdir } from 'node:fs/promises';
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
  type Place = { code: string; file: string; line?: number; pointer?: string };
  const numbers = 'templates/sections/numbers.hbs';
  const intro = 'templates/sections/intro.hbs';
  const bars = 'templates/charts/bars.vl.json';
  const figures = 'data/figures.yaml';
  // What the first diagnostic says: its code, file (relative to where folio runs) and place, exactly.
  const cases: [string, string, (t: string) => string, Place][] = [
    ['malformed YAML', figures, (t) => t.replace('returning: 4321', 'returning: [4321'), { code: 'data/yaml-syntax', file: figures, line: 5 }],
    ['a schema violation', figures, (t) => t.replace('new: 1234', 'new: many'), { code: 'data/schema', file: figures, line: 3, pointer: '/figures/members/new' }],
    ['an unknown template variable', numbers, (t) => t.replace('figures.costs_total.amount', 'figures.costs_totl.amount'), { code: 'template/unknown-variable', file: numbers, line: 3 }],
    ['a broken chart spec', bars, (t) => t.replace('"mark": "bar"', '"mark": "pie-ish"'), { code: 'chart/invalid-spec', file: bars }],
    ['a missing asset', intro, (t) => t.replace('dot.svg', 'logo.svg'), { code: 'template/helper-failed', file: intro, line: 4 }],
    ['a missing font', 'templates/styles/fonts.css', (t) => t.replace('inter-latin-700-normal', 'inter-latin-750-normal'), { code: 'asset/missing', file: 'templates/styles/fonts.css', line: 3 }],
    ['an unknown field', figures, (t) => t.replace('returning: 4321', 'returning: 4321\n  retruning: 1'), { code: 'data/schema', file: figures, line: 5, pointer: '/figures/members/retruning' }],
    ['an empty list where a chart needs data', figures, (t) => t.replace(/by_year: \{[^}]*\}/, 'by_year: {}'), { code: 'chart/empty-data', file: bars, pointer: '/usermeta/folio/data' }],
    ['a chart field that is not in the data', bars, (t) => t.replace('"field": "count"', '"field": "total"'), { code: 'chart/unknown-field', file: bars }],
    ['a missing prose file', intro, (t) => t.replace('{{prose "intro"}}', '{{prose "introduction"}}'), { code: 'template/helper-failed', file: intro, line: 3 }],
    // An unclosed block is noticed where the file ends.
    ['a template syntax error', numbers, (t) => t.replace('{{chart "bars"}}', '{{#each figures}}{{chart "bars"}}'), { code: 'template/syntax', file: numbers, line: 7 }],
    ['an unknown helper', numbers, (t) => t.replace('{{money ', '{{moneys '), { code: 'template/unknown-helper', file: numbers, line: 3 }],
    ['a missing partial', numbers, (t) => `{{> footnote}}\n${t}`, { code: 'template/missing-partial', file: numbers, line: 1 }],
    ['a broken derive rule', 'data/report.yaml', (t) => t.replace('sum: [figures.members.new, figures.members.returning]', 'sum: [figures.members.new, figures.members.retired]'), { code: 'derive/missing-input', file: 'data/report.yaml', line: 18, pointer: '/report/derive/0' }],
  ];

  it.each(cases)('%s gives its own code, names the file and the place, and leaves the PDF alone', async (_what, file, change, expected) => {
    const { code: exit, result } = await breakAndBuild(file, change);
    expect(exit).toBe(1);
    expect(result.ok).toBe(false);
    const { code, file: where, line, pointer } = result.diagnostics[0]!;
    expect({ code, file: where, line, pointer }).toEqual(expected);
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
    expect(JSON.parse(r.stdout).diagnostics[0]).toMatchObject({ code: 'output/write-failed', file: 'blocked/out/mini.pdf' });
    await rm(blocked, { recursive: true, force: true });
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
