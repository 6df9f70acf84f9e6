/** ISO 14289-1, 7.20: XObjects — no reference XObjects; tagged form content is painted once. */
import { rule } from '../rule.ts';

export const rules = [
  rule({
    id: '7.20-1',
    description: 'No reference XObjects (/Ref in a form XObject).',
    object: 'XForm',
    test: (f) => (f.hasRef ? 'A form XObject is a reference XObject (/Ref): it imports content from another document.' : undefined),
  }),
  rule({
    id: '7.20-2',
    description: 'A form XObject with MCIDs is painted only once.',
    object: 'XForm',
    test: (f) => (f.hasMcid && f.count > 1 ? `A form XObject with MCIDs is painted ${f.count} times; its content can belong to only one structure element.` : undefined),
  }),
];
