import { describe, expect, it } from 'vitest';
import { PDFDict, PDFDocument, PDFName } from 'pdf-lib';
import { makeTaggedPdf } from '../../../pdf-fixtures.ts';
import { describeLinks } from '../../../../src/pdf/post/links.ts';
import { getText } from '../../../../src/pdf/cos.ts';

describe('describeLinks', () => {
  it('describes a link by the text its Link element shows, and an internal one by the page it leads to', async () => {
    const bytes = await makeTaggedPdf({
      edit: (f) => {
        f.annots.toc.delete(PDFName.of('Contents'));
        f.annots.web.delete(PDFName.of('Contents'));
        // The fixture's TOC link goes to the named destination "details", on page 2.
        f.catalog.set(PDFName.of('Dests'), f.ctx.obj({ details: [f.pages[1]!.ref, 'Fit'] }));
      },
    });
    const doc = await PDFDocument.load(bytes);
    describeLinks(doc, new Map([['https://example.com/', 'the HTML’s words']]));
    const contents = doc.getPages().flatMap((p) => p.node.Annots()!.asArray().map((a) => getText(doc.context, doc.context.lookup(a, PDFDict), 'Contents')));
    expect(contents).toEqual(['Details, page 2', 'example.com']);
  });

  it('keeps a description the link already has', async () => {
    const doc = await PDFDocument.load(await makeTaggedPdf());
    describeLinks(doc, new Map());
    const annot = doc.context.lookup(doc.getPages()[0]!.node.Annots()!.get(0), PDFDict);
    expect(getText(doc.context, annot, 'Contents')).toBe('Go to Details');
  });
});
