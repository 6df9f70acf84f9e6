import { deflateSync } from 'node:zlib';
import {
  decodePDFRawStream,
  PDFArray,
  PDFDict,
  PDFDocument,
  PDFHexString,
  PDFName,
  PDFNumber,
  PDFRawStream,
  PDFRef,
  PDFStream,
  PDFString,
  type PDFObject,
} from 'pdf-lib';

/** Small, typed conveniences over pdf-lib's low-level objects, shared by the post-processing steps. */
export function resolve(doc: PDFDocument, o: PDFObject | undefined): PDFObject | undefined {
  return o instanceof PDFRef ? doc.context.lookup(o) : o;
}

export function dictAt(doc: PDFDocument, dict: PDFDict, key: string): PDFDict | undefined {
  const v = resolve(doc, dict.get(PDFName.of(key)));
  return v instanceof PDFDict ? v : undefined;
}

export function arrayAt(doc: PDFDocument, dict: PDFDict, key: string): PDFArray | undefined {
  const v = resolve(doc, dict.get(PDFName.of(key)));
  return v instanceof PDFArray ? v : undefined;
}

export function nameAt(dict: PDFDict, key: string): string | undefined {
  const v = dict.get(PDFName.of(key));
  return v instanceof PDFName ? v.decodeText() : undefined;
}

export function textAt(doc: PDFDocument, dict: PDFDict, key: string): string | undefined {
  const v = resolve(doc, dict.get(PDFName.of(key)));
  return v instanceof PDFString || v instanceof PDFHexString ? v.decodeText() : undefined;
}

export function numberAt(dict: PDFDict, key: string): number | undefined {
  const v = dict.get(PDFName.of(key));
  return v instanceof PDFNumber ? v.asNumber() : undefined;
}

/** The decoded bytes of a page's content (its /Contents stream or array of streams), as Latin-1 text. */
export function pageContent(doc: PDFDocument, page: PDFDict): string {
  const contents = resolve(doc, page.get(PDFName.of('Contents')));
  const streams = contents instanceof PDFArray ? contents.asArray().map((o) => resolve(doc, o)) : [contents];
  return streams
    .filter((s): s is PDFStream => s instanceof PDFStream)
    .map((s) => Buffer.from(s instanceof PDFRawStream ? decodePDFRawStream(s).decode() : s.getContents()).toString('latin1'))
    .join('\n');
}

/** Replaces a page's content; the old streams are deleted (pdf-lib writes every object it holds). */
export function setPageContent(doc: PDFDocument, page: PDFDict, text: string): void {
  const old = page.get(PDFName.of('Contents'));
  const refs = old instanceof PDFRef ? [old, ...refsIn(doc.context.lookup(old))] : refsIn(old);
  // Node's zlib at its best level: content streams are most of a report's bytes.
  const stream = doc.context.stream(deflateSync(Buffer.from(text, 'latin1'), { level: 9 }), { Filter: 'FlateDecode' });
  page.set(PDFName.of('Contents'), doc.context.register(stream));
  for (const ref of refs) doc.context.delete(ref);
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
  const pages = pageNumbers(doc);
  const result = new Map<string, number>();
  const add = (name: string, dest: PDFObject | undefined) => {
    let d = resolve(doc, dest);
    if (d instanceof PDFDict) d = resolve(doc, d.get(PDFName.of('D')));
    if (!(d instanceof PDFArray)) return;
    const page = d.get(0);
    if (page instanceof PDFRef && pages.has(page)) result.set(name, pages.get(page)!);
  };
  const dests = dictAt(doc, doc.catalog, 'Dests');
  for (const [key, value] of dests?.entries() ?? []) add(key.decodeText(), value);
  const names = dictAt(doc, doc.catalog, 'Names');
  const tree = names && dictAt(doc, names, 'Dests');
  const walk = (node: PDFDict | undefined) => {
    if (!node) return;
    const pairs = arrayAt(doc, node, 'Names');
    for (let i = 0; pairs && i + 1 < pairs.size(); i += 2) {
      const k = resolve(doc, pairs.get(i));
      if (k instanceof PDFString || k instanceof PDFHexString) add(k.decodeText(), pairs.get(i + 1));
    }
    for (const kid of arrayAt(doc, node, 'Kids')?.asArray() ?? []) walk(resolve(doc, kid) as PDFDict);
  };
  walk(tree);
  return result;
}
