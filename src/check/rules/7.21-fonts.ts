/** ISO 14289-1, 7.21: fonts — embedded, consistent with their programs, mapped to Unicode. */
import { rule } from '../rule.ts';

export const rules = [
  rule({
    id: '7.21.4.1-1',
    description: 'Every font used for rendering is embedded (FontFile, FontFile2 or FontFile3).',
    object: 'Font',
    test: (f) => (f.rendered && f.subtype !== 'Type3' && !f.embedded ? `The font ${f.name} (/${f.resourceName}, first used on page ${f.page}) is not embedded.` : undefined),
  }),
  rule({
    id: '7.21.7-1',
    description: 'Every font used maps its character codes to Unicode (ToUnicode, a standard encoding, or a standard character collection).',
    object: 'Font',
    test: (f) =>
      f.unicodeMapped ? undefined : `The font ${f.name} (/${f.resourceName}) has no ToUnicode CMap and no encoding from which Unicode can be derived, so its text cannot be read out.`,
  }),
];
