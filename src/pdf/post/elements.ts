/** The structure tree as post-processing edits it: its elements and their kids, read as they are now. */
import { PDFArray, PDFDict, PDFRef, PDFName, type PDFDocument, type PDFObject } from 'pdf-lib';
import { getDict, getName, resolve } from '../cos.ts';

export interface Elem {
  dict: PDFDict;
  ref?: PDFRef;
  type: string;
  parent?: Elem;
}

/** Every structure element, parents before children, in document (reading) order. */
export function structElements(doc: PDFDocument): Elem[] {
  const root = getDict(doc.context, doc.catalog, 'StructTreeRoot');
  if (!root) return [];
  const out: Elem[] = [];
  const visit = (o: PDFObject | undefined, parent: Elem | undefined) => {
    const dict = resolve(doc.context, o);
    if (!(dict instanceof PDFDict)) return;
    const type = getName(doc.context, dict, 'S');
    if (!type) return; // a marked-content or object reference, not an element
    const elem: Elem = { dict, ref: o instanceof PDFRef ? o : undefined, type, parent };
    out.push(elem);
    for (const kid of kids(doc, dict)) visit(kid, elem);
  };
  for (const kid of kids(doc, root)) visit(kid, undefined);
  return out;
}

export function kids(doc: PDFDocument, dict: PDFDict): PDFObject[] {
  const k = resolve(doc.context, dict.get(PDFName.of('K')));
  if (k === undefined) return [];
  return k instanceof PDFArray ? k.asArray() : [dict.get(PDFName.of('K'))!];
}
