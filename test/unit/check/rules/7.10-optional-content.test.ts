import { describe, expect, it } from 'vitest';
import { PDFName, PDFString } from 'pdf-lib';
import { check, checkCorpusFile, corpusFiles, edit, failed, only, ruleById, ruleTable } from '../helpers.ts';
import { rules as optionalContentRules } from '../../../../src/check/rules/7.10-optional-content.ts';

const N = (s: string) => PDFName.of(s);


// Cheap checks on hand-made facts first: Stryker stops a mutant's run at the first failing test.
describe('7.10: what each rule requires and what its failures say (the rules\' tests on hand-made facts)', () => {
  const r = (id: string) => ruleById(optionalContentRules, id);

  it('lists each rule with its clause, object, structure type and requirement', () => {
    expect(ruleTable(optionalContentRules)).toEqual([
      ['7.10-1', '7.10', 'OCConfig', undefined, 'Every optional content configuration (/OCProperties /D and each of /Configs) has a non-empty /Name.'],
      ['7.10-2', '7.10', 'OCConfig', undefined, 'No optional content configuration has an /AS entry.'],
    ]);
  });

  it('7.10-1 / 7.10-2: each configuration has a /Name and no /AS', () => {
    expect(r('7.10-1').test({ isDefault: true, hasAS: false })).toBe('The default optional content configuration (/D) has no /Name.');
    expect(r('7.10-1').test({ name: '', isDefault: false, hasAS: false })).toBe('The optional content configuration has an empty /Name.');
    expect(r('7.10-1').test({ name: 'Print', isDefault: false, hasAS: false })).toBeUndefined();
    expect(r('7.10-2').test({ name: 'Print', isDefault: true, hasAS: true })).toBe('The default optional content configuration (/D) has an /AS entry, which changes visibility automatically.');
    expect(r('7.10-2').test({ name: 'Print', isDefault: false, hasAS: true })).toBe('The optional content configuration has an /AS entry, which changes visibility automatically.');
    expect(r('7.10-2').test({ name: 'Print', isDefault: false, hasAS: false })).toBeUndefined();
  });
});

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
