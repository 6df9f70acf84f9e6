import { describe, expect, it } from 'vitest';
import { PDFName, PDFRef, PDFString } from 'pdf-lib';
import { preflightIssuesAsDiagnostics, preflightPdf, type PreflightOptions, type PreflightReport } from '../../../src/preflight/preflight-pdf.ts';
import { refKey } from '../../../src/pdf/cos.ts';
import { folioError } from '../../helpers.ts';
import { addImage, BLEED, makePrintPdf, MEDIA, TRIM, type PrintFixture, type PrintFixtureOptions } from '../../print-fixtures.ts';

const N = (s: string) => PDFName.of(s);

async function preflight(options: PrintFixtureOptions = {}, pf: PreflightOptions = {}): Promise<PreflightReport> {
  return preflightPdf(await makePrintPdf(options), pf);
}

const of = (r: PreflightReport, check: string) => r.issues.filter((i) => i.check === check);
/** "check:severity" of every issue, sorted and deduplicated. */
const kinds = (r: PreflightReport) => [...new Set(r.issues.map((i) => `${i.check}:${i.severity}`))].sort();

/** Adds `extra` to page `page`'s content (others stay clean). */
const onPage = (page: number, extra: string): PrintFixtureOptions['content'] => (p, text) => (p === page ? `${text}\n${extra}` : text);

describe('preflightPdf on a clean, print-ready PDF/X-4 file', () => {
  it('finds nothing wrong and reports boxes, fonts, colour spaces and the output intent', async () => {
    const r = await preflight({ pages: 2 });
    expect(r.issues).toEqual([]);
    expect(r.pages).toHaveLength(2);
    expect(r.pages[0]).toMatchObject({ page: 1, mediaBox: MEDIA, bleedBox: BLEED, trimBox: TRIM, colourSpaces: ['DeviceCMYK'] });
    expect(r.fonts).toEqual([{ name: 'Boxes', embedded: true, subset: false, type: 'Type3' }]);
    expect(r.colourSpaces).toEqual(['DeviceCMYK']);
    expect(r.pdfx).toBe('PDF/X-4');
    expect(r.outputIntent).toEqual({ identifier: 'CGATS TR 001', profileComponents: 4 });
  });

  it('also passes with the default options spelled out and pdfx: x4', async () => {
    const r = await preflight({}, { minPpi: 300, hairline: 0.25, inkLimit: 300, minBleed: 8.5, pdfx: 'x4' });
    expect(r.issues).toEqual([]);
  });

  it('checks a 26-page file with busy pages in well under two seconds', async () => {
    const busy = Array.from({ length: 400 }, (_, i) => `q 0.${i % 10} 0.2 0.3 0.1 k ${72 + (i % 20) * 20} ${100 + Math.floor(i / 20) * 30} 15 20 re f 0 0 0 1 K 0.5 w 72 ${100 + i} m 300 ${100 + i} l S Q`).join('\n');
    const text = Array.from({ length: 200 }, (_, i) => `BT /F1 9 Tf 72 ${100 + i * 3} Td (Line ${i} of text) Tj ET`).join('\n');
    const pdf = await makePrintPdf({ pages: 26, content: (_, t) => `${t}\n${busy}\n${text}` });
    const t = performance.now();
    const r = await preflightPdf(pdf);
    const ms = performance.now() - t;
    expect(r.pages).toHaveLength(26);
    expect(r.issues).toEqual([]);
    expect(ms).toBeLessThan(2000);
  });
});

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
});

