/**
 * What the pages paint, from one walk of each page's content with the PDF layer's interpreter
 * (pdf/interpret.ts), the way a RIP sees it: through form XObjects, tiling and shading patterns,
 * images (XObjects and inline) and shadings. A colour is recorded when it is painted, not when it
 * is merely set.
 *
 * The interpreter does not walk a tiling pattern's cell: a coloured one is walked here, once per
 * page, with interpretContent, placed by the pattern matrix on the CTM its painter started with.
 *
 * Not read: glyph procedures of Type3 fonts (their colours), annotation appearance streams,
 * colours inside shading functions (the shading's colour space is recorded, its ink is not), and
 * overprint settings.
 */
import { PDFDict, PDFName, PDFRawStream, PDFRef, PDFStream, type PDFContext, type PDFObject } from 'pdf-lib';
import { get, getDict, getName, getNumber, items, nameOf, refKey, resolve } from '../../pdf/cos.ts';
import {
  DEFAULT_MAX_DEPTH,
  INITIAL_STATE,
  interpretContent,
  interpretPage,
  matrixOf,
  type Colour,
  type ContentEvent,
  type ContentListener,
  type ExtGStateEvent,
  type Frame,
  type ImageEvent,
  type MarkedContent,
  type ParsedContent,
  type PathEvent,
  type ShadingEvent,
  type TextEvent,
} from '../../pdf/interpret.ts';
import { multiply, type Matrix } from '../../pdf/geometry.ts';
import type { ImageInk, ImagePlacement, InkedPaint, PageFacts, PreflightFacts, RgbUse, Stroke, Transparency } from '../facts.ts';
import { ColourSpaces, DEVICE_GRAY, type Space } from './colour-spaces.ts';
import type { FontUse } from './fonts.ts';
import { INLINE, readImageDict, type ImageDict } from './image-dict.ts';
import { measureImage, type ImageCoverage, type ImageSamples } from './image-ink.ts';
import type { PageSource } from './pages.ts';

/** The facts the content gives (documented in facts.ts), and the fonts as text used them. */
export type ContentFacts = Pick<PreflightFacts, 'colourSpaces' | 'rgb' | 'inked' | 'strokes' | 'images' | 'imageInk' | 'transparency'> & { fonts: FontUse[] };

export function readContent(ctx: PDFContext, pages: PageSource[]): ContentFacts {
  const r = new ContentReader(ctx);
  for (const p of pages) {
    const page: PageState = { facts: p.facts, patterns: new Set(), transparency: new Set() };
    interpretPage(ctx, p.node, new PaintListener(r, page, { object: p.facts.object, mark: false }), { cache: r.parsed }, p.ref);
  }
  return {
    colourSpaces: r.colourSpaces,
    fonts: [...r.fonts.values()],
    rgb: [...r.rgb.values()],
    inked: r.inked,
    strokes: r.strokes,
    images: [...r.images.values()],
    imageInk: [...r.imageInk.values()],
    transparency: r.transparency,
  };
}

/** One page's walk: its facts, and what is recorded once per page. */
interface PageState {
  facts: PageFacts;
  /** Tiling patterns whose cell was walked. */
  patterns: Set<PDFObject>;
  /** ExtGStates and images already looked at for transparency. */
  transparency: Set<PDFObject>;
}

/** Where a walk starts: the page or a pattern cell's object, and whether it is a printer's mark. */
interface Base {
  object: string;
  mark: boolean;
}

/** The document-wide facts and caches one walk of all pages fills. */
class ContentReader {
  readonly colourSpaces = new Set<string>();
  readonly fonts = new Map<PDFDict, FontUse>();
  readonly rgb = new Map<string, RgbUse>();
  readonly inked: InkedPaint[] = [];
  readonly strokes: Stroke[] = [];
  readonly images = new Map<string, ImagePlacement>();
  readonly imageInk = new Map<string, ImageInk>();
  readonly transparency: Transparency[] = [];
  readonly spaces: ColourSpaces;
  readonly parsed = new Map<PDFStream, ParsedContent>();
  readonly coverage = new Map<PDFStream, ImageCoverage>();

