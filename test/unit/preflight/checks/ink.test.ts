/** checks/ink.ts: total ink of fills, strokes and image pixels; printer's marks are exempt. */
import { describe, expect, it } from 'vitest';
import type { PDFRef } from 'pdf-lib';
import { refKey } from '../../../../src/pdf/cos.ts';
import { addImage } from '../../../print-fixtures.ts';
import { coverage, inkInImages, inkInPaint } from '../../../../src/preflight/checks/ink.ts';
import { facts, findings, kinds, of, onPage, pageFacts, preflight } from '../helpers.ts';

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

  const CMYK = { label: 'DeviceCMYK', n: 4, rgb: false, inks: [1, 1, 1, 1], initial: [0, 0, 0, 1] };
  const REGISTRATION = { label: 'Separation(All)', n: 1, rgb: false, inks: [4], initial: [1] };
  const paint = (values: number[], over: Record<string, unknown> = {}) => ({ page: 1, object: '11 0 R', space: CMYK, values, use: 'fill', ...over });

  it('coverage: each component times its ink weight, missing components as none, to 0.01 %', () => {
    expect(coverage(paint([1, 0.5, 0.25, 0.125]))).toBe(187.5);
    expect(coverage(paint([0.5], { space: REGISTRATION }))).toBe(200);
    expect(coverage(paint([0.5, 0.5]))).toBe(100);
    expect(coverage(paint([0.123456, 0, 0, 0]))).toBe(12.35);
  });

  it('a page over the limit: how many paints, and the first of the richest named with its colour', () => {
    const inked = [
      paint([1, 1, 1, 0]), // 300 %: at the limit, fine
      paint([1, 1, 1, 0.5], { use: 'stroke' }), // 350 %
      paint([1, 1, 1, 0.9], { use: 'text' }), // 390 %
      paint([0.9, 1, 1, 1], { use: 'fill' }), // 390 %, later
      paint([1, 1, 1, 1], { page: 2, object: '40 0 R' }),
    ];
    expect(findings(inkInPaint, facts({ pages: [pageFacts(1), pageFacts(2)], inked }))).toEqual([
      { severity: 'error', message: '3 fill(s)/stroke(s) on page 1 exceed the 300 % total ink limit; the highest is 390 % (DeviceCMYK 1 1 1 0.9 (text)).', page: 1, object: '11 0 R' },
      { severity: 'error', message: '1 fill(s)/stroke(s) on page 2 exceed the 300 % total ink limit; the highest is 400 % (DeviceCMYK 1 1 1 1 (fill)).', page: 2, object: '40 0 R' },
    ]);
    expect(findings(inkInPaint, facts({ inked: [paint([0.33333, 1, 1, 1])] }), { inkLimit: 333.33 })).toEqual([]);
  });

  it('images: over the limit an error, unmeasured a warning, at the limit or unmeasurable-free nothing', () => {
    const imageInk = [
      { page: 1, object: '9 0 R', coverage: 300 },
      { page: 1, object: '10 0 R', coverage: 300.01 },
      { page: 1, object: '12 0 R' },
      { page: 2, object: '13 0 R', unmeasured: 'its JPEG samples are not decoded' },
      { page: 2, object: 'inline image', unmeasured: 'it is compressed with a filter that is not read' },
    ];
    expect(findings(inkInImages, facts({ imageInk }))).toEqual([
      { severity: 'error', message: 'Image 10 0 R on page 1 reaches 300.01 % total ink coverage, above the 300 % limit.', page: 1, object: '10 0 R' },
      { severity: 'warning', message: 'The ink coverage of image 13 0 R on page 2 was not measured: its JPEG samples are not decoded.', page: 2, object: '13 0 R' },
      { severity: 'warning', message: 'The ink coverage of an inline image on page 2 was not measured: it is compressed with a filter that is not read.', page: 2, object: undefined },
    ]);
  });
});
