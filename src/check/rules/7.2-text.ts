/**
 * ISO 14289-1, 7.2: text — the structure of tables, lists and tables of contents (ISO 32000-1,
 * 14.8.4), and the natural language of every text (14.9.2).
 */
import type { ModelObjects } from '../model.ts';
import type { ElemFacts } from '../model/structure.ts';
import { rule } from '../rule.ts';

/** The kid types not in `allowed`, each once. */
function unexpected(kids: string[], allowed: string[]): string {
  return [...new Set(kids.filter((k) => !allowed.includes(k)))].join(', ');
}

/** "A, B and C". */
function listOf(names: string[], word: 'and' | 'or'): string {
  return names.length > 1 ? `${names.slice(0, -1).join(', ')} ${word} ${names[names.length - 1]}` : names[0]!;
}

/** A rule that an element's kids are only of the allowed types. */
function onlyKids(id: string, type: string, allowed: string[], description: string) {
  return rule({
    id,
    description,
    object: 'StructElem',
    structType: type,
    test: ({ kids }) =>
      kids.some((k) => !allowed.includes(k))
        ? `${type} contains ${unexpected(kids, allowed)}; only ${listOf(allowed, 'and')} ${allowed.length > 1 ? 'are' : 'is'} allowed.`
        : undefined,
  });
}

/** A rule that an element sits inside one of the allowed parent types. */
function insideOf(id: string, type: string, parents: string[], description: string) {
  const list = listOf(parents, 'or');
  return rule({
    id,
    description,
    object: 'StructElem',
    structType: type,
    test: ({ parentType }) => (parents.includes(parentType ?? '') ? undefined : `${type} is inside ${parentType ?? 'the structure tree root'}, not ${list}.`),
  });
}

/** The element's Caption, if it has one, comes first. */
function captionFirst(id: string, type: string, description: string) {
  return rule({
    id,
    description,
    object: 'StructElem',
    structType: type,
    test: ({ kids }) => (kids.slice(1).includes('Caption') ? `${type} has a Caption that is not its first child.` : undefined),
  });
}

const count = (kids: string[], type: string) => kids.filter((k) => k === type).length;

/** The language of an element's text entry cannot be determined (no /Lang on it, its ancestors or the catalog). */
function langOfEntry(id: string, key: 'ActualText' | 'Alt' | 'E', has: (o: ElemFacts) => boolean) {
  return rule({
    id,
    description: `The natural language of ${key === 'E' ? 'E (expansion)' : key} is determinable.`,
    object: 'StructElem',
    test: (o, m) =>
      has(o) && !m.hasCatalogLang && o.inheritedLang === undefined
        ? `The language of ${o.e.type}'s ${key} cannot be determined (no /Lang on it, its ancestors or the catalog).`
        : undefined,
  });
}

/** The language of an annotation's or form field's text cannot be determined (no /Lang on the catalog or its structure element). */
function langOfObject<T extends 'Annot' | 'FormField'>(id: string, description: string, object: T, read: (o: ModelObjects[T]) => { text?: string; lang?: string; what: string }) {
  return rule({
    id,
    description,
    object,
    test: (o: ModelObjects[T], m) => {
      const { text, lang, what } = read(o);
      return text !== undefined && !m.hasCatalogLang && lang === undefined ? `The language of ${what} cannot be determined (no /Lang on the catalog or its structure element).` : undefined;
    },
  });
}

/** The language of a Span sequence's text entry cannot be determined. */
function langOfSpan(id: string, key: 'ActualText' | 'Alt' | 'E') {
  return rule({
    id,
    description: `The natural language of ${key} in a Span marked-content sequence is determinable.`,
    object: 'PageContent',
    test: (p, m) => {
      const n = p.spanWithoutLang[key];
      return n && !m.hasCatalogLang
        ? `The language of the ${key} of ${n} Span sequence(s) on page ${p.page} cannot be determined (no /Lang on them, the sequences around them, their structure elements or the catalog).`
        : undefined;
    },
  });
}

const LANG_TAG = /^[a-zA-Z]{1,8}(-[a-zA-Z0-9]{1,8})*$/;

