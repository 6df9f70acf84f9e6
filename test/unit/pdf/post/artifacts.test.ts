import { describe, expect, it } from 'vitest';
import { PDFDocument, PDFName, PDFRawStream } from 'pdf-lib';
import { markUntaggedAsArtifacts } from '../../../../src/pdf/post/artifacts.ts';
import { pageContent } from '../../../../src/pdf/objects.ts';

/** A page whose content is `lines`, saved and loaded back as a viewer would get it. */
async function pageWith(lines: string[]): Promise<PDFDocument> {
  const doc = await PDFDocument.create();
  const page = doc.addPage([200, 200]);
  page.node.set(PDFName.of('Contents'), doc.context.register(doc.context.stream(Buffer.from(lines.join('\n'), 'latin1'))));
  return PDFDocument.load(await doc.save());
}

// An inline image: its data may hold any bytes, "EI" and operator names included.
const INLINE_IMAGE = 'BI /W 4 /H 1 /BPC 8 /CS /G ID \x00EI\xffsh EI';

describe('markUntaggedAsArtifacts', () => {
  it('marks an untagged shading (sh) and an untagged inline image (BI … ID … EI) as artifacts', async () => {
    const doc = await pageWith([
      '/P <</MCID 0>> BDC /ShTagged sh EMC', // tagged: stays as it is
      'q /Sh0 sh Q', // a gradient background Chromium paints outside any tag
      INLINE_IMAGE,
      '/Artifact BMC /Sh1 sh EMC', // already an artifact
    ]);
    expect(markUntaggedAsArtifacts(doc)).toBe(2);
    expect(pageContent(doc, doc.getPage(0).node)).toBe(
      [
        '/P <</MCID 0>> BDC /ShTagged sh EMC',
        'q /Artifact BMC\n/Sh0 sh\nEMC Q',
        `/Artifact BMC\n${INLINE_IMAGE}\nEMC`,
        '/Artifact BMC /Sh1 sh EMC',
      ].join('\n'),
    );
  });

  it('leaves a page whose painting is all tagged or artifact untouched, and counts nothing', async () => {
    const lines = ['/Figure <</MCID 0>> BDC /Sh0 sh EMC', `/Artifact BMC ${INLINE_IMAGE} EMC`];
    const doc = await pageWith(lines);
    const before = doc.getPage(0).node.get(PDFName.of('Contents'));
    expect(markUntaggedAsArtifacts(doc)).toBe(0);
    expect(doc.getPage(0).node.get(PDFName.of('Contents'))).toBe(before);
    expect(pageContent(doc, doc.getPage(0).node)).toBe(lines.join('\n'));
  });

  it('writes the marked page content uncompressed', async () => {
    const doc = await pageWith(['q /Sh0 sh Q']);
    expect(markUntaggedAsArtifacts(doc)).toBe(1);
    const contents = doc.getPage(0).node.lookup(PDFName.of('Contents'));
    expect(contents).toBeInstanceOf(PDFRawStream);
    expect((contents as PDFRawStream).dict.has(PDFName.of('Filter'))).toBe(false);
    expect(Buffer.from((contents as PDFRawStream).getContents()).toString('latin1')).toBe('q /Artifact BMC\n/Sh0 sh\nEMC Q');
  });
});
