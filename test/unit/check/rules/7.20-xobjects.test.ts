import { describe, expect, it } from 'vitest';
import { PDFName } from 'pdf-lib';
import { check, failed, only } from '../helpers.ts';
import type { Fixture } from '../../../pdf-fixtures.ts';

const N = (s: string) => PDFName.of(s);

describe('ISO 14289-1, 7.20: XObjects', () => {
  it('7.20-2: a form XObject with MCIDs painted twice', async () => {
    const twice = {
      edit: (f: Fixture) => {
        const form = f.ctx.stream('/P <</MCID 0>> BDC 0 0 m 10 10 l S EMC', { Type: 'XObject', Subtype: 'Form', BBox: [0, 0, 20, 20], StructParents: 99 });
        f.pages[1]!.resources.set(N('XObject'), f.ctx.obj({ Fm1: f.ctx.register(form) }));
      },
      content: (p: number, t: string) => (p === 2 ? `${t}\n/Artifact BMC /Fm1 Do /Fm1 Do EMC` : t),
    };
    const r = await check(twice);
    expect(failed(r)).toEqual(['7.20-2']);
    expect(only(r, '7.20-2')[0]!.page).toBe(2);
  });
});
