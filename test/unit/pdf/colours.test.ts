import { describe, expect, it } from 'vitest';
import { PDFDict, PDFDocument, PDFName } from 'pdf-lib';
import { colourKey, coloursIn, contentStreams, rewriteColours, setGroupsToCmyk, unconvertible } from '../../../src/pdf/colours.ts';

describe('coloursIn / rewriteColours', () => {
  const text = '/P <</MCID 0>> BDC .1 .2 .3 rg 0 0 5 5 re f 1 G 0 0 m 5 5 l S .1 .2 .3 RG EMC';

  it('finds each device colour once, fill or stroke alike', () => {
    expect(coloursIn(text).map(colourKey)).toEqual(['rgb:0.1 0.2 0.3', 'gray:1']);
  });

  it('rewrites only the colour operators, to k/K (or g/G for a colour that stays gray)', () => {
    const table = new Map([
      ['rgb:0.1 0.2 0.3', [0.9, 0.8, 0.7, 0.1234]],
      ['gray:1', [1]],
    ]);
    expect(rewriteColours(text, table)).toBe('/P <</MCID 0>> BDC 0.9 0.8 0.7 0.123 k 0 0 5 5 re f 1 G 0 0 m 5 5 l S 0.9 0.8 0.7 0.123 K EMC');
  });

  it('refuses a colour it has no value for', () => {
    expect(() => rewriteColours('1 0 0 rg', new Map())).toThrow(/rgb:1 0 0/);
  });
});

describe('contentStreams / setGroupsToCmyk / unconvertible', () => {
  async function withForm() {
    const doc = await PDFDocument.create();
    const ctx = doc.context;
    const form = ctx.register(ctx.stream('0 0 1 rg 0 0 5 5 re f', { Type: 'XObject', Subtype: 'Form', BBox: [0, 0, 5, 5], Group: { S: 'Transparency', CS: 'DeviceRGB' } }));
    const page = doc.addPage([10, 10]);
    page.node.set(PDFName.of('Resources'), ctx.obj({ XObject: { X1: form } }));
    page.node.set(PDFName.of('Contents'), ctx.register(ctx.stream('1 0 0 rg /X1 Do')));
    return { doc, form };
  }

  it('finds the pages’ content and the forms they paint', async () => {
    const { doc } = await withForm();
    expect(contentStreams(doc).map((s) => s.text)).toEqual(['1 0 0 rg /X1 Do', '0 0 1 rg 0 0 5 5 re f']);
    expect(unconvertible(doc)).toEqual([]);
  });

  it('makes RGB transparency groups blend in CMYK', async () => {
    const { doc, form } = await withForm();
    setGroupsToCmyk(doc, () => undefined);
    const group = (doc.context.lookup(form) as unknown as { dict: PDFDict }).dict.lookup(PDFName.of('Group'), PDFDict);
    expect(group.get(PDFName.of('CS'))).toBe(PDFName.of('DeviceCMYK'));
  });

  it('names what only Ghostscript can convert: images, shadings, patterns, colour spaces', async () => {
    const { doc } = await withForm();
    doc.context.register(doc.context.stream('', { Type: 'XObject', Subtype: 'Image', Width: 1, Height: 1, ColorSpace: 'DeviceRGB', BitsPerComponent: 8 }));
    doc.context.register(doc.context.obj({ ShadingType: 2, ColorSpace: 'DeviceRGB' }));
    expect(unconvertible(doc).sort()).toEqual(['images', 'shadings']);
  });
});
