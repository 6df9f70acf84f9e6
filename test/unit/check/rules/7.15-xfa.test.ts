import { describe, expect, it } from 'vitest';
import { PDFName, PDFString } from 'pdf-lib';
import { check, checkCorpusFile, corpusFiles, edit, failed } from '../helpers.ts';

const N = (s: string) => PDFName.of(s);


describe('ISO 14289-1, 7.15: XFA', () => {
  const xfa = (render: string) =>
    edit((f) => {
      const config = f.ctx.register(f.ctx.stream(`<config><acrobat><acrobat7><dynamicRender>${render}</dynamicRender></acrobat7></acrobat></config>`));
      f.catalog.set(N('AcroForm'), f.ctx.obj({ Fields: [], XFA: [PDFString.of('config'), config] }));
    });

  it('7.15-1: dynamicRender "required" fails, "forbidden" passes', async () => {
    expect(failed(await check(xfa('required')))).toEqual(['7.15-1']);
    expect((await check(xfa('forbidden'))).failures).toEqual([]);
  });
});

describe('veraPDF corpus files for this clause (test/fixtures/verapdf)', () => {
  const files = corpusFiles('7.15-');
  it('has files to check', () => expect(files.length).toBeGreaterThan(0));
  it.each(files.map((f) => [f.name, f] as const))('%s', async (_, f) => {
    const { raised } = await checkCorpusFile(f);
    expect(raised, `${f.name}: rule ${f.rule} ${raised ? 'raised' : 'not raised'}`).toBe(f.expect === 'fail');
  });
});
