import { PDFName, type PDFDocument } from 'pdf-lib';
import { outlineItems, pdfText } from '../objects.ts';

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
