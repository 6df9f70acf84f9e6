import { describe, expect, it } from 'vitest';
import { PDFName } from 'pdf-lib';
import { check, edit, failed, only } from '../helpers.ts';

const N = (s: string) => PDFName.of(s);

describe('ISO 14289-1, 7.4: headings', () => {
  it('7.4.2-1: H1 followed by H3', async () => {
    const r = await check(edit((f) => f.el.h2.set(N('S'), N('H3'))));
    expect(failed(r)).toEqual(['7.4.2-1']);
    expect(only(r, '7.4.2-1')[0]!.path).toBe('Document/Sect[1]/H3[1]');
  });

  it('7.4.2-1: the first heading is not H1', async () => {
    const r = await check(
      edit((f) => {
        f.el.h1.set(N('S'), N('H2'));
        f.el.h2.set(N('S'), N('H3'));
      }),
    );
    expect(failed(r)).toEqual(['7.4.2-1']);
    expect(only(r, '7.4.2-1')[0]!.message).toMatch(/first heading is H2/);
  });

  it('7.4.4-2 / 7.4.4-3: H and H1–H6 mixed', async () => {
    const r = await check(edit((f) => f.el.h2.set(N('S'), N('H'))));
    expect(failed(r)).toEqual(['7.4.4-2', '7.4.4-3']);
  });
});
