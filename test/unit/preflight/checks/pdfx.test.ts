/** checks/pdfx.ts: the claim, the output intent, /Trapped, the XMP. */
import { describe, expect, it } from 'vitest';
import { PDFString } from 'pdf-lib';
import {
  outputIntentProblem,
  pdfxClaimed,
  pdfxDeviceColour,
  pdfxMetadata,
  pdfxOneFinishedBox,
  pdfxOutputIntent,
  pdfxTrapped,
  pdfxVersion,
} from '../../../../src/preflight/checks/pdfx.ts';
import type { DocumentFacts } from '../../../../src/preflight/facts.ts';
import { facts, findings, N, of, pageFacts, preflight } from '../helpers.ts';

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

  /** A complete PDF/X-4 file's document facts, changed by `over`. */
  const x4 = (over: Partial<DocumentFacts> = {}) =>
    facts({
      document: {
        infoVersion: 'PDF/X-4',
        hasXmp: true,
        xmpVersion: 'PDF/X-4',
        trapped: { present: true, name: 'False' },
        outputIntents: { count: 1, pdfx: { identifier: 'CGATS TR 001', profile: 'stream', profileComponents: 4 } },
        version: 1.6,
        ...over,
      },
    });
  const messages = (check: Parameters<typeof findings>[0], f: ReturnType<typeof facts>, o: Parameters<typeof findings>[2] = {}) =>
    findings(check, f, o).map((x) => `${x.severity}: ${x.message}`);

  it('a complete PDF/X-4 file passes every PDF/X check', () => {
    for (const check of [pdfxClaimed, pdfxOutputIntent, pdfxTrapped, pdfxMetadata, pdfxOneFinishedBox, pdfxVersion, pdfxDeviceColour]) {
      expect(findings(check, x4()), check.requires).toEqual([]);
      expect(findings(check, x4(), { pdfx: 'x4' }), check.requires).toEqual([]);
    }
  });

  it('the claim asked for: what the file claims instead, with its conformance', () => {
    expect(messages(pdfxClaimed, x4({ conformance: 'PDF/X-4p' }), { pdfx: 'x1a' })).toEqual(['error: The file claims PDF/X-4 (PDF/X-4p), not PDF/X-1a as required.']);
    expect(messages(pdfxClaimed, x4(), { pdfx: 'x1a' })).toEqual(['error: The file claims PDF/X-4, not PDF/X-1a as required.']);
    expect(messages(pdfxClaimed, facts(), { pdfx: 'x1a' })).toEqual(['error: The file does not claim PDF/X-1a: it has no /GTS_PDFXVersion.']);
    expect(messages(pdfxClaimed, facts())).toEqual([]);
  });

  it('says what is wrong with the output intents', () => {
    const pdfx = { identifier: '', profile: 'none' as const };
    expect(outputIntentProblem({ count: 0 })).toBe('the catalog has no /OutputIntents: the file does not say which printing condition it was made for.');
    expect(outputIntentProblem({ count: 2 })).toBe('the catalog has /OutputIntents, but none with /S /GTS_PDFX.');
    expect(outputIntentProblem({ count: 1, pdfx: { identifier: 'FOGRA39', profile: 'other' } })).toBe("the output intent's /DestOutputProfile is not an ICC profile stream.");
    const neither = 'the output intent has neither an embedded ICC profile (/DestOutputProfile) nor a registered /OutputConditionIdentifier.';
    expect(outputIntentProblem({ count: 1, pdfx })).toBe(neither);
    expect(outputIntentProblem({ count: 1, pdfx: { ...pdfx, identifier: '  ' } })).toBe(neither);
    expect(outputIntentProblem({ count: 1, pdfx: { ...pdfx, identifier: ' CUSTOM ' } })).toBe(neither);
    expect(outputIntentProblem({ count: 1, pdfx: { ...pdfx, identifier: 'FOGRA39' } })).toBeUndefined();
    expect(outputIntentProblem({ count: 1, pdfx: { identifier: 'Custom', profile: 'stream' } })).toBeUndefined();
  });

  it('an output intent problem is an error; a profile that is not CMYK a warning', () => {
    expect(messages(pdfxOutputIntent, x4({ outputIntents: { count: 0 } }))).toEqual([
      'error: PDF/X-4: the catalog has no /OutputIntents: the file does not say which printing condition it was made for.',
    ]);
    expect(messages(pdfxOutputIntent, x4({ outputIntents: { count: 1, pdfx: { identifier: 'sRGB', profile: 'stream', profileComponents: 3 } } }))).toEqual([
      "warning: PDF/X-4: the output intent's profile has 3 components; a press output intent is usually CMYK (N=4).",
    ]);
    expect(messages(pdfxOutputIntent, x4({ outputIntents: { count: 1, pdfx: { identifier: 'FOGRA39', profile: 'none' } } }))).toEqual([]);
    expect(messages(pdfxOutputIntent, facts())).toEqual([]);
  });

  it('/Trapped: missing, another name, not a name', () => {
    expect(messages(pdfxTrapped, x4({ trapped: { present: false } }))).toEqual([
      "error: PDF/X-4: the document information dictionary's /Trapped is missing; it must be /True or /False.",
    ]);
    expect(messages(pdfxTrapped, x4({ trapped: { present: true } }), { pdfx: 'x1a' })).toEqual([
      "error: PDF/X-1a: the document information dictionary's /Trapped is not a name; it must be /True or /False.",
    ]);
    expect(messages(pdfxTrapped, x4({ trapped: { present: true, name: 'True' } }))).toEqual([]);
    expect(messages(pdfxTrapped, facts())).toEqual([]);
  });

  it('XMP: needed for X-4 and later, its version the same as the Info\'s; X-1a needs the Info\'s', () => {
    expect(messages(pdfxMetadata, x4({ hasXmp: false, xmpVersion: undefined }))).toEqual(['error: PDF/X-4: the catalog has no XMP metadata stream (/Metadata).']);
    expect(messages(pdfxMetadata, x4({ infoVersion: 'PDF/X-6', xmpVersion: undefined }))).toEqual([
      'error: PDF/X-6: the XMP metadata has no pdfxid:GTS_PDFXVersion (namespace http://www.npes.org/pdfx/ns/id/).',
    ]);
    expect(messages(pdfxMetadata, x4({ infoVersion: 'PDF/X-5g', hasXmp: false, xmpVersion: undefined }))).toEqual(['error: PDF/X-5g: the catalog has no XMP metadata stream (/Metadata).']);
    expect(messages(pdfxMetadata, x4({ infoVersion: 'PDF/X-3:2003', hasXmp: false, xmpVersion: undefined }))).toEqual([]);
    expect(messages(pdfxMetadata, x4({ xmpVersion: 'PDF/X-4p' }))).toEqual([
      'error: PDF/X-4: the XMP pdfxid:GTS_PDFXVersion "PDF/X-4p" differs from the Info /GTS_PDFXVersion "PDF/X-4".',
    ]);
    expect(messages(pdfxMetadata, x4({ infoVersion: 'PDF/X-1a:2001', hasXmp: false, xmpVersion: undefined }))).toEqual([]);
    expect(messages(pdfxMetadata, x4({ infoVersion: undefined, hasXmp: false, xmpVersion: 'PDF/X-1a:2001' }))).toEqual([
      'error: PDF/X-1a: the document information dictionary has no /GTS_PDFXVersion.',
    ]);
    expect(messages(pdfxMetadata, facts())).toEqual([]);
  });

  it('a page with both a TrimBox and an ArtBox is warned about; one with either is not', () => {
    const pages = [pageFacts(1), pageFacts(2, { declaresArtBox: true }), pageFacts(3, { declaresTrimBox: false, declaresArtBox: true })];
    expect(findings(pdfxOneFinishedBox, x4({}), {}).length).toBe(0);
    const f = { ...x4(), pages };
    expect(findings(pdfxOneFinishedBox, f)).toEqual([
      { severity: 'warning', message: 'PDF/X-4: page 2 has both a TrimBox and an ArtBox; PDF/X expects one of them.', page: 2, object: '12 0 R' },
    ]);
    expect(findings(pdfxOneFinishedBox, { ...facts(), pages })).toEqual([]);
  });

  it('the PDF version: at most 1.4 for X-1a (an error), based on 1.6 for X-4 (a warning)', () => {
    expect(messages(pdfxVersion, x4({ version: 1.4 }), { pdfx: 'x1a' })).toEqual([]);
    expect(messages(pdfxVersion, x4({ version: 1.5 }), { pdfx: 'x1a' })).toEqual(['error: PDF/X-1a: the file is PDF 1.5; PDF/X-1a allows at most PDF 1.4.']);
    expect(messages(pdfxVersion, x4({ version: 1.6 }))).toEqual([]);
    expect(messages(pdfxVersion, x4({ version: 1.7 }))).toEqual(['warning: PDF/X-4: the file is PDF 1.7; PDF/X-4 is based on PDF 1.6.']);
    expect(messages(pdfxVersion, facts({ document: { ...x4().document, infoVersion: 'PDF/X-3:2002', xmpVersion: undefined, version: 1.7 } }))).toEqual([]);
  });

  it('X-1a: device colour only, every device-independent space named', () => {
    const colourSpaces = new Set(['DeviceCMYK', 'ICCBased(N=4)', 'ICCBased(N=3)', 'CalGray', 'ICCBased(N=1)', 'Separation(Gold)']);
    expect(messages(pdfxDeviceColour, { ...x4(), colourSpaces }, { pdfx: 'x1a' })).toEqual([
      'error: PDF/X-1a allows only device CMYK, gray and spot colour, but the file uses ICCBased(N=4), CalGray, ICCBased(N=1).',
    ]);
    expect(messages(pdfxDeviceColour, { ...x4(), colourSpaces })).toEqual([]);
    expect(messages(pdfxDeviceColour, { ...x4(), colourSpaces: new Set(['DeviceCMYK', 'MyCalGray']) }, { pdfx: 'x1a' })).toEqual([]);
  });
});
