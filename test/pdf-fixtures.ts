/**
 * Tagged PDFs built from scratch with pdf-lib, for the PDF/UA checker's tests: a small document
 * that conforms to everything the checker checks, and hooks to break exactly one thing.
 *
 * Text is drawn in a hand-made Type3 font (its glyphs are plain boxes, its ToUnicode CMap maps
 * printable ASCII to itself), so the fixture has real text without embedding a font program.
 */
import { PDFArray, PDFContext, PDFDict, PDFDocument, PDFName, PDFNumber, PDFObject, PDFRef, PDFString } from 'pdf-lib';

export type ElemName =
  | 'document'
  | 'h1'
  | 'toc'
  | 'toci'
  | 'reference'
  | 'tocLink'
  | 'p'
  | 'l'
  | 'li'
  | 'lbl'
  | 'lbody'
  | 'table'
  | 'tr1'
  | 'th1'
  | 'th2'
  | 'tr2'
  | 'td1'
  | 'td2'
  | 'chart'
  | 'sect'
  | 'h2'
  | 'p2'
  | 'webLink';

export interface Fixture {
  doc: PDFDocument;
  ctx: PDFContext;
  catalog: PDFDict;
  pages: { dict: PDFDict; ref: PDFRef; resources: PDFDict }[];
  structRoot: PDFDict;
  structRootRef: PDFRef;
  roleMap: PDFDict;
  parentTreeNums: PDFArray;
  el: Record<ElemName, PDFDict>;
  ref: Record<ElemName, PDFRef>;
  annots: { toc: PDFDict; web: PDFDict };
  font: PDFDict;
  outline: { root: PDFDict; top: PDFDict; child: PDFDict };
  /** Adds a structure element under `parent` (appended to its /K) and returns it. */
  addElem(parent: PDFDict, parentRef: PDFRef, type: string, extra?: Record<string, PDFObject>): { dict: PDFDict; ref: PDFRef };
  /** Removes `kid` from `parent`'s /K. */
  removeKid(parent: PDFDict, kid: PDFRef): void;
}

export interface FixtureOptions {
  /** Rewrites the XMP packet. */
  xmp?: (xmp: string) => string;
  /** Rewrites a page's content stream (page is 1-based). */
  content?: (page: number, text: string) => string;
  /** Any other change, made after everything is built and before saving. */
  edit?: (f: Fixture) => void;
  /** Extra pages, each a Sect with an H2 and `paragraphsPerPage` P elements (for timing). */
  extraPages?: number;
  paragraphsPerPage?: number;
}

export const XMP = `<?xpacket begin="\u{feff}" id="W5M0MpCehiHzreSzNTczkc9d"?>
<x:xmpmeta xmlns:x="adobe:ns:meta/">
  <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
    <rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/">
      <dc:format>application/pdf</dc:format>
      <dc:title><rdf:Alt><rdf:li xml:lang="x-default">Annual report</rdf:li></rdf:Alt></dc:title>
    </rdf:Description>
    <rdf:Description rdf:about="" xmlns:pdfuaid="http://www.aiim.org/pdfua/ns/id/">
      <pdfuaid:part>1</pdfuaid:part>
    </rdf:Description>
  </rdf:RDF>
</x:xmpmeta>
<?xpacket end="w"?>`;

const PAGE_1 = [
  '/Artifact <</Type /Pagination /Subtype /Header>> BDC',
  '0.5 w 72 770 m 540 770 l S',
  'EMC',
  '/H1 <</MCID 0>> BDC BT /F1 24 Tf 72 720 Td (Annual report) Tj ET EMC',
  '/Link <</MCID 1>> BDC BT /F1 12 Tf 72 690 Td (Details) Tj ET EMC',
  '/P <</MCID 2>> BDC BT /F1 12 Tf 72 660 Td (Revenue grew.) Tj ET EMC',
  '/Lbl <</MCID 3>> BDC BT /F1 12 Tf 72 630 Td (1.) Tj ET EMC',
  '/LBody <</MCID 4>> BDC BT /F1 12 Tf 90 630 Td (First item) Tj ET EMC',
  '/TH <</MCID 5>> BDC BT /F1 12 Tf 72 600 Td (Year) Tj ET EMC',
  '/TH <</MCID 6>> BDC BT /F1 12 Tf 172 600 Td (Value) Tj ET EMC',
  '/TD <</MCID 7>> BDC BT /F1 12 Tf 72 580 Td (2024) Tj ET EMC',
  '/TD <</MCID 8>> BDC BT /F1 12 Tf 172 580 Td (42) Tj ET EMC',
  '/Figure <</MCID 9>> BDC q 0 0 1 rg 72 400 100 50 re f Q EMC',
].join('\n');

