import { describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { PDFArray, PDFDict, PDFDocument, PDFHexString, PDFName, PDFRawStream } from 'pdf-lib';
import { postProcess } from '../../../../src/pdf/post/post-process.ts';
import { outlineItems } from '../../../../src/pdf/objects.ts';
import { checkPdf } from '../../../../src/check/check-pdf.ts';
import { getText } from '../../../../src/pdf/cos.ts';
import { makeTaggedPdf } from '../../../pdf-fixtures.ts';
import { correctedInfo } from '../../../edition-fixtures.ts';
import { folioError } from '../../../helpers.ts';

const input = { headings: [{ text: 'Annual report 2024' }, { text: 'The details' }], links: new Map([['https://example.com/', 'example.com']]) } as Parameters<typeof postProcess>[1];

describe('postProcess', () => {
  it('turns a tagged PDF into one that passes every check, with the HTML\'s bookmark titles, page labels and compressed pages', async () => {
    const out = await postProcess(await makeTaggedPdf(), input);
    expect((await checkPdf(out)).failures).toEqual([]);
    const doc = await PDFDocument.load(out);
    expect(outlineItems(doc).map((i) => i.title)).toEqual(['Annual report 2024', 'The details']);
    const labels = doc.catalog.lookup(PDFName.of('PageLabels'), PDFDict).lookup(PDFName.of('Nums'), PDFArray);
    expect(getText(doc.context, doc.context.lookup(labels.get(1), PDFDict), 'P')).toBe('Cover');
    for (const page of doc.getPages()) {
      const contents = doc.context.lookup(page.node.get(PDFName.of('Contents')));
      expect(contents).toBeInstanceOf(PDFRawStream);
      expect(String((contents as PDFRawStream).dict.get(PDFName.of('Filter')))).toBe('/FlateDecode');
    }
    // No metadata asked for: the print stage writes it, and the ID with it.
    expect(doc.context.trailerInfo.ID).toBeUndefined();
    expect(doc.getAuthor()).toBeUndefined();
  });

  it('writes the metadata when given, and an ID made from the content: the same input gives the same file', async () => {
    const out = await postProcess(await makeTaggedPdf(), { ...input, info: correctedInfo });
    const doc = await PDFDocument.load(out, { updateMetadata: false });
    expect(doc.getTitle()).toBe(correctedInfo.title);
    expect(doc.getAuthor()).toBe(correctedInfo.authors.join('; '));
    const id = doc.context.lookup(doc.context.trailerInfo.ID as PDFArray, PDFArray).asArray() as PDFHexString[];
    expect(id).toHaveLength(2);
    expect(id[0]!.asString()).toBe(id[1]!.asString());
    expect(id[0]!.asString()).toMatch(/^[0-9a-f]{32}$/);
    // Built twice from the same input, the file is the same, ID and all.
    const again = await postProcess(await makeTaggedPdf(), { ...input, info: correctedInfo });
    expect(createHash('md5').update(again).digest('hex')).toBe(createHash('md5').update(out).digest('hex'));
  });

  it('names the reason when the PDF cannot be read', async () => {
    const e = await folioError(() => postProcess(new TextEncoder().encode('not a pdf'), input));
    expect(e.code).toBe('postprocess/failed');
    expect(e.message).toMatch(/^postprocess\/failed: .*No PDF header found/);
  });
});
