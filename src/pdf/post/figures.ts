import { PDFArray, PDFDict, PDFName, PDFNull, PDFNumber, PDFRef, type PDFDocument, type PDFObject } from 'pdf-lib';
import { union, type Box } from '../geometry.ts';
import { pageContent, setPageContent } from '../objects.ts';
import { applyEdits, type Edit } from '../content-stream.ts';
import { readPage, type MarkedSequence, type PageContent } from '../page-content.ts';
import { readStructTree, type StructElem } from '../struct-tree.ts';
import { refKey } from '../cos.ts';
import { nextMcid, pageParents, setParent } from './parent-tree.ts';

/**
 * A chart is one Figure with alt text that says everything it shows. Chromium tags the chart's
 * labels as text inside the Figure and leaves its bars and lines untagged (artifacts), with no
 * bounding box; so Firefox reads the alt text and then every tick and value label. Each Figure
 * with alt text becomes what PDF/UA and pdf.js expect of an image: its own painting (paths,
 * images) in marked content that belongs directly to it, the text drawn inside it an Artifact
 * (its words are in the alt text), and a Layout BBox attribute (which pdf.js needs to show the
 * alt text as an image). Returns how many figures were changed.
 */
export function tagFiguresAsImages(doc: PDFDocument): number {
  const tree = readStructTree(doc.context, doc.catalog);
  if (!tree) return 0;
  const figures = tree.elements.filter((e) => e.standardType === 'Figure' && e.dict.has(PDFName.of('Alt')) && e.ref);
  if (figures.length === 0) return 0;
  const kids = new Map<StructElem, PDFObject[]>(figures.map((f) => [f, []]));
  const boxes = new Map<StructElem, Box | undefined>();
  for (const page of doc.getPages()) {
    const onPage = figures.map((f) => ({ figure: f, mcids: new Set(subtreeMcids(f, page.ref)) })).filter((f) => f.mcids.size > 0);
    if (onPage.length === 0) continue;
    const parents = pageParents(doc, page.node);
    if (!parents) continue;
    const content = readPage(doc, page.node, pageContent(doc, page.node));
    const edits: Edit[] = [];
    let next = nextMcid(parents, content.sequences.flatMap((s) => (s.mcid === undefined ? [] : [s.mcid])));
    for (const { figure, mcids } of onPage) {
      const region = regionOf(content, mcids);
      if (!region) continue;
      boxes.set(figure, union(boxes.get(figure), region.box));
      for (const mcid of mcids) if (mcid < parents.size()) setParent(parents, mcid, PDFNull);
      for (const seq of region.sequences) {
        if (hasText(content, seq)) {
          edits.push({ start: seq.begin.start, end: seq.begin.end, text: '/Artifact BMC' });
        } else {
          const mcid = next++;
          edits.push({ start: seq.begin.start, end: seq.begin.end, text: `/Figure <</MCID ${mcid}>> BDC` });
          setParent(parents, mcid, figure.ref!);
          kids.get(figure)!.push(doc.context.obj({ Type: 'MCR', Pg: page.ref, MCID: PDFNumber.of(mcid) }));
        }
      }
    }
    if (edits.length > 0) setPageContent(doc, page.node, applyEdits(content.source, edits), { compress: false });
  }
  let changed = 0;
  for (const figure of figures) {
    const k = kids.get(figure)!;
    if (k.length === 0) continue;
    for (const old of descendants(figure)) if (old.ref) doc.context.delete(old.ref);
    figure.dict.set(PDFName.of('K'), doc.context.obj(k));
    const box = boxes.get(figure);
    if (box) addLayoutBBox(doc, figure.dict, box);
    changed++;
  }
  return changed;
}

/** The MCIDs on `page` of an element and everything below it. */
function subtreeMcids(elem: StructElem, page: PDFRef): number[] {
  const own = elem.content.flatMap((c) => (c.kind === 'mcr' && !c.stream && c.page && refKey(c.page) === refKey(page) ? [c.mcid] : []));
  return [...own, ...elem.kids.flatMap((k) => subtreeMcids(k, page))];
}

function descendants(elem: StructElem): StructElem[] {
  return elem.kids.flatMap((k) => [k, ...descendants(k)]);
}

/**
 * The stretch of content a figure is painted in: from its first marked-content sequence to its
 * last, with every top-level sequence in between (its own, and the artifacts its bars and lines
 * were made) and the box of all that it paints.
 */
function regionOf(content: PageContent, mcids: Set<number>): { sequences: MarkedSequence[]; box?: Box } | undefined {
  const own = content.sequences.filter((s) => s.mcid !== undefined && mcids.has(s.mcid) && s.end);
  if (own.length === 0) return undefined;
  const start = Math.min(...own.map((s) => s.begin.start));
  const end = Math.max(...own.map((s) => s.end!.end));
  const sequences = content.sequences.filter((s) => !s.parent && s.end && s.begin.start >= start && s.end.end <= end && (s.tag === 'Artifact' || (s.mcid !== undefined && mcids.has(s.mcid))));
  let box: Box | undefined;
  for (const p of content.paintings) if (p.op.start >= start && p.op.end <= end) box = union(box, p.box);
  return { sequences, box };
}

function hasText(content: PageContent, seq: MarkedSequence): boolean {
  return content.shown.some((s) => {
    for (let m = s.marked; m; m = m.parent) if (m === seq) return true;
    return false;
  });
}

/** Adds `<< /O /Layout /BBox [...] >>` to the element's attributes (ISO 32000-1, 14.8.5.4.3). */
function addLayoutBBox(doc: PDFDocument, elem: PDFDict, box: Box): void {
  const round = (n: number) => Math.round(n * 100) / 100;
  const layout = doc.context.obj({ O: 'Layout', BBox: box.map(round) });
  const a = elem.get(PDFName.of('A'));
  const existing = a instanceof PDFRef ? doc.context.lookup(a) : a;
  if (existing instanceof PDFArray) existing.push(layout);
  else elem.set(PDFName.of('A'), existing ? doc.context.obj([existing, layout]) : layout);
}