const PAGE_2 = [
  '/H2 <</MCID 0>> BDC BT /F1 18 Tf 72 720 Td (Details) Tj ET EMC',
  '/P <</MCID 1>> BDC BT /F1 12 Tf 72 690 Td (See ) Tj ET EMC',
  '/Link <</MCID 2>> BDC BT /F1 12 Tf 110 690 Td (example.com) Tj ET EMC',
  '/Artifact BMC BT /F1 9 Tf 300 40 Td (2) Tj ET EMC',
].join('\n');

const BOX_FONT_TO_UNICODE = `/CIDInit /ProcSet findresource begin
12 dict begin
begincmap
/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def
/CMapName /Adobe-Identity-UCS def
/CMapType 2 def
1 begincodespacerange
<00> <FF>
endcodespacerange
1 beginbfrange
<20> <7E> <0020>
endbfrange
endcmap
CMapName currentdict /CMap defineresource pop
end
end`;

/**
 * A Type3 font in which every printable ASCII code draws a box (a d1 glyph, painted in the text's
 * colour), with a ToUnicode map of each code to itself: real, extractable text without embedding
 * a font program. Shared by the PDF/UA and the print fixtures.
 */
export function addBoxFont(ctx: PDFContext): PDFRef {
  const box = ctx.stream('600 0 0 0 500 700 d1\n50 0 450 700 re f');
  return ctx.register(
    ctx.obj({
      Type: 'Font',
      Subtype: 'Type3',
      Name: 'Boxes',
      FontBBox: [0, 0, 600, 700],
      FontMatrix: [0.001, 0, 0, 0.001, 0, 0],
      CharProcs: { box: ctx.register(box) },
      Encoding: { Type: 'Encoding', Differences: [32, ...Array.from({ length: 95 }, () => 'box')] },
      FirstChar: 32,
      LastChar: 126,
      Widths: Array.from({ length: 95 }, () => 600),
      Resources: {},
      ToUnicode: ctx.register(ctx.stream(BOX_FONT_TO_UNICODE)),
    }),
  );
}

