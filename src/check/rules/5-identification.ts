/** ISO 14289-1, 5: version identification (the PDF/UA identification schema in the XMP metadata). */
import { rule } from '../rule.ts';

export const rules = [
  rule({
    id: '5-1',
    description: 'The XMP metadata contains the PDF/UA identification schema (pdfuaid:part).',
    object: 'XMP',
    test: (x) => (x.uaPart === undefined ? 'The XMP metadata does not contain the PDF/UA identification schema (pdfuaid:part).' : undefined),
  }),
  rule({
    id: '5-2',
    description: 'pdfuaid:part is 1.',
    object: 'XMP',
    test: (x) => (x.uaPart !== undefined && x.uaPart.trim() !== '1' ? `pdfuaid:part is ${x.uaPart.trim() || 'empty'}, not 1.` : undefined),
  }),
];
