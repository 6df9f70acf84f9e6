/**
 * Print-ready PDFs built from scratch with pdf-lib, for the print preflight's tests: a clean
 * PDF/X-4 file (boxes with 9 pt bleed, CMYK-only content, a Type3 font, a CMYK image at 400 ppi,
 * crop marks in the slug, an output intent with a CMYK ICC profile, /Trapped and XMP), and hooks
 * to break exactly one thing.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';
import { PDFContext, PDFDict, PDFDocument, PDFName, PDFRef, PDFString } from 'pdf-lib';
import { addBoxFont } from './pdf-fixtures.ts';

export const MEDIA = [0, 0, 684, 864];
export const BLEED = [27, 27, 657, 837];
export const TRIM = [36, 36, 648, 828];

export interface PrintPage {
  dict: PDFDict;
  ref: PDFRef;
  resources: PDFDict;
}

export interface PrintFixture {
  doc: PDFDocument;
  ctx: PDFContext;
  catalog: PDFDict;
  info: PDFDict;
  pages: PrintPage[];
  font: PDFDict;
  /** The clean CMYK image (/Im1 on every page). */
  imageRef: PDFRef;
  outputIntent: PDFDict;
  /** Adds an XObject (or other resource) to a page's resources under `category`. */
  addResource(page: number, category: string, name: string, obj: PDFDict | PDFRef): void;
}

export interface PrintFixtureOptions {
  /** Number of pages (default 1). */
  pages?: number;
  /** Rewrites a page's content stream (page is 1-based). */
  content?: (page: number, text: string) => string;
  /** /GTS_PDFXVersion in Info and XMP; null for none. Default "PDF/X-4". */
  pdfx?: string | null;
  /** The header's PDF version (default 1.6). */
  version?: string;
  /** Rewrites the XMP packet. */
  xmp?: (xmp: string) => string;
  /** Any other change, made after everything is built and before saving. */
  edit?: (f: PrintFixture) => void;
}

/** Crop marks in the slug (outside the BleedBox), 400 % registration black, as printer's marks. */
export const CROP_MARKS = [
  '/Artifact <</Type /Pagination /Subtype /PrinterMarks>> BDC',
  'q 1 1 1 1 K 0.25 w',
  '0 36 m 18 36 l S 36 0 m 36 18 l S',
  '666 36 m 684 36 l S 648 0 m 648 18 l S',
  '0 828 m 18 828 l S 36 846 m 36 864 l S',
  '666 828 m 684 828 l S 648 846 m 648 864 l S',
  'Q',
  'EMC',
].join('\n');

export const CLEAN_CONTENT = [
  // A 10 % black background out to the bleed.
  'q 0 0 0 0.1 k 27 27 630 810 re f Q',
  // Text in the Type3 font, 100 % black.
  'q 0 0 0 1 k BT /F1 24 Tf 72 760 Td (Annual report) Tj ET Q',
  // A rich colour at 280 %: within the 300 % limit.
  'q 1 1 0.8 0 k 72 600 200 100 re f Q',
  // A 0.5 pt rule.
  'q 0 0 0 1 K 0.5 w 72 580 m 540 580 l S Q',
  // The 8×8 px CMYK image at 0.02 in: 400 ppi.
  'q 1.44 0 0 1.44 300 400 cm /Im1 Do Q',
  CROP_MARKS,
].join('\n');

export function xmpPacket(pdfx: string | null): string {
  return `<?xpacket begin="\u{feff}" id="W5M0MpCehiHzreSzNTczkc9d"?>
<x:xmpmeta xmlns:x="adobe:ns:meta/">
  <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
    <rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:pdf="http://ns.adobe.com/pdf/1.3/">
      <dc:format>application/pdf</dc:format>
      <dc:title><rdf:Alt><rdf:li xml:lang="x-default">Annual report</rdf:li></rdf:Alt></dc:title>
      <pdf:Trapped>False</pdf:Trapped>
    </rdf:Description>${
      pdfx
        ? `
    <rdf:Description rdf:about="" xmlns:pdfxid="http://www.npes.org/pdfx/ns/id/">
      <pdfxid:GTS_PDFXVersion>${pdfx}</pdfxid:GTS_PDFXVersion>
    </rdf:Description>`
        : ''
    }
  </rdf:RDF>
</x:xmpmeta>
<?xpacket end="w"?>`;
}

/** Ghostscript's CMYK output profile if installed, else a header-only stand-in (enough for the preflight). */
export function cmykProfile(): Uint8Array {
  const root = '/usr/share/ghostscript';
  if (existsSync(root)) {
    for (const v of readdirSync(root)) {
      const f = `${root}/${v}/iccprofiles/default_cmyk.icc`;
      if (existsSync(f)) return readFileSync(f);
    }
  }
  const head = new Uint8Array(128);
  head.set(Buffer.from('prtrCMYKLab ', 'latin1'), 12);
  head.set(Buffer.from('acsp', 'latin1'), 36);
  new DataView(head.buffer).setUint32(0, 128);
  return head;
}

