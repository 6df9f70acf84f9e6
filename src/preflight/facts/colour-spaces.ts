/**
 * Colour spaces as a print shop sees them (ISO 32000-1, 8.6): a label for the report
 * ("DeviceCMYK", "ICCBased(N=3)", "Separation(All)", "Indexed(DeviceRGB)"…), whether the space
 * is RGB or RGB-like (device-independent colour is not press colour), and how much ink each
 * component puts down, so the ink check can add them up.
 */
import { decodePDFRawStream, PDFArray, PDFHexString, PDFName, PDFNumber, PDFRawStream, PDFStream, PDFString, type PDFContext, type PDFDict, type PDFObject } from 'pdf-lib';
import { getDict, getNumber, items, nameOf, resolve } from '../../pdf/cos.ts';
import type { Colour } from '../../pdf/interpret.ts';

export interface Space {
  /** e.g. "DeviceCMYK", "ICCBased(N=3)", "Indexed(DeviceRGB)", "Separation(All)". */
  label: string;
  /** Number of colour components. */
  n: number;
  /** RGB (or treated as RGB in a print file): DeviceRGB, CalRGB, ICCBased N=3, Lab, Indexed over RGB… */
  rgb: boolean;
  /** Why it counts as RGB, when the label alone does not say. */
  rgbWhy?: string;
  /** Ink weight of each component (1 = one ink at 100 %; Separation All = 4); none when not measured. */
  inks?: number[];
  pattern?: boolean;
  /** Underlying space of an uncoloured pattern, or the base of an Indexed space. */
  base?: Space;
  /** Indexed: hival and lookup table. */
  hival?: number;
  lookup?: Uint8Array;
  /** Initial colour after cs/CS. */
  initial: number[];
}

export const DEVICE_GRAY: Space = { label: 'DeviceGray', n: 1, rgb: false, initial: [0] };
const DEVICE_RGB: Space = { label: 'DeviceRGB', n: 3, rgb: true, initial: [0, 0, 0] };
const DEVICE_CMYK: Space = { label: 'DeviceCMYK', n: 4, rgb: false, inks: [1, 1, 1, 1], initial: [0, 0, 0, 1] };
const PATTERN: Space = { label: 'Pattern', n: 0, rgb: false, pattern: true, initial: [] };
const PROCESS = new Set(['Cyan', 'Magenta', 'Yellow', 'Black']);

/** Device spaces by name, with the abbreviations inline images use. */
const DEVICE = new Map<string, Space>([
  ['DeviceGray', DEVICE_GRAY],
  ['G', DEVICE_GRAY],
  ['DeviceRGB', DEVICE_RGB],
  ['RGB', DEVICE_RGB],
  ['DeviceCMYK', DEVICE_CMYK],
  ['CMYK', DEVICE_CMYK],
  ['Pattern', PATTERN],
]);

/** Past this many levels (an Indexed over a Separation over…), a space counts as gray. */
const MAX_NESTING = 8;

/** Resolves colour spaces once each (a space used on every page is classified once). */
export class ColourSpaces {
  private readonly cache = new Map<PDFObject, Space>();

  constructor(readonly ctx: PDFContext) {}

  /** The space a colour from the interpreter is in: a device space, or the resource cs/CS named. */
  ofColour(c: Colour, resources: PDFDict | undefined): Space {
    const device = DEVICE.get(c.space);
    if (device) return device;
    return c.resource === undefined ? undefinedSpace(c.space) : this.of(c.resource, resources, 1);
  }

  /** A colour space object: a name (device or resource) or an array. */
  of(obj: PDFObject | undefined, resources: PDFDict | undefined, depth = 0): Space {
    if (depth > MAX_NESTING) return DEVICE_GRAY;
    if (obj instanceof PDFName) return this.named(obj.decodeText(), resources, depth);
    const cached = obj === undefined ? undefined : this.cache.get(obj);
    if (cached) return cached;
    const r = resolve(this.ctx, obj);
    const s = r instanceof PDFName ? this.named(r.decodeText(), resources, depth) : r instanceof PDFArray ? this.array(r, resources, depth) : DEVICE_GRAY;
    if (obj !== undefined) this.cache.set(obj, s);
    return s;
  }

  private named(name: string, resources: PDFDict | undefined, depth: number): Space {
    const device = DEVICE.get(name);
    if (device) return device;
    const raw = getDict(this.ctx, resources, 'ColorSpace')?.get(PDFName.of(name));
    return raw === undefined ? undefinedSpace(name) : this.of(raw, resources, depth + 1);
  }

