/**
 * A reader of a tagged PDF's logical structure (ISO 32000-1, 14.7): the structure tree in
 * document order, each element's role-mapped standard type, its marked-content and object
 * references, and the parent tree that leads from page content and annotations back to their
 * elements. Read-only and generic: it knows nothing about PDF/UA rules.
 */
import { PDFArray, PDFContext, PDFDict, PDFHexString, PDFName, PDFNumber, PDFObject, PDFRef, PDFStream, PDFString } from 'pdf-lib';
import { get, getDict, getName, getNumber, getText, items, nameOf, rawString, readNumberTree, refKey, resolve } from './cos.ts';

// ---------------------------------------------------------------------------------------------
// Standard structure types and role mapping

/** The standard structure types of PDF 1.7 (ISO 32000-1, 14.8.4). */
export const PDF17_STANDARD_TYPES: ReadonlySet<string> = new Set([
  'Document', 'Part', 'Art', 'Sect', 'Div', 'BlockQuote', 'Caption', 'TOC', 'TOCI', 'Index', 'NonStruct',
  'Private', 'P', 'H', 'H1', 'H2', 'H3', 'H4', 'H5', 'H6', 'L', 'LI', 'Lbl', 'LBody', 'Table', 'TR', 'TH', 'TD',
  'THead', 'TBody', 'TFoot', 'Span', 'Quote', 'Note', 'Reference', 'BibEntry', 'Code', 'Link', 'Annot', 'Ruby',
  'RB', 'RT', 'RP', 'Warichu', 'WT', 'WP', 'Figure', 'Formula', 'Form',
]);

export interface RoleResolution {
  /** The standard type the chain ends at; null when it ends at a non-standard type or loops. */
  standardType: string | null;
  /** The role map chain loops before reaching a standard type. */
  circular: boolean;
  /** The type is itself standard but the role map maps it anyway. */
  remapped: boolean;
}

/**
 * Follows the role map from `type`. A standard type is its own standard type (PDF 1.7 readers do
 * not apply the role map to standard types), but `remapped` reports that the role map tries to.
 */
export function resolveRole(
  type: string,
  roleMap: ReadonlyMap<string, string>,
  standard: ReadonlySet<string> = PDF17_STANDARD_TYPES,
): RoleResolution {
  if (standard.has(type)) return { standardType: type, circular: false, remapped: roleMap.has(type) };
  const seen = new Set<string>([type]);
  let t = type;
  for (;;) {
    const next = roleMap.get(t);
    if (next === undefined) return { standardType: null, circular: false, remapped: false };
    if (standard.has(next)) return { standardType: next, circular: false, remapped: false };
    if (seen.has(next)) return { standardType: null, circular: true, remapped: false };
    seen.add(next);
    t = next;
  }
}

// ---------------------------------------------------------------------------------------------
// The structure tree

export type StructContent =
  /** A marked-content reference: MCID `mcid` in the content of `page` (or of the form `stream`). */
  | { kind: 'mcr'; mcid: number; page?: PDFRef; stream?: PDFRef }
  /** An object reference: an annotation or XObject that belongs to the element. */
  | { kind: 'objr'; obj: PDFRef; page?: PDFRef };

export interface StructElem {
  ref?: PDFRef;
  dict: PDFDict;
  /** The /S entry as written (may be non-standard). */
  type: string;
  /** The role-mapped standard type, or null when it has none. */
  standardType: string | null;
  circularMapping: boolean;
  remappedStandardType: boolean;
  parent: StructElem | null;
  /** Child structure elements, in order. */
  kids: StructElem[];
  /** Marked-content and object references, in order. */
  content: StructContent[];
  /** The page the element's content is on by default (/Pg, inherited from ancestors). */
  page?: PDFRef;
  /** e.g. "Document/Sect[2]/L[1]/LI[3]": raw types, 1-based index among same-type siblings. */
  path: string;
  /** Position in document (depth-first) order. */
  order: number;
  /** Whether the element dictionary has a /P entry. */
  hasParentEntry: boolean;
  lang?: string;
  id?: string;
}

export interface StructTree {
  root: PDFDict;
  /** Every structure element in document order. */
  elements: StructElem[];
  /** The root's direct children. */
  top: StructElem[];
  roleMap: Map<string, string>;
  /** Parent tree entries, keyed by StructParents / StructParent values, unresolved. */
  parentTree: Map<number, PDFObject>;
  byRef: Map<string, StructElem>;
  /** The element that owns MCID `mcid` in the content whose /StructParents is `key`. */
  elemForMcid(key: number, mcid: number): StructElem | undefined;
  /** The element an annotation or XObject with /StructParent `key` belongs to. */
  elemForStructParent(key: number): StructElem | undefined;
  /** The element's own /Lang, or the nearest ancestor's. */
  inheritedLang(elem: StructElem): string | undefined;
}

