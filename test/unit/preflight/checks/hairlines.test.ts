/** checks/hairlines.ts: strokes too thin to print. */
import { describe, expect, it } from 'vitest';
import { hairlines } from '../../../../src/preflight/checks/hairlines.ts';
import { facts, findings, kinds, of, onPage, preflight, pageFacts } from '../helpers.ts';

describe('hairlines', () => {
  it('a 0.1 pt stroke', async () => {
    const r = await preflight({ pages: 2, content: onPage(2, 'q 0 0 0 1 K 0.1 w 72 200 m 300 200 l S Q') });
    expect(kinds(r)).toEqual(['hairline:warning']);
    expect(of(r, 'hairline')[0]).toMatchObject({ page: 2 });
    expect(of(r, 'hairline')[0]!.message).toMatch(/thinnest 0\.1 pt/);
  });

  it('a zero-width line, and a 2 pt line scaled down to 0.2 pt by the CTM', async () => {
    const zero = await preflight({ content: onPage(1, 'q 0 0 0 1 K 0 w 72 200 m 300 200 l S Q') });
    expect(of(zero, 'hairline')[0]!.message).toMatch(/zero-width/);
    const scaled = await preflight({ content: onPage(1, 'q 0.1 0 0 0.1 0 0 cm 0 0 0 1 K 2 w 720 2000 m 3000 2000 l S Q') });
    expect(of(scaled, 'hairline')[0]!.message).toMatch(/thinnest 0\.2 pt/);
    const wide = await preflight({ content: onPage(1, 'q 0 0 0 1 K 0.25 w 72 200 m 300 200 l S Q') });
    expect(wide.issues).toEqual([]);
  });

  it('counts the thin strokes per page and names the thinnest; a stroke at the limit is fine', () => {
    const strokes = [
      { page: 1, object: '11 0 R', lineWidth: 0.2, width: 0.2 },
      { page: 1, object: '11 0 R', lineWidth: 2, width: 0.1234 },
      { page: 1, object: '11 0 R', lineWidth: 0.25, width: 0.25 },
      { page: 2, object: '30 0 R', lineWidth: 0, width: 0 },
      { page: 2, object: '31 0 R', lineWidth: 0.3, width: 0.3 },
    ];
    expect(findings(hairlines, facts({ pages: [pageFacts(1), pageFacts(2)], strokes }))).toEqual([
      { severity: 'warning', message: '2 stroke(s) on page 1 are thinner than 0.25 pt (thinnest 0.123 pt); they may not print or may break up.', page: 1, object: '11 0 R' },
      {
        severity: 'warning',
        message: '1 stroke(s) on page 2 are thinner than 0.25 pt (thinnest 0 pt: a zero-width line, the thinnest the device can draw); they may not print or may break up.',
        page: 2,
        object: '30 0 R',
      },
    ]);
  });

  it('a stroke within a billionth of a point of the limit is at the limit', () => {
    expect(findings(hairlines, facts({ strokes: [{ page: 1, object: '11 0 R', lineWidth: 1, width: 0.25 - 1e-9 }] }))).toEqual([]);
    expect(findings(hairlines, facts({ strokes: [{ page: 1, object: '11 0 R', lineWidth: 1, width: 0.2499 }] }))).toHaveLength(1);
  });

  it('a zero line width is always a hairline, whatever the limit', () => {
    const strokes = [{ page: 1, object: '11 0 R', lineWidth: 0, width: 0 }];
    expect(findings(hairlines, facts({ strokes }), { hairline: 0 })).toHaveLength(1);
    expect(findings(hairlines, facts({ strokes: [{ page: 1, object: '11 0 R', lineWidth: 0.5, width: 0.5 }] }), { hairline: 0.5 })).toEqual([]);
  });
});