export async function makeTaggedPdf(options: FixtureOptions = {}): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const ctx = doc.context;
  const catalog = doc.catalog;
  const N = (s: string) => PDFName.of(s);
  const S = (s: string) => PDFString.of(s);

  const fontRef = addBoxFont(ctx);
  const font = ctx.lookup(fontRef, PDFDict);

  // Pages.
  const extra = options.extraPages ?? 0;
  const pages: Fixture['pages'] = [];
  for (let i = 0; i < 2 + extra; i++) {
    const page = doc.addPage([612, 792]);
    const resources = ctx.obj({ Font: { F1: fontRef } });
    page.node.set(N('Resources'), resources);
    page.node.set(N('StructParents'), PDFNumber.of(i === 0 ? 0 : i === 1 ? 1 : i + 2));
    page.node.set(N('Tabs'), N('S'));
    pages.push({ dict: page.node, ref: page.ref, resources });
  }
  const [p1, p2] = [pages[0]!, pages[1]!];

  // The structure tree.
  const structRoot = ctx.obj({ Type: 'StructTreeRoot' });
  const structRootRef = ctx.register(structRoot);
  const roleMap = ctx.obj({ Chart: 'Figure' });
  structRoot.set(N('RoleMap'), roleMap);
  const el = {} as Record<ElemName, PDFDict>;
  const ref = {} as Record<ElemName, PDFRef>;

  const addKid = (parent: PDFDict, kid: PDFObject) => {
    let k = parent.get(N('K'));
    if (!(k instanceof PDFArray)) {
      k = ctx.obj([]);
      parent.set(N('K'), k);
    }
    (k as PDFArray).push(kid);
  };
  const addElem: Fixture['addElem'] = (parent, parentRef, type, more = {}) => {
    const dict = ctx.obj({ Type: 'StructElem', S: type, P: parentRef });
    for (const [k, v] of Object.entries(more)) dict.set(N(k), v);
    const r = ctx.register(dict);
    addKid(parent, r);
    return { dict, ref: r };
  };
  const make = (name: ElemName, parent: ElemName | null, type: string, more: Record<string, PDFObject> = {}) => {
    const { dict, ref: r } = addElem(parent ? el[parent] : structRoot, parent ? ref[parent] : structRootRef, type, more);
    el[name] = dict;
    ref[name] = r;
    return dict;
  };
  const mcid = (name: ElemName, page: { ref: PDFRef }, id: number) => {
    el[name].set(N('Pg'), page.ref);
    addKid(el[name], PDFNumber.of(id));
  };
  const tableAttr = (scope: string) => ctx.obj({ O: 'Table', Scope: scope });

  make('document', null, 'Document');
  make('h1', 'document', 'H1');
  mcid('h1', p1, 0);
  make('toc', 'document', 'TOC');
  make('toci', 'toc', 'TOCI');
  make('reference', 'toci', 'Reference');
  make('tocLink', 'reference', 'Link');
  mcid('tocLink', p1, 1);
  make('p', 'document', 'P');
  mcid('p', p1, 2);
  make('l', 'document', 'L');
  make('li', 'l', 'LI');
  make('lbl', 'li', 'Lbl');
  mcid('lbl', p1, 3);
  make('lbody', 'li', 'LBody');
  mcid('lbody', p1, 4);
  make('table', 'document', 'Table');
  make('tr1', 'table', 'TR');
  make('th1', 'tr1', 'TH', { A: tableAttr('Column') });
  mcid('th1', p1, 5);
  make('th2', 'tr1', 'TH', { A: tableAttr('Column') });
  mcid('th2', p1, 6);
  make('tr2', 'table', 'TR');
  make('td1', 'tr2', 'TD');
  mcid('td1', p1, 7);
  make('td2', 'tr2', 'TD');
  mcid('td2', p1, 8);
  make('chart', 'document', 'Chart', { Alt: S('Bar chart of revenue by year') });
  mcid('chart', p1, 9);
  make('sect', 'document', 'Sect');
  make('h2', 'sect', 'H2');
  mcid('h2', p2, 0);
  make('p2', 'sect', 'P');
  mcid('p2', p2, 1);
  make('webLink', 'p2', 'Link');
  mcid('webLink', p2, 2);

  // Annotations: a TOC link to a named destination, and a web link.
  const tocAnnot = ctx.obj({
    Type: 'Annot',
    Subtype: 'Link',
    Rect: [72, 685, 140, 705],
    Border: [0, 0, 0],
    F: 4,
    StructParent: 2,
  });
  tocAnnot.set(N('Contents'), S('Go to Details'));
  tocAnnot.set(N('Dest'), S('details'));
  const tocAnnotRef = ctx.register(tocAnnot);
  const webAnnot = ctx.obj({
    Type: 'Annot',
    Subtype: 'Link',
    Rect: [110, 685, 200, 705],
    Border: [0, 0, 0],
    F: 4,
    StructParent: 3,
    A: { S: 'URI' },
  });
  (webAnnot.get(N('A')) as PDFDict).set(N('URI'), S('https://example.com/'));
  webAnnot.set(N('Contents'), S('example.com website'));
  const webAnnotRef = ctx.register(webAnnot);
  p1.dict.set(N('Annots'), ctx.obj([tocAnnotRef]));
  p2.dict.set(N('Annots'), ctx.obj([webAnnotRef]));
  addKid(el.tocLink, ctx.obj({ Type: 'OBJR', Obj: tocAnnotRef, Pg: p1.ref }));
  addKid(el.webLink, ctx.obj({ Type: 'OBJR', Obj: webAnnotRef, Pg: p2.ref }));

  // Extra pages (for timing): Sect > H2, P × n.
  const contents = [PAGE_1, PAGE_2];
  const parentTreeNums = ctx.obj([
    0,
    ctx.obj(['h1', 'tocLink', 'p', 'lbl', 'lbody', 'th1', 'th2', 'td1', 'td2', 'chart'].map((n) => ref[n as ElemName])),
    1,
    ctx.obj(['h2', 'p2', 'webLink'].map((n) => ref[n as ElemName])),
    2,
    ref.tocLink,
    3,
    ref.webLink,
  ]);
  for (let i = 2; i < pages.length; i++) {
    const page = pages[i]!;
    const sect = addElem(el.document, ref.document, 'Sect');
    const h = addElem(sect.dict, sect.ref, 'H2', { Pg: page.ref });
    addKid(h.dict, PDFNumber.of(0));
    const refs: PDFRef[] = [h.ref];
    const lines = [`/H2 <</MCID 0>> BDC BT /F1 18 Tf 72 740 Td (Section ${i + 1}) Tj ET EMC`];
    const n = options.paragraphsPerPage ?? 20;
    for (let j = 1; j <= n; j++) {
      const para = addElem(sect.dict, sect.ref, 'P', { Pg: page.ref });
      addKid(para.dict, PDFNumber.of(j));
      refs.push(para.ref);
      lines.push(`/P <</MCID ${j}>> BDC BT /F1 6 Tf 72 ${730 - j * 6} Td (Paragraph ${j} of page ${i + 1}.) Tj ET EMC`);
    }
    lines.push('/Artifact BMC 72 40 m 540 40 l S EMC');
    contents.push(lines.join('\n'));
    parentTreeNums.push(PDFNumber.of(i + 2));
    parentTreeNums.push(ctx.obj(refs));
  }
  structRoot.set(N('ParentTree'), ctx.obj({ Nums: parentTreeNums }));
  structRoot.set(N('ParentTreeNextKey'), PDFNumber.of(pages.length + 2));

  // Named destination, outline, page labels.
  const names = ctx.obj({ Dests: { Names: [S('details'), ctx.obj([p2.ref, 'XYZ', 72, 740, 0])] } });
  catalog.set(N('Names'), names);
  const outlineRoot = ctx.obj({ Type: 'Outlines', Count: 2 });
  const outlineRootRef = ctx.register(outlineRoot);
  const top = ctx.obj({ Parent: outlineRootRef, Count: 1, Dest: [p1.ref, 'XYZ', 72, 760, 0] });
  top.set(N('Title'), S('Annual report'));
  const topRef = ctx.register(top);
  const child = ctx.obj({ Parent: topRef });
  child.set(N('Title'), S('Details'));
  child.set(N('Dest'), S('details'));
  const childRef = ctx.register(child);
  top.set(N('First'), childRef);
  top.set(N('Last'), childRef);
  outlineRoot.set(N('First'), topRef);
  outlineRoot.set(N('Last'), topRef);
  catalog.set(N('Outlines'), outlineRootRef);
  catalog.set(N('PageLabels'), ctx.obj({ Nums: [0, { S: 'D' }] }));

  // Catalog entries and metadata.
  catalog.set(N('StructTreeRoot'), structRootRef);
  catalog.set(N('MarkInfo'), ctx.obj({ Marked: true }));
  catalog.set(N('Lang'), S('en-US'));
  catalog.set(N('ViewerPreferences'), ctx.obj({ DisplayDocTitle: true }));
  const xmp = (options.xmp ?? ((x) => x))(XMP);
  catalog.set(N('Metadata'), ctx.register(ctx.stream(xmp, { Type: 'Metadata', Subtype: 'XML' })));
  doc.setTitle('Annual report');

  pages.forEach((page, i) => {
    const text = options.content ? options.content(i + 1, contents[i]!) : contents[i]!;
    page.dict.set(N('Contents'), ctx.register(ctx.flateStream(text)));
  });

  const fixture: Fixture = {
    doc,
    ctx,
    catalog,
    pages,
    structRoot,
    structRootRef,
    roleMap,
    parentTreeNums,
    el,
    ref,
    annots: { toc: tocAnnot, web: webAnnot },
    font,
    outline: { root: outlineRoot, top, child },
    addElem,
    removeKid(parent, kid) {
      const k = parent.get(N('K'));
      if (!(k instanceof PDFArray)) return;
      const i = k.asArray().findIndex((x) => x instanceof PDFRef && x.objectNumber === kid.objectNumber);
      if (i >= 0) k.remove(i);
    },
  };
  options.edit?.(fixture);
  return doc.save({ useObjectStreams: false });
}

