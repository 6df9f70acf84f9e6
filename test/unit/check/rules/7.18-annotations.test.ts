import { describe, expect, it } from 'vitest';
import { PDFArray, PDFName, PDFNumber, PDFString } from 'pdf-lib';
import { check, checkCorpusFile, corpusFiles, edit, failed, only, ruleById, ruleTable } from '../helpers.ts';
import { rules as annotationRules } from '../../../../src/check/rules/7.18-annotations.ts';

const N = (s: string) => PDFName.of(s);

// Cheap checks on hand-made facts first: Stryker stops a mutant's run at the first failing test.
describe('7.18: what each rule requires and what its failures say (the rules\' tests on hand-made facts)', () => {
  const r = (id: string) => ruleById(annotationRules, id);
  const annot = (subtype: string, more: Record<string, unknown> = {}) => ({ subtype, label: `${subtype} annotation on page 3`, page: 3, exempt: false, ...more });
  const inTree = (parentType: string) => ({ elem: {}, parentType, structParent: 4 });

  it('lists each rule with its clause, object, structure type and requirement', () => {
    expect(ruleTable(annotationRules)).toEqual([
      ['7.18.1-1', '7.18.1', 'Annot', undefined, 'Annotations other than Widget, PrinterMark and Link are nested in an Annot element.'],
      ['7.18.1-2', '7.18.1', 'Annot', undefined, 'Annotations other than Widget have /Contents or an Alt on their structure element.'],
      ['7.18.1-3', '7.18.1', 'Annot', undefined, 'Form fields have /TU or an Alt on their widgets’ structure elements.'],
      ['7.18.2-1', '7.18.2', 'Annot', undefined, 'There are no TrapNet annotations.'],
      ['7.18.3-1', '7.18.3', 'Page', undefined, 'Every page with annotations has /Tabs /S.'],
      ['7.18.4-1', '7.18.4', 'Annot', undefined, 'Widget annotations are nested in a Form element.'],
      ['7.18.4-2', '7.18.4', 'StructElem', 'Form', 'A Form element without a Role attribute has exactly one child: an object reference to a widget annotation.'],
      ['7.18.5-1', '7.18.5', 'Annot', undefined, 'Link annotations are nested in a Link element (/StructParent → parent tree → Link).'],
      ['7.18.5-2', '7.18.5', 'Annot', undefined, 'Link annotations have a non-empty /Contents.'],
      ['7.18.6.2-1', '7.18.6.2', 'MediaClip', undefined, 'A media clip data dictionary has /CT (the content type).'],
      ['7.18.6.2-2', '7.18.6.2', 'MediaClip', undefined, 'A media clip data dictionary has /Alt: language and non-empty text pairs.'],
      ['7.18.8-1', '7.18.8', 'Annot', undefined, 'PrinterMark annotations are not in the structure tree.'],
    ]);
  });

  it('7.18.1-1: annotations other than Widget, PrinterMark and Link are in an Annot element', () => {
    expect(r('7.18.1-1').test(annot('Text', inTree('P')))).toBe('The Text annotation on page 3 is nested in P, not in an Annot element.');
    expect(r('7.18.1-1').test(annot('Text'))).toBe('The Text annotation on page 3 is not in the structure tree, not in an Annot element.');
    expect(r('7.18.1-1').test(annot('Text', inTree('Annot')))).toBeUndefined();
    expect(r('7.18.1-1').test(annot('Text', { exempt: true }))).toBeUndefined();
    for (const s of ['Widget', 'PrinterMark', 'Link']) expect(r('7.18.1-1').test(annot(s)), s).toBeUndefined();
  });

  it('7.18.1-2 / 7.18.1-3: annotations are described by /Contents or Alt, form fields by /TU or Alt', () => {
    expect(r('7.18.1-2').test(annot('Text'))).toBe('The Text annotation on page 3 has neither /Contents nor an Alt on its structure element.');
    expect(r('7.18.1-2').test(annot('Text', { contents: 'Note' }))).toBeUndefined();
    expect(r('7.18.1-2').test(annot('Text', { alt: 'Note' }))).toBeUndefined();
    expect(r('7.18.1-2').test(annot('Text', { exempt: true }))).toBeUndefined();
    expect(r('7.18.1-2').test(annot('Widget'))).toBeUndefined();
    expect(r('7.18.1-3').test(annot('Widget'))).toBe('The form field of the Widget annotation on page 3 has no /TU and its structure element no Alt.');
    expect(r('7.18.1-3').test(annot('Widget', { fieldTU: 'Name' }))).toBeUndefined();
    expect(r('7.18.1-3').test(annot('Widget', { alt: 'Name' }))).toBeUndefined();
    expect(r('7.18.1-3').test(annot('Widget', { exempt: true }))).toBeUndefined();
    expect(r('7.18.1-3').test(annot('Text'))).toBeUndefined();
  });

  it('7.18.2-1: no TrapNet annotation, unless it is exempt', () => {
    expect(r('7.18.2-1').test(annot('TrapNet'))).toBe('There is a TrapNet annotation on page 3.');
    expect(r('7.18.2-1').test(annot('TrapNet', { exempt: true }))).toBeUndefined();
    expect(r('7.18.2-1').test(annot('Text'))).toBeUndefined();
  });

  it('7.18.3-1: a page with annotations has /Tabs /S', () => {
    expect(r('7.18.3-1').test({ page: 2, hasAnnotations: true, tabs: 'R' })).toBe('Page 2 has annotations but its /Tabs is /R, not /S (structure order).');
    expect(r('7.18.3-1').test({ page: 2, hasAnnotations: true })).toBe('Page 2 has annotations but its /Tabs is missing, not /S (structure order).');
    expect(r('7.18.3-1').test({ page: 2, hasAnnotations: true, tabs: 'S' })).toBeUndefined();
    expect(r('7.18.3-1').test({ page: 2, hasAnnotations: false })).toBeUndefined();
  });

  it('7.18.4-1 / 7.18.4-2: widgets are in a Form element, which has a Role or holds just the widget', () => {
    expect(r('7.18.4-1').test(annot('Widget', inTree('Div')))).toBe('The Widget annotation on page 3 is nested in Div, not in a Form element.');
    expect(r('7.18.4-1').test(annot('Widget'))).toBe('The Widget annotation on page 3 is not in the structure tree, not in a Form element.');
    expect(r('7.18.4-1').test(annot('Widget', inTree('Form')))).toBeUndefined();
    expect(r('7.18.4-1').test(annot('Widget', { exempt: true }))).toBeUndefined();
    expect(r('7.18.4-1').test(annot('Text'))).toBeUndefined();
    expect(r('7.18.4-2').test({ oneWidgetChild: false })).toBe('Form has no Role attribute (PrintField) and does not hold exactly one widget annotation (OBJR) as its only child.');
    expect(r('7.18.4-2').test({ oneWidgetChild: true })).toBeUndefined();
    expect(r('7.18.4-2').test({ formRole: 'tv', oneWidgetChild: false })).toBeUndefined();
  });

  it('7.18.5-1 / 7.18.5-2: links are in a Link element, and say where they go in /Contents', () => {
    expect(r('7.18.5-1').test(annot('Link', inTree('P')))).toBe('The Link annotation on page 3 is nested in P, not in a Link element.');
    expect(r('7.18.5-1').test(annot('Link'))).toBe('The Link annotation on page 3 is not in the structure tree (no /StructParent), not in a Link element.');
    expect(r('7.18.5-1').test(annot('Link', { structParent: 0 }))).toBe('The Link annotation on page 3 is not in the structure tree (/StructParent 0 is not in the parent tree), not in a Link element.');
    expect(r('7.18.5-1').test(annot('Link', inTree('Link')))).toBeUndefined();
    expect(r('7.18.5-1').test(annot('Link', { exempt: true }))).toBeUndefined();
    expect(r('7.18.5-1').test(annot('Text'))).toBeUndefined();
    expect(r('7.18.5-2').test(annot('Link', { contents: '' }))).toBe('The Link annotation on page 3 has no /Contents (alternate description).');
    expect(r('7.18.5-2').test(annot('Link', { contents: 'Home' }))).toBeUndefined();
    expect(r('7.18.5-2').test(annot('Link', { exempt: true }))).toBeUndefined();
    expect(r('7.18.5-2').test(annot('Text'))).toBeUndefined();
  });

  it('7.18.6.2: a media clip has /CT and a proper /Alt', () => {
    expect(r('7.18.6.2-1').test({ correctAlt: true })).toBe('The media clip data dictionary has no /CT (content type).');
    expect(r('7.18.6.2-1').test({ ct: 'video/mp4', correctAlt: true })).toBeUndefined();
    expect(r('7.18.6.2-2').test({ ct: 'video/mp4', correctAlt: false })).toBe('The media clip data dictionary has no /Alt array of language and non-empty text pairs.');
    expect(r('7.18.6.2-2').test({ ct: 'video/mp4', correctAlt: true })).toBeUndefined();
  });

  it('7.18.8-1: a PrinterMark is an artifact, not in the structure tree', () => {
    expect(r('7.18.8-1').test(annot('PrinterMark', { structParent: 0 }))).toBe('The PrinterMark annotation on page 3 is in the logical structure; it must be an artifact.');
    expect(r('7.18.8-1').test(annot('PrinterMark'))).toBeUndefined();
    expect(r('7.18.8-1').test(annot('PrinterMark', { structParent: 0, exempt: true }))).toBeUndefined();
    expect(r('7.18.8-1').test(annot('Text', { structParent: 0 }))).toBeUndefined();
  });
});

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
