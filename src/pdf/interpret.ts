/**
 * One content-stream interpreter (ISO 32000-1, 8 and 9.3–9.4, 14.6): it walks a page's content
 * — and the form XObjects it paints, each with its own resources and matrix — keeping the
 * graphics state (q/Q, the CTM, colours, line width, the text state) and the marked-content
 * stack, and tells a listener what is painted: text, paths, images (XObject and inline),
 * shadings, forms, ExtGState changes and marked-content sequences.
 *
 * Every event carries the graphics state and the marked-content stack as they are at that
 * operator. Both are immutable snapshots (a change makes a new object), so a listener may keep
 * them. Spans index the Latin-1 text of the frame's content, so a listener can edit the page's
 * own content (at depth 0) by splicing the original text.
 *
 * Every walker of content in folio listens to it. The checker's model (check/model/content.ts)
 * listens for items, marked content, fonts and forms. Preflight's content reader
 * (preflight/facts/content.ts) takes colours, line width and CTM from `gs` at each
 * path/text/image event, path `bbox` for bleed, ExtGState events for transparency, BDC
 * properties for printer's marks, image `dict`/`data`, shading dicts and a form frame's
 * `ref`/`name` for places, and walks a tiling pattern's cell with interpretContent, placed at
 * `frame.baseCtm`. Artifact marking (post/artifacts.ts) maps onto the depth-0 events: each
 * path's `span` from its first construction operator, text, image, inline image, shading and
 * form spans, and `marked` to tell tagged (an MCID) or Artifact content from neither. The
 * page-content reader post-processing edits with (page-content.ts) declines to walk forms and
 * takes text positions (`tm`, and with InterpretOptions.glyphWidths the codes and `tmAfter`),
 * path boxes and the clip.
 *
 * The text matrix is followed (BT, Tm, Td, TD, T*, ' and "), and advanced over shown glyphs when
 * the listener gives their widths. The clip is kept as a box: the clipping paths' bounding boxes
 * intersected. Not interpreted: Type3 glyph procedures, annotation appearances, tiling-pattern
 * cells (a listener that needs one walks it with interpretContent, from the pattern colour it is
 * given), clipping paths' shapes, and optional content visibility.
 */
import { PDFArray, PDFContext, PDFDict, PDFName, PDFNumber, PDFObject, PDFObjectParser, PDFRef, PDFStream } from 'pdf-lib';
import { decodeLatin1, decodeName, getDict, getName, getNumber, inherited, items, resolve } from './cos.ts';
import { numbers, parseOperations, stringOperands, textPieces, type Operation, type Span } from './content-stream.ts';
import { IDENTITY, intersect, multiply, transform, type Box, type Matrix } from './geometry.ts';

export interface Colour {
  /** DeviceGray, DeviceRGB or DeviceCMYK (g, rg, k), or the name cs/CS selected (a device name, Pattern, or a resource). */
  space: string;
  /** The /ColorSpace resource `space` names, when it is not a device space or Pattern. */
  resource?: PDFObject;
  /** The operands of the last colour operator; empty after cs/CS (the space's initial colour). */
  values: number[];
  /** scn/SCN with a pattern: its resource name and /Pattern entry (unresolved: often a reference). */
  patternName?: string;
  pattern?: PDFObject;
}

export interface FontState {
  dict: PDFDict;
  /** The /Font resource entry when it is a reference. */
  ref?: PDFRef;
  /** The resource name (decoded), e.g. "F1". */
  name: string;
  size: number;
}

export interface GraphicsState {
  ctm: Matrix;
  lineWidth: number;
  fill: Colour;
  stroke: Colour;
  font?: FontState;
  /** Tr: 0 fill, 1 stroke, 2 both, 3 invisible, 4–7 the same and add to the clip. */
  textRenderingMode: number;
  charSpacing: number;
  wordSpacing: number;
  horizontalScaling: number;
  leading: number;
  rise: number;
  /** The clip as a box in page space (the clipping paths' boxes intersected); none until a path clips. */
  clip?: Box;
}

export const INITIAL_STATE: GraphicsState = {
  ctm: IDENTITY,
  lineWidth: 1,
  fill: { space: 'DeviceGray', values: [0] },
  stroke: { space: 'DeviceGray', values: [0] },
  textRenderingMode: 0,
  charSpacing: 0,
  wordSpacing: 0,
  horizontalScaling: 100,
  leading: 0,
  rise: 0,
};

