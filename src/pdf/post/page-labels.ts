import { PDFName, type PDFDocument } from 'pdf-lib';
import { pdfText } from '../objects.ts';

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
  doc.catalog.set(PDFName.of('PageLabels'), doc.context.obj({ Nums: nums }));
}
