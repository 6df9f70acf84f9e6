import { createHash } from 'node:crypto';
import { PDFArray, PDFDict, PDFDocument, PDFHexString, PDFName, PDFString } from 'pdf-lib';
import { pdfText } from '../objects.ts';
import type { EditionDates } from '../../util/shapes.ts';

export interface DocumentInfo {
  title: string;
  authors: string[];
  description: string;
  subject: string;
  keywords: string[];
  lang: string;
  producer: string;
  creator: string;
  /** The first edition's date, this edition's, and the revisions between: from the data, so builds are reproducible. */
  dates: EditionDates;
  /** The report's revision (1 for the first publication; each date with corrections adds one). */
  revision: number;
  /** What the file claims to conform to: PDF/UA-1 (the screen edition) or a PDF/X (print). */
  claims: { pdfua?: boolean; pdfx?: 'x4' | 'x1a' };
}

/** How each PDF/X version is named in the Info dictionary and in XMP. */
export const PDFX_NAMES = {
  x4: { version: 'PDF/X-4', conformance: undefined },
  x1a: { version: 'PDF/X-1:2001', conformance: 'PDF/X-1a:2001' },
} as const;

/**
 * The document's metadata in both places readers look (the Info dictionary and an XMP stream, which
 * PDF/UA-1 requires, saying `pdfuaid:part 1`), the language, and the title shown in the window.
 */
export function setMetadata(doc: PDFDocument, info: DocumentInfo): void {
  doc.setTitle(info.title, { showInWindowTitleBar: true });
  doc.setAuthor(info.authors.join('; '));
  doc.setSubject(info.subject);
  // pdf-lib joins keywords with spaces, which merges multi-word keywords; a semicolon keeps them apart.
  (doc as unknown as { getInfoDict(): PDFDict }).getInfoDict().set(PDFName.of('Keywords'), pdfText(info.keywords.join('; ')));
  doc.setProducer(info.producer);
  doc.setCreator(info.creator);
  doc.setCreationDate(info.dates.created);
  doc.setModificationDate(info.dates.modified);
  doc.catalog.set(PDFName.of('Lang'), PDFString.of(info.lang));
  (doc as unknown as { getInfoDict(): PDFDict }).getInfoDict().set(PDFName.of('Revision'), PDFString.of(String(info.revision)));
  if (info.claims.pdfx) {
    const names = PDFX_NAMES[info.claims.pdfx];
    const infoDict = (doc as unknown as { getInfoDict(): PDFDict }).getInfoDict();
    infoDict.set(PDFName.of('GTS_PDFXVersion'), PDFString.of(names.version));
    if (names.conformance) infoDict.set(PDFName.of('GTS_PDFXConformance'), PDFString.of(names.conformance));
    infoDict.set(PDFName.of('Trapped'), PDFName.of('False'));
  }

  const xmp = doc.context.stream(Buffer.from(xmpPacket(info), 'utf8'), { Type: 'Metadata', Subtype: 'XML' });
  doc.catalog.set(PDFName.of('Metadata'), doc.context.register(xmp));
}

/**
 * A document ID made from the content, not from the clock or chance: the same bytes in, the same
 * ID out (ISO 32000-1, 14.4: both halves are the same for a file that was never updated).
 */
export function setDocumentId(doc: PDFDocument, content: Uint8Array): void {
  const id = PDFHexString.of(createHash('md5').update(content).digest('hex'));
  doc.context.trailerInfo.ID = PDFArray.withContext(doc.context);
  (doc.context.trailerInfo.ID as PDFArray).push(id);
  (doc.context.trailerInfo.ID as PDFArray).push(id);
}

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

const xmpDate = (d: Date) => d.toISOString().replace(/\.\d{3}Z$/, 'Z');

/**
 * A UUID URN made from what identifies a document (its title and first date) and, for an instance,
 * its revision: the same document keeps its DocumentID across corrected editions, and each
 * edition has an InstanceID of its own (XMP Part 1, 8.2.2.5 xmpMM).
 */
function uuidOf(...parts: (string | number)[]): string {
  const id = createHash('sha256').update(parts.join('\n')).digest('hex');
  return `uuid:${id.slice(0, 8)}-${id.slice(8, 12)}-${id.slice(12, 16)}-${id.slice(16, 20)}-${id.slice(20, 32)}`;
}

/**
 * xmpMM:History: one ResourceEvent (XMP Part 2, 8.2.2.2 stEvt) per corrected edition, saying when it
 * was saved, that its content changed, and what it corrected.
 */