/** A content stream being walked: a page's content, or a form XObject's (or pattern's). */
export interface Frame {
  kind: 'page' | 'form' | 'other';
  /** The page dictionary, or the stream's dictionary. */
  dict: PDFDict;
  stream?: PDFStream;
  /** The page's or the form's reference, when known. */
  ref?: PDFRef;
  /** A form's /XObject resource name: what names a direct (unreferenced) form in a report. */
  name?: string;
  resources?: PDFDict;
  /** 0 for the content given to interpretPage/interpretContent, +1 per nested form. */
  depth: number;
  /** The CTM when this content starts (a pattern used in it is placed relative to this). */
  baseCtm: Matrix;
  parent?: Frame;
  /** The Latin-1 text spans index. */
  text: string;
}

export interface MarkedContent {
  tag: string;
  op: 'BMC' | 'BDC';
  /** BDC's property list: the inline dictionary, or the /Properties resource it names. */
  properties?: PDFDict;
  /** The /Properties resource name, when the property list is named. */
  propertiesName?: string;
  mcid?: number;
  frame: Frame;
  /** The BMC/BDC operator. */
  span: Span;
}

export interface ContentEvent {
  frame: Frame;
  gs: GraphicsState;
  /** Enclosing marked-content sequences, outermost first (across forms). */
  marked: readonly MarkedContent[];
  op: Operation;
  /** What the event covers in frame.text: for a path, from its first construction operator. */
  span: Span;
}

export interface TextEvent extends ContentEvent {
  /** The shown strings' bytes (one char per byte), in order; TJ's adjustments left out. */
  strings: string[];
  /** The text matrix as the text starts (after ' and " moved to the next line). */
  tm: Matrix;
  /** With InterpretOptions.glyphWidths for the font: the character codes shown, in order. */
  codes?: number[];
  /** With InterpretOptions.glyphWidths for the font: the text matrix after the last glyph. */
  tmAfter?: Matrix;
}

/** What placing text needs of a font: bytes per character code and each glyph's width. */
export interface GlyphWidths {
  bytes: 1 | 2;
  /** In thousandths of the font size. */
  width(code: number): number;
}

export interface PathEvent extends ContentEvent {
  fill: boolean;
  stroke: boolean;
  /** The path also sets the clip (W or W*). */
  clip: boolean;
  /** Bounding box of the path's points in the CTM's space (page space on a page), line width not included. */
  bbox?: [number, number, number, number];
}

export interface ImageEvent extends ContentEvent {
  /** The image dictionary; for an inline image, its key/value pairs as written (abbreviations kept). */
  dict: PDFDict;
  /** An image XObject; absent for an inline image. */
  xobject?: PDFStream;
  ref?: PDFRef;
  /** The /XObject resource name. */
  name?: string;
  /** An inline image's data bytes, still encoded by its filters. */
  data?: Uint8Array;
}

export interface ShadingEvent extends ContentEvent {
  name: string;
  shading?: PDFDict;
  ref?: PDFRef;
}

export interface FormEvent extends ContentEvent {
  xobject: PDFStream;
  ref?: PDFRef;
  name: string;
  /** The form's /Matrix. */
  matrix: Matrix;
  /** Why the form's content is not walked: too deep, or it paints itself. */
  skipped?: 'depth' | 'cycle';
}

export interface ExtGStateEvent extends ContentEvent {
  name: string;
  dict: PDFDict;
  ref?: PDFRef;
}

export interface ContentListener {
  text?(e: TextEvent): void;
  /** Every path-ending operator, `n` (no painting) included. */
  path?(e: PathEvent): void;
  image?(e: ImageEvent): void;
  shading?(e: ShadingEvent): void;
  /** Before a form's content is walked; return false to leave it unwalked. */
  form?(e: FormEvent): boolean | void;
  /** After a form's content was walked. */
  formEnd?(e: FormEvent): void;
  extGState?(e: ExtGStateEvent): void;
  /** A Do whose XObject is neither an image nor a form: missing, or of another subtype. */
  otherXObject?(e: ContentEvent & { name: string }): void;
  beginMarkedContent?(mc: MarkedContent, e: ContentEvent): void;
  endMarkedContent?(mc: MarkedContent, e: ContentEvent): void;
}

