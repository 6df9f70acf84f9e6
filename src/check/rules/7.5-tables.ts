/** ISO 14289-1, 7.5: tables — every data cell's headers are determinable. */
import { rule } from '../rule.ts';

export const rules = [
  rule({
    id: '7.5-1',
    description: "Every TD's headers are determinable: through Headers, or TH cells with Scope.",
    object: 'TableCell',
    test: (c) =>
      c.hasConnectedHeader === false && c.unknownHeaders.length === 0
        ? `TD has no Headers attribute and no TH with a Scope above it or to its left; TH without Scope: ${c.unscopedHeaders.join(', ')}. Give each TH a Scope (/A << /O /Table /Scope /Column >>).`
        : undefined,
  }),
  rule({
    id: '7.5-2',
    description: "A TD's Headers name only IDs of TH cells in its table.",
    object: 'TableCell',
    test: (c) =>
      c.hasConnectedHeader === false && c.unknownHeaders.length > 0
        ? `TD references header ID(s) ${c.unknownHeaders.map((h) => `"${h}"`).join(', ')} that no TH of the table has, and its headers cannot be determined from Scope either.`
        : undefined,
  }),
];
