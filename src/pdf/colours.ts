/**
 * The colours a document's content paints with, and rewriting them: what converting a PDF to
 * CMYK in place needs. Only the colour operators change (ISO 32000-1, 8.6.8), so the rest of the
 * content — text, marked content, structure — stays byte for byte as it was.
 */
import { PDFArray, PDFDict, PDFName, PDFNumber, PDFRawStream, PDFRef, PDFStream, type PDFDocument, type PDFObject } from 'pdf-lib';
import { decodeLatin1, getDict, getName, resolve } from './cos.ts';
import { applyEdits, numbers, parseOperations, type Edit, type Operation } from './content-stream.ts';

/** A device colour: 'rgb' (3 values) or 'gray' (1 value), values in 0…1. */
export interface DeviceColour {
  space: 'rgb' | 'gray';
  values: number[];
}

export const colourKey = (c: DeviceColour) => `${c.space}:${c.values.join(' ')}`;

/** A content stream of the document: a page's (possibly several streams) or a form XObject's. */
export interface ColourStream {
  /** The stream objects holding the content, in order (a page may have several). */
  streams: PDFRef[];
  text: string;
}

/** Operators that set a device colour, with the space they use. */
const SETTERS: Record<string, { space: 'rgb' | 'gray'; stroke: boolean }> = {
  rg: { space: 'rgb', stroke: false },
  RG: { space: 'rgb', stroke: true },
  g: { space: 'gray', stroke: false },
  G: { space: 'gray', stroke: true },
};

/**
 * What in the document cannot be converted by rewriting colour operators: images, shadings,
 * patterns and colour spaces other than the device ones (each named once). Empty when the whole
 * document can be.
 */
export function unconvertible(doc: PDFDocument): string[] {
  const found = new Set<string>();
  for (const [, obj] of doc.context.enumerateIndirectObjects()) {
    const dict = obj instanceof PDFStream ? obj.dict : obj instanceof PDFDict ? obj : undefined;
    if (!dict) continue;
    if (getName(doc.context, dict, 'Subtype') === 'Image') found.add('images');
    if (dict.has(PDFName.of('ShadingType'))) found.add('shadings');
    if (dict.has(PDFName.of('PatternType'))) found.add('patterns');
    if ((getDict(doc.context, dict, 'ColorSpace')?.keys().length ?? 0) > 0) found.add('colour spaces');
  }
  return [...found];
}

/** Every content stream: pages' contents and the form XObjects they (and their forms) use. */
export function contentStreams(doc: PDFDocument): ColourStream[] {
  const out: ColourStream[] = [];
  const seen = new Set<PDFObject>();
  const forms = (resources: PDFDict | undefined) => {
    for (const [, ref] of getDict(doc.context, resources, 'XObject')?.entries() ?? []) {
      const form = resolve(doc.context, ref);
      if (!(ref instanceof PDFRef) || !(form instanceof PDFRawStream) || seen.has(form) || getName(doc.context, form.dict, 'Subtype') !== 'Form') continue;
      seen.add(form);
      out.push({ streams: [ref], text: decodeLatin1(form) });
      forms(getDict(doc.context, form.dict, 'Resources'));
    }
    for (const [, gs] of getDict(doc.context, resources, 'ExtGState')?.entries() ?? []) {
      const mask = getDict(doc.context, resolve(doc.context, gs) as PDFDict, 'SMask');
      const group = mask?.get(PDFName.of('G'));
      const form = resolve(doc.context, group);
      if (group instanceof PDFRef && form instanceof PDFRawStream && !seen.has(form)) {
        seen.add(form);
        out.push({ streams: [group], text: decodeLatin1(form) });
        forms(getDict(doc.context, form.dict, 'Resources'));
      }
    }
  };
  for (const page of doc.getPages()) {
    const contents = page.node.get(PDFName.of('Contents'));
    const list = resolve(doc.context, contents);
    const refs = (list instanceof PDFArray ? list.asArray() : [contents]).filter((r): r is PDFRef => r instanceof PDFRef);
    out.push({ streams: refs, text: refs.map((r) => decodeLatin1(doc.context.lookup(r) as PDFRawStream)).join('\n') });
    forms(page.node.Resources());
  }
  return out;
}

/** The device colours a content stream sets, each once. */
export function coloursIn(text: string): DeviceColour[] {
  const found = new Map<string, DeviceColour>();
  for (const op of parseOperations(text)) {
    const setter = SETTERS[op.op];
    if (!setter) continue;
    const colour = { space: setter.space, values: numbers(op.operands).slice(-(setter.space === 'rgb' ? 3 : 1)) };
    found.set(colourKey(colour), colour);
  }
  return [...found.values()];
}

/**
 * The stream with every rg/RG/g/G replaced by the k/K of its CMYK colour (`cmyk`, by colourKey);
 * a colour mapped to one value stays gray (g/G).
 */
export function rewriteColours(text: string, cmyk: Map<string, number[]>): string {
  const edits: Edit[] = [];
  for (const op of parseOperations(text)) {
    const setter = SETTERS[op.op];
    if (!setter) continue;
    const colour = { space: setter.space, values: numbers(op.operands).slice(-(setter.space === 'rgb' ? 3 : 1)) };
    const values = cmyk.get(colourKey(colour));
    if (!values) throw new Error(`no CMYK value for ${colourKey(colour)}`);
    edits.push(setterEdit(op, values, setter.stroke));
  }
  return applyEdits(text, edits);
}

function setterEdit(op: Operation, values: number[], stroke: boolean): Edit {
  const operator = values.length === 1 ? (stroke ? 'G' : 'g') : stroke ? 'K' : 'k';
  return { start: op.start, end: op.end, text: `${values.map(format).join(' ')} ${operator}` };
}

const format = (n: number) => String(Math.round(n * 1000) / 1000);

/** Transparency groups that blended in RGB blend in CMYK, and soft masks' RGB backdrops are CMYK. */
export function setGroupsToCmyk(doc: PDFDocument, cmykOf: (c: DeviceColour) => number[] | undefined): void {
  for (const [, obj] of doc.context.enumerateIndirectObjects()) {
    const dict = obj instanceof PDFStream ? obj.dict : obj instanceof PDFDict ? obj : undefined;
    const group = dict && getDict(doc.context, dict, 'Group');
    const space = group && getName(doc.context, group, 'CS');
    if (group && space === 'DeviceRGB') group.set(PDFName.of('CS'), PDFName.of('DeviceCMYK'));
    const bc = dict && resolve(doc.context, dict.get(PDFName.of('BC')));
    if (dict && getName(doc.context, dict, 'Type') === 'Mask' && bc instanceof PDFArray && bc.size() === 3) {
      const values = bc.asArray().map((n) => (resolve(doc.context, n) as PDFNumber).asNumber());
      const cmyk = cmykOf({ space: 'rgb', values });
      if (cmyk) dict.set(PDFName.of('BC'), doc.context.obj(cmyk));
    }
  }
}
