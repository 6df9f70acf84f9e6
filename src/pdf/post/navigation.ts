import { PDFDict, PDFDocument, PDFName, PDFNumber } from 'pdf-lib';
import { pdfText } from '../objects.ts';
import { getDict, getText, resolve } from '../cos.ts';

const COVER = 'Cover';

/** The label setPageLabels gives the page at 0-based `index`. */
export function pageLabel(index: number, coverLabel = COVER): string {
  return index === 0 ? coverLabel : String(index + 1);
}

/**
 * Page labels so a viewer's "go to page 12" lands on the page printed 12: the cover is labelled
 * by name (it prints no number), every other page by its number, counted from the cover as CSS's
 * `counter(page)` counts.
 */
export function setPageLabels(doc: PDFDocument, coverLabel = COVER): void {
  const cover = doc.context.obj({ P: pdfText(coverLabel) });
  const numbered = doc.context.obj({ S: 'D', St: 2 });
  const nums = doc.getPageCount() > 1 ? [0, cover, 1, numbered] : [0, cover];
  doc.catalog.set(PDFName.of('PageLabels'), doc.context.obj({ Nums: nums.map((n) => (typeof n === 'number' ? PDFNumber.of(n) : n)) }));
}

/**
 * Chromium builds bookmark titles from the painted lines of each heading and drops the space
 * where a heading wraps ("maybeyes"). The bookmarks follow the headings in order, so each gets the
 * title the HTML gives, when the counts agree.
 */
export function setOutlineTitles(doc: PDFDocument, titles: string[]): boolean {
  const items = outlineItems(doc);
  if (items.length !== titles.length) return false;
  items.forEach((item, i) => item.dict.set(PDFName.of('Title'), pdfText(titles[i]!)));
  return true;
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
