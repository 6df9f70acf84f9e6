import { describe, expect, it } from 'vitest';
import { PDFDict, PDFDocument, PDFHexString, PDFName, PDFRawStream, PDFString } from 'pdf-lib';
import { setMetadata, xmpPacket, type DocumentInfo } from '../../../../src/pdf/post/metadata.ts';
import { correctedInfo, readDates, tag } from '../../../edition-fixtures.ts';

/** A first edition with two authors, two multi-word keywords, and markup characters in its texts. */
const firstInfo: DocumentInfo = {
  title: 'Q3 "Outlook" & <Notes>',
  authors: ['Ann Lee', 'Bo Chen'],
  description: 'Quarterly "report".',
  subject: 'Quarterly figures',
  keywords: ['annual report', 'finance'],
  lang: 'en-GB',
  producer: 'folio 1.0',
  creator: 'folio <cli>',
  revision: 1,
  dates: { created: new Date('2024-03-01T09:30:15.250Z'), modified: new Date('2024-03-01T09:30:15.250Z'), history: [] },
  claims: { pdfua: true },
};

/** The Info dictionary, catalog and XMP stream of a document after setMetadata, saved and read back. */
async function written(info: DocumentInfo) {
  const doc = await PDFDocument.create();
  doc.addPage();
  setMetadata(doc, info);
  const back = await PDFDocument.load(await doc.save(), { updateMetadata: false });
  const infoDict = back.context.lookup(back.context.trailerInfo.Info) as PDFDict;
  const entry = (key: string) => {
    const v = infoDict.lookup(PDFName.of(key));
    return v instanceof PDFString || v instanceof PDFHexString ? v.decodeText() : v?.toString();
  };
  const stream = back.context.lookup(back.catalog.get(PDFName.of('Metadata'))) as PDFRawStream;
  return { back, infoDict, entry, stream, xmp: Buffer.from(stream.getContents()).toString('utf8') };
}

