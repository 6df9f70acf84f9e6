import { describe, expect, it } from 'vitest';
import { PDFDocument, PDFName } from 'pdf-lib';
import { addBoxFont } from '../../pdf-fixtures.ts';
import { apart, mcidOf, readPage, readPageContent } from '../../../src/pdf/page-content.ts';
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

async function pageWith(content: string, resources: (doc: PDFDocument) => Record<string, unknown> = () => ({})) {
  const doc = await PDFDocument.create();
  const font = addBoxFont(doc.context);
  const p = doc.addPage([300, 300]);
  p.node.set(PDFName.of('Resources'), doc.context.obj({ Font: { F1: font }, ...resources(doc) } as never));
  return { doc, node: p.node, content: readPageContent(doc, p.node, content) };
}

describe('readPageContent: what each text shows and where', () => {
  it('records the font resource name, size and codes, and a glyph box from 0.2 em below to 0.8 em above the baseline', async () => {
    const c = await page('BT /F1 10 Tf 1 0 0 1 5 5 Tm (ab) Tj ET');
    const s = c.shown[0]!;
    expect([s.fontName, s.size, s.codes, s.start, s.end]).toEqual(['F1', 10, [97, 98], [5, 5], [17, 5]]);
    expect(c.paintings.map((p) => [p.op.op, p.box, p.text === s])).toEqual([['Tj', [5, 3, 17, 13], true]]);
  });

  it('narrows the text by horizontal scaling (Tz) and lifts it by the rise (Ts)', async () => {
    const c = await page('BT /F1 10 Tf 50 Tz 3 Ts (ab) Tj ET');
    expect(c.shown[0]!.start).toEqual([0, 3]);
    expect(c.shown[0]!.end).toEqual([6, 3]);
    expect(c.paintings[0]!.box).toEqual([0, 1, 6, 11]);
  });

  it('the glyph box of rotated text spans the rotated glyphs', async () => {
    // 90° counter-clockwise: the baseline runs up the page, the glyphs stand to its left.
    const c = await page('BT /F1 10 Tf 0 1 -1 0 100 100 Tm (a) Tj ET');
    expect(c.shown[0]!.start).toEqual([100, 100]);
    expect(c.shown[0]!.end).toEqual([100, 106]);
    expect(c.paintings[0]!.box).toEqual([92, 100, 102, 106]);
  });

  it('the glyph box of slanted text reaches each corner of the rotated glyphs', async () => {
    // Rotated by atan(4/3) one way and the other: every corner of the glyphs' box is the extreme
    // one along x on one page and along y on the other.
    const box = async (tm: string) => (await page(`BT /F1 10 Tf ${tm} Tm (a) Tj ET`)).paintings[0]!.box!.map((n) => Math.round(n * 1000) / 1000);
    expect(await box('0.6 0.8 -0.8 0.6 0 0')).toEqual([-6.4, -1.2, 5.2, 9.6]);
    expect(await box('0.6 -0.8 0.8 0.6 0 0')).toEqual([-1.6, -6, 10, 4.8]);
  });

  it('reads the text through the font map as it is now, with U+FFFD for codes it does not map', async () => {
    const c = await page('BT /F1 10 Tf (a\\310) Tj ET');
    const s = c.shown[0]!;
    expect(s.text).toBe('a\ufffd');
    s.font.unicode.set(97, 'Z');
    expect(s.text).toBe('Z\ufffd');
  });

  it('shows no text without a selected font', async () => {
    const c = await page('BT (x) Tj ET');
    expect(c.shown).toEqual([]);
    expect(c.paintings).toEqual([]);
  });
});

