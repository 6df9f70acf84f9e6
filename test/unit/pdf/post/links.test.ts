import { describe, expect, it } from 'vitest';
import { PDFArray, PDFDict, PDFDocument, PDFHexString, PDFName, PDFNull, PDFString } from 'pdf-lib';
import { addBoxFont, makeTaggedPdf } from '../../../pdf-fixtures.ts';
import { describeLinks } from '../../../../src/pdf/post/links.ts';
import { getText } from '../../../../src/pdf/cos.ts';

describe('describeLinks', () => {
  it('describes a link by the text its Link element shows, and an internal one by the page it leads to', async () => {
    const bytes = await makeTaggedPdf({
      edit: (f) => {
        f.annots.toc.delete(PDFName.of('Contents'));
        f.annots.web.delete(PDFName.of('Contents'));
        // The fixture's TOC link goes to the named destination "details", on page 2.
        f.catalog.set(PDFName.of('Dests'), f.ctx.obj({ details: [f.pages[1]!.ref, 'Fit'] }));
      },
    });
    const doc = await PDFDocument.load(bytes);
    describeLinks(doc, new Map([['https://example.com/', 'the HTML’s words']]));
    const contents = doc.getPages().flatMap((p) => p.node.Annots()!.asArray().map((a) => getText(doc.context, doc.context.lookup(a, PDFDict), 'Contents')));
    expect(contents).toEqual(['Details, page 2', 'example.com']);
  });

  it('keeps a description the link already has', async () => {
    const doc = await PDFDocument.load(await makeTaggedPdf());
    describeLinks(doc, new Map());
    const annot = doc.context.lookup(doc.getPages()[0]!.node.Annots()!.get(0), PDFDict);
    expect(getText(doc.context, annot, 'Contents')).toBe('Go to Details');
  });
});

/**
 * A document of `contents.length` pages drawn in the box font (each glyph 0.6 em wide), with an
 * empty structure tree: `link` adds a Link annotation on a page and, given kids, a Link element
 * holding them and an object reference to the annotation.
 */
async function linkPdf(...contents: string[]) {
  const doc = await PDFDocument.create();
  const ctx = doc.context;
  const font = addBoxFont(ctx);
  const pages = contents.map((c) => {
    const page = doc.addPage([300, 300]);
    page.node.set(PDFName.of('Resources'), ctx.obj({ Font: { F1: font } }));
    page.node.set(PDFName.of('Contents'), ctx.register(ctx.stream(c)));
    return page;
  });
  const root = ctx.obj({ Type: 'StructTreeRoot', K: [] });
  doc.catalog.set(PDFName.of('StructTreeRoot'), ctx.register(root));
  const annotsOf = (page: number) => {
    let annots = pages[page]!.node.get(PDFName.of('Annots'));
    if (!(annots instanceof PDFArray)) pages[page]!.node.set(PDFName.of('Annots'), (annots = ctx.obj([])));
    return annots as PDFArray;
  };
  const link = (page: number, entries: Record<string, unknown> = {}, elemKids?: unknown[]) => {
    const annot = ctx.obj({ Type: 'Annot', Subtype: 'Link', Rect: [0, 0, 10, 10], ...(entries as Record<string, never>) });
    const ref = ctx.register(annot);
    annotsOf(page).push(ref);
    if (elemKids) {
      const elem = ctx.obj({ Type: 'StructElem', S: 'Link', Pg: pages[page]!.ref });
      elem.set(PDFName.of('K'), ctx.obj([...(elemKids as never[]), { Type: 'OBJR', Obj: ref }]));
      root.lookup(PDFName.of('K'), PDFArray).push(ctx.register(elem));
    }
    return annot;
  };
  return { doc, ctx, pages, link, annotsOf };
}

const description = (doc: PDFDocument, annot: PDFDict) => getText(doc.context, annot, 'Contents');
/** Text at (x, y) in MCID `mcid`, 10 pt. */
const marked = (mcid: number, x: number, y: number, s: string) => `/Link <</MCID ${mcid}>> BDC BT /F1 10 Tf 1 0 0 1 ${x} ${y} Tm (${s}) Tj ET EMC`;

