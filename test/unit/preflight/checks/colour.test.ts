/** checks/colour.ts: RGB left in a print file, wherever it is painted. */
import { describe, expect, it } from 'vitest';
import { PDFString, type PDFRef } from 'pdf-lib';
import { refKey } from '../../../../src/pdf/cos.ts';
import { addImage } from '../../../print-fixtures.ts';
import { noRgb } from '../../../../src/preflight/checks/colour.ts';
import { facts, findings, kinds, of, onPage, preflight } from '../helpers.ts';

describe('colour', () => {
  it('an 8-bit DeviceRGB image drawn at 1 in: RGB error and a resolution warning, on its page', async () => {
    let ref!: PDFRef;
    const r = await preflight({
      pages: 2,
      edit: (f) => {
        ref = addImage(f.ctx, { width: 200, height: 200, colorSpace: 'DeviceRGB', pixel: () => [255, 0, 0] });
        f.addResource(2, 'XObject', 'Photo', ref);
      },
      content: onPage(2, 'q 72 0 0 72 100 100 cm /Photo Do Q'),
    });
    expect(kinds(r)).toEqual(['colour:error', 'image-resolution:warning']);
    const [colour] = of(r, 'colour');
    expect(colour).toMatchObject({ page: 2, object: refKey(ref) });
    expect(colour!.message).toMatch(/RGB left in a print file/);
    expect(colour!.message).toMatch(/DeviceRGB/);
    const [res] = of(r, 'image-resolution');
    expect(res).toMatchObject({ severity: 'warning', page: 2, object: refKey(ref) });
    expect(res!.message).toMatch(/200 ppi/);
    expect(r.colourSpaces).toEqual(['DeviceCMYK', 'DeviceRGB']);
    expect(r.pages[0]!.colourSpaces).toEqual(['DeviceCMYK']);
    expect(r.pages[1]!.colourSpaces).toEqual(['DeviceCMYK', 'DeviceRGB']);
  });

  it('a `1 0 0 rg` vector fill', async () => {
    const r = await preflight({ pages: 3, content: onPage(3, 'q 1 0 0 rg 100 100 50 50 re f Q') });
    expect(kinds(r)).toEqual(['colour:error']);
    expect(of(r, 'colour')).toHaveLength(1);
    expect(of(r, 'colour')[0]).toMatchObject({ page: 3 });
  });

  it('RGB that is set but never painted is not reported', async () => {
    const r = await preflight({ content: onPage(1, 'q 1 0 0 rg 0 0 0 1 k 100 100 50 50 re f Q') });
    expect(r.issues).toEqual([]);
  });

  it('RGB strokes and text, ICCBased N=3 via cs/scn, Lab and CalRGB via cs/sc and CS/SCN', async () => {
    const r = await preflight({
      edit: (f) => {
        const icc = f.ctx.register(f.ctx.stream('fake profile', { N: 3 }));
        f.addResource(1, 'ColorSpace', 'CS0', f.ctx.obj(['ICCBased', icc]) as never);
        f.addResource(1, 'ColorSpace', 'CS1', f.ctx.obj(['Lab', { WhitePoint: [0.95, 1, 1.09] }]) as never);
        f.addResource(1, 'ColorSpace', 'CS2', f.ctx.obj(['CalRGB', { WhitePoint: [0.95, 1, 1.09] }]) as never);
      },
      content: onPage(
        1,
        [
          'q 0 0 1 RG 1 w 100 100 m 200 100 l S Q',
          'q 0.2 0.2 0.2 rg BT /F1 12 Tf 100 300 Td (RGB text) Tj ET Q',
          'q /CS0 cs 0.1 0.2 0.3 scn 100 400 10 10 re f Q',
          'q /CS1 CS 50 0 0 SCN 100 500 m 200 500 l S Q',
          'q /CS2 cs 1 0 0 sc 100 600 10 10 re f Q',
        ].join('\n'),
      ),
    });
    expect(kinds(r)).toEqual(['colour:error']);
    expect(r.colourSpaces).toEqual(['CalRGB', 'DeviceCMYK', 'DeviceRGB', 'ICCBased(N=3)', 'Lab']);
    const msgs = of(r, 'colour').map((i) => i.message).join('\n');
    expect(msgs).toMatch(/DeviceRGB is used for stroke, text \(2 times\)/);
    expect(msgs).toMatch(/ICCBased\(N=3\) is used for fill/);
    expect(msgs).toMatch(/Lab is used for stroke/);
    expect(msgs).toMatch(/CalRGB is used for fill/);
  });

  it('RGB inside a coloured tiling pattern (walked with its own resources), and CMYK through an uncoloured one', async () => {
    let tileRef!: PDFRef;
    const r = await preflight({
      edit: (f) => {
        const tile = f.ctx.stream('0 0 1 rg 0 0 5 5 re f', { Type: 'Pattern', PatternType: 1, PaintType: 1, TilingType: 1, BBox: [0, 0, 10, 10], XStep: 10, YStep: 10, Resources: {} });
        tileRef = f.ctx.register(tile);
        f.addResource(1, 'Pattern', 'T0', tileRef);
        const stencil = f.ctx.stream('0 0 5 5 re f', { Type: 'Pattern', PatternType: 1, PaintType: 2, TilingType: 1, BBox: [0, 0, 10, 10], XStep: 10, YStep: 10, Resources: {} });
        f.addResource(1, 'Pattern', 'T1', f.ctx.register(stencil));
        f.addResource(1, 'ColorSpace', 'PCMYK', f.ctx.obj(['Pattern', 'DeviceCMYK']) as never);
      },
      content: onPage(1, 'q /Pattern cs /T0 scn 100 100 50 50 re f Q\nq /PCMYK cs 1 1 1 1 /T1 scn 100 200 50 50 re f Q'),
    });
    expect(kinds(r)).toEqual(['colour:error', 'ink:error']);
    expect(of(r, 'colour')[0]).toMatchObject({ page: 1, object: refKey(tileRef) });
    expect(of(r, 'ink')[0]!.message).toMatch(/400 %/);
  });

  it('ICCBased N=4 and Separation(All) are not RGB', async () => {
    const r = await preflight({
      edit: (f) => {
        const icc = f.ctx.register(f.ctx.stream('fake profile', { N: 4 }));
        f.addResource(1, 'ColorSpace', 'CMYK4', f.ctx.obj(['ICCBased', icc]) as never);
        const tint = f.ctx.obj({ FunctionType: 2, Domain: [0, 1], C0: [0, 0, 0, 0], C1: [1, 1, 1, 1], N: 1 });
        f.addResource(1, 'ColorSpace', 'Reg', f.ctx.obj(['Separation', 'All', 'DeviceCMYK', tint]) as never);
      },
      content: onPage(1, 'q /CMYK4 cs 0.5 0.5 0.5 0.5 sc 100 400 10 10 re f /Reg cs 0.5 scn 100 500 10 10 re f Q'),
    });
    expect(r.issues).toEqual([]);
    expect(r.colourSpaces).toEqual(['DeviceCMYK', 'ICCBased(N=4)', 'Separation(All)']);
  });

  it('RGB inside a form XObject (reported on the form), and an Indexed RGB image inside it', async () => {
    let formRef!: PDFRef;
    let imgRef!: PDFRef;
    const r = await preflight({
      pages: 2,
      edit: (f) => {
        imgRef = addImage(f.ctx, {
          width: 4,
          height: 4,
          colorSpace: ['Indexed', 'DeviceRGB', 1, PDFString.of('\x00\x00\x00\xff\x00\x00')],
          components: 1,
          pixel: (x) => [x % 2],
        });
        const form = f.ctx.stream('0 1 0 rg 0 0 10 10 re f\nq 100 0 0 100 0 0 cm /Pal Do Q', {
          Type: 'XObject',
          Subtype: 'Form',
          BBox: [0, 0, 200, 200],
          Matrix: [0.5, 0, 0, 0.5, 0, 0],
          Resources: { XObject: { Pal: imgRef } },
        });
        formRef = f.ctx.register(form);
        f.addResource(2, 'XObject', 'Fm1', formRef);
      },
      content: onPage(2, 'q 1 0 0 1 200 200 cm /Fm1 Do Q'),
    });
    const colour = of(r, 'colour');
    expect(colour.map((i) => [i.page, i.object])).toEqual([
      [2, refKey(formRef)],
      [2, refKey(imgRef)],
    ]);
    expect(colour[1]!.message).toMatch(/Indexed\(DeviceRGB\)/);
    expect(r.pages[1]!.colourSpaces).toEqual(['DeviceCMYK', 'DeviceRGB', 'Indexed(DeviceRGB)']);
    // 4 px over 100 × 0.5 = 50 pt: 5.76 ppi, drawn through the form's Matrix.
    const [res] = of(r, 'image-resolution');
    expect(res).toMatchObject({ severity: 'error', page: 2, object: refKey(imgRef) });
    expect(res!.message).toMatch(/ 5 ppi/);
  });

  it('an RGB shading painted through a shading pattern (scn) and with sh', async () => {
    const r = await preflight({
      edit: (f) => {
        const shading = f.ctx.obj({ ShadingType: 2, ColorSpace: 'DeviceRGB', Coords: [0, 0, 100, 0], Function: { FunctionType: 2, Domain: [0, 1], C0: [1, 0, 0], C1: [0, 0, 1], N: 1 } });
        const shRef = f.ctx.register(shading);
        f.addResource(1, 'Pattern', 'P0', f.ctx.register(f.ctx.obj({ Type: 'Pattern', PatternType: 2, Shading: shRef })));
        f.addResource(1, 'Shading', 'Sh0', shRef);
      },
      content: onPage(1, 'q /Pattern cs /P0 scn 100 100 50 50 re f Q\nq 100 300 50 50 re W n /Sh0 sh Q'),
    });
    expect(kinds(r)).toEqual(['colour:error']);
    expect(of(r, 'colour')[0]!.message).toMatch(/fill \(shading pattern\), shading/);
  });

  it('an inline RGB image', async () => {
    const data = Buffer.from([255, 0, 0, 0, 255, 0, 0, 0, 255, 255, 255, 255]).toString('latin1');
    const r = await preflight({ content: (_, t) => `${t}\nq 72 0 0 72 100 100 cm BI /W 2 /H 2 /CS /RGB /BPC 8 ID ${data} EI Q` });
    expect(kinds(r)).toEqual(['colour:error', 'image-resolution:error']);
    expect(of(r, 'colour')[0]!.message).toMatch(/An inline image is DeviceRGB/);
    expect(of(r, 'colour')[0]!.object).toBeUndefined();
  });

  it('RGB in a direct form XObject (no object number): named by its resource in the message, no object in the issue', async () => {
    const r = await preflight({
      edit: (f) => {
        const form = f.ctx.stream('0 0 1 rg 0 0 10 10 re f', { Type: 'XObject', Subtype: 'Form', BBox: [0, 0, 10, 10] });
        f.addResource(1, 'XObject', 'Fm9', form as never);
      },
      content: onPage(1, 'q 1 0 0 1 100 100 cm /Fm9 Do Q'),
    });
    expect(kinds(r)).toEqual(['colour:error']);
    expect(of(r, 'colour')[0]!.message).toMatch(/DeviceRGB is used for fill in \/Fm9\./);
    expect(of(r, 'colour')[0]!.object).toBeUndefined();
  });

  it('says how often RGB is used only when more than once, and why a space counts as RGB when its name does not say', () => {
    const rgb = [
      { page: 1, object: '7 0 R', label: 'DeviceRGB', uses: new Set(['fill']), count: 1 },
      { page: 2, object: '8 0 R', label: 'Separation(Gold)', why: 'its alternate space is DeviceRGB', uses: new Set(['fill', 'stroke']), count: 2 },
      { page: 3, object: '9 0 R', label: 'DeviceRGB', uses: new Set(['image']), count: 1, image: '9 0 R' },
      { page: 3, object: 'inline image', label: 'CalRGB', uses: new Set(['image']), count: 1, image: 'inline image' },
    ];
    expect(findings(noRgb, facts({ rgb }))).toEqual([
      { severity: 'error', message: 'RGB left in a print file on page 1: DeviceRGB is used for fill in 7 0 R. Convert it to CMYK or a spot colour for print.', page: 1, object: '7 0 R' },
      {
        severity: 'error',
        message: 'RGB left in a print file on page 2: Separation(Gold) is used for fill, stroke (2 times) in 8 0 R (its alternate space is DeviceRGB). Convert it to CMYK or a spot colour for print.',
        page: 2,
        object: '8 0 R',
      },
      { severity: 'error', message: 'RGB left in a print file on page 3: Image 9 0 R is DeviceRGB. Convert it to CMYK or a spot colour for print.', page: 3, object: '9 0 R' },
      { severity: 'error', message: 'RGB left in a print file on page 3: An inline image is CalRGB. Convert it to CMYK or a spot colour for print.', page: 3, object: undefined },
    ]);
  });
});
