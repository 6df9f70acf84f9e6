/** ISO 14289-1, 6: technical requirements (the document is a tagged PDF). */
import { rule } from '../rule.ts';

export const rules = [
  rule({
    id: '6.2-1',
    description: 'The catalog has /MarkInfo with /Marked true.',
    object: 'Document',
    test: (d) => (d.markInfo?.marked ? undefined : d.markInfo ? '/MarkInfo /Marked is not true.' : 'The catalog has no /MarkInfo dictionary.'),
  }),
];