/** How deep forms inside forms are followed unless InterpretOptions.maxDepth says otherwise. */
export const DEFAULT_MAX_DEPTH = 24;

export interface InterpretOptions {
  /** How deep forms inside forms are followed; DEFAULT_MAX_DEPTH by default. */
  maxDepth?: number;
  /** Parsed content by stream, shared between calls (a form painted on every page is parsed once). */
  cache?: Map<PDFStream, ParsedContent>;
  /** A font's glyph widths: with them, text events give their codes and the text matrix advances. */
  glyphWidths?: (font: FontState) => GlyphWidths | undefined;
}

export interface ParsedContent {
  text: string;
  ops: Operation[];
}

/** Walks a page's content: its /Contents streams joined, with its (inherited) /Resources. */
export function interpretPage(ctx: PDFContext, page: PDFDict, listener: ContentListener, options: InterpretOptions = {}, ref?: PDFRef): void {
  let text = '';
  for (const s of items(ctx, page.get(PDFName.of('Contents')))) if (s instanceof PDFStream) text += `${decodeLatin1(s)}\n`;
  interpretPageContent(ctx, page, { text, ops: parseOperations(text) }, listener, options, ref);
}

/** Walks content given as text, with its operations, as a page's: what post-processing edits before writing it back. */
export function interpretPageContent(ctx: PDFContext, page: PDFDict, content: ParsedContent, listener: ContentListener, options: InterpretOptions = {}, ref?: PDFRef): void {
  const resources = resolve(ctx, inherited(ctx, page, 'Resources'));
  const frame: Frame = { kind: 'page', dict: page, ref, resources: resources instanceof PDFDict ? resources : undefined, depth: 0, baseCtm: IDENTITY, text: content.text };
  walk(new Walker(ctx, listener, options), frame, content.ops, INITIAL_STATE, []);
}

/**
 * Walks one content stream (a form, a tiling pattern's cell, an appearance stream) with the
 * given starting state; its own /Resources are used, else `resources`.
 */
export function interpretContent(
  ctx: PDFContext,
  stream: PDFStream,
  listener: ContentListener,
  start: { gs?: GraphicsState; marked?: readonly MarkedContent[]; resources?: PDFDict; ref?: PDFRef; parent?: Frame } = {},
  options: InterpretOptions = {},
): void {
  const walker = new Walker(ctx, listener, options);
  const { text, ops } = walker.parsed(stream);
  const frame: Frame = {
    kind: getName(ctx, stream.dict, 'Subtype') === 'Form' ? 'form' : 'other',
    dict: stream.dict,
    stream,
    ref: start.ref,
    resources: getDict(ctx, stream.dict, 'Resources') ?? start.resources,
    depth: start.parent ? start.parent.depth + 1 : 0,
    baseCtm: (start.gs ?? INITIAL_STATE).ctm,
    parent: start.parent,
    text,
  };
  walk(walker, frame, ops, start.gs ?? INITIAL_STATE, start.marked ?? []);
}

/** What stays the same for a whole interpretation: the document, the listener, the caches. */
class Walker {
  readonly maxDepth: number;
  readonly cache: Map<PDFStream, ParsedContent>;
  readonly glyphWidths?: (font: FontState) => GlyphWidths | undefined;
  /** Forms being walked, to stop a form that paints itself. */
  readonly active = new Set<PDFStream>();

  constructor(
    readonly ctx: PDFContext,
    readonly listener: ContentListener,
    options: InterpretOptions,
  ) {
    this.maxDepth = options.maxDepth ?? DEFAULT_MAX_DEPTH;
    this.cache = options.cache ?? new Map();
    this.glyphWidths = options.glyphWidths;
  }

  parsed(stream: PDFStream): ParsedContent {
    let p = this.cache.get(stream);
    if (!p) {
      const text = decodeLatin1(stream);
      p = { text, ops: parseOperations(text) };
      this.cache.set(stream, p);
    }
    return p;
  }

  resource(frame: Frame, category: string, name: string): PDFObject | undefined {
    return getDict(this.ctx, frame.resources, category)?.get(PDFName.of(name));
  }
}

