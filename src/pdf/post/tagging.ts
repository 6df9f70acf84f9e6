import { PDFDict, PDFDocument, PDFHexString, PDFName, PDFRef, PDFString, type PDFObject } from 'pdf-lib';
import { PDF17_STANDARD_TYPES } from '../struct-tree.ts';
import { getArray, getDict, getName, getText, items, resolve } from '../cos.ts';
import { kids, structElements, type Elem } from './elements.ts';

/**
 * Chromium writes some PDF 2.0 / HTML-derived types; each gets the nearest PDF 1.7 meaning. An
 * aside (a call-out: the notice, the corrections) is a Note, which Firefox reads as a note, as it
 * reads PDF 2.0's Aside; PDF/UA-1 wants each Note to have an ID.
 */
const ROLES: Record<string, string> = { Em: 'Span', Strong: 'Span', Sub: 'Span', Title: 'P', Aside: 'Note', FENote: 'Div', DocumentFragment: 'Div' };

/**
 * Brings Chromium's structure tree up to PDF/UA-1: a quotation set apart (an aside holding a
 * blockquote, with its attribution) becomes one BlockQuote, other asides Notes with IDs, other
 * non-standard types are role-mapped, and every LI gets a Lbl + LBody. Lists stay lists (L/LI):
 * Firefox reads TOC/TOCI as plain groups, so the contents keeps its "list, 22 items".
 */
export function fixStructure(doc: PDFDocument): void {
  const root = getDict(doc.context, doc.catalog, 'StructTreeRoot');
  if (!root) return;
  let elems = structElements(doc);
  for (const aside of elems.filter((e) => e.type === 'Aside')) {
    const quotes = elems.filter((e) => e.parent === aside && e.type === 'BlockQuote');
    if (quotes.length === 1) {
      rename(aside, 'BlockQuote');
      rename(quotes[0]!, 'NonStruct');
    } else if (!aside.dict.has(PDFName.of('ID'))) {
      aside.dict.set(PDFName.of('ID'), PDFString.of(`note${elems.indexOf(aside)}`));
    }
  }

  const roleMap = getDict(doc.context, root, 'RoleMap') ?? doc.context.obj({});
  for (const type of new Set(elems.map((e) => e.type))) {
    if (!PDF17_STANDARD_TYPES.has(type) && !roleMap.has(PDFName.of(type))) roleMap.set(PDFName.of(type), PDFName.of(ROLES[type] ?? 'Div'));
  }
  if (roleMap.keys().length > 0) root.set(PDFName.of('RoleMap'), roleMap);

  elems = structElements(doc);
  for (const item of elems.filter((e) => e.type === 'LI')) {
    for (const kid of elems.filter((e) => e.parent === item && e.type === 'NonStruct')) rename(kid, 'LBody');
    wrapKids(doc, item, 'LBody', (t) => t !== 'Lbl' && t !== 'LBody');
  }
}

function rename(e: Elem, type: string): void {
  e.dict.set(PDFName.of('S'), PDFName.of(type));
  e.type = type;
}

/**
 * Moves the kids of `parent` that `select` picks (by structure type; marked content counts as
 * content) into one new element of `type`, keeping their order and fixing their /P entries.
 */
function wrapKids(doc: PDFDocument, parent: Elem, type: string, select: (type: string | undefined) => boolean): void {
  const all = kids(doc, parent.dict);
  const typeOf = (k: PDFObject) => {
    const d = resolve(doc.context, k);
    return d instanceof PDFDict ? getName(doc.context, d, 'S') : undefined;
  };
  const moving = all.filter((k) => select(typeOf(k)) && typeOf(k) !== undefined);
  if (moving.length === 0) return;
  const wrapperDict = doc.context.obj({ Type: 'StructElem', S: type, P: parent.ref ?? parent.dict });
  const pg = parent.dict.get(PDFName.of('Pg'));
  if (pg) wrapperDict.set(PDFName.of('Pg'), pg);
  const wrapperRef = doc.context.register(wrapperDict);
  wrapperDict.set(PDFName.of('K'), doc.context.obj(moving));
  for (const k of moving) (resolve(doc.context, k) as PDFDict).set(PDFName.of('P'), wrapperRef);
  // Every kid before the first one moving stays, so the wrapper goes in at that kid's index.
  const kept = all.filter((k) => !moving.includes(k));
  kept.splice(all.indexOf(moving[0]!), 0, wrapperRef);
  parent.dict.set(PDFName.of('K'), doc.context.obj(kept));
}

/**
 * Chromium names structure elements after DOM node counters (`node00000591`), which vary from run
 * to run, so the same report would not give the same bytes. The ids are renamed in document order
 * (`e0001`, …), in the elements, in table cells' /Headers, and in the IDTree.
 */
export function renumberIds(doc: PDFDocument): void {
  const root = getDict(doc.context, doc.catalog, 'StructTreeRoot');
  if (!root) return;
  const renamed = new Map<string, string>();
  const named: [string, PDFObject][] = [];
  for (const e of structElements(doc)) {
    const id = getText(doc.context, e.dict, 'ID');
    if (id === undefined) continue;
    const fresh = `e${String(renamed.size + 1).padStart(4, '0')}`;
    renamed.set(id, fresh);
    e.dict.set(PDFName.of('ID'), PDFString.of(fresh));
    named.push([fresh, e.ref ?? e.dict]);
  }
  if (renamed.size === 0) return;
  for (const e of structElements(doc)) {
    for (const dict of items(doc.context, e.dict.get(PDFName.of('A')))) {
      const headers = dict instanceof PDFDict ? getArray(doc.context, dict, 'Headers') : undefined;
      if (!headers || !(dict instanceof PDFDict)) continue;
      const mapped = headers.asArray().map((h) => {
        const text = resolve(doc.context, h);
        const old = text instanceof PDFString || text instanceof PDFHexString ? text.decodeText() : undefined;
        return PDFString.of(old !== undefined ? (renamed.get(old) ?? old) : '');
      });
      dict.set(PDFName.of('Headers'), doc.context.obj(mapped));
    }
  }
  // pdf-lib writes every object it holds: the old tree's nodes must go, or their ids stay in the file.
  const dropTree = (node: PDFObject | undefined) => {
    const dict = resolve(doc.context, node);
    if (dict instanceof PDFDict) for (const kid of getArray(doc.context, dict, 'Kids')?.asArray() ?? []) dropTree(kid);
    if (node instanceof PDFRef) doc.context.delete(node);
  };
  dropTree(root.get(PDFName.of('IDTree')));
  const names = named.sort(([a], [b]) => (a < b ? -1 : 1)).flatMap(([id, elem]) => [PDFString.of(id), elem]);
  root.set(PDFName.of('IDTree'), doc.context.obj({ Names: names }));
}
