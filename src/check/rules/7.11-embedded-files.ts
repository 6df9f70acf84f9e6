/** ISO 14289-1, 7.11: embedded files — their file specifications have non-empty /F and /UF. */
import { rule } from '../rule.ts';

export const rules = [
  rule({
    id: '7.11-1',
    description: 'The file specification of an embedded file has non-empty /F and /UF entries.',
    object: 'FileSpec',
    test: (f) => {
      if (!f.hasEF) return undefined;
      const missing = [!f.f && '/F', !f.uf && '/UF'].filter(Boolean);
      return missing.length ? `The file specification of an embedded file has no non-empty ${missing.join(' or ')}.` : undefined;
    },
  }),
];