  constructor(readonly ctx: PDFContext) {
    this.spaces = new ColourSpaces(ctx);
  }

  /** A colour space painted on a page by `object` (or an image's own); RGB is counted by object and use. */
  record(space: Space, page: PageState, object: string, use: string, image = false): void {
    const label = space.label;
    this.noteSpace(page, label);
    if (!space.rgb) return;
    const key = `${page.facts.page}|${object}|${label}`;
    const u = this.rgb.get(key);
    if (u) {
      u.count++;
      u.uses.add(use);
      return;
    }
    const entry: RgbUse = { page: page.facts.page, object, label, uses: new Set([use]), count: 1 };
    if (space.rgbWhy) entry.why = space.rgbWhy;
    if (image) entry.image = object;
    this.rgb.set(key, entry);
  }

  /** An image (not a stencil mask): its colour space, soft mask, resolution as placed, and ink. */
  image(page: PageState, e: ImageEvent, im: ImageDict, mark: boolean): void {
    const object = e.xobject ? (e.ref ? refKey(e.ref) : `/${e.name}`) : INLINE;
    const space = im.colourSpace !== undefined ? this.spaces.of(im.colourSpace, e.frame.resources) : im.filters.includes('JPXDecode') ? undefined : DEVICE_GRAY;
    const label = space?.label ?? 'JPX (colour space in the image data)';
    if (space) this.record(space, page, object, 'image', true);
    else this.noteSpace(page, label);
    const smask = get(this.ctx, e.dict, 'SMask');
    if ((smask instanceof PDFStream || (getNumber(this.ctx, e.dict, 'SMaskInData') ?? 0) > 0) && e.xobject && !page.transparency.has(e.xobject)) {
      page.transparency.add(e.xobject);
      this.transparency.push({ page: page.facts.page, object, softMask: true });
    }
    const { width, height } = im;
    if (!width || !height) return;
    this.place({ page: page.facts.page, object, width, height, label, ppi: 0 }, e.gs.ctm);
    const measurable = space && (space.inks || space.base?.inks) && !space.pattern;
    if (measurable && !mark) this.measure({ page: page.facts.page, object }, { ...im, space, width, height, data: imageData(e) }, e.xobject);
  }

  /** Effective resolution: pixels over the drawn size (the unit square through the CTM); the lowest per page wins. */
  private place(p: ImagePlacement, ctm: Matrix): void {
    const sx = Math.hypot(ctm[0], ctm[1]);
    const sy = Math.hypot(ctm[2], ctm[3]);
    if (sx <= 1e-6 || sy <= 1e-6) return;
    p.ppi = Math.min(p.width / (sx / 72), p.height / (sy / 72));
    const key = `${p.page}|${p.object}`;
    const prev = this.images.get(key);
    if (!prev || p.ppi < prev.ppi) this.images.set(key, p);
  }

  /** Ink coverage, once per page and image (and once per image stream in the document). */
  private measure(at: { page: number; object: string }, im: ImageSamples, stream: PDFStream | undefined): void {
    const key = `${at.page}|${at.object}`;
    if (this.imageInk.has(key)) return;
    let coverage = stream ? this.coverage.get(stream) : undefined;
    if (!coverage) {
      coverage = measureImage(this.ctx, im);
      if (stream) this.coverage.set(stream, coverage);
    }
    this.imageInk.set(key, { ...at, ...coverage });
  }

  noteSpace(page: PageState, label: string): void {
    page.facts.colourSpaces.add(label);
    this.colourSpaces.add(label);
  }

  font(e: TextEvent, page: number): void {
    const font = e.gs.font;
    if (!font) return;
    const rendered = e.gs.textRenderingMode !== 3 && e.gs.textRenderingMode !== 7;
    const use = this.fonts.get(font.dict);
    if (use) use.rendered ||= rendered;
    else this.fonts.set(font.dict, { font, page, rendered });
  }
}

/** An image XObject's stream, or an inline image's bytes. */
function imageData(e: ImageEvent): PDFRawStream | Uint8Array | undefined {
  if (!e.xobject) return e.data;
  return e.xobject instanceof PDFRawStream ? e.xobject : undefined;
}