/** The state of one content stream's walk. */
interface State {
  w: Walker;
  frame: Frame;
  gs: GraphicsState;
  saved: GraphicsState[];
  marked: readonly MarkedContent[];
  /** How many entries of `marked` belong to enclosing frames (EMC never pops them). */
  base: number;
  path: { start: number; clip: boolean; bbox?: [number, number, number, number] };
  /** The text matrix and the text line matrix (not part of the graphics state: q/Q leave them). */
  tm: Matrix;
  tlm: Matrix;
}

function walk(w: Walker, frame: Frame, ops: Operation[], gs: GraphicsState, marked: readonly MarkedContent[]): void {
  const s: State = { w, frame, gs, saved: [], marked, base: marked.length, path: { start: -1, clip: false }, tm: IDENTITY, tlm: IDENTITY };
  for (const o of ops) OPERATORS.get(o.op)?.(s, o);
}

/**
 * The fields every event has. A kind's own fields are added with Object.assign, not by spreading
 * this into a new literal: V8 copies a spread into a literal with more properties several times
 * more slowly, which doubled the time of a walk over path-heavy pages.
 */
function event(s: State, o: Operation, span: Span = o): ContentEvent {
  return { frame: s.frame, gs: s.gs, marked: s.marked, op: o, span };
}

/** The first (or last) name among an operator's operands, decoded. */
function nameOperand(operands: string, last = false): string | undefined {
  const all = [...operands.matchAll(/\/([^\s/<>[\]()%{}]*)/g)];
  const m = last ? all[all.length - 1] : all[0];
  return m ? decodeName(m[1]!) : undefined;
}

/** A dictionary written in content (BDC properties, inline image parameters), parsed by pdf-lib. */
export function parseInlineDict(ctx: PDFContext, source: string): PDFDict | undefined {
  try {
    const o = PDFObjectParser.forBytes(Buffer.from(source, 'latin1'), ctx).parseObject();
    return o instanceof PDFDict ? o : undefined;
  } catch {
    return undefined;
  }
}

function set(s: State, change: Partial<GraphicsState>): void {
  s.gs = { ...s.gs, ...change };
}

type Handler = (s: State, o: Operation) => void;

const colour = (space: string, n: number): Handler => (s, o) => {
  const c: Colour = { space, values: numbers(o.operands).slice(-n) };
  set(s, o.op === o.op.toLowerCase() ? { fill: c } : { stroke: c });
};

const DEVICE = new Set(['DeviceGray', 'DeviceRGB', 'DeviceCMYK', 'Pattern']);

const selectSpace: Handler = (s, o) => {
  const name = nameOperand(o.operands, true);
  if (name === undefined) return;
  const c: Colour = { space: name, values: [] };
  if (!DEVICE.has(name)) c.resource = resolve(s.w.ctx, s.w.resource(s.frame, 'ColorSpace', name));
  set(s, o.op === 'cs' ? { fill: c } : { stroke: c });
};

const setColour: Handler = (s, o) => {
  const fill = o.op === 'sc' || o.op === 'scn';
  const c: Colour = { ...(fill ? s.gs.fill : s.gs.stroke), values: numbers(o.operands) };
  delete c.pattern;
  delete c.patternName;
  const name = nameOperand(o.operands, true);
  if (name !== undefined) {
    c.patternName = name;
    c.pattern = s.w.resource(s.frame, 'Pattern', name);
  }
  set(s, fill ? { fill: c } : { stroke: c });
};

const textState = (key: 'charSpacing' | 'wordSpacing' | 'horizontalScaling' | 'leading' | 'rise' | 'textRenderingMode'): Handler => (s, o) => {
  const v = numbers(o.operands);
  if (v.length) set(s, { [key]: v[v.length - 1]! });
};

function selectFont(s: State, name: string, size: number, raw?: PDFObject): void {
  const entry = raw ?? s.w.resource(s.frame, 'Font', name);
  const dict = resolve(s.w.ctx, entry);
  if (!(dict instanceof PDFDict)) {
    set(s, { font: undefined });
    return;
  }
  set(s, { font: { dict, ref: entry instanceof PDFRef ? entry : undefined, name, size } });
}

function addPoint(s: State, x: number, y: number): void {
  const [px, py] = transform(s.gs.ctm, x, y);
  const b = s.path.bbox;
  s.path.bbox = b ? [Math.min(b[0], px), Math.min(b[1], py), Math.max(b[2], px), Math.max(b[3], py)] : [px, py, px, py];
}

