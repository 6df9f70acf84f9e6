import { PDFArray, PDFNull, type PDFDict, type PDFDocument, type PDFObject } from 'pdf-lib';
import { getDict, getNumber, readNumberTree, resolve } from '../cos.ts';

/**
 * The parent tree's array for a page (ISO 32000-1, 14.7.4.4): entry n is the structure element
 * that owns MCID n of the page's content. Undefined when the page has no /StructParents entry.
 */
export function pageParents(doc: PDFDocument, page: PDFDict): PDFArray | undefined {
  const key = getNumber(doc.context, page, 'StructParents');
  if (key === undefined) return undefined;
  // Without a structure tree, getDict gives undefined and the number tree reads as empty.
  const root = getDict(doc.context, doc.catalog, 'StructTreeRoot');
  const entry = resolve(doc.context, readNumberTree(doc.context, getDict(doc.context, root, 'ParentTree')).get(key));
  return entry instanceof PDFArray ? entry : undefined;
}

/** Sets entry `mcid` of a page's parent-tree array, growing it with nulls as needed. */
export function setParent(parents: PDFArray, mcid: number, elem: PDFObject | typeof PDFNull): void {
  while (parents.size() <= mcid) parents.push(PDFNull);
  parents.set(mcid, elem);
}

/** The next MCID free on a page, after the parent tree's entries. */
export function nextMcid(parents: PDFArray | undefined, used: number[] = []): number {
  return Math.max(parents?.size() ?? 0, ...used.map((n) => n + 1));
}

