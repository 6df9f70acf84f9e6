import { describe, expect, it } from 'vitest';
import { check, checkCorpusFile, corpusFiles, failed, only, ruleById, ruleTable } from '../helpers.ts';
import { rules as identificationRules } from '../../../../src/check/rules/5-identification.ts';

// Cheap checks on hand-made facts first: Stryker stops a mutant's run at the first failing test.
describe('5: what each rule requires and what its failures say (the rules\' tests on hand-made facts)', () => {
  const r = (id: string) => ruleById(identificationRules, id);

  it('lists each rule with its clause, object, structure type and requirement', () => {
    expect(ruleTable(identificationRules)).toEqual([
      ['5-1', '5', 'XMP', undefined, 'The XMP metadata contains the PDF/UA identification schema (pdfuaid:part).'],
      ['5-2', '5', 'XMP', undefined, 'pdfuaid:part is 1.'],
      ['5-3', '5', 'XMP', undefined, 'Property "part" of the PDF/UA identification schema has the namespace prefix "pdfuaid".'],
      ['5-4', '5', 'XMP', undefined, 'Property "amd" of the PDF/UA identification schema has the namespace prefix "pdfuaid".'],
      ['5-5', '5', 'XMP', undefined, 'Property "corr" of the PDF/UA identification schema has the namespace prefix "pdfuaid".'],
    ]);
  });

  it('5-1 / 5-2: pdfuaid:part is there and is 1', () => {
    expect(r('5-1').test({ uaPrefixes: {} })).toBe('The XMP metadata does not contain the PDF/UA identification schema (pdfuaid:part).');
    expect(r('5-1').test({ uaPart: '1', uaPrefixes: {} })).toBeUndefined();
    expect(r('5-2').test({ uaPrefixes: {} })).toBeUndefined();
    expect(r('5-2').test({ uaPart: ' 1 ', uaPrefixes: {} })).toBeUndefined();
    expect(r('5-2').test({ uaPart: ' 2 ', uaPrefixes: {} })).toBe('pdfuaid:part is 2, not 1.');
    expect(r('5-2').test({ uaPart: '  ', uaPrefixes: {} })).toBe('pdfuaid:part is empty, not 1.');
  });

  it('5-3…5: the identification properties use the prefix pdfuaid', () => {
    const prefixes = { part: 'ua', amd: 'x', corr: 'pdfua' };
    expect(r('5-3').test({ uaPrefixes: prefixes })).toBe('The PDF/UA identification property ua:part has the prefix "ua", not "pdfuaid".');
    expect(r('5-4').test({ uaPrefixes: prefixes })).toBe('The PDF/UA identification property x:amd has the prefix "x", not "pdfuaid".');
    expect(r('5-5').test({ uaPrefixes: prefixes })).toBe('The PDF/UA identification property pdfua:corr has the prefix "pdfua", not "pdfuaid".');
    for (const id of ['5-3', '5-4', '5-5']) {
      expect(r(id).test({ uaPrefixes: {} }), id).toBeUndefined();
      expect(r(id).test({ uaPrefixes: { part: 'pdfuaid', amd: 'pdfuaid', corr: 'pdfuaid' } }), id).toBeUndefined();
    }
  });
});

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