/**
 * A document of pages drawing `contents` in the box font under a structure tree root (with
 * `rootEntries`): page i has StructParents i and an empty parent-tree array, `parents(i)`.
 */
export async function taggedPages(contents: string[], rootEntries: Record<string, unknown> = {}) {
  const doc = await PDFDocument.create();
  const ctx = doc.context;
  const font = addBoxFont(ctx);
  const root = ctx.obj({ Type: 'StructTreeRoot', ...(rootEntries as Record<string, never>) });
  const rootRef = ctx.register(root);
  const nums = ctx.obj([]);
  root.set(PDFName.of('ParentTree'), ctx.obj({ Nums: nums }));
  doc.catalog.set(PDFName.of('StructTreeRoot'), rootRef);
  const pages = contents.map((c, i) => {
    const page = doc.addPage([300, 300]);
    page.node.set(PDFName.of('Resources'), ctx.obj({ Font: { F1: font } }));
    page.node.set(PDFName.of('Contents'), ctx.register(ctx.stream(c)));
    page.node.set(PDFName.of('StructParents'), PDFNumber.of(i));
    nums.push(PDFNumber.of(i));
    nums.push(ctx.obj([]));
    return page;
  });
  const parents = (page: number) => nums.lookup(2 * page + 1, PDFArray);
  return { doc, ctx, root, rootRef, pages, parents };
}
