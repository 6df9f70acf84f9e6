import { PDFDict, PDFName, PDFNull, PDFNumber, PDFRef, type PDFDocument, type PDFObject } from 'pdf-lib';
import { getDict, getNumber, resolve } from '../cos.ts';
import { pageParents, setParent } from './parent-tree.ts';
import { pageContent, setPageContent } from '../objects.ts';
import { applyEdits } from '../content-stream.ts';
import { readPage } from '../page-content.ts';
import { kids, structElements, type Elem } from './elements.ts';

/**
 * Chromium opens some elements with a marked-content sequence that paints nothing (`BT ET`) —
 * each section heading starts with one at the foot of the page before it. pdf.js builds an element
 * on every page its content is on, so Firefox lists an empty heading there. Such sequences are
 * unmarked, their references leave the structure tree and the parent tree, and an element left
 * with nothing is removed. Returns how many sequences were dropped.
 */
export function dropEmptyMarkedContent(doc: PDFDocument): number {
  const empty = new Map<PDFRef, Set<number>>();
  for (const page of doc.getPages()) {
    const content = readPage(doc, page.node, pageContent(doc, page.node));
    const found = content.sequences.filter((s) => s.mcid !== undefined && !s.paints && s.end);
    if (found.length === 0) continue;
    empty.set(page.ref, new Set(found.map((s) => s.mcid!)));
    const edits = found.flatMap((s) => [s.begin, s.end!].map((op) => ({ start: op.start, end: op.end, text: '' })));
    setPageContent(doc, page.node, applyEdits(content.source, edits), { compress: false });
    clearParentTree(doc, page.node, empty.get(page.ref)!);
  }
  if (empty.size === 0) return 0;
  let dropped = 0;
  for (const elem of structElements(doc)) dropped += dropReferences(doc, elem, empty);
  removeEmptyElements(doc);
  return dropped;
}

/** Removes the element's references to the empty sequences; returns how many it had. */
function dropReferences(doc: PDFDocument, elem: Elem, empty: Map<PDFRef, Set<number>>): number {
  const pg = elem.dict.get(PDFName.of('Pg'));
  const isEmpty = (k: PDFObject) => {
    const d = resolve(doc.context, k);
    if (d instanceof PDFNumber) return pg instanceof PDFRef && !!empty.get(pg)?.has(d.asNumber());
    // A child element has no /MCID: only marked-content references come out empty below.
    if (!(d instanceof PDFDict)) return false;
    const page = d.get(PDFName.of('Pg')) ?? pg;
    const mcid = getNumber(doc.context, d, 'MCID');
    return page instanceof PDFRef && mcid !== undefined && !!empty.get(page)?.has(mcid) && !d.has(PDFName.of('Stm'));
  };
  const all = kids(doc, elem.dict);
  const kept = all.filter((k) => !isEmpty(k));
  if (kept.length === all.length) return 0;
  elem.dict.set(PDFName.of('K'), doc.context.obj(kept));
  // The element's default page should be one its content is on.
  const pages = new Set(kept.map((k) => resolve(doc.context, k)).map((d) => (d instanceof PDFDict && !d.has(PDFName.of('S')) ? d.get(PDFName.of('Pg')) : pg)));
  const [only] = pages;
  if (pages.size === 1 && only instanceof PDFRef) elem.dict.set(PDFName.of('Pg'), only);
  return all.length - kept.length;
}

/** The page's parent-tree array forgets the MCIDs (null entries: the others keep their numbers). */
function clearParentTree(doc: PDFDocument, page: PDFDict, mcids: Set<number>): void {
  const parents = pageParents(doc, page);
  if (parents) for (const mcid of mcids) if (mcid < parents.size()) setParent(parents, mcid, PDFNull);
}

/** Elements with no kids left go, and so does a parent they leave empty. */
function removeEmptyElements(doc: PDFDocument): void {
  for (let changed = true; changed; ) {
    changed = false;
    for (const elem of structElements(doc)) {
      if (kids(doc, elem.dict).length > 0) continue;
      const parent = elem.parent?.dict ?? getDict(doc.context, doc.catalog, 'StructTreeRoot');
      if (!parent) continue;
      parent.set(PDFName.of('K'), doc.context.obj(kids(doc, parent).filter((k) => resolve(doc.context, k) !== elem.dict)));
      if (elem.ref) doc.context.delete(elem.ref);
      changed = true;
    }
  }
}
