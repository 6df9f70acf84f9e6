import { describe, expect, it } from 'vitest';
import { PDFDocument, PDFName } from 'pdf-lib';
import { addBoxFont } from '../../pdf-fixtures.ts';
import { readPageContent } from '../../../src/pdf/page-content.ts';
import { applyEdits, textString } from '../../../src/pdf/content-stream.ts';

async function page(content: string) {
  const doc = await PDFDocument.create();
  const font = addBoxFont(doc.context);
  const p = doc.addPage([300, 300]);
  p.node.set(PDFName.of('Resources'), doc.context.obj({ Font: { F1: font } }));
  return readPageContent(doc, p.node, content);
}

describe('readPageContent', () => {
  it('places text on the page through the CTM and the text matrices, glyph widths and TJ adjustments', async () => {
    // The box font's glyphs are 600/1000 wide.
    const c = await page('q 2 0 0 2 10 20 cm BT /F1 10 Tf 1 0 0 1 5 5 Tm (ab) Tj 0 -12 Td [(c) -1000 (d)] TJ ET Q');
    expect(c.shown.map((s) => s.text)).toEqual(['ab', 'cd']);
    expect(c.shown[0]!.start).toEqual([20, 30]);
    expect(c.shown[0]!.end).toEqual([20 + 2 * 12, 30]);
    expect(c.shown[1]!.start).toEqual([20, 30 - 24]);
    expect(c.shown[1]!.end[0]).toBeCloseTo(20 + 2 * (6 + 10 + 6));
  });

  it('knows which marked-content sequence each painting is in, and which sequences paint nothing', async () => {
    const c = await page('/P <</MCID 0>> BDC BT ET EMC /Span <</ActualText <FEFF2019>>> BDC BT /F1 10 Tf (x) Tj ET EMC /Artifact BMC 0 0 m 10 10 l S EMC');
    expect(c.sequences.map((s) => [s.tag, s.mcid, s.actualText, s.paints])).toEqual([
      ['P', 0, undefined, false],
      ['Span', undefined, '’', true],
      ['Artifact', undefined, undefined, true],
    ]);
    expect(c.paintings.map((p) => [p.op.op, p.marked?.tag])).toEqual([
      ['Tj', 'Span'],
      ['S', 'Artifact'],
    ]);
  });

  it('clips what a path paints to the clipping path', async () => {
    const c = await page('q 0 0 50 50 re W n 10 10 100 100 re f Q 10 10 100 100 re f');
    expect(c.paintings.map((p) => p.box)).toEqual([
      [10, 10, 50, 50],
      [10, 10, 110, 110],
    ]);
  });
});

describe('textString and applyEdits', () => {
  it('decodes UTF-16 and literal text strings', () => {
    expect(textString('<FEFF00660069>')).toBe('fi');
    expect(textString('(a\\)b)')).toBe('a)b');
  });

  it('applies edits in any order', () => {
    expect(applyEdits('abcdef', [{ start: 4, end: 5, text: 'E' }, { start: 0, end: 1, text: '' }, { start: 2, end: 2, text: '+' }])).toBe('b+cdEf');
  });
});
