/**
 * What preflight knows about a document, read once (facts/…) before any check runs: the pages
 * and their boxes, what their content paints (colour spaces, RGB, ink, strokes, images and their
 * placement, transparency, fonts), and the document's PDF/X identification and output intent.
 * Facts hold no judgement: the checks (checks/…) compare them with the options.
 *
 * Printer's marks are left out of the ink, stroke and image-ink facts (they are 400 % and
 * 0.25 pt by design); they are painting inside a `/PrinterMarks` marked-content sequence (or one
 * whose properties have `/Subtype /PrinterMarks`), or paths entirely outside the BleedBox.
 */
import type { PDFDocument } from 'pdf-lib';
import { readContent } from './facts/content.ts';
import type { Space } from './facts/colour-spaces.ts';
import { readDocument } from './facts/document.ts';
import { describeFonts } from './facts/fonts.ts';
import { readPages } from './facts/pages.ts';

export type Rect = [number, number, number, number];

export interface PageFacts {
  page: number;
  /** The page object, e.g. "12 0 R". */
  object: string;
  mediaBox: Rect;
  cropBox?: Rect;
  bleedBox?: Rect;
  trimBox?: Rect;
  artBox?: Rect;
  /** The BleedBox, else the CropBox, else the MediaBox. */
  effectiveBleed: Rect;
  /** The page dictionary has /TrimBox and /ArtBox keys (whatever their values). */
  declaresTrimBox: boolean;
  declaresArtBox: boolean;
  /** Labels of the colour spaces painted on the page, forms and patterns included. */
  colourSpaces: Set<string>;
}

/** Where something is painted: the page, and the object whose content paints it. */
export interface Place {
  page: number;
  /** "12 0 R" (the page, a form or a pattern), "/Fm0" for a direct form, or "inline image". */
  object: string;
}

/** RGB (or RGB-like) colour painted in one object of a page, counted by use. */
export interface RgbUse extends Place {
  label: string;
  /** Why the space counts as RGB, when its label does not say. */
  why?: string;
  /** "fill", "stroke", "text", "image mask", "fill (shading pattern)", "shading"… */
  uses: Set<string>;
  count: number;
  /** The image that is RGB, when the use is an image. */
  image?: string;
}

/** A fill or stroke (of a path or text) in a colour whose ink can be measured. */
export interface InkedPaint extends Place {
  space: Space;
  values: readonly number[];
  use: string;
}

export interface Stroke extends Place {
  /** The line width as set (0: the thinnest line the device can draw). */
  lineWidth: number;
  /** The width as printed: the line width through the CTM's smallest scale. */
  width: number;
}

/** An image on a page, at the lowest resolution it is placed with there. */
export interface ImagePlacement extends Place {
  width: number;
  height: number;
  label: string;
  ppi: number;
}

/** An image in an ink-measurable space, once per page. */
export interface ImageInk extends Place {
  coverage?: number;
  unmeasured?: string;
}

/** Transparency: an ExtGState that sets it, or a soft-masked image (once per page each). */
export interface Transparency {
  page: number;
  /** The ExtGState or image object, or "/GS0" for a direct ExtGState. */
  object: string;
  /** The ExtGState's resource name; absent for an image. */
  extGState?: string;
  softMask: boolean;
  fillOpacity?: number;
  strokeOpacity?: number;
  blendMode?: string;
}

export interface FontFacts {
  name: string;
  embedded: boolean;
  subset: boolean;
  /** Font Subtype, e.g. "Type1", "TrueType", "Type3", "Type0/CIDFontType2". */
  type: string;
  resourceName: string;
  /** The page it is first used on. */
  page: number;
  /** The font dictionary's object, when it is a reference. */
  object?: string;
  /** Used at least once with a visible text rendering mode. */
  rendered: boolean;
}

export interface OutputIntentFacts {
  /** /OutputIntents entries, of any kind. */
  count: number;
  /** The one with /S /GTS_PDFX. */
  pdfx?: {
    identifier: string;
    /** /DestOutputProfile: an ICC stream, something else, or none. */
    profile: 'stream' | 'other' | 'none';
    profileComponents?: number;
  };
}

export interface DocumentFacts {
  /** The Info dictionary's /GTS_PDFXVersion and /GTS_PDFXConformance. */
  infoVersion?: string;
  conformance?: string;
  /** The catalog's XMP packet has been read (it exists and decodes). */
  hasXmp: boolean;
  /** pdfxid:GTS_PDFXVersion in the XMP. */
  xmpVersion?: string;
  /** The Info dictionary's /Trapped: absent, a name, or another kind of object. */
  trapped: { present: boolean; name?: string };
  outputIntents: OutputIntentFacts;
  /** The header's version, or the catalog's /Version when it is higher. */
  version: number;
}

export interface PreflightFacts {
  pages: PageFacts[];
  /** Labels of every colour space painted anywhere. */
  colourSpaces: Set<string>;
  /** Every font used to show text, in the order of first use. */
  fonts: FontFacts[];
  rgb: RgbUse[];
  inked: InkedPaint[];
  strokes: Stroke[];
  images: ImagePlacement[];
  imageInk: ImageInk[];
  transparency: Transparency[];
  document: DocumentFacts;
}

export function readFacts(doc: PDFDocument, bytes: Uint8Array): PreflightFacts {
  const ctx = doc.context;
  const pages = readPages(ctx, doc.getPages());
  const content = readContent(ctx, pages);
  return {
    pages: pages.map((p) => p.facts),
    colourSpaces: content.colourSpaces,
    fonts: describeFonts(ctx, content.fonts),
    rgb: content.rgb,
    inked: content.inked,
    strokes: content.strokes,
    images: content.images,
    imageInk: content.imageInk,
    transparency: content.transparency,
    document: readDocument(doc, bytes),
  };
}