/** Marked content is a printer's mark when its tag, or its properties' /Subtype, says PrinterMarks. */
function isPrinterMarks(ctx: PDFContext, mc: MarkedContent): boolean {
  return mc.tag === 'PrinterMarks' || (mc.op === 'BDC' && getName(ctx, mc.properties, 'Subtype') === 'PrinterMarks');
}

/** The smallest factor by which the matrix scales a length (its smaller singular value). */
function minScale(m: Matrix): number {
  const [a, b, c, d] = m;
  const s = a * a + b * b + c * c + d * d;
  const det = a * d - b * c;
  return Math.sqrt(Math.max(0, (s - Math.sqrt(Math.max(0, s * s - 4 * det * det))) / 2));
}

/** A colour's components: none given yet (after cs/CS) means the space's initial colour. */
function componentsOf(c: Colour, space: Space): readonly number[] {
  return c.values.length === 0 && c.patternName === undefined ? space.initial : c.values;
}

const FILL_MODES = new Set([0, 2, 4, 6]);
const STROKE_MODES = new Set([1, 2, 5, 6]);

/** The listener for one walk (a page's content, or a pattern cell's): records what is painted. */
class PaintListener implements ContentListener {
  private readonly marks = new WeakMap<MarkedContent, boolean>();

  constructor(
    private readonly r: ContentReader,
    private readonly page: PageState,
    private readonly base: Base,
  ) {}

  /** The object whose content paints: the page (or pattern) the walk started in, or a form. */
  private object(frame: Frame): string {
    if (frame.depth === 0) return this.base.object;
    return frame.ref ? refKey(frame.ref) : `/${frame.name}`;
  }

  private inMarks(e: ContentEvent): boolean {
    if (this.base.mark) return true;
    for (const mc of e.marked) {
      let m = this.marks.get(mc);
      if (m === undefined) this.marks.set(mc, (m = isPrinterMarks(this.r.ctx, mc)));
      if (m) return true;
    }
    return false;
  }

  /** A path drawn entirely outside the BleedBox, in the slug, is a printer's mark whatever its tagging. */
  private outsideBleed(e: PathEvent): boolean {
    const p = e.bbox;
    if (!p) return false;
    const m = e.gs.ctm;
    const half = (e.gs.lineWidth * Math.sqrt(Math.abs(m[0] * m[3] - m[1] * m[2]))) / 2;
    const b = this.page.facts.effectiveBleed;
    return p[2] + half < b[0] || p[0] - half > b[2] || p[3] + half < b[1] || p[1] - half > b[3];
  }

  path(e: PathEvent): void {
    if (!e.fill && !e.stroke) return;
    const exempt = this.inMarks(e) || this.outsideBleed(e);
    if (e.fill) this.paint(e.gs.fill, 'fill', e, exempt);
    if (!e.stroke) return;
    this.paint(e.gs.stroke, 'stroke', e, exempt);
    if (!exempt) {
      const { lineWidth, ctm } = e.gs;
      this.r.strokes.push({ page: this.page.facts.page, object: this.object(e.frame), lineWidth, width: lineWidth * minScale(ctm) });
    }
  }

  text(e: TextEvent): void {
    this.r.font(e, this.page.facts.page);
    const mode = e.gs.textRenderingMode % 8;
    const exempt = this.inMarks(e);
    if (FILL_MODES.has(mode)) this.paint(e.gs.fill, 'text', e, exempt);
    if (STROKE_MODES.has(mode)) this.paint(e.gs.stroke, 'text outline', e, exempt);
  }

  shading(e: ShadingEvent): void {
    if (!e.shading) return;
    this.r.record(this.r.spaces.of(get(this.r.ctx, e.shading, 'ColorSpace'), e.frame.resources), this.page, this.object(e.frame), 'shading');
  }

