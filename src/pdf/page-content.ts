/**
 * A page's content read for editing (ISO 32000-1, 8.4, 9.4, 14.6): its marked-content sequences,
 * the text it shows — each text-showing operator with its font, character codes, Unicode text and
 * place on the page — and the page-space box of everything it paints. Post-processing uses it to
 * repair what Chromium writes; every fact points at the operator it came from, so a step can
 * splice the page's own content text. Form XObjects count as one painting (their /BBox); Type3
 * glyph procedures and annotation appearances are not read.
 */
import { PDFArray, PDFDict, PDFName, PDFNumber, PDFRawStream, PDFRef, PDFStream, type PDFDocument, type PDFPageLeaf } from 'pdf-lib';
import { decodeLatin1, getArray, getDict, getName, inherited, resolve } from './cos.ts';
import { OTHER_PAINT, parseOperations, PATH_PAINT, stringOperands, type Operation } from './content-stream.ts';
import { boxOf, IDENTITY, intersect, multiply, transform, transformBox, type Box, type Matrix } from './geometry.ts';
import { numbers } from './interpret.ts';
import { parseToUnicode } from './to-unicode.ts';

export interface ContentFont {
  dict: PDFDict;
  /** Bytes per character code: 2 for Type0 fonts (Chromium's Identity-H), else 1. */
  bytes: 1 | 2;
  /** Glyph width in thousandths of the font size. */
  width(code: number): number;
  /** The ToUnicode mapping (empty when the font has none). */
  unicode: Map<number, string>;
}

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

/** Fonts already read, by font dictionary: pass one to readPageContent for every page of a document. */
export type FontCache = Map<PDFDict, ContentFont>;

export function readFont(doc: PDFDocument, entry: unknown, fontCache: FontCache = new Map()): ContentFont | undefined {
  const dict = resolve(doc.context, entry as PDFRef);
  if (!(dict instanceof PDFDict)) return undefined;
  const cached = fontCache.get(dict);
  if (cached) return cached;
  const widths = new Map<number, number>();
  let fallback = 1000;
  const type0 = getName(doc.context, dict, 'Subtype') === 'Type0';
  const num = (x: unknown) => (resolve(doc.context, x as PDFRef) as PDFNumber | undefined)?.asNumber();
  if (type0) {
    const cid = resolve(doc.context, getArray(doc.context, dict, 'DescendantFonts')?.get(0));
    if (cid instanceof PDFDict) {
      fallback = num(cid.get(PDFName.of('DW'))) ?? 1000;
      readCidWidths(doc, getArray(doc.context, cid, 'W'), widths);
    }
  } else {
    const first = num(dict.get(PDFName.of('FirstChar'))) ?? 0;
    getArray(doc.context, dict, 'Widths')?.asArray().forEach((w, i) => widths.set(first + i, num(w) ?? 0));
    fallback = 0;
  }
  const map = resolve(doc.context, dict.get(PDFName.of('ToUnicode')));
  const font: ContentFont = {
    dict,
    bytes: type0 ? 2 : 1,
    width: (code) => widths.get(code) ?? fallback,
    unicode: map instanceof PDFRawStream ? parseToUnicode(decodeLatin1(map)) : new Map(),
  };
  fontCache.set(dict, font);
  return font;
}

/** A CIDFont's /W array: `c [w1 w2 …]` and `c_first c_last w` entries (ISO 32000-1, 9.7.4.3). */
function readCidWidths(doc: PDFDocument, w: PDFArray | undefined, out: Map<number, number>): void {
  const a = (w?.asArray() ?? []).map((x) => resolve(doc.context, x));
  const num = (x: unknown) => (x instanceof PDFNumber ? x.asNumber() : 0);
  for (let i = 0; i < a.length; ) {
    const first = num(a[i]);
    const next = a[i + 1];
    if (next instanceof PDFArray) {
      next.asArray().forEach((x, j) => out.set(first + j, num(resolve(doc.context, x))));
      i += 2;
    } else {
      for (let c = first; c <= num(next); c++) out.set(c, num(a[i + 2]));
      i += 3;
    }
  }
}