describe('readPageContent: paintings other than text', () => {
  it('a path paints only when filled or stroked', async () => {
    const c = await page('0 0 m 10 10 l n 0 0 m 10 10 l S 0 0 5 5 re f');
    expect(c.paintings.map((p) => [p.op.op, p.box])).toEqual([
      ['S', [0, 0, 10, 10]],
      ['f', [0, 0, 5, 5]],
    ]);
  });

  it('a form XObject is one painting, its /BBox through its /Matrix and the CTM, its own content unread', async () => {
    const { content: c } = await pageWith('q 1 0 0 1 5 5 cm /Fm1 Do Q', (doc) => ({
      XObject: {
        Fm1: doc.context.register(
          doc.context.stream('BT /F1 10 Tf (x) Tj ET 0 0 1 1 re f', { Type: 'XObject', Subtype: 'Form', BBox: [0, 0, 10, 20], Matrix: [2, 0, 0, 2, 0, 0], Resources: {} }),
        ),
      },
    }));
    expect(c.shown).toEqual([]);
    expect(c.paintings.map((p) => [p.op.op, p.box])).toEqual([['Do', [5, 5, 25, 45]]]);
  });

  it('an image inside a clipping path still has no measured box', async () => {
    const c = await page('q 0 0 50 50 re W n BI /W 1 /H 1 /BPC 8 /CS /G ID x EI Q');
    expect(c.paintings.map((p) => [p.op.op, p.box])).toEqual([['BI', undefined]]);
  });

  it('images, shadings and unknown XObjects paint with no measured box, and mark their sequence as painting', async () => {
    const c = await page('/Figure <</MCID 0>> BDC BI /W 1 /H 1 /BPC 8 /CS /G ID x EI EMC /Artifact BMC /Sh1 sh EMC /P <</MCID 1>> BDC /Missing Do EMC');
    expect(c.paintings.map((p) => [p.op.op, p.box, p.marked?.tag])).toEqual([
      ['BI', undefined, 'Figure'],
      ['sh', undefined, 'Artifact'],
      ['Do', undefined, 'P'],
    ]);
    expect(c.sequences.map((s) => s.paints)).toEqual([true, true, true]);
  });
});

describe('readPageContent: marked-content sequences', () => {
  it('nests sequences, ends them at their EMC, and marks every sequence around a painting as painting', async () => {
    const c = await page('/Sect BMC /P <</MCID 2 /ActualText (lit)>> BDC /Span BMC BT /F1 10 Tf (x) Tj ET EMC EMC /Note BMC EMC EMC /Open BMC');
    const [sect, p, span, note, open] = c.sequences;
    expect(c.sequences.map((s) => [s.tag, s.mcid, s.actualText, s.paints, s.begin.op, s.end?.op])).toEqual([
      ['Sect', undefined, undefined, true, 'BMC', 'EMC'],
      ['P', 2, 'lit', true, 'BDC', 'EMC'],
      ['Span', undefined, undefined, true, 'BMC', 'EMC'],
      ['Note', undefined, undefined, false, 'BMC', 'EMC'],
      ['Open', undefined, undefined, false, 'BMC', undefined],
    ]);
    expect([sect!.parent, p!.parent, span!.parent, note!.parent, open!.parent]).toEqual([undefined, sect, p, sect, undefined]);
    expect(c.shown[0]!.marked).toBe(span);
    // Each sequence's EMC is its own, in order.
    expect(c.sequences.slice(0, 4).map((s) => c.source.slice(s.end!.start, s.end!.end))).toEqual(['EMC', 'EMC', 'EMC', 'EMC']);
    expect(span!.end!.start).toBeLessThan(p!.end!.start);
    expect(note!.end!.start).toBeLessThan(sect!.end!.start);
  });

  it('the MCID of text is that of its innermost tagged sequence; none for an artifact or untagged text', async () => {
    const c = await page(
      'BT /F1 10 Tf /Sect <</MCID 1>> BDC /P <</MCID 2>> BDC (a) Tj EMC /Span BMC (b) Tj EMC EMC /P <</MCID 3>> BDC /Artifact BMC (c) Tj EMC EMC (d) Tj ET',
    );
    expect(c.shown.map((s) => mcidOf(s))).toEqual([2, 1, undefined, undefined]);
  });
});

