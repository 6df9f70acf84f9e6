/** ISO 14289-1, 5: version identification (the PDF/UA identification schema in the XMP metadata). */
import type { XmpFacts } from '../model/document.ts';
import { rule } from '../rule.ts';

/** A property of the identification schema written with a prefix other than "pdfuaid". */
function prefixed(id: string, property: 'part' | 'amd' | 'corr') {
  return rule({
    id,
    description: `Property "${property}" of the PDF/UA identification schema has the namespace prefix "pdfuaid".`,
    object: 'XMP',
    test: (x: XmpFacts) => {
      const prefix = x.uaPrefixes[property];
      return prefix === undefined || prefix === 'pdfuaid' ? undefined : `The PDF/UA identification property ${prefix}:${property} has the prefix "${prefix}", not "pdfuaid".`;
    },
  });
}

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
  prefixed('5-3', 'part'),
  prefixed('5-4', 'amd'),
  prefixed('5-5', 'corr'),
];
