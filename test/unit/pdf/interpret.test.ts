import { describe, expect, it } from 'vitest';
import { PDFDict, PDFDocument, PDFName, PDFNumber, PDFRef, PDFString } from 'pdf-lib';
import {
  INITIAL_STATE,
  interpretContent,
  interpretPage,
  type ContentEvent,
  type ContentListener,
  type FormEvent,
  type ImageEvent,
  type MarkedContent,
  type PathEvent,
  type ShadingEvent,
  type TextEvent,
} from '../../../src/pdf/interpret.ts';

const N = (s: string) => PDFName.of(s);

interface Page {
  doc: PDFDocument;
  page: PDFDict;
  ref: PDFRef;
  resources: PDFDict;
  /** Registers a form XObject and names it in `resources` (the page's unless given). */
  form(name: string, content: string, extra?: Record<string, unknown>, resources?: PDFDict): { ref: PDFRef; dict: PDFDict };
}

async function makePage(setup?: (p: Page) => void): Promise<Page> {
  const doc = await PDFDocument.create();
  const leaf = doc.addPage([200, 200]);
  const resources = doc.context.obj({});
  leaf.node.set(N('Resources'), resources);
  const p: Page = {
    doc,
    page: leaf.node,
    ref: leaf.ref,
    resources,
    form(name, content, extra = {}, res = resources) {
      const stream = doc.context.stream(content, { Type: 'XObject', Subtype: 'Form', BBox: [0, 0, 100, 100], ...extra } as never);
      const ref = doc.context.register(stream);
      let xo = res.get(N('XObject'));
      if (!(xo instanceof PDFDict)) {
        xo = doc.context.obj({});
        res.set(N('XObject'), xo);
      }
      (xo as PDFDict).set(N(name), ref);
      return { ref, dict: stream.dict };
    },
  };
  setup?.(p);
  return p;
}

/** Every event, in order, as [kind, event]. */
async function run(content: string, setup?: (p: Page) => void, options = {}) {
  const p = await makePage(setup);
  p.page.set(N('Contents'), p.doc.context.register(p.doc.context.flateStream(content)));
  const events: [string, ContentEvent | MarkedContent][] = [];
  const listener: ContentListener = {
    text: (e) => events.push(['text', e]),
    path: (e) => events.push(['path', e]),
    image: (e) => events.push(['image', e]),
    shading: (e) => events.push(['shading', e]),
    form: (e) => void events.push(['form', e]),
    formEnd: (e) => events.push(['formEnd', e]),
    extGState: (e) => events.push(['extGState', e]),
    beginMarkedContent: (mc) => events.push(['begin', mc]),
    endMarkedContent: (mc) => events.push(['end', mc]),
  };
  interpretPage(p.doc.context, p.page, listener, options, p.ref);
  const of = <T>(kind: string) => events.filter(([k]) => k === kind).map(([, e]) => e as T);
  return { p, events, kinds: events.map(([k]) => k), texts: of<TextEvent>('text'), paths: of<PathEvent>('path'), images: of<ImageEvent>('image'), forms: of<FormEvent>('form') };
}

