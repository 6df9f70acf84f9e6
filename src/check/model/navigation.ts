/**
 * Navigation as folio's own rules see it: the outline (bookmarks) and how it nests against the
 * headings, and where each table-of-contents entry's link jumps.
 */
import { PDFArray, PDFDict, PDFHexString, PDFName, PDFRef, PDFString, type PDFContext, type PDFObject } from 'pdf-lib';
import { get, getDict, getName, getText, rawString, readNameTree, refKey, resolve } from '../../pdf/cos.ts';
import type { StructElem, StructTree } from '../../pdf/struct-tree.ts';
import type { Where } from '../rule.ts';
import { descendants, isHeading, whereElem } from './structure.ts';

export interface OutlineItem {
  title: string;
  parent: OutlineItem | null;
  depth: number;
  dict: PDFDict;
}

export interface OutlineFacts {
  where: Where;
  items: OutlineItem[];
}

/** A heading whose title matches an outline item, with the item of the heading it belongs to. */
export interface OutlineHeadingFacts {
  e: StructElem;
  where: Where;
  item: OutlineItem;
  /** The nearest earlier heading of a higher level, and its outline item. */
  owner?: StructElem;
  ownerItem?: OutlineItem;
  /** The item's parent is the item of some heading. */
  parentIsHeadingItem: boolean;
}

export interface TociFacts {
  e: StructElem;
  where: Where;
  links: number;
  /** At least one link annotation jumps to a page of the document. */
  jumps: boolean;
  problems: string[];
}

export interface Navigation {
  outline: OutlineFacts;
  tocis: TociFacts[];
  /** Heading texts are needed to match headings with outline items. */
  needsHeadingText: boolean;
  headings(text: Map<StructElem, string>): OutlineHeadingFacts[];
}

export function readNavigation(ctx: PDFContext, catalog: PDFDict, tree: StructTree | null, pages: { ref: PDFRef; n: number }[]): Navigation {
  const items = readOutline(ctx, catalog);
  const pageNumber = new Map(pages.map((p) => [refKey(p.ref), p.n]));
  const targets = new LinkTargets(ctx, catalog, pageNumber);
  const elements = tree?.elements ?? [];
  return {
    outline: { where: {}, items },
    tocis: elements.filter((e) => e.standardType === 'TOCI').map((e) => readToci(ctx, e, targets)),
    needsHeadingText: items.length > 0 && elements.some(isHeading),
    headings: (text) => matchHeadings(ctx, elements.filter(isHeading), items, text),
  };
}

function readOutline(ctx: PDFContext, catalog: PDFDict): OutlineItem[] {
  const out: OutlineItem[] = [];
  const seen = new Set<PDFDict>();
  const visit = (first: PDFObject | undefined, parent: OutlineItem | null, depth: number) => {
    let cur = resolve(ctx, first);
    while (cur instanceof PDFDict && !seen.has(cur) && out.length < 100_000) {
      seen.add(cur);
      const item: OutlineItem = { title: getText(ctx, cur, 'Title') ?? '', parent, depth, dict: cur };
      out.push(item);
      visit(cur.get(PDFName.of('First')), item, depth + 1);
      cur = resolve(ctx, cur.get(PDFName.of('Next')));
    }
  };
  const root = getDict(ctx, catalog, 'Outlines');
  if (root) visit(root.get(PDFName.of('First')), null, 0);
  return out;
}

function readToci(ctx: PDFContext, toci: StructElem, targets: LinkTargets): TociFacts {
  const links = descendants(toci).filter((d) => d.standardType === 'Link');
  const facts: TociFacts = { e: toci, where: whereElem(toci), links: links.length, jumps: false, problems: [] };
  for (const link of links) {
    const annots = link.content.filter((c) => c.kind === 'objr');
    if (annots.length === 0) facts.problems.push(`${link.path} has no link annotation (OBJR)`);
    for (const c of annots) {
      const annot = resolve(ctx, c.obj);
      if (!(annot instanceof PDFDict)) {
        facts.problems.push(`${link.path}'s OBJR points to a missing object`);
        continue;
      }
      const r = targets.of(annot);
      if (r.page !== undefined) facts.jumps = true;
      else facts.problems.push(`${link.path}'s annotation ${refKey(c.obj)} ${r.problem}`);
    }
  }
  return facts;
}

