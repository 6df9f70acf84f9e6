import { describe, expect, it } from 'vitest';
import { PDFName, PDFString } from 'pdf-lib';
import { check, edit, failed, only } from '../helpers.ts';

const N = (s: string) => PDFName.of(s);

describe('ISO 14289-1, 7.2: natural language, lists, tables, TOC', () => {
describe('natural language', () => {
  it('no catalog /Lang: text, Alt, annotation Contents, outline and XMP language are undeterminable', async () => {
    const r = await check(edit((f) => f.catalog.delete(N('Lang'))));
    expect(failed(r)).toEqual(['7.2-2', '7.2-22', '7.2-24', '7.2-33', '7.2-34']);
    expect(only(r, '7.2-34').map((f) => f.page)).toEqual([1, 2]);
    expect(only(r, '7.2-22')[0]!.path).toBe('Document/Chart[1]');
  });

  it('no catalog /Lang, but /Lang on the Document element and the page artifacts: only the outline and XMP remain', async () => {
    const r = await check({
      edit: (f) => {
        f.catalog.delete(N('Lang'));
        f.el.document.set(N('Lang'), PDFString.of('en'));
      },
      content: (p, t) => (p === 2 ? t.replace('/Artifact BMC', '/Artifact <</Lang (en)>> BDC') : t),
    });
    expect(failed(r)).toEqual(['7.2-2', '7.2-33']);
  });

  it('7.2-29: /Lang that is not a language tag', async () => {
    const r = await check(edit((f) => f.catalog.set(N('Lang'), PDFString.of('English!'))));
    expect(failed(r)).toContain('7.2-29');
  });

  it('7.2-29: a bad /Lang in a marked-content property list', async () => {
    const r = await check({ content: (p, t) => (p === 2 ? t.replace('/Artifact BMC', '/Artifact <</Lang (en_US)>> BDC') : t) });
    expect(failed(r)).toEqual(['7.2-29']);
    expect(only(r, '7.2-29')[0]!.page).toBe(2);
  });
});

  it('7.2-20: an LI with a NonStruct child', async () => {
    const r = await check(edit((f) => f.addElem(f.el.li, f.ref.li, 'NonStruct')));
    expect(failed(r)).toEqual(['7.2-20']);
    expect(only(r, '7.2-20')[0]!.path).toBe('Document/L[1]/LI[1]');
  });

  it.each([
    ['7.2-17', 'LI', 'document'],
    ['7.2-18', 'LBody', 'l'],
    ['7.2-19', 'P', 'l'],
    ['7.2-4', 'TR', 'document'],
    ['7.2-9', 'TD', 'table'],
    ['7.2-10', 'P', 'tr1'],
    ['7.2-26', 'TOCI', 'p'],
    ['7.2-27', 'P', 'toc'],
  ] as const)('%s: a %s inside %s', async (rule, type, parent) => {
    const r = await check(edit((f) => f.addElem(f.el[parent], f.ref[parent], type)));
    expect(failed(r)).toContain(rule);
  });


  it('7.2-42 / 7.2-43: irregular tables', async () => {
    expect(failed(await check(edit((f) => f.addElem(f.el.tr2, f.ref.tr2, 'TD'))))).toEqual(['7.2-42']);
    const shortRow = edit((f) => {
      const tr3 = f.addElem(f.el.table, f.ref.table, 'TR');
      f.addElem(tr3.dict, tr3.ref, 'TD');
    });
    expect(failed(await check(shortRow))).toEqual(['7.2-43']);
  });

  it('7.2-15: overlapping cells', async () => {
    const r = await check(
      edit((f) => {
        f.el.th2.set(N('A'), f.ctx.obj({ O: 'Table', Scope: 'Column', RowSpan: 2 }));
        f.el.td1.set(N('A'), f.ctx.obj({ O: 'Table', ColSpan: 2 }));
      }),
    );
    expect(failed(r)).toEqual(['7.2-15']);
    expect(only(r, '7.2-15').map((x) => x.path)).toEqual(['Document/Table[1]/TR[1]/TH[2]', 'Document/Table[1]/TR[2]/TD[1]']);
  });

});
