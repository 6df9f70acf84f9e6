import { describe, expect, it } from 'vitest';
import { PDFDocument } from 'pdf-lib';
import { setMetadata, xmpPacket } from '../../../../src/pdf/post/metadata.ts';
import { correctedInfo, readDates, tag } from '../../../edition-fixtures.ts';

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
});