describe('interpretPage: graphics state', () => {
  it('q/Q save and restore the CTM; cm multiplies; path boxes are in page space', async () => {
    const { paths } = await run('q 2 0 0 2 10 10 cm 0 0 m 5 5 l S q 1 0 0 1 5 0 cm 0 0 m 1 1 l S Q Q 0 0 m 1 1 l S');
    expect(paths.map((e) => e.gs.ctm)).toEqual([
      [2, 0, 0, 2, 10, 10],
      [2, 0, 0, 2, 20, 10],
      [1, 0, 0, 1, 0, 0],
    ]);
    expect(paths[0]!.bbox).toEqual([10, 10, 20, 20]);
    expect(paths[1]!.bbox).toEqual([20, 10, 22, 12]);
    expect(paths[2]!.bbox).toEqual([0, 0, 1, 1]);
  });

  it('an unbalanced Q keeps the state rather than failing', async () => {
    const { paths } = await run('Q Q 3 w 0 0 m 1 1 l S');
    expect(paths[0]!.gs.lineWidth).toBe(3);
  });

  it('colours: device operators, a named colour space and a pattern', async () => {
    const { paths } = await run('1 0 0 rg 0 0 1 RG 0 0 m 1 1 l B /CS0 cs 0.2 sc /Pattern CS /P0 SCN 0.5 g 0 0 5 5 re b', (p) => {
      p.resources.set(N('ColorSpace'), p.doc.context.obj({ CS0: ['Separation', 'Spot', 'DeviceCMYK', {}] }));
      p.resources.set(N('Pattern'), p.doc.context.obj({ P0: p.doc.context.register(p.doc.context.obj({ PatternType: 2 })) }));
    });
    expect(paths[0]!.gs.fill).toEqual({ space: 'DeviceRGB', values: [1, 0, 0] });
    expect(paths[0]!.gs.stroke).toEqual({ space: 'DeviceRGB', values: [0, 0, 1] });
    const [, second] = paths;
    expect(second!.gs.fill).toEqual({ space: 'DeviceGray', values: [0.5] });
    expect(second!.gs.stroke.space).toBe('Pattern');
    expect(second!.gs.stroke.patternName).toBe('P0');
    expect(second!.gs.stroke.pattern).toBeInstanceOf(PDFRef);
    // The named space's resource is resolved for listeners that classify it.
    const { paths: named } = await run('/CS0 cs 0.2 sc 0 0 m 1 1 l f', (p) => p.resources.set(N('ColorSpace'), p.doc.context.obj({ CS0: ['ICCBased', {}] })));
    expect(named[0]!.gs.fill.space).toBe('CS0');
    expect(named[0]!.gs.fill.values).toEqual([0.2]);
    expect(named[0]!.gs.fill.resource?.toString()).toMatch(/ICCBased/);
  });

  it('line width from w and from an ExtGState /LW, restored by Q', async () => {
    const { paths, kinds } = await run('q 3 w 0 0 m 1 1 l S /GS0 gs 0 0 m 1 1 l S Q 0 0 m 1 1 l S', (p) =>
      p.resources.set(N('ExtGState'), p.doc.context.obj({ GS0: { LW: 0.25 } })),
    );
    expect(paths.map((e) => e.gs.lineWidth)).toEqual([3, 0.25, 1]);
    expect(kinds).toContain('extGState');
  });

  it('paths: fill/stroke/clip flags, spans from the first construction operator, n paints nothing', async () => {
    const content = 'q 0 0 10 10 re W n 1 1 m 9 9 l S 0 0 m 5 5 l h f* Q';
    const { paths } = await run(content);
    expect(paths.map((e) => [e.op.op, e.fill, e.stroke, e.clip])).toEqual([
      ['n', false, false, true],
      ['S', false, true, false],
      ['f*', true, false, false],
    ]);
    expect(content.slice(paths[1]!.span.start, paths[1]!.span.end)).toBe('1 1 m 9 9 l S');
  });
});

describe('interpretPage: text', () => {
  it('reports font, size, rendering mode and the shown strings of Tj, TJ, \' and "', async () => {
    const { texts } = await run('BT /F1 12 Tf 3 Tr (Hi) Tj [(A) -20 (B)] TJ 2 Tr (c) \' 1 2 (d) " ET', (p) => {
      p.resources.set(N('Font'), p.doc.context.obj({ F1: p.doc.context.register(p.doc.context.obj({ Type: 'Font', Subtype: 'Type1', BaseFont: 'Helvetica' })) }));
    });
    expect(texts.map((e) => e.strings)).toEqual([['Hi'], ['A', 'B'], ['c'], ['d']]);
    expect(texts.map((e) => e.gs.textRenderingMode)).toEqual([3, 3, 2, 2]);
    expect(texts[0]!.gs.font).toMatchObject({ name: 'F1', size: 12 });
    expect(texts[0]!.gs.font!.ref).toBeInstanceOf(PDFRef);
    expect(texts[3]!.gs).toMatchObject({ wordSpacing: 1, charSpacing: 2 });
  });

  it('hex strings and escapes are given as bytes', async () => {
    const { texts } = await run('BT <0041 00ff> Tj (a\\(b\\051) Tj ET');
    expect(texts.map((e) => e.strings)).toEqual([['\x00A\x00\xff'], ['a(b)']]);
  });
});

