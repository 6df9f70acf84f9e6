import { PDFDict, PDFDocument, PDFHexString, PDFName, PDFString } from 'pdf-lib';
import { diagnostic, FolioError } from './diagnostics.ts';

export interface DocumentInfo {
  title: string;
  authors: string[];
  subject: string;
  keywords: string[];
  lang: string;
  producer: string;
  creator: string;
  /** When the document was made; the same date for the same inputs keeps builds reproducible. */
  date?: Date;
}

/** Bytes in, bytes out: sets the document information and the language; keeps the structure tree. */
export async function postProcess(pdf: Uint8Array, info: DocumentInfo): Promise<Uint8Array> {
  try {
    const doc = await PDFDocument.load(pdf, { updateMetadata: false });
    doc.setTitle(info.title, { showInWindowTitleBar: true });
    doc.setAuthor(info.authors.join('; '));
    doc.setSubject(info.subject);
    // pdf-lib joins keywords with spaces, which merges multi-word keywords; a semicolon keeps them apart.
    (doc as unknown as { getInfoDict(): PDFDict }).getInfoDict().set(PDFName.of('Keywords'), PDFHexString.fromText(info.keywords.join('; ')));
    doc.setProducer(info.producer);
    doc.setCreator(info.creator);
    if (info.date) {
      doc.setCreationDate(info.date);
      doc.setModificationDate(info.date);
    }
    doc.catalog.set(PDFName.of('Lang'), PDFString.of(info.lang));
    return await doc.save({ useObjectStreams: true });
  } catch (e) {
    throw new FolioError(diagnostic('postprocess/failed', { reason: (e as Error).message }), { cause: e });
  }
}
