/**
 * A page's content read for editing (ISO 32000-1, 8.4, 9.4, 14.6): its marked-content sequences,
 * the text it shows — each text-showing operator with its font, character codes, Unicode text and
 * place on the page — and the page-space box of everything it paints. Post-processing uses it to
 * repair what Chromium writes; every fact points at the operator it came from, so a step can
 * splice the page's own content text. It listens to the content interpreter, at the page's own
 * level: a form XObject counts as one painting (its /BBox); Type3 glyph procedures and annotation
 * appearances are not read.
 */
import { PDFHexString, PDFName, PDFString, type PDFDocument, type PDFPageLeaf } from 'pdf-lib';
import { rawString, rectOf } from './cos.ts';
import { parseOperations, utf16OrBytes, type Operation } from './content-stream.ts';
import { readFont, type ContentFont, type FontCache } from './content-font.ts';
import { intersect, multiply, transform, transformBox, type Box, type Matrix } from './geometry.ts';
import { interpretPageContent, type ContentEvent, type ContentListener, type FormEvent, type MarkedContent, type PathEvent, type TextEvent } from './interpret.ts';

export interface MarkedSequence {
  tag: string;
  mcid?: number;
  actualText?: string;
  /** BDC or BMC. */
  begin: Operation;
  /** EMC; undefined when the content ends first. */
  end?: Operation;
  parent?: MarkedSequence;
  /** Whether anything is painted inside (text, paths, images, shadings, forms). */
  paints: boolean;
}

export interface ShownText {
  op: Operation;
  font: ContentFont;
  /** The /Font resource name it was selected by. */
  fontName: string;
  size: number;
  codes: number[];
  /** The codes' Unicode text, from the font's ToUnicode map (as the map is now). */
  readonly text: string;
  /** Page-space start and end of the text's baseline. */
  start: [number, number];
  end: [number, number];
  /** The innermost marked-content sequence it is in. */
  marked?: MarkedSequence;
}

export interface Painting {
  op: Operation;
  /** What it covers in page space, clipped; undefined when nothing could be measured. */
  box?: Box;
  text?: ShownText;
  marked?: MarkedSequence;
}

export interface PageContent {
  /** The page's decoded content, as Latin-1 text (the operators' positions index it). */
  source: string;
  ops: Operation[];
  sequences: MarkedSequence[];
  shown: ShownText[];
  paintings: Painting[];
}

/** How much the page scales the text's size (Chromium draws at 1/0.24 of the page's units). */
function scaleOf(shown: ShownText): number {
  const length = Math.hypot(shown.end[0] - shown.start[0], shown.end[1] - shown.start[1]);
  const width = (shown.codes.reduce((w, c) => w + shown.font.width(c), 0) * shown.size) / 1000;
  return width > 0 && length > 0 ? length / width : 1;
}

/**
 * Whether `next` does not run on from `prev`: it starts on a baseline more than 0.6 em away, or
 * more than a quarter em before or after where `prev` ends. Between two such pieces a reader needs
 * a word break the page does not draw.
 */
export function apart(prev: ShownText, next: ShownText): boolean {
  const em = Math.max(prev.size * scaleOf(prev), next.size * scaleOf(next));
  return Math.abs(next.start[1] - prev.end[1]) > 0.6 * em || Math.abs(next.start[0] - prev.end[0]) > 0.25 * em;
}

/** The MCID of the tagged content the text is in; undefined for an artifact or untagged text. */
export function mcidOf(shown: ShownText): number | undefined {
  let mcid: number | undefined;
  for (let m = shown.marked; m; m = m.parent) {
    if (m.tag === 'Artifact') return undefined;
    mcid ??= m.mcid;
  }
  return mcid;
}

/**
 * A page's content read, or the reading of it kept from before when its content has not changed
 * since: post-processing steps read every page one after another, and most leave most pages as
 * they were. Readings are kept per document.
 */
export function readPage(doc: PDFDocument, page: PDFPageLeaf, source: string): PageContent {
  let kept = readings.get(doc);
  if (!kept) readings.set(doc, (kept = { fonts: new Map(), pages: new Map() }));
  const last = kept.pages.get(page);
  if (last?.source === source) return last;
  const content = readPageContent(doc, page, source, kept.fonts);
  kept.pages.set(page, content);
  return content;
}

const readings = new WeakMap<PDFDocument, { fonts: FontCache; pages: Map<PDFPageLeaf, PageContent> }>();

