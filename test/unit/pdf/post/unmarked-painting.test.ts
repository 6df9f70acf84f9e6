import { describe, expect, it } from 'vitest';
import { PDFDocument, PDFName } from 'pdf-lib';
import { parseOperations } from '../../../../src/pdf/content-stream.ts';
import { findUnmarkedPainting, markAsArtifacts } from '../../../../src/pdf/post/artifacts.ts';

const doc = await PDFDocument.create();
const page = doc.addPage([100, 100]).node;
/** The unmarked painting of content on a page with no resources (its /Im1 names nothing). */
const unmarked = (text: string) => findUnmarkedPainting(doc.context, page, text);

describe('findUnmarkedPainting / markAsArtifacts', () => {
  const stream = [
    'q 0 0 10 10 re W n', // a clip: not painting
    '/P <</MCID 0>> BDC BT (tagged) Tj ET EMC',
    '0 0 m 5 5 l S', // an untagged rule
    'BT (running head) Tj ET', // untagged text
    "BT /Span <</ActualText (')>> BDC (x) Tj EMC ET", // marked, but neither tagged nor an artifact
    '/Figure <</MCID 1>> BDC 1 1 4 4 re f EMC',
    '/Im1 Do Q',
  ].join('\n');

  it('finds each untagged path, text and image, and nothing tagged', () => {
    const spans = unmarked(stream);
    expect(spans.map((s) => stream.slice(s.start, s.end))).toEqual(['0 0 m 5 5 l S', '(running head) Tj', '(x) Tj', '/Im1 Do']);
  });

  it('wraps them as artifacts, leaving no unmarked painting and the tagged content as it was', () => {
    const marked = markAsArtifacts(stream, unmarked(stream));
    expect(unmarked(marked)).toEqual([]);
    expect(marked).toContain('/Artifact BMC\n0 0 m 5 5 l S\nEMC');
    expect(marked).toContain('/P <</MCID 0>> BDC BT (tagged) Tj ET EMC');
    expect(parseOperations(marked).filter((o) => o.op === 'BMC')).toHaveLength(4);
  });

  it('counts an untagged form as one painting, its Do, without looking into the form', () => {
    const withForm = doc.addPage([100, 100]).node;
    const form = doc.context.register(doc.context.stream('0 0 m 5 5 l S BT (inside) Tj ET', { Type: 'XObject', Subtype: 'Form', BBox: [0, 0, 10, 10] }));
    withForm.set(PDFName.of('Resources'), doc.context.obj({ XObject: { Fm1: form } }));
    const text = '/P <</MCID 0>> BDC /Fm1 Do EMC\nq /Fm1 Do Q';
    const spans = findUnmarkedPainting(doc.context, withForm, text);
    expect(spans.map((s) => text.slice(s.start, s.end))).toEqual(['/Fm1 Do']);
    expect(spans[0]!.start).toBe(text.lastIndexOf('/Fm1'));
  });
});
