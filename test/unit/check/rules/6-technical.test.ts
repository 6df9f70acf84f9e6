import { describe, expect, it } from 'vitest';
import { PDFName } from 'pdf-lib';
import { check, edit, failed } from '../helpers.ts';

const N = (s: string) => PDFName.of(s);

describe('ISO 14289-1, 6: a tagged PDF', () => {
  it('6.2-1: no /MarkInfo', async () => {
    expect(failed(await check(edit((f) => f.catalog.delete(N('MarkInfo')))))).toEqual(['6.2-1']);
  });
});
