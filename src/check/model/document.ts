/** Document-level facts: the catalog's entries, the document information, the XMP metadata. */
import { PDFDict, PDFName, PDFRawStream, type PDFDocument } from 'pdf-lib';
import { decodeLatin1, get, getDict, getName, getNumber, getText, readNumberTree, resolve } from '../../pdf/cos.ts';
import { escapeRe, namespacedProperty, prefixesFor } from '../../pdf/xmp.ts';
import type { Where } from '../rule.ts';

export interface DocumentFacts {
  where: Where;
  /** The file's first line ("%PDF-1.7"), from the bytes when they are known, else as pdf-lib read it. */
  header: string;
  /** The encryption dictionary's /P, when the file is encrypted (null when /P is missing). */
  encryption?: { p: number | null };
  /** The XFA configuration's dynamicRender value. */
  dynamicRender?: string;
  metadata: {
    /** The catalog has a /Metadata entry. */
    entry: boolean;
    stream: boolean;
    /** /Type /Metadata and /Subtype /XML. */
    typed: boolean;
    undecodable: boolean;
  };
  /** Absent when the catalog has no /MarkInfo dictionary. */
  markInfo?: { marked: boolean; suspects: boolean };
  /** Absent when the catalog has no /ViewerPreferences. */
  viewerPreferences?: { displayDocTitle: boolean };
  structTreeRoot: boolean;
  /** The document information dictionary's /Title. */
  infoTitle?: string;
  pageLabels: { present: boolean; startsAtFirstPage: boolean };
}

/** The XMP packet of the catalog's metadata stream (veraPDF's MainXMPPackage). */
export interface XmpFacts {
  where: Where;
  text: string;
  /** pdfuaid:part as written; absent when there is no PDF/UA identification schema. */
  uaPart?: string;
  /** The prefixes the identification schema's part, amd and corr properties are written with. */
  uaPrefixes: { part?: string; amd?: string; corr?: string };
  hasDcTitle: boolean;
  /** The packet has language alternatives with an x-default entry. */
  hasXDefault: boolean;
}

const NS_PDFUAID = 'http://www.aiim.org/pdfua/ns/id/';
const NS_DC = 'http://purl.org/dc/elements/1.1/';

export function readDocument(doc: PDFDocument, bytes?: Uint8Array): { document: DocumentFacts; xmp?: XmpFacts } {
  const ctx = doc.context;
  const catalog = doc.catalog;
  const raw = resolve(ctx, catalog.get(PDFName.of('Metadata')));
  const stream = raw instanceof PDFRawStream;
  const xmpText = stream ? decodeUtf8(raw) : undefined;
  const markInfo = getDict(ctx, catalog, 'MarkInfo');
  const vp = getDict(ctx, catalog, 'ViewerPreferences');
  const info = resolve(ctx, ctx.trailerInfo.Info);
  const encrypt = resolve(ctx, ctx.trailerInfo.Encrypt);
  const document: DocumentFacts = {
    where: {},
    header: headerOf(doc, bytes),
    encryption: encrypt instanceof PDFDict ? { p: getNumber(ctx, encrypt, 'P') ?? null } : undefined,
    metadata: {
      entry: raw !== undefined,
      stream,
      typed: stream && getName(ctx, raw.dict, 'Type') === 'Metadata' && getName(ctx, raw.dict, 'Subtype') === 'XML',
      undecodable: stream && xmpText === undefined,
    },
    markInfo: markInfo && { marked: isTrue(get(ctx, markInfo, 'Marked')), suspects: isTrue(get(ctx, markInfo, 'Suspects')) },
    viewerPreferences: vp && { displayDocTitle: isTrue(get(ctx, vp, 'DisplayDocTitle')) },
    structTreeRoot: getDict(ctx, catalog, 'StructTreeRoot') !== undefined,
    infoTitle: info instanceof PDFDict ? getText(ctx, info, 'Title') : undefined,
    pageLabels: {
      present: catalog.has(PDFName.of('PageLabels')),
      startsAtFirstPage: readNumberTree(ctx, getDict(ctx, catalog, 'PageLabels')).has(0),
    },
  };
  return { document, xmp: xmpText === undefined ? undefined : readXmp(xmpText) };
}

function headerOf(doc: PDFDocument, bytes: Uint8Array | undefined): string {
  const text = bytes ? Buffer.from(bytes.subarray(0, 1024)).toString('latin1') : doc.context.header.toString();
  const start = text.indexOf('%PDF-');
  return /^[^\r\n]*/.exec(text.slice(Math.max(0, start)))![0];
}

function isTrue(o: unknown): boolean {
  return (o as { toString(): string } | undefined)?.toString() === 'true';
}

function decodeUtf8(s: PDFRawStream): string | undefined {
  const latin1 = decodeLatin1(s);
  if (latin1 === '' && s.getContentsSize() > 0) return undefined;
  return Buffer.from(latin1, 'latin1').toString('utf8');
}

export function readXmp(text: string): XmpFacts {
  const [part, amd, corr] = ['part', 'amd', 'corr'].map((p) => namespacedProperty(text, NS_PDFUAID, p));
  const dcTitle = prefixesFor(text, NS_DC).map((p) => new RegExp(`<${escapeRe(p)}:title[\\s>/]|\\s${escapeRe(p)}:title\\s*=`));
  return {
    where: {},
    text,
    uaPart: part?.value,
    uaPrefixes: { part: part?.prefix, amd: amd?.prefix, corr: corr?.prefix },
    hasDcTitle: dcTitle.some((re) => re.test(text)),
    hasXDefault: /xml:lang\s*=\s*["']x-default["']/.test(text),
  };
}