describe('apart: whether a reader needs a word break between two pieces of text', () => {
  // CTM scale 2: an em of the 10-point text is 20 page units; a quarter em 5, 0.6 em 12.
  const two = async (second: string) => {
    const c = await page(`q 2 0 0 2 0 0 cm BT /F1 10 Tf 1 0 0 1 0 0 Tm (ab) Tj ${second} ET Q`);
    return apart(c.shown[0]!, c.shown[1]!);
  };

  it('runs on within a quarter em along the baseline, in the page\'s scale', async () => {
    expect(await two('1 0 0 1 12 0 Tm (c) Tj')).toBe(false);
    expect(await two('1 0 0 1 14.5 0 Tm (c) Tj')).toBe(false);
    expect(await two('1 0 0 1 9.5 0 Tm (c) Tj')).toBe(false);
    expect(await two('1 0 0 1 14.6 0 Tm (c) Tj')).toBe(true);
    expect(await two('1 0 0 1 9.4 0 Tm (c) Tj')).toBe(true);
  });

  it('is apart on a baseline more than 0.6 em above or below', async () => {
    expect(await two('1 0 0 1 12 -6 Tm (c) Tj')).toBe(false);
    expect(await two('1 0 0 1 12 6 Tm (c) Tj')).toBe(false);
    expect(await two('1 0 0 1 12 -6.5 Tm (c) Tj')).toBe(true);
    expect(await two('1 0 0 1 12 6.5 Tm (c) Tj')).toBe(true);
  });

  it('takes the larger em of the two pieces', async () => {
    const c = await page('BT /F1 10 Tf 1 0 0 1 0 0 Tm (ab) Tj /F1 20 Tf 1 0 0 1 16.5 0 Tm (c) Tj ET');
    expect(apart(c.shown[0]!, c.shown[1]!)).toBe(false);
    expect(apart(c.shown[1]!, c.shown[0]!)).toBe(true);
  });

  it("takes each piece's em in its own scale", async () => {
    // The first piece drawn at twice the size (em 20), the second at its own (em 10), 4 units apart.
    const bigFirst = await page('q 2 0 0 2 0 0 cm BT /F1 10 Tf 1 0 0 1 0 0 Tm (ab) Tj ET Q BT /F1 10 Tf 1 0 0 1 28 0 Tm (c) Tj ET');
    expect(apart(bigFirst.shown[0]!, bigFirst.shown[1]!)).toBe(false);
    const bigSecond = await page('BT /F1 10 Tf 1 0 0 1 0 0 Tm (ab) Tj ET q 2 0 0 2 0 0 cm BT /F1 10 Tf 1 0 0 1 8 0 Tm (c) Tj ET Q');
    expect(apart(bigSecond.shown[0]!, bigSecond.shown[1]!)).toBe(false);
    const smallBoth = await page('BT /F1 10 Tf 1 0 0 1 0 0 Tm (ab) Tj 1 0 0 1 16 0 Tm (c) Tj ET');
    expect(apart(smallBoth.shown[0]!, smallBoth.shown[1]!)).toBe(true);
  });

  it('measures a piece of glyphs without width, moved only by character spacing, at its nominal size', async () => {
    // Code 200 has no width in the box font; 5 Tc moves the pen 5 units all the same.
    const c = await page('BT /F1 10 Tf 5 Tc 1 0 0 1 0 0 Tm (\\310) Tj 0 Tc 1 0 0 1 8 0 Tm (c) Tj ET');
    expect(c.shown[0]!.end).toEqual([5, 0]);
    expect(apart(c.shown[0]!, c.shown[1]!)).toBe(true);
  });

  it('measures pieces that show nothing or do not advance at their nominal size', async () => {
    // Empty strings and a glyph cancelled by its TJ adjustment have no scale of their own: 1.
    const empty = await page('q 2 0 0 2 0 0 cm BT /F1 10 Tf 1 0 0 1 0 0 Tm () Tj 1 0 0 1 3 0 Tm () Tj ET Q');
    expect(apart(empty.shown[0]!, empty.shown[1]!)).toBe(true);
    const still = await page('BT /F1 10 Tf 1 0 0 1 0 0 Tm [(a) 600] TJ 1 0 0 1 2 0 Tm [(b) 600] TJ ET');
    expect(still.shown[0]!.end).toEqual([0, 0]);
    expect(apart(still.shown[0]!, still.shown[1]!)).toBe(false);
  });
});

describe('readPage: a page read once while its content stays the same', () => {
  it('returns the same reading for the same content, a new one when it changed, and keeps documents apart', async () => {
    const { doc, node } = await pageWith('');
    const a = readPage(doc, node, 'BT /F1 10 Tf (a) Tj ET');
    expect(readPage(doc, node, 'BT /F1 10 Tf (a) Tj ET')).toBe(a);
    const b = readPage(doc, node, 'BT /F1 10 Tf (b) Tj ET');
    expect(b).not.toBe(a);
    expect(b.shown[0]!.text).toBe('b');
    expect(readPage(doc, node, 'BT /F1 10 Tf (b) Tj ET')).toBe(b);
    const other = await pageWith('');
    expect(readPage(other.doc, other.node, 'BT /F1 10 Tf (b) Tj ET')).not.toBe(b);
  });
});
