/** ISO 14289-1, 6: technical requirements (the document is a tagged PDF). */
import { rule } from '../rule.ts';

export const rules = [
  rule({
    id: '6.1-1',
    description: 'The file header is "%PDF-1.n" (n from 0 to 7) followed by a single end-of-line marker.',
    object: 'Document',
    test: (d) => (/^%PDF-1\.[0-7]$/.test(d.header) ? undefined : `The file header is "${d.header}", not "%PDF-1.n" with n from 0 to 7.`),
  }),
  rule({
    id: '6.2-1',
    description: 'The catalog has /MarkInfo with /Marked true.',
    object: 'Document',
    test: (d) => (d.markInfo?.marked ? undefined : d.markInfo ? '/MarkInfo /Marked is not true.' : 'The catalog has no /MarkInfo dictionary.'),
  }),
];
