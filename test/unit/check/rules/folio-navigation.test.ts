import { describe, expect, it } from 'vitest';
import { PDFArray, PDFDict, PDFName, PDFRef, PDFString } from 'pdf-lib';
import { check, edit, failed, only } from '../helpers.ts';

const N = (s: string) => PDFName.of(s);

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
