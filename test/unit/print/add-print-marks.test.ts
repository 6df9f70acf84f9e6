import { describe, expect, it } from 'vitest';
import { marksContent, SLUG, withHeaderVersion } from '../../../src/print/add-print-marks.ts';
import { parseOperations } from '../../../src/pdf/content-stream.ts';

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