/** Where link annotations jump: a page number, or why they do not jump to a page. */
class LinkTargets {
  private names?: Map<string, PDFObject>;

  constructor(
    private readonly ctx: PDFContext,
    private readonly catalog: PDFDict,
    private readonly pageNumber: Map<string, number>,
  ) {}

  of(annot: PDFDict): { page?: number; problem: string } {
    const ctx = this.ctx;
    let dest = get(ctx, annot, 'Dest');
    if (dest === undefined) {
      const action = getDict(ctx, annot, 'A');
      const s = getName(ctx, action, 'S');
      if (!action) return { problem: 'has neither /Dest nor an action' };
      if (s !== 'GoTo') return { problem: `has a /${s ?? '?'} action, not a jump within the document` };
      dest = get(ctx, action, 'D');
    }
    let label = '';
    for (let i = 0; i < 4; i++) {
      if (dest instanceof PDFName) {
        label = `/${dest.decodeText()}`;
        dest = get(ctx, getDict(ctx, this.catalog, 'Dests'), dest.decodeText());
      } else if (dest instanceof PDFString || dest instanceof PDFHexString) {
        const key = rawString(dest);
        label = `(${key})`;
        this.names ??= readNameTree(ctx, getDict(ctx, getDict(ctx, this.catalog, 'Names'), 'Dests'));
        dest = resolve(ctx, this.names.get(key));
      } else if (dest instanceof PDFDict) {
        dest = get(ctx, dest, 'D');
      } else break;
    }
    return this.page(dest, label);
  }

  private page(dest: PDFObject | undefined, label: string): { page?: number; problem: string } {
    if (dest instanceof PDFArray) {
      const first = dest.get(0);
      if (!(first instanceof PDFRef)) return { problem: 'has a destination without a page reference' };
      const page = this.pageNumber.get(refKey(first));
      return page !== undefined ? { page, problem: '' } : { problem: `has a destination whose page ${refKey(first)} is not a page of the document` };
    }
    return { problem: label ? `names destination ${label}, which is not defined in /Dests or /Names /Dests` : 'has no usable destination' };
  }
}

/** Headings matched to outline items by title (ActualText, Alt or their text), each with its owner. */
function matchHeadings(ctx: PDFContext, headings: StructElem[], outline: OutlineItem[], text: Map<StructElem, string>): OutlineHeadingFacts[] {
  if (text.size === 0) return [];
  const norm = (s: string) => s.normalize('NFC').replace(/\s+/g, '').toLowerCase();
  const pool = new Map<string, OutlineItem[]>();
  for (const item of outline) {
    const k = norm(item.title);
    if (k) pool.set(k, [...(pool.get(k) ?? []), item]);
  }
  const matched = new Map<StructElem, OutlineItem>();
  for (const h of headings) {
    const list = pool.get(norm(getText(ctx, h.dict, 'ActualText') ?? getText(ctx, h.dict, 'Alt') ?? text.get(h) ?? ''));
    if (list?.length) matched.set(h, list.shift()!);
  }
  const items = new Set(matched.values());
  const out: OutlineHeadingFacts[] = [];
  headings.forEach((h, i) => {
    const item = matched.get(h);
    if (!item) return;
    let owner: StructElem | undefined;
    for (let j = i - 1; j >= 0 && !owner; j--) if (levelOf(headings[j]!) < levelOf(h)) owner = headings[j];
    out.push({ e: h, where: whereElem(h), item, owner, ownerItem: owner ? matched.get(owner) : undefined, parentIsHeadingItem: !!item.parent && items.has(item.parent) });
  });
  return out;
}

export function levelOf(h: StructElem): number {
  return h.standardType === 'H' ? depthOfH(h) : Number(h.standardType!.slice(1));
}

/**
 * An H's level in a strongly structured document: one more than the number of headings it sits
 * under — for each ancestor, whether a heading comes before the branch that holds it.
 */
function depthOfH(e: StructElem): number {
  let d = 1;
  for (let c = e, p = e.parent; p; c = p, p = p.parent) {
    if (p.kids.some((k) => k.order < c.order && isHeading(k))) d++;
  }
  return d;
}