export interface ImageOptions {
  width: number;
  height: number;
  colorSpace?: string | PDFRef | unknown[];
  /** Components per pixel (default from colorSpace: 1, 3 or 4). */
  components?: number;
  /** Component values (0–255) of pixel (x, y). */
  pixel: (x: number, y: number) => number[];
  /** Stored uncompressed, Flate (default) or as pretend JPEG bytes (never decoded by the preflight). */
  filter?: 'none' | 'flate' | 'dct';
  extra?: Record<string, unknown>;
}

/** Registers an 8-bit image XObject and returns its reference. */
export function addImage(ctx: PDFContext, o: ImageOptions): PDFRef {
  const cs = o.colorSpace ?? 'DeviceCMYK';
  const n = o.components ?? (cs === 'DeviceRGB' ? 3 : cs === 'DeviceGray' ? 1 : 4);
  const data = new Uint8Array(o.width * o.height * n);
  for (let y = 0; y < o.height; y++) {
    for (let x = 0; x < o.width; x++) data.set(o.pixel(x, y).slice(0, n), (y * o.width + x) * n);
  }
  const dict: Record<string, unknown> = {
    Type: 'XObject',
    Subtype: 'Image',
    Width: o.width,
    Height: o.height,
    ColorSpace: cs,
    BitsPerComponent: 8,
    ...o.extra,
  };
  const filter = o.filter ?? 'flate';
  if (filter === 'flate') dict.Filter = 'FlateDecode';
  if (filter === 'dct') dict.Filter = 'DCTDecode';
  const bytes = filter === 'flate' ? deflateSync(data) : filter === 'dct' ? new Uint8Array([0xff, 0xd8, 0xff, 0xd9]) : data;
  return ctx.register(ctx.stream(bytes, dict as never));
}

export async function makePrintPdf(options: PrintFixtureOptions = {}): Promise<Uint8Array> {
  const doc = await PDFDocument.create({ updateMetadata: false });
  const ctx = doc.context;
  const catalog = doc.catalog;
  const N = (s: string) => PDFName.of(s);
  const S = (s: string) => PDFString.of(s);

  const fontRef = addBoxFont(ctx);
  const font = ctx.lookup(fontRef, PDFDict);

  // An 8×8 CMYK image, at most 290 % (one pixel), otherwise 100 % black.
  const imageRef = addImage(ctx, {
    width: 8,
    height: 8,
    pixel: (x, y) => (x === 3 && y === 5 ? [255, 255, 230, 0] : [0, 0, 0, 255]),
  });

  const pages: PrintPage[] = [];
  const count = options.pages ?? 1;
  for (let i = 0; i < count; i++) {
    const page = doc.addPage([MEDIA[2]!, MEDIA[3]!]);
    const resources = ctx.obj({ Font: { F1: fontRef }, XObject: { Im1: imageRef } });
    page.node.set(N('Resources'), resources);
    page.node.set(N('MediaBox'), ctx.obj(MEDIA));
    page.node.set(N('BleedBox'), ctx.obj(BLEED));
    page.node.set(N('TrimBox'), ctx.obj(TRIM));
    pages.push({ dict: page.node, ref: page.ref, resources });
  }

  // Output intent, Info and XMP.
  const pdfx = options.pdfx === undefined ? 'PDF/X-4' : options.pdfx;
  const profile = ctx.register(ctx.flateStream(cmykProfile(), { N: 4 }));
  const outputIntent = ctx.obj({ Type: 'OutputIntent', S: 'GTS_PDFX', DestOutputProfile: profile });
  outputIntent.set(N('OutputConditionIdentifier'), S('CGATS TR 001'));
  outputIntent.set(N('OutputCondition'), S('SWOP (Publication) Grade 5 Paper'));
  outputIntent.set(N('RegistryName'), S('http://www.color.org'));
  catalog.set(N('OutputIntents'), ctx.obj([ctx.register(outputIntent)]));
  doc.setTitle('Annual report');
  const info = ctx.lookup(ctx.trailerInfo.Info) as PDFDict;
  if (pdfx) info.set(N('GTS_PDFXVersion'), S(pdfx));
  info.set(N('Trapped'), N('False'));
  const xmp = (options.xmp ?? ((x) => x))(xmpPacket(pdfx));
  catalog.set(N('Metadata'), ctx.register(ctx.stream(xmp, { Type: 'Metadata', Subtype: 'XML' })));

  pages.forEach((page, i) => {
    const text = options.content ? options.content(i + 1, CLEAN_CONTENT) : CLEAN_CONTENT;
    page.dict.set(N('Contents'), ctx.register(ctx.flateStream(text)));
  });

  const fixture: PrintFixture = {
    doc,
    ctx,
    catalog,
    info,
    pages,
    font,
    imageRef,
    outputIntent,
    addResource(page, category, name, obj) {
      const res = pages[page - 1]!.resources;
      let d = res.get(N(category));
      if (!(d instanceof PDFDict)) {
        d = ctx.obj({});
        res.set(N(category), d);
      }
      (d as PDFDict).set(N(name), obj);
    },
  };
  options.edit?.(fixture);
  const bytes = await doc.save({ useObjectStreams: false });
  // pdf-lib always writes %PDF-1.7: patch the header (same length, so offsets still hold).
  const version = options.version ?? '1.6';
  bytes.set(Buffer.from(`%PDF-${version}`, 'latin1'), 0);
  return bytes;
}
