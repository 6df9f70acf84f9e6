import { describe, expect, it } from 'vitest';
import { PDFName, PDFString } from 'pdf-lib';
import { check, checkCorpusFile, corpusFiles, edit, failed, ruleById, ruleTable } from '../helpers.ts';
import { rules as xfaRules } from '../../../../src/check/rules/7.15-xfa.ts';

const N = (s: string) => PDFName.of(s);


// Cheap checks on hand-made facts first: Stryker stops a mutant's run at the first failing test.
describe('7.15: what the rule requires and what its failures say (the rule\'s test on hand-made facts)', () => {
  const r = (id: string) => ruleById(xfaRules, id);

  it('lists the rule with its clause, object, structure type and requirement', () => {
    expect(ruleTable(xfaRules)).toEqual([
      ['7.15-1', '7.15', 'Document', undefined, 'The interactive form is not a dynamic XFA form (dynamicRender is not "required").'],
    ]);
  });

  it('7.15-1: no dynamic XFA form', () => {
    expect(r('7.15-1').test({ dynamicRender: 'required' })).toBe('The interactive form is a dynamic XFA form (its XFA configuration has dynamicRender "required").');
    expect(r('7.15-1').test({ dynamicRender: 'forbidden' })).toBeUndefined();
    expect(r('7.15-1').test({})).toBeUndefined();
  });
});

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
