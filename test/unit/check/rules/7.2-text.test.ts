import { describe, expect, it } from 'vitest';
import { PDFArray, PDFName, PDFNumber, PDFString } from 'pdf-lib';
import { check, checkCorpusFile, corpusFiles, edit, failed, only, ruleById, ruleTable } from '../helpers.ts';
import { rules as textRules } from '../../../../src/check/rules/7.2-text.ts';
import type { Fixture } from '../../../pdf-fixtures.ts';

const N = (s: string) => PDFName.of(s);

// Cheap checks on hand-made facts first: Stryker stops a mutant's run at the first failing test.
describe('7.2: what each rule requires and what its failures say (the rules\' tests on hand-made facts)', () => {
  const r = (id: string) => ruleById(textRules, id);
  const lang = { hasCatalogLang: true };
  const noLang = { hasCatalogLang: false };

  it('lists each rule with its clause, object, structure type and requirement', () => {
    expect(ruleTable(textRules)).toEqual([
      ['7.2-2', '7.2', 'Outline', undefined, 'The natural language of outline entries is determinable (catalog /Lang).'],
      ['7.2-3', '7.2', 'StructElem', 'Table', 'Table contains only TR, THead, TBody, TFoot and Caption.'],
      ['7.2-4', '7.2', 'StructElem', 'TR', 'TR is inside Table, THead, TBody or TFoot.'],
      ['7.2-5', '7.2', 'StructElem', 'THead', 'THead is inside Table.'],
      ['7.2-6', '7.2', 'StructElem', 'TBody', 'TBody is inside Table.'],
      ['7.2-7', '7.2', 'StructElem', 'TFoot', 'TFoot is inside Table.'],
      ['7.2-8', '7.2', 'StructElem', 'TH', 'TH is inside TR.'],
      ['7.2-9', '7.2', 'StructElem', 'TD', 'TD is inside TR.'],
      ['7.2-10', '7.2', 'StructElem', 'TR', 'TR contains only TH and TD.'],
      ['7.2-11', '7.2', 'StructElem', 'Table', 'Table has at most one THead.'],
      ['7.2-12', '7.2', 'StructElem', 'Table', 'Table has at most one TFoot.'],
      ['7.2-13', '7.2', 'StructElem', 'Table', 'A Table with a TFoot has a TBody.'],
      ['7.2-14', '7.2', 'StructElem', 'Table', 'A Table with a THead has a TBody.'],
      ['7.2-15', '7.2', 'TableCell', undefined, 'Table cells do not overlap (RowSpan/ColSpan).'],
      ['7.2-16', '7.2', 'StructElem', 'Table', "A Table's Caption is its first or last child."],
      ['7.2-17', '7.2', 'StructElem', 'LI', 'LI is inside L.'],
      ['7.2-18', '7.2', 'StructElem', 'LBody', 'LBody is inside LI.'],
      ['7.2-19', '7.2', 'StructElem', 'L', 'L contains only L, LI and Caption.'],
      ['7.2-20', '7.2', 'StructElem', 'LI', 'LI contains only Lbl and LBody.'],
      ['7.2-21', '7.2', 'StructElem', undefined, 'The natural language of ActualText is determinable.'],
      ['7.2-22', '7.2', 'StructElem', undefined, 'The natural language of Alt is determinable.'],
      ['7.2-23', '7.2', 'StructElem', undefined, 'The natural language of E (expansion) is determinable.'],
      ['7.2-24', '7.2', 'Annot', undefined, 'The natural language of annotation /Contents is determinable.'],
      ['7.2-25', '7.2', 'FormField', undefined, "The natural language of form fields' /TU is determinable."],
      ['7.2-26', '7.2', 'StructElem', 'TOCI', 'TOCI is inside TOC.'],
      ['7.2-27', '7.2', 'StructElem', 'TOC', 'TOC contains only TOC, TOCI and Caption.'],
      ['7.2-28', '7.2', 'StructElem', 'TOC', "A TOC's Caption is its first child."],
      ['7.2-29', '7.2', 'Lang', undefined, 'Every /Lang value (catalog, structure element, property list) is a language tag.'],
      ['7.2-30', '7.2', 'PageContent', undefined, 'The natural language of ActualText in a Span marked-content sequence is determinable.'],
      ['7.2-31', '7.2', 'PageContent', undefined, 'The natural language of Alt in a Span marked-content sequence is determinable.'],
      ['7.2-32', '7.2', 'PageContent', undefined, 'The natural language of E in a Span marked-content sequence is determinable.'],
      ['7.2-33', '7.2', 'XMP', undefined, 'The natural language of XMP language alternatives (x-default) is determinable.'],
      ['7.2-34', '7.2', 'PageContent', undefined, 'The natural language of text in page content is determinable.'],
      ['7.2-36', '7.2', 'StructElem', 'THead', 'THead contains only TR.'],
      ['7.2-37', '7.2', 'StructElem', 'TBody', 'TBody contains only TR.'],
      ['7.2-38', '7.2', 'StructElem', 'TFoot', 'TFoot contains only TR.'],
      ['7.2-39', '7.2', 'StructElem', 'Table', 'Table has at most one Caption.'],
      ['7.2-40', '7.2', 'StructElem', 'L', "An L's Caption is its first child."],
      ['7.2-41', '7.2', 'Table', undefined, 'Table columns span the same number of rows.'],
      ['7.2-42', '7.2', 'Table', undefined, 'Table rows do not span more columns than the first row.'],
      ['7.2-43', '7.2', 'Table', undefined, 'Table rows span the same number of columns.'],
    ]);
  });

  it('names the unexpected kids once each, and the allowed ones as a list', () => {
    expect(r('7.2-3').test({ kids: ['TR', 'P', 'Span', 'P'] })).toBe('Table contains P, Span; only TR, THead, TBody, TFoot and Caption are allowed.');
    expect(r('7.2-3').test({ kids: ['Caption', 'THead', 'TBody', 'TFoot', 'TR'] })).toBeUndefined();
    expect(r('7.2-10').test({ kids: ['TH', 'TD', 'P'] })).toBe('TR contains P; only TH and TD are allowed.');
    expect(r('7.2-36').test({ kids: ['TR', 'TD'] })).toBe('THead contains TD; only TR is allowed.');
    expect(r('7.2-36').test({ kids: [] })).toBeUndefined();
    expect(r('7.2-19').test({ kids: ['L', 'LI', 'Caption'] })).toBeUndefined();
    expect(r('7.2-20').test({ kids: ['Lbl', 'LBody', 'Span'] })).toBe('LI contains Span; only Lbl and LBody are allowed.');
    expect(r('7.2-27').test({ kids: ['TOC', 'TOCI', 'Caption', 'Link'] })).toBe('TOC contains Link; only TOC, TOCI and Caption are allowed.');
    expect(r('7.2-37').test({ kids: ['TR'] })).toBeUndefined();
    expect(r('7.2-38').test({ kids: ['TBody'] })).toBe('TFoot contains TBody; only TR is allowed.');
  });

  it('names the parent an element is wrongly inside, or the structure tree root', () => {
    expect(r('7.2-4').test({ parentType: 'Div' })).toBe('TR is inside Div, not Table, THead, TBody or TFoot.');
    expect(r('7.2-4').test({})).toBe('TR is inside the structure tree root, not Table, THead, TBody or TFoot.');
    for (const p of ['Table', 'THead', 'TBody', 'TFoot']) expect(r('7.2-4').test({ parentType: p })).toBeUndefined();
    expect(r('7.2-5').test({ parentType: 'TBody' })).toBe('THead is inside TBody, not Table.');
    expect(r('7.2-6').test({ parentType: 'Table' })).toBeUndefined();
    expect(r('7.2-7').test({ parentType: 'Sect' })).toBe('TFoot is inside Sect, not Table.');
    expect(r('7.2-8').test({ parentType: 'Table' })).toBe('TH is inside Table, not TR.');
    expect(r('7.2-17').test({ parentType: 'L' })).toBeUndefined();
    expect(r('7.2-18').test({ parentType: 'L' })).toBe('LBody is inside L, not LI.');
    expect(r('7.2-26').test({ parentType: 'P' })).toBe('TOCI is inside P, not TOC.');
  });

  it('counts THead, TFoot and Caption in a table, and wants a TBody with a THead or TFoot', () => {
    expect(r('7.2-11').test({ kids: ['THead', 'TBody'] })).toBeUndefined();
    expect(r('7.2-11').test({ kids: ['THead', 'THead', 'TBody'] })).toBe('Table has more than one THead.');
    expect(r('7.2-12').test({ kids: ['TBody', 'TFoot'] })).toBeUndefined();
    expect(r('7.2-12').test({ kids: ['TBody', 'TFoot', 'TFoot'] })).toBe('Table has more than one TFoot.');
    expect(r('7.2-13').test({ kids: ['TR', 'TFoot'] })).toBe('Table has a TFoot but no TBody.');
    expect(r('7.2-13').test({ kids: ['TBody', 'TFoot'] })).toBeUndefined();
    expect(r('7.2-13').test({ kids: ['TR'] })).toBeUndefined();
    expect(r('7.2-14').test({ kids: ['THead', 'TR'] })).toBe('Table has a THead but no TBody.');
    expect(r('7.2-14').test({ kids: ['THead', 'TBody'] })).toBeUndefined();
    expect(r('7.2-14').test({ kids: ['TR'] })).toBeUndefined();
    expect(r('7.2-39').test({ kids: ['Caption', 'TR'] })).toBeUndefined();
    expect(r('7.2-39').test({ kids: ['Caption', 'TR', 'Caption', 'Caption'] })).toBe('Table has 3 Caption elements instead of one.');
  });

  it("places a table's Caption first or last, a TOC's and an L's first", () => {
    expect(r('7.2-16').test({ kids: ['Caption', 'TR', 'TR'] })).toBeUndefined();
    expect(r('7.2-16').test({ kids: ['TR', 'TR', 'Caption'] })).toBeUndefined();
    expect(r('7.2-16').test({ kids: ['TR', 'Caption', 'TR'] })).toBe('Table has a Caption that is neither its first nor its last child.');
    expect(r('7.2-28').test({ kids: ['Caption', 'TOCI'] })).toBeUndefined();
    expect(r('7.2-28').test({ kids: ['TOCI', 'Caption'] })).toBe('TOC has a Caption that is not its first child.');
    expect(r('7.2-40').test({ kids: ['LI', 'Caption'] })).toBe('L has a Caption that is not its first child.');
  });

  it('overlapping cells are named by their type', () => {
    expect(r('7.2-15').test({ hasIntersection: true, e: { type: 'TD' } })).toBe('TD overlaps another cell (check RowSpan/ColSpan).');
    expect(r('7.2-15').test({ hasIntersection: false, e: { type: 'TD' } })).toBeUndefined();
  });

  it('the language of an outline, XMP alternatives and page text needs the catalog /Lang', () => {
    expect(r('7.2-2').test({ items: [{}] }, noLang)).toBe('The language of the outline entries cannot be determined: the catalog has no /Lang.');
    expect(r('7.2-2').test({ items: [{}] }, lang)).toBeUndefined();
    expect(r('7.2-2').test({ items: [] }, noLang)).toBeUndefined();
    expect(r('7.2-33').test({ hasXDefault: true }, noLang)).toBe('The XMP metadata has x-default language alternatives, but the catalog has no /Lang to say which language they are in.');
    expect(r('7.2-33').test({ hasXDefault: true }, lang)).toBeUndefined();
    expect(r('7.2-33').test({ hasXDefault: false }, noLang)).toBeUndefined();
    expect(r('7.2-34').test({ textWithoutOwnLang: 4, page: 2 }, noLang)).toBe(
      'The language of 4 text item(s) on page 2 cannot be determined: the catalog has no /Lang, and neither their structure elements nor their marked content have one.',
    );
    expect(r('7.2-34').test({ textWithoutOwnLang: 4, page: 2 }, lang)).toBeUndefined();
    expect(r('7.2-34').test({ textWithoutOwnLang: 0, page: 2 }, noLang)).toBeUndefined();
  });

  it("the language of an element's ActualText, Alt or E comes from it, its ancestors or the catalog", () => {
    const elem = { e: { type: 'Figure' }, hasActualText: true, hasAlt: true, hasE: true };
    expect(r('7.2-21').test(elem, noLang)).toBe("The language of Figure's ActualText cannot be determined (no /Lang on it, its ancestors or the catalog).");
    expect(r('7.2-22').test(elem, noLang)).toBe("The language of Figure's Alt cannot be determined (no /Lang on it, its ancestors or the catalog).");
    expect(r('7.2-23').test(elem, noLang)).toBe("The language of Figure's E cannot be determined (no /Lang on it, its ancestors or the catalog).");
    expect(r('7.2-22').test(elem, lang)).toBeUndefined();
    expect(r('7.2-22').test({ ...elem, inheritedLang: 'de' }, noLang)).toBeUndefined();
    const none = { e: { type: 'Figure' }, hasActualText: false, hasAlt: false, hasE: false };
    for (const id of ['7.2-21', '7.2-22', '7.2-23']) expect(r(id).test(none, noLang)).toBeUndefined();
    expect(r('7.2-21').test({ ...none, hasActualText: true }, noLang)).toMatch(/ActualText/);
    expect(r('7.2-23').test({ ...none, hasE: true }, noLang)).toMatch(/'s E /);
  });

  it("the language of an annotation's Contents or a field's TU comes from its structure element or the catalog", () => {
    const annot = { contents: 'Go', label: 'Link annotation on page 1' };
    expect(r('7.2-24').test(annot, noLang)).toBe('The language of the /Contents of the Link annotation on page 1 cannot be determined (no /Lang on the catalog or its structure element).');
    expect(r('7.2-24').test({ ...annot, elemLang: 'en' }, noLang)).toBeUndefined();
    expect(r('7.2-24').test(annot, lang)).toBeUndefined();
    expect(r('7.2-24').test({ label: 'x' }, noLang)).toBeUndefined();
    const field = { name: 'email', tu: 'Your e-mail' };
    expect(r('7.2-25').test(field, noLang)).toBe('The language of the /TU of form field "email" cannot be determined (no /Lang on the catalog or its structure element).');
    expect(r('7.2-25').test({ ...field, lang: 'fr' }, noLang)).toBeUndefined();
    expect(r('7.2-25').test({ name: 'email' }, noLang)).toBeUndefined();
  });

  it('the language of Span sequences is counted per page and key', () => {
    const page = { page: 3, spanWithoutLang: { ActualText: 2, Alt: 0, E: 1 } };
    expect(r('7.2-30').test(page, noLang)).toBe(
      'The language of the ActualText of 2 Span sequence(s) on page 3 cannot be determined (no /Lang on them, the sequences around them, their structure elements or the catalog).',
    );
    expect(r('7.2-31').test(page, noLang)).toBeUndefined();
    expect(r('7.2-32').test(page, noLang)).toMatch(/^The language of the E of 1 Span/);
    expect(r('7.2-30').test(page, lang)).toBeUndefined();
  });

  it('a /Lang that is not a language tag is named with its owner', () => {
    for (const value of ['en', 'de-CH', 'es-419', 'zh-Hant-TW', 'x-klingon', 'ABCDEFGH', 'en-abcdefgh']) expect(r('7.2-29').test({ value, owner: 'catalog' })).toBeUndefined();
    for (const value of ['', 'en_US', 'en-', '-en', 'toolonglang', 'en-toolongsub', 'en us', '1en']) expect(r('7.2-29').test({ value, owner: 'catalog' }), value).toBeDefined();
    expect(r('7.2-29').test({ value: 'English!', owner: 'catalog' })).toBe('The catalog /Lang "English!" is not a language tag (e.g. "en" or "de-CH").');
    expect(r('7.2-29').test({ value: 'en_US', owner: 'element', ownerType: 'P' })).toBe('/Lang "en_US" of P is not a language tag.');
    expect(r('7.2-29').test({ value: 'en_US', owner: 'marked-content', page: 2 })).toBe('/Lang "en_US" in a marked-content property list on page 2 is not a language tag.');
  });

  it('irregular tables: rows beyond the first column, columns with other row spans, rows with other column spans', () => {
    expect(r('7.2-41').test({ rows: 2, rowBeyond: 2 })).toBe('Table columns span different numbers of rows (row 3 is beyond the 2 rows the first column spans).');
    expect(r('7.2-41').test({ rows: 2, rowBeyond: 0, columnWithWrongRowSpan: 1 })).toBe('Table columns span different numbers of rows (row 1 is beyond the 2 rows the first column spans).');
    expect(r('7.2-41').test({ rows: 2, columnWithWrongRowSpan: 2 })).toBe('Table columns 1 and 3 span different numbers of rows.');
    expect(r('7.2-41').test({ rows: 2, columnWithWrongRowSpan: 0 })).toBe('Table columns 1 and 1 span different numbers of rows.');
    expect(r('7.2-41').test({ rows: 2 })).toBeUndefined();
    expect(r('7.2-42').test({ columns: 2, rowWithWrongColumnSpan: 1 })).toBe('Table rows 1 and 2 span different numbers of columns (row 2 has more than 2).');
    expect(r('7.2-42').test({ columns: 2, rowWithWrongColumnSpan: 1, wrongColumnSpan: 1 })).toBeUndefined();
    expect(r('7.2-42').test({ columns: 2 })).toBeUndefined();
    expect(r('7.2-43').test({ columns: 2, rowWithWrongColumnSpan: 2, wrongColumnSpan: 1 })).toBe('Table rows 1 and 3 span different numbers of columns (2 and 1).');
    expect(r('7.2-43').test({ columns: 2, rowWithWrongColumnSpan: 0, wrongColumnSpan: 0 })).toBe('Table rows 1 and 1 span different numbers of columns (2 and 0).');
    expect(r('7.2-43').test({ columns: 2, rowWithWrongColumnSpan: 1 })).toBeUndefined();
    expect(r('7.2-43').test({ columns: 2 })).toBeUndefined();
  });
});

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
