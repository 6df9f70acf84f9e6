import { describe, expect, it } from 'vitest';
import { PDFDict, PDFName, PDFString } from 'pdf-lib';
import { check, checkCorpusFile, corpusFiles, edit, failed, ruleById, ruleTable } from '../helpers.ts';
import { rules as embeddedFileRules } from '../../../../src/check/rules/7.11-embedded-files.ts';

const N = (s: string) => PDFName.of(s);


// Cheap checks on hand-made facts first: Stryker stops a mutant's run at the first failing test.
describe('7.11: what the rule requires and what its failures say (the rule\'s test on hand-made facts)', () => {
  const r = (id: string) => ruleById(embeddedFileRules, id);

  it('lists the rule with its clause, object, structure type and requirement', () => {
    expect(ruleTable(embeddedFileRules)).toEqual([
      ['7.11-1', '7.11', 'FileSpec', undefined, 'The file specification of an embedded file has non-empty /F and /UF entries.'],
    ]);
  });

  it('7.11-1: an embedded file\'s specification has non-empty /F and /UF', () => {
    expect(r('7.11-1').test({ hasEF: true })).toBe('The file specification of an embedded file has no non-empty /F or /UF.');
    expect(r('7.11-1').test({ hasEF: true, f: 'data.csv', uf: '' })).toBe('The file specification of an embedded file has no non-empty /UF.');
    expect(r('7.11-1').test({ hasEF: true, uf: 'data.csv' })).toBe('The file specification of an embedded file has no non-empty /F.');
    expect(r('7.11-1').test({ hasEF: true, f: 'data.csv', uf: 'data.csv' })).toBeUndefined();
    expect(r('7.11-1').test({ hasEF: false })).toBeUndefined();
  });
});

describe('ISO 14289-1, 7.11: embedded files', () => {
  const attach = (keys: Record<string, string>) =>
    edit((f) => {
      const file = f.ctx.register(f.ctx.stream('data', { Type: 'EmbeddedFile' }));
      const spec = f.ctx.obj({ Type: 'Filespec', EF: { F: file } });
      for (const [k, v] of Object.entries(keys)) spec.set(N(k), PDFString.of(v));
      f.catalog.lookup(N('Names'), PDFDict).set(N('EmbeddedFiles'), f.ctx.obj({ Names: [PDFString.of('data.csv'), f.ctx.register(spec)] }));
    });

  it('an embedded file with /F and /UF passes', async () => {
    expect((await check(attach({ F: 'data.csv', UF: 'data.csv' }))).failures).toEqual([]);
  });

  it('7.11-1: no /UF, or an empty /F', async () => {
    expect(failed(await check(attach({ F: 'data.csv' })))).toEqual(['7.11-1']);
    expect(failed(await check(attach({ F: '', UF: 'data.csv' })))).toEqual(['7.11-1']);
  });
});

describe('veraPDF corpus files for this clause (test/fixtures/verapdf)', () => {
  const files = corpusFiles('7.11-');
  it('has files to check', () => expect(files.length).toBeGreaterThan(0));
  it.each(files.map((f) => [f.name, f] as const))('%s', async (_, f) => {
    const { raised } = await checkCorpusFile(f);
    expect(raised, `${f.name}: rule ${f.rule} ${raised ? 'raised' : 'not raised'}`).toBe(f.expect === 'fail');
  });
});
