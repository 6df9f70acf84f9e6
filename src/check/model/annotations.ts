/** Pages with annotations, and each annotation with its structure parent, texts and exemptions. */
import { PDFDict, PDFName, PDFRef, type PDFContext } from 'pdf-lib';
import { get, getArray, getDict, getName, getNumber, getText, inherited, items, rectOf, refKey } from '../../pdf/cos.ts';
import type { StructElem, StructTree } from '../../pdf/struct-tree.ts';
import type { Where } from '../rule.ts';

export interface PageFacts {
  page: number;
  where: Where;
  hasAnnotations: boolean;
  /** /Tabs, when it is a name. */
  tabs?: string;
}

export interface AnnotFacts {
  dict: PDFDict;
  page: number;
  where: Where;
  subtype: string;
  /** Hidden (flag 2) or entirely outside the crop box: most annotation rules do not apply. */
  exempt: boolean;
  structParent?: number;
  /** The structure element the parent tree gives for /StructParent. */
  elem?: StructElem;
  /** That element's standard type (or own type). */
  parentType?: string;
  contents?: string;
  /** The structure element's Alt. */
  alt?: string;
  /** A widget's field /TU, inherited through /Parent. */
  fieldTU?: string;
  /** The element's own or inherited /Lang. */
  elemLang?: string;
  /** "Link annotation on page 2", for messages. */
  label: string;
}

export function readAnnotations(ctx: PDFContext, tree: StructTree | null, pages: { node: PDFDict; ref: PDFRef; n: number }[]): { pages: PageFacts[]; annots: AnnotFacts[] } {
  const out: { pages: PageFacts[]; annots: AnnotFacts[] } = { pages: [], annots: [] };
  for (const p of pages) {
    const annots = items(ctx, p.node.get(PDFName.of('Annots')));
    out.pages.push({ page: p.n, where: { page: p.n, object: refKey(p.ref) }, hasAnnotations: annots.length > 0, tabs: getName(ctx, p.node, 'Tabs') });
    const crop = rectOf(ctx, get(ctx, p.node, 'CropBox') ?? inherited(ctx, p.node, 'CropBox')) ?? rectOf(ctx, inherited(ctx, p.node, 'MediaBox'));
    const raw = getArray(ctx, p.node, 'Annots')?.asArray() ?? [];
    annots.forEach((a, i) => {
      if (a instanceof PDFDict) out.annots.push(readAnnot(ctx, tree, a, raw[i] instanceof PDFRef ? raw[i] : undefined, p.n, crop));
    });
  }
  return out;
}

function readAnnot(ctx: PDFContext, tree: StructTree | null, a: PDFDict, ref: PDFRef | undefined, page: number, crop: number[] | undefined): AnnotFacts {
  const subtype = getName(ctx, a, 'Subtype') ?? '?';
  const rect = rectOf(ctx, get(ctx, a, 'Rect'));
  // veraPDF counts a rectangle that only touches the crop box's edge as outside.
  const outside = !!(crop && rect && (rect[2] <= crop[0]! || rect[0] >= crop[2]! || rect[3] <= crop[1]! || rect[1] >= crop[3]!));
  const structParent = getNumber(ctx, a, 'StructParent');
  const elem = structParent !== undefined ? tree?.elemForStructParent(structParent) : undefined;
  return {
    dict: a,
    page,
    where: { page, ...(ref ? { object: refKey(ref) } : {}), ...(elem ? { path: elem.path } : {}) },
    subtype,
    exempt: outside || ((getNumber(ctx, a, 'F') ?? 0) & 2) === 2,
    structParent,
    elem,
    parentType: elem ? (elem.standardType ?? elem.type) : undefined,
    contents: getText(ctx, a, 'Contents'),
    alt: elem ? getText(ctx, elem.dict, 'Alt') : undefined,
    fieldTU: subtype === 'Widget' ? fieldTU(ctx, a) : undefined,
    elemLang: elem ? tree?.inheritedLang(elem) : undefined,
    label: `${subtype} annotation on page ${page}`,
  };
}

/** A widget's field /TU: its own when the widget is the field (has /T), else its parent field's (as veraPDF reads it). */
function fieldTU(ctx: PDFContext, widget: PDFDict): string | undefined {
  return widget.has(PDFName.of('T')) ? getText(ctx, widget, 'TU') : getText(ctx, getDict(ctx, widget, 'Parent'), 'TU');
}
