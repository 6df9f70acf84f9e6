import { describe, expect, it } from 'vitest';
import { PDFArray, PDFName, PDFNumber, PDFString } from 'pdf-lib';
import { check, checkCorpusFile, corpusFiles, edit, failed, only } from '../helpers.ts';

const N = (s: string) => PDFName.of(s);

describe('ISO 14289-1, 7.18: annotations', () => {
  it('7.18.5-2 (and 7.18.1-2): a Link annotation without /Contents', async () => {
    const r = await check(edit((f) => f.annots.web.delete(N('Contents'))));
    expect(failed(r)).toEqual(['7.18.1-2', '7.18.5-2']);
    expect(only(r, '7.18.5-2')[0]!.page).toBe(2);
    expect(only(r, '7.18.5-2')[0]!.path).toBe('Document/Sect[1]/P[1]/Link[1]');
  });

  it('7.18.5-2: a hidden link is exempt', async () => {
    const r = await check(
      edit((f) => {
        f.annots.web.delete(N('Contents'));
        f.annots.web.set(N('F'), PDFNumber.of(2));
      }),
    );
    expect(r.failures).toEqual([]);
  });

  it('7.18.3-1: a page with annotations and no /Tabs', async () => {
    const r = await check(edit((f) => f.pages[0]!.dict.delete(N('Tabs'))));
    expect(failed(r)).toEqual(['7.18.3-1']);
    expect(only(r, '7.18.3-1')[0]!.page).toBe(1);
  });

  it('7.18.5-1: a Link annotation outside the structure tree', async () => {
    const r = await check(edit((f) => f.annots.web.delete(N('StructParent'))));
    expect(failed(r)).toEqual(['7.18.5-1']);
    expect(only(r, '7.18.5-1')[0]!.page).toBe(2);
  });

  it('7.18.5-1: a Link annotation whose structure parent is not a Link', async () => {
    const r = await check(edit((f) => f.parentTreeNums.set(7, f.ref.p2)));
    expect(failed(r)).toEqual(['7.18.5-1']);
  });

  it('7.18.1-1: a Text annotation that is not tagged', async () => {
    const r = await check(
      edit((f) => {
        const note = f.ctx.obj({ Type: 'Annot', Subtype: 'Text', Rect: [300, 300, 320, 320] });
        note.set(N('Contents'), PDFString.of('A note'));
        (f.pages[1]!.dict.get(N('Annots')) as PDFArray).push(f.ctx.register(note));
      }),
    );
    expect(failed(r)).toEqual(['7.18.1-1']);
  });
});

describe('veraPDF corpus files for this clause (test/fixtures/verapdf)', () => {
  const files = corpusFiles('7.18.');
  it('has files to check', () => expect(files.length).toBeGreaterThan(0));
  it.each(files.map((f) => [f.name, f] as const))('%s', async (_, f) => {
    const { raised } = await checkCorpusFile(f);
    expect(raised, `${f.name}: rule ${f.rule} ${raised ? 'raised' : 'not raised'}`).toBe(f.expect === 'fail');
  });
});

describe('7.18.4-2 and 7.18.6.2: Form elements and media clips', () => {
  it('7.18.4-2: a Form without a Role holding more than a widget', async () => {
    const form = (withRole: boolean) =>
      edit((f) => {
        const el = f.addElem(f.el.p2, f.ref.p2, 'Form', withRole ? { A: f.ctx.obj({ O: 'PrintField', Role: 'tv' }) } : {});
        f.addElem(el.dict, el.ref, 'Span');
      });
    expect(failed(await check(form(false)))).toEqual(['7.18.4-2']);
    expect(failed(await check(form(true)))).toEqual([]);
  });

  it('7.18.6.2-1 / -2: a media clip data dictionary without /CT, and without a usable /Alt', async () => {
    const clip = (entries: Record<string, unknown>) =>
      edit((f) => {
        const mcd = f.ctx.obj({ Type: 'MediaClip', S: 'MCD', ...entries } as never);
        f.catalog.set(N('Clip'), f.ctx.register(mcd));
      });
    expect(failed(await check(clip({ CT: PDFString.of('video/mp4'), Alt: [PDFString.of('en'), PDFString.of('A talk')] })))).toEqual([]);
    expect(failed(await check(clip({ Alt: [PDFString.of('en'), PDFString.of('A talk')] })))).toEqual(['7.18.6.2-1']);
    expect(failed(await check(clip({ CT: PDFString.of('video/mp4'), Alt: [PDFString.of('en'), PDFString.of('')] })))).toEqual(['7.18.6.2-2']);
  });
});