/** The character codes of a string operand. */
export function codesOf(bytes: string, font: ContentFont): number[] {
  const codes: number[] = [];
  for (let i = 0; i + font.bytes <= bytes.length; i += font.bytes) {
    codes.push(font.bytes === 2 ? bytes.charCodeAt(i) * 256 + bytes.charCodeAt(i + 1) : bytes.charCodeAt(i));
  }
  return codes;
}

const NONE: number[] = [];
/** The operators whose numeric operands the reader uses. */
const NUMERIC = new Set(['cm', 'm', 'l', 'c', 'v', 'y', 're', 'Tc', 'Tw', 'Tz', 'TL', 'Ts', 'Tf', 'Tm', 'Td', 'TD', '"']);

/** m, moved by tx along its own x axis: [1 0 0 1 tx 0] × m. */
const advance = (m: Matrix, tx: number): Matrix => [m[0], m[1], m[2], m[3], m[4] + tx * m[0], m[5] + tx * m[1]];

interface GraphicsState {
  ctm: Matrix;
  clip?: Box;
  font?: ContentFont;
  fontName: string;
  size: number;
  charSpacing: number;
  wordSpacing: number;
  scale: number;
  leading: number;
  rise: number;
}

/** The operators that only set a number of the text state. */
const TEXT_STATE: Record<string, (gs: GraphicsState, n: number) => void> = {
  Tc: (gs, n) => (gs.charSpacing = n),
  Tw: (gs, n) => (gs.wordSpacing = n),
  Tz: (gs, n) => (gs.scale = n / 100),
  TL: (gs, n) => (gs.leading = n),
  Ts: (gs, n) => (gs.rise = n),
};

/** The walk's state: graphics state stack, text matrices, the path being built, marked content. */
class Reader {
  gs: GraphicsState = { ctm: IDENTITY, fontName: '', size: 0, charSpacing: 0, wordSpacing: 0, scale: 1, leading: 0, rise: 0 };
  saved: GraphicsState[] = [];
  tm: Matrix = IDENTITY;
  tlm: Matrix = IDENTITY;
  path: [number, number][] = [];
  clipNext = false;
  marked?: MarkedSequence;

  constructor(
    readonly out: PageContent,
    readonly resources: { fonts?: PDFDict; xobjects?: PDFDict; doc: PDFDocument; fontCache: FontCache },
  ) {}

  paint(op: Operation, box: Box | undefined, text?: ShownText): void {
    this.out.paintings.push({ op, box: box && this.gs.clip ? intersect(box, this.gs.clip) : box, text, marked: this.marked });
    // Once a sequence paints, so do the ones around it.
    for (let m = this.marked; m && !m.paints; m = m.parent) m.paints = true;
  }

  newLine(tx: number, ty: number): void {
    this.tlm = multiply([1, 0, 0, 1, tx, ty], this.tlm);
    this.tm = this.tlm;
  }

  /** The text rendering matrix (ISO 32000-1, 9.4.4): glyph space through Tm and the CTM. */
  trm(): Matrix {
    const { size, scale, rise, ctm } = this.gs;
    return multiply(multiply([size * scale, 0, 0, size, 0, rise], this.tm), ctm);
  }