describe('setMetadata', () => {
  it('writes the first edition as the creation date, this one as the modification date, and the history of revisions', async () => {
    const doc = await PDFDocument.create();
    doc.addPage();
    setMetadata(doc, correctedInfo);
    const { xmp, creationDate, modDate } = await readDates(await doc.save());
    expect([creationDate, modDate]).toEqual(["D:20240301000000Z", "D:20261201000000Z"]);
    expect(tag(xmp, 'xmp:CreateDate')).toEqual(['2024-03-01T00:00:00Z']);
    expect(tag(xmp, 'xmp:ModifyDate')).toEqual(['2026-12-01T00:00:00Z']);
    expect(tag(xmp, 'xmp:MetadataDate')).toEqual(['2026-12-01T00:00:00Z']);
    expect(xmp).toContain('xmlns:stEvt="http://ns.adobe.com/xap/1.0/sType/ResourceEvent#"');
    expect(tag(xmp, 'stEvt:action')).toEqual(['saved', 'saved']);
    expect(tag(xmp, 'stEvt:when')).toEqual(['2026-11-27T00:00:00Z', '2026-12-01T00:00:00Z']);
    expect(tag(xmp, 'stEvt:changed')).toEqual(['/content', '/content']);
    expect(tag(xmp, 'stEvt:parameters')).toEqual(['Revision 2: corrected Total assets from $5,764K to $5,769K', 'Revision 3: corrected In-person attendees from 2,159 to 2,186 &amp; &lt;more&gt;']);
    expect(xmp).toMatch(/<xmpMM:History><rdf:Seq>(<rdf:li rdf:parseType="Resource">.*?<\/rdf:li>){2}<\/rdf:Seq><\/xmpMM:History>/);
  });

  it('keeps the document ID across editions and gives each edition its own instance ID, the one its history entry names', () => {
    const corrected = xmpPacket(correctedInfo);
    const first = xmpPacket({ ...correctedInfo, revision: 1, dates: { ...correctedInfo.dates, modified: correctedInfo.dates.created, history: [] } });
    expect(tag(corrected, 'xmpMM:DocumentID')).toEqual(tag(first, 'xmpMM:DocumentID'));
    expect(tag(corrected, 'xmpMM:InstanceID')).not.toEqual(tag(first, 'xmpMM:InstanceID'));
    expect(tag(corrected, 'xmpMM:InstanceID')).toEqual(tag(corrected, 'stEvt:instanceID').slice(-1));
    expect(first).not.toContain('xmpMM:History');
  });

  it('fills the Info dictionary: authors and keywords kept apart by semicolons, subject, producer, creator, revision', async () => {
    const { entry } = await written(firstInfo);
    expect(entry('Title')).toBe('Q3 "Outlook" & <Notes>');
    expect(entry('Author')).toBe('Ann Lee; Bo Chen');
    expect(entry('Subject')).toBe('Quarterly figures');
    expect(entry('Keywords')).toBe('annual report; finance');
    expect(entry('Producer')).toBe('folio 1.0');
    expect(entry('Creator')).toBe('folio <cli>');
    expect(entry('Revision')).toBe('1');
    expect(entry('GTS_PDFXVersion')).toBeUndefined();
    expect(entry('Trapped')).toBeUndefined();
  });

  it('sets the language on the catalog and asks viewers to show the title, not the file name, in the window', async () => {
    const { back } = await written(firstInfo);
    expect((back.catalog.lookup(PDFName.of('Lang')) as PDFString).decodeText()).toBe('en-GB');
    const prefs = back.catalog.lookup(PDFName.of('ViewerPreferences')) as PDFDict;
    expect(prefs.get(PDFName.of('DisplayDocTitle'))?.toString()).toBe('true');
  });

  it('attaches the XMP packet as an XML metadata stream on the catalog', async () => {
    const { stream, xmp } = await written(firstInfo);
    expect(stream.dict.get(PDFName.of('Type'))).toBe(PDFName.of('Metadata'));
    expect(stream.dict.get(PDFName.of('Subtype'))).toBe(PDFName.of('XML'));
    expect(xmp.startsWith('<?xpacket begin="\uFEFF" id="W5M0MpCehiHzreSzNTczkc9d"?>')).toBe(true);
    expect(tag(xmp, 'pdf:Keywords')).toEqual(['annual report; finance']);
    expect(tag(xmp, 'pdfuaid:part')).toEqual(['1']);
  });

  it('claims PDF/X-1a in the Info dictionary with its conformance level, and says the file is not trapped', async () => {
    const { entry, infoDict, xmp } = await written({ ...firstInfo, claims: { pdfx: 'x1a' } });
    expect(entry('GTS_PDFXVersion')).toBe('PDF/X-1:2001');
    expect(entry('GTS_PDFXConformance')).toBe('PDF/X-1a:2001');
    expect(infoDict.get(PDFName.of('Trapped'))).toBe(PDFName.of('False'));
    expect(xmp).toContain(
      '   <xmpMM:RenditionClass>default</xmpMM:RenditionClass>\n   \n' +
        '   <pdfx:GTS_PDFXVersion>PDF/X-1:2001</pdfx:GTS_PDFXVersion><pdfx:GTS_PDFXConformance>PDF/X-1a:2001</pdfx:GTS_PDFXConformance>\n' +
        '   <pdf:Trapped>False</pdf:Trapped>\n  </rdf:Description>',
    );
  });

  it('claims PDF/X-4 by version alone (it has no conformance level), in the pdfxid namespace', async () => {
    const { entry, infoDict, xmp } = await written({ ...firstInfo, claims: { pdfx: 'x4' } });
    expect(entry('GTS_PDFXVersion')).toBe('PDF/X-4');
    expect(infoDict.has(PDFName.of('GTS_PDFXConformance'))).toBe(false);
    expect(infoDict.get(PDFName.of('Trapped'))).toBe(PDFName.of('False'));
    expect(xmp).toContain(
      '   <xmpMM:RenditionClass>default</xmpMM:RenditionClass>\n   \n' +
        '   <pdfxid:GTS_PDFXVersion>PDF/X-4</pdfxid:GTS_PDFXVersion>\n' +
        '   <pdf:Trapped>False</pdf:Trapped>\n  </rdf:Description>',
    );
  });
});

