import { PDFDocument } from 'pdf-lib';
import { readDestinations } from '../pdf/objects.ts';

/** The printed PDF, parsed once for everything after it, and the page each destination (heading id) landed on. */
export async function readPrinted(pdf: Uint8Array): Promise<{ doc: PDFDocument; landed: Map<string, number> }> {
  const doc = await PDFDocument.load(pdf, { updateMetadata: false });
  return { doc, landed: readDestinations(doc) };
}