  private array(a: PDFArray, resources: PDFDict | undefined, depth: number): Space {
    const head = nameOf(resolve(this.ctx, a.get(0)));
    if (head !== undefined && DEVICE.has(head) && head !== 'Pattern') return DEVICE.get(head)!;
    const family = FAMILIES.get(head ?? '');
    return family ? family(this, a, resources, depth) : { label: head ?? 'unknown', n: 1, rgb: false, initial: [0] };
  }

  /** Element i of a colour space array, resolved. */
  el(a: PDFArray, i: number): PDFObject | undefined {
    return resolve(this.ctx, a.get(i));
  }

  /** Element i of a colour space array as a colour space, one level deeper. */
  inner(a: PDFArray, i: number, resources: PDFDict | undefined, depth: number): Space {
    return this.of(a.get(i), resources, depth + 1);
  }
}

function undefinedSpace(name: string): Space {
  return { label: `${name} (undefined colour space)`, n: 1, rgb: false, initial: [0] };
}

type Family = (s: ColourSpaces, a: PDFArray, resources: PDFDict | undefined, depth: number) => Space;

function iccBased(s: ColourSpaces, a: PDFArray, resources: PDFDict | undefined, depth: number): Space {
  const stream = s.el(a, 1);
  const dict = stream instanceof PDFStream ? stream.dict : undefined;
  const n = getNumber(s.ctx, dict, 'N') ?? (s.of(dict?.get(PDFName.of('Alternate')), resources, depth + 1).n || 3);
  return { label: `ICCBased(N=${n})`, n, rgb: n === 3, ...(n === 4 ? { inks: [1, 1, 1, 1] } : {}), initial: new Array<number>(n).fill(0) };
}

function indexed(s: ColourSpaces, a: PDFArray, resources: PDFDict | undefined, depth: number): Space {
  const base = s.inner(a, 1, resources, depth);
  const hival = s.el(a, 2);
  const out: Space = { label: `Indexed(${base.label})`, n: 1, rgb: base.rgb, base, hival: hival instanceof PDFNumber ? hival.asNumber() : 0, initial: [0] };
  if (base.rgbWhy) out.rgbWhy = base.rgbWhy;
  const lookup = lookupTable(s.el(a, 3));
  if (lookup) out.lookup = lookup;
  return out;
}

function lookupTable(lk: PDFObject | undefined): Uint8Array | undefined {
  if (lk instanceof PDFString || lk instanceof PDFHexString) return lk.asBytes();
  if (!(lk instanceof PDFRawStream)) return undefined;
  try {
    return decodePDFRawStream(lk).decode();
  } catch {
    return undefined;
  }
}

/** The ink weight of a colorant: All is every ink (registration), None none. */
const colorantInk = (name: string) => (name === 'All' ? 4 : name === 'None' ? 0 : 1);

function separation(s: ColourSpaces, a: PDFArray, resources: PDFDict | undefined, depth: number): Space {
  const name = nameOf(s.el(a, 1)) ?? '?';
  const alt = s.inner(a, 2, resources, depth);
  const rgb = alt.rgb && name !== 'All' && name !== 'None';
  const out: Space = { label: `Separation(${name})`, n: 1, rgb, inks: [colorantInk(name)], initial: [1] };
  if (rgb) out.rgbWhy = `a spot colour whose alternate space is ${alt.label}`;
  return out;
}

function deviceN(s: ColourSpaces, a: PDFArray, resources: PDFDict | undefined, depth: number): Space {
  const names = items(s.ctx, a.get(1)).map((x) => nameOf(x) ?? '?');
  const alt = s.inner(a, 2, resources, depth);
  const rgb = alt.rgb && names.some((x) => !PROCESS.has(x) && x !== 'None');
  const out: Space = { label: `DeviceN(${names.join(',')})`, n: names.length, rgb, inks: names.map(colorantInk), initial: new Array<number>(names.length).fill(1) };
  if (rgb) out.rgbWhy = `colorants whose alternate space is ${alt.label}`;
  return out;
}

const FAMILIES = new Map<string, Family>([
  ['CalGray', () => ({ label: 'CalGray', n: 1, rgb: false, initial: [0] })],
  ['CalRGB', () => ({ label: 'CalRGB', n: 3, rgb: true, initial: [0, 0, 0] })],
  ['Lab', () => ({ label: 'Lab', n: 3, rgb: true, rgbWhy: 'Lab colour is device-independent RGB-like colour, not press colour', initial: [0, 0, 0] })],
  ['ICCBased', iccBased],
  ['Indexed', indexed],
  ['I', indexed],
  ['Separation', separation],
  ['DeviceN', deviceN],
  ['Pattern', (s, a, resources, depth) => (a.size() < 2 ? PATTERN : { ...PATTERN, base: s.inner(a, 1, resources, depth) })],
]);