describe('boxes and bleed', () => {
  it('no bleed: BleedBox = TrimBox', async () => {
    let pageRef!: PDFRef;
    const r = await preflight({
      pages: 2,
      edit: (f) => {
        f.pages[1]!.dict.set(N('BleedBox'), f.ctx.obj(TRIM));
        pageRef = f.pages[1]!.ref;
      },
    });
    expect(kinds(r)).toEqual(['bleed:error']);
    const [b] = of(r, 'bleed');
    expect(b).toMatchObject({ page: 2, object: refKey(pageRef) });
    expect(b!.message).toMatch(/No bleed on page 2/);
  });

  it('too little bleed on one side', async () => {
    const r = await preflight({ edit: (f) => f.pages[0]!.dict.set(N('BleedBox'), f.ctx.obj([27, 27, 657, 831])) });
    expect(kinds(r)).toEqual(['bleed:error']);
    expect(of(r, 'bleed')[0]!.message).toMatch(/3 pt on the top side/);
  });

  it('the BleedBox defaults to the CropBox, then the MediaBox', async () => {
    const ok = await preflight({ edit: (f) => f.pages[0]!.dict.delete(N('BleedBox')) });
    expect(ok.issues).toEqual([]);
    expect(ok.pages[0]!.bleedBox).toBeUndefined();
    const cropped = await preflight({
      edit: (f) => {
        f.pages[0]!.dict.delete(N('BleedBox'));
        f.pages[0]!.dict.set(N('CropBox'), f.ctx.obj([30, 30, 654, 834]));
      },
    });
    expect(kinds(cropped)).toEqual(['bleed:error']);
  });

  it('a missing TrimBox (an ArtBox will do)', async () => {
    const r = await preflight({ pages: 2, edit: (f) => f.pages[1]!.dict.delete(N('TrimBox')) });
    expect(kinds(r)).toEqual(['boxes:error']);
    expect(of(r, 'boxes')[0]).toMatchObject({ page: 2 });
    expect(of(r, 'boxes')[0]!.message).toMatch(/neither a TrimBox nor an ArtBox/);
    const art = await preflight({
      edit: (f) => {
        f.pages[0]!.dict.delete(N('TrimBox'));
        f.pages[0]!.dict.set(N('ArtBox'), f.ctx.obj(TRIM));
      },
    });
    expect(art.issues).toEqual([]);
  });

  it('a TrimBox outside the BleedBox, a BleedBox outside the MediaBox', async () => {
    const r = await preflight({
      pages: 2,
      edit: (f) => {
        f.pages[0]!.dict.set(N('TrimBox'), f.ctx.obj([20, 36, 648, 828]));
        f.pages[1]!.dict.set(N('BleedBox'), f.ctx.obj([-10, 27, 657, 837]));
      },
    });
    expect(of(r, 'boxes').map((i) => i.page)).toEqual([1, 2]);
    expect(of(r, 'boxes')[0]!.message).toMatch(/TrimBox .* is not inside/);
    expect(of(r, 'boxes')[1]!.message).toMatch(/BleedBox .* extends beyond its MediaBox/);
  });
});

describe('fonts', () => {
  it('an unembedded Type1 Helvetica used by text', async () => {
    let ref!: PDFRef;
    const r = await preflight({
      pages: 2,
      edit: (f) => {
        ref = f.ctx.register(f.ctx.obj({ Type: 'Font', Subtype: 'Type1', BaseFont: 'Helvetica', Encoding: 'WinAnsiEncoding' }));
        f.addResource(2, 'Font', 'Helv', ref);
      },
      content: onPage(2, 'q 0 0 0 1 k BT /Helv 10 Tf 72 100 Td (Hello) Tj ET Q'),
    });
    expect(kinds(r)).toEqual(['fonts:error']);
    expect(of(r, 'fonts')[0]).toMatchObject({ page: 2, object: refKey(ref) });
    expect(r.fonts).toContainEqual({ name: 'Helvetica', embedded: false, subset: false, type: 'Type1' });
  });

  it('an embedded subset TrueType font, and an unembedded font used only for invisible text', async () => {
    const r = await preflight({
      edit: (f) => {
        const file = f.ctx.register(f.ctx.stream('not really a font'));
        const fd = f.ctx.obj({ Type: 'FontDescriptor', FontName: 'ABCDEF+Inter', Flags: 32, FontBBox: [0, 0, 1000, 1000], ItalicAngle: 0, Ascent: 900, Descent: -200, CapHeight: 700, StemV: 80, FontFile2: file });
        f.addResource(1, 'Font', 'TT', f.ctx.register(f.ctx.obj({ Type: 'Font', Subtype: 'TrueType', BaseFont: 'ABCDEF+Inter', FontDescriptor: f.ctx.register(fd) })));
        f.addResource(1, 'Font', 'Helv', f.ctx.register(f.ctx.obj({ Type: 'Font', Subtype: 'Type1', BaseFont: 'Helvetica' })));
      },
      content: onPage(1, 'q 0 0 0 1 k BT /TT 10 Tf 72 100 Td (Hi) Tj 3 Tr /Helv 10 Tf (ocr) Tj ET Q'),
    });
    expect(r.issues).toEqual([]);
    expect(r.fonts).toContainEqual({ name: 'ABCDEF+Inter', embedded: true, subset: true, type: 'TrueType' });
    expect(r.fonts).toContainEqual({ name: 'Helvetica', embedded: false, subset: false, type: 'Type1' });
  });
});

