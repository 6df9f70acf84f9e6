import { PDFDict, PDFDocument, PDFName, PDFNumber } from 'pdf-lib';
import { dictAt, pdfText, resolve } from './objects.ts';

/**
 * Page labels so a viewer's "go to page 12" lands on the page printed 12: the cover is labelled
 * by name (it prints no number), every other page by its number, counted from the cover as CSS's
 * `counter(page)` counts.
 */
export function setPageLabels(doc: PDFDocument, coverLabel = 'Cover'): void {
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
  const outlines = dictAt(doc, doc.catalog, 'Outlines');
  const items: PDFDict[] = [];
  const walk = (item: PDFDict | undefined) => {
    for (let it = item; it; it = resolve(doc, it.get(PDFName.of('Next'))) as PDFDict | undefined) {
      items.push(it);
      walk(resolve(doc, it.get(PDFName.of('First'))) as PDFDict | undefined);
    }
  };
  if (outlines) walk(resolve(doc, outlines.get(PDFName.of('First'))) as PDFDict | undefined);
  if (items.length !== titles.length) return false;
  items.forEach((item, i) => item.set(PDFName.of('Title'), pdfText(titles[i]!)));
  return true;
}