  show(op: Operation, pieces: (string | number)[]): void {
    const { gs } = this;
    const font = gs.font;
    if (!font) return;
    const first = this.trm();
    const codes: number[] = [];
    for (const piece of pieces) {
      if (typeof piece === 'number') {
        this.tm = advance(this.tm, (-piece / 1000) * gs.size * gs.scale);
        continue;
      }
      for (const code of codesOf(piece, font)) {
        codes.push(code);
        const spacing = gs.charSpacing + (font.bytes === 1 && code === 32 ? gs.wordSpacing : 0);
        this.tm = advance(this.tm, ((font.width(code) / 1000) * gs.size + spacing) * gs.scale);
      }
    }
    const last = this.trm();
    const text: ShownText = {
      op,
      font,
      fontName: gs.fontName,
      size: gs.size,
      codes,
      // Read through the font's map when asked: a step may remap a glyph after the page was read.
      get text() {
        return codes.map((c) => font.unicode.get(c) ?? '\ufffd').join('');
      },
      start: transform(first, 0, 0),
      end: transform(last, 0, 0),
      marked: this.marked,
    };
    this.out.shown.push(text);
    // A glyph's box, roughly: from 0.2 em below the baseline to 0.8 em above it (its corners'
    // offsets from the start and end points are the matrices' y axes times -0.2 and 0.8).
    const [sx, sy] = text.start;
    const [ex, ey] = text.end;
    const xs = [sx - 0.2 * first[2], sx + 0.8 * first[2], ex - 0.2 * last[2], ex + 0.8 * last[2]];
    const ys = [sy - 0.2 * first[3], sy + 0.8 * first[3], ey - 0.2 * last[3], ey + 0.8 * last[3]];
    this.paint(op, [Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)], text);
  }

  beginMarked(op: Operation): void {
    const tag = /^\/([^\s/<[(]+)/.exec(op.operands)?.[1] ?? '';
    const mcid = /\/MCID\s+(\d+)/.exec(op.operands)?.[1];
    const actual = /\/ActualText\s*(<[0-9A-Fa-f\s]*>|\((?:\\.|[^\\)])*\))/.exec(op.operands)?.[1];
    this.marked = {
      tag,
      begin: op,
      parent: this.marked,
      paints: false,
      ...(mcid !== undefined ? { mcid: Number(mcid) } : {}),
      ...(actual ? { actualText: textString(actual) } : {}),
    };
    this.out.sequences.push(this.marked);
  }

  /** Path construction and painting, clipping paths included. */
  pathOp(op: Operation, n: number[]): boolean {
    const at = (x: number, y: number) => this.path.push(transform(this.gs.ctm, x, y));
    if (op.op === 'm' || op.op === 'l') at(n[0]!, n[1]!);
    else if (op.op === 'c' || op.op === 'v' || op.op === 'y') for (let i = 0; i + 1 < n.length; i += 2) at(n[i]!, n[i + 1]!);
    else if (op.op === 're') {
      const [x, y, w, h] = n as [number, number, number, number];
      for (const [px, py] of [[x, y], [x + w, y], [x, y + h], [x + w, y + h]] as const) at(px, py);
    } else if (op.op === 'W' || op.op === 'W*') this.clipNext = true;
    else if (PATH_PAINT.has(op.op) || op.op === 'n') {
      const box = boxOf(this.path);
      if (op.op !== 'n') this.paint(op, box);
      if (this.clipNext) this.gs.clip = intersect(this.gs.clip ?? box, box) ?? [0, 0, 0, 0];
      this.path = [];
      this.clipNext = false;
    } else return false;
    return true;
  }

  /** Text objects, the text state and the text-showing operators. */
  textOp(op: Operation, n: number[]): boolean {
    const { gs } = this;
    if (TEXT_STATE[op.op]) TEXT_STATE[op.op]!(gs, n[0] ?? (op.op === 'Tz' ? 100 : 0));
    else if (op.op === 'BT') this.tm = this.tlm = IDENTITY;
    else if (op.op === 'Tf') {
      const name = /\/(\S+)/.exec(op.operands)?.[1] ?? '';
      gs.font = readFont(this.resources.doc, this.resources.fonts?.get(PDFName.of(name)), this.resources.fontCache);
      gs.fontName = name;
      gs.size = n.at(-1) ?? 0;
    } else if (op.op === 'Tm') this.tm = this.tlm = n.slice(0, 6) as Matrix;
    else if (op.op === 'Td' || op.op === 'TD') {
      if (op.op === 'TD') gs.leading = -(n[1] ?? 0);
      this.newLine(n[0] ?? 0, n[1] ?? 0);
    } else if (op.op === 'T*') this.newLine(0, -gs.leading);
    else if (op.op === "'" || op.op === '"') {
      if (op.op === '"') [gs.wordSpacing, gs.charSpacing] = [n[0] ?? 0, n[1] ?? 0];
      this.newLine(0, -gs.leading);
      this.show(op, stringOperands(op.operands));
    } else if (op.op === 'Tj') this.show(op, stringOperands(op.operands));
    else if (op.op === 'TJ') this.show(op, arrayPieces(op.operands));
    else return false;
    return true;
  }

  read(op: Operation): void {
    const n = op.operands && NUMERIC.has(op.op) ? numbers(op.operands) : NONE;
    if (this.pathOp(op, n) || this.textOp(op, n)) return;
    if (op.op === 'q') {
      this.saved.push(this.gs);
      this.gs = { ...this.gs };
    } else if (op.op === 'Q') this.gs = this.saved.pop() ?? this.gs;
    else if (op.op === 'cm') this.gs.ctm = multiply(n.slice(0, 6) as Matrix, this.gs.ctm);
    else if (op.op === 'BDC' || op.op === 'BMC') this.beginMarked(op);
    else if (op.op === 'EMC') {
      if (this.marked) this.marked.end = op;
      this.marked = this.marked?.parent;
    } else if (OTHER_PAINT.has(op.op)) this.paint(op, op.op === 'Do' ? formBox(this.resources.doc, this.resources.xobjects, op, this.gs.ctm) : undefined);
  }
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
  const resources = inherited(doc.context, page, 'Resources');
  const dict = resources instanceof PDFDict ? resources : undefined;
  const ops = parseOperations(source);
  const out: PageContent = { source, ops, sequences: [], shown: [], paintings: [] };
  const reader = new Reader(out, { doc, fontCache, fonts: getDict(doc.context, dict, 'Font'), xobjects: getDict(doc.context, dict, 'XObject') });
  for (const op of ops) reader.read(op);
  return out;
}

