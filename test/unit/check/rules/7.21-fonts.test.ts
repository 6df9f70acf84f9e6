import { describe, expect, it } from 'vitest';
import { PDFArray, PDFDict, PDFName } from 'pdf-lib';
import { check, checkCorpusFile, corpusFiles, edit, failed, only } from '../helpers.ts';
import { rules as fontRules } from '../../../../src/check/rules/7.21-fonts.ts';
import type { FontFacts } from '../../../../src/check/model/fonts.ts';
import type { CheckModel } from '../../../../src/check/model.ts';
import type { Fixture } from '../../../pdf-fixtures.ts';

const N = (s: string) => PDFName.of(s);

describe('ISO 14289-1, 7.21: fonts', () => {
  const helvetica = (f: Fixture) => {
    const font = f.ctx.obj({ Type: 'Font', Subtype: 'Type1', BaseFont: 'Helvetica', Encoding: 'WinAnsiEncoding' });
    (f.pages[1]!.resources.get(N('Font')) as PDFDict).set(N('F2'), f.ctx.register(font));
  };

  it('7.21.4.1-1: text in an unembedded font', async () => {
    const r = await check({ edit: helvetica, content: (p, t) => (p === 2 ? t.replace('/F1 12 Tf 72 690', '/F2 12 Tf 72 690') : t) });
    expect(failed(r)).toEqual(['7.21.4.1-1']);
    const [x] = only(r, '7.21.4.1-1');
    expect(x!.page).toBe(2);
    expect(x!.message).toContain('Helvetica');
  });

  it('7.21.4.1-1: a font used only in rendering mode 3 (invisible) need not be embedded', async () => {
    const r = await check({ edit: helvetica, content: (p, t) => (p === 2 ? t.replace('/F1 12 Tf 72 690', '/F2 12 Tf 3 Tr 72 690') : t) });
    expect(r.failures).toEqual([]);
  });

  it('7.21.4.1-1: a Type0 font whose CIDFont is not embedded', async () => {
    const r = await check({
      edit: (f) => {
        const cid = f.ctx.obj({ Type: 'Font', Subtype: 'CIDFontType2', BaseFont: 'Arial', CIDSystemInfo: { Ordering: 'Identity', Supplement: 0 }, FontDescriptor: { Type: 'FontDescriptor', FontName: 'Arial', Flags: 32 } });
        const t0 = f.ctx.obj({ Type: 'Font', Subtype: 'Type0', BaseFont: 'Arial', Encoding: 'Identity-H', DescendantFonts: [f.ctx.register(cid)] });
        // A ToUnicode CMap for the two codes shown, so the CIDFont's embedding is the one defect.
        t0.set(N('ToUnicode'), f.ctx.register(f.ctx.stream('begincmap 1 begincodespacerange <0000> <FFFF> endcodespacerange 2 beginbfchar <0041> <0041> <0042> <0042> endbfchar endcmap')));
        (f.pages[1]!.resources.get(N('Font')) as PDFDict).set(N('F3'), f.ctx.register(t0));
      },
      content: (p, t) => (p === 2 ? t.replace('/F1 12 Tf 72 690 Td (See ) Tj', '/F3 12 Tf 72 690 Td <00410042> Tj') : t),
    });
    expect(failed(r)).toEqual(['7.21.4.1-1']);
  });

  it('7.21.7-1: a font with no ToUnicode and glyph names that do not map to Unicode', async () => {
    const r = await check(edit((f) => f.font.delete(N('ToUnicode'))));
    expect(failed(r)).toEqual(['7.21.7-1']);
  });
});

describe('veraPDF corpus files for this clause (test/fixtures/verapdf)', () => {
  const files = corpusFiles('7.21.');
  it('has files to check', () => expect(files.length).toBeGreaterThan(0));
  it.each(files.map((f) => [f.name, f] as const))('%s', async (_, f) => {
    const { raised } = await checkCorpusFile(f);
    expect(raised, `${f.name}: rule ${f.rule} ${raised ? 'raised' : 'not raised'}`).toBe(f.expect === 'fail');
  });
});

describe('glyph-level font rules on the fixture\'s Type3 box font', () => {
  it('7.21.7-1 and 7.21.4.1-2: a code shown that the ToUnicode CMap does not map, and the font has no glyph for', async () => {
    const r = await check({ content: (p, t) => (p === 2 ? t.replace('(See ) Tj', '(See \\001) Tj') : t) });
    expect(failed(r)).toEqual(['7.21.4.1-2', '7.21.7-1']);
    expect(only(r, '7.21.7-1')[0]!.message).toContain('code 1');
  });

  it('7.21.8-1: a code whose /Differences name is .notdef', async () => {
    const r = await check({
      edit: (f) => ((f.font.get(N('Encoding')) as PDFDict).get(N('Differences')) as PDFArray).push(N('.notdef')),
      content: (p, t) => (p === 2 ? t.replace('(See ) Tj', '(See \\177) Tj') : t),
    });
    expect(failed(r)).toContain('7.21.8-1');
  });
});

describe('7.21.6-1 / 7.21.6-4: a TrueType program\'s cmap subtables (the rules\' tests on font facts)', () => {
  const byId = (id: string) => fontRules.find((r) => r.id === id)!;
  const truetype = (symbolic: boolean, cmaps: [number, number][]) =>
    ({
      subtype: 'TrueType',
      symbolic,
      rendered: true,
      name: 'ABCDEF+Test',
      resourceName: 'F1',
      page: 1,
      program: { kind: 'truetype', cmaps: cmaps.map(([platformID, encodingID]) => ({ platformID, encodingID })) },
    }) as unknown as FontFacts;
  const model = {} as CheckModel;

  it('7.21.6-1: a non-symbolic font needs a subtable besides (3,0)', () => {
    expect(byId('7.21.6-1').test(truetype(false, [[3, 1]]), model)).toBeUndefined();
    expect(byId('7.21.6-1').test(truetype(false, [[3, 0]]), model)).toMatch(/no non-symbolic 'cmap' subtable/);
    expect(byId('7.21.6-1').test(truetype(false, [[3, 0], [1, 0]]), model)).toBeUndefined();
  });

  it('7.21.6-4: a symbolic font has one subtable, or a (3,0) one', () => {
    expect(byId('7.21.6-4').test(truetype(true, [[1, 0]]), model)).toBeUndefined();
    expect(byId('7.21.6-4').test(truetype(true, [[1, 0], [3, 0]]), model)).toBeUndefined();
    expect(byId('7.21.6-4').test(truetype(true, [[1, 0], [3, 1]]), model)).toMatch(/no \(3,0\) Symbol subtable/);
  });
});
