import { describe, expect, it } from 'vitest';
import { PDFArray, PDFDict, PDFName, PDFRef, PDFString } from 'pdf-lib';
import { check, edit, failed, only, ruleById, ruleTable } from '../helpers.ts';
import { rules as navigationRules } from '../../../../src/check/rules/folio-navigation.ts';

const N = (s: string) => PDFName.of(s);

// Cheap checks on hand-made facts first: Stryker stops a mutant's run at the first failing test.
describe('folio navigation: what each rule requires and what its failures say (the rules\' tests on hand-made facts)', () => {
  const r = (id: string) => ruleById(navigationRules, id);

  it('lists each rule with its clause, object, structure type and requirement', () => {
    expect(ruleTable(navigationRules)).toEqual([
      ['folio-title-1', 'folio', 'Document', undefined, 'The document information dictionary has a non-empty /Title.'],
      ['folio-outline-1', 'folio', 'Outline', undefined, 'The document has an outline (bookmarks) with at least one item, and no item has an empty title.'],
      ['folio-outline-2', 'folio', 'OutlineHeading', undefined, 'The outline nests the way the headings do: the item of a heading sits under the item of the heading it belongs to.'],
      ['folio-pagelabels-1', 'folio', 'Document', undefined, 'The catalog has /PageLabels giving page 1 a label.'],
      ['folio-toc-1', 'folio', 'TOCI', undefined, 'Every TOCI holds a Link whose annotation jumps to a page of the document.'],
      ['folio-toc-2', 'folio', 'StructElem', 'TOCI', 'TOCI contains only Lbl, Reference, NonStruct, P and TOC (ISO 32000-1, Table 333).'],
    ]);
  });

  it('folio-title-1: a non-blank /Title', () => {
    expect(r('folio-title-1').test({})).toBe('The document information dictionary has no /Title.');
    expect(r('folio-title-1').test({ infoTitle: ' \t' })).toBe('The document information dictionary has no /Title.');
    expect(r('folio-title-1').test({ infoTitle: 'Annual report' })).toBeUndefined();
  });

  it('folio-outline-1: an outline, and no item with a blank title', () => {
    expect(r('folio-outline-1').test({ items: [] })).toBe('The document has no outline (bookmarks): readers cannot navigate it by section.');
    expect(r('folio-outline-1').test({ items: [{ title: 'A' }, { title: ' ' }, { title: '' }] })).toBe('2 outline item(s) have an empty title.');
    expect(r('folio-outline-1').test({ items: [{ title: 'A' }] })).toBeUndefined();
  });

  it('folio-outline-2: a heading\'s item sits under the item of the heading it belongs to', () => {
    const top = { title: 'Results', parent: null };
    const other = { title: 'Method', parent: null };
    const h = (item: object, more: Record<string, unknown> = {}) => ({ e: { standardType: 'H2' }, item, parentIsHeadingItem: false, ...more });
    const owned = { owner: { standardType: 'H1' }, ownerItem: top };
    expect(r('folio-outline-2').test(h({ title: 'Sales', parent: top }, owned))).toBeUndefined();
    expect(r('folio-outline-2').test(h({ title: 'Sales', parent: other }, owned))).toBe('The outline item "Sales" (H2) is under "Method", not under "Results", the item of the H1 it belongs to.');
    expect(r('folio-outline-2').test(h({ title: 'Sales', parent: null }, owned))).toBe('The outline item "Sales" (H2) is at the top level, not under "Results", the item of the H1 it belongs to.');
    expect(r('folio-outline-2').test(h({ title: 'Sales', parent: other }, { owner: { standardType: 'H1' } }))).toBeUndefined();
    expect(r('folio-outline-2').test(h({ title: 'Sales', parent: other }, { ownerItem: top }))).toBeUndefined();
    expect(r('folio-outline-2').test(h({ title: 'Sales', parent: other }, { parentIsHeadingItem: true }))).toBe('The outline item "Sales" (H2) is nested under "Method", but no higher-level heading precedes it.');
    expect(r('folio-outline-2').test(h({ title: 'Sales', parent: top }, { ...owned, parentIsHeadingItem: true }))).toBeUndefined();
    expect(r('folio-outline-2').test(h({ title: 'Sales', parent: null }))).toBeUndefined();
  });

  it('folio-pagelabels-1: /PageLabels with an entry for page 1', () => {
    expect(r('folio-pagelabels-1').test({ pageLabels: { present: false, startsAtFirstPage: false } })).toBe('The catalog has no /PageLabels: viewers show physical page numbers, not the printed ones.');
    expect(r('folio-pagelabels-1').test({ pageLabels: { present: true, startsAtFirstPage: false } })).toBe('/PageLabels does not start at page 1 (no entry for page index 0).');
    expect(r('folio-pagelabels-1').test({ pageLabels: { present: true, startsAtFirstPage: true } })).toBeUndefined();
  });

  it('folio-toc-1: each TOC entry holds a Link that jumps, or says why it does not', () => {
    expect(r('folio-toc-1').test({ links: 0, jumps: false, problems: [] })).toBe('TOCI holds no Link, so the table-of-contents entry cannot be followed.');
    expect(r('folio-toc-1').test({ links: 1, jumps: false, problems: ['no /Dest', 'page 9 does not exist'] })).toBe('The table-of-contents entry does not jump to a page: no /Dest; page 9 does not exist.');
    expect(r('folio-toc-1').test({ links: 2, jumps: true, problems: [] })).toBeUndefined();
  });

  it('folio-toc-2: TOCI kids of the types Table 333 allows, the others named once', () => {
    expect(r('folio-toc-2').test({ kids: ['Lbl', 'Reference', 'NonStruct', 'P', 'TOC'] })).toBeUndefined();
    expect(r('folio-toc-2').test({ kids: ['Lbl', 'Link', 'Span', 'Link'] })).toBe(
      'TOCI contains Link, Span; ISO 32000-1 Table 333 allows Lbl, Reference, NonStruct, P and TOC (wrap a Link in Reference). veraPDF does not check this.',
    );
  });
});

