/** Each structure element with what its rules ask about: its kids' and parent's types, headings, notes. */
import { PDFDict, PDFName, type PDFContext } from 'pdf-lib';
import { getName, getText, nameOf, refKey, resolve } from '../../pdf/cos.ts';
import { getAttribute, type StructElem, type StructTree } from '../../pdf/struct-tree.ts';
import type { Where } from '../rule.ts';

export interface ElemFacts {
  e: StructElem;
  where: Where;
  /** The kids' standard types (their own type when they have none), in order. */
  kids: string[];
  /** Following the role map from the element's type comes back to a type already met (a standard type mapped to itself included). */
  circularMapping: boolean;
  /** The parent's standard type (or own type); absent under the structure tree root. */
  parentType?: string;
  /** The /Lang of the element or its nearest ancestor. */
  inheritedLang?: string;
  alt?: string;
  hasAlt: boolean;
  hasActualText: boolean;
  hasE: boolean;
  /** For H1–H6: the level of the numbered heading before it in document order (0 when it is the first). */
  previousHeadingLevel?: number;
  /** For a Note with an ID: how many Notes have that ID. */
  noteIdUses?: number;
  /** For a Form: its PrintField Role attribute, and whether its only child is a widget's OBJR. */
  formRole?: string;
  oneWidgetChild?: boolean;
}

const HN = /^H[1-6]$/;

export function isHeading(e: StructElem): boolean {
  return e.standardType === 'H' || (!!e.standardType && HN.test(e.standardType));
}

export function whereElem(e: StructElem): Where {
  return { path: e.path, ...(e.ref ? { object: refKey(e.ref) } : {}) };
}

export function readElements(ctx: PDFContext, tree: StructTree): ElemFacts[] {
  const typeOf = (e: StructElem) => e.standardType ?? e.type;
  const noteIds = new Map<string, number>();
  for (const e of tree.elements) if (e.standardType === 'Note' && e.id) noteIds.set(e.id, (noteIds.get(e.id) ?? 0) + 1);
  let lastHeading = 0;
  return tree.elements.map((e) => {
    const facts: ElemFacts = {
      e,
      where: whereElem(e),
      kids: e.kids.map(typeOf),
      circularMapping: isCircular(e.type, tree.roleMap),
      parentType: e.parent ? typeOf(e.parent) : undefined,
      inheritedLang: tree.inheritedLang(e),
      alt: getText(ctx, e.dict, 'Alt'),
      hasAlt: e.dict.has(PDFName.of('Alt')),
      hasActualText: e.dict.has(PDFName.of('ActualText')),
      hasE: e.dict.has(PDFName.of('E')),
    };
    if (e.standardType && HN.test(e.standardType)) {
      facts.previousHeadingLevel = lastHeading;
      lastHeading = Number(e.standardType.slice(1));
    }
    if (e.standardType === 'Note' && e.id) facts.noteIdUses = noteIds.get(e.id);
    if (e.standardType === 'Form') {
      facts.formRole = nameOf(getAttribute(ctx, tree.root, e.dict, 'PrintField', 'Role'));
      const only = e.kids.length === 0 && e.content.length === 1 ? e.content[0] : undefined;
      facts.oneWidgetChild = only?.kind === 'objr' && getName(ctx, resolve(ctx, only.obj) as PDFDict | undefined, 'Subtype') === 'Widget';
    }
    return facts;
  });
}

/** veraPDF's circularMappingExist: the role map leads from the type back to a type it has met. */
function isCircular(type: string, roleMap: ReadonlyMap<string, string>): boolean {
  const seen = new Set([type]);
  for (let t = roleMap.get(type); t !== undefined; t = roleMap.get(t)) {
    if (seen.has(t)) return true;
    seen.add(t);
  }
  return false;
}

/** Every descendant of an element, in document order. */
export function descendants(e: StructElem): StructElem[] {
  const out: StructElem[] = [];
  const stack = [...e.kids].reverse();
  while (stack.length) {
    const k = stack.pop()!;
    out.push(k);
    for (let i = k.kids.length - 1; i >= 0; i--) stack.push(k.kids[i]!);
  }
  return out;
}
