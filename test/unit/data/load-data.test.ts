import { describe, expect, it } from 'vitest';
import path from 'node:path';
import { writeFile } from 'node:fs/promises';
import { loadData } from '../../../src/data/load-data.ts';
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
