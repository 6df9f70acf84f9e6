import { describe, expect, it } from 'vitest';
import { PDFArray, PDFDict, PDFDocument, PDFName, PDFNumber, PDFRef, PDFString } from 'pdf-lib';
import { checkPdf, RULES, type CheckResult } from '../../../src/check/check-pdf.ts';
import { makeTaggedPdf, type Fixture, type FixtureOptions } from '../../pdf-fixtures.ts';
import { folioError } from '../../helpers.ts';

const N = (s: string) => PDFName.of(s);

async function check(options: FixtureOptions = {}): Promise<CheckResult> {
  return checkPdf(await makeTaggedPdf(options));
}

/** The distinct rule ids that failed, sorted. */
function failed(r: CheckResult): string[] {
  return [...new Set(r.failures.map((f) => f.rule))].sort();
}

function only(r: CheckResult, rule: string) {
  expect(r.rules).toContain(rule);
  return r.failures.filter((f) => f.rule === rule);
}

const edit = (fn: (f: Fixture) => void): FixtureOptions => ({ edit: fn });

describe('checkPdf on a conforming tagged PDF', () => {
  it('finds nothing wrong', async () => {
    const r = await check();
    expect(r.failures).toEqual([]);
    expect(r.pages).toBe(2);
  });

  it('lists every rule it checks, with veraPDF ids and folio navigation ids', async () => {
    const r = await check();
    expect(r.rules).toEqual(RULES.map((x) => x.id));
    for (const id of ['5-1', '6.2-1', '7.1-3', '7.1-5', '7.1-8', '7.1-9', '7.1-10', '7.2-20', '7.2-34', '7.3-1', '7.4.2-1', '7.5-1', '7.18.3-1', '7.18.5-1', '7.18.5-2', '7.21.4.1-1', '7.21.7-1', 'folio-outline-1', 'folio-outline-2', 'folio-pagelabels-1', 'folio-toc-1']) {
      expect(r.rules).toContain(id);
    }
    for (const x of RULES) expect(x.clause).toBe(x.id.startsWith('folio-') ? 'folio' : x.id.replace(/-\d+$/, ''));
  });

  it('checks a 32-page, 3,000-element document well under a second or two', async () => {
    const pdf = await makeTaggedPdf({ extraPages: 30, paragraphsPerPage: 100 });
    const t = performance.now();
    const r = await checkPdf(pdf);
    const ms = performance.now() - t;
    expect(r.pages).toBe(32);
    expect(r.failures).toEqual([]);
    expect(ms).toBeLessThan(2000);
  });

  it('refuses bytes that are not a PDF with a folio error', async () => {
    const e = await folioError(() => checkPdf(new TextEncoder().encode('not a pdf at all')));
    expect(e.code).toBe('check/unreadable');
  });
});