describe('hairlines', () => {
  it('a 0.1 pt stroke', async () => {
    const r = await preflight({ pages: 2, content: onPage(2, 'q 0 0 0 1 K 0.1 w 72 200 m 300 200 l S Q') });
    expect(kinds(r)).toEqual(['hairline:warning']);
    expect(of(r, 'hairline')[0]).toMatchObject({ page: 2 });
    expect(of(r, 'hairline')[0]!.message).toMatch(/thinnest 0\.1 pt/);
  });

  it('a zero-width line, and a 2 pt line scaled down to 0.2 pt by the CTM', async () => {
    const zero = await preflight({ content: onPage(1, 'q 0 0 0 1 K 0 w 72 200 m 300 200 l S Q') });
    expect(of(zero, 'hairline')[0]!.message).toMatch(/zero-width/);
    const scaled = await preflight({ content: onPage(1, 'q 0.1 0 0 0.1 0 0 cm 0 0 0 1 K 2 w 720 2000 m 3000 2000 l S Q') });
    expect(of(scaled, 'hairline')[0]!.message).toMatch(/thinnest 0\.2 pt/);
    const wide = await preflight({ content: onPage(1, 'q 0 0 0 1 K 0.25 w 72 200 m 300 200 l S Q') });
    expect(wide.issues).toEqual([]);
  });
});

describe('ink', () => {
  it('`1 1 0.8 0 k` (280 %) is fine, `1 1 1 0.8 k` (380 %) is not', async () => {
    const ok = await preflight({ content: onPage(1, 'q 1 1 0.8 0 k 100 100 50 50 re f Q') });
    expect(ok.issues).toEqual([]);
    const r = await preflight({ pages: 2, content: onPage(2, 'q 1 1 1 0.8 k 100 100 50 50 re f Q') });
    expect(kinds(r)).toEqual(['ink:error']);
    expect(of(r, 'ink')[0]).toMatchObject({ page: 2 });
    expect(of(r, 'ink')[0]!.message).toMatch(/380 %/);
    const limit = await preflight({ content: onPage(1, 'q 1 1 1 0.8 k 100 100 50 50 re f Q') }, { inkLimit: 400 });
    expect(limit.issues).toEqual([]);
  });

  it('ink set with sc in an ICCBased N=4 space, and in strokes', async () => {
    const r = await preflight({
      edit: (f) => {
        const icc = f.ctx.register(f.ctx.stream('fake profile', { N: 4 }));
        f.addResource(1, 'ColorSpace', 'CMYK4', f.ctx.obj(['ICCBased', icc]) as never);
      },
      content: onPage(1, 'q /CMYK4 CS 1 1 1 1 SC 1 w 100 100 m 200 100 l S Q'),
    });
    expect(kinds(r)).toEqual(['ink:error']);
    expect(of(r, 'ink')[0]!.message).toMatch(/400 %/);
  });

  it('printer marks at 400 % and 0.1 pt inside /Artifact <</Type /Pagination /Subtype /PrinterMarks>> are not reported', async () => {
    const marks = '1 1 1 1 K 0.1 w 100 100 m 120 100 l S 1 1 1 1 k 130 100 5 5 re f';
    const r = await preflight({ content: onPage(1, `/Artifact <</Type /Pagination /Subtype /PrinterMarks>> BDC q ${marks} Q EMC`) });
    expect(r.issues).toEqual([]);
    const tagged = await preflight({ content: onPage(1, `/PrinterMarks BMC q ${marks} Q EMC`) });
    expect(tagged.issues).toEqual([]);
    // The same marks inside the page and not marked as printer marks are reported.
    const bare = await preflight({ content: onPage(1, `q ${marks} Q`) });
    expect(kinds(bare)).toEqual(['hairline:warning', 'ink:error']);
    expect(of(bare, 'ink')[0]!.message).toMatch(/2 fill\(s\)\/stroke\(s\).*400 %/);
  });

  it('marks drawn entirely outside the BleedBox (in the slug) are exempt even when not marked', async () => {
    const r = await preflight({ content: onPage(1, 'q 1 1 1 1 K 0.1 w 0 30 m 18 30 l S Q') });
    expect(r.issues).toEqual([]);
  });

  it('a CMYK image with a 400 % pixel; a JPEG CMYK image is not measured (warning)', async () => {
    let rich!: PDFRef;
    let jpeg!: PDFRef;
    const r = await preflight({
      edit: (f) => {
        rich = addImage(f.ctx, { width: 8, height: 8, pixel: (x, y) => (x === 7 && y === 7 ? [255, 255, 255, 255] : [0, 0, 0, 0]) });
        jpeg = addImage(f.ctx, { width: 8, height: 8, filter: 'dct', pixel: () => [0, 0, 0, 0] });
        f.addResource(1, 'XObject', 'Rich', rich);
        f.addResource(1, 'XObject', 'Jpeg', jpeg);
      },
      content: onPage(1, 'q 1.44 0 0 1.44 100 100 cm /Rich Do Q q 1.44 0 0 1.44 200 100 cm /Jpeg Do Q'),
    });
    expect(kinds(r)).toEqual(['ink:error', 'ink:warning']);
    const ink = of(r, 'ink');
    expect(ink.find((i) => i.severity === 'error')).toMatchObject({ page: 1, object: refKey(rich) });
    expect(ink.find((i) => i.severity === 'error')!.message).toMatch(/400 %/);
    expect(ink.find((i) => i.severity === 'warning')).toMatchObject({ page: 1, object: refKey(jpeg) });
    expect(ink.find((i) => i.severity === 'warning')!.message).toMatch(/JPEG/);
  });

  it('an uncompressed CMYK image with a Decode array that inverts it', async () => {
    const r = await preflight({
      edit: (f) => {
        const inv = addImage(f.ctx, { width: 2, height: 2, filter: 'none', pixel: () => [0, 0, 0, 0], extra: { Decode: [1, 0, 1, 0, 1, 0, 1, 0] } });
        f.addResource(1, 'XObject', 'Inv', inv);
      },
      content: onPage(1, 'q 0.36 0 0 0.36 100 100 cm /Inv Do Q'),
    });
    expect(kinds(r)).toEqual(['ink:error']);
  });
});

