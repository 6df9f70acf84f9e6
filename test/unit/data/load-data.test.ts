import { describe, expect, it, vi } from 'vitest';
import os from 'node:os';
import path from 'node:path';
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';

// A disk may list a folder in any order; listing every folder backwards shows that the loader puts
// names in order itself, so lists built from a folder come out alike on every machine.
vi.mock('node:fs/promises', async (importOriginal) => {
  const fs = await importOriginal<typeof import('node:fs/promises')>();
  return { ...fs, readdir: async (dir: string) => (await fs.readdir(dir)).sort().reverse() };
});
// Imported plainly too, so that tools following imports (vitest --related, Stryker) find this file.
import '../../../src/data/load-data.ts';
// The unit project shares modules between test files (isolate: false): load-data.ts may already be
// loaded with the real readdir, so a copy of its own is imported here (the
// query makes it a module of its own; what it imports is shared, so errors are the same FolioError).
const { loadData } = (await import(/* @vite-ignore */ `${'../../../src/data/load-data.ts'}?mocked-fs`)) as typeof import('../../../src/data/load-data.ts');
import { copyFixture, edit, folioError, MINI } from '../../helpers.ts';

describe('loadData', () => {
  it('turns each YAML file into a top-level key and each prose file into prose.<name>', async () => {
    const { data } = await loadData(path.join(MINI, 'data'));
    expect(Object.keys(data).sort()).toEqual(['figures', 'prose', 'report']);
    expect((data.figures as { members: { new: number } }).members.new).toBe(1234);
    const intro = (data.prose as Record<string, { title: string; body: string }>).intro!;
    expect(intro.title).toBe('Łukasz’s “introduction”');
    expect(intro.body).toContain('{{number figures.members.total}}');
  });

  it('maps a JSON pointer back to the file and line it came from', async () => {
    const loaded = await loadData(path.join(MINI, 'data'));
    expect(loaded.locate('/figures/members/returning')).toMatchObject({ file: expect.stringMatching(/figures\.yaml$/), line: 4 });
    expect(loaded.locate('/prose/intro/body')).toMatchObject({ file: expect.stringMatching(/intro\.md$/), line: 4 });
    expect(loaded.locate('/prose/intro/title')).toMatchObject({ line: 2 });
  });

  it('reports malformed YAML with its file, line and column', async () => {
    const dir = await copyFixture();
    await edit(path.join(dir, 'data/figures.yaml'), (t) => t.replace('returning: 4321', 'returning: [4321'));
    const error = await folioError(() => loadData(path.join(dir, 'data')));
    expect(error.code).toBe('data/yaml-syntax');
    expect(error.diagnostics[0]).toMatchObject({ file: expect.stringMatching(/figures\.yaml$/), line: expect.any(Number) });
  });

  it('refuses YAML tags that would construct objects', async () => {
    const dir = await copyFixture();
    await edit(path.join(dir, 'data/figures.yaml'), (t) => `${t}evil: !!js/function "function () { return 1 }"\n`);
    const error = await folioError(() => loadData(path.join(dir, 'data')));
    expect(error.code).toBe('data/yaml-unsafe');
    expect(error.diagnostics[0]!.line).toBe(9);
  });

  it('rejects duplicate keys, which would silently drop a figure', async () => {
    const dir = await copyFixture();
    await edit(path.join(dir, 'data/figures.yaml'), (t) => t.replace('  new: 1234', '  new: 1234\n  new: 99'));
    expect((await folioError(() => loadData(path.join(dir, 'data')))).code).toBe('data/yaml-syntax');
  });

  it('names a Markdown file that is not UTF-8', async () => {
    const dir = await copyFixture();
    await writeFile(path.join(dir, 'data/prose/intro.md'), Buffer.from([0x2d, 0x2d, 0x2d, 0x0a, 0xff, 0xfe, 0x0a]));
    const error = await folioError(() => loadData(path.join(dir, 'data')));
    expect(error.code).toBe('data/not-utf8');
    expect(error.diagnostics[0]!.file).toMatch(/intro\.md$/);
  });

  it('reports unclosed front matter', async () => {
    const dir = await copyFixture();
    await writeFile(path.join(dir, 'data/prose/intro.md'), '---\ntitle: x\n');
    expect((await folioError(() => loadData(path.join(dir, 'data')))).code).toBe('data/front-matter');
  });

  it('says when the data folder does not exist or has no report.yaml', async () => {
    expect((await folioError(() => loadData('/nonexistent/folio/data'))).code).toBe('data/dir-missing');
    const dir = await copyFixture();
    expect((await folioError(() => loadData(path.join(dir, 'templates')))).code).toBe('data/no-report');
  });
});

