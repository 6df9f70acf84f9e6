/**
 * folio's print preflight: reads a finished PDF and reports what a print shop's preflight would
 * reject or question — page boxes and bleed, unembedded fonts, RGB left in the file, images too
 * coarse for their printed size, hairlines, total ink coverage above the press's limit, and the
 * PDF/X requirements the file claims (/GTS_PDFXVersion).
 *
 * It walks every page's content the way a RIP would see it: the graphics state (q/Q, cm, w, the
 * fill and stroke colour) through form XObjects (each with its own Resources and Matrix), tiling
 * and shading patterns, images (XObjects and inline) and shadings. Colour is recorded when it is
 * painted, not when it is merely set.
 *
 * Printer's marks (crop and registration marks, colour bars) are exempt from the hairline and ink
 * checks — registration marks are 400 % and 0.25 pt by design. Marks are recognised two ways:
 *  - painting inside a marked-content sequence tagged `/PrinterMarks`, or whose properties have
 *    `/Subtype /PrinterMarks` (folio wraps its crop marks in
 *    `/Artifact <</Type /Pagination /Subtype /PrinterMarks>> BDC … EMC`);
 *  - paths drawn entirely outside the page's BleedBox (in the slug), whatever their tagging.
 *
 * Not checked: glyph procedures of Type3 fonts (their colours), annotation appearance streams,
 * colours inside shading functions (the shading's colour space is checked, its ink is not), and
 * overprint settings.
 */
import { inflateSync } from 'node:zlib';
import {
  decodePDFRawStream,
  PDFArray,
  PDFContext,
  PDFDict,
  PDFDocument,
  PDFHexString,
  PDFName,
  PDFNumber,
  PDFObject,
  PDFRawStream,
  PDFRef,
  PDFStream,
  PDFString,
} from 'pdf-lib';
import { prefixFor, xmpProperty } from '../pdf/xmp.ts';
import { decodeLatin1, decodeName, inherited, rectOf } from '../pdf/cos.ts';
import { diagnostic, fail, type Diagnostic } from '../util/diagnostics.ts';
import { parseOperations, TEXT_SHOW, type Operation } from '../pdf/content-stream.ts';
import { IDENTITY, multiply as mul, type Matrix } from '../pdf/geometry.ts';
import { get, getDict, getName, getNumber, getText, items, nameOf, refKey, resolve } from '../pdf/cos.ts';

export interface PreflightOptions {
  /** Images below this effective resolution are reported (warning; error below half of it). Default 300. */
  minPpi?: number;
  /** Strokes thinner than this (pt) are reported as hairlines (warning). Default 0.25. */
  hairline?: number;
  /** Total area coverage (c+m+y+k, %) above this is reported (error). Default 300. */
  inkLimit?: number;
  /** The BleedBox must extend at least this far (pt) beyond the TrimBox on every side. Default 8.5 (≈ 3 mm). */
  minBleed?: number;
  /** Which PDF/X conformance to check; 'any' (default) checks what the file claims, if anything. */
  pdfx?: 'x4' | 'x1a' | 'any';
}

export interface PreflightIssue {
  severity: 'error' | 'warning';
  /** 'pdfx', 'boxes', 'bleed', 'fonts', 'colour', 'image-resolution', 'ink' or 'hairline'. */
  check: string;
  message: string;
  /** 1-based page number, when the issue is about a page. */
  page?: number;
  /** The object concerned, e.g. "12 0 R" (an image, a form XObject, a font, a page). */
  object?: string;
}

export interface PreflightPage {
  page: number;
  mediaBox: number[];
  cropBox?: number[];
  bleedBox?: number[];
  trimBox?: number[];
  artBox?: number[];
  /** Colour spaces painted on the page (forms and patterns included), sorted. */
  colourSpaces: string[];
}

export interface PreflightFont {
  name: string;
  embedded: boolean;
  subset: boolean;
  /** Font Subtype, e.g. "Type1", "TrueType", "Type3", "Type0/CIDFontType2". */
  type: string;
}

export interface PreflightReport {
  pages: PreflightPage[];
  /** Every font used to show text, once each. */
  fonts: PreflightFont[];
  /** Every colour space painted anywhere: "DeviceCMYK", "ICCBased(N=3)", "Separation(All)", "Indexed(DeviceRGB)"… */
  colourSpaces: string[];
  /** The /GTS_PDFXVersion the file claims (Info, or XMP pdfxid), if any. */
  pdfx?: string;
  /** The PDF/X output intent (/S /GTS_PDFX), if any. */
  outputIntent?: { identifier: string; profileComponents?: number };
  issues: PreflightIssue[];
}

/** The object name of inline images (they have no object number). */
const INLINE = 'inline image';
const imageName = (object: string) => (object === INLINE ? 'An inline image' : `Image ${object}`);
const objectOf = (object: string) => (object === INLINE || object.startsWith('/') ? undefined : object);

const CHECK_ORDER = ['pdfx', 'boxes', 'bleed', 'fonts', 'colour', 'image-resolution', 'ink', 'hairline'];
const NS_PDFXID = 'http://www.npes.org/pdfx/ns/id/';
const EPS = 0.01;

export async function preflightPdf(pdf: Uint8Array, options: PreflightOptions = {}): Promise<PreflightReport> {
  const opts = resolveOptions(options);
  let doc: PDFDocument;
  try {
    doc = await PDFDocument.load(pdf, { updateMetadata: false, ignoreEncryption: true });
  } catch (e) {
    fail('preflight/unreadable', { reason: e instanceof Error ? e.message : String(e) }, {}, e);
  }
  return new Preflight(doc, pdf, opts).run();
}

/** Preflight issues in the shape every other folio problem has: a code, a message and a place. */
export function preflightIssuesAsDiagnostics(issues: PreflightIssue[], file?: string): Diagnostic[] {
  return issues.map((i) =>
    diagnostic(i.severity === 'error' ? 'preflight/error' : 'preflight/warning', { check: i.check, message: i.message }, { file, page: i.page, object: i.object }),
  );
}

type Required_ = Required<PreflightOptions>;

