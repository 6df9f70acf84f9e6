/** checks/fonts.ts: fonts used for visible text are embedded. */
import { describe, expect, it } from 'vitest';
import type { PDFRef } from 'pdf-lib';
import { refKey } from '../../../../src/pdf/cos.ts';
import { fontsEmbedded } from '../../../../src/preflight/checks/fonts.ts';
import { facts, findings, kinds, of, onPage, preflight } from '../helpers.ts';

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

  it('a font selected by an ExtGState\'s /Font is a font used, too', async () => {
    const r = await preflight({
      edit: (f) => {
        const helv = f.ctx.register(f.ctx.obj({ Type: 'Font', Subtype: 'Type1', BaseFont: 'Helvetica' }));
        f.addResource(1, 'ExtGState', 'GSF', f.ctx.obj({ Type: 'ExtGState', Font: [helv, 10] }));
      },
      content: onPage(1, 'q 0 0 0 1 k BT /GSF gs 72 100 Td (Hello) Tj ET Q'),
    });
    expect(kinds(r)).toEqual(['fonts:error']);
    expect(of(r, 'fonts')[0]!.message).toMatch(/Helvetica \(Type1, \/GSF, first used on page 1\) is not embedded/);
  });

  it('reports only fonts that are both unembedded and shown, with their object when they have one', () => {
    const font = { name: 'Helvetica', embedded: false, subset: false, type: 'Type1', resourceName: 'F1', page: 2, rendered: true };
    const fonts = [
      font,
      { ...font, name: 'Courier', resourceName: 'F2', page: 3, object: '5 0 R' },
      { ...font, name: 'Inter', embedded: true },
      { ...font, name: 'Times', rendered: false },
    ];
    expect(findings(fontsEmbedded, facts({ fonts }))).toEqual([
      { severity: 'error', message: 'The font Helvetica (Type1, /F1, first used on page 2) is not embedded: the printer would substitute another font.', page: 2 },
      { severity: 'error', message: 'The font Courier (Type1, /F2, first used on page 3) is not embedded: the printer would substitute another font.', page: 3, object: '5 0 R' },
    ]);
  });
});
