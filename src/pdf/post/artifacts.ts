import type { PDFContext, PDFDict, PDFDocument } from 'pdf-lib';
import { parseOperations, type Span } from '../content-stream.ts';
import { interpretPageContent, type ContentEvent, type PathEvent } from '../interpret.ts';
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
    const spans = findUnmarkedPainting(doc.context, page.node, text);
    if (spans.length === 0) continue;
    setPageContent(doc, page.node, markAsArtifacts(text, spans), { compress: false });
    marked += spans.length;
  }
  return marked;
}

/**
 * Finds painting in a page's content (given as text) that is neither tagged content (inside a
 * sequence with an MCID) nor an Artifact: each such path (from its first construction operator
 * to its painting operator), text-showing operator, image, shading or form. A sequence with
 * neither (Chromium's `/Span <</ActualText …>>` around a ligature in a running head) does not make
 * its content tagged. Forms are not looked into: their Do is the painting.
 */
export function findUnmarkedPainting(ctx: PDFContext, page: PDFDict, text: string): Span[] {
  const spans: Span[] = [];
  const note = (e: ContentEvent) => {
    if (!e.marked.some((mc) => mc.tag === 'Artifact' || mc.mcid !== undefined)) spans.push(e.span);
  };
  interpretPageContent(ctx, page, { text, ops: parseOperations(text) }, {
    path: (e: PathEvent) => (e.fill || e.stroke) && note(e),
    text: note,
    image: note,
    shading: note,
    otherXObject: note,
    form: (e) => {
      note(e);
      return false;
    },
  });
  return spans;
}

/** Wraps each span in `/Artifact BMC … EMC`: painting that is not content (PDF/UA-1, 7.1). */
export function markAsArtifacts(text: string, spans: Span[]): string {
  let out = '';
  let at = 0;
  for (const s of spans) {
    out += `${text.slice(at, s.start)}/Artifact BMC\n${text.slice(s.start, s.end)}\nEMC`;
    at = s.end;
  }
  return out + text.slice(at);
}
