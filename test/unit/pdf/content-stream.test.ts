import { describe, expect, it } from 'vitest';
import { findUnmarkedPainting, markAsArtifacts, parseOperations } from '../../../src/pdf/content-stream.ts';

describe('parseOperations', () => {
  it('finds operators with their operands, skipping strings, names, arrays and dictionaries', () => {
    const ops = parseOperations('q 1 0 0 1 5 5 cm /P <</MCID 0 /Alt (a (nested) \\) paren)>> BDC BT /F1 12 Tf [(a) -20 (b)] TJ <00ff> Tj ET EMC Q');
    expect(ops.map((o) => o.op)).toEqual(['q', 'cm', 'BDC', 'BT', 'Tf', 'TJ', 'Tj', 'ET', 'EMC', 'Q']);
    expect(ops[2]!.operands).toBe('/P <</MCID 0 /Alt (a (nested) \\) paren)>>');
    expect(ops[5]!.operands).toBe('[(a) -20 (b)]');
  });

  it('skips comments and inline image data', () => {
    const ops = parseOperations('% a comment Tj\nBI /W 1 /H 1 /BPC 8 /CS /G ID \x00EI\x01 EI Q');
    expect(ops.map((o) => o.op)).toEqual(['BI', 'Q']);
  });
});

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
    const spans = findUnmarkedPainting(parseOperations(stream));
    expect(spans.map((s) => stream.slice(s.start, s.end))).toEqual(['0 0 m 5 5 l S', '(running head) Tj', '(x) Tj', '/Im1 Do']);
  });

  it('wraps them as artifacts, leaving no unmarked painting and the tagged content as it was', () => {
    const marked = markAsArtifacts(stream, findUnmarkedPainting(parseOperations(stream)));
    expect(findUnmarkedPainting(parseOperations(marked))).toEqual([]);
    expect(marked).toContain('/Artifact BMC\n0 0 m 5 5 l S\nEMC');
    expect(marked).toContain('/P <</MCID 0>> BDC BT (tagged) Tj ET EMC');
    expect(parseOperations(marked).filter((o) => o.op === 'BMC')).toHaveLength(4);
  });
});
