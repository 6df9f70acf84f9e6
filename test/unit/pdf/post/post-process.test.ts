import { describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { PDFArray, PDFDict, PDFDocument, PDFHexString, PDFName, PDFRawStream, PDFString } from 'pdf-lib';
import { postProcess } from '../../../../src/pdf/post/post-process.ts';
import { outlineItems, pageContent } from '../../../../src/pdf/objects.ts';
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

  it('runs every step: artifacts, ActualText mapped, empty sequences unmarked, the chart an image, role map, ids, link descriptions, word breaks', async () => {
    const pdf = await makeTaggedPdf({
      // Page 1 gets an ActualText span, an untagged rule and a sequence that paints nothing.
      content: (page, text) =>
        page === 1
          ? text.replace('(Revenue grew.) Tj', "(Revenue grew) Tj /Span <</ActualText <FEFF2019>>> BDC (') Tj EMC") + '\n72 40 m 540 40 l S\n/P <</MCID 10>> BDC BT ET EMC'
          : text,
      edit: (f) => {
        f.el.p2.set(PDFName.of('S'), PDFName.of('Em'));
        f.el.th1.set(PDFName.of('ID'), PDFString.of('node00000591'));
        f.annots.web.delete(PDFName.of('Contents'));
      },
    });
    const doc = await PDFDocument.load(await postProcess(pdf, input));
    const [p1, p2] = doc.getPages().map((p) => pageContent(doc, p.node));
    expect(p1).toBe(
      [
        '/Artifact <</Type /Pagination /Subtype /Header>> BDC',
        '0.5 w 72 770 m 540 770 l S',
        'EMC',
        '/H1 <</MCID 0>> BDC BT /F1 24 Tf 72 720 Td (Annual report) Tj <20> Tj ET EMC',
        '/Link <</MCID 1>> BDC BT /F1 12 Tf 72 690 Td (Details) Tj <20> Tj ET EMC',
        "/P <</MCID 2>> BDC BT /F1 12 Tf 72 660 Td (Revenue grew) Tj  (') Tj <20> Tj  ET EMC",
        '/Lbl <</MCID 3>> BDC BT /F1 12 Tf 72 630 Td (1.) Tj <20> Tj ET EMC',
        '/LBody <</MCID 4>> BDC BT /F1 12 Tf 90 630 Td (First item) Tj <20> Tj ET EMC',
        '/TH <</MCID 5>> BDC BT /F1 12 Tf 72 600 Td (Year) Tj <20> Tj ET EMC',
        '/TH <</MCID 6>> BDC BT /F1 12 Tf 172 600 Td (Value) Tj <20> Tj ET EMC',
        '/TD <</MCID 7>> BDC BT /F1 12 Tf 72 580 Td (2024) Tj <20> Tj ET EMC',
        '/TD <</MCID 8>> BDC BT /F1 12 Tf 172 580 Td (42) Tj <20> Tj ET EMC',
        '/Figure <</MCID 10>> BDC q 0 0 1 rg 72 400 100 50 re f Q EMC',
        '/Artifact BMC',
        '72 40 m 540 40 l S',
        'EMC',
        ' BT ET ',
      ].join('\n'),
    );
    expect(p2).toContain('(Details) Tj <20> Tj ET EMC');
    const root = doc.catalog.lookup(PDFName.of('StructTreeRoot'), PDFDict);
    expect(root.lookup(PDFName.of('RoleMap'), PDFDict).get(PDFName.of('Em'))).toBe(PDFName.of('Span'));
    expect(root.lookup(PDFName.of('IDTree'), PDFDict).lookup(PDFName.of('Names'), PDFArray).lookup(0, PDFString).decodeText()).toBe('e0001');
    const web = doc.context.lookup(doc.getPages()[1]!.node.lookup(PDFName.of('Annots'), PDFArray).get(0), PDFDict);
    expect(getText(doc.context, web, 'Contents')).toBe('example.com');
  });

  it("leaves the input's dates alone when no metadata is given, and writes object streams", async () => {
    const pdf = await makeTaggedPdf({ edit: (f) => f.doc.setModificationDate(new Date('2020-01-02T03:04:05Z')) });
    const out = await postProcess(pdf, input);
    const doc = await PDFDocument.load(out, { updateMetadata: false });
    expect(doc.getModificationDate()?.toISOString()).toBe('2020-01-02T03:04:05.000Z');
    expect(Buffer.from(out).toString('latin1')).toContain('/Type /ObjStm');
  });

  it('keeps the original error as the cause', async () => {
    const e = await folioError(() => postProcess(new TextEncoder().encode('not a pdf'), input));
    expect((e.cause as Error).message).toMatch(/No PDF header found/);
  });
});
