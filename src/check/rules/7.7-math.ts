/** ISO 14289-1, 7.7: mathematical expressions — a Formula has an alternative. */
import { rule } from '../rule.ts';
import { withoutAlternative } from './7.3-graphics.ts';

export const rules = [
  rule({
    id: '7.7-1',
    description: 'Formula has Alt or ActualText.',
    object: 'StructElem',
    structType: 'Formula',
    test: (o) => withoutAlternative(o, 'Formula'),
  }),
];