const construct: Handler = (s, o) => {
  if (s.path.start < 0) s.path.start = o.start;
  const v = numbers(o.operands);
  if (o.op === 're' && v.length >= 4) {
    const [x, y, w, h] = v.slice(-4) as [number, number, number, number];
    for (const [px, py] of [[x, y], [x + w, y], [x, y + h], [x + w, y + h]] as const) addPoint(s, px, py);
  } else if (o.op === 'W' || o.op === 'W*') {
    s.path.clip = true;
  } else {
    for (let i = 0; i + 1 < v.length; i += 2) addPoint(s, v[i]!, v[i + 1]!);
  }
};

const FILLS = new Set(['f', 'F', 'f*', 'B', 'B*', 'b', 'b*']);
const STROKES = new Set(['S', 's', 'B', 'B*', 'b', 'b*']);

const paint: Handler = (s, o) => {
  const span = { start: s.path.start < 0 ? o.start : s.path.start, end: o.end };
  const e: PathEvent = Object.assign(event(s, o, span), { fill: FILLS.has(o.op), stroke: STROKES.has(o.op), clip: s.path.clip });
  const box = s.path.bbox;
  if (box) e.bbox = box;
  s.path = { start: -1, clip: false };
  s.w.listener.path?.(e);
  // The clip applies from the next painting on (ISO 32000-1, 8.5.4).
  if (e.clip) set(s, { clip: intersect(s.gs.clip ?? box, box) ?? [0, 0, 0, 0] });
};

/** Td, TD, T*, ' and ": the next line, offset from the start of the current one. */
function newLine(s: State, tx: number, ty: number): void {
  s.tlm = multiply([1, 0, 0, 1, tx, ty], s.tlm);
  s.tm = s.tlm;
}

/** m, moved by tx along its own x axis: [1 0 0 1 tx 0] × m. */
const advance = (m: Matrix, tx: number): Matrix => [m[0], m[1], m[2], m[3], m[4] + tx * m[0], m[5] + tx * m[1]];

/** The character codes of a string operand, `bytes` bytes each. */
export function codesOf(bytes: string, font: { bytes: 1 | 2 }): number[] {
  const codes: number[] = [];
  for (let i = 0; i + font.bytes <= bytes.length; i += font.bytes) {
    codes.push(font.bytes === 2 ? bytes.charCodeAt(i) * 256 + bytes.charCodeAt(i + 1) : bytes.charCodeAt(i));
  }
  return codes;
}

/** Moves the text matrix over the shown glyphs and TJ's adjustments (ISO 32000-1, 9.4.4); the codes shown. */
function placeGlyphs(s: State, pieces: (string | number)[], font: FontState, widths: GlyphWidths): number[] {
  const { charSpacing, wordSpacing } = s.gs;
  const scale = s.gs.horizontalScaling / 100;
  const codes: number[] = [];
  for (const piece of pieces) {
    if (typeof piece === 'number') {
      s.tm = advance(s.tm, (-piece / 1000) * font.size * scale);
      continue;
    }
    for (const code of codesOf(piece, widths)) {
      codes.push(code);
      const spacing = charSpacing + (widths.bytes === 1 && code === 32 ? wordSpacing : 0);
      s.tm = advance(s.tm, ((widths.width(code) / 1000) * font.size + spacing) * scale);
    }
  }
  return codes;
}

const showText: Handler = (s, o) => {
  if (o.op === '"') {
    const [aw, ac] = numbers(o.operands);
    if (aw !== undefined && ac !== undefined) set(s, { wordSpacing: aw, charSpacing: ac });
  }
  if (o.op === "'" || o.op === '"') newLine(s, 0, -s.gs.leading);
  const strings = stringOperands(o.operands);
  const e: TextEvent = Object.assign(event(s, o), { strings, tm: s.tm });
  const font = s.gs.font;
  const widths = font && s.w.glyphWidths?.(font);
  if (font && widths) {
    e.codes = placeGlyphs(s, o.op === 'TJ' ? textPieces(o.operands) : strings, font, widths);
    e.tmAfter = s.tm;
  }
  s.w.listener.text?.(e);
};

