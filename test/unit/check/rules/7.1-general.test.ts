import { describe, expect, it } from 'vitest';
import { PDFDict, PDFName, PDFRef } from 'pdf-lib';
import { check, checkCorpusFile, corpusFiles, edit, failed, only } from '../helpers.ts';
import type { Fixture } from '../../../pdf-fixtures.ts';

const N = (s: string) => PDFName.of(s);

describe('ISO 14289-1, 7.1: metadata, catalog, marked content, role mapping', () => {
  it('7.1-8: no XMP metadata stream', async () => {
    const r = await check(edit((f) => f.catalog.delete(N('Metadata'))));
    expect(failed(r)).toEqual(['7.1-8']);
  });

  it('7.1-8: a metadata stream without /Subtype /XML', async () => {
    const r = await check(
      edit((f) => {
        const s = f.ctx.lookup(f.catalog.get(N('Metadata')) as PDFRef) as unknown as { dict: PDFDict };
        s.dict.delete(N('Subtype'));
      }),
    );
    expect(failed(r)).toEqual(['7.1-8']);
  });


  it('7.1-9: no dc:title', async () => {
    const r = await check({ xmp: (x) => x.replace(/<dc:title>[\s\S]*?<\/dc:title>/, '') });
    expect(failed(r)).toEqual(['7.1-9']);
  });


  it('7.1-10: DisplayDocTitle false', async () => {
    const r = await check(edit((f) => f.catalog.set(N('ViewerPreferences'), f.ctx.obj({ DisplayDocTitle: false }))));
    expect(failed(r)).toEqual(['7.1-10']);
  });


  it('7.1-4: /Suspects true', async () => {
    expect(failed(await check(edit((f) => f.catalog.set(N('MarkInfo'), f.ctx.obj({ Marked: true, Suspects: true })))))).toEqual(['7.1-4']);
  });

  it('7.1-11: no structure tree (so nothing is tagged and the links have no Link element)', async () => {
    const r = await check(edit((f) => f.catalog.delete(N('StructTreeRoot'))));
    expect(failed(r)).toEqual(['7.1-11', '7.1-3', '7.18.5-1']);
    expect(only(r, '7.1-3').map((f) => f.page)).toEqual([1, 2]);
  });

describe('marked content (7.1-1, 7.1-2, 7.1-3)', () => {
  it('7.1-3: an untagged path on page 2', async () => {
    const r = await check({ content: (p, t) => (p === 2 ? `${t}\n0 0 m 10 10 l S` : t) });
    expect(failed(r)).toEqual(['7.1-3']);
    const [f] = only(r, '7.1-3');
    expect(f!.page).toBe(2);
    expect(f!.message).toMatch(/^1 content item/);
  });

  it('7.1-3: untagged text, image and shading are counted; a clip (n) is not content', async () => {
    const r = await check({
      edit: (f) => {
        const img = f.ctx.stream(new Uint8Array([0]), { Type: 'XObject', Subtype: 'Image', Width: 1, Height: 1, ColorSpace: 'DeviceGray', BitsPerComponent: 8 });
        f.pages[0]!.resources.set(N('XObject'), f.ctx.obj({ Im1: f.ctx.register(img) }));
      },
      content: (p, t) => (p === 1 ? `${t}\nq 0 0 5 5 re W n BT /F1 9 Tf (x) Tj ET /Im1 Do /Sh1 sh Q` : t),
    });
    expect(failed(r)).toEqual(['7.1-3']);
    expect(only(r, '7.1-3')[0]!.message).toMatch(/^3 content item/);
  });

  it('7.1-3: an MCID the structure tree does not know is not tagged content', async () => {
    const r = await check({ content: (p, t) => (p === 2 ? `${t}\n/P <</MCID 7>> BDC 0 0 m 10 10 l S EMC` : t) });
    expect(failed(r)).toEqual(['7.1-3']);
  });

  it('7.1-2: tagged content inside an Artifact', async () => {
    const r = await check({
      content: (p, t) => (p === 1 ? t.replace(/(\/P <<\/MCID 2>> BDC.*EMC)/, '/Artifact BMC\n$1\nEMC') : t),
    });
    expect(failed(r)).toEqual(['7.1-2']);
    expect(only(r, '7.1-2')[0]!.page).toBe(1);
  });

  it('7.1-1: an Artifact inside tagged content', async () => {
    const r = await check({
      content: (p, t) => (p === 1 ? t.replace('/P <</MCID 2>> BDC', '/P <</MCID 2>> BDC /Artifact BMC 0 0 m 5 5 l S EMC') : t),
    });
    expect(failed(r)).toEqual(['7.1-1']);
  });

  it('MCIDs through a /Properties resource are read like inline ones', async () => {
    const r = await check({
      edit: (f) => f.pages[1]!.resources.set(N('Properties'), f.ctx.obj({ MC0: { MCID: 1 } })),
      content: (p, t) => (p === 2 ? t.replace('/P <</MCID 1>> BDC', '/P /MC0 BDC') : t),
    });
    expect(r.failures).toEqual([]);
  });

  describe('form XObjects', () => {
    const withForm = (paint: string) => ({
      edit: (f: Fixture) => {
        const form = f.ctx.stream('0 0 m 10 10 l S', { Type: 'XObject', Subtype: 'Form', BBox: [0, 0, 20, 20] });
        f.pages[1]!.resources.set(N('XObject'), f.ctx.obj({ Fm1: f.ctx.register(form) }));
      },
      content: (p: number, t: string) => (p === 2 ? `${t}\n${paint}` : t),
    });

    it('content of a form painted outside marked content is untagged (7.1-3)', async () => {
      const r = await check(withForm('/Fm1 Do'));
      expect(failed(r)).toEqual(['7.1-3']);
      expect(only(r, '7.1-3')[0]!.page).toBe(2);
    });

    it('a form painted inside an Artifact or inside tagged content is fine', async () => {
      expect((await check(withForm('/Artifact BMC /Fm1 Do EMC'))).failures).toEqual([]);
      expect((await check(withForm('/Artifact BMC q 1 0 0 1 5 5 cm /Fm1 Do Q EMC'))).failures).toEqual([]);
    });
  });
});

describe('structure types and role mapping', () => {
  it('7.1-5: an unmapped Em (a PDF 2.0 type, not standard in PDF 1.7)', async () => {
    const r = await check(edit((f) => f.addElem(f.el.p, f.ref.p, 'Em')));
    expect(failed(r)).toEqual(['7.1-5']);
    expect(only(r, '7.1-5')[0]!.path).toBe('Document/P[1]/Em[1]');
  });

  it('Em role-mapped to Span through a chain is fine', async () => {
    const r = await check(
      edit((f) => {
        f.roleMap.set(N('Em'), N('Emphasis'));
        f.roleMap.set(N('Emphasis'), N('Span'));
        f.addElem(f.el.p, f.ref.p, 'Em');
      }),
    );
    expect(r.failures).toEqual([]);
  });

  it('7.1-6: a circular role mapping', async () => {
    const r = await check(
      edit((f) => {
        f.roleMap.set(N('Foo'), N('Bar'));
        f.roleMap.set(N('Bar'), N('Foo'));
        f.addElem(f.el.document, f.ref.document, 'Foo');
      }),
    );
    expect(failed(r)).toEqual(['7.1-5', '7.1-6']);
  });

  it('7.1-7: a standard type remapped', async () => {
    const r = await check(edit((f) => f.roleMap.set(N('P'), N('Span'))));
    expect(failed(r)).toEqual(['7.1-7']);
    expect(only(r, '7.1-7').map((f) => f.path)).toEqual(['Document/P[1]', 'Document/Sect[1]/P[1]']);
  });

  it('7.1-12: a structure element without /P', async () => {
    const r = await check(edit((f) => f.el.lbl.delete(N('P'))));
    expect(failed(r)).toEqual(['7.1-12']);
    expect(only(r, '7.1-12')[0]!.path).toBe('Document/L[1]/LI[1]/Lbl[1]');
  });
});
});

describe('veraPDF corpus files for this clause (test/fixtures/verapdf)', () => {
  const files = corpusFiles('7.1-');
  it('has files to check', () => expect(files.length).toBeGreaterThan(0));
  it.each(files.map((f) => [f.name, f] as const))('%s', async (_, f) => {
    const { raised } = await checkCorpusFile(f);
    expect(raised, `${f.name}: rule ${f.rule} ${raised ? 'raised' : 'not raised'}`).toBe(f.expect === 'fail');
  });
});

describe('7.1-6: circular role maps', () => {
  it('a standard type mapped to itself is circular (as veraPDF reads it), though it is still standard', async () => {
    const r = await check(edit((f) => f.roleMap.set(N('LI'), N('LI'))));
    expect(failed(r)).toEqual(['7.1-6', '7.1-7']);
    expect(only(r, '7.1-6')[0]!.path).toBe('Document/L[1]/LI[1]');
  });
});
