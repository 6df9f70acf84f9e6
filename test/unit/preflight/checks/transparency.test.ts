/** checks/transparency.ts: PDF/X-1a allows no transparency. */
import { describe, expect, it } from 'vitest';
import { addImage, type PrintFixture } from '../../../print-fixtures.ts';
import { describeTransparency, pdfxNoTransparency } from '../../../../src/preflight/checks/transparency.ts';
import { facts, findings, kinds, of, onPage, preflight } from '../helpers.ts';

describe('PDF/X-1a and transparency', () => {
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

  it('describes what makes a graphics state or an image transparent', () => {
    expect(describeTransparency({ page: 1, object: '9 0 R', softMask: true })).toBe('image 9 0 R has a soft mask (/SMask)');
    expect(describeTransparency({ page: 1, object: '5 0 R', extGState: 'GS1', softMask: true, fillOpacity: 0.12345, strokeOpacity: 0.5, blendMode: 'Screen' })).toBe(
      'ExtGState /GS1 uses a soft mask (/SMask), fill opacity /ca 0.123, stroke opacity /CA 0.5, blend mode /Screen',
    );
    expect(describeTransparency({ page: 1, object: '5 0 R', extGState: 'GS2', softMask: false, strokeOpacity: 0 })).toBe('ExtGState /GS2 uses stroke opacity /CA 0');
    expect(describeTransparency({ page: 1, object: '5 0 R', extGState: 'GS3', softMask: false, fillOpacity: 0 })).toBe('ExtGState /GS3 uses fill opacity /ca 0');
  });

  it('only PDF/X-1a forbids it; a direct ExtGState has no object to name', () => {
    const transparency = [
      { page: 2, object: '5 0 R', extGState: 'GS1', softMask: false, fillOpacity: 0.5 },
      { page: 3, object: '/GS0', extGState: 'GS0', softMask: false, blendMode: 'Multiply' },
    ];
    expect(findings(pdfxNoTransparency, facts({ transparency }), { pdfx: 'x1a' })).toEqual([
      { severity: 'error', message: 'PDF/X-1a allows no transparency: on page 2, ExtGState /GS1 uses fill opacity /ca 0.5.', page: 2, object: '5 0 R' },
      { severity: 'error', message: 'PDF/X-1a allows no transparency: on page 3, ExtGState /GS0 uses blend mode /Multiply.', page: 3 },
    ]);
    expect(findings(pdfxNoTransparency, facts({ transparency }), { pdfx: 'x4' })).toEqual([]);
    expect(findings(pdfxNoTransparency, facts({ transparency }))).toEqual([]);
  });
});