describe('loadData: files written for the test', () => {
  /** A data folder with exactly these files (a name ending in / is a folder). */
  const folder = async (files: Record<string, string | Buffer>) => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'folio-load-'));
    await mkdir(path.join(dir, 'prose'));
    for (const [name, text] of Object.entries(files)) {
      if (name.endsWith('/')) await mkdir(path.join(dir, name), { recursive: true });
      else await writeFile(path.join(dir, name), text);
    }
    return dir;
  };
  const report = 'title: T\n';

  it('reads .yml files too, and nothing but YAML and Markdown', async () => {
    const dir = await folder({ 'report.yaml': report, 'extra.yml': 'a: 1\n', 'notes.yaml.bak': 'b: 2\n', 'readme.txt': 'x', 'prose/intro.md': 'Hello', 'prose/draft.txt': 'no' });
    const { data } = await loadData(dir);
    expect(data).toEqual({ extra: { a: 1 }, report: { title: 'T' }, prose: { intro: { body: 'Hello' } } });
  });

  it('has no prose key when there is no prose, and says when the folder is a file', async () => {
    const dir = await folder({ 'report.yaml': report });
    expect((await loadData(dir)).data).toEqual({ report: { title: 'T' } });
    const error = await folioError(() => loadData(path.join(dir, 'report.yaml')));
    expect([error.code, error.diagnostics[0]!.message]).toEqual(['data/dir-missing', `The data folder ${path.join(dir, 'report.yaml')} does not exist or is not a folder.`]);
    const none = await folioError(() => loadData(path.join(dir, 'prose')));
    expect([none.code, none.diagnostics[0]!.message]).toEqual(['data/no-report', `No report.yaml in ${path.join(dir, 'prose')}.`]);
    expect([error.diagnostics[0]!.file, none.diagnostics[0]!.file]).toEqual([path.join(dir, 'report.yaml'), path.join(dir, 'prose')]);
  });

  it('says which file it could not read', async () => {
    const dir = await folder({ 'report.yaml': report, 'broken.yaml/': '' });
    const error = await folioError(() => loadData(dir));
    expect(error.code).toBe('data/read-failed');
    expect(error.diagnostics[0]!.message).toMatch(new RegExp(`^Could not read ${path.join(dir, 'broken.yaml')}: EISDIR`));
    expect(error.diagnostics[0]!.file).toBe(path.join(dir, 'broken.yaml'));
  });

  it('drops a byte order mark, so front matter after one is still read', async () => {
    const dir = await folder({ 'report.yaml': `\uFEFF${report}`, 'prose/intro.md': '\uFEFF---\ntitle: Hi\n---\nBody' });
    expect((await loadData(dir)).data).toEqual({ report: { title: 'T' }, prose: { intro: { title: 'Hi', body: 'Body' } } });
  });

  it('keeps a Markdown file without front matter whole, its body on line 1', async () => {
    const dir = await folder({ 'report.yaml': report, 'prose/intro.md': 'Just text\n---\nmore' });
    const loaded = await loadData(dir);
    expect(loaded.data.prose).toEqual({ intro: { body: 'Just text\n---\nmore' } });
    expect(loaded.locate('/prose/intro/body')).toEqual({ file: path.join(dir, 'prose/intro.md'), pointer: '/prose/intro/body', line: 1 });
    expect(loaded.locate('/prose/intro/title')).toEqual({ file: path.join(dir, 'prose/intro.md'), pointer: '/prose/intro/title' });
  });

  it('reads empty front matter as no fields, and refuses front matter that is not a map', async () => {
    const dir = await folder({ 'report.yaml': report, 'prose/intro.md': '---\n---\nBody' });
    expect((await loadData(dir)).data.prose).toEqual({ intro: { body: 'Body' } });
    const list = await folder({ 'report.yaml': report, 'prose/intro.md': '---\n- a\n---\nBody' });
    const error = await folioError(() => loadData(list));
    expect(error.diagnostics.map((d) => [d.code, d.message, d.line])).toEqual([['data/front-matter', 'Front matter is not closed: front matter must be a map of fields.', 2]]);
    const open = await folder({ 'report.yaml': report, 'prose/intro.md': '---\ntitle: x\n' });
    expect((await folioError(() => loadData(open))).diagnostics.map((d) => [d.message, d.line])).toEqual([['Front matter is not closed: no closing --- line.', 1]]);
  });

  it('gives the line of a syntax error in the file, counting front matter from its own line, and only the first error', async () => {
    const yaml = await folder({ 'report.yaml': 'a: [1\nb: "x\n' });
    const error = await folioError(() => loadData(yaml));
    expect(error.diagnostics).toHaveLength(1);
    expect(error.diagnostics[0]).toMatchObject({ code: 'data/yaml-syntax', line: 2, column: 1 });
    expect(error.diagnostics[0]!.message).not.toContain('\n');
    const md = await folder({ 'report.yaml': report, 'prose/intro.md': '---\ntitle: x\ntitle: y\n---\n' });
    expect((await folioError(() => loadData(md))).diagnostics[0]).toMatchObject({ code: 'data/yaml-syntax', line: 3 });
  });

  it('names the refused tag', async () => {
    const dir = await folder({ 'report.yaml': `${report}when: !custom 2024-01-01\n` });
    expect((await folioError(() => loadData(dir))).diagnostics[0]!.message).toBe('YAML tag !custom is not allowed in report data.');
  });

  it('reads merge keys as plain keys, and refuses a file that expands aliases without end', async () => {
    const dir = await folder({ 'report.yaml': `${report}base: &b { x: 1 }\nmore: { <<: *b, y: 2 }\n` });
    expect((await loadData(dir)).data.report).toEqual({ title: 'T', base: { x: 1 }, more: { '<<': { x: 1 }, y: 2 } });
    const aliases = Array.from({ length: 60 }, (_, i) => `  - *a`).join('\n');
    const bomb = await folder({ 'report.yaml': `${report}a: &a [1, 2]\nmany:\n${aliases}\n` });
    await expect(loadData(bomb)).rejects.toThrow(/alias/i);
  });

  it('finds the line of a list item, a key with a slash, a missing entry, and nothing in an empty file', async () => {
    const dir = await folder({ 'report.yaml': report, 'figures.yaml': 'list:\n  - 1\n  - { x: 2 }\n"a/b~c": 3\n', 'empty.yaml': '' });
    const { locate } = await loadData(dir);
    const file = path.join(dir, 'figures.yaml');
    expect(locate('/figures/list/1/x')).toMatchObject({ file, line: 3, column: 7 });
    expect(locate('/figures/list/5')).toMatchObject({ line: 1, column: 1 });
    expect(locate('/figures/list/0/deeper')).toMatchObject({ line: 2, column: 5 });
    expect(locate('/figures/a~1b~0c')).toMatchObject({ line: 4, column: 1 });
    expect(locate('/figures/nope')).toMatchObject({ line: 1, column: 1 });
    expect(locate('/empty/x')).toEqual({ file: path.join(dir, 'empty.yaml'), pointer: '/empty/x' });
    expect(locate('/nothing/x')).toEqual({ pointer: '/nothing/x' });
    expect(locate('/prose')).toEqual({ pointer: '/prose' });
  });

  it('takes files in name order, whatever order the disk lists them in', async () => {
    const dir = await folder({ 'b.yaml': 'x: 1\n', 'report.yaml': report, 'a.yaml': 'x: 2\n', 'prose/b.md': 'B', 'prose/a.md': 'A' });
    const { data } = await loadData(dir);
    expect(Object.keys(data)).toEqual(['a', 'b', 'report', 'prose']);
    expect(Object.keys(data.prose as object)).toEqual(['a', 'b']);
  });

  it('names a key after the whole file name less its last extension', async () => {
    const dir = await folder({ 'report.yaml': report, 'old.yml.yaml': 'x: 1\n', 'prose/x.mdx.md': 'Hi' });
    expect((await loadData(dir)).data).toEqual({ 'old.yml': { x: 1 }, report: { title: 'T' }, prose: { 'x.mdx': { body: 'Hi' } } });
  });

  it('reads a data folder that has no prose folder at all', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'folio-load-'));
    await writeFile(path.join(dir, 'report.yaml'), report);
    expect((await loadData(dir)).data).toEqual({ report: { title: 'T' } });
  });

  it('keeps a zero-width no-break space inside the text', async () => {
    const dir = await folder({ 'report.yaml': 'title: "a\uFEFFb"\n' });
    expect((await loadData(dir)).data).toEqual({ report: { title: 'a\uFEFFb' } });
  });

  it('names the file that is not UTF-8 in the message', async () => {
    const dir = await folder({ 'report.yaml': Buffer.from([0x61, 0x3a, 0x20, 0xff, 0x0a]) });
    const error = await folioError(() => loadData(dir));
    expect(error.diagnostics.map((d) => [d.code, d.message, d.file])).toEqual([
      ['data/not-utf8', expect.stringContaining(path.join(dir, 'report.yaml')), path.join(dir, 'report.yaml')],
    ]);
  });

  it('gives the first line of the parser\'s message as the reason of a syntax error', async () => {
    const dir = await folder({ 'report.yaml': 'a: [1\n' });
    const [d] = (await folioError(() => loadData(dir))).diagnostics;
    expect(d!.message).toMatch(/^YAML syntax error: [A-Z][^\n]+ at line \d+, column \d+:$/);
  });

  it('names a refused tag as it is written, however the parser words its complaint', async () => {
    const tags = await folder({ 'report.yaml': `${report}a: !!js/function "f"\n` });
    expect((await folioError(() => loadData(tags))).diagnostics.map((d) => [d.message, d.line, d.column])).toEqual([
      ['YAML tag !!js/function is not allowed in report data.', 2, 4],
    ]);
    const noSuffix = await folder({ 'report.yaml': `${report}b: !e! x\n` });
    expect((await folioError(() => loadData(noSuffix))).diagnostics.map((d) => d.message)).toEqual(['YAML tag !e! is not allowed in report data.']);
  });

  it('reads front matter written with Windows line ends', async () => {
    const dir = await folder({ 'report.yaml': report, 'prose/intro.md': '---\r\ntitle: Hi\r\n---\r\nBody\r\n' });
    expect((await loadData(dir)).data.prose).toEqual({ intro: { title: 'Hi', body: 'Body\r\n' } });
  });

  it('refuses front matter that is a single text rather than fields', async () => {
    const dir = await folder({ 'report.yaml': report, 'prose/intro.md': '---\njust words\n---\nBody' });
    expect((await folioError(() => loadData(dir))).diagnostics.map((d) => [d.code, d.message, d.line])).toEqual([
      ['data/front-matter', 'Front matter is not closed: front matter must be a map of fields.', 2],
    ]);
  });

  it('places the whole data in no file, and a prose.yaml file like any other', async () => {
    const dir = await folder({ 'report.yaml': report, '.yaml': 'x: 1\n', 'prose.yaml': 'intro: Hi\n' });
    const { data, locate } = await loadData(dir);
    expect(data.prose).toEqual({ intro: 'Hi' });
    expect(locate('')).toEqual({ pointer: '' });
    expect(locate('/prose')).toEqual({ file: path.join(dir, 'prose.yaml'), pointer: '/prose', line: 1, column: 1 });
  });

  it('never matches a pointer segment against a key that is not text', async () => {
    const dir = await folder({ 'report.yaml': report, 'figures.yaml': '? [x]\n: 1\nundefined: 2\n' });
    expect((await loadData(dir)).locate('/figures/undefined')).toMatchObject({ line: 3, column: 1 });
  });
});
