import { PDFArray, PDFDict, PDFHexString, PDFName, PDFNumber, PDFRef, PDFString, type PDFDocument, type PDFObject } from 'pdf-lib';
import { getArray, getDict, getName, getNumber, getText, rawString, resolve } from '../cos.ts';
import { pageContent, pageNumbers, pdfText, readDestinations } from '../objects.ts';
import { apart, mcidOf, readPage, type ShownText } from '../page-content.ts';
import { pageLabel } from './page-labels.ts';
import { kids, structElements } from './elements.ts';

/**
 * Every link annotation says where it goes (PDF/UA-1, 7.18.5): with the text its Link element
 * shows, and, for a link to a page of this document, that page ("PyPI in 2023, page 15" — a
 * contents entry's page number is read as one, not run into its title). Without text on the
 * page, the HTML's text for the link (`hrefTexts`, href → text) or its address.
 */
export function describeLinks(doc: PDFDocument, hrefTexts: Map<string, string>): void {
  const shown = linkTexts(doc);
  const destinations = readDestinations(doc);
  const pages = pageNumbers(doc);
  for (const page of doc.getPages()) {
    for (const a of getArray(doc.context, page.node, 'Annots')?.asArray() ?? []) {
      const annot = resolve(doc.context, a);
      if (!(annot instanceof PDFDict) || getName(doc.context, annot, 'Subtype') !== 'Link' || annot.has(PDFName.of('Contents'))) continue;
      const action = getDict(doc.context, annot, 'A');
      const uri = action && getText(doc.context, action, 'URI');
      const target = targetPage(doc, annot, destinations, pages);
      const dest = annot.get(PDFName.of('Dest'));
      const key = uri ?? (dest instanceof PDFName ? `#${dest.decodeText()}` : undefined);
      const text = shown.get(annot) || (key && hrefTexts.get(key)) || uri?.replace(/^mailto:/, '') || '';
      annot.set(PDFName.of('Contents'), pdfText(target === undefined ? text || 'Link' : onPage(text, pageLabel(target - 1))));
    }
  }
}

/** "Title 15" → "Title, page 15"; "see the statement" → "see the statement, page 21". */
function onPage(text: string, label: string): string {
  const title = text.endsWith(` ${label}`) ? text.slice(0, -label.length - 1).trim() : text;
  return title ? `${title}, page ${label}` : `Page ${label}`;
}

/** The 1-based page a link leads to in this document (a /Dest, or a GoTo action's /D). */
function targetPage(doc: PDFDocument, annot: PDFDict, destinations: Map<string, number>, pages: Map<PDFRef, number>): number | undefined {
  const action = getDict(doc.context, annot, 'A');
  let dest: PDFObject | undefined = annot.get(PDFName.of('Dest'));
  if (!dest && action && getName(doc.context, action, 'S') === 'GoTo') dest = action.get(PDFName.of('D'));
  dest = resolve(doc.context, dest);
  if (dest instanceof PDFName) return destinations.get(dest.decodeText());
  if (dest instanceof PDFString || dest instanceof PDFHexString) return destinations.get(rawString(dest));
  const first = dest instanceof PDFArray ? dest.get(0) : undefined;
  return first instanceof PDFRef ? pages.get(first) : undefined;
}

/** Link annotation → the text its Link element shows, white space folded. */
function linkTexts(doc: PDFDocument): Map<PDFDict, string> {
  const marked = markedTexts(doc);
  const out = new Map<PDFDict, string>();
  const textOf = (dict: PDFDict, page: PDFObject | undefined): string =>
    kids(doc, dict)
      .map((k) => {
        const d = resolve(doc.context, k);
        if (d instanceof PDFNumber) return marked.get(page as PDFRef)?.get(d.asNumber()) ?? '';
        if (!(d instanceof PDFDict)) return '';
        if (d.has(PDFName.of('S'))) return textOf(d, d.get(PDFName.of('Pg')) ?? page);
        const mcid = getNumber(doc.context, d, 'MCID');
        return mcid === undefined ? '' : (marked.get((d.get(PDFName.of('Pg')) ?? page) as PDFRef)?.get(mcid) ?? '');
      })
      .join('');
  for (const link of structElements(doc).filter((e) => e.type === 'Link')) {
    const text = textOf(link.dict, link.dict.get(PDFName.of('Pg'))).replace(/\s+/g, ' ').trim();
    for (const k of kids(doc, link.dict)) {
      const objr = resolve(doc.context, k);
      const annot = objr instanceof PDFDict && getName(doc.context, objr, 'Type') === 'OBJR' ? getDict(doc.context, objr, 'Obj') : undefined;
      if (annot) out.set(annot, text);
    }
  }
  return out;
}

/** Page → MCID → the text of that marked-content sequence (artifacts inside it left out). */
function markedTexts(doc: PDFDocument): Map<PDFRef, Map<number, string>> {
  const out = new Map<PDFRef, Map<number, string>>();
  for (const page of doc.getPages()) {
    const texts = new Map<number, string>();
    let prev: ShownText | undefined;
    for (const shown of readPage(doc, page.node, pageContent(doc, page.node)).shown) {
      const mcid = mcidOf(shown);
      if (mcid === undefined) continue;
      // Pieces set apart on the page (a contents entry's title and page number) are words apart.
      const gap = prev && apart(prev, shown) ? ' ' : '';
      texts.set(mcid, (texts.get(mcid) ?? '') + gap + shown.text);
      prev = shown;
    }
    out.set(page.ref, texts);
  }
  return out;
}
