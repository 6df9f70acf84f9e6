import { describe, expect, it } from 'vitest';
import { PDFDocument } from 'pdf-lib';
import { addPrintMarks, marksContent, SLUG, withHeaderVersion } from '../../../src/print/add-print-marks.ts';
import { parseOperations } from '../../../src/pdf/content-stream.ts';
import { setMetadata } from '../../../src/pdf/post/metadata.ts';
import { correctedInfo, readDates, tag } from '../../edition-fixtures.ts';

/** Every point the marks draw through (the operands of m, l and c). */
function points(content: string): [number, number][] {
  const out: [number, number][] = [];
  for (const o of parseOperations(content)) {
    if (!['m', 'l', 'c'].includes(o.op)) continue;
    const n = o.operands.split(/\s+/).map(Number);
    for (let i = 0; i + 1 < n.length; i += 2) out.push([n[i]!, n[i + 1]!]);
  }
  return out;
}

describe('marksContent', () => {
  const [w, h, b] = [612, 792, 9];

  it('draws crop marks on the trim lines, entirely outside the bleed and inside the slug', () => {
    const pts = points(marksContent(w, h, b, ['crop']));
    expect(pts).toHaveLength(16); // 4 corners × 2 lines × 2 ends
    for (const [x, y] of pts) {
      const outsideBleed = x < 0 || x > w + 2 * b || y < 0 || y > h + 2 * b;
      expect(outsideBleed, `${x},${y}`).toBe(true);
      expect(x >= -SLUG && x <= w + 2 * b + SLUG && y >= -SLUG && y <= h + 2 * b + SLUG).toBe(true);
    }
    // Each mark lies on the extension of a trim line.
    const onTrim = (v: number, lines: number[]) => lines.includes(v);
    for (let i = 0; i < pts.length; i += 2) {
      const [[x0, y0], [x1, y1]] = [pts[i]!, pts[i + 1]!];
      expect((y0 === y1 && onTrim(y0, [b, h + b])) || (x0 === x1 && onTrim(x0, [b, w + b]))).toBe(true);
    }
  });

  it('adds registration marks in the slug when asked, and is marked as printer’s marks', () => {
    const content = marksContent(w, h, b, ['crop', 'registration']);
    expect(content).toMatch(/^q \/Artifact <<\/Type \/Pagination \/Subtype \/PrinterMarks>> BDC/);
    expect(content).toContain('1 1 1 1 K');
    for (const [x, y] of points(content)) expect(x < 0 || x > w + 2 * b || y < 0 || y > h + 2 * b).toBe(true);
    expect(points(content).length).toBeGreaterThan(16);
    expect(points(marksContent(w, h, b, []))).toEqual([]);
  });
});

describe('withHeaderVersion', () => {
  it('rewrites the version in place', () => {
    const bytes = Buffer.from('%PDF-1.7\n%\xe2\xe3\n1 0 obj', 'latin1');
    expect(Buffer.from(withHeaderVersion(new Uint8Array(bytes), '1.6')).toString('latin1')).toBe('%PDF-1.6\n%\xe2\xe3\n1 0 obj');
  });
});

describe('addPrintMarks metadata', () => {
  it('gives the print edition the screen edition’s dates: first publication, this edition, and the history', async () => {
    const make = async () => {
      const doc = await PDFDocument.create();
      doc.addPage([630, 810]);
      return doc;
    };
    const screen = await make();
    setMetadata(screen, correctedInfo);
    const { claims: _, ...info } = correctedInfo;
    const printed = await addPrintMarks(await (await make()).save(), {
      trim: { width: 612, height: 792 },
      bleed: 9,
      marks: [],
      pdfx: 'x4',
      profile: { file: 'test.icc', bytes: new Uint8Array([0]), description: 'test profile' },
      info,
      headings: [],
    });
    const [a, b] = [await readDates(await screen.save()), await readDates(printed)];
    expect([b.creationDate, b.modDate]).toEqual(['D:20240301000000Z', 'D:20261201000000Z']);
    expect([b.creationDate, b.modDate]).toEqual([a.creationDate, a.modDate]);
    for (const name of ['xmp:CreateDate', 'xmp:ModifyDate', 'xmp:MetadataDate', 'xmpMM:DocumentID', 'xmpMM:InstanceID', 'stEvt:when', 'stEvt:parameters']) {
      expect(tag(b.xmp, name), name).toEqual(tag(a.xmp, name));
    }
    expect(tag(b.xmp, 'stEvt:when')).toHaveLength(2);
  });
});