describe('interpretPage: text positions and the clip', () => {
  it('follows the text matrix through BT, Tm, Td, TD, T* and \'', async () => {
    const { texts } = await run('BT 1 0 0 1 5 5 Tm (a) Tj 0 -12 Td (b) Tj 2 -10 TD (c) Tj T* (d) Tj (e) \' ET BT (f) Tj ET');
    expect(texts.map((e) => e.tm.slice(4))).toEqual([
      [5, 5],
      [5, -7],
      [7, -17],
      [7, -27],
      [7, -37],
      [0, 0],
    ]);
    expect(texts[0]!.codes).toBeUndefined();
  });

  it('with glyph widths, gives the codes and advances over glyphs, spacing, scaling and TJ adjustments', async () => {
    const setup = (p: Page) => p.resources.set(N('Font'), p.doc.context.obj({ F1: p.doc.context.register(p.doc.context.obj({ Type: 'Font', Subtype: 'Type1', BaseFont: 'Courier' })) }));
    const glyphWidths = () => ({ bytes: 1 as const, width: () => 500 });
    const { texts } = await run('BT /F1 10 Tf (ab) Tj 1 Tc 2 Tw [(a ) -1000 (b)] TJ 50 Tz (a) Tj ET', setup, { glyphWidths });
    expect(texts.map((e) => e.codes)).toEqual([[97, 98], [97, 32, 98], [97]]);
    expect(texts.map((e) => e.tmAfter![4])).toEqual([10, 10 + 6 + 8 + 10 + 6, 40 + 3]);
  });

  it('keeps the clip as a box, from the painting after the clipping path, restored by Q', async () => {
    const { paths } = await run('q 0 0 50 50 re W n 10 10 100 100 re f q 20 0 100 100 re W f Q 0 0 m 1 1 l S Q 0 0 m 1 1 l S');
    expect(paths.map((e) => e.gs.clip)).toEqual([undefined, [0, 0, 50, 50], [0, 0, 50, 50], [0, 0, 50, 50], undefined]);
    const restored = await run('q 0 0 50 50 re W n q 20 0 100 100 re W n 0 0 m 1 1 l S Q 0 0 m 1 1 l S Q');
    expect(restored.paths.map((e) => e.gs.clip)).toEqual([undefined, [0, 0, 50, 50], [20, 0, 50, 50], [0, 0, 50, 50]]);
  });
});