function historyXml(info: DocumentInfo, documentKey: string): string {
  if (info.dates.history.length === 0) return '';
  const events = info.dates.history.map(
    (h) =>
      `<rdf:li rdf:parseType="Resource"><stEvt:action>saved</stEvt:action><stEvt:when>${xmpDate(h.when)}</stEvt:when>` +
      `<stEvt:instanceID>${uuidOf(documentKey, h.revision)}</stEvt:instanceID><stEvt:changed>/content</stEvt:changed>` +
      `<stEvt:parameters>${esc(h.note)}</stEvt:parameters></rdf:li>`,
  );
  return `<xmpMM:History><rdf:Seq>${events.join('')}</rdf:Seq></xmpMM:History>`;
}

export function xmpPacket(info: DocumentInfo): string {
  const created = xmpDate(info.dates.created);
  const modified = xmpDate(info.dates.modified);
  const documentKey = `${info.title}\n${created}`;
  const uuid = uuidOf(documentKey);
  const pdfx = info.claims.pdfx && PDFX_NAMES[info.claims.pdfx];
  const claims = [
    info.claims.pdfua ? '<pdfuaid:part>1</pdfuaid:part>' : '',
    pdfx && info.claims.pdfx === 'x4' ? `<pdfxid:GTS_PDFXVersion>${pdfx.version}</pdfxid:GTS_PDFXVersion>` : '',
    pdfx && info.claims.pdfx === 'x1a' ? `<pdfx:GTS_PDFXVersion>${pdfx.version}</pdfx:GTS_PDFXVersion><pdfx:GTS_PDFXConformance>${pdfx.conformance}</pdfx:GTS_PDFXConformance>` : '',
    pdfx ? '<pdf:Trapped>False</pdf:Trapped>' : '',
  ]
    .filter(Boolean)
    .join('\n   ');
  const alt = (s: string) => `<rdf:Alt><rdf:li xml:lang="x-default">${esc(s)}</rdf:li></rdf:Alt>`;
  const items = (list: string[]) => list.map((s) => `<rdf:li>${esc(s)}</rdf:li>`).join('');
  return `<?xpacket begin="\uFEFF" id="W5M0MpCehiHzreSzNTczkc9d"?>
<x:xmpmeta xmlns:x="adobe:ns:meta/">
 <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
  <rdf:Description rdf:about=""
    xmlns:dc="http://purl.org/dc/elements/1.1/"
    xmlns:xmp="http://ns.adobe.com/xap/1.0/"
    xmlns:pdf="http://ns.adobe.com/pdf/1.3/"
    xmlns:xmpMM="http://ns.adobe.com/xap/1.0/mm/"
    xmlns:stEvt="http://ns.adobe.com/xap/1.0/sType/ResourceEvent#"
    xmlns:pdfuaid="http://www.aiim.org/pdfua/ns/id/"
    xmlns:pdfxid="http://www.npes.org/pdfx/ns/id/"
    xmlns:pdfx="http://ns.adobe.com/pdfx/1.3/">
   <dc:format>application/pdf</dc:format>
   <dc:title>${alt(info.title)}</dc:title>
   <dc:creator><rdf:Seq>${items(info.authors)}</rdf:Seq></dc:creator>
   <dc:description>${alt(info.description)}</dc:description>
   <dc:language><rdf:Bag>${items([info.lang])}</rdf:Bag></dc:language>
   <dc:subject><rdf:Bag>${items(info.keywords)}</rdf:Bag></dc:subject>
   <xmp:CreateDate>${created}</xmp:CreateDate>
   <xmp:ModifyDate>${modified}</xmp:ModifyDate>
   <xmp:MetadataDate>${modified}</xmp:MetadataDate>
   <xmp:CreatorTool>${esc(info.creator)}</xmp:CreatorTool>
   <pdf:Producer>${esc(info.producer)}</pdf:Producer>
   <pdf:Keywords>${esc(info.keywords.join('; '))}</pdf:Keywords>
   <xmpMM:DocumentID>${uuid}</xmpMM:DocumentID>
   <xmpMM:InstanceID>${info.revision > 1 ? uuidOf(documentKey, info.revision) : uuid}</xmpMM:InstanceID>
   <xmpMM:VersionID>${info.revision}</xmpMM:VersionID>
   <xmpMM:RenditionClass>default</xmpMM:RenditionClass>
   ${historyXml(info, documentKey)}
   ${claims}
  </rdf:Description>
 </rdf:RDF>
</x:xmpmeta>
<?xpacket end="r"?>`;
}
