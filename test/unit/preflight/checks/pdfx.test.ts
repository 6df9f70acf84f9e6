/** checks/pdfx.ts: the claim, the output intent, /Trapped, the XMP. */
import { describe, expect, it } from 'vitest';
import { PDFString } from 'pdf-lib';
import { N, of, preflight } from '../helpers.ts';

describe('PDF/X', () => {
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
