/** ISO 14289-1, 7.9: notes and references — every Note has a unique ID. */
import { rule } from '../rule.ts';

export const rules = [
  rule({
    id: '7.9-1',
    description: 'Note has a non-empty ID.',
    object: 'StructElem',
    structType: 'Note',
    test: ({ e }) => (e.id ? undefined : 'Note has no /ID.'),
  }),
  rule({
    id: '7.9-2',
    description: 'Note IDs are unique.',
    object: 'StructElem',
    structType: 'Note',
    test: ({ e, noteIdUses }) => (noteIdUses && noteIdUses > 1 ? `Note ID "${e.id}" is used by ${noteIdUses} Note elements.` : undefined),
  }),
];