describe('folio navigation rules', () => {
  it('folio-title-1: no /Title in the document information dictionary', async () => {
    const r = await check(edit((f) => (f.ctx.lookup(f.ctx.trailerInfo.Info) as PDFDict).delete(N('Title'))));
    expect(failed(r)).toEqual(['folio-title-1']);
  });


  it('folio-toc-2: a TOCI holding a Link directly (not in Reference)', async () => {
    const r = await check(
      edit((f) => {
        f.removeKid(f.el.toci, f.ref.reference);
        const k = f.el.toci.get(N('K')) as PDFArray;
        k.push(f.ref.tocLink);
        f.el.tocLink.set(N('P'), f.ref.toci);
      }),
    );
    expect(failed(r)).toEqual(['folio-toc-2']);
    expect(only(r, 'folio-toc-2')[0]!.path).toBe('Document/TOC[1]/TOCI[1]');
  });

  it('folio-outline-1: no outline', async () => {
    const r = await check(edit((f) => f.catalog.delete(N('Outlines'))));
    expect(failed(r)).toEqual(['folio-outline-1']);
    expect(only(r, 'folio-outline-1')[0]!.clause).toBe('folio');
  });

  it('folio-outline-1: an outline item with an empty title', async () => {
    const r = await check(edit((f) => f.outline.child.set(N('Title'), PDFString.of(' '))));
    expect(failed(r)).toEqual(['folio-outline-1']);
  });

  it('folio-outline-2: the H2 "Details" item is not under the H1 "Annual report" item', async () => {
    const r = await check(
      edit((f) => {
        const root = f.outline.root;
        const topRef = root.get(N('First')) as PDFRef;
        const childRef = f.outline.top.get(N('First')) as PDFRef;
        f.outline.top.delete(N('First'));
        f.outline.top.delete(N('Last'));
        f.outline.top.set(N('Next'), childRef);
        f.outline.child.set(N('Prev'), topRef);
        f.outline.child.set(N('Parent'), f.ctx.getObjectRef(root)!);
        root.set(N('Last'), childRef);
      }),
    );
    expect(failed(r)).toEqual(['folio-outline-2']);
    const [x] = only(r, 'folio-outline-2');
    expect(x!.path).toBe('Document/Sect[1]/H2[1]');
    expect(x!.message).toContain('"Details"');
  });

  it('folio-outline-2 is skipped when no heading matches an outline item by title', async () => {
    const r = await check(edit((f) => f.outline.child.set(N('Title'), PDFString.of('Something else'))));
    expect(r.failures).toEqual([]);
  });

  it('folio-pagelabels-1: no /PageLabels, or labels that do not start at page 1', async () => {
    expect(failed(await check(edit((f) => f.catalog.delete(N('PageLabels')))))).toEqual(['folio-pagelabels-1']);
    expect(failed(await check(edit((f) => f.catalog.set(N('PageLabels'), f.ctx.obj({ Nums: [1, { S: 'D' }] })))))).toEqual(['folio-pagelabels-1']);
  });

  it('folio-toc-1: a TOCI whose link destination does not resolve', async () => {
    const r = await check(edit((f) => f.annots.toc.set(N('Dest'), PDFString.of('nowhere'))));
    expect(failed(r)).toEqual(['folio-toc-1']);
    const [x] = only(r, 'folio-toc-1');
    expect(x!.path).toBe('Document/TOC[1]/TOCI[1]');
    expect(x!.message).toContain('(nowhere)');
  });

  it('folio-toc-1: named destinations in /Dests and explicit arrays resolve; a TOCI with no Link fails', async () => {
    const viaDests = edit((f) => {
      f.catalog.set(N('Dests'), f.ctx.obj({ details: [f.pages[1]!.ref, 'Fit'] }));
      f.annots.toc.set(N('Dest'), N('details'));
    });
    expect((await check(viaDests)).failures).toEqual([]);
    const explicit = edit((f) => f.annots.toc.set(N('A'), f.ctx.obj({ S: 'GoTo', D: [f.pages[1]!.ref, 'Fit'] })));
    expect((await check({ edit: (f) => (f.annots.toc.delete(N('Dest')), explicit.edit!(f)) })).failures).toEqual([]);
    const noLink = await check(edit((f) => f.addElem(f.el.toc, f.ref.toc, 'TOCI')));
    expect(failed(noLink)).toEqual(['folio-toc-1']);
    expect(only(noLink, 'folio-toc-1')[0]!.path).toBe('Document/TOC[1]/TOCI[2]');
  });
});