describe('image resolution', () => {
  it('warns between minPpi/2 and minPpi, errors below; image masks are skipped', async () => {
    const r = await preflight({
      edit: (f) => {
        f.addResource(1, 'XObject', 'Lo', addImage(f.ctx, { width: 100, height: 100, pixel: () => [0, 0, 0, 255] }));
        f.addResource(1, 'XObject', 'Mask', addImage(f.ctx, { width: 10, height: 10, colorSpace: undefined, components: 1, pixel: () => [0], extra: { ImageMask: true, BitsPerComponent: 1 } }));
      },
      // 100 px over 1 in one way and 0.5 in the other: 100 ppi (the lower).
      content: onPage(1, 'q 72 0 0 36 100 100 cm /Lo Do Q q 0 0 0 1 k 720 0 0 720 0 0 cm /Mask Do Q'),
    });
    expect(kinds(r)).toEqual(['image-resolution:error']);
    expect(of(r, 'image-resolution')[0]!.message).toMatch(/100 ppi/);
    // The 8 px image at 0.1 in: 80 ppi, an error by default, fine with minPpi 50.
    const small = { content: onPage(1, 'q 7.2 0 0 7.2 100 100 cm /Im1 Do Q') };
    expect(kinds(await preflight(small))).toEqual(['image-resolution:error']);
    expect((await preflight(small, { minPpi: 50 })).issues).toEqual([]);
  });
});

