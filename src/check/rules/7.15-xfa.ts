/** ISO 14289-1, 7.15: XFA — no dynamic XFA forms. */
import { rule } from '../rule.ts';

export const rules = [
  rule({
    id: '7.15-1',
    description: 'The interactive form is not a dynamic XFA form (dynamicRender is not "required").',
    object: 'Document',
    test: (d) => (d.dynamicRender === 'required' ? 'The interactive form is a dynamic XFA form (its XFA configuration has dynamicRender "required").' : undefined),
  }),
];
