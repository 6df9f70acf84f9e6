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

describe('ISO 14289-1, 7.4: what each heading failure says', () => {
  it('7.4.2-1: names the heading and the level it skips', async () => {
    const r = await check(edit((f) => f.el.h2.set(N('S'), N('H4'))));
    expect(only(r, '7.4.2-1').map((x) => x.message)).toEqual(['H4 follows H1: heading level 2 is skipped.']);
  });

  it('7.4.2-1: H1 to H6 one level at a time, then back up to H2, is in order', async () => {
    const r = await check(edit((f) => ['H3', 'H4', 'H5', 'H6', 'H2'].forEach((type) => f.addElem(f.el.sect, f.ref.sect, type))));
    expect(failed(r)).toEqual([]);
  });

  it('7.4.4-1: an element with two H children', async () => {
    const r = await check(
      edit((f) => {
        f.el.h1.set(N('S'), N('H'));
        f.el.h2.set(N('S'), N('H'));
        f.addElem(f.el.document, f.ref.document, 'H');
      }),
    );
    expect(failed(r).filter((id) => id.startsWith('7.4'))).toEqual(['7.4.4-1']);
    expect(only(r, '7.4.4-1').map((x) => [x.path, x.message])).toEqual([['Document', 'Document has more than one H child.']]);
  });

  it('7.4.4-2 / 7.4.4-3: say that H and numbered headings are mixed, at each side', async () => {
    const r = await check(edit((f) => f.el.h2.set(N('S'), N('H'))));
    const message = 'The document uses both H and numbered headings (H1–H6).';
    expect(only(r, '7.4.4-2').map((x) => [x.path, x.message])).toEqual([['Document/Sect[1]/H[1]', message]]);
    expect(only(r, '7.4.4-3').map((x) => [x.path, x.message])).toEqual([['Document/H1[1]', message]]);
  });
});
