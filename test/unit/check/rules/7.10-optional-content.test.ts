import { describe, expect, it } from 'vitest';
import { PDFName, PDFString } from 'pdf-lib';
import { check, checkCorpusFile, corpusFiles, edit, failed, only } from '../helpers.ts';

const N = (s: string) => PDFName.of(s);


describe('ISO 14289-1, 7.10: optional content configurations', () => {
  const withOC = (d: Record<string, unknown>, configs: Record<string, unknown>[] = []) =>
    edit((f) => {
      const layer = f.ctx.register(f.ctx.obj({ Type: 'OCG', Name: PDFString.of('Layer') }));
      f.catalog.set(N('OCProperties'), f.ctx.obj({ OCGs: [layer], D: f.ctx.obj(d as never), Configs: configs.map((c) => f.ctx.obj(c as never)) }));
    });

  it('a named default configuration passes', async () => {
    expect((await check(withOC({ Name: PDFString.of('Default') }))).failures).toEqual([]);
  });

  it('7.10-1: a configuration without /Name, or with an empty one', async () => {
    expect(failed(await check(withOC({})))).toEqual(['7.10-1']);
    const r = await check(withOC({ Name: PDFString.of('Default') }, [{ Name: PDFString.of('') }]));
    expect(failed(r)).toEqual(['7.10-1']);
    expect(only(r, '7.10-1')[0]!.message).toContain('empty');
  });

  it('7.10-2: a configuration with /AS', async () => {
    expect(failed(await check(withOC({ Name: PDFString.of('Default'), AS: [] })))).toEqual(['7.10-2']);
  });
});

describe('veraPDF corpus files for this clause (test/fixtures/verapdf)', () => {
  const files = corpusFiles('7.10-');
  it('has files to check', () => expect(files.length).toBeGreaterThan(0));
  it.each(files.map((f) => [f.name, f] as const))('%s', async (_, f) => {
    const { raised } = await checkCorpusFile(f);
    expect(raised, `${f.name}: rule ${f.rule} ${raised ? 'raised' : 'not raised'}`).toBe(f.expect === 'fail');
  });
});
