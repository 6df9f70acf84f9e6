import { describe, expect, it } from 'vitest';
import { check, edit, failed } from '../helpers.ts';

describe('ISO 14289-1, 7.7: formulas', () => {
  it('7.7-1: a Formula without Alt', async () => {
    const r = await check(edit((f) => f.addElem(f.el.p, f.ref.p, 'Formula')));
    expect(failed(r)).toEqual(['7.7-1']);
  });
});
