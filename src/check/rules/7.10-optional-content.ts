/** ISO 14289-1, 7.10: optional content — configurations are named and have no AS (automatic state) entry. */
import { rule } from '../rule.ts';

export const rules = [
  rule({
    id: '7.10-1',
    description: 'Every optional content configuration (/OCProperties /D and each of /Configs) has a non-empty /Name.',
    object: 'OCConfig',
    test: (c) => (c.name ? undefined : `The ${c.isDefault ? 'default optional content configuration (/D)' : 'optional content configuration'} has ${c.name === undefined ? 'no' : 'an empty'} /Name.`),
  }),
  rule({
    id: '7.10-2',
    description: 'No optional content configuration has an /AS entry.',
    object: 'OCConfig',
    test: (c) => (c.hasAS ? `The ${c.isDefault ? 'default optional content configuration (/D)' : 'optional content configuration'} has an /AS entry, which changes visibility automatically.` : undefined),
  }),
];
