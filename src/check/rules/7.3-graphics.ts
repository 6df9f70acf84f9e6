/** ISO 14289-1, 7.3: graphics — figures have an alternative. */
import type { ElemFacts } from '../model/structure.ts';
import { rule } from '../rule.ts';

/** Neither a non-empty Alt nor an ActualText (an empty ActualText counts, as in veraPDF). */
export function withoutAlternative(o: ElemFacts, type: string): string | undefined {
  if (o.alt || o.hasActualText) return undefined;
  return `${o.e.type === type ? type : `${o.e.type} (${type})`} has neither an alternate description (Alt) nor replacement text (ActualText).`;
}

export const rules = [
  rule({
    id: '7.3-1',
    description: 'Figure has Alt or ActualText.',
    object: 'StructElem',
    structType: 'Figure',
    test: (o) => withoutAlternative(o, 'Figure'),
  }),
];
