import { describe, expect, it } from 'vitest';
import { parseOperations } from '../../../src/pdf/content-stream.ts';

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
