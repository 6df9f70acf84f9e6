/** A corrected edition's document info, and reading a PDF's dates back: for the metadata and print-edition tests. */
import { PDFDocument, PDFName, PDFRawStream, PDFString, type PDFDict } from 'pdf-lib';
import type { DocumentInfo } from '../src/pdf/post/metadata.ts';

export const correctedInfo: DocumentInfo = {
  title: 'Example — Annual Report 2023',
  authors: ['Example'],
  description: 'A report.',
  subject: 'A report.',
  keywords: ['example'],
  lang: 'en-US',
  producer: 'folio test',
  creator: 'folio test',
  revision: 3,
  dates: {
    created: new Date('2024-03-01T00:00:00Z'),
    modified: new Date('2026-12-01T00:00:00Z'),
    history: [
      { when: new Date('2026-11-27T00:00:00Z'), revision: 2, note: 'Revision 2: corrected Total assets from $5,764K to $5,769K' },
      { when: new Date('2026-12-01T00:00:00Z'), revision: 3, note: 'Revision 3: corrected In-person attendees from 2,159 to 2,186 & <more>' },
    ],
  },
  claims: { pdfua: true },
};

/** The XMP packet and the Info dictionary's dates of a saved PDF, read back. */
export async function readDates(bytes: Uint8Array) {
  const doc = await PDFDocument.load(bytes, { updateMetadata: false });
  const stream = doc.context.lookup(doc.catalog.get(PDFName.of('Metadata'))) as PDFRawStream;
  const info = doc.context.lookup(doc.context.trailerInfo.Info) as PDFDict;
  const raw = (key: string) => (info.lookup(PDFName.of(key)) as PDFString).asString();
  return { xmp: Buffer.from(stream.getContents()).toString('utf8'), creationDate: raw('CreationDate'), modDate: raw('ModDate') };
}

/** Every value of a simple XMP element. */
export const tag = (xmp: string, name: string) => [...xmp.matchAll(new RegExp(`<${name}>([^<]*)</${name}>`, 'g'))].map((m) => m[1]);