describe('PDF/X', () => {
  const transparent = (f: PrintFixture) => f.addResource(1, 'ExtGState', 'GS1', f.ctx.register(f.ctx.obj({ Type: 'ExtGState', ca: 0.5 })));
  const x1a = { pdfx: 'PDF/X-1a:2003', version: '1.4', edit: transparent, content: onPage(1, 'q /GS1 gs 0 0 0 0.5 k 100 100 50 50 re f Q') };

  it('an X-1a claim with a transparent ExtGState', async () => {
    const r = await preflight(x1a);
    expect(kinds(r)).toEqual(['pdfx:error']);
    expect(r.pdfx).toBe('PDF/X-1a:2003');
    expect(of(r, 'pdfx')).toHaveLength(1);
    expect(of(r, 'pdfx')[0]).toMatchObject({ page: 1 });
    expect(of(r, 'pdfx')[0]!.message).toMatch(/no transparency.*fill opacity \/ca 0\.5/);
  });

  it('the same transparency in an X-4 file is fine', async () => {
    const r = await preflight({ ...x1a, pdfx: 'PDF/X-4', version: '1.6' });
    expect(r.issues).toEqual([]);
  });

  it('X-1a: PDF 1.6, soft-masked images, blend modes', async () => {
    const r = await preflight({
      pdfx: 'PDF/X-1a:2003',
      edit: (f) => {
        const smask = addImage(f.ctx, { width: 8, height: 8, colorSpace: 'DeviceGray', pixel: () => [128] });
        f.addResource(1, 'XObject', 'Soft', addImage(f.ctx, { width: 8, height: 8, pixel: () => [0, 0, 0, 255], extra: { SMask: smask } }));
        f.addResource(1, 'ExtGState', 'Mul', f.ctx.obj({ BM: 'Multiply' }) as never);
      },
      content: onPage(1, 'q /Mul gs 1.44 0 0 1.44 100 100 cm /Soft Do Q'),
    });
    const msgs = of(r, 'pdfx').map((i) => i.message);
    expect(msgs).toHaveLength(3);
    expect(msgs.join('\n')).toMatch(/PDF 1\.6; PDF\/X-1a allows at most PDF 1\.4/);
    expect(msgs.join('\n')).toMatch(/blend mode \/Multiply/);
    expect(msgs.join('\n')).toMatch(/soft mask/);
  });

  it('the pdfx option: x1a on an X-4 file, x4 on a file without a claim', async () => {
    const r = await preflight({}, { pdfx: 'x1a' });
    expect(of(r, 'pdfx').map((i) => i.message)).toContainEqual(expect.stringMatching(/claims PDF\/X-4, not PDF\/X-1a/));
    const none = await preflight({ pdfx: null }, { pdfx: 'x4' });
    expect(none.pdfx).toBeUndefined();
    expect(of(none, 'pdfx').map((i) => i.message)).toEqual([
      expect.stringMatching(/does not claim PDF\/X-4/),
      expect.stringMatching(/XMP metadata has no pdfxid:GTS_PDFXVersion/),
    ]);
    const unclaimed = await preflight({ pdfx: null });
    expect(unclaimed.issues).toEqual([]);
  });

  it('no output intent, /Trapped /Unknown, no pdfxid in the XMP', async () => {
    const r = await preflight({
      edit: (f) => {
        f.catalog.delete(N('OutputIntents'));
        f.info.set(N('Trapped'), N('Unknown'));
      },
      xmp: (x) => x.replace(/<rdf:Description[^>]*pdfxid[\s\S]*?<\/rdf:Description>/, ''),
    });
    expect(r.outputIntent).toBeUndefined();
    const msgs = of(r, 'pdfx').map((i) => i.message);
    expect(msgs).toHaveLength(3);
    expect(msgs.join('\n')).toMatch(/no \/OutputIntents/);
    expect(msgs.join('\n')).toMatch(/\/Trapped is \/Unknown/);
    expect(msgs.join('\n')).toMatch(/no pdfxid:GTS_PDFXVersion/);
  });

  it('an output intent with only a registered identifier is accepted; "Custom" without a profile is not', async () => {
    const registered = await preflight({ edit: (f) => f.outputIntent.delete(N('DestOutputProfile')) });
    expect(registered.issues).toEqual([]);
    expect(registered.outputIntent).toEqual({ identifier: 'CGATS TR 001' });
    const custom = await preflight({
      edit: (f) => {
        f.outputIntent.delete(N('DestOutputProfile'));
        f.outputIntent.set(N('OutputConditionIdentifier'), PDFString.of('Custom'));
      },
    });
    expect(of(custom, 'pdfx')[0]!.message).toMatch(/neither an embedded ICC profile/);
  });
});

describe('errors and diagnostics', () => {
  it('refuses bytes that are not a PDF, and bad options, with folio errors', async () => {
    const e = await folioError(() => preflightPdf(new TextEncoder().encode('not a pdf at all')));
    expect(e.code).toBe('preflight/unreadable');
    const pdf = await makePrintPdf();
    expect((await folioError(() => preflightPdf(pdf, { minPpi: -1 }))).code).toBe('preflight/bad-option');
    expect((await folioError(() => preflightPdf(pdf, { pdfx: 'x3' as never }))).code).toBe('preflight/bad-option');
  });

  it('turns issues into diagnostics with codes, severities and places', async () => {
    const r = await preflight({ content: onPage(1, 'q 1 0 0 rg 100 100 50 50 re f 0 0 0 1 K 0.1 w 72 200 m 300 200 l S Q') });
    const d = preflightIssuesAsDiagnostics(r.issues, 'out/report.pdf');
    expect(d.map((x) => [x.code, x.severity, x.page, x.file])).toEqual([
      ['preflight/error', 'error', 1, 'out/report.pdf'],
      ['preflight/warning', 'warning', 1, 'out/report.pdf'],
    ]);
    expect(d[0]!.message).toMatch(/^Print preflight \(colour\): RGB left/);
  });
});
