/**
 * folio's own navigation rules (clause "folio"): a title, an outline that nests like the headings,
 * page labels, and a table of contents whose entries jump. veraPDF does not check these.
 */
import { rule } from '../rule.ts';

const ALLOWED_IN_TOCI = ['Lbl', 'Reference', 'NonStruct', 'P', 'TOC'];

export const rules = [
  rule({
    id: 'folio-title-1',
    description: 'The document information dictionary has a non-empty /Title.',
    object: 'Document',
    test: (d) => (d.infoTitle?.trim() ? undefined : 'The document information dictionary has no /Title.'),
  }),
  rule({
    id: 'folio-outline-1',
    description: 'The document has an outline (bookmarks) with at least one item, and no item has an empty title.',
    object: 'Outline',
    test: ({ items }) => {
      if (items.length === 0) return 'The document has no outline (bookmarks): readers cannot navigate it by section.';
      const empty = items.filter((i) => !i.title.trim()).length;
      return empty ? `${empty} outline item(s) have an empty title.` : undefined;
    },
  }),
  rule({
    id: 'folio-outline-2',
    description: 'The outline nests the way the headings do: the item of a heading sits under the item of the heading it belongs to.',
    object: 'OutlineHeading',
    test: ({ e, item, owner, ownerItem, parentIsHeadingItem }) => {
      if (owner && ownerItem && item.parent !== ownerItem) {
        const now = item.parent ? `under "${item.parent.title}"` : 'at the top level';
        return `The outline item "${item.title}" (${e.standardType}) is ${now}, not under "${ownerItem.title}", the item of the ${owner.standardType} it belongs to.`;
      }
      if (!owner && parentIsHeadingItem) return `The outline item "${item.title}" (${e.standardType}) is nested under "${item.parent!.title}", but no higher-level heading precedes it.`;
      return undefined;
    },
  }),
  rule({
    id: 'folio-pagelabels-1',
    description: 'The catalog has /PageLabels giving page 1 a label.',
    object: 'Document',
    test: ({ pageLabels: l }) => {
      if (!l.present) return 'The catalog has no /PageLabels: viewers show physical page numbers, not the printed ones.';
      return l.startsAtFirstPage ? undefined : '/PageLabels does not start at page 1 (no entry for page index 0).';
    },
  }),
  rule({
    id: 'folio-toc-1',
    description: 'Every TOCI holds a Link whose annotation jumps to a page of the document.',
    object: 'TOCI',
    test: (t) => {
      if (t.links === 0) return 'TOCI holds no Link, so the table-of-contents entry cannot be followed.';
      return t.jumps ? undefined : `The table-of-contents entry does not jump to a page: ${t.problems.join('; ')}.`;
    },
  }),
  rule({
    id: 'folio-toc-2',
    description: 'TOCI contains only Lbl, Reference, NonStruct, P and TOC (ISO 32000-1, Table 333).',
    object: 'StructElem',
    structType: 'TOCI',
    test: ({ kids }) => {
      const bad = [...new Set(kids.filter((k) => !ALLOWED_IN_TOCI.includes(k)))];
      if (bad.length === 0) return undefined;
      return `TOCI contains ${bad.join(', ')}; ISO 32000-1 Table 333 allows Lbl, Reference, NonStruct, P and TOC (wrap a Link in Reference). veraPDF does not check this.`;
    },
  }),
];
