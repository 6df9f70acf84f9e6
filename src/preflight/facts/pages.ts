/** Each page's boxes (ISO 32000-1, 14.11.2): MediaBox and CropBox inherited, the others the page's own. */
import { PDFName, type PDFContext, type PDFDict, type PDFPage, type PDFRef } from 'pdf-lib';
import { get, inherited, rectOf, refKey } from '../../pdf/cos.ts';
import type { PageFacts, Rect } from '../facts.ts';

/** A page as the content reader needs it: its dictionary and reference, and its facts to fill in. */
export interface PageSource {
  node: PDFDict;
  ref: PDFRef;
  facts: PageFacts;
}

const LETTER: Rect = [0, 0, 612, 792];

export function readPages(ctx: PDFContext, pages: PDFPage[]): PageSource[] {
  return pages.map((p, i) => ({ node: p.node, ref: p.ref, facts: readPage(ctx, p.node, p.ref, i + 1) }));
}

function readPage(ctx: PDFContext, node: PDFDict, ref: PDFRef, page: number): PageFacts {
  const mediaBox = rectOf(ctx, inherited(ctx, node, 'MediaBox')) ?? LETTER;
  const cropBox = rectOf(ctx, inherited(ctx, node, 'CropBox'));
  const bleedBox = rectOf(ctx, get(ctx, node, 'BleedBox'));
  const trimBox = rectOf(ctx, get(ctx, node, 'TrimBox'));
  const artBox = rectOf(ctx, get(ctx, node, 'ArtBox'));
  const facts: PageFacts = {
    page,
    object: refKey(ref),
    mediaBox,
    effectiveBleed: bleedBox ?? cropBox ?? mediaBox,
    declaresTrimBox: node.has(PDFName.of('TrimBox')),
    declaresArtBox: node.has(PDFName.of('ArtBox')),
    colourSpaces: new Set(),
  };
  if (cropBox) facts.cropBox = cropBox;
  if (bleedBox) facts.bleedBox = bleedBox;
  if (trimBox) facts.trimBox = trimBox;
  if (artBox) facts.artBox = artBox;
  return facts;
}
