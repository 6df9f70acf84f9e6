/**
 * Objects found anywhere in the file rather than through the page tree: file specifications with
 * embedded files, media clip data, optional-content configurations, and the interactive form's
 * fields and XFA configuration.
 */
import { PDFArray, PDFDict, PDFName, PDFRawStream, PDFRef, PDFStream, type PDFContext, type PDFObject } from 'pdf-lib';
import { decodeLatin1, get, getArray, getDict, getName, getNumber, getText, items, refKey, resolve, textOf } from '../../pdf/cos.ts';
import type { StructTree } from '../../pdf/struct-tree.ts';
import type { Where } from '../rule.ts';

/** A file specification dictionary (ISO 32000-1, 7.11.3). */
export interface FileSpecFacts {
  where: Where;
  hasEF: boolean;
  f?: string;
  uf?: string;
}

/** A media clip data dictionary (ISO 32000-1, 13.2.4.2). */
export interface MediaClipFacts {
  where: Where;
  ct?: string;
  /** /Alt is an array of language/text pairs whose texts are all non-empty strings. */
  correctAlt: boolean;
}

/** An optional content configuration dictionary: /OCProperties /D or an entry of /Configs. */
export interface OCConfigFacts {
  where: Where;
  name?: string;
  hasAS: boolean;
  isDefault: boolean;
}

/** A field of the interactive form (a dictionary with /T in the /Fields tree). */
export interface FormFieldFacts {
  where: Where;
  name: string;
  tu?: string;
  /** /Lang of the structure element the field's /StructParent leads to: its own, as veraPDF's containsLang reads it. */
  lang?: string;
}

export interface FoundObjects {
  FileSpec: FileSpecFacts[];
  MediaClip: MediaClipFacts[];
  OCConfig: OCConfigFacts[];
  FormField: FormFieldFacts[];
  /** The XFA configuration's acrobat7/dynamicRender value. */
  dynamicRender?: string;
}

export function findObjects(ctx: PDFContext, catalog: PDFDict, tree: StructTree | null): FoundObjects {
  const found: FoundObjects = { FileSpec: [], MediaClip: [], OCConfig: readOCConfigs(ctx, catalog), FormField: [] };
  visitDictionaries(ctx, (dict, ref) => {
    const where = ref ? { object: refKey(ref) } : {};
    const type = getName(ctx, dict, 'Type');
    if (dict.has(PDFName.of('EF')) || type === 'Filespec') {
      found.FileSpec.push({ where, hasEF: getDict(ctx, dict, 'EF') !== undefined, f: getText(ctx, dict, 'F'), uf: getText(ctx, dict, 'UF') });
    }
    if (type === 'MediaClip' && getName(ctx, dict, 'S') === 'MCD') {
      found.MediaClip.push({ where, ct: getText(ctx, dict, 'CT'), correctAlt: isAltArray(ctx, get(ctx, dict, 'Alt')) });
    }
  });
  const acroForm = getDict(ctx, catalog, 'AcroForm');
  found.FormField = readFields(ctx, acroForm, tree);
  found.dynamicRender = dynamicRender(ctx, acroForm);
  return found;
}

/** Every dictionary reachable from an indirect object (not inside content streams), once. */
function visitDictionaries(ctx: PDFContext, visit: (dict: PDFDict, ref?: PDFRef) => void): void {
  const seen = new Set<PDFObject>();
  const walk = (o: PDFObject | undefined, ref: PDFRef | undefined, depth: number) => {
    if (o === undefined || o instanceof PDFRef || seen.has(o) || depth > 12) return;
    seen.add(o);
    const dict = o instanceof PDFStream ? o.dict : o instanceof PDFDict ? o : undefined;
    if (dict) {
      visit(dict, ref);
      for (const [, v] of dict.entries()) walk(v, undefined, depth + 1);
    } else if (o instanceof PDFArray) {
      for (const v of o.asArray()) walk(v, undefined, depth + 1);
    }
  };
  for (const [ref, obj] of ctx.enumerateIndirectObjects()) walk(obj, ref, 0);
}

function isAltArray(ctx: PDFContext, alt: PDFObject | undefined): boolean {
  if (!(alt instanceof PDFArray) || alt.size() % 2 !== 0) return false;
  return alt.asArray().every((x, i) => {
    const s = textOf(resolve(ctx, x));
    return s !== undefined && (i % 2 === 0 || s !== '');
  });
}

function readOCConfigs(ctx: PDFContext, catalog: PDFDict): OCConfigFacts[] {
  const oc = getDict(ctx, catalog, 'OCProperties');
  const configs: { dict: PDFDict; isDefault: boolean; ref?: PDFRef }[] = [];
  const d = oc?.get(PDFName.of('D'));
  const dd = resolve(ctx, d);
  if (dd instanceof PDFDict) configs.push({ dict: dd, isDefault: true, ref: d instanceof PDFRef ? d : undefined });
  for (const c of getArray(ctx, oc, 'Configs')?.asArray() ?? []) {
    const cd = resolve(ctx, c);
    if (cd instanceof PDFDict) configs.push({ dict: cd, isDefault: false, ref: c instanceof PDFRef ? c : undefined });
  }
  return configs.map(({ dict, isDefault, ref }) => ({ where: ref ? { object: refKey(ref) } : {}, name: getText(ctx, dict, 'Name'), hasAS: dict.has(PDFName.of('AS')), isDefault }));
}

function readFields(ctx: PDFContext, acroForm: PDFDict | undefined, tree: StructTree | null): FormFieldFacts[] {
  const out: FormFieldFacts[] = [];
  const seen = new Set<PDFDict>();
  const visit = (o: PDFObject, depth: number) => {
    const field = resolve(ctx, o);
    if (!(field instanceof PDFDict) || seen.has(field) || depth > 32) return;
    seen.add(field);
    if (field.has(PDFName.of('T'))) {
      const sp = getNumber(ctx, field, 'StructParent');
      const elem = sp !== undefined ? tree?.elemForStructParent(sp) : undefined;
      out.push({ where: o instanceof PDFRef ? { object: refKey(o) } : {}, name: getText(ctx, field, 'T') ?? '', tu: getText(ctx, field, 'TU'), lang: elem?.lang });
    }
    for (const kid of items(ctx, field.get(PDFName.of('Kids')))) visit(kid, depth + 1);
  };
  for (const f of getArray(ctx, acroForm, 'Fields')?.asArray() ?? []) visit(f, 0);
  return out;
}

/** The XFA configuration's acrobat/acrobat7/dynamicRender (veraPDF reads it from the config packet). */
function dynamicRender(ctx: PDFContext, acroForm: PDFDict | undefined): string | undefined {
  let xfa = get(ctx, acroForm, 'XFA');
  if (xfa instanceof PDFArray) {
    const a = xfa.asArray();
    const i = a.findIndex((x) => textOf(resolve(ctx, x)) === 'config');
    xfa = i >= 0 ? resolve(ctx, a[i + 1]) : undefined;
  }
  if (!(xfa instanceof PDFRawStream)) return undefined;
  const text = Buffer.from(decodeLatin1(xfa), 'latin1').toString('utf8');
  return /<acrobat7\b[^>]*>[\s\S]*?<dynamicRender\b[^>]*>\s*([^<\s]*)\s*<\/dynamicRender\s*>/.exec(text)?.[1];
}