export function readStructTree(ctx: PDFContext, catalog: PDFDict): StructTree | null {
  const root = getDict(ctx, catalog, 'StructTreeRoot');
  if (!root) return null;
  const roleMap = readRoleMap(ctx, root);
  const walk = new TreeWalk(ctx, roleMap);
  walk.run(root);
  const parentTree = readNumberTree(ctx, getDict(ctx, root, 'ParentTree'));
  const arrays = new Map<number, PDFObject[]>();
  return {
    root,
    elements: walk.elements,
    top: walk.top,
    roleMap,
    parentTree,
    byRef: walk.byRef,
    elemForMcid(key, mcid) {
      let arr = arrays.get(key);
      if (!arr) {
        const entry = resolve(ctx, parentTree.get(key));
        arr = entry instanceof PDFArray ? entry.asArray() : [];
        arrays.set(key, arr);
      }
      return walk.elemOf(arr[mcid]);
    },
    elemForStructParent(key) {
      return walk.elemOf(parentTree.get(key));
    },
    inheritedLang(elem) {
      for (let e: StructElem | null = elem; e; e = e.parent) if (e.lang !== undefined) return e.lang;
      return undefined;
    },
  };
}

function readRoleMap(ctx: PDFContext, root: PDFDict): Map<string, string> {
  const roleMap = new Map<string, string>();
  for (const [k, v] of getDict(ctx, root, 'RoleMap')?.entries() ?? []) {
    const target = nameOf(resolve(ctx, v));
    if (target !== undefined) roleMap.set(k.decodeText(), target);
  }
  return roleMap;
}

/** A kid still to read: an element, a marked-content or object reference, or an MCID. */
interface Pending {
  obj: PDFObject;
  parent: StructElem | null;
  page?: PDFRef;
}

/** An iterative depth-first walk of the tree in document order (kids are pushed reversed). */
class TreeWalk {
  readonly elements: StructElem[] = [];
  readonly byRef = new Map<string, StructElem>();
  readonly top: StructElem[] = [];
  private readonly byDict = new Map<PDFDict, StructElem>();
  private readonly siblingCounts = new Map<StructElem | null, Map<string, number>>();
  /** How many of the root's kids have each type: a type that occurs once has no index in paths. */
  private readonly topTypeTotals = new Map<string, number>();

  constructor(
    private readonly ctx: PDFContext,
    private readonly roleMap: ReadonlyMap<string, string>,
  ) {}

  run(root: PDFDict): void {
    const stack = this.pendingKids(root.get(PDFName.of('K')), null, undefined).reverse();
    for (const p of stack) {
      const d = resolve(this.ctx, p.obj);
      const t = d instanceof PDFDict ? getName(this.ctx, d, 'S') : undefined;
      if (t !== undefined) this.topTypeTotals.set(t, (this.topTypeTotals.get(t) ?? 0) + 1);
    }
    while (stack.length) {
      const elem = this.visit(stack.pop()!);
      if (!elem) continue;
      const kids = this.pendingKids(elem.dict.get(PDFName.of('K')), elem, elem.page);
      for (let i = kids.length - 1; i >= 0; i--) stack.push(kids[i]!);
    }
  }

  elemOf(o: PDFObject | undefined): StructElem | undefined {
    if (o instanceof PDFRef) return this.byRef.get(refKey(o)) ?? this.elemOfDict(resolve(this.ctx, o));
    return this.elemOfDict(o);
  }

  private elemOfDict(o: PDFObject | undefined): StructElem | undefined {
    return o instanceof PDFDict ? this.byDict.get(o) : undefined;
  }

  private pendingKids(k: PDFObject | undefined, parent: StructElem | null, page: PDFRef | undefined): Pending[] {
    if (k === undefined) return [];
    const r = resolve(this.ctx, k);
    const list = r instanceof PDFArray ? r.asArray() : [k];
    return list.map((obj) => ({ obj, parent, page }));
  }

