import { describe, expect, it } from 'vitest';
import { check, checkCorpusFile, corpusFiles, edit, failed, only, ruleById, ruleTable } from '../helpers.ts';
import { rules as securityRules } from '../../../../src/check/rules/7.16-security.ts';


// Cheap checks on hand-made facts first: Stryker stops a mutant's run at the first failing test.
describe('7.16: what the rule requires and what its failures say (the rule\'s test on hand-made facts)', () => {
  const r = (id: string) => ruleById(securityRules, id);

  it('lists the rule with its clause, object, structure type and requirement', () => {
    expect(ruleTable(securityRules)).toEqual([
      ['7.16-1', '7.16', 'Document', undefined, "An encrypted file's encryption dictionary has /P with bit 10 (extract for accessibility) set."],
    ]);
  });

  it('7.16-1: an encrypted file lets assistive technology extract text (bit 10 of /P)', () => {
    expect(r('7.16-1').test({})).toBeUndefined();
    expect(r('7.16-1').test({ encryption: { p: null } })).toBe('The encryption dictionary has no /P (permissions).');
    expect(r('7.16-1').test({ encryption: { p: -3904 } })).toBe("The encryption dictionary's /P (-3904) does not set bit 10: assistive technology may not extract the text.");
    expect(r('7.16-1').test({ encryption: { p: 512 } })).toBeUndefined();
    expect(r('7.16-1').test({ encryption: { p: -3392 } })).toBeUndefined();
    expect(r('7.16-1').test({ encryption: { p: 0 } })).toBeDefined();
  });
});

describe('ISO 14289-1, 7.16: security', () => {
  // The encryption dictionary alone (nothing is actually encrypted): what the rule reads.
  const encrypted = (p: number) => edit((f) => (f.ctx.trailerInfo.Encrypt = f.ctx.register(f.ctx.obj({ Filter: 'Standard', V: 2, R: 3, P: p }))));

  it('7.16-1: /P without bit 10 fails; with it passes', async () => {
    const r = await check(encrypted(-3904));
    expect(failed(r)).toEqual(['7.16-1']);
    expect(only(r, '7.16-1')[0]!.message).toContain('-3904');
    expect((await check(encrypted(-3904 | 512))).failures).toEqual([]);
  });

  it('an unencrypted file has no encryption dictionary to check', async () => {
    const r = await check();
    expect(r.rules).toContain('7.16-1');
    expect(failed(r)).not.toContain('7.16-1');
  });
});

describe('veraPDF corpus files for this clause (test/fixtures/verapdf)', () => {
  const files = corpusFiles('7.16-');
  it('has files to check', () => expect(files.length).toBeGreaterThan(0));
  it.each(files.map((f) => [f.name, f] as const))('%s', async (_, f) => {
    const { raised } = await checkCorpusFile(f);
    expect(raised, `${f.name}: rule ${f.rule} ${raised ? 'raised' : 'not raised'}`).toBe(f.expect === 'fail');
  });
});
