import { describe, expect, it } from 'vitest';
import { PDFString } from 'pdf-lib';
import { check, edit, failed, only } from '../helpers.ts';

describe('ISO 14289-1, 7.9: notes', () => {
  it('7.9-1 / 7.9-2: a Note without ID, and two Notes sharing one', async () => {
    expect(failed(await check(edit((f) => f.addElem(f.el.p, f.ref.p, 'Note'))))).toEqual(['7.9-1']);
    const shared = edit((f) => {
      f.addElem(f.el.p, f.ref.p, 'Note', { ID: PDFString.of('n1') });
      f.addElem(f.el.p2, f.ref.p2, 'Note', { ID: PDFString.of('n1') });
    });
    const r = await check(shared);
    expect(failed(r)).toEqual(['7.9-2']);
    expect(only(r, '7.9-2')).toHaveLength(2);
  });
});