describe('interpretPage: form XObjects', () => {
  it('walks a form with its own resources and matrix, one level deeper', async () => {
    let formRef: PDFRef | undefined;
    const { texts, paths, kinds, forms } = await run('q 1 0 0 1 0 50 cm /Fm0 Do Q', (p) => {
      const fontRes = p.doc.context.obj({ Font: { F9: p.doc.context.register(p.doc.context.obj({ Type: 'Font', Subtype: 'Type1', BaseFont: 'Courier' })) } });
      formRef = p.form('Fm0', 'BT /F9 10 Tf (x) Tj ET 0 0 m 1 1 l S', { Matrix: [1, 0, 0, 1, 100, 0], Resources: fontRes }).ref;
    });
    expect(kinds).toEqual(['form', 'text', 'path', 'formEnd']);
    expect(forms[0]!.name).toBe('Fm0');
    expect(forms[0]!.matrix).toEqual([1, 0, 0, 1, 100, 0]);
    expect(texts[0]!.gs.font!.name).toBe('F9');
    expect(texts[0]!.frame).toMatchObject({ kind: 'form', depth: 1, ref: formRef });
    expect(texts[0]!.frame.parent!.kind).toBe('page');
    expect(paths[0]!.bbox).toEqual([100, 50, 101, 51]);
    expect(paths[0]!.frame.baseCtm).toEqual([1, 0, 0, 1, 100, 50]);
  });

  it('a form\'s frame names the resource it was painted by, also when the form is direct', async () => {
    const { paths } = await run('/Fm0 Do /Fm1 Do', (p) => {
      p.form('Fm0', '0 0 m 1 1 l S');
      const direct = p.doc.context.stream('0 0 m 2 2 l S', { Type: 'XObject', Subtype: 'Form', BBox: [0, 0, 100, 100] } as never);
      (p.resources.get(N('XObject')) as PDFDict).set(N('Fm1'), direct);
    });
    expect(paths.map((e) => [e.frame.name, e.frame.ref instanceof PDFRef])).toEqual([
      ['Fm0', true],
      ['Fm1', false],
    ]);
    expect(paths[0]!.frame.parent!.name).toBeUndefined();
  });

  it('a form without /Resources uses the resources of the content that paints it', async () => {
    const { texts } = await run('/Fm0 Do', (p) => {
      p.resources.set(N('Font'), p.doc.context.obj({ F1: p.doc.context.register(p.doc.context.obj({ Type: 'Font', Subtype: 'Type1', BaseFont: 'Helvetica' })) }));
      p.form('Fm0', 'BT /F1 9 Tf (y) Tj ET');
    });
    expect(texts[0]!.gs.font!.dict.get(N('BaseFont'))).toEqual(N('Helvetica'));
  });

  it('a form that paints itself is not walked twice; forms deeper than maxDepth are not walked', async () => {
    const cycle = await run('/Fm0 Do', (p) => {
      const res = p.doc.context.obj({});
      const { ref } = p.form('Fm0', '0 0 m 1 1 l S /Fm0 Do', { Resources: res });
      res.set(N('XObject'), p.doc.context.obj({ Fm0: ref }));
    });
    expect(cycle.paths).toHaveLength(1);
    expect(cycle.forms.map((f) => f.skipped)).toEqual([undefined, 'cycle']);

    const chain = (p: Page) => {
      const r1 = p.doc.context.obj({});
      const r2 = p.doc.context.obj({});
      p.form('A', '0 0 m 1 1 l S /B Do', { Resources: r1 });
      p.form('B', '0 0 m 2 2 l S /C Do', { Resources: r2 }, r1);
      p.form('C', '0 0 m 3 3 l S', {}, r2);
    };
    const deep = await run('/A Do', chain, { maxDepth: 2 });
    expect(deep.paths.map((e) => e.frame.depth)).toEqual([1, 2]);
    expect(deep.forms.map((f) => f.skipped)).toEqual([undefined, undefined, 'depth']);
    expect((await run('/A Do', chain)).paths).toHaveLength(3);
  });

  it('a listener can decline to walk a form', async () => {
    const p = await makePage((p) => p.form('Fm0', '0 0 m 1 1 l S'));
    p.page.set(N('Contents'), p.doc.context.register(p.doc.context.stream('/Fm0 Do')));
    let paths = 0;
    interpretPage(p.doc.context, p.page, { form: () => false, path: () => paths++ });
    expect(paths).toBe(0);
  });
});

describe('interpretPage: marked content', () => {
  it('BMC/BDC with inline and named property lists; the stack is outermost first', async () => {
    const { texts, events } = await run('/P <</MCID 3 /Lang (de)>> BDC /Span /MC0 BDC BT (x) Tj ET EMC EMC /Artifact BMC 0 0 m 1 1 l S EMC', (p) =>
      p.resources.set(N('Properties'), p.doc.context.obj({ MC0: { ActualText: PDFString.of('ex') } })),
    );
    const marked = texts[0]!.marked;
    expect(marked.map((m) => m.tag)).toEqual(['P', 'Span']);
    expect(marked[0]!.mcid).toBe(3);
    expect(marked[0]!.properties!.get(N('Lang'))).toEqual(PDFString.of('de'));
    expect(marked[1]!.propertiesName).toBe('MC0');
    expect((marked[1]!.properties!.get(N('ActualText')) as PDFString).decodeText()).toBe('ex');
    expect(events.filter(([k]) => k === 'begin' || k === 'end').map(([k, m]) => `${k}:${(m as MarkedContent).tag}`)).toEqual([
      'begin:P',
      'begin:Span',
      'end:Span',
      'end:P',
      'begin:Artifact',
      'end:Artifact',
    ]);
    const path = events.find(([k]) => k === 'path')![1] as PathEvent;
    expect(path.marked.map((m) => m.tag)).toEqual(['Artifact']);
  });

  it('a form sees the sequences around its Do, and a stray EMC in it does not close them', async () => {
    const { texts, paths } = await run('/Figure <</MCID 0>> BDC /Fm0 Do 0 0 m 1 1 l S EMC', (p) => p.form('Fm0', 'EMC BT (in form) Tj ET'));
    expect(texts[0]!.marked.map((m) => m.tag)).toEqual(['Figure']);
    expect(paths[0]!.marked.map((m) => m.tag)).toEqual(['Figure']);
  });

  it('a named property list resolves in the form\'s own /Properties', async () => {
    const { texts } = await run('/Fm0 Do', (p) => {
      p.form('Fm0', '/Span /MC1 BDC BT (x) Tj ET EMC', { Resources: { Properties: { MC1: { MCID: 7 } } } });
    });
    expect(texts[0]!.marked[0]!.mcid).toBe(7);
    expect(texts[0]!.marked[0]!.frame.kind).toBe('form');
  });
});

