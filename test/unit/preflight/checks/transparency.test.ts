/** checks/transparency.ts: PDF/X-1a allows no transparency. */
import { describe, expect, it } from 'vitest';
import { addImage, type PrintFixture } from '../../../print-fixtures.ts';
import { kinds, of, onPage, preflight } from '../helpers.ts';

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

});