  /** Reads one kid: a content reference goes to its parent; a new element is returned, its kids still to read. */
  private visit({ obj, parent, page }: Pending): StructElem | undefined {
    const target = resolve(this.ctx, obj);
    if (target instanceof PDFNumber) {
      if (parent) parent.content.push({ kind: 'mcr', mcid: target.asNumber(), page: parent.page });
      return undefined;
    }
    if (!(target instanceof PDFDict) || this.contentRef(target, parent)) return undefined;
    const type = getName(this.ctx, target, 'S');
    // A cycle or a shared element: visit once.
    if (type === undefined || this.byDict.has(target)) return undefined;
    const elem = this.element(obj instanceof PDFRef ? obj : undefined, target, type, parent, page);
    this.elements.push(elem);
    this.byDict.set(target, elem);
    if (elem.ref) this.byRef.set(refKey(elem.ref), elem);
    if (parent) parent.kids.push(elem);
    else this.top.push(elem);
    return elem;
  }

  /** A marked-content (MCR) or object (OBJR) reference, added to its parent; false when it is neither. */
  private contentRef(target: PDFDict, parent: StructElem | null): boolean {
    const typeName = getName(this.ctx, target, 'Type');
    const isElem = target.has(PDFName.of('S'));
    const pg = target.get(PDFName.of('Pg'));
    const page = pg instanceof PDFRef ? pg : parent?.page;
    if (typeName === 'MCR' || (!isElem && target.has(PDFName.of('MCID')))) {
      const mcid = getNumber(this.ctx, target, 'MCID');
      const stm = target.get(PDFName.of('Stm'));
      if (parent && mcid !== undefined) parent.content.push({ kind: 'mcr', mcid, page, stream: stm instanceof PDFRef ? stm : undefined });
      return true;
    }
    if (typeName === 'OBJR' || (!isElem && target.has(PDFName.of('Obj')))) {
      const o = target.get(PDFName.of('Obj'));
      if (parent && o instanceof PDFRef) parent.content.push({ kind: 'objr', obj: o, page });
      return true;
    }
    return false;
  }

  private element(ref: PDFRef | undefined, target: PDFDict, type: string, parent: StructElem | null, page: PDFRef | undefined): StructElem {
    const role = resolveRole(type, this.roleMap);
    const pgObj = target.get(PDFName.of('Pg'));
    const counts = this.siblingCounts.get(parent) ?? new Map<string, number>();
    this.siblingCounts.set(parent, counts);
    const n = (counts.get(type) ?? 0) + 1;
    counts.set(type, n);
    const segment = parent === null && (this.topTypeTotals.get(type) ?? 0) <= 1 ? type : `${type}[${n}]`;
    return {
      ref,
      dict: target,
      type,
      standardType: role.standardType,
      circularMapping: role.circular,
      remappedStandardType: role.remapped,
      parent,
      kids: [],
      content: [],
      page: pgObj instanceof PDFRef ? pgObj : page,
      path: parent ? `${parent.path}/${segment}` : segment,
      order: this.elements.length,
      hasParentEntry: target.has(PDFName.of('P')),
      lang: getText(this.ctx, target, 'Lang'),
      id: textOrRaw(get(this.ctx, target, 'ID')),
    };
  }
}

function textOrRaw(o: PDFObject | undefined): string | undefined {
  if (o instanceof PDFString || o instanceof PDFHexString) return rawString(o);
  return undefined;
}

// ---------------------------------------------------------------------------------------------
// Attributes

/**
 * An attribute's value for `owner` (e.g. "Table", "Layout", "List"): from the element's /A
 * (a dictionary or an array of dictionaries, optionally each followed by a revision number),
 * then from the classes named in /C via the structure tree root's /ClassMap.
 */
export function getAttribute(
  ctx: PDFContext,
  root: PDFDict | undefined,
  elem: PDFDict,
  owner: string,
  key: string,
): PDFObject | undefined {
  const fromDicts = (dicts: PDFObject[]): PDFObject | undefined => {
    for (const d of dicts) {
      if (!(d instanceof PDFDict) && !(d instanceof PDFStream)) continue;
      const dict = d instanceof PDFStream ? d.dict : d;
      if (getName(ctx, dict, 'O') !== owner) continue;
      const v = get(ctx, dict, key);
      if (v !== undefined) return v;
    }
    return undefined;
  };
  const own = fromDicts(items(ctx, elem.get(PDFName.of('A'))));
  if (own !== undefined) return own;
  const classMap = getDict(ctx, root, 'ClassMap');
  if (!classMap) return undefined;
  for (const c of items(ctx, elem.get(PDFName.of('C')))) {
    const name = nameOf(c);
    if (name === undefined) continue;
    const v = fromDicts(items(ctx, classMap.get(PDFName.of(name))));
    if (v !== undefined) return v;
  }
  return undefined;
}