/** Reads a page's content (see the module comment); `source` is the page's content as Latin-1 text. */
export function readPageContent(doc: PDFDocument, page: PDFPageLeaf, source: string, fontCache: FontCache = new Map()): PageContent {
  const ops = parseOperations(source);
  const out: PageContent = { source, ops, sequences: [], shown: [], paintings: [] };
  const glyphWidths = (font: { dict: unknown }) => readFont(doc, font.dict, fontCache);
  interpretPageContent(doc.context, page, { text: source, ops }, new PageReader(doc, fontCache, out), { glyphWidths });
  return out;
}

/** The listener: each painting with its box, each marked-content sequence, each shown text. */
class PageReader implements ContentListener {
  private readonly sequences = new Map<MarkedContent, MarkedSequence>();

  constructor(
    private readonly doc: PDFDocument,
    private readonly fonts: FontCache,
    private readonly out: PageContent,
  ) {}

  beginMarkedContent(mc: MarkedContent, e: ContentEvent): void {
    const actual = mc.properties?.lookup(ACTUAL_TEXT);
    const seq: MarkedSequence = {
      tag: mc.tag,
      begin: e.op,
      parent: this.innermost(e),
      paints: false,
      ...(mc.mcid !== undefined ? { mcid: mc.mcid } : {}),
      ...(actual instanceof PDFString || actual instanceof PDFHexString ? { actualText: utf16OrBytes(rawString(actual)) } : {}),
    };
    this.sequences.set(mc, seq);
    this.out.sequences.push(seq);
  }

  endMarkedContent(mc: MarkedContent, e: ContentEvent): void {
    this.sequences.get(mc)!.end = e.op;
  }

  path(e: PathEvent): void {
    if (e.fill || e.stroke) this.paint(e, e.bbox);
  }

  /** A form is one painting, its /BBox through its /Matrix and the CTM; its content is not read. */
  form(e: FormEvent): boolean {
    const bbox = rectOf(this.doc.context, e.xobject.dict.get(BBOX));
    this.paint(e, bbox && transformBox(multiply(e.matrix, e.gs.ctm), bbox));
    return false;
  }

  image(e: ContentEvent): void {
    this.paint(e, undefined);
  }

  shading(e: ContentEvent): void {
    this.paint(e, undefined);
  }

  otherXObject(e: ContentEvent): void {
    this.paint(e, undefined);
  }

  text(e: TextEvent): void {
    const font = e.gs.font && readFont(this.doc, e.gs.font.dict, this.fonts);
    if (!font || !e.codes || !e.tmAfter) return;
    const { size, name } = e.gs.font!;
    const scale = e.gs.horizontalScaling / 100;
    // The text rendering matrix (ISO 32000-1, 9.4.4): glyph space through Tm and the CTM.
    const trm = (tm: Matrix) => multiply(multiply([size * scale, 0, 0, size, 0, e.gs.rise], tm), e.gs.ctm);
    const first = trm(e.tm);
    const last = trm(e.tmAfter);
    const codes = e.codes;
    const text: ShownText = {
      op: e.op,
      font,
      fontName: name,
      size,
      codes,
      // Read through the font's map when asked: a step may remap a glyph after the page was read.
      get text() {
        return codes.map((c) => font.unicode.get(c) ?? '\ufffd').join('');
      },
      start: transform(first, 0, 0),
      end: transform(last, 0, 0),
      marked: this.innermost(e),
    };
    this.out.shown.push(text);
    this.paint(e, glyphsBox(text, first, last), text);
  }

  private innermost(e: ContentEvent): MarkedSequence | undefined {
    const mc = e.marked[e.marked.length - 1];
    return mc && this.sequences.get(mc);
  }

  private paint(e: ContentEvent, box: Box | undefined, text?: ShownText): void {
    const marked = this.innermost(e);
    const clip = e.gs.clip;
    this.out.paintings.push({ op: e.op, box: box && clip ? intersect(box, clip) : box, text, marked });
    // Once a sequence paints, so do the ones around it.
    for (let m = marked; m && !m.paints; m = m.parent) m.paints = true;
  }
}

const ACTUAL_TEXT = PDFName.of('ActualText');
const BBOX = PDFName.of('BBox');

/**
 * A glyph's box, roughly: from 0.2 em below the baseline to 0.8 em above it (its corners' offsets
 * from the start and end points are the rendering matrices' y axes times -0.2 and 0.8).
 */
function glyphsBox(text: ShownText, first: Matrix, last: Matrix): Box {
  const [sx, sy] = text.start;
  const [ex, ey] = text.end;
  const xs = [sx - 0.2 * first[2], sx + 0.8 * first[2], ex - 0.2 * last[2], ex + 0.8 * last[2]];
  const ys = [sy - 0.2 * first[3], sy + 0.8 * first[3], ey - 0.2 * last[3], ey + 0.8 * last[3]];
  return [Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)];
}
