/**
 * ISO 14289-1, 7.18: annotations — tagged in the right element, described, in structure tab
 * order; no TrapNet; printer's marks are artifacts. Hidden annotations and those outside the crop
 * box are exempt, as in veraPDF.
 */
import type { AnnotFacts } from '../model/annotations.ts';
import { rule } from '../rule.ts';

/** "nested in P" / "not in the structure tree". */
const placement = (a: AnnotFacts) => (a.elem ? `nested in ${a.parentType}` : 'not in the structure tree');

export const rules = [
  rule({
    id: '7.18.1-1',
    description: 'Annotations other than Widget, PrinterMark and Link are nested in an Annot element.',
    object: 'Annot',
    test: (a) =>
      !['Widget', 'PrinterMark', 'Link'].includes(a.subtype) && !a.exempt && a.parentType !== 'Annot'
        ? `The ${a.label} is ${placement(a)}, not in an Annot element.`
        : undefined,
  }),
  rule({
    id: '7.18.1-2',
    description: 'Annotations other than Widget have /Contents or an Alt on their structure element.',
    object: 'Annot',
    test: (a) => (a.subtype !== 'Widget' && !a.exempt && !a.contents && !a.alt ? `The ${a.label} has neither /Contents nor an Alt on its structure element.` : undefined),
  }),
  rule({
    id: '7.18.1-3',
    description: 'Form fields have /TU or an Alt on their widgets’ structure elements.',
    object: 'Annot',
    test: (a) => (a.subtype === 'Widget' && !a.exempt && !a.fieldTU && !a.alt ? `The form field of the ${a.label} has no /TU and its structure element no Alt.` : undefined),
  }),
  rule({
    id: '7.18.2-1',
    description: 'There are no TrapNet annotations.',
    object: 'Annot',
    test: (a) => (a.subtype === 'TrapNet' && !a.exempt ? `There is a TrapNet annotation on page ${a.page}.` : undefined),
  }),
  rule({
    id: '7.18.3-1',
    description: 'Every page with annotations has /Tabs /S.',
    object: 'Page',
    test: (p) =>
      p.hasAnnotations && p.tabs !== 'S' ? `Page ${p.page} has annotations but its /Tabs is ${p.tabs ? `/${p.tabs}` : 'missing'}, not /S (structure order).` : undefined,
  }),
  rule({
    id: '7.18.4-1',
    description: 'Widget annotations are nested in a Form element.',
    object: 'Annot',
    test: (a) => (a.subtype === 'Widget' && !a.exempt && a.parentType !== 'Form' ? `The ${a.label} is ${placement(a)}, not in a Form element.` : undefined),
  }),
  rule({
    id: '7.18.4-2',
    description: 'A Form element without a Role attribute has exactly one child: an object reference to a widget annotation.',
    object: 'StructElem',
    structType: 'Form',
    test: (o) => (o.formRole !== undefined || o.oneWidgetChild ? undefined : 'Form has no Role attribute (PrintField) and does not hold exactly one widget annotation (OBJR) as its only child.'),
  }),
  rule({
    id: '7.18.5-1',
    description: 'Link annotations are nested in a Link element (/StructParent → parent tree → Link).',
    object: 'Annot',
    test: (a) => {
      if (a.subtype !== 'Link' || a.exempt || a.parentType === 'Link') return undefined;
      const where = a.elem
        ? `nested in ${a.parentType}`
        : a.structParent === undefined
          ? 'not in the structure tree (no /StructParent)'
          : `not in the structure tree (/StructParent ${a.structParent} is not in the parent tree)`;
      return `The ${a.label} is ${where}, not in a Link element.`;
    },
  }),
  rule({
    id: '7.18.5-2',
    description: 'Link annotations have a non-empty /Contents.',
    object: 'Annot',
    test: (a) => (a.subtype === 'Link' && !a.exempt && !a.contents ? `The ${a.label} has no /Contents (alternate description).` : undefined),
  }),
  rule({
    id: '7.18.6.2-1',
    description: 'A media clip data dictionary has /CT (the content type).',
    object: 'MediaClip',
    test: (c) => (c.ct === undefined ? 'The media clip data dictionary has no /CT (content type).' : undefined),
  }),
  rule({
    id: '7.18.6.2-2',
    description: 'A media clip data dictionary has /Alt: language and non-empty text pairs.',
    object: 'MediaClip',
    test: (c) => (c.correctAlt ? undefined : 'The media clip data dictionary has no /Alt array of language and non-empty text pairs.'),
  }),
  rule({
    id: '7.18.8-1',
    description: 'PrinterMark annotations are not in the structure tree.',
    object: 'Annot',
    test: (a) => (a.subtype === 'PrinterMark' && !a.exempt && a.structParent !== undefined ? `The ${a.label} is in the logical structure; it must be an artifact.` : undefined),
  }),
];