describe('describeLinks, what a link says', () => {
  it('says the text its Link element shows, white space folded, with the pieces set apart on the page as words', async () => {
    const { doc, link } = await linkPdf([marked(0, 10, 200, 'Annual  report'), marked(0, 250, 200, '15')].join('\n'));
    const annot = link(0, { A: { S: 'URI', URI: PDFString.of('https://example.com/') } }, [0]);
    describeLinks(doc, new Map([['https://example.com/', 'the HTML text']]));
    expect(description(doc, annot)).toBe('Annual report 15');
  });

  it('runs on pieces of a link drawn next to each other, even with an artifact drawn between them', async () => {
    const { doc, link } = await linkPdf(
      [marked(0, 10, 200, 'Go'), '/Artifact BMC BT /F1 10 Tf 1 0 0 1 200 50 Tm (12) Tj ET EMC', marked(0, 22, 200, 'on')].join('\n'),
    );
    const annot = link(0, {}, [0]);
    describeLinks(doc, new Map());
    expect(description(doc, annot)).toBe('Goon');
  });

  it('reads the text of elements inside the Link and of marked-content references, each on its own page', async () => {
    const { doc, ctx, pages, link } = await linkPdf(
      [marked(0, 10, 200, 'Read'), marked(1, 10, 150, 'the ')].join('\n'),
      [marked(0, 10, 200, 'full'), marked(1, 10, 150, 'report')].join('\n'),
    );
    const span = ctx.register(ctx.obj({ Type: 'StructElem', S: 'Span', Pg: pages[1]!.ref, K: 0 }));
    const spanHere = ctx.register(ctx.obj({ Type: 'StructElem', S: 'Span', K: ctx.obj([{ Type: 'MCR', MCID: 1 }]) }));
    const annot = link(0, {}, [0, spanHere, span, { Type: 'MCR', Pg: pages[1]!.ref, MCID: 1 }, { Type: 'MCR' }, PDFString.of('x')]);
    describeLinks(doc, new Map());
    expect(description(doc, annot)).toBe('Read the full report');
  });

  it('takes the text of Link elements only, and none of content on no page', async () => {
    const { doc, ctx, pages, link } = await linkPdf(marked(0, 10, 200, 'Paragraph'));
    const root = doc.catalog.lookup(PDFName.of('StructTreeRoot'), PDFDict).lookup(PDFName.of('K'), PDFArray);
    const inParagraph = link(0);
    root.push(ctx.register(ctx.obj({ Type: 'StructElem', S: 'P', Pg: pages[0]!.ref, K: [0, { Type: 'OBJR', Obj: ctx.getObjectRef(inParagraph)! }] })));
    const onNoPage = link(0);
    const nothing = [{ Type: 'MCR', MCID: 0 }, { Type: 'MCR', Pg: pages[0]!.ref, MCID: 5 }];
    root.push(ctx.register(ctx.obj({ Type: 'StructElem', S: 'Link', K: [0, ...nothing, { Type: 'OBJR', Obj: ctx.getObjectRef(onNoPage)! }] })));
    describeLinks(doc, new Map());
    expect([description(doc, inParagraph), description(doc, onNoPage)]).toEqual(['Link', 'Link']);
  });

  it('says the HTML text for its address when the page shows none, else the address (an email address without mailto:)', async () => {
    const { doc, link } = await linkPdf('');
    const uri = (u: string) => ({ A: { S: 'URI', URI: PDFString.of(u) } });
    const known = link(0, uri('https://example.com/'));
    const mail = link(0, uri('mailto:board@example.com'));
    const form = link(0, uri('https://example.com/contact?via=mailto:board'));
    const bare = link(0);
    const empty = link(0, {}, []);
    describeLinks(doc, new Map([['https://example.com/', 'Example']]));
    expect([known, mail, form, bare, empty].map((a) => description(doc, a))).toEqual(['Example', 'board@example.com', 'https://example.com/contact?via=mailto:board', 'Link', 'Link']);
  });

  it('describes link annotations only, and only those without a description', async () => {
    const { doc, ctx, link, annotsOf } = await linkPdf('');
    const widget = ctx.obj({ Type: 'Annot', Subtype: 'Widget' });
    annotsOf(0).push(ctx.register(widget));
    annotsOf(0).push(PDFNull);
    const described = link(0, { Contents: PDFString.of('Already said') });
    const annot = link(0);
    describeLinks(doc, new Map());
    expect(widget.has(PDFName.of('Contents'))).toBe(false);
    expect(description(doc, described)).toBe('Already said');
    expect(description(doc, annot)).toBe('Link');
  });
});