/** The strings and numbers of a TJ operand, in order. */
function arrayPieces(operands: string): (string | number)[] {
  const pieces: (string | number)[] = [];
  const re = /\((?:\\[\s\S]|[^\\)])*\)|<[0-9A-Fa-f\s]*>|[+-]?(?:\d+\.?\d*|\.\d+)/g;
  for (const m of operands.matchAll(re)) pieces.push(/^[(<]/.test(m[0]) ? stringOperands(m[0])[0]! : Number(m[0]));
  return pieces;
}

/** A form XObject's /BBox, through its /Matrix and the CTM. */
function formBox(doc: PDFDocument, xobjects: PDFDict | undefined, op: Operation, ctm: Matrix): Box | undefined {
  const name = /\/(\S+)/.exec(op.operands)?.[1];
  const form = name ? resolve(doc.context, xobjects?.get(PDFName.of(name))) : undefined;
  if (!(form instanceof PDFStream) || getName(doc.context, form.dict, 'Subtype') !== 'Form') return undefined;
  const num = (a: PDFArray | undefined) => a?.asArray().map((x) => (resolve(doc.context, x) as PDFNumber).asNumber());
  const bbox = num(getArray(doc.context, form.dict, 'BBox'));
  if (!bbox || bbox.length < 4) return undefined;
  const m = multiply((num(getArray(doc.context, form.dict, 'Matrix')) ?? IDENTITY) as Matrix, ctm);
  return transformBox(m, bbox.slice(0, 4) as Box);
}

/** A text string operand (literal or hex; UTF-16BE with BOM or PDFDocEncoding) as a JS string. */
export function textString(operand: string): string {
  const bytes = stringOperands(operand)[0] ?? '';
  if (!bytes.startsWith('\xfe\xff')) return bytes;
  let s = '';
  for (let i = 2; i + 1 < bytes.length; i += 2) s += String.fromCharCode(bytes.charCodeAt(i) * 256 + bytes.charCodeAt(i + 1));
  return s;
}

export interface Edit {
  start: number;
  end: number;
  /** What replaces source[start, end). */
  text: string;
}

/** Applies non-overlapping edits to a content text (in any order). */
export function applyEdits(source: string, edits: Edit[]): string {
  const sorted = [...edits].sort((a, b) => a.start - b.start || a.end - b.end);
  let out = '';
  let at = 0;
  for (const e of sorted) {
    out += source.slice(at, e.start) + e.text;
    at = Math.max(at, e.end);
  }
  return out + source.slice(at);
}
