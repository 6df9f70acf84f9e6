/** ISO 14289-1, 7.16: security — encryption leaves assistive technology its access. */
import { rule } from '../rule.ts';

export const rules = [
  rule({
    id: '7.16-1',
    description: 'An encrypted file\'s encryption dictionary has /P with bit 10 (extract for accessibility) set.',
    object: 'Document',
    test: ({ encryption: e }) => {
      if (!e) return undefined;
      if (e.p === null) return 'The encryption dictionary has no /P (permissions).';
      return (e.p & 512) === 512 ? undefined : `The encryption dictionary's /P (${e.p}) does not set bit 10: assistive technology may not extract the text.`;
    },
  }),
];