describe('xmpPacket', () => {
  it('writes a first edition as this exact packet: escaped texts, lists as rdf:li items, dates to the second, one ID for document and instance', () => {
    expect(xmpPacket(firstInfo)).toBe(`<?xpacket begin="\uFEFF" id="W5M0MpCehiHzreSzNTczkc9d"?>
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
   <dc:title><rdf:Alt><rdf:li xml:lang="x-default">Q3 &quot;Outlook&quot; &amp; &lt;Notes&gt;</rdf:li></rdf:Alt></dc:title>
   <dc:creator><rdf:Seq><rdf:li>Ann Lee</rdf:li><rdf:li>Bo Chen</rdf:li></rdf:Seq></dc:creator>
   <dc:description><rdf:Alt><rdf:li xml:lang="x-default">Quarterly &quot;report&quot;.</rdf:li></rdf:Alt></dc:description>
   <dc:language><rdf:Bag><rdf:li>en-GB</rdf:li></rdf:Bag></dc:language>
   <dc:subject><rdf:Bag><rdf:li>annual report</rdf:li><rdf:li>finance</rdf:li></rdf:Bag></dc:subject>
   <xmp:CreateDate>2024-03-01T09:30:15Z</xmp:CreateDate>
   <xmp:ModifyDate>2024-03-01T09:30:15Z</xmp:ModifyDate>
   <xmp:MetadataDate>2024-03-01T09:30:15Z</xmp:MetadataDate>
   <xmp:CreatorTool>folio &lt;cli&gt;</xmp:CreatorTool>
   <pdf:Producer>folio 1.0</pdf:Producer>
   <pdf:Keywords>annual report; finance</pdf:Keywords>
   <xmpMM:DocumentID>uuid:0f875188-fab9-0a71-69ae-550e55aa27f6</xmpMM:DocumentID>
   <xmpMM:InstanceID>uuid:0f875188-fab9-0a71-69ae-550e55aa27f6</xmpMM:InstanceID>
   <xmpMM:VersionID>1</xmpMM:VersionID>
   <xmpMM:RenditionClass>default</xmpMM:RenditionClass>
   
   <pdfuaid:part>1</pdfuaid:part>
  </rdf:Description>
 </rdf:RDF>
</x:xmpmeta>
<?xpacket end="r"?>`);
  });

  it('claims nothing when the file claims neither PDF/UA nor PDF/X', () => {
    const xmp = xmpPacket({ ...firstInfo, claims: {} });
    expect(xmp).toContain('<xmpMM:RenditionClass>default</xmpMM:RenditionClass>\n   \n   \n  </rdf:Description>');
  });

  // The IDs are hashes of the title, the first date and the revision: a later folio must give a
  // corrected edition the same DocumentID the first edition was published with, so they are pinned.
  it('gives a corrected edition the IDs its first edition and its own revision determine, as UUIDs', () => {
    const xmp = xmpPacket(correctedInfo);
    expect(tag(xmp, 'xmpMM:DocumentID')).toEqual(['uuid:6cdc9ca6-11a0-7a7a-454d-880a67f6c268']);
    expect(tag(xmp, 'xmpMM:InstanceID')).toEqual(['uuid:eeae8d0f-b2be-fd17-d96a-be4ff4e9c746']);
    expect(tag(xmp, 'stEvt:instanceID')).toEqual(['uuid:2aa2dc3d-42e8-cf22-60a3-d9c3dfbba849', 'uuid:eeae8d0f-b2be-fd17-d96a-be4ff4e9c746']);
    expect(tag(xmp, 'xmpMM:VersionID')).toEqual(['3']);
  });
});
