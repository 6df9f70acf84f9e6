import { describe, expect, it } from 'vitest';
import { PDFDict, PDFName, PDFRef } from 'pdf-lib';
import { check, checkCorpusFile, corpusFiles, edit, failed, only, ruleById, ruleTable } from '../helpers.ts';
import { rules as generalRules } from '../../../../src/check/rules/7.1-general.ts';
import type { Fixture } from '../../../pdf-fixtures.ts';

const N = (s: string) => PDFName.of(s);

// Cheap checks on hand-made facts first: Stryker stops a mutant's run at the first failing test.
describe('7.1: what each rule requires and what its failures say (the rules\' tests on hand-made facts)', () => {
  const r = (id: string) => ruleById(generalRules, id);

  it('lists each rule with its clause, object, structure type and requirement', () => {
    expect(ruleTable(generalRules)).toEqual([
      ['7.1-1', '7.1', 'PageContent', undefined, 'Content marked as Artifact is not inside tagged content.'],
      ['7.1-2', '7.1', 'PageContent', undefined, 'Tagged content is not inside content marked as Artifact.'],
      ['7.1-3', '7.1', 'PageContent', undefined, 'All content is either tagged (in a marked-content sequence with an MCID in the structure tree) or marked as Artifact.'],
      ['7.1-4', '7.1', 'Document', undefined, '/MarkInfo /Suspects is not true.'],
      ['7.1-5', '7.1', 'StructElem', undefined, 'Every non-standard structure type is role-mapped to a standard PDF 1.7 type.'],
      ['7.1-6', '7.1', 'StructElem', undefined, 'The role map has no circular mapping.'],
      ['7.1-7', '7.1', 'StructElem', undefined, 'Standard structure types are not remapped.'],
      ['7.1-8', '7.1', 'Document', undefined, 'The catalog has a /Metadata stream with /Type /Metadata and /Subtype /XML.'],
      ['7.1-9', '7.1', 'XMP', undefined, 'The XMP metadata contains dc:title.'],
      ['7.1-10', '7.1', 'Document', undefined, '/ViewerPreferences /DisplayDocTitle is true.'],
      ['7.1-11', '7.1', 'Document', undefined, 'The catalog has a /StructTreeRoot.'],
      ['7.1-12', '7.1', 'StructElem', undefined, 'Every structure element has a /P (parent) entry.'],
    ]);
  });

  it('7.1-1…3: marked content counted per page', () => {
    const page = { page: 4, artifactInTagged: 2, taggedInArtifact: 3, untagged: 5 };
    expect(r('7.1-1').test(page)).toBe('2 Artifact sequence(s) on page 4 are inside tagged content.');
    expect(r('7.1-2').test(page)).toBe('3 tagged sequence(s) (with an MCID) on page 4 are inside an Artifact sequence.');
    expect(r('7.1-3').test(page)).toBe('5 content item(s) on page 4 are neither tagged (inside a marked-content sequence whose MCID the structure tree knows) nor marked as Artifact.');
    const clean = { page: 4, artifactInTagged: 0, taggedInArtifact: 0, untagged: 0 };
    for (const id of ['7.1-1', '7.1-2', '7.1-3']) expect(r(id).test(clean), id).toBeUndefined();
  });

  it('7.1-4: /MarkInfo /Suspects true fails; false or no /MarkInfo passes', () => {
    expect(r('7.1-4').test({ markInfo: { marked: true, suspects: true } })).toBe('/MarkInfo /Suspects is true.');
    expect(r('7.1-4').test({ markInfo: { marked: true, suspects: false } })).toBeUndefined();
    expect(r('7.1-4').test({})).toBeUndefined();
  });

  it('7.1-5…7: role mapping — unmapped, circular and remapped standard types', () => {
    expect(r('7.1-5').test({ e: { type: 'Fancy', standardType: null } })).toBe('Fancy is not a standard structure type and the role map does not map it to one.');
    expect(r('7.1-5').test({ e: { type: 'Fancy', standardType: 'P' } })).toBeUndefined();
    expect(r('7.1-5').test({ e: { type: 'Fancy' } })).toBeUndefined();
    expect(r('7.1-6').test({ e: { type: 'A1', standardType: null }, circularMapping: true })).toBe('The role map maps A1 in a circle and never reaches a standard type.');
    expect(r('7.1-6').test({ e: { type: 'A1', standardType: 'P' }, circularMapping: true })).toBe('The role map maps A1 in a circle.');
    expect(r('7.1-6').test({ e: { type: 'A1', standardType: 'P' }, circularMapping: false })).toBeUndefined();
    const tree = { roleMap: new Map([['P', 'Span']]) };
    expect(r('7.1-7').test({ e: { type: 'P', remappedStandardType: true } }, { tree } as never)).toBe('P is a standard structure type, but the role map remaps it to Span.');
    expect(r('7.1-7').test({ e: { type: 'P', remappedStandardType: false } }, { tree } as never)).toBeUndefined();
    expect(r('7.1-7').test({ e: { type: 'P', remappedStandardType: true } }, { tree: null } as never)).toBe('P is a standard structure type, but the role map remaps it to undefined.');
  });

  it('7.1-8: the /Metadata stream — missing, untyped or not a stream, undecodable', () => {
    const md = (metadata: Record<string, boolean>) => ({ metadata: { entry: true, stream: true, typed: true, undecodable: false, ...metadata } });
    expect(r('7.1-8').test(md({ entry: false }))).toBe('The catalog has no /Metadata stream, so the document has no XMP metadata.');
    expect(r('7.1-8').test(md({ stream: false }))).toBe('The catalog /Metadata is not a stream with /Type /Metadata and /Subtype /XML.');
    expect(r('7.1-8').test(md({ typed: false }))).toBe('The catalog /Metadata is not a stream with /Type /Metadata and /Subtype /XML.');
    expect(r('7.1-8').test(md({ undecodable: true }))).toBe('The /Metadata stream cannot be decoded.');
    expect(r('7.1-8').test(md({}))).toBeUndefined();
  });

  it('7.1-9…12: dc:title, DisplayDocTitle, the structure tree root, /P on each element', () => {
    expect(r('7.1-9').test({ hasDcTitle: false })).toBe('The XMP metadata does not contain dc:title.');
    expect(r('7.1-9').test({ hasDcTitle: true })).toBeUndefined();
    expect(r('7.1-10').test({})).toBe('The catalog has no /ViewerPreferences.');
    expect(r('7.1-10').test({ viewerPreferences: { displayDocTitle: false } })).toBe('/ViewerPreferences /DisplayDocTitle is not true.');
    expect(r('7.1-10').test({ viewerPreferences: { displayDocTitle: true } })).toBeUndefined();
    expect(r('7.1-11').test({ structTreeRoot: false })).toBe('The catalog has no /StructTreeRoot: the document is not tagged.');
    expect(r('7.1-11').test({ structTreeRoot: true })).toBeUndefined();
    expect(r('7.1-12').test({ e: { type: 'Sect', hasParentEntry: false } })).toBe('Sect has no /P (parent) entry.');
    expect(r('7.1-12').test({ e: { type: 'Sect', hasParentEntry: true } })).toBeUndefined();
  });
});

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