describe('describeLinks, where a link goes', () => {
  /** Twelve pages, named destinations "intro" (page 2) and "end" (page 12). */
  const twelve = async () => {
    const f = await linkPdf(...Array.from({ length: 12 }, () => ''));
    f.doc.catalog.set(PDFName.of('Dests'), f.ctx.obj({ intro: [f.pages[1]!.ref, 'Fit'], end: [f.pages[11]!.ref, 'Fit'] }));
    return f;
  };

  it('names the page of a destination given by name, string, array or GoTo action', async () => {
    const { doc, ctx, pages, link } = await twelve();
    const annots = [
      link(0, { Dest: PDFName.of('intro') }),
      link(0, { Dest: PDFString.of('end') }),
      link(0, { Dest: PDFHexString.of('696e74726f') }),
      link(0, { Dest: ctx.register(ctx.obj([pages[2]!.ref, 'Fit'])) }),
      link(0, { A: { S: 'GoTo', D: PDFString.of('end') } }),
      link(0, { A: { S: 'GoTo', D: [pages[0]!.ref, 'Fit'] } }),
    ];
    describeLinks(doc, new Map());
    expect(annots.map((a) => description(doc, a))).toEqual(['Page 2', 'Page 12', 'Page 2', 'Page 3', 'Page 12', 'Page Cover']);
  });

  it('names no page for a destination outside the document or an action that goes elsewhere', async () => {
    const { doc, pages, link } = await twelve();
    const annots = [
      link(0, { Dest: [3, 'Fit'] }),
      link(0, { Dest: PDFName.of('nowhere') }),
      link(0, { A: { S: 'GoToR', D: [pages[1]!.ref, 'Fit'] } }),
      link(0, { A: { S: 'GoTo' } }),
    ];
    describeLinks(doc, new Map());
    expect(annots.map((a) => description(doc, a))).toEqual(['Link', 'Link', 'Link', 'Link']);
  });

  it('prefers the Dest entry over an action', async () => {
    const { doc, pages, link } = await twelve();
    const annot = link(0, { Dest: PDFName.of('intro'), A: { S: 'GoTo', D: [pages[5]!.ref, 'Fit'] } });
    describeLinks(doc, new Map());
    expect(description(doc, annot)).toBe('Page 2');
  });

  it('reads a page number at the end of the text as the page, not part of the title', async () => {
    const { doc, ctx, pages, link } = await twelve();
    // The HTML's texts, found by each link's destination name.
    const cases: [string, number][] = [['Chapter 3  12', 12], ['Year 2012', 12], ['Intro 12', 2]];
    const dests = doc.catalog.lookup(PDFName.of('Dests'), PDFDict);
    const annots = cases.map(([, page], i) => {
      dests.set(PDFName.of(`d${i}`), ctx.obj([pages[page - 1]!.ref, 'Fit']));
      return link(0, { Dest: PDFName.of(`d${i}`) });
    });
    describeLinks(doc, new Map(cases.map(([text], i) => [`#d${i}`, text])));
    expect(annots.map((a) => description(doc, a))).toEqual(['Chapter 3, page 12', 'Year 2012, page 12', 'Intro 12, page 2']);
  });
});