describe('metadata and catalog', () => {
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

  it('5-1: no PDF/UA identification schema', async () => {
    const r = await check({ xmp: (x) => x.replace(/<rdf:Description[^>]*pdfuaid[\s\S]*?<\/rdf:Description>/, '') });
    expect(failed(r)).toEqual(['5-1']);
  });

  it('5-1 / 5-2: pdfuaid:part as an attribute is read; part 2 fails 5-2', async () => {
    const attr = (part: string) => (x: string) =>
      x.replace(/<rdf:Description rdf:about="" xmlns:pdfuaid[\s\S]*?<\/rdf:Description>/, `<rdf:Description rdf:about="" xmlns:pdfuaid="http://www.aiim.org/pdfua/ns/id/" pdfuaid:part="${part}"/>`);
    expect(failed(await check({ xmp: attr('1') }))).toEqual([]);
    expect(failed(await check({ xmp: attr('2') }))).toEqual(['5-2']);
  });

  it('7.1-9: no dc:title', async () => {
    const r = await check({ xmp: (x) => x.replace(/<dc:title>[\s\S]*?<\/dc:title>/, '') });
    expect(failed(r)).toEqual(['7.1-9']);
  });

  it('folio-title-1: no /Title in the document information dictionary', async () => {
    const r = await check(edit((f) => (f.ctx.lookup(f.ctx.trailerInfo.Info) as PDFDict).delete(N('Title'))));
    expect(failed(r)).toEqual(['folio-title-1']);
  });

  it('7.1-10: DisplayDocTitle false', async () => {
    const r = await check(edit((f) => f.catalog.set(N('ViewerPreferences'), f.ctx.obj({ DisplayDocTitle: false }))));
    expect(failed(r)).toEqual(['7.1-10']);
  });

  it('6.2-1: no /MarkInfo', async () => {
    expect(failed(await check(edit((f) => f.catalog.delete(N('MarkInfo')))))).toEqual(['6.2-1']);
  });

  it('7.1-4: /Suspects true', async () => {
    expect(failed(await check(edit((f) => f.catalog.set(N('MarkInfo'), f.ctx.obj({ Marked: true, Suspects: true })))))).toEqual(['7.1-4']);
  });

  it('7.1-11: no structure tree (so nothing is tagged and the links have no Link element)', async () => {
    const r = await check(edit((f) => f.catalog.delete(N('StructTreeRoot'))));
    expect(failed(r)).toEqual(['7.1-11', '7.1-3', '7.18.5-1']);
    expect(only(r, '7.1-3').map((f) => f.page)).toEqual([1, 2]);
  });
});

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

    it('7.20-2: a form XObject with MCIDs painted twice', async () => {
      const twice = {
        edit: (f: Fixture) => {
          const form = f.ctx.stream('/P <</MCID 0>> BDC 0 0 m 10 10 l S EMC', { Type: 'XObject', Subtype: 'Form', BBox: [0, 0, 20, 20], StructParents: 99 });
          f.pages[1]!.resources.set(N('XObject'), f.ctx.obj({ Fm1: f.ctx.register(form) }));
        },
        content: (p: number, t: string) => (p === 2 ? `${t}\n/Artifact BMC /Fm1 Do /Fm1 Do EMC` : t),
      };
      const r = await check(twice);
      expect(failed(r)).toEqual(['7.20-2']);
      expect(only(r, '7.20-2')[0]!.page).toBe(2);
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

describe('notes', () => {
  it('7.9-1 / 7.9-2: a Note without ID, and two Notes sharing one', async () => {
    expect(failed(await check(edit((f) => f.addElem(f.el.p, f.ref.p, 'Note'))))).toEqual(['7.9-1']);
    const shared = edit((f) => {
      f.addElem(f.el.p, f.ref.p, 'Note', { ID: PDFString.of('n1') });
      f.addElem(f.el.p2, f.ref.p2, 'Note', { ID: PDFString.of('n1') });
    });
    const r = await check(shared);
    expect(failed(r)).toEqual(['7.9-2']);
    expect(only(r, '7.9-2')).toHaveLength(2);
  });
});

describe('alternative descriptions', () => {
  it('7.3-1: a Figure (role-mapped Chart) without Alt', async () => {
    const r = await check(edit((f) => f.el.chart.delete(N('Alt'))));
    expect(failed(r)).toEqual(['7.3-1']);
    const [x] = only(r, '7.3-1');
    expect(x!.path).toBe('Document/Chart[1]');
    expect(x!.object).toMatch(/^\d+ 0 R$/);
  });

  it('7.3-1: ActualText is enough', async () => {
    const r = await check(
      edit((f) => {
        f.el.chart.delete(N('Alt'));
        f.el.chart.set(N('ActualText'), PDFString.of('Revenue'));
      }),
    );
    expect(r.failures).toEqual([]);
  });

  it('7.7-1: a Formula without Alt', async () => {
    const r = await check(edit((f) => f.addElem(f.el.p, f.ref.p, 'Formula')));
    expect(failed(r)).toEqual(['7.7-1']);
  });
});

describe('lists, tables, TOC', () => {
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

  it('7.5-1: a TH without Scope, so a TD has no determinable header', async () => {
    const r = await check(edit((f) => f.el.th2.delete(N('A'))));
    expect(failed(r)).toEqual(['7.5-1']);
    const [x] = only(r, '7.5-1');
    expect(x!.path).toBe('Document/Table[1]/TR[2]/TD[2]');
    expect(x!.message).toContain('Document/Table[1]/TR[1]/TH[2]');
  });

  it('7.5: Headers naming TH IDs make Scope unnecessary; an unknown ID fails 7.5-2', async () => {
    const headers = (ids: [string, string]) =>
      edit((f) => {
        for (const th of [f.el.th1, f.el.th2]) th.delete(N('A'));
        f.el.th1.set(N('ID'), PDFString.of('h-year'));
        f.el.th2.set(N('ID'), PDFString.of('h-value'));
        f.el.td1.set(N('A'), f.ctx.obj({ O: 'Table', Headers: [PDFString.of(ids[0])] }));
        f.el.td2.set(N('A'), f.ctx.obj({ O: 'Table', Headers: [PDFString.of(ids[1])] }));
      });
    expect((await check(headers(['h-year', 'h-value']))).failures).toEqual([]);
    expect(failed(await check(headers(['h-year', 'h-nope'])))).toEqual(['7.5-2']);
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
});

describe('headings', () => {
  it('7.4.2-1: H1 followed by H3', async () => {
    const r = await check(edit((f) => f.el.h2.set(N('S'), N('H3'))));
    expect(failed(r)).toEqual(['7.4.2-1']);
    expect(only(r, '7.4.2-1')[0]!.path).toBe('Document/Sect[1]/H3[1]');
  });

  it('7.4.2-1: the first heading is not H1', async () => {
    const r = await check(
      edit((f) => {
        f.el.h1.set(N('S'), N('H2'));
        f.el.h2.set(N('S'), N('H3'));
      }),
    );
    expect(failed(r)).toEqual(['7.4.2-1']);
    expect(only(r, '7.4.2-1')[0]!.message).toMatch(/first heading is H2/);
  });

  it('7.4.4-2 / 7.4.4-3: H and H1–H6 mixed', async () => {
    const r = await check(edit((f) => f.el.h2.set(N('S'), N('H'))));
    expect(failed(r)).toEqual(['7.4.4-2', '7.4.4-3']);
  });
});

describe('annotations', () => {
  it('7.18.5-2 (and 7.18.1-2): a Link annotation without /Contents', async () => {
    const r = await check(edit((f) => f.annots.web.delete(N('Contents'))));
    expect(failed(r)).toEqual(['7.18.1-2', '7.18.5-2']);
    expect(only(r, '7.18.5-2')[0]!.page).toBe(2);
    expect(only(r, '7.18.5-2')[0]!.path).toBe('Document/Sect[1]/P[1]/Link[1]');
  });

  it('7.18.5-2: a hidden link is exempt', async () => {
    const r = await check(
      edit((f) => {
        f.annots.web.delete(N('Contents'));
        f.annots.web.set(N('F'), PDFNumber.of(2));
      }),
    );
    expect(r.failures).toEqual([]);
  });

  it('7.18.3-1: a page with annotations and no /Tabs', async () => {
    const r = await check(edit((f) => f.pages[0]!.dict.delete(N('Tabs'))));
    expect(failed(r)).toEqual(['7.18.3-1']);
    expect(only(r, '7.18.3-1')[0]!.page).toBe(1);
  });

  it('7.18.5-1: a Link annotation outside the structure tree', async () => {
    const r = await check(edit((f) => f.annots.web.delete(N('StructParent'))));
    expect(failed(r)).toEqual(['7.18.5-1']);
    expect(only(r, '7.18.5-1')[0]!.page).toBe(2);
  });

  it('7.18.5-1: a Link annotation whose structure parent is not a Link', async () => {
    const r = await check(edit((f) => f.parentTreeNums.set(7, f.ref.p2)));
    expect(failed(r)).toEqual(['7.18.5-1']);
  });

  it('7.18.1-1: a Text annotation that is not tagged', async () => {
    const r = await check(
      edit((f) => {
        const note = f.ctx.obj({ Type: 'Annot', Subtype: 'Text', Rect: [300, 300, 320, 320] });
        note.set(N('Contents'), PDFString.of('A note'));
        (f.pages[1]!.dict.get(N('Annots')) as PDFArray).push(f.ctx.register(note));
      }),
    );
    expect(failed(r)).toEqual(['7.18.1-1']);
  });
});

describe('fonts', () => {
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
        t0.set(N('ToUnicode'), f.ctx.register(f.ctx.stream('begincmap endcmap')));
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

describe('navigation (folio rules)', () => {
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

describe('checkPdf on a loaded document', () => {
  it('takes a PDFDocument pdf-lib has already loaded and gives the same result as the bytes', async () => {
    const bytes = await makeTaggedPdf(edit((f) => f.el.chart.delete(N('Alt'))));
    const doc = await PDFDocument.load(bytes, { updateMetadata: false });
    const fromDoc = await checkPdf(doc);
    expect(fromDoc).toEqual(await checkPdf(bytes));
    expect(failed(fromDoc)).toEqual(['7.3-1']);
  });
});