function beginMarked(s: State, o: Operation): void {
  const m = /^\/([^\s/<[(]*)\s*([\s\S]*)$/.exec(o.operands);
  const mc: MarkedContent = { tag: m ? decodeName(m[1]!) : '', op: o.op as 'BMC' | 'BDC', frame: s.frame, span: o };
  const props = o.op === 'BDC' && m ? m[2]!.trim() : '';
  if (props.startsWith('<<')) {
    mc.properties = parseInlineDict(s.w.ctx, props);
  } else if (props.startsWith('/')) {
    mc.propertiesName = decodeName(props.slice(1));
    mc.properties = getDict(s.w.ctx, getDict(s.w.ctx, s.frame.resources, 'Properties'), mc.propertiesName);
  }
  const mcid = getNumber(s.w.ctx, mc.properties, 'MCID');
  if (mcid !== undefined) mc.mcid = mcid;
  const e = event(s, o);
  s.marked = [...s.marked, mc];
  s.w.listener.beginMarkedContent?.(mc, e);
}

function endMarked(s: State, o: Operation): void {
  if (s.marked.length <= s.base) return;
  const mc = s.marked[s.marked.length - 1]!;
  s.marked = s.marked.slice(0, -1);
  s.w.listener.endMarkedContent?.(mc, event(s, o));
}

function extGState(s: State, o: Operation): void {
  const name = nameOperand(o.operands);
  if (name === undefined) return;
  const raw = s.w.resource(s.frame, 'ExtGState', name);
  const dict = resolve(s.w.ctx, raw);
  if (!(dict instanceof PDFDict)) return;
  const lw = getNumber(s.w.ctx, dict, 'LW');
  if (lw !== undefined) set(s, { lineWidth: lw });
  const font = resolve(s.w.ctx, dict.get(PDFName.of('Font')));
  if (font instanceof PDFArray && font.size() >= 2) {
    const size = resolve(s.w.ctx, font.get(1));
    selectFont(s, name, size instanceof PDFNumber ? size.asNumber() : 0, font.get(0));
  }
  s.w.listener.extGState?.(Object.assign(event(s, o), { name, dict, ref: raw instanceof PDFRef ? raw : undefined }));
}

function shading(s: State, o: Operation): void {
  const name = nameOperand(o.operands);
  if (name === undefined) return;
  const raw = s.w.resource(s.frame, 'Shading', name);
  const sh = resolve(s.w.ctx, raw);
  const dict = sh instanceof PDFStream ? sh.dict : sh instanceof PDFDict ? sh : undefined;
  s.w.listener.shading?.(Object.assign(event(s, o), { name, shading: dict, ref: raw instanceof PDFRef ? raw : undefined }));
}

function inlineImage(s: State, o: Operation): void {
  const source = s.frame.text.slice(o.start, o.end);
  const id = /\sID[\s]/.exec(source);
  if (!id) return;
  const dict = parseInlineDict(s.w.ctx, `<<${source.slice(source.indexOf('BI') + 2, id.index)}>>`) ?? s.w.ctx.obj({});
  const body = source.slice(id.index + 4, source.endsWith('EI') ? source.length - 2 : source.length).replace(/\s$/, '');
  s.w.listener.image?.(Object.assign(event(s, o), { dict, data: Buffer.from(body, 'latin1') }));
}

function doXObject(s: State, o: Operation): void {
  const name = nameOperand(o.operands);
  if (name === undefined) return;
  const raw = s.w.resource(s.frame, 'XObject', name);
  const xo = resolve(s.w.ctx, raw);
  if (!(xo instanceof PDFStream)) return s.w.listener.otherXObject?.(Object.assign(event(s, o), { name }));
  const ref = raw instanceof PDFRef ? raw : undefined;
  const subtype = getName(s.w.ctx, xo.dict, 'Subtype');
  if (subtype === 'Image') s.w.listener.image?.(Object.assign(event(s, o), { dict: xo.dict, xobject: xo, ref, name }));
  else if (subtype === 'Form') paintForm(s, o, xo, ref, name);
  else s.w.listener.otherXObject?.(Object.assign(event(s, o), { name }));
}

function paintForm(s: State, o: Operation, xo: PDFStream, ref: PDFRef | undefined, name: string): void {
  const w = s.w;
  const e: FormEvent = Object.assign(event(s, o), { xobject: xo, ref, name, matrix: matrixOf(w.ctx, xo.dict.get(PDFName.of('Matrix'))) });
  if (s.frame.depth + 1 > w.maxDepth) e.skipped = 'depth';
  else if (w.active.has(xo)) e.skipped = 'cycle';
  if (w.listener.form?.(e) === false || e.skipped) return;
  const { text, ops } = w.parsed(xo);
  const ctm = multiply(e.matrix, s.gs.ctm);
  const frame: Frame = {
    kind: 'form',
    dict: xo.dict,
    stream: xo,
    ref,
    name,
    resources: getDict(w.ctx, xo.dict, 'Resources') ?? s.frame.resources,
    depth: s.frame.depth + 1,
    baseCtm: ctm,
    parent: s.frame,
    text,
  };
  w.active.add(xo);
  walk(w, frame, ops, { ...s.gs, ctm }, s.marked);
  w.active.delete(xo);
  w.listener.formEnd?.(e);
}

export function matrixOf(ctx: PDFContext, o: PDFObject | undefined): Matrix {
  const a = resolve(ctx, o);
  if (!(a instanceof PDFArray) || a.size() !== 6) return IDENTITY;
  const n = a.asArray().map((x) => resolve(ctx, x));
  return n.every((x) => x instanceof PDFNumber) ? (n.map((x) => (x as PDFNumber).asNumber()) as Matrix) : IDENTITY;
}

// A Map, not an object: an operator named `__proto__` or `constructor` must find nothing.
const OPERATORS = new Map<string, Handler>(Object.entries({
  q: (s) => s.saved.push(s.gs),
  Q: (s) => {
    s.gs = s.saved.pop() ?? s.gs;
  },
  cm: (s, o) => {
    const v = numbers(o.operands);
    if (v.length >= 6) set(s, { ctm: multiply(v.slice(-6) as Matrix, s.gs.ctm) });
  },
  w: (s, o) => {
    const v = numbers(o.operands);
    if (v.length) set(s, { lineWidth: v[v.length - 1]! });
  },
  gs: extGState,
  g: colour('DeviceGray', 1),
  G: colour('DeviceGray', 1),
  rg: colour('DeviceRGB', 3),
  RG: colour('DeviceRGB', 3),
  k: colour('DeviceCMYK', 4),
  K: colour('DeviceCMYK', 4),
  cs: selectSpace,
  CS: selectSpace,
  sc: setColour,
  scn: setColour,
  SC: setColour,
  SCN: setColour,
  Tf: (s, o) => {
    const name = nameOperand(o.operands);
    const v = numbers(o.operands);
    if (name !== undefined) selectFont(s, name, v[v.length - 1] ?? 0);
  },
  Tr: textState('textRenderingMode'),
  Tc: textState('charSpacing'),
  Tw: textState('wordSpacing'),
  Tz: textState('horizontalScaling'),
  TL: textState('leading'),
  Ts: textState('rise'),
  BT: (s) => {
    s.tm = s.tlm = IDENTITY;
  },
  Tm: (s, o) => {
    const v = numbers(o.operands);
    if (v.length >= 6) s.tm = s.tlm = v.slice(0, 6) as Matrix;
  },
  Td: (s, o) => {
    const v = numbers(o.operands);
    newLine(s, v[0] ?? 0, v[1] ?? 0);
  },
  TD: (s, o) => {
    const v = numbers(o.operands);
    if (v.length >= 2) set(s, { leading: -v[v.length - 1]! });
    newLine(s, v[0] ?? 0, v[1] ?? 0);
  },
  'T*': (s) => newLine(s, 0, -s.gs.leading),
  Tj: showText,
  TJ: showText,
  "'": showText,
  '"': showText,
  m: construct,
  l: construct,
  c: construct,
  v: construct,
  y: construct,
  h: construct,
  re: construct,
  W: construct,
  'W*': construct,
  S: paint,
  s: paint,
  f: paint,
  F: paint,
  'f*': paint,
  B: paint,
  'B*': paint,
  b: paint,
  'b*': paint,
  n: paint,
  BMC: beginMarked,
  BDC: beginMarked,
  EMC: endMarked,
  Do: doXObject,
  BI: inlineImage,
  sh: shading,
} satisfies Record<string, Handler>));
