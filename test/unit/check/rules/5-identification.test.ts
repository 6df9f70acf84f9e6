import { describe, expect, it } from 'vitest';
import { check, checkCorpusFile, corpusFiles, failed, only } from '../helpers.ts';

describe('ISO 14289-1, 5: the PDF/UA identification schema', () => {
  it('5-1: no PDF/UA identification schema', async () => {
    const r = await check({ xmp: (x) => x.replace(/<rdf:Description[^>]*pdfuaid[\s\S]*?<\/rdf:Description>/, '') });
    expect(failed(r)).toEqual(['5-1']);
  });

  it('5-1 / 5-2: pdfuaid:part as an attribute is read; part 2 fails 5-2', async () => {
    const attr = (part: string) => (x: string) =>
      x.replace(/<rdf:Description rdf:about="" xmlns:pdfuaid[\s\S]*?<\/rdf:Description>/, `<rdf:Description rdf:about="" xmlns:pdfuaid="http://www.aiim.org/pdfua/ns/id/" pdfuaid:part="${part}"/>`);
    expect(failed(await check({ xmp: attr('1') }))).toEqual([]);
    expect(failed(await check({ xmp: attr('2') }))).toEqual(['5-2']);
  });
});

describe('5-3 / 5-4 / 5-5: the identification properties have the prefix pdfuaid', () => {
  const withProperties = (props: string, prefix = 'pdfuaid') => (x: string) =>
    x.replace(
      /<rdf:Description rdf:about="" xmlns:pdfuaid[\s\S]*?<\/rdf:Description>/,
      `<rdf:Description rdf:about="" xmlns:pdfuaid="http://www.aiim.org/pdfua/ns/id/" xmlns:${prefix}="http://www.aiim.org/pdfua/ns/id/">${props}</rdf:Description>`,
    );

  it('part, amd and corr written with pdfuaid pass', async () => {
    const r = await check({ xmp: withProperties('<pdfuaid:part>1</pdfuaid:part><pdfuaid:amd>2005</pdfuaid:amd><pdfuaid:corr>1</pdfuaid:corr>') });
    expect(r.failures).toEqual([]);
  });

  it('part written with another prefix bound to the same namespace fails 5-3 (and still identifies the file)', async () => {
    const r = await check({ xmp: withProperties('<pdfuaia:part>1</pdfuaia:part>', 'pdfuaia') });
    expect(failed(r)).toEqual(['5-3']);
    expect(only(r, '5-3')[0]!.message).toContain('pdfuaia:part');
  });

  it.each([
    ['5-4', 'amd'],
    ['5-5', 'corr'],
  ])('%s: %s written with another prefix', async (id, property) => {
    const r = await check({ xmp: withProperties(`<pdfuaid:part>1</pdfuaid:part><ua:${property}>1</ua:${property}>`, 'ua') });
    expect(failed(r)).toEqual([id]);
  });
});

describe('veraPDF corpus files for this clause (test/fixtures/verapdf)', () => {
  const files = corpusFiles('5-');
  it('has files to check', () => expect(files.length).toBeGreaterThan(0));
  it.each(files.map((f) => [f.name, f] as const))('%s', async (_, f) => {
    const { raised } = await checkCorpusFile(f);
    expect(raised, `${f.name}: rule ${f.rule} ${raised ? 'raised' : 'not raised'}`).toBe(f.expect === 'fail');
  });
});