  extGState(e: ExtGStateEvent): void {
    if (this.page.transparency.has(e.dict)) return;
    this.page.transparency.add(e.dict);
    const ctx = this.r.ctx;
    const smask = get(ctx, e.dict, 'SMask');
    const t: Transparency = { page: this.page.facts.page, object: e.ref ? refKey(e.ref) : `/${e.name}`, extGState: e.name, softMask: smask !== undefined && nameOf(smask) !== 'None' };
    const ca = getNumber(ctx, e.dict, 'ca');
    const CA = getNumber(ctx, e.dict, 'CA');
    if (ca !== undefined && ca < 1) t.fillOpacity = ca;
    if (CA !== undefined && CA < 1) t.strokeOpacity = CA;
    const modes = items(ctx, e.dict.get(PDFName.of('BM')))
      .map(nameOf)
      .filter((x): x is string => x !== undefined);
    if (modes.length && !modes.some((b) => b === 'Normal' || b === 'Compatible')) t.blendMode = modes[0];
    if (t.softMask || t.fillOpacity !== undefined || t.strokeOpacity !== undefined || t.blendMode !== undefined) this.r.transparency.push(t);
  }

  image(e: ImageEvent): void {
    const mark = this.inMarks(e);
    const im = readImageDict(this.r.ctx, e.dict, !e.xobject);
    // A stencil mask paints the fill colour.
    if (im.imageMask) this.paint(e.gs.fill, 'image mask', e, mark);
    else this.r.image(this.page, e, im, mark);
  }

  /** Painting with a colour: records its colour space, and its ink unless it is a printer's mark. */
  private paint(c: Colour, use: string, e: ContentEvent, exempt: boolean): void {
    const space = this.r.spaces.ofColour(c, e.frame.resources);
    this.paintIn(space, componentsOf(c, space), c.pattern, use, e, exempt);
  }

  private paintIn(space: Space, values: readonly number[], pattern: PDFObject | undefined, use: string, e: ContentEvent, exempt: boolean): void {
    if (space.pattern) return this.paintPattern(space, values, pattern, use, e, exempt);
    const object = this.object(e.frame);
    this.r.record(space, this.page, object, use);
    if (!exempt && space.inks) this.r.inked.push({ page: this.page.facts.page, object, space, values, use });
  }

  /** A shading pattern paints its shading's space; an uncoloured tiling pattern the colour given with it; a coloured one its cell. */
  private paintPattern(space: Space, values: readonly number[], pattern: PDFObject | undefined, use: string, e: ContentEvent, exempt: boolean): void {
    const ctx = this.r.ctx;
    const pat = resolve(ctx, pattern);
    const dict = pat instanceof PDFStream ? pat.dict : pat instanceof PDFDict ? pat : undefined;
    const type = getNumber(ctx, dict, 'PatternType');
    if (type === 2) {
      const sh = getDict(ctx, dict, 'Shading');
      if (sh) this.r.record(this.r.spaces.of(get(ctx, sh, 'ColorSpace'), e.frame.resources), this.page, this.object(e.frame), `${use} (shading pattern)`);
    } else if (type === 1 && getNumber(ctx, dict, 'PaintType') === 2) {
      if (space.base) this.paintIn(space.base, values.slice(0, space.base.n), undefined, use, e, exempt);
    } else if (type === 1 && pat instanceof PDFStream && !this.page.patterns.has(pat)) {
      this.page.patterns.add(pat);
      this.walkCell(pat, pattern instanceof PDFRef ? refKey(pattern) : this.object(e.frame), e.frame.baseCtm, exempt);
    }
  }

  /** A coloured tiling pattern's cell: its own resources, its matrix on the painter's base CTM, a fresh graphics state. */
  private walkCell(cell: PDFStream, object: string, baseCtm: Matrix, mark: boolean): void {
    const ctm = multiply(matrixOf(this.r.ctx, cell.dict.get(PDFName.of('Matrix'))), baseCtm);
    const listener = new PaintListener(this.r, this.page, { object, mark });
    // The cell counts as one level of nesting, as a form would.
    interpretContent(this.r.ctx, cell, listener, { gs: { ...INITIAL_STATE, ctm } }, { cache: this.r.parsed, maxDepth: DEFAULT_MAX_DEPTH - 1 });
  }
}
