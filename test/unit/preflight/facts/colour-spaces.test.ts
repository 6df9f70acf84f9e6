/** facts/colour-spaces.ts: labels, RGB-ness and ink weights of every colour space family. */
import { describe, expect, it } from 'vitest';
import { PDFContext, PDFDict, PDFName, PDFString } from 'pdf-lib';
import { ColourSpaces } from '../../../../src/preflight/facts/colour-spaces.ts';

const N = (s: string) => PDFName.of(s);

function setup() {
  const ctx = PDFContext.create();
  const spaces = new ColourSpaces(ctx);
  const tint = ctx.obj({ FunctionType: 2, Domain: [0, 1], C0: [0, 0, 0], C1: [1, 0, 0], N: 1 });
  const icc = (n?: number, alternate?: string) => ctx.register(ctx.stream('profile', { ...(n ? { N: n } : {}), ...(alternate ? { Alternate: alternate } : {}) }));
  return { ctx, spaces, tint, icc, of: (o: unknown, resources?: PDFDict) => spaces.of(ctx.obj(o as never), resources) };
}

describe('ColourSpaces', () => {
  it('device spaces by name and by abbreviation; Pattern', () => {
    const { spaces } = setup();
    expect(spaces.of(N('DeviceCMYK'), undefined)).toMatchObject({ label: 'DeviceCMYK', n: 4, rgb: false, inks: [1, 1, 1, 1], initial: [0, 0, 0, 1] });
    expect(spaces.of(N('RGB'), undefined)).toMatchObject({ label: 'DeviceRGB', rgb: true });
    expect(spaces.of(N('G'), undefined)).toMatchObject({ label: 'DeviceGray', rgb: false });
    expect(spaces.of(N('Pattern'), undefined)).toMatchObject({ label: 'Pattern', pattern: true });
  });

  it('a named resource, a missing one, and one that names itself', () => {
    const { ctx, spaces } = setup();
    const resources = ctx.obj({ ColorSpace: { Spot: ['Separation', 'Gold', 'DeviceCMYK', {}], Loop: N('Loop') } });
    expect(spaces.of(N('Spot'), resources)).toMatchObject({ label: 'Separation(Gold)', inks: [1], rgb: false });
    expect(spaces.of(N('Nope'), resources).label).toBe('Nope (undefined colour space)');
    expect(spaces.of(N('Loop'), resources).label).toBe('DeviceGray');
  });

  it('ICCBased: N=3 is RGB, N=4 carries ink; without /N, its /Alternate gives the count', () => {
    const { of, icc } = setup();
    expect(of(['ICCBased', icc(3)])).toMatchObject({ label: 'ICCBased(N=3)', rgb: true });
    expect(of(['ICCBased', icc(4)])).toMatchObject({ label: 'ICCBased(N=4)', rgb: false, inks: [1, 1, 1, 1] });
    expect(of(['ICCBased', icc(undefined, 'DeviceCMYK')])).toMatchObject({ label: 'ICCBased(N=4)', n: 4 });
  });

  it('Indexed over RGB is RGB and keeps its palette; Lab and CalRGB are RGB-like, CalGray is not', () => {
    const { of } = setup();
    const indexed = of(['Indexed', 'DeviceRGB', 1, PDFString.of('\x00\x00\x00\xff\x00\x00')]);
    expect(indexed).toMatchObject({ label: 'Indexed(DeviceRGB)', rgb: true, hival: 1 });
    expect([...indexed.lookup!]).toEqual([0, 0, 0, 255, 0, 0]);
    expect(of(['Lab', { WhitePoint: [0.95, 1, 1.09] }])).toMatchObject({ label: 'Lab', rgb: true, rgbWhy: expect.stringMatching(/device-independent/) });
    expect(of(['CalRGB', {}])).toMatchObject({ label: 'CalRGB', rgb: true });
    expect(of(['CalGray', {}])).toMatchObject({ label: 'CalGray', rgb: false });
  });

  it('spot colours: RGB when their alternate is, unless All or None; registration (All) weighs four inks', () => {
    const { of, tint } = setup();
    expect(of(['Separation', 'Gold', 'DeviceRGB', tint])).toMatchObject({ rgb: true, rgbWhy: 'a spot colour whose alternate space is DeviceRGB' });
    expect(of(['Separation', 'All', 'DeviceRGB', tint])).toMatchObject({ label: 'Separation(All)', rgb: false, inks: [4] });
    expect(of(['Separation', 'None', 'DeviceCMYK', tint])).toMatchObject({ inks: [0] });
    expect(of(['DeviceN', ['Cyan', 'Magenta'], 'DeviceRGB', tint])).toMatchObject({ label: 'DeviceN(Cyan,Magenta)', rgb: false, inks: [1, 1], initial: [1, 1] });
    expect(of(['DeviceN', ['Cyan', 'Gold'], 'DeviceRGB', tint])).toMatchObject({ rgb: true, rgbWhy: 'colorants whose alternate space is DeviceRGB' });
  });

  it('an uncoloured pattern space keeps its base; an unknown family is named as it is', () => {
    const { of } = setup();
    expect(of(['Pattern', 'DeviceCMYK'])).toMatchObject({ label: 'Pattern', pattern: true, base: { label: 'DeviceCMYK' } });
    expect(of(['Unheard', 'x']).label).toBe('Unheard');
  });

  it('a colour from the interpreter: device names first, then the resource cs/CS resolved', () => {
    const { ctx, spaces } = setup();
    expect(spaces.ofColour({ space: 'DeviceGray', values: [0] }, undefined).label).toBe('DeviceGray');
    expect(spaces.ofColour({ space: 'CS0', values: [], resource: ctx.obj(['CalRGB', {}]) }, undefined).label).toBe('CalRGB');
    expect(spaces.ofColour({ space: 'CS9', values: [] }, undefined).label).toBe('CS9 (undefined colour space)');
  });
});
