import { deflateSync } from 'node:zlib';
import { decodePDFRawStream, PDFArray, PDFDict, PDFDocument, PDFHexString, PDFName, PDFRawStream, PDFRef, PDFStream, type PDFObject } from 'pdf-lib';
import { get, getDict, getText, readNameTree, resolve } from './cos.ts';

// Page content, text strings, page numbers, named destinations and bookmarks, for the
// post-processing steps and the readers of finished PDFs (the generic accessors are in cos.ts).

/** The decoded bytes of a page's content (its /Contents stream or array of streams), as Latin-1 text. */
export function pageContent(doc: PDFDocument, page: PDFDict): string {
  const contents = resolve(doc.context, page.get(PDFName.of('Contents')));
  const streams = contents instanceof PDFArray ? contents.asArray().map((o) => resolve(doc.context, o)) : [contents];
  return streams
    .filter((s): s is PDFStream => s instanceof PDFStream)
    .map((s) => Buffer.from(s instanceof PDFRawStream ? decodePDFRawStream(s).decode() : s.getContents()).toString('latin1'))
    .join('\n');
}

/** Replaces a page's content; the old streams are deleted (pdf-lib writes every object it holds). */
export function setPageContent(doc: PDFDocument, page: PDFDict, text: string, options: { compress?: boolean } = {}): void {
  const old = page.get(PDFName.of('Contents'));
  const refs = old instanceof PDFRef ? [old, ...refsIn(doc.context.lookup(old))] : refsIn(old);
  const bytes = Buffer.from(text, 'latin1');
  // Node's zlib at its best level: content streams are most of a report's bytes. A step that
  // hands the page to another step may leave it plain, and compressPageContents compress it once.
  const stream = options.compress === false ? doc.context.stream(bytes) : doc.context.stream(deflateSync(bytes, { level: 9 }), { Filter: 'FlateDecode' });
  page.set(PDFName.of('Contents'), doc.context.register(stream));
  for (const ref of refs) doc.context.delete(ref);
}

/** Compresses every page content stream left plain (see setPageContent). */
export function compressPageContents(doc: PDFDocument): void {
  for (const page of doc.getPages()) {
    const stream = doc.context.lookup(page.node.get(PDFName.of('Contents')));
    if (stream instanceof PDFRawStream && !stream.dict.has(PDFName.of('Filter'))) setPageContent(doc, page.node, pageContent(doc, page.node));
  }
}

function refsIn(o: PDFObject | undefined): PDFRef[] {
  return o instanceof PDFArray ? o.asArray().filter((x): x is PDFRef => x instanceof PDFRef) : [];
}

/** Text strings in PDF: PDFDocEncoding can't hold most Unicode, so always use UTF-16 hex. */
export const pdfText = (s: string) => PDFHexString.fromText(s);

/** Page object → 1-based page number. */
export function pageNumbers(doc: PDFDocument): Map<PDFRef, number> {
  return new Map(doc.getPages().map((p, i) => [p.ref, i + 1]));
}

/** Named destinations (catalog /Dests, or the /Names /Dests name tree) → 1-based page numbers. */
export function readDestinations(doc: PDFDocument): Map<string, number> {
  const ctx = doc.context;
  const pages = pageNumbers(doc);
  const result = new Map<string, number>();
  const add = (name: string, dest: PDFObject | undefined) => {
    let d = resolve(ctx, dest);
    if (d instanceof PDFDict) d = get(ctx, d, 'D');
    const page = d instanceof PDFArray ? d.get(0) : undefined;
    if (page instanceof PDFRef && pages.has(page)) result.set(name, pages.get(page)!);
  };
  for (const [key, value] of getDict(ctx, doc.catalog, 'Dests')?.entries() ?? []) add(key.decodeText(), value);
  for (const [key, value] of readNameTree(ctx, getDict(ctx, getDict(ctx, doc.catalog, 'Names'), 'Dests'))) add(key, value);
  return result;
}

export interface OutlineItem {
  dict: PDFDict;
  title: string;
  depth: number;
}

/** The bookmarks, depth first (the order they are shown in), with their nesting depth from 1. */
export function outlineItems(doc: PDFDocument): OutlineItem[] {
  const outlines = getDict(doc.context, doc.catalog, 'Outlines');
  const items: OutlineItem[] = [];
  const next = (d: PDFDict, key: string) => resolve(doc.context, d.get(PDFName.of(key))) as PDFDict | undefined;
  const walk = (first: PDFDict | undefined, depth: number) => {
    for (let it = first; it; it = next(it, 'Next')) {
      items.push({ dict: it, title: getText(doc.context, it, 'Title') ?? '', depth });
      walk(next(it, 'First'), depth + 1);
    }
  };
  if (outlines) walk(next(outlines, 'First'), 1);
  return items;
}