export const rules = [
  rule({
    id: '7.2-2',
    description: 'The natural language of outline entries is determinable (catalog /Lang).',
    object: 'Outline',
    test: (o, m) => (o.items.length > 0 && !m.hasCatalogLang ? 'The language of the outline entries cannot be determined: the catalog has no /Lang.' : undefined),
  }),
  onlyKids('7.2-3', 'Table', ['TR', 'THead', 'TBody', 'TFoot', 'Caption'], 'Table contains only TR, THead, TBody, TFoot and Caption.'),
  insideOf('7.2-4', 'TR', ['Table', 'THead', 'TBody', 'TFoot'], 'TR is inside Table, THead, TBody or TFoot.'),
  insideOf('7.2-5', 'THead', ['Table'], 'THead is inside Table.'),
  insideOf('7.2-6', 'TBody', ['Table'], 'TBody is inside Table.'),
  insideOf('7.2-7', 'TFoot', ['Table'], 'TFoot is inside Table.'),
  insideOf('7.2-8', 'TH', ['TR'], 'TH is inside TR.'),
  insideOf('7.2-9', 'TD', ['TR'], 'TD is inside TR.'),
  onlyKids('7.2-10', 'TR', ['TH', 'TD'], 'TR contains only TH and TD.'),
  rule({
    id: '7.2-11',
    description: 'Table has at most one THead.',
    object: 'StructElem',
    structType: 'Table',
    test: ({ kids }) => (count(kids, 'THead') > 1 ? 'Table has more than one THead.' : undefined),
  }),
  rule({
    id: '7.2-12',
    description: 'Table has at most one TFoot.',
    object: 'StructElem',
    structType: 'Table',
    test: ({ kids }) => (count(kids, 'TFoot') > 1 ? 'Table has more than one TFoot.' : undefined),
  }),
  rule({
    id: '7.2-13',
    description: 'A Table with a TFoot has a TBody.',
    object: 'StructElem',
    structType: 'Table',
    test: ({ kids }) => (count(kids, 'TFoot') > 0 && count(kids, 'TBody') === 0 ? 'Table has a TFoot but no TBody.' : undefined),
  }),
  rule({
    id: '7.2-14',
    description: 'A Table with a THead has a TBody.',
    object: 'StructElem',
    structType: 'Table',
    test: ({ kids }) => (count(kids, 'THead') > 0 && count(kids, 'TBody') === 0 ? 'Table has a THead but no TBody.' : undefined),
  }),
  rule({
    id: '7.2-15',
    description: 'Table cells do not overlap (RowSpan/ColSpan).',
    object: 'TableCell',
    test: (c) => (c.hasIntersection ? `${c.e.type} overlaps another cell (check RowSpan/ColSpan).` : undefined),
  }),
  rule({
    id: '7.2-16',
    description: "A Table's Caption is its first or last child.",
    object: 'StructElem',
    structType: 'Table',
    test: ({ kids }) => (kids.slice(1, -1).includes('Caption') ? 'Table has a Caption that is neither its first nor its last child.' : undefined),
  }),
  insideOf('7.2-17', 'LI', ['L'], 'LI is inside L.'),
  insideOf('7.2-18', 'LBody', ['LI'], 'LBody is inside LI.'),
  onlyKids('7.2-19', 'L', ['L', 'LI', 'Caption'], 'L contains only L, LI and Caption.'),
  onlyKids('7.2-20', 'LI', ['Lbl', 'LBody'], 'LI contains only Lbl and LBody.'),
  langOfEntry('7.2-21', 'ActualText', (o) => o.hasActualText),
  langOfEntry('7.2-22', 'Alt', (o) => o.hasAlt),
  langOfEntry('7.2-23', 'E', (o) => o.hasE),
  langOfObject('7.2-24', 'The natural language of annotation /Contents is determinable.', 'Annot', (a) => ({ text: a.contents, lang: a.elemLang, what: `the /Contents of the ${a.label}` })),
  langOfObject('7.2-25', "The natural language of form fields' /TU is determinable.", 'FormField', (f) => ({ text: f.tu, lang: f.lang, what: `the /TU of form field "${f.name}"` })),
  insideOf('7.2-26', 'TOCI', ['TOC'], 'TOCI is inside TOC.'),
  onlyKids('7.2-27', 'TOC', ['TOC', 'TOCI', 'Caption'], 'TOC contains only TOC, TOCI and Caption.'),
  captionFirst('7.2-28', 'TOC', "A TOC's Caption is its first child."),
  rule({
    id: '7.2-29',
    description: 'Every /Lang value (catalog, structure element, property list) is a language tag.',
    object: 'Lang',
    test: (l) => {
      if (LANG_TAG.test(l.value)) return undefined;
      if (l.owner === 'catalog') return `The catalog /Lang "${l.value}" is not a language tag (e.g. "en" or "de-CH").`;
      if (l.owner === 'element') return `/Lang "${l.value}" of ${l.ownerType} is not a language tag.`;
      return `/Lang "${l.value}" in a marked-content property list on page ${l.page} is not a language tag.`;
    },
  }),
  langOfSpan('7.2-30', 'ActualText'),
  langOfSpan('7.2-31', 'Alt'),
  langOfSpan('7.2-32', 'E'),
  rule({
    id: '7.2-33',
    description: 'The natural language of XMP language alternatives (x-default) is determinable.',
    object: 'XMP',
    test: (x, m) =>
      x.hasXDefault && !m.hasCatalogLang
        ? 'The XMP metadata has x-default language alternatives, but the catalog has no /Lang to say which language they are in.'
        : undefined,
  }),
  rule({
    id: '7.2-34',
    description: 'The natural language of text in page content is determinable.',
    object: 'PageContent',
    test: (p, m) =>
      p.textWithoutOwnLang && !m.hasCatalogLang
        ? `The language of ${p.textWithoutOwnLang} text item(s) on page ${p.page} cannot be determined: the catalog has no /Lang, and neither their structure elements nor their marked content have one.`
        : undefined,
  }),
  onlyKids('7.2-36', 'THead', ['TR'], 'THead contains only TR.'),
  onlyKids('7.2-37', 'TBody', ['TR'], 'TBody contains only TR.'),
  onlyKids('7.2-38', 'TFoot', ['TR'], 'TFoot contains only TR.'),
  rule({
    id: '7.2-39',
    description: 'Table has at most one Caption.',
    object: 'StructElem',
    structType: 'Table',
    test: ({ kids }) => (count(kids, 'Caption') > 1 ? `Table has ${count(kids, 'Caption')} Caption elements instead of one.` : undefined),
  }),
  captionFirst('7.2-40', 'L', "An L's Caption is its first child."),
  rule({
    id: '7.2-41',
    description: 'Table columns span the same number of rows.',
    object: 'Table',
    test: (t) => {
      if (t.rowBeyond !== undefined) return `Table columns span different numbers of rows (row ${t.rowBeyond + 1} is beyond the ${t.rows} rows the first column spans).`;
      return t.columnWithWrongRowSpan !== undefined ? `Table columns 1 and ${t.columnWithWrongRowSpan + 1} span different numbers of rows.` : undefined;
    },
  }),
  rule({
    id: '7.2-42',
    description: 'Table rows do not span more columns than the first row.',
    object: 'Table',
    test: (t) =>
      t.rowWithWrongColumnSpan !== undefined && t.wrongColumnSpan === undefined
        ? `Table rows 1 and ${t.rowWithWrongColumnSpan + 1} span different numbers of columns (row ${t.rowWithWrongColumnSpan + 1} has more than ${t.columns}).`
        : undefined,
  }),
  rule({
    id: '7.2-43',
    description: 'Table rows span the same number of columns.',
    object: 'Table',
    test: (t) =>
      t.rowWithWrongColumnSpan !== undefined && t.wrongColumnSpan !== undefined
        ? `Table rows 1 and ${t.rowWithWrongColumnSpan + 1} span different numbers of columns (${t.columns} and ${t.wrongColumnSpan}).`
        : undefined,
  }),
];
