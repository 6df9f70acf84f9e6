import { describe, expect, it } from 'vitest';
import { PDFArray, PDFName, PDFNumber, PDFString } from 'pdf-lib';
import { check, checkCorpusFile, corpusFiles, edit, failed, only } from '../helpers.ts';
import type { Fixture } from '../../../pdf-fixtures.ts';

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

describe('veraPDF corpus files for this clause (test/fixtures/verapdf)', () => {
  const files = corpusFiles('7.2-');
  it('has files to check', () => expect(files.length).toBeGreaterThan(0));
  it.each(files.map((f) => [f.name, f] as const))('%s', async (_, f) => {
    const { raised } = await checkCorpusFile(f);
    expect(raised, `${f.name}: rule ${f.rule} ${raised ? 'raised' : 'not raised'}`).toBe(f.expect === 'fail');
  });
});

describe('7.2-25 and 7.2-30…32: the language of form fields and of Span marked content', () => {
  const noLang = (more: (f: Fixture) => void) => edit((f) => (f.catalog.delete(N('Lang')), more(f)));

  it('7.2-25: a form field with /TU whose structure element has no /Lang of its own', async () => {
    const field = (lang?: string) =>
      noLang((f) => {
        const form = f.addElem(f.el.p2, f.ref.p2, 'Form', lang ? { Lang: PDFString.of(lang) } : {});
        const widget = f.ctx.obj({ Type: 'Annot', Subtype: 'Widget', FT: 'Tx', Rect: [300, 300, 400, 320], StructParent: 9 });
        widget.set(N('T'), PDFString.of('name'));
        widget.set(N('TU'), PDFString.of('Your name'));
        const ref = f.ctx.register(widget);
        form.dict.set(N('K'), f.ctx.obj([f.ctx.obj({ Type: 'OBJR', Obj: ref, Pg: f.pages[1]!.ref })]));
        f.parentTreeNums.push(PDFNumber.of(9));
        f.parentTreeNums.push(form.ref);
        (f.pages[1]!.dict.get(N('Annots')) as PDFArray).push(ref);
        f.catalog.set(N('AcroForm'), f.ctx.obj({ Fields: [ref] }));
      });
    expect(failed(await check(field()))).toContain('7.2-25');
    expect(failed(await check(field('en')))).not.toContain('7.2-25');
  });

  it.each([
    ['7.2-30', 'ActualText'],
    ['7.2-31', 'Alt'],
    ['7.2-32', 'E'],
  ])('%s: %s in a Span sequence with no language anywhere', async (id, key) => {
    const span = `/Span <</${key} (x)>> BDC BT /F1 9 Tf 300 40 Td (x) Tj ET EMC`;
    const r = await check({ ...noLang(() => {}), content: (p, t) => (p === 2 ? t.replace('/Artifact BMC BT /F1 9 Tf 300 40 Td (2) Tj ET EMC', `/Artifact <</Lang (en)>> BDC ${span} EMC`) : t) });
    expect(failed(r)).not.toContain(id); // the Artifact around it gives the language
    const bare = await check({ ...noLang(() => {}), content: (p, t) => (p === 2 ? `${t}\n/Artifact BMC ${span} EMC` : t) });
    expect(failed(bare)).toContain(id);
    expect(only(bare, id)[0]!.page).toBe(2);
  });

  it('7.2-41: a first column whose RowSpan runs past the last row', async () => {
    const r = await check(edit((f) => f.el.th1.set(N('A'), f.ctx.obj({ O: 'Table', Scope: 'Column', RowSpan: 3 }))));
    expect(failed(r)).toEqual(['7.2-41']);
  });
});
