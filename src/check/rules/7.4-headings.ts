/** ISO 14289-1, 7.4: headings — numbered headings in order; H and H1–H6 not mixed. */
import { rule } from '../rule.ts';

const HN = ['H1', 'H2', 'H3', 'H4', 'H5', 'H6'];

export const rules = [
  rule({
    id: '7.4.2-1',
    description: 'Numbered headings start at H1 and never skip a level going down, in document order.',
    object: 'StructElem',
    structType: HN,
    test: ({ e, previousHeadingLevel: last = 0 }) => {
      const level = Number(e.standardType!.slice(1));
      if (level <= last + 1) return undefined;
      return last === 0 ? `The first heading is ${e.standardType}, not H1.` : `${e.standardType} follows H${last}: heading level ${last + 1} is skipped.`;
    },
  }),
  rule({
    id: '7.4.4-1',
    description: 'No structure element has more than one H child.',
    object: 'StructElem',
    test: ({ e, kids }) => (kids.filter((k) => k === 'H').length > 1 ? `${e.type} has more than one H child.` : undefined),
  }),
  rule({
    id: '7.4.4-2',
    description: 'A document does not use both H and H1–H6 (H side).',
    object: 'StructElem',
    structType: 'H',
    test: (_, m) => (m.usesHn ? 'The document uses both H and numbered headings (H1–H6).' : undefined),
  }),
  rule({
    id: '7.4.4-3',
    description: 'A document does not use both H and H1–H6 (Hn side).',
    object: 'StructElem',
    structType: HN,
    test: (_, m) => (m.usesH ? 'The document uses both H and numbered headings (H1–H6).' : undefined),
  }),
];
