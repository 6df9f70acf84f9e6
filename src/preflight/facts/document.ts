/**
 * The document-level facts PDF/X asks about (ISO 15930-7, 6.1–6.2): the /GTS_PDFXVersion claim in
 * the Info dictionary and in the XMP (pdfxid), /Trapped, the output intents and the PDF version.
 */
import { decodePDFRawStream, PDFDict, PDFName, PDFRawStream, PDFStream, type PDFContext, type PDFDocument } from 'pdf-lib';
import { get, getName, getNumber, getText, items, nameOf, resolve } from '../../pdf/cos.ts';
import { prefixFor, xmpProperty } from '../../pdf/xmp.ts';
import type { DocumentFacts, OutputIntentFacts } from '../facts.ts';
import { iccComponents } from './stream-bytes.ts';

export const NS_PDFXID = 'http://www.npes.org/pdfx/ns/id/';

export function readDocument(doc: PDFDocument, bytes: Uint8Array): DocumentFacts {
  const ctx = doc.context;
  const info = resolve(ctx, ctx.trailerInfo.Info);
  const infoDict = info instanceof PDFDict ? info : undefined;
  const xmp = readXmp(ctx, doc.catalog);
  const prefix = xmp !== undefined ? prefixFor(xmp, NS_PDFXID) : undefined;
  const trapped = get(ctx, infoDict, 'Trapped');
  const facts: DocumentFacts = {
    hasXmp: xmp !== undefined,
    trapped: { present: trapped !== undefined },
    outputIntents: readOutputIntents(ctx, doc.catalog),
    version: pdfVersion(ctx, doc.catalog, bytes),
  };
  const infoVersion = getText(ctx, infoDict, 'GTS_PDFXVersion');
  const conformance = getText(ctx, infoDict, 'GTS_PDFXConformance');
  const xmpVersion = xmp !== undefined && prefix ? xmpProperty(xmp, prefix, 'GTS_PDFXVersion')?.trim() : undefined;
  const trappedName = nameOf(trapped);
  if (infoVersion !== undefined) facts.infoVersion = infoVersion;
  if (conformance !== undefined) facts.conformance = conformance;
  if (xmpVersion !== undefined) facts.xmpVersion = xmpVersion;
  if (trappedName !== undefined) facts.trapped.name = trappedName;
  return facts;
}

function readXmp(ctx: PDFContext, catalog: PDFDict): string | undefined {
  const raw = resolve(ctx, catalog.get(PDFName.of('Metadata')));
  if (!(raw instanceof PDFRawStream)) return undefined;
  try {
    return new TextDecoder('utf-8').decode(decodePDFRawStream(raw).decode());
  } catch {
    return undefined;
  }
}

function readOutputIntents(ctx: PDFContext, catalog: PDFDict): OutputIntentFacts {
  const intents = items(ctx, catalog.get(PDFName.of('OutputIntents')));
  const pdfx = intents.find((i): i is PDFDict => i instanceof PDFDict && getName(ctx, i, 'S') === 'GTS_PDFX');
  if (!pdfx) return { count: intents.length };
  const profile = get(ctx, pdfx, 'DestOutputProfile');
  const out: OutputIntentFacts = {
    count: intents.length,
    pdfx: { identifier: getText(ctx, pdfx, 'OutputConditionIdentifier') ?? '', profile: profile instanceof PDFStream ? 'stream' : profile === undefined ? 'none' : 'other' },
  };
  if (profile instanceof PDFStream) {
    const n = getNumber(ctx, profile.dict, 'N') ?? iccComponents(profile);
    if (n !== undefined) out.pdfx!.profileComponents = n;
  }
  return out;
}

function pdfVersion(ctx: PDFContext, catalog: PDFDict, bytes: Uint8Array): number {
  const head = Buffer.from(bytes.subarray(0, 1024)).toString('latin1');
  const m = /%PDF-(\d+\.\d+)/.exec(head);
  const header = m ? Number(m[1]) : 1.7;
  const cat = Number(getName(ctx, catalog, 'Version'));
  return Number.isFinite(cat) && cat > header ? cat : header;
}
