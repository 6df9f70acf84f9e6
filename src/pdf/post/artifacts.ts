import type { PDFDocument } from 'pdf-lib';
import { findUnmarkedPainting, markAsArtifacts, parseOperations } from '../content-stream.ts';
import { pageContent, setPageContent } from '../objects.ts';

/**
 * Chromium paints some things outside any marked content: @page margin boxes (running heads,
 * page numbers), backgrounds, borders and rules. None of it is content a reader needs, so each
 * piece becomes an Artifact (PDF/UA-1, 7.1). Returns how many pieces were marked.
 */
export function markUntaggedAsArtifacts(doc: PDFDocument): number {
  let marked = 0;
  for (const page of doc.getPages()) {
    const text = pageContent(doc, page.node);
    const spans = findUnmarkedPainting(parseOperations(text));
    if (spans.length === 0) continue;
    setPageContent(doc, page.node, markAsArtifacts(text, spans), { compress: false });
    marked += spans.length;
  }
  return marked;
}