function resolveOptions(o: PreflightOptions): Required_ {
  const out: Required_ = {
    minPpi: o.minPpi ?? 300,
    hairline: o.hairline ?? 0.25,
    inkLimit: o.inkLimit ?? 300,
    minBleed: o.minBleed ?? 8.5,
    pdfx: o.pdfx ?? 'any',
  };
  for (const k of ['minPpi', 'hairline', 'inkLimit', 'minBleed'] as const) {
    const v = out[k];
    if (typeof v !== 'number' || !Number.isFinite(v) || v < 0) {
      fail('preflight/bad-option', { option: k, reason: `it must be a number ≥ 0, not ${String(v)}` });
    }
  }
  if (!['x4', 'x1a', 'any'].includes(out.pdfx)) {
    fail('preflight/bad-option', { option: 'pdfx', reason: `it must be x4, x1a or any, not ${String(out.pdfx)}` });
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Geometry

type Rect = [number, number, number, number];


/** The smallest factor by which the matrix scales a length (its smaller singular value). */
function minScale(m: Matrix): number {
  const [a, b, c, d] = m;
  const s = a * a + b * b + c * c + d * d;
  const det = a * d - b * c;
  return Math.sqrt(Math.max(0, (s - Math.sqrt(Math.max(0, s * s - 4 * det * det))) / 2));
}

function matrixOf(ctx: PDFContext, o: PDFObject | undefined): Matrix {
  const a = resolve(ctx, o);
  if (!(a instanceof PDFArray) || a.size() !== 6) return IDENTITY;
  const n = a.asArray().map((x) => resolve(ctx, x));
  if (!n.every((x) => x instanceof PDFNumber)) return IDENTITY;
  return n.map((x) => (x as PDFNumber).asNumber()) as Matrix;
}

function nums(operands: string): number[] {
  const out: number[] = [];
  for (const t of operands.split(/\s+/)) {
    if (t === '') continue;
    const v = Number(t);
    if (Number.isFinite(v)) out.push(v);
  }
  return out;
}

const fmt = (n: number, digits = 2) => String(Math.round(n * 10 ** digits) / 10 ** digits);
const fmtRect = (r: Rect) => `[${r.map((x) => fmt(x)).join(' ')}]`;

// ---------------------------------------------------------------------------------------------
// Colour spaces

interface Space {
  /** e.g. "DeviceCMYK", "ICCBased(N=3)", "Indexed(DeviceRGB)", "Separation(All)". */
  label: string;
  /** Number of colour components. */
  n: number;
  /** RGB (or treated as RGB in a print file): DeviceRGB, CalRGB, ICCBased N=3, Lab, Indexed over RGB… */
  rgb: boolean;
  /** Why it counts as RGB, when the label alone does not say. */
  rgbWhy?: string;
  /** Ink weight of each component (1 = one ink at 100 %; Separation All = 4); none when not measured. */
  inks?: number[];
  pattern?: boolean;
  /** Underlying space of an uncoloured pattern, or the base of an Indexed space. */
  base?: Space;
  /** Indexed: hival and lookup table. */
  hival?: number;
  lookup?: Uint8Array;
  /** Initial colour after cs/CS. */
  initial: number[];
}

const DEVICE_GRAY: Space = { label: 'DeviceGray', n: 1, rgb: false, initial: [0] };
const DEVICE_RGB: Space = { label: 'DeviceRGB', n: 3, rgb: true, initial: [0, 0, 0] };
const DEVICE_CMYK: Space = { label: 'DeviceCMYK', n: 4, rgb: false, inks: [1, 1, 1, 1], initial: [0, 0, 0, 1] };
const PATTERN: Space = { label: 'Pattern', n: 0, rgb: false, pattern: true, initial: [] };
const PROCESS = new Set(['Cyan', 'Magenta', 'Yellow', 'Black']);

interface Colour {
  space: Space;
  values: number[];
  /** The pattern selected by scn/SCN in a Pattern space. */
  pattern?: PDFObject;
}

const BLACK: Colour = { space: DEVICE_GRAY, values: [0] };

// ---------------------------------------------------------------------------------------------
// The walk

interface GState {
  ctm: Matrix;
  lw: number;
  fill: Colour;
  stroke: Colour;
  font?: PDFDict;
  fontRef?: PDFRef;
  fontName?: string;
  tr: number;
}

interface PageCtx {
  n: number;
  ref: PDFRef;
  /** Effective BleedBox (BleedBox, else CropBox, else MediaBox). */
  bleed: Rect;
  spaces: Set<string>;
  hair: { count: number; min: number; objects: Set<string> };
  ink: { count: number; max: number; colour: string; objects: Set<string> };
  patterns: Set<PDFObject>;
  transparency: Set<PDFObject>;
}

interface Frame {
  page: PageCtx;
  resources?: PDFDict;
  /** The object whose content is walked ("12 0 R": the page or a form XObject). */
  object: string;
  /** CTM at the start of this content stream (patterns are positioned relative to it). */
  baseCtm: Matrix;
  /** Inside printer's marks already when this content stream starts. */
  marks: boolean;
}

interface FontUse {
  dict: PDFDict;
  ref?: PDFRef;
  resourceName: string;
  page: number;
  rendered: boolean;
}

interface ImageInfo {
  /** Max total area coverage of a CMYK (or other ink-measurable) image, in %. */
  coverage?: number;
  /** Why the coverage was not measured. */
  unmeasured?: string;
}

interface ColourUse {
  page: number;
  object: string;
  label: string;
  why?: string;
  uses: Set<string>;
  count: number;
  image?: string;
}

const STROKES = new Set(['S', 's', 'B', 'B*', 'b', 'b*']);
const FILLS = new Set(['f', 'F', 'f*', 'B', 'B*', 'b', 'b*']);

class Preflight {
  private readonly ctx: PDFContext;
  private readonly issues: PreflightIssue[] = [];
  private readonly fonts = new Map<PDFDict, FontUse>();
  private readonly docSpaces = new Set<string>();
  private readonly spaceCache = new Map<PDFObject, Space>();
  private readonly opsCache = new Map<PDFStream, { ops: Operation[]; text: string }>();
  private readonly imageCache = new Map<PDFStream, ImageInfo>();
  private readonly colourUses = new Map<string, ColourUse>();
  private readonly images = new Map<string, { page: number; object: string; ppi: number; w: number; h: number; label: string }>();
  private readonly imageInk = new Map<string, { page: number; object: string; info: ImageInfo }>();
  private readonly transparency: { page: number; object?: string; what: string }[] = [];
  private readonly walking = new Set<PDFStream>();

  constructor(
    private readonly doc: PDFDocument,
    private readonly bytes: Uint8Array,
    private readonly opts: Required_,
  ) {
    this.ctx = doc.context;
  }

  private issue(severity: 'error' | 'warning', check: string, message: string, where: { page?: number; object?: string } = {}): void {
    const i: PreflightIssue = { severity, check, message };
    if (where.page !== undefined) i.page = where.page;
    if (where.object !== undefined) i.object = where.object;
    this.issues.push(i);
  }

  run(): PreflightReport {
    const ctx = this.ctx;
    const pages: PreflightPage[] = [];
    this.doc.getPages().forEach((p, i) => {
      const n = i + 1;
      const node = p.node;
      const media = rectOf(ctx, inherited(ctx, node, 'MediaBox')) ?? [0, 0, 612, 792];
      const crop = rectOf(ctx, inherited(ctx, node, 'CropBox'));
      const bleed = rectOf(ctx, get(ctx, node, 'BleedBox'));
      const trim = rectOf(ctx, get(ctx, node, 'TrimBox'));
      const art = rectOf(ctx, get(ctx, node, 'ArtBox'));
      const info: PreflightPage = { page: n, mediaBox: media, colourSpaces: [] };
      if (crop) info.cropBox = crop;
      if (bleed) info.bleedBox = bleed;
      if (trim) info.trimBox = trim;
      if (art) info.artBox = art;
      const effBleed = bleed ?? crop ?? media;
      this.checkBoxes(n, p.ref, media, effBleed, bleed !== undefined, trim, art);

      const page: PageCtx = {
        n,
        ref: p.ref,
        bleed: effBleed,
        spaces: new Set(),
        hair: { count: 0, min: Infinity, objects: new Set() },
        ink: { count: 0, max: 0, colour: '', objects: new Set() },
        patterns: new Set(),
        transparency: new Set(),
      };
      let text = '';
      for (const s of items(ctx, node.get(PDFName.of('Contents')))) if (s instanceof PDFRawStream) text += `${streamText(s)}\n`;
      const gs: GState = { ctm: IDENTITY, lw: 1, fill: BLACK, stroke: BLACK, tr: 0 };
      const frame: Frame = { page, resources: node.Resources(), object: refKey(p.ref), baseCtm: IDENTITY, marks: false };
      this.walk(parseOperations(text), text, frame, gs, 0);
      this.pageSummary(page);
      info.colourSpaces = [...page.spaces].sort();
      pages.push(info);
    });

    this.reportColour();
    this.reportImages();
    const fonts = this.checkFonts();
    const { pdfx, outputIntent } = this.checkPdfx();

    const order = (c: string) => {
      const i = CHECK_ORDER.indexOf(c);
      return i < 0 ? CHECK_ORDER.length : i;
    };
    this.issues.sort((a, b) => order(a.check) - order(b.check) || (a.page ?? 0) - (b.page ?? 0));
    const report: PreflightReport = { pages, fonts, colourSpaces: [...this.docSpaces].sort(), issues: this.issues };
    if (pdfx !== undefined) report.pdfx = pdfx;
    if (outputIntent) report.outputIntent = outputIntent;
    return report;
  }

  // -------------------------------------------------------------------------------------------
  // Boxes and bleed

  private checkBoxes(n: number, ref: PDFRef, media: Rect, bleed: Rect, explicitBleed: boolean, trim: Rect | undefined, art: Rect | undefined): void {
    const where = { page: n, object: refKey(ref) };
    const inside = (inner: Rect, outer: Rect) =>
      inner[0] >= outer[0] - EPS && inner[1] >= outer[1] - EPS && inner[2] <= outer[2] + EPS && inner[3] <= outer[3] + EPS;
    if (explicitBleed && !inside(bleed, media)) {
      this.issue('error', 'boxes', `The BleedBox ${fmtRect(bleed)} of page ${n} extends beyond its MediaBox ${fmtRect(media)}.`, where);
    }
    const finished = trim ?? art;
    if (!finished) {
      this.issue('error', 'boxes', `Page ${n} has neither a TrimBox nor an ArtBox: the printer cannot tell the finished page size.`, where);
      return;
    }
    const name = trim ? 'TrimBox' : 'ArtBox';
    if (!inside(finished, bleed)) {
      this.issue(
        'error',
        'boxes',
        `The ${name} ${fmtRect(finished)} of page ${n} is not inside its ${explicitBleed ? 'BleedBox' : 'BleedBox (by default the CropBox or MediaBox)'} ${fmtRect(bleed)}.`,
        where,
      );
      return;
    }
    const sides = [finished[0] - bleed[0], finished[1] - bleed[1], bleed[2] - finished[2], bleed[3] - finished[3]];
    const least = Math.min(...sides);
    if (least < this.opts.minBleed - EPS) {
      const names = ['left', 'bottom', 'right', 'top'].filter((_, i) => sides[i]! < this.opts.minBleed - EPS);
      this.issue(
        'error',
        'bleed',
        least <= EPS
          ? `No bleed on page ${n}: the ${explicitBleed ? 'BleedBox' : 'effective BleedBox (CropBox/MediaBox)'} ${fmtRect(bleed)} does not extend beyond the ${name} ${fmtRect(finished)} (${names.join(', ')}); at least ${fmt(this.opts.minBleed)} pt is needed on every side.`
          : `Not enough bleed on page ${n}: ${fmt(least)} pt on the ${names.join(', ')} side(s), at least ${fmt(this.opts.minBleed)} pt is needed beyond the ${name}.`,
        where,
      );
    }
  }

  // -------------------------------------------------------------------------------------------
  // Content

  private walk(ops: Operation[], text: string, frame: Frame, gsIn: GState, depth: number): void {
    const ctx = this.ctx;
    const resources = frame.resources;
    const page = frame.page;
    let gs: GState = { ...gsIn };
    const saved: GState[] = [];
    const marks: boolean[] = [];
    const inMarks = () => frame.marks || (marks.length > 0 && marks[marks.length - 1]!);
    // The current path's bounding box in page space.
    let x0 = Infinity;
    let y0 = Infinity;
    let x1 = -Infinity;
    let y1 = -Infinity;
    const point = (x: number, y: number) => {
      const m = gs.ctm;
      const px = m[0] * x + m[2] * y + m[4];
      const py = m[1] * x + m[3] * y + m[5];
      if (px < x0) x0 = px;
      if (px > x1) x1 = px;
      if (py < y0) y0 = py;
      if (py > y1) y1 = py;
    };
    const resetPath = () => {
      x0 = y0 = Infinity;
      x1 = y1 = -Infinity;
    };

    for (const o of ops) {
      switch (o.op) {
        case 'q':
          saved.push(gs);
          gs = { ...gs };
          break;
        case 'Q':
          if (saved.length) gs = saved.pop()!;
          break;
        case 'cm': {
          const v = nums(o.operands);
          if (v.length >= 6) gs.ctm = mul(v.slice(-6) as Matrix, gs.ctm);
          break;
        }
        case 'w': {
          const v = nums(o.operands);
          if (v.length) gs.lw = v[v.length - 1]!;
          break;
        }
        case 'gs':
          this.extGState(o, frame, gs);
          break;
        case 'BMC':
        case 'BDC':
          marks.push(inMarks() || this.isPrinterMarks(o, resources));
          break;
        case 'EMC':
          marks.pop();
          break;

        // Colour
        case 'g':
        case 'G':
        case 'rg':
        case 'RG':
        case 'k':
        case 'K': {
          const space = o.op === 'g' || o.op === 'G' ? DEVICE_GRAY : o.op === 'rg' || o.op === 'RG' ? DEVICE_RGB : DEVICE_CMYK;
          const c: Colour = { space, values: nums(o.operands).slice(-space.n) };
          if (o.op === o.op.toLowerCase()) gs.fill = c;
          else gs.stroke = c;
          break;
        }
        case 'cs':
        case 'CS': {
          const name = /\/(\S+)\s*$/.exec(o.operands)?.[1];
          if (!name) break;
          const space = this.spaceFromName(decodeName(name), resources, 0);
          const c: Colour = { space, values: space.initial };
          if (o.op === 'cs') gs.fill = c;
          else gs.stroke = c;
          break;
        }
        case 'sc':
        case 'scn':
        case 'SC':
        case 'SCN': {
          const fill = o.op === 'sc' || o.op === 'scn';
          const cur = fill ? gs.fill : gs.stroke;
          const c: Colour = { space: cur.space, values: nums(o.operands) };
          const pname = /\/(\S+)\s*$/.exec(o.operands)?.[1];
          if (pname && cur.space.pattern) c.pattern = getDict(ctx, resources, 'Pattern')?.get(PDFName.of(decodeName(pname)));
          if (fill) gs.fill = c;
          else gs.stroke = c;
          break;
        }

        // Paths
        case 'm':
        case 'l': {
          const v = nums(o.operands);
          if (v.length >= 2) point(v[v.length - 2]!, v[v.length - 1]!);
          break;
        }
        case 'c':
        case 'v':
        case 'y': {
          const v = nums(o.operands);
          for (let i = 0; i + 1 < v.length; i += 2) point(v[i]!, v[i + 1]!);
          break;
        }
        case 're': {
          const v = nums(o.operands);
          if (v.length >= 4) {
            const [x, y, w, h] = v.slice(-4) as [number, number, number, number];
            point(x, y);
            point(x + w, y);
            point(x, y + h);
            point(x + w, y + h);
          }
          break;
        }
        case 'n':
          resetPath();
          break;

        // Text
        case 'Tf': {
          const name = /^\/(\S+)/.exec(o.operands)?.[1];
          if (name) {
            const raw = getDict(ctx, resources, 'Font')?.get(PDFName.of(decodeName(name)));
            const font = resolve(ctx, raw);
            gs.font = font instanceof PDFDict ? font : undefined;
            gs.fontRef = raw instanceof PDFRef ? raw : undefined;
            gs.fontName = decodeName(name);
          }
          break;
        }
        case 'Tr': {
          const v = nums(o.operands);
          if (v.length) gs.tr = v[v.length - 1]!;
          break;
        }

        // Images, forms, shadings
        case 'Do':
          this.doXObject(o, frame, gs, inMarks(), depth);
          break;
        case 'BI':
          this.inlineImage(text.slice(o.start, o.end), frame, gs, inMarks());
          break;
        case 'sh': {
          const name = /^\/(\S+)/.exec(o.operands)?.[1];
          const sh = name ? getDict(ctx, getDict(ctx, resources, 'Shading'), decodeName(name)) : undefined;
          if (sh) this.record(this.space(get(ctx, sh, 'ColorSpace'), resources), frame, 'shading');
          break;
        }

        default:
          if (FILLS.has(o.op) || STROKES.has(o.op)) {
            const exempt = inMarks() || this.outsideBleed(page, x0, y0, x1, y1, gs);
            if (FILLS.has(o.op)) this.paint(gs.fill, 'fill', frame, gs, exempt);
            if (STROKES.has(o.op)) {
              this.paint(gs.stroke, 'stroke', frame, gs, exempt);
              if (!exempt) this.hairline(gs, frame);
            }
            resetPath();
          } else if (TEXT_SHOW.has(o.op)) {
            this.text(frame, gs, inMarks());
          }
      }
    }
  }

  private outsideBleed(page: PageCtx, x0: number, y0: number, x1: number, y1: number, gs: GState): boolean {
    if (!Number.isFinite(x0)) return false;
    const half = (gs.lw * Math.sqrt(Math.abs(gs.ctm[0] * gs.ctm[3] - gs.ctm[1] * gs.ctm[2]))) / 2;
    const b = page.bleed;
    return x1 + half < b[0] || x0 - half > b[2] || y1 + half < b[1] || y0 - half > b[3];
  }

  private isPrinterMarks(o: Operation, resources: PDFDict | undefined): boolean {
    const m = /^\/([^\s/<[(]+)\s*([\s\S]*)$/.exec(o.operands);
    if (!m) return false;
    if (decodeName(m[1]!) === 'PrinterMarks') return true;
    if (o.op !== 'BDC') return false;
    const props = m[2]!.trim();
    if (props.startsWith('<<')) return /\/Subtype\s*\/PrinterMarks(?![^\s/<>[\]()])/.test(props);
    if (props.startsWith('/')) {
      const dict = getDict(this.ctx, getDict(this.ctx, resources, 'Properties'), decodeName(props.slice(1)));
      return getName(this.ctx, dict, 'Subtype') === 'PrinterMarks';
    }
    return false;
  }

  private extGState(o: Operation, frame: Frame, gs: GState): void {
    const ctx = this.ctx;
    const name = /^\/(\S+)/.exec(o.operands)?.[1];
    if (!name) return;
    const eg = getDict(ctx, frame.resources, 'ExtGState');
    const raw = eg?.get(PDFName.of(decodeName(name)));
    const dict = resolve(ctx, raw);
    if (!(dict instanceof PDFDict)) return;
    const lw = getNumber(ctx, dict, 'LW');
    if (lw !== undefined) gs.lw = lw;
    if (frame.page.transparency.has(dict)) return;
    frame.page.transparency.add(dict);
    const what: string[] = [];
    const smask = get(ctx, dict, 'SMask');
    if (smask !== undefined && nameOf(smask) !== 'None') what.push('a soft mask (/SMask)');
    const ca = getNumber(ctx, dict, 'ca');
    const CA = getNumber(ctx, dict, 'CA');
    if (ca !== undefined && ca < 1) what.push(`fill opacity /ca ${fmt(ca, 3)}`);
    if (CA !== undefined && CA < 1) what.push(`stroke opacity /CA ${fmt(CA, 3)}`);
    const bm = items(ctx, dict.get(PDFName.of('BM')))
      .map(nameOf)
      .filter((x): x is string => x !== undefined);
    if (bm.length && !bm.some((b) => b === 'Normal' || b === 'Compatible')) what.push(`blend mode /${bm[0]}`);
    if (what.length) {
      this.transparency.push({ page: frame.page.n, object: raw instanceof PDFRef ? refKey(raw) : `/${decodeName(name)}`, what: `ExtGState /${decodeName(name)} uses ${what.join(', ')}` });
    }
  }

  private doXObject(o: Operation, frame: Frame, gs: GState, inMarks: boolean, depth: number): void {
    const ctx = this.ctx;
    const name = /^\/(\S+)/.exec(o.operands)?.[1];
    if (!name) return;
    const raw = getDict(ctx, frame.resources, 'XObject')?.get(PDFName.of(decodeName(name)));
    const xo = resolve(ctx, raw);
    if (!(xo instanceof PDFStream)) return;
    const object = raw instanceof PDFRef ? refKey(raw) : `/${decodeName(name)}`;
    const sub = getName(ctx, xo.dict, 'Subtype');
    if (sub === 'Image') {
      this.image(xo, xo.dict, object, frame, gs, inMarks, () => (xo instanceof PDFRawStream ? xo : undefined));
    } else if (sub === 'Form' && depth < 24 && !this.walking.has(xo)) {
      const ctm = mul(matrixOf(ctx, xo.dict.get(PDFName.of('Matrix'))), gs.ctm);
      const { ops, text } = this.parsed(xo);
      this.walking.add(xo);
      this.walk(
        ops,
        text,
        { page: frame.page, resources: getDict(ctx, xo.dict, 'Resources') ?? frame.resources, object, baseCtm: ctm, marks: inMarks },
        { ...gs, ctm },
        depth + 1,
      );
      this.walking.delete(xo);
    }
  }

  private parsed(s: PDFStream): { ops: Operation[]; text: string } {
    let p = this.opsCache.get(s);
    if (!p) {
      const text = s instanceof PDFRawStream ? streamText(s) : '';
      p = { ops: parseOperations(text), text };
      this.opsCache.set(s, p);
    }
    return p;
  }

  /** Painting a path or text with a colour: records its colour space, and its ink unless exempt. */
  private paint(c: Colour, use: string, frame: Frame, gs: GState, exempt: boolean): void {
    const ctx = this.ctx;
    if (c.space.pattern) {
      const pat = resolve(ctx, c.pattern);
      const dict = pat instanceof PDFStream ? pat.dict : pat instanceof PDFDict ? pat : undefined;
      if (!dict) return;
      const type = getNumber(ctx, dict, 'PatternType');
      if (type === 2) {
        const sh = getDict(ctx, dict, 'Shading');
        if (sh) this.record(this.space(get(ctx, sh, 'ColorSpace'), frame.resources), frame, `${use} (shading pattern)`);
      } else if (type === 1 && getNumber(ctx, dict, 'PaintType') === 2) {
        if (c.space.base) this.paint({ space: c.space.base, values: c.values.slice(0, c.space.base.n) }, use, frame, gs, exempt);
      } else if (type === 1 && pat instanceof PDFStream && !frame.page.patterns.has(pat) && !this.walking.has(pat)) {
        frame.page.patterns.add(pat);
        const ctm = mul(matrixOf(ctx, dict.get(PDFName.of('Matrix'))), frame.baseCtm);
        const { ops, text } = this.parsed(pat);
        const raw = c.pattern;
        this.walking.add(pat);
        this.walk(
          ops,
          text,
          {
            page: frame.page,
            resources: getDict(ctx, dict, 'Resources'),
            object: raw instanceof PDFRef ? refKey(raw) : frame.object,
            baseCtm: ctm,
            marks: exempt,
          },
          { ctm, lw: 1, fill: BLACK, stroke: BLACK, tr: 0 },
          1,
        );
        this.walking.delete(pat);
      }
      return;
    }
    this.record(c.space, frame, use);
    if (exempt || !c.space.inks) return;
    const inks = c.space.inks;
    let sum = 0;
    for (let i = 0; i < inks.length; i++) sum += (c.values[i] ?? 0) * inks[i]!;
    const coverage = Math.round(sum * 10000) / 100;
    if (coverage > this.opts.inkLimit) {
      const ink = frame.page.ink;
      ink.count++;
      ink.objects.add(frame.object);
      if (coverage > ink.max) {
        ink.max = coverage;
        ink.colour = `${c.space.label} ${c.values.map((v) => fmt(v, 3)).join(' ')} (${use})`;
      }
    }
  }

  private record(space: Space, frame: Frame, use: string, image?: string): void {
    const label = space.label;
    frame.page.spaces.add(label);
    this.docSpaces.add(label);
    if (!space.rgb) return;
    const object = image ?? frame.object;
    const key = `${frame.page.n}|${object}|${label}`;
    const u = this.colourUses.get(key);
    if (u) {
      u.count++;
      u.uses.add(use);
    } else {
      const entry: ColourUse = { page: frame.page.n, object, label, uses: new Set([use]), count: 1 };
      if (space.rgbWhy) entry.why = space.rgbWhy;
      if (image) entry.image = image;
      this.colourUses.set(key, entry);
    }
  }

  private hairline(gs: GState, frame: Frame): void {
    const width = gs.lw * minScale(gs.ctm);
    if (gs.lw > 0 && width >= this.opts.hairline - 1e-9) return;
    const h = frame.page.hair;
    h.count++;
    h.min = Math.min(h.min, width);
    h.objects.add(frame.object);
  }

  private text(frame: Frame, gs: GState, inMarks: boolean): void {
    if (gs.font) {
      const use = this.fonts.get(gs.font);
      const rendered = gs.tr !== 3 && gs.tr !== 7;
      if (use) use.rendered ||= rendered;
      else this.fonts.set(gs.font, { dict: gs.font, ref: gs.fontRef, resourceName: gs.fontName ?? '?', page: frame.page.n, rendered });
    }
    const mode = gs.tr % 8;
    if ([0, 2, 4, 6].includes(mode)) this.paint(gs.fill, 'text', frame, gs, inMarks);
    if ([1, 2, 5, 6].includes(mode)) this.paint(gs.stroke, 'text outline', frame, gs, inMarks);
  }

  // -------------------------------------------------------------------------------------------
  // Images

  private image(
    stream: PDFStream | undefined,
    dict: PDFDict,
    object: string,
    frame: Frame,
    gs: GState,
    inMarks: boolean,
    data: () => PDFRawStream | Uint8Array | undefined,
    inline?: boolean,
  ): void {
    const ctx = this.ctx;
    const key = (k: string, short: string) => (inline ? (get(ctx, dict, k) ?? get(ctx, dict, short)) : get(ctx, dict, k));
    const imageMask = key('ImageMask', 'IM')?.toString() === 'true';
    if (imageMask) {
      // A stencil mask paints the fill colour.
      this.paint(gs.fill, 'image mask', frame, gs, inMarks);
      return;
    }
    const w = numberOf(key('Width', 'W'));
    const h = numberOf(key('Height', 'H'));
    const bpc = numberOf(key('BitsPerComponent', 'BPC')) ?? 8;
    const filters = items(ctx, key('Filter', 'F')).map(nameOf).map((f) => FILTER_ABBREV[f ?? ''] ?? f ?? '');
    const csObj = key('ColorSpace', 'CS');
    const space = csObj !== undefined ? this.space(csObj, frame.resources) : filters.includes('JPXDecode') ? undefined : DEVICE_GRAY;
    const label = space?.label ?? 'JPX (colour space in the image data)';
    if (space) this.record(space, frame, 'image', object);
    else {
      frame.page.spaces.add(label);
      this.docSpaces.add(label);
    }

    const smask = get(ctx, dict, 'SMask');
    if ((smask instanceof PDFStream || (getNumber(ctx, dict, 'SMaskInData') ?? 0) > 0) && stream && !frame.page.transparency.has(stream)) {
      frame.page.transparency.add(stream);
      this.transparency.push({ page: frame.page.n, object, what: `image ${object} has a soft mask (/SMask)` });
    }

    // Effective resolution: pixels over the drawn size (the unit square through the CTM).
    if (w && h) {
      const sx = Math.hypot(gs.ctm[0], gs.ctm[1]);
      const sy = Math.hypot(gs.ctm[2], gs.ctm[3]);
      if (sx > 1e-6 && sy > 1e-6) {
        const ppi = Math.min(w / (sx / 72), h / (sy / 72));
        const k = `${frame.page.n}|${object}`;
        const prev = this.images.get(k);
        if (!prev || ppi < prev.ppi) this.images.set(k, { page: frame.page.n, object, ppi, w, h, label });
      }
    }

    // Ink coverage of images in ink-measurable spaces (CMYK, Separation, DeviceN, Indexed over them).
    const measurable = space && (space.inks || space.base?.inks) && !space.pattern;
    if (!measurable || inMarks || !w || !h) return;
    const k = `${frame.page.n}|${object}`;
    if (this.imageInk.has(k)) return;
    let info = stream ? this.imageCache.get(stream) : undefined;
    if (!info) {
      info = measureImage(ctx, dict, space!, w, h, bpc, filters, data(), inline ?? false);
      if (stream) this.imageCache.set(stream, info);
    }
    this.imageInk.set(k, { page: frame.page.n, object, info });
  }

  private inlineImage(source: string, frame: Frame, gs: GState, inMarks: boolean): void {
    const id = /\sID[\s]/.exec(source);
    if (!id) return;
    const dict = parseInlineDict(this.ctx, source.slice(2, id.index));
    const body = source.slice(id.index + 4, source.endsWith('EI') ? source.length - 2 : source.length);
    const object = INLINE;
    this.image(undefined, dict, object, frame, gs, inMarks, () => Buffer.from(body, 'latin1'), true);
  }

  private reportImages(): void {
    for (const im of this.images.values()) {
      if (im.ppi >= this.opts.minPpi - 1e-6) continue;
      const severe = im.ppi < this.opts.minPpi / 2;
      this.issue(
        severe ? 'error' : 'warning',
        'image-resolution',
        `${imageName(im.object)} (${im.w}×${im.h} px, ${im.label}) is printed at ${Math.floor(im.ppi)} ppi on page ${im.page}, below ${fmt(this.opts.minPpi)} ppi${severe ? ` (and below ${fmt(this.opts.minPpi / 2)}: it will look visibly coarse)` : ''}.`,
        { page: im.page, object: objectOf(im.object) },
      );
    }
    for (const im of this.imageInk.values()) {
      const where = { page: im.page, object: objectOf(im.object) };
      if (im.info.unmeasured) {
        this.issue('warning', 'ink', `The ink coverage of ${imageName(im.object).replace(/^\w/, (c) => c.toLowerCase())} on page ${im.page} was not measured: ${im.info.unmeasured}.`, where);
      } else if (im.info.coverage !== undefined && im.info.coverage > this.opts.inkLimit) {
        this.issue('error', 'ink', `${imageName(im.object)} on page ${im.page} reaches ${fmt(im.info.coverage)} % total ink coverage, above the ${fmt(this.opts.inkLimit)} % limit.`, where);
      }
    }
  }

  // -------------------------------------------------------------------------------------------
  // Per-page and colour summaries

  private pageSummary(page: PageCtx): void {
    const where = (objects: Set<string>) => ({ page: page.n, object: objects.size === 1 ? [...objects][0]! : refKey(page.ref) });
    if (page.hair.count) {
      const h = page.hair;
      this.issue(
        'warning',
        'hairline',
        `${h.count} stroke(s) on page ${page.n} are thinner than ${fmt(this.opts.hairline)} pt (thinnest ${h.min === 0 ? '0 pt: a zero-width line, the thinnest the device can draw' : `${fmt(h.min, 3)} pt`}); they may not print or may break up.`,
        where(h.objects),
      );
    }
    if (page.ink.count) {
      const i = page.ink;
      this.issue(
        'error',
        'ink',
        `${i.count} fill(s)/stroke(s) on page ${page.n} exceed the ${fmt(this.opts.inkLimit)} % total ink limit; the highest is ${fmt(i.max)} % (${i.colour}).`,
        where(i.objects),
      );
    }
  }

  private reportColour(): void {
    for (const u of this.colourUses.values()) {
      const uses = [...u.uses].join(', ');
      const what = u.image ? `${imageName(u.image)} is ${u.label}` : `${u.label} is used for ${uses}${u.count > 1 ? ` (${u.count} times)` : ''} in ${u.object}`;
      this.issue(
        'error',
        'colour',
        `RGB left in a print file on page ${u.page}: ${what}${u.why ? ` (${u.why})` : ''}. Convert it to CMYK or a spot colour for print.`,
        { page: u.page, object: objectOf(u.object) },
      );
    }
  }

  // -------------------------------------------------------------------------------------------
  // Colour spaces

  private spaceFromName(name: string, resources: PDFDict | undefined, depth: number): Space {
    switch (name) {
      case 'DeviceGray':
      case 'G':
        return DEVICE_GRAY;
      case 'DeviceRGB':
      case 'RGB':
        return DEVICE_RGB;
      case 'DeviceCMYK':
      case 'CMYK':
        return DEVICE_CMYK;
      case 'Pattern':
        return PATTERN;
    }
    const raw = getDict(this.ctx, resources, 'ColorSpace')?.get(PDFName.of(name));
    if (raw === undefined) return { label: `${name} (undefined colour space)`, n: 1, rgb: false, initial: [0] };
    return this.space(raw, resources, depth + 1);
  }

  private space(obj: PDFObject | undefined, resources: PDFDict | undefined, depth = 0): Space {
    const ctx = this.ctx;
    if (depth > 8) return DEVICE_GRAY;
    if (obj instanceof PDFName) return this.spaceFromName(obj.decodeText(), resources, depth);
    const cacheKey = obj;
    if (cacheKey !== undefined) {
      const cached = this.spaceCache.get(cacheKey);
      if (cached) return cached;
    }
    const r = resolve(ctx, obj);
    let s: Space;
    if (r instanceof PDFName) s = this.spaceFromName(r.decodeText(), resources, depth);
    else if (r instanceof PDFArray) s = this.arraySpace(r, resources, depth);
    else s = DEVICE_GRAY;
    if (cacheKey !== undefined && !(obj instanceof PDFName)) this.spaceCache.set(cacheKey, s);
    return s;
  }

  private arraySpace(a: PDFArray, resources: PDFDict | undefined, depth: number): Space {
    const ctx = this.ctx;
    const el = (i: number) => resolve(ctx, a.get(i));
    const head = nameOf(el(0));
    switch (head) {
      case 'DeviceGray':
      case 'DeviceRGB':
      case 'DeviceCMYK':
      case 'G':
      case 'RGB':
      case 'CMYK':
        return this.spaceFromName(head, resources, depth);
      case 'CalGray':
        return { label: 'CalGray', n: 1, rgb: false, initial: [0] };
      case 'CalRGB':
        return { label: 'CalRGB', n: 3, rgb: true, initial: [0, 0, 0] };
      case 'Lab':
        return { label: 'Lab', n: 3, rgb: true, rgbWhy: 'Lab colour is device-independent RGB-like colour, not press colour', initial: [0, 0, 0] };
      case 'ICCBased': {
        const stream = el(1);
        const dict = stream instanceof PDFStream ? stream.dict : undefined;
        let n = getNumber(ctx, dict, 'N');
        if (n === undefined) n = this.space(dict?.get(PDFName.of('Alternate')), resources, depth + 1).n || 3;
        return {
          label: `ICCBased(N=${n})`,
          n,
          rgb: n === 3,
          ...(n === 4 ? { inks: [1, 1, 1, 1] } : {}),
          initial: new Array<number>(n).fill(0),
        };
      }
      case 'Indexed':
      case 'I': {
        const base = this.space(a.get(1), resources, depth + 1);
        const hival = numberOf(el(2)) ?? 0;
        const lk = el(3);
        let lookup: Uint8Array | undefined;
        if (lk instanceof PDFString || lk instanceof PDFHexString) lookup = lk.asBytes();
        else if (lk instanceof PDFRawStream) {
          try {
            lookup = decodePDFRawStream(lk).decode();
          } catch {
            lookup = undefined;
          }
        }
        const s: Space = { label: `Indexed(${base.label})`, n: 1, rgb: base.rgb, base, hival, initial: [0] };
        if (base.rgbWhy) s.rgbWhy = base.rgbWhy;
        if (lookup) s.lookup = lookup;
        return s;
      }
      case 'Separation': {
        const name = nameOf(el(1)) ?? '?';
        const alt = this.space(a.get(2), resources, depth + 1);
        const rgb = alt.rgb && name !== 'All' && name !== 'None';
        const s: Space = { label: `Separation(${name})`, n: 1, rgb, inks: [name === 'All' ? 4 : name === 'None' ? 0 : 1], initial: [1] };
        if (rgb) s.rgbWhy = `a spot colour whose alternate space is ${alt.label}`;
        return s;
      }
      case 'DeviceN': {
        const names = items(ctx, a.get(1)).map((x) => nameOf(x) ?? '?');
        const alt = this.space(a.get(2), resources, depth + 1);
        const rgb = alt.rgb && names.some((x) => !PROCESS.has(x) && x !== 'None');
        const s: Space = {
          label: `DeviceN(${names.join(',')})`,
          n: names.length,
          rgb,
          inks: names.map((x) => (x === 'All' ? 4 : x === 'None' ? 0 : 1)),
          initial: new Array<number>(names.length).fill(1),
        };
        if (rgb) s.rgbWhy = `colorants whose alternate space is ${alt.label}`;
        return s;
      }
      case 'Pattern': {
        if (a.size() < 2) return PATTERN;
        const base = this.space(a.get(1), resources, depth + 1);
        return { ...PATTERN, base };
      }
      default:
        return { label: head ?? 'unknown', n: 1, rgb: false, initial: [0] };
    }
  }

  // -------------------------------------------------------------------------------------------
  // Fonts

  private checkFonts(): PreflightFont[] {
    const ctx = this.ctx;
    const out: PreflightFont[] = [];
    for (const use of this.fonts.values()) {
      const f = use.dict;
      const sub = getName(ctx, f, 'Subtype') ?? '?';
      const descendant = sub === 'Type0' ? items(ctx, f.get(PDFName.of('DescendantFonts')))[0] : undefined;
      const desc = descendant instanceof PDFDict ? descendant : undefined;
      const type = sub === 'Type0' ? `Type0/${getName(ctx, desc, 'Subtype') ?? '?'}` : sub;
      const name = getName(ctx, f, 'BaseFont') ?? getName(ctx, f, 'Name') ?? use.resourceName;
      let embedded = true;
      if (sub !== 'Type3') {
        const fd = getDict(ctx, sub === 'Type0' ? desc : f, 'FontDescriptor');
        embedded = !!fd && ['FontFile', 'FontFile2', 'FontFile3'].some((k) => get(ctx, fd, k) instanceof PDFStream);
      }
      out.push({ name, embedded, subset: /^[A-Z]{6}\+/.test(name), type });
      if (!embedded && use.rendered) {
        this.issue(
          'error',
          'fonts',
          `The font ${name} (${type}, /${use.resourceName}, first used on page ${use.page}) is not embedded: the printer would substitute another font.`,
          { page: use.page, ...(use.ref ? { object: refKey(use.ref) } : {}) },
        );
      }
    }
    return out;
  }

  // -------------------------------------------------------------------------------------------
  // PDF/X

  private checkPdfx(): { pdfx?: string; outputIntent?: { identifier: string; profileComponents?: number } } {
    const ctx = this.ctx;
    const info = resolve(ctx, ctx.trailerInfo.Info);
    const infoDict = info instanceof PDFDict ? info : undefined;
    const infoVersion = getText(ctx, infoDict, 'GTS_PDFXVersion');
    const conformance = getText(ctx, infoDict, 'GTS_PDFXConformance');
    const xmp = this.xmp();
    const xmpPrefix = xmp !== undefined ? prefixFor(xmp, NS_PDFXID) : undefined;
    const xmpVersion = xmp !== undefined && xmpPrefix ? xmpProperty(xmp, xmpPrefix, 'GTS_PDFXVersion')?.trim() : undefined;
    const pdfx = infoVersion ?? xmpVersion;
    const claim = `${pdfx ?? ''} ${conformance ?? ''}`;
    const claimed: 'x1a' | 'x4' | 'other' | undefined = !pdfx ? undefined : /PDF\/X-1a/i.test(claim) ? 'x1a' : /PDF\/X-4/i.test(claim) ? 'x4' : 'other';

    const outputIntent = this.outputIntent();
    const result: { pdfx?: string; outputIntent?: { identifier: string; profileComponents?: number } } = {};
    if (pdfx !== undefined) result.pdfx = pdfx;
    if (outputIntent.report) result.outputIntent = outputIntent.report;

    const wanted = this.opts.pdfx;
    if (wanted !== 'any' && claimed !== wanted) {
      const name = wanted === 'x4' ? 'PDF/X-4' : 'PDF/X-1a';
      this.issue('error', 'pdfx', pdfx ? `The file claims ${pdfx}${conformance ? ` (${conformance})` : ''}, not ${name} as required.` : `The file does not claim ${name}: it has no /GTS_PDFXVersion.`);
    }
    const level = wanted !== 'any' ? wanted : claimed;
    if (!level) return result;
    const label = level === 'x4' ? 'PDF/X-4' : level === 'x1a' ? 'PDF/X-1a' : (pdfx ?? 'PDF/X');

    // Output intent.
    if (outputIntent.problem) this.issue('error', 'pdfx', `${label}: ${outputIntent.problem}`);
    else if (outputIntent.report?.profileComponents !== undefined && outputIntent.report.profileComponents !== 4) {
      this.issue('warning', 'pdfx', `${label}: the output intent's profile has ${outputIntent.report.profileComponents} components; a press output intent is usually CMYK (N=4).`);
    }

    // Info dictionary and XMP.
    const trapped = get(ctx, infoDict, 'Trapped');
    const trappedName = nameOf(trapped);
    if (trappedName !== 'True' && trappedName !== 'False') {
      this.issue(
        'error',
        'pdfx',
        `${label}: the document information dictionary's /Trapped is ${trapped === undefined ? 'missing' : trappedName ? `/${trappedName}` : 'not a name'}; it must be /True or /False.`,
      );
    }
    const needsXmp = level === 'x4' || /PDF\/X-[56]/i.test(claim);
    if (needsXmp && xmp === undefined) {
      this.issue('error', 'pdfx', `${label}: the catalog has no XMP metadata stream (/Metadata).`);
    } else if (needsXmp && !xmpVersion) {
      this.issue('error', 'pdfx', `${label}: the XMP metadata has no pdfxid:GTS_PDFXVersion (namespace ${NS_PDFXID}).`);
    } else if (xmpVersion && infoVersion && xmpVersion !== infoVersion) {
      this.issue('error', 'pdfx', `${label}: the XMP pdfxid:GTS_PDFXVersion "${xmpVersion}" differs from the Info /GTS_PDFXVersion "${infoVersion}".`);
    }
    if (level === 'x1a' && !infoVersion) {
      this.issue('error', 'pdfx', `${label}: the document information dictionary has no /GTS_PDFXVersion.`);
    }

    // Pages: both TrimBox and ArtBox (the missing-box case is the boxes check's).
    this.doc.getPages().forEach((p, i) => {
      if (p.node.has(PDFName.of('TrimBox')) && p.node.has(PDFName.of('ArtBox'))) {
        this.issue('warning', 'pdfx', `${label}: page ${i + 1} has both a TrimBox and an ArtBox; PDF/X expects one of them.`, { page: i + 1, object: refKey(p.ref) });
      }
    });

    // Version and, for X-1a, transparency and device-independent colour.
    const version = this.pdfVersion();
    if (level === 'x1a' && version > 1.4 + 1e-9) {
      this.issue('error', 'pdfx', `${label}: the file is PDF ${version.toFixed(1)}; PDF/X-1a allows at most PDF 1.4.`);
    } else if (level === 'x4' && version > 1.6 + 1e-9) {
      this.issue('warning', 'pdfx', `${label}: the file is PDF ${version.toFixed(1)}; PDF/X-4 is based on PDF 1.6.`);
    }
    if (level === 'x1a') {
      for (const t of this.transparency) {
        this.issue('error', 'pdfx', `${label} allows no transparency: on page ${t.page}, ${t.what}.`, { page: t.page, ...(t.object && !t.object.startsWith('/') ? { object: t.object } : {}) });
      }
      const independent = [...this.docSpaces].filter((s) => /^(ICCBased\(N=[14]\)|CalGray)/.test(s));
      if (independent.length) {
        this.issue('error', 'pdfx', `${label} allows only device CMYK, gray and spot colour, but the file uses ${independent.join(', ')}.`);
      }
    }
    return result;
  }

  private outputIntent(): { report?: { identifier: string; profileComponents?: number }; problem?: string } {
    const ctx = this.ctx;
    const intents = items(ctx, this.doc.catalog.get(PDFName.of('OutputIntents')));
    const pdfx = intents.find((i): i is PDFDict => i instanceof PDFDict && getName(ctx, i, 'S') === 'GTS_PDFX');
    if (!pdfx) {
      return { problem: intents.length ? 'the catalog has /OutputIntents, but none with /S /GTS_PDFX.' : 'the catalog has no /OutputIntents: the file does not say which printing condition it was made for.' };
    }
    const identifier = getText(ctx, pdfx, 'OutputConditionIdentifier') ?? '';
    const profile = get(ctx, pdfx, 'DestOutputProfile');
    const report: { identifier: string; profileComponents?: number } = { identifier };
    if (profile instanceof PDFStream) {
      const n = getNumber(ctx, profile.dict, 'N') ?? iccComponents(profile);
      if (n !== undefined) report.profileComponents = n;
      return { report };
    }
    if (profile !== undefined) return { report, problem: 'the output intent\'s /DestOutputProfile is not an ICC profile stream.' };
    if (!identifier.trim() || identifier.trim().toLowerCase() === 'custom') {
      return { report, problem: 'the output intent has neither an embedded ICC profile (/DestOutputProfile) nor a registered /OutputConditionIdentifier.' };
    }
    return { report };
  }

  private xmp(): string | undefined {
    const raw = resolve(this.ctx, this.doc.catalog.get(PDFName.of('Metadata')));
    if (!(raw instanceof PDFRawStream)) return undefined;
    try {
      return new TextDecoder('utf-8').decode(decodePDFRawStream(raw).decode());
    } catch {
      return undefined;
    }
  }

  private pdfVersion(): number {
    const head = Buffer.from(this.bytes.subarray(0, 1024)).toString('latin1');
    const m = /%PDF-(\d+\.\d+)/.exec(head);
    let v = m ? Number(m[1]) : 1.7;
    const cat = getName(this.ctx, this.doc.catalog, 'Version');
    if (cat && Number.isFinite(Number(cat)) && Number(cat) > v) v = Number(cat);
    return v;
  }
}

// ---------------------------------------------------------------------------------------------
// Helpers

function numberOf(o: PDFObject | undefined): number | undefined {
  return o instanceof PDFNumber ? o.asNumber() : undefined;
}

/** A content or image stream's bytes; Flate alone is inflated with zlib (much faster than pdf-lib's). */
function streamBytes(s: PDFRawStream): Uint8Array {
  const filter = s.dict.lookup(PDFName.of('Filter'));
  const single = filter instanceof PDFName ? filter : filter instanceof PDFArray && filter.size() === 1 ? filter.lookup(0) : undefined;
  if (single instanceof PDFName && single.decodeText() === 'FlateDecode') {
    try {
      return inflateSync(s.contents);
    } catch {
      // fall through to pdf-lib's more forgiving decoder
    }
  }
  return decodePDFRawStream(s).decode();
}

function streamText(s: PDFRawStream): string {
  try {
    return Buffer.from(streamBytes(s)).toString('latin1');
  } catch {
    return decodeLatin1(s);
  }
}

/** The number of components an ICC profile's header says its data colour space has. */
function iccComponents(s: PDFStream): number | undefined {
  if (!(s instanceof PDFRawStream)) return undefined;
  let head: Uint8Array;
  try {
    head = streamBytes(s).subarray(16, 20);
  } catch {
    return undefined;
  }
  const sig = Buffer.from(head).toString('latin1');
  return ({ 'CMYK': 4, 'RGB ': 3, 'GRAY': 1, 'Lab ': 3 } as Record<string, number>)[sig];
}

const FILTER_ABBREV: Record<string, string> = {
  AHx: 'ASCIIHexDecode',
  A85: 'ASCII85Decode',
  LZW: 'LZWDecode',
  Fl: 'FlateDecode',
  RL: 'RunLengthDecode',
  CCF: 'CCITTFaxDecode',
  DCT: 'DCTDecode',
};

/** An inline image's dictionary (between BI and ID), as a pdf-lib dictionary. */
function parseInlineDict(ctx: PDFContext, src: string): PDFDict {
  const tokens = src.match(/\/[^\s/[\]<>()]*|\[|\]|<<|>>|<[0-9A-Fa-f\s]*>|\((?:\\.|[^\\)])*\)|[^\s/[\]<>()]+/g) ?? [];
  let i = 0;
  const value = (): PDFObject | undefined => {
    const t = tokens[i++];
    if (t === undefined) return undefined;
    if (t.startsWith('/')) return PDFName.of(decodeName(t.slice(1)));
    if (t === '[') {
      const arr = PDFArray.withContext(ctx);
      while (i < tokens.length && tokens[i] !== ']') {
        const v = value();
        if (v) arr.push(v);
      }
      i++;
      return arr;
    }
    if (t === '<<') {
      const d = ctx.obj({});
      while (i < tokens.length && tokens[i] !== '>>') {
        const k = tokens[i++]!;
        const v = value();
        if (k.startsWith('/') && v) d.set(PDFName.of(decodeName(k.slice(1))), v);
      }
      i++;
      return d;
    }
    if (t.startsWith('<')) return PDFHexString.of(t.slice(1, -1).replace(/\s/g, ''));
    if (t.startsWith('(')) return PDFString.of(t.slice(1, -1));
    if (t === 'true' || t === 'false') return ctx.obj(t === 'true');
    const n = Number(t);
    return Number.isFinite(n) ? PDFNumber.of(n) : undefined;
  };
  const dict = ctx.obj({});
  while (i < tokens.length) {
    const k = tokens[i++]!;
    if (!k.startsWith('/')) continue;
    const v = value();
    if (v) dict.set(PDFName.of(decodeName(k.slice(1))), v);
  }
  return dict;
}

/** Max total area coverage (%) over an image's pixels, or why it cannot be measured. */
function measureImage(
  ctx: PDFContext,
  dict: PDFDict,
  space: Space,
  w: number,
  h: number,
  bpc: number,
  filters: string[],
  data: PDFRawStream | Uint8Array | undefined,
  inline: boolean,
): ImageInfo {
  const opaque = filters.find((f) => ['DCTDecode', 'JPXDecode', 'JBIG2Decode', 'CCITTFaxDecode'].includes(f));
  if (opaque) return { unmeasured: `it is ${opaque === 'DCTDecode' ? 'JPEG' : opaque} compressed, and only Flate-compressed or uncompressed samples are read` };
  if (data === undefined) return { unmeasured: 'its data could not be read' };
  if (![1, 2, 4, 8, 16].includes(bpc)) return { unmeasured: `it has ${bpc} bits per component` };
  let bytes: Uint8Array;
  try {
    if (data instanceof PDFRawStream) bytes = streamBytes(data);
    else if (filters.length === 0) bytes = data;
    else if (filters.length === 1 && filters[0] === 'FlateDecode') bytes = inflateSync(data);
    else return { unmeasured: `inline image filters ${filters.join(', ')} are not read` };
  } catch (e) {
    return { unmeasured: `its data could not be decoded (${e instanceof Error ? e.message : String(e)})` };
  }
  const indexed = space.base !== undefined;
  const n = indexed ? 1 : space.n;
  const parms = items(ctx, inline ? (get(ctx, dict, 'DecodeParms') ?? get(ctx, dict, 'DP')) : get(ctx, dict, 'DecodeParms')).at(-1);
  const predictor = parms instanceof PDFDict ? (getNumber(ctx, parms, 'Predictor') ?? 1) : 1;
  if (predictor >= 10) bytes = unPng(bytes, Math.ceil((w * n * bpc) / 8), Math.max(1, Math.ceil((n * bpc) / 8)));
  else if (predictor === 2) {
    if (bpc !== 8) return { unmeasured: 'it uses the TIFF predictor with other than 8 bits per component' };
    bytes = unTiff(bytes, w, n);
  }
  const rowBytes = Math.ceil((w * n * bpc) / 8);
  if (bytes.length < rowBytes * h) return { unmeasured: 'its data is shorter than its size says' };

  const decodeArr = items(ctx, inline ? (get(ctx, dict, 'Decode') ?? get(ctx, dict, 'D')) : get(ctx, dict, 'Decode')).map((x) => numberOf(x) ?? 0);
  const maxv = 2 ** bpc - 1;
  if (indexed) {
    const base = space.base!;
    const inks = base.inks;
    if (!inks || !space.lookup) return { unmeasured: 'its palette could not be read' };
    const hival = space.hival ?? 0;
    const pal: number[] = [];
    for (let k = 0; k <= hival; k++) {
      let sum = 0;
      for (let j = 0; j < base.n; j++) sum += ((space.lookup[k * base.n + j] ?? 0) / 255) * inks[j]!;
      pal.push(sum);
    }
    const used = new Uint8Array(hival + 1);
    for (let y = 0; y < h; y++) {
      for (let x = 0; x < w; x++) {
        let idx = sample(bytes, y * rowBytes, x, bpc);
        if (decodeArr.length >= 2) idx = Math.round(decodeArr[0]! + (idx * (decodeArr[1]! - decodeArr[0]!)) / maxv);
        if (idx >= 0 && idx <= hival) used[idx] = 1;
      }
    }
    let max = 0;
    for (let k = 0; k <= hival; k++) if (used[k] && pal[k]! > max) max = pal[k]!;
    return { coverage: Math.round(max * 10000) / 100 };
  }
  const inks = space.inks!;
  const dmin = inks.map((_, j) => (decodeArr.length >= 2 * n ? decodeArr[2 * j]! : 0));
  const dmax = inks.map((_, j) => (decodeArr.length >= 2 * n ? decodeArr[2 * j + 1]! : 1));
  let max = 0;
  if (bpc === 8 && decodeArr.length === 0) {
    // Fast path: integer sums of 8-bit samples.
    const weights = inks.map((k) => Math.round(k * 4)); // ink weights are 0, 1 or 4
    let maxRaw = 0;
    for (let y = 0; y < h; y++) {
      let p = y * rowBytes;
      for (let x = 0; x < w; x++) {
        let s = 0;
        for (let j = 0; j < n; j++) s += bytes[p++]! * weights[j]!;
        if (s > maxRaw) maxRaw = s;
      }
    }
    max = maxRaw / 255 / 4;
  } else {
    for (let y = 0; y < h; y++) {
      for (let x = 0; x < w; x++) {
        let s = 0;
        for (let j = 0; j < n; j++) {
          const v = sample(bytes, y * rowBytes, x * n + j, bpc) / maxv;
          s += (dmin[j]! + v * (dmax[j]! - dmin[j]!)) * inks[j]!;
        }
        if (s > max) max = s;
      }
    }
  }
  return { coverage: Math.round(max * 10000) / 100 };
}

/** The i-th sample of a row starting at byte `row`. */
function sample(bytes: Uint8Array, row: number, i: number, bpc: number): number {
  if (bpc === 8) return bytes[row + i] ?? 0;
  if (bpc === 16) return ((bytes[row + 2 * i] ?? 0) << 8) | (bytes[row + 2 * i + 1] ?? 0);
  const bit = i * bpc;
  const byte = bytes[row + (bit >> 3)] ?? 0;
  return (byte >> (8 - bpc - (bit & 7))) & ((1 << bpc) - 1);
}

/** Undoes PNG row predictors (Predictor ≥ 10): each row starts with a filter-type byte. */
function unPng(src: Uint8Array, rowBytes: number, bpp: number): Uint8Array {
  const rows = Math.floor(src.length / (rowBytes + 1));
  const out = new Uint8Array(rows * rowBytes);
  for (let r = 0; r < rows; r++) {
    const type = src[r * (rowBytes + 1)]!;
    const s = r * (rowBytes + 1) + 1;
    const o = r * rowBytes;
    const up = o - rowBytes;
    for (let i = 0; i < rowBytes; i++) {
      const a = i >= bpp ? out[o + i - bpp]! : 0;
      const b = r > 0 ? out[up + i]! : 0;
      const c = r > 0 && i >= bpp ? out[up + i - bpp]! : 0;
      const x = src[s + i]!;
      let v: number;
      switch (type) {
        case 1:
          v = x + a;
          break;
        case 2:
          v = x + b;
          break;
        case 3:
          v = x + ((a + b) >> 1);
          break;
        case 4: {
          const p = a + b - c;
          const pa = Math.abs(p - a);
          const pb = Math.abs(p - b);
          const pc = Math.abs(p - c);
          v = x + (pa <= pb && pa <= pc ? a : pb <= pc ? b : c);
          break;
        }
        default:
          v = x;
      }
      out[o + i] = v & 0xff;
    }
  }
  return out;
}

/** Undoes the TIFF predictor 2 for 8-bit samples. */
function unTiff(src: Uint8Array, w: number, n: number): Uint8Array {
  const out = new Uint8Array(src);
  const rowBytes = w * n;
  for (let r = 0; r + rowBytes <= out.length; r += rowBytes) {
    for (let i = n; i < rowBytes; i++) out[r + i] = (out[r + i]! + out[r + i - n]!) & 0xff;
  }
  return out;
}