describe('interpretPage: images and shadings', () => {
  it('an image XObject, with its CTM', async () => {
    const { images } = await run('q 50 0 0 20 10 10 cm /Im0 Do Q', (p) => {
      const img = p.doc.context.stream(new Uint8Array([0]), { Type: 'XObject', Subtype: 'Image', Width: 1, Height: 1, ColorSpace: 'DeviceGray', BitsPerComponent: 8 });
      p.resources.set(N('XObject'), p.doc.context.obj({ Im0: p.doc.context.register(img) }));
    });
    expect(images).toHaveLength(1);
    expect(images[0]!).toMatchObject({ name: 'Im0', gs: { ctm: [50, 0, 0, 20, 10, 10] } });
    expect(images[0]!.xobject).toBeDefined();
    expect(images[0]!.ref).toBeInstanceOf(PDFRef);
  });

  it('an inline image: its parameters as written and its data bytes', async () => {
    const { images } = await run('q 10 0 0 10 0 0 cm BI /W 2 /H 1 /CS /G /BPC 8 ID \x00\xff EI Q 0 0 m 1 1 l S');
    expect(images).toHaveLength(1);
    const [im] = images;
    expect(im!.xobject).toBeUndefined();
    expect((im!.dict.get(N('W')) as PDFNumber).asNumber()).toBe(2);
    expect(im!.dict.get(N('CS'))).toEqual(N('G'));
    expect([...im!.data!]).toEqual([0, 255]);
    expect(im!.gs.ctm).toEqual([10, 0, 0, 10, 0, 0]);
  });

  it('sh: the shading resource', async () => {
    const { events } = await run('/Sh0 sh', (p) => p.resources.set(N('Shading'), p.doc.context.obj({ Sh0: { ShadingType: 2, ColorSpace: 'DeviceRGB' } })));
    const sh = events.find(([k]) => k === 'shading')![1] as ShadingEvent;
    expect(sh.name).toBe('Sh0');
    expect(sh.shading!.get(N('ShadingType'))).toEqual(PDFNumber.of(2));
  });
});

describe('robustness', () => {
  it('a Do that names no image or form', async () => {
    const seen: string[] = [];
    const p = await makePage();
    p.page.set(N('Contents'), p.doc.context.register(p.doc.context.stream('/Missing Do')));
    interpretPage(p.doc.context, p.page, { otherXObject: (e) => seen.push(e.name) });
    expect(seen).toEqual(['Missing']);
  });

  it('unknown operators, even ones named like object properties, are ignored', async () => {
    const { paths } = await run('__proto__ constructor toString 0 0 m 1 1 l S');
    expect(paths).toHaveLength(1);
  });

  it('interpretContent walks a stream given directly, with a starting state', async () => {
    const p = await makePage();
    const stream = p.doc.context.stream('0 0 m 1 1 l S', { Type: 'Pattern', PatternType: 1 } as never);
    const seen: PathEvent[] = [];
    interpretContent(p.doc.context, stream, { path: (e) => seen.push(e) }, { gs: { ...INITIAL_STATE, ctm: [2, 0, 0, 2, 0, 0] } });
    expect(seen[0]!.bbox).toEqual([0, 0, 2, 2]);
    expect(seen[0]!.frame.kind).toBe('other');
  });
});
