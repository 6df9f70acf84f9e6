/**
 * folio's PDF/UA-1 checker: reads a finished PDF and reports, rule by rule, what keeps it from
 * conforming to ISO 14289-1 — the machine-checkable subset that matters for folio's reports, with
 * veraPDF's rule ids ("7.1-3" is clause 7.1, test 3 of veraPDF's PDF/UA-1 profile, see
 * https://github.com/veraPDF/veraPDF-validation-profiles/wiki/PDFUA-Part-1-rules) so a failure
 * can be looked up. A few navigation rules are folio's own (ids "folio-…", clause "folio").
 *
 * It is not veraPDF: rules are evaluated per document, page or object as veraPDF evaluates them,
 * but font programs are not parsed (glyph-level font rules are not checked), and failures of the
 * content rules are counted per page rather than listed per operator.
 */
import {
  decodePDFRawStream,
  PDFArray,
  PDFContext,
  PDFDict,
  PDFDocument,
  PDFHexString,
  PDFName,
  PDFNumber,
  PDFObject,
  PDFRawStream,
  PDFRef,
  PDFStream,
  PDFString,
} from 'pdf-lib';
import { decodeLatin1, decodeName, inherited, rectOf } from '../pdf/cos.ts';
import { escapeRe, prefixFor, xmpProperty } from '../pdf/xmp.ts';
import { parseToUnicode } from '../pdf/to-unicode.ts';
import { diagnostic, fail, type Diagnostic } from '../util/diagnostics.ts';
import { OTHER_PAINT, parseOperations, PATH_PAINT, stringOperands, TEXT_SHOW, type Operation } from '../pdf/content-stream.ts';
import { getAttribute, readStructTree, type StructElem, type StructTree } from '../pdf/struct-tree.ts';
import { get, getArray, getDict, getName, getNumber, getText, items, nameOf, rawString, readNameTree, readNumberTree, refKey, resolve, textOf } from '../pdf/cos.ts';

export interface CheckFailure {
  /** veraPDF PDF/UA-1 rule id, e.g. "7.1-3", or a folio navigation rule id, e.g. "folio-outline-1". */
  rule: string;
  /** ISO 14289-1 clause, e.g. "7.1", or "folio" for folio's own rules. */
  clause: string;
  /** What is wrong, for a person. */
  message: string;
  /** 1-based page number, when it is about a page. */
  page?: number;
  /** e.g. "12 0 R". */
  object?: string;
  /** Structure path, e.g. "Document/Sect[2]/L[1]/LI[3]". */
  path?: string;
}

export interface CheckResult {
  failures: CheckFailure[];
  /** Every rule id checked. */
  rules: string[];
  pages: number;
}

export interface RuleInfo {
  id: string;
  clause: string;
  /** What the rule requires. */
  summary: string;
}

const rule = (id: string, summary: string): RuleInfo => ({
  id,
  clause: id.startsWith('folio-') ? 'folio' : id.slice(0, id.lastIndexOf('-')),
  summary,
});

/** Every rule checkPdf evaluates, in report order. */
export const RULES: readonly RuleInfo[] = [
  rule('5-1', 'The XMP metadata contains the PDF/UA identification schema (pdfuaid:part).'),
  rule('5-2', 'pdfuaid:part is 1.'),
  rule('6.2-1', 'The catalog has /MarkInfo with /Marked true.'),
  rule('7.1-1', 'Content marked as Artifact is not inside tagged content.'),
  rule('7.1-2', 'Tagged content is not inside content marked as Artifact.'),
  rule('7.1-3', 'All content is either tagged (in a marked-content sequence with an MCID in the structure tree) or marked as Artifact.'),
  rule('7.1-4', '/MarkInfo /Suspects is not true.'),
  rule('7.1-5', 'Every non-standard structure type is role-mapped to a standard PDF 1.7 type.'),
  rule('7.1-6', 'The role map has no circular mapping.'),
  rule('7.1-7', 'Standard structure types are not remapped.'),
  rule('7.1-8', 'The catalog has a /Metadata stream with /Type /Metadata and /Subtype /XML.'),
  rule('7.1-9', 'The XMP metadata contains dc:title.'),
  rule('7.1-10', '/ViewerPreferences /DisplayDocTitle is true.'),
  rule('7.1-11', 'The catalog has a /StructTreeRoot.'),
  rule('7.1-12', 'Every structure element has a /P (parent) entry.'),
  rule('7.2-2', 'The natural language of outline entries is determinable (catalog /Lang).'),
  rule('7.2-3', 'Table contains only TR, THead, TBody, TFoot and Caption.'),
  rule('7.2-4', 'TR is inside Table, THead, TBody or TFoot.'),
  rule('7.2-5', 'THead is inside Table.'),
  rule('7.2-6', 'TBody is inside Table.'),
  rule('7.2-7', 'TFoot is inside Table.'),
  rule('7.2-8', 'TH is inside TR.'),
  rule('7.2-9', 'TD is inside TR.'),
  rule('7.2-10', 'TR contains only TH and TD.'),
  rule('7.2-11', 'Table has at most one THead.'),
  rule('7.2-12', 'Table has at most one TFoot.'),
  rule('7.2-13', 'A Table with a TFoot has a TBody.'),
  rule('7.2-14', 'A Table with a THead has a TBody.'),
  rule('7.2-15', 'Table cells do not overlap (RowSpan/ColSpan).'),
  rule('7.2-16', "A Table's Caption is its first or last child."),
  rule('7.2-17', 'LI is inside L.'),
  rule('7.2-18', 'LBody is inside LI.'),
  rule('7.2-19', 'L contains only L, LI and Caption.'),
  rule('7.2-20', 'LI contains only Lbl and LBody.'),
  rule('7.2-21', 'The natural language of ActualText is determinable.'),
  rule('7.2-22', 'The natural language of Alt is determinable.'),
  rule('7.2-23', 'The natural language of E (expansion) is determinable.'),
  rule('7.2-24', 'The natural language of annotation /Contents is determinable.'),
  rule('7.2-26', 'TOCI is inside TOC.'),
  rule('7.2-27', 'TOC contains only TOC, TOCI and Caption.'),
  rule('7.2-28', "A TOC's Caption is its first child."),
  rule('7.2-29', 'Every /Lang value (catalog, structure element, property list) is a language tag.'),
  rule('7.2-33', 'The natural language of XMP language alternatives (x-default) is determinable.'),
  rule('7.2-34', 'The natural language of text in page content is determinable.'),
  rule('7.2-36', 'THead contains only TR.'),
  rule('7.2-37', 'TBody contains only TR.'),
  rule('7.2-38', 'TFoot contains only TR.'),
  rule('7.2-39', 'Table has at most one Caption.'),
  rule('7.2-40', "An L's Caption is its first child."),
  rule('7.2-41', 'Table columns span the same number of rows.'),
  rule('7.2-42', 'Table rows do not span more columns than the first row.'),
  rule('7.2-43', 'Table rows span the same number of columns.'),
  rule('7.3-1', 'Figure has Alt or ActualText.'),
  rule('7.4.2-1', 'Numbered headings start at H1 and never skip a level going down, in document order.'),
  rule('7.4.4-1', 'No structure element has more than one H child.'),
  rule('7.4.4-2', 'A document does not use both H and H1–H6 (H side).'),
  rule('7.4.4-3', 'A document does not use both H and H1–H6 (Hn side).'),
  rule('7.5-1', "Every TD's headers are determinable: through Headers, or TH cells with Scope."),
  rule('7.5-2', "A TD's Headers name only IDs of TH cells in its table."),
  rule('7.7-1', 'Formula has Alt or ActualText.'),
  rule('7.9-1', 'Note has a non-empty ID.'),
  rule('7.9-2', 'Note IDs are unique.'),
  rule('7.18.1-1', 'Annotations other than Widget, PrinterMark and Link are nested in an Annot element.'),
  rule('7.18.1-2', 'Annotations other than Widget have /Contents or an Alt on their structure element.'),
  rule('7.18.1-3', 'Form fields have /TU or an Alt on their widgets’ structure elements.'),
  rule('7.18.2-1', 'There are no TrapNet annotations.'),
  rule('7.18.3-1', 'Every page with annotations has /Tabs /S.'),
  rule('7.18.4-1', 'Widget annotations are nested in a Form element.'),
  rule('7.18.5-1', 'Link annotations are nested in a Link element (/StructParent → parent tree → Link).'),
  rule('7.18.5-2', 'Link annotations have a non-empty /Contents.'),
  rule('7.18.8-1', 'PrinterMark annotations are not in the structure tree.'),
  rule('7.20-1', 'No reference XObjects (/Ref in a form XObject).'),
  rule('7.20-2', 'A form XObject with MCIDs is painted only once.'),
  rule('7.21.4.1-1', 'Every font used for rendering is embedded (FontFile, FontFile2 or FontFile3).'),
  rule('7.21.7-1', 'Every font used maps its character codes to Unicode (ToUnicode, a standard encoding, or a standard character collection).'),
  rule('folio-title-1', 'The document information dictionary has a non-empty /Title.'),
  rule('folio-outline-1', 'The document has an outline (bookmarks) with at least one item, and no item has an empty title.'),
  rule('folio-outline-2', 'The outline nests the way the headings do: the item of a heading sits under the item of the heading it belongs to.'),
  rule('folio-pagelabels-1', 'The catalog has /PageLabels giving page 1 a label.'),
  rule('folio-toc-1', 'Every TOCI holds a Link whose annotation jumps to a page of the document.'),
  rule('folio-toc-2', 'TOCI contains only Lbl, Reference, NonStruct, P and TOC (ISO 32000-1, Table 333).'),
];

const RULE_ORDER = new Map(RULES.map((r, i) => [r.id, i]));
const CLAUSE = new Map(RULES.map((r) => [r.id, r.clause]));

const LANG_TAG = /^[a-zA-Z]{1,8}(-[a-zA-Z0-9]{1,8})*$/;
const HN = /^H[1-6]$/;
const NS_PDFUAID = 'http://www.aiim.org/pdfua/ns/id/';
const NS_DC = 'http://purl.org/dc/elements/1.1/';

/**
 * Checks a PDF given as bytes, or as a document pdf-lib has already loaded (the build parses its
 * PDF once for post-processing and the check). The document is only read, never changed.
 */
export async function checkPdf(pdf: Uint8Array | PDFDocument): Promise<CheckResult> {
  return new Checker(pdf instanceof PDFDocument ? pdf : await loadForCheck(pdf)).run();
}

async function loadForCheck(pdf: Uint8Array): Promise<PDFDocument> {
  try {
    return await PDFDocument.load(pdf, { updateMetadata: false, ignoreEncryption: true });
  } catch (e) {
    fail('check/unreadable', { reason: e instanceof Error ? e.message : String(e) }, {}, e);
  }
}

interface FontUse {
  dict: PDFDict;
  ref?: PDFRef;
  resourceName: string;
  page: number;
  /** Used at least once with a text rendering mode other than 3 (invisible). */
  rendered: boolean;
}

interface McEntry {
  tag: string;
  artifact: boolean;
  /** The structure element the sequence's MCID belongs to, when the parent tree knows it. */
  elem?: StructElem;
  lang?: string;
}

interface Frame {
  page: number;
  /** The /StructParents key MCIDs in this content resolve through. */
  structParents?: number;
  resources?: PDFDict;
  /** The form XObject being walked, if any. */
  form?: PDFStream;
}

interface PageCounts {
  untagged: number;
  artifactInTagged: number;
  taggedInArtifact: number;
  textWithoutLang: number;
  badLang: Set<string>;
}

class Checker {
  private readonly ctx: PDFContext;
  private readonly catalog: PDFDict;
  private readonly failures: CheckFailure[] = [];
  private readonly pageNumber = new Map<string, number>();
  private tree: StructTree | null = null;
  private catalogLang: string | undefined;
  private readonly fonts = new Map<PDFDict, FontUse>();
  private readonly fontInfo = new Map<PDFDict, FontInfo>();
  private readonly formOps = new Map<PDFStream, Operation[]>();
  private readonly formUses = new Map<PDFStream, { count: number; hasMcid: boolean; ref?: PDFRef; page: number }>();
  private readonly headingText = new Map<StructElem, string>();
  private collectHeadingText = false;
  private counts!: PageCounts;

  constructor(private readonly doc: PDFDocument) {
    this.ctx = doc.context;
    this.catalog = doc.catalog;
  }

  private fail(id: string, message: string, where: Omit<CheckFailure, 'rule' | 'clause' | 'message'> = {}): void {
    const f: CheckFailure = { rule: id, clause: CLAUSE.get(id) ?? id, message };
    if (where.page !== undefined) f.page = where.page;
    if (where.object !== undefined) f.object = where.object;
    if (where.path !== undefined) f.path = where.path;
    this.failures.push(f);
  }

  private elemWhere(e: StructElem): { object?: string; path: string } {
    return { path: e.path, ...(e.ref ? { object: refKey(e.ref) } : {}) };
  }

  run(): CheckResult {
    const pages = this.doc.getPages();
    pages.forEach((p, i) => this.pageNumber.set(refKey(p.ref), i + 1));

    const lang = get(this.ctx, this.catalog, 'Lang');
    this.catalogLang = textOf(lang);
    this.tree = readStructTree(this.ctx, this.catalog);

    this.checkMetadata();
    this.checkCatalog();
    if (this.tree) this.checkStructure(this.tree);
    const outline = this.readOutline();
    this.collectHeadingText = outline.length > 0 && (this.tree?.elements.some((e) => isHeading(e)) ?? false);
    pages.forEach((p, i) => this.checkPageContent(p.node, p.ref, i + 1));
    this.checkForms();
    pages.forEach((p, i) => this.checkAnnotations(p.node, p.ref, i + 1));
    this.checkFonts();
    this.checkNavigation(outline);

    this.failures.sort(
      (a, b) =>
        (RULE_ORDER.get(a.rule) ?? 999) - (RULE_ORDER.get(b.rule) ?? 999) ||
        (a.page ?? 0) - (b.page ?? 0) ||
        (a.path ?? '').localeCompare(b.path ?? ''),
    );
    return { failures: this.failures, rules: RULES.map((r) => r.id), pages: pages.length };
  }

  private get hasCatalogLang(): boolean {
    return this.catalogLang !== undefined && this.catalogLang.trim() !== '';
  }

  // -------------------------------------------------------------------------------------------
  // Document-level: metadata, catalog

  private checkMetadata(): void {
    const ctx = this.ctx;
    const raw = resolve(ctx, this.catalog.get(PDFName.of('Metadata')));
    const isStream = raw instanceof PDFRawStream;
    if (!isStream || getName(ctx, raw.dict, 'Type') !== 'Metadata' || getName(ctx, raw.dict, 'Subtype') !== 'XML') {
      this.fail(
        '7.1-8',
        raw === undefined
          ? 'The catalog has no /Metadata stream, so the document has no XMP metadata.'
          : 'The catalog /Metadata is not a stream with /Type /Metadata and /Subtype /XML.',
      );
    }
    if (!isStream) return; // veraPDF evaluates the XMP rules only when there is a metadata stream
    let xmp: string;
    try {
      xmp = new TextDecoder('utf-8').decode(decodePDFRawStream(raw).decode());
    } catch {
      this.fail('7.1-8', 'The /Metadata stream cannot be decoded.');
      return;
    }

    const uaPrefix = prefixFor(xmp, NS_PDFUAID);
    const part = uaPrefix ? xmpProperty(xmp, uaPrefix, 'part') : undefined;
    if (part === undefined) {
      this.fail('5-1', 'The XMP metadata does not contain the PDF/UA identification schema (pdfuaid:part).');
    } else if (part.trim() !== '1') {
      this.fail('5-2', `pdfuaid:part is ${part.trim() || 'empty'}, not 1.`);
    }

    const dcPrefix = prefixFor(xmp, NS_DC);
    if (!dcPrefix || !new RegExp(`<${escapeRe(dcPrefix)}:title[\\s>/]|\\s${escapeRe(dcPrefix)}:title\\s*=`).test(xmp)) {
      this.fail('7.1-9', 'The XMP metadata does not contain dc:title.');
    }
    if (/xml:lang\s*=\s*["']x-default["']/.test(xmp) && !this.hasCatalogLang) {
      this.fail('7.2-33', 'The XMP metadata has x-default language alternatives, but the catalog has no /Lang to say which language they are in.');
    }
  }

  private checkCatalog(): void {
    const ctx = this.ctx;
    const markInfo = getDict(ctx, this.catalog, 'MarkInfo');
    if (get(ctx, markInfo, 'Marked')?.toString() !== 'true') {
      this.fail('6.2-1', markInfo ? '/MarkInfo /Marked is not true.' : 'The catalog has no /MarkInfo dictionary.');
    }
    if (get(ctx, markInfo, 'Suspects')?.toString() === 'true') this.fail('7.1-4', '/MarkInfo /Suspects is true.');
    const vp = getDict(ctx, this.catalog, 'ViewerPreferences');
    if (get(ctx, vp, 'DisplayDocTitle')?.toString() !== 'true') {
      this.fail('7.1-10', vp ? '/ViewerPreferences /DisplayDocTitle is not true.' : 'The catalog has no /ViewerPreferences.');
    }
    if (!this.tree) this.fail('7.1-11', 'The catalog has no /StructTreeRoot: the document is not tagged.');

    // A missing /Lang is reported by the rules about text whose language cannot be determined
    // (7.2-2, 7.2-21…24, 7.2-33, 7.2-34), as veraPDF does; a malformed one here.
    if (this.catalogLang !== undefined && !LANG_TAG.test(this.catalogLang)) {
      this.fail('7.2-29', `The catalog /Lang "${this.catalogLang}" is not a language tag (e.g. "en" or "de-CH").`);
    }

    const infoRef = this.ctx.trailerInfo.Info;
    const info = resolve(ctx, infoRef);
    const title = info instanceof PDFDict ? getText(ctx, info, 'Title') : undefined;
    if (!title || !title.trim()) this.fail('folio-title-1', 'The document information dictionary has no /Title.');
  }

  // -------------------------------------------------------------------------------------------
  // The structure tree

  private checkStructure(tree: StructTree): void {
    const ctx = this.ctx;
    const kidTypes = (e: StructElem) => e.kids.map((k) => k.standardType ?? k.type);
    let usesH = false;
    let usesHn = false;
    for (const e of tree.elements) {
      if (e.standardType === 'H') usesH = true;
      else if (e.standardType && HN.test(e.standardType)) usesHn = true;
    }
    let lastHeading = 0;
    const noteIds = new Map<string, StructElem[]>();

    for (const e of tree.elements) {
      const where = this.elemWhere(e);
      const t = e.standardType;
      const parentType = e.parent ? (e.parent.standardType ?? e.parent.type) : undefined;
      const kids = kidTypes(e);

      if (!e.hasParentEntry) this.fail('7.1-12', `${e.type} has no /P (parent) entry.`, where);
      if (e.circularMapping) {
        this.fail('7.1-6', `The role map maps ${e.type} in a circle and never reaches a standard type.`, where);
      }
      if (t === null) {
        this.fail('7.1-5', `${e.type} is not a standard structure type and the role map does not map it to one.`, where);
      }
      if (e.remappedStandardType) {
        this.fail('7.1-7', `${e.type} is a standard structure type, but the role map remaps it to ${tree.roleMap.get(e.type)}.`, where);
      }
      if (e.lang !== undefined && !LANG_TAG.test(e.lang)) {
        this.fail('7.2-29', `/Lang "${e.lang}" of ${e.type} is not a language tag.`, where);
      }
      if (!this.hasCatalogLang && tree.inheritedLang(e) === undefined) {
        if (e.dict.has(PDFName.of('ActualText'))) this.fail('7.2-21', `The language of ${e.type}'s ActualText cannot be determined (no /Lang on it, its ancestors or the catalog).`, where);
        if (e.dict.has(PDFName.of('Alt'))) this.fail('7.2-22', `The language of ${e.type}'s Alt cannot be determined (no /Lang on it, its ancestors or the catalog).`, where);
        if (e.dict.has(PDFName.of('E'))) this.fail('7.2-23', `The language of ${e.type}'s E cannot be determined (no /Lang on it, its ancestors or the catalog).`, where);
      }
      if (kids.filter((k) => k === 'H').length > 1) this.fail('7.4.4-1', `${e.type} has more than one H child.`, where);

      switch (t) {
        case 'Figure':
        case 'Formula': {
          const alt = getText(ctx, e.dict, 'Alt');
          if (!alt && !e.dict.has(PDFName.of('ActualText'))) {
            this.fail(
              t === 'Figure' ? '7.3-1' : '7.7-1',
              `${e.type === t ? t : `${e.type} (${t})`} has neither an alternate description (Alt) nor replacement text (ActualText).`,
              where,
            );
          }
          break;
        }
        case 'Table':
          if (kids.some((k) => !['TR', 'THead', 'TBody', 'TFoot', 'Caption'].includes(k))) {
            this.fail('7.2-3', `Table contains ${unexpected(kids, ['TR', 'THead', 'TBody', 'TFoot', 'Caption'])}; only TR, THead, TBody, TFoot and Caption are allowed.`, where);
          }
          if (count(kids, 'THead') > 1) this.fail('7.2-11', 'Table has more than one THead.', where);
          if (count(kids, 'TFoot') > 1) this.fail('7.2-12', 'Table has more than one TFoot.', where);
          if (count(kids, 'TFoot') > 0 && count(kids, 'TBody') === 0) this.fail('7.2-13', 'Table has a TFoot but no TBody.', where);
          if (count(kids, 'THead') > 0 && count(kids, 'TBody') === 0) this.fail('7.2-14', 'Table has a THead but no TBody.', where);
          if (kids.slice(1, -1).includes('Caption')) this.fail('7.2-16', 'Table has a Caption that is neither its first nor its last child.', where);
          if (count(kids, 'Caption') > 1) this.fail('7.2-39', `Table has ${count(kids, 'Caption')} Caption elements instead of one.`, where);
          this.checkTableGrid(tree, e);
          break;
        case 'TR':
          if (!['Table', 'THead', 'TBody', 'TFoot'].includes(parentType ?? '')) this.fail('7.2-4', `TR is inside ${parentType ?? 'the structure tree root'}, not Table, THead, TBody or TFoot.`, where);
          if (kids.some((k) => k !== 'TH' && k !== 'TD')) this.fail('7.2-10', `TR contains ${unexpected(kids, ['TH', 'TD'])}; only TH and TD are allowed.`, where);
          break;
        case 'THead':
        case 'TBody':
        case 'TFoot': {
          const n = { THead: ['7.2-5', '7.2-36'], TBody: ['7.2-6', '7.2-37'], TFoot: ['7.2-7', '7.2-38'] }[t];
          if (parentType !== 'Table') this.fail(n[0]!, `${t} is inside ${parentType ?? 'the structure tree root'}, not Table.`, where);
          if (kids.some((k) => k !== 'TR')) this.fail(n[1]!, `${t} contains ${unexpected(kids, ['TR'])}; only TR is allowed.`, where);
          break;
        }
        case 'TH':
        case 'TD':
          if (parentType !== 'TR') this.fail(t === 'TH' ? '7.2-8' : '7.2-9', `${t} is inside ${parentType ?? 'the structure tree root'}, not TR.`, where);
          break;
        case 'L':
          if (kids.some((k) => !['L', 'LI', 'Caption'].includes(k))) this.fail('7.2-19', `L contains ${unexpected(kids, ['L', 'LI', 'Caption'])}; only L, LI and Caption are allowed.`, where);
          if (kids.slice(1).includes('Caption')) this.fail('7.2-40', 'L has a Caption that is not its first child.', where);
          break;
        case 'LI':
          if (parentType !== 'L') this.fail('7.2-17', `LI is inside ${parentType ?? 'the structure tree root'}, not L.`, where);
          if (kids.some((k) => k !== 'Lbl' && k !== 'LBody')) this.fail('7.2-20', `LI contains ${unexpected(kids, ['Lbl', 'LBody'])}; only Lbl and LBody are allowed.`, where);
          break;
        case 'LBody':
          if (parentType !== 'LI') this.fail('7.2-18', `LBody is inside ${parentType ?? 'the structure tree root'}, not LI.`, where);
          break;
        case 'TOC':
          if (kids.some((k) => !['TOC', 'TOCI', 'Caption'].includes(k))) this.fail('7.2-27', `TOC contains ${unexpected(kids, ['TOC', 'TOCI', 'Caption'])}; only TOC, TOCI and Caption are allowed.`, where);
          if (kids.slice(1).includes('Caption')) this.fail('7.2-28', 'TOC has a Caption that is not its first child.', where);
          break;
        case 'TOCI':
          if (parentType !== 'TOC') this.fail('7.2-26', `TOCI is inside ${parentType ?? 'the structure tree root'}, not TOC.`, where);
          if (kids.some((k) => !['Lbl', 'Reference', 'NonStruct', 'P', 'TOC'].includes(k))) {
            this.fail('folio-toc-2', `TOCI contains ${unexpected(kids, ['Lbl', 'Reference', 'NonStruct', 'P', 'TOC'])}; ISO 32000-1 Table 333 allows Lbl, Reference, NonStruct, P and TOC (wrap a Link in Reference). veraPDF does not check this.`, where);
          }
          break;
        case 'H':
          if (usesHn) this.fail('7.4.4-2', 'The document uses both H and numbered headings (H1–H6).', where);
          break;
        case 'Note': {
          const id = e.id;
          if (!id) this.fail('7.9-1', 'Note has no /ID.', where);
          else noteIds.set(id, [...(noteIds.get(id) ?? []), e]);
          break;
        }
      }
      if (t && HN.test(t)) {
        const level = Number(t.slice(1));
        if (level > lastHeading + 1) {
          this.fail(
            '7.4.2-1',
            lastHeading === 0
              ? `The first heading is ${t}, not H1.`
              : `${t} follows H${lastHeading}: heading level ${lastHeading + 1} is skipped.`,
            where,
          );
        }
        lastHeading = level;
        if (usesH) this.fail('7.4.4-3', 'The document uses both H and numbered headings (H1–H6).', where);
      }
    }
    for (const [id, notes] of noteIds) {
      if (notes.length > 1) for (const n of notes) this.fail('7.9-2', `Note ID "${id}" is used by ${notes.length} Note elements.`, this.elemWhere(n));
    }
  }

  /** veraPDF's table regularity and header determination (GFSETable), for PDF/UA-1. */
  private checkTableGrid(tree: StructTree, table: StructElem): void {
    const ctx = this.ctx;
    const rows: StructElem[] = [];
    for (const k of table.kids) {
      if (k.standardType === 'TR') rows.push(k);
      else if (k.standardType === 'THead' || k.standardType === 'TBody' || k.standardType === 'TFoot') {
        for (const r of k.kids) if (r.standardType === 'TR') rows.push(r);
      }
    }
    const isCell = (e: StructElem) => e.standardType === 'TH' || e.standardType === 'TD';
    const span = (e: StructElem, key: 'RowSpan' | 'ColSpan') => {
      const v = getAttribute(ctx, tree.root, e.dict, 'Table', key);
      return v instanceof PDFNumber && v.asNumber() >= 1 ? Math.floor(v.asNumber()) : 1;
    };
    let nRows = 0;
    for (let r = 0; r < rows.length; r++) {
      const first = rows[r]!.kids[0];
      if (first && isCell(first)) {
        const rs = span(first, 'RowSpan');
        nRows += rs;
        if (rs > 1) r += rs - 1;
      }
    }
    if (nRows === 0 || rows.length === 0) return;
    let nCols = 0;
    for (const c of rows[0]!.kids) if (isCell(c)) nCols += span(c, 'ColSpan');
    const grid: (StructElem | undefined)[][] = Array.from({ length: nRows }, () => new Array(nCols));
    const origin = new Map<StructElem, [number, number]>();
    const where = this.elemWhere(table);

    for (let r = 0; r < rows.length; r++) {
      let c = 0;
      for (const cell of rows[r]!.kids) {
        if (!isCell(cell)) continue;
        const cs = span(cell, 'ColSpan');
        const rs = span(cell, 'RowSpan');
        if (r >= nRows) {
          this.fail('7.2-41', `Table columns span different numbers of rows (row ${r + 1} is beyond the ${nRows} rows the first column spans).`, where);
          return;
        }
        while (c < nCols && grid[r]![c] !== undefined) c++;
        if (c + cs > nCols) {
          this.fail('7.2-42', `Table rows 1 and ${r + 1} span different numbers of columns (row ${r + 1} has more than ${nCols}).`, where);
          return;
        }
        if (r + rs > nRows) {
          this.fail('7.2-41', `Table columns 1 and ${c + 1} span different numbers of rows.`, where);
          return;
        }
        for (let i = 0; i < rs; i++) {
          for (let j = 0; j < cs; j++) {
            const other = grid[r + i]![c + j];
            if (other !== undefined) {
              this.fail('7.2-15', `${cell.type} overlaps another cell (check RowSpan/ColSpan).`, this.elemWhere(cell));
              this.fail('7.2-15', `${other.type} overlaps another cell (check RowSpan/ColSpan).`, this.elemWhere(other));
              return;
            }
            grid[r + i]![c + j] = cell;
          }
        }
        origin.set(cell, [r, c]);
        c += cs;
      }
    }
    for (let r = 0; r < nRows; r++) {
      let empty = 0;
      for (let c = 0; c < nCols; c++) if (grid[r]![c] === undefined) empty++;
      if (empty) {
        this.fail('7.2-43', `Table rows 1 and ${r + 1} span different numbers of columns (${nCols} and ${nCols - empty}).`, where);
        return;
      }
    }

    // 7.5: if every TH has a Scope, the table passes; otherwise every TD needs Headers naming TH
    // IDs, or a TH with a matching Scope above it in its column or to its left in its row.
    const scopeOf = (e: StructElem) => nameOf(getAttribute(ctx, tree.root, e.dict, 'Table', 'Scope'));
    const ids = new Set<string>();
    let allScoped = true;
    for (const row of grid) {
      for (const cell of row) {
        if (cell?.standardType !== 'TH') continue;
        if (cell.id) ids.add(cell.id);
        if (scopeOf(cell) === undefined) allScoped = false;
      }
    }
    if (allScoped) return;
    const scoped = (e: StructElem | undefined, want: 'Row' | 'Column') => {
      if (e?.standardType !== 'TH') return false;
      const s = scopeOf(e);
      return s === 'Both' || s === want;
    };
    const found = (r0: number, c0: number, r1: number, c1: number) => {
      if (r0 > 0) {
        for (let c = c0; c < c1; c++) {
          let header = false;
          for (let r = r0 - 1; r >= 0; r--) {
            if (scoped(grid[r]![c], 'Column')) return true;
            if (grid[r]![c]?.standardType === 'TH') header = true;
            else if (header) break;
          }
        }
      }
      if (c0 > 0) {
        for (let r = r0; r < r1; r++) {
          let header = false;
          for (let c = c0 - 1; c >= 0; c--) {
            if (scoped(grid[r]![c], 'Row')) return true;
            if (grid[r]![c]?.standardType === 'TH') header = true;
            else if (header) break;
          }
        }
      }
      return false;
    };
    for (let r = 0; r < nRows; r++) {
      for (let c = 0; c < nCols; c++) {
        const cell = grid[r]![c]!;
        const o = origin.get(cell);
        if (cell.standardType !== 'TD' || !o || o[0] !== r || o[1] !== c) continue;
        const headers = items(ctx, getAttribute(ctx, tree.root, cell.dict, 'Table', 'Headers'))
          .filter((h): h is PDFString | PDFHexString => h instanceof PDFString || h instanceof PDFHexString)
          .map(rawString);
        const known = headers.length > 0 && headers.every((h) => ids.has(h));
        if (known || found(r, c, r + span(cell, 'RowSpan'), c + span(cell, 'ColSpan'))) continue;
        const unknown = headers.filter((h) => !ids.has(h));
        const unscoped = grid.flat().filter((x) => x?.standardType === 'TH' && scopeOf(x) === undefined);
        const thPaths = [...new Set(unscoped)].slice(0, 3).map((x) => x!.path).join(', ');
        if (unknown.length) {
          this.fail('7.5-2', `TD references header ID(s) ${unknown.map((h) => `"${h}"`).join(', ')} that no TH of the table has, and its headers cannot be determined from Scope either.`, this.elemWhere(cell));
        } else {
          this.fail('7.5-1', `TD has no Headers attribute and no TH with a Scope above it or to its left; TH without Scope: ${thPaths}. Give each TH a Scope (/A << /O /Table /Scope /Column >>).`, this.elemWhere(cell));
        }
        return; // veraPDF stops at the first such cell of a table
      }
    }
  }

  // -------------------------------------------------------------------------------------------
  // Page content

  private checkPageContent(page: PDFDict & { Resources(): PDFDict | undefined }, pageRef: PDFRef, n: number): void {
    this.counts = { untagged: 0, artifactInTagged: 0, taggedInArtifact: 0, textWithoutLang: 0, badLang: new Set() };
    const text = this.pageContentText(page);
    const structParents = getNumber(this.ctx, page, 'StructParents');
    this.walk(parseOperations(text), { page: n, structParents, resources: page.Resources() }, [], [], 0);
    const c = this.counts;
    const ref = { page: n, object: refKey(pageRef) };
    if (c.untagged) {
      this.fail('7.1-3', `${c.untagged} content item(s) on page ${n} are neither tagged (inside a marked-content sequence whose MCID the structure tree knows) nor marked as Artifact.`, ref);
    }
    if (c.artifactInTagged) this.fail('7.1-1', `${c.artifactInTagged} Artifact sequence(s) on page ${n} are inside tagged content.`, ref);
    if (c.taggedInArtifact) this.fail('7.1-2', `${c.taggedInArtifact} tagged sequence(s) (with an MCID) on page ${n} are inside an Artifact sequence.`, ref);
    if (c.textWithoutLang) {
      this.fail('7.2-34', `The language of ${c.textWithoutLang} text item(s) on page ${n} cannot be determined: the catalog has no /Lang, and neither their structure elements nor their marked content have one.`, ref);
    }
    for (const l of c.badLang) this.fail('7.2-29', `/Lang "${l}" in a marked-content property list on page ${n} is not a language tag.`, ref);
  }

  private pageContentText(page: PDFDict): string {
    let out = '';
    for (const s of items(this.ctx, page.get(PDFName.of('Contents')))) {
      if (s instanceof PDFRawStream) out += `${decodeLatin1(s)}\n`;
    }
    return out;
  }

  private walk(ops: Operation[], frame: Frame, outer: McEntry[], gsOuter: GState[], depth: number): void {
    const ctx = this.ctx;
    const stack: McEntry[] = [...outer];
    const base = outer.length;
    let gs: GState = gsOuter.length ? { ...gsOuter[gsOuter.length - 1]! } : { tr: 0 };
    const saved: GState[] = [];
    const resources = frame.resources;

    for (const o of ops) {
      switch (o.op) {
        case 'BMC':
        case 'BDC': {
          const entry = this.markedContent(o, frame, stack);
          stack.push(entry);
          break;
        }
        case 'EMC':
          if (stack.length > base) stack.pop();
          break;
        case 'q':
          saved.push({ ...gs });
          break;
        case 'Q':
          gs = saved.pop() ?? gs;
          break;
        case 'Tf': {
          const name = /^\/(\S+)/.exec(o.operands)?.[1];
          if (name) {
            const fontRaw = getDict(ctx, resources, 'Font')?.get(PDFName.of(decodeName(name)));
            const font = resolve(ctx, fontRaw);
            gs.font = font instanceof PDFDict ? font : undefined;
            gs.fontRef = fontRaw instanceof PDFRef ? fontRaw : undefined;
            gs.fontName = name;
          }
          break;
        }
        case 'Tr': {
          const v = Number(o.operands.trim());
          if (Number.isFinite(v)) gs.tr = v;
          break;
        }
        case 'Do': {
          const name = /^\/(\S+)/.exec(o.operands)?.[1];
          const xoRaw = name ? getDict(ctx, resources, 'XObject')?.get(PDFName.of(decodeName(name))) : undefined;
          const xo = resolve(ctx, xoRaw);
          if (!(xo instanceof PDFStream)) break;
          const sub = getName(ctx, xo.dict, 'Subtype');
          if (sub === 'Image') this.contentItem(stack, false, frame, gs);
          else if (sub === 'Form' && depth < 24) this.paintForm(xo, xoRaw instanceof PDFRef ? xoRaw : undefined, frame, stack, gs, depth);
          break;
        }
        default:
          if (TEXT_SHOW.has(o.op)) {
            this.contentItem(stack, true, frame, gs, o);
          } else if (PATH_PAINT.has(o.op) || (OTHER_PAINT.has(o.op) && o.op !== 'Do')) {
            this.contentItem(stack, false, frame, gs);
          }
      }
    }
  }

  private markedContent(o: Operation, frame: Frame, stack: McEntry[]): McEntry {
    const ctx = this.ctx;
    const m = /^\/([^\s/<[(]+)\s*([\s\S]*)$/.exec(o.operands);
    const tag = m ? decodeName(m[1]!) : '';
    const entry: McEntry = { tag, artifact: tag === 'Artifact' };
    if (o.op === 'BDC' && m) {
      const propsText = m[2]!.trim();
      let mcid: number | undefined;
      let lang: string | undefined;
      if (propsText.startsWith('<<')) {
        const mm = /\/MCID\s+(\d+)/.exec(propsText);
        if (mm) mcid = Number(mm[1]);
        lang = inlineLang(propsText);
      } else if (propsText.startsWith('/')) {
        const props = getDict(ctx, getDict(ctx, frame.resources, 'Properties'), decodeName(propsText.slice(1)));
        mcid = getNumber(ctx, props, 'MCID');
        lang = getText(ctx, props, 'Lang');
      }
      if (lang !== undefined) {
        entry.lang = lang;
        if (!LANG_TAG.test(lang)) this.counts.badLang.add(lang);
      }
      if (mcid !== undefined) {
        if (frame.form) {
          const use = this.formUses.get(frame.form);
          if (use) use.hasMcid = true;
        }
        if (this.tree && frame.structParents !== undefined) entry.elem = this.tree.elemForMcid(frame.structParents, mcid);
      }
    }
    if (entry.artifact && stack.some((e) => e.elem)) this.counts.artifactInTagged++;
    if (entry.elem && stack.some((e) => e.artifact)) this.counts.taggedInArtifact++;
    return entry;
  }

  private paintForm(xo: PDFStream, ref: PDFRef | undefined, frame: Frame, stack: McEntry[], gs: GState, depth: number): void {
    const ctx = this.ctx;
    let use = this.formUses.get(xo);
    if (!use) {
      use = { count: 0, hasMcid: false, ref, page: frame.page };
      this.formUses.set(xo, use);
    }
    use.count++;
    let ops = this.formOps.get(xo);
    if (!ops) {
      ops = xo instanceof PDFRawStream ? parseOperations(decodeLatin1(xo)) : [];
      this.formOps.set(xo, ops);
    }
    const own = getDict(ctx, xo.dict, 'Resources');
    const sp = getNumber(ctx, xo.dict, 'StructParents');
    this.walk(ops, { page: frame.page, structParents: sp ?? frame.structParents, resources: own ?? frame.resources, form: xo }, stack, [gs], depth + 1);
  }

  private contentItem(stack: McEntry[], isText: boolean, frame: Frame, gs: GState, o?: Operation): void {
    let elem: StructElem | undefined;
    let artifact = false;
    let lang: string | undefined;
    for (let i = stack.length - 1; i >= 0; i--) {
      const e = stack[i]!;
      if (!elem && e.elem) elem = e.elem;
      if (e.artifact) artifact = true;
      if (lang === undefined && e.lang !== undefined) lang = e.lang;
    }
    if (!elem && !artifact) this.counts.untagged++;
    if (!isText) return;

    if (gs.font) {
      const use = this.fonts.get(gs.font);
      if (use) use.rendered ||= gs.tr !== 3;
      else this.fonts.set(gs.font, { dict: gs.font, ref: gs.fontRef, resourceName: gs.fontName ?? '?', page: frame.page, rendered: gs.tr !== 3 });
    }
    if (!this.hasCatalogLang && lang === undefined && !(elem && this.tree?.inheritedLang(elem) !== undefined)) {
      this.counts.textWithoutLang++;
    }
    if (this.collectHeadingText && elem && o && gs.font) {
      let h: StructElem | null = elem;
      while (h && !isHeading(h)) h = h.parent;
      if (h) this.headingText.set(h, (this.headingText.get(h) ?? '') + this.decodeText(gs.font, o));
    }
  }

  private checkForms(): void {
    for (const [xo, use] of this.formUses) {
      const where = { page: use.page, ...(use.ref ? { object: refKey(use.ref) } : {}) };
      if (xo.dict.has(PDFName.of('Ref'))) this.fail('7.20-1', 'A form XObject is a reference XObject (/Ref): it imports content from another document.', where);
      if (use.hasMcid && use.count > 1) this.fail('7.20-2', `A form XObject with MCIDs is painted ${use.count} times; its content can belong to only one structure element.`, where);
    }
  }

  // -------------------------------------------------------------------------------------------
  // Annotations

  private checkAnnotations(page: PDFDict, pageRef: PDFRef, n: number): void {
    const ctx = this.ctx;
    const annots = items(ctx, page.get(PDFName.of('Annots')));
    if (annots.length === 0) return;
    const pageWhere = { page: n, object: refKey(pageRef) };
    if (getName(ctx, page, 'Tabs') !== 'S') {
      this.fail('7.18.3-1', `Page ${n} has annotations but its /Tabs is ${getName(ctx, page, 'Tabs') ? `/${getName(ctx, page, 'Tabs')}` : 'missing'}, not /S (structure order).`, pageWhere);
    }
    const crop = rectOf(ctx, get(ctx, page, 'CropBox') ?? inherited(ctx, page, 'CropBox')) ?? rectOf(ctx, inherited(ctx, page, 'MediaBox'));
    const raw = getArray(ctx, page, 'Annots')?.asArray() ?? [];
    annots.forEach((a, i) => {
      if (!(a instanceof PDFDict)) return;
      const aRef = raw[i] instanceof PDFRef ? (raw[i] as PDFRef) : undefined;
      const sub = getName(ctx, a, 'Subtype') ?? '?';
      const flags = getNumber(ctx, a, 'F') ?? 0;
      const rect = rectOf(ctx, get(ctx, a, 'Rect'));
      const outside = !!(crop && rect && (rect[2] < crop[0] || rect[0] > crop[2] || rect[3] < crop[1] || rect[1] > crop[3]));
      const exempt = outside || (flags & 2) === 2;
      const sp = getNumber(ctx, a, 'StructParent');
      const elem = sp !== undefined ? this.tree?.elemForStructParent(sp) : undefined;
      const parentType = elem ? (elem.standardType ?? elem.type) : undefined;
      const contents = getText(ctx, a, 'Contents');
      const where = { page: n, ...(aRef ? { object: refKey(aRef) } : {}), ...(elem ? { path: elem.path } : {}) };
      const alt = elem ? getText(ctx, elem.dict, 'Alt') : undefined;
      const label = `${sub} annotation on page ${n}`;

      if (!['Widget', 'PrinterMark', 'Link'].includes(sub) && !exempt && parentType !== 'Annot') {
        this.fail('7.18.1-1', `The ${label} is ${elem ? `nested in ${parentType}` : 'not in the structure tree'}, not in an Annot element.`, where);
      }
      if (sub !== 'Widget' && !exempt && !contents && !alt) {
        this.fail('7.18.1-2', `The ${label} has neither /Contents nor an Alt on its structure element.`, where);
      }
      if (sub === 'Widget' && !exempt) {
        const tu = fieldText(ctx, a, 'TU');
        if (!tu && !alt) this.fail('7.18.1-3', `The form field of the ${label} has no /TU and its structure element no Alt.`, where);
        if (parentType !== 'Form') this.fail('7.18.4-1', `The ${label} is ${elem ? `nested in ${parentType}` : 'not in the structure tree'}, not in a Form element.`, where);
      }
      if (sub === 'TrapNet' && !exempt) this.fail('7.18.2-1', `There is a TrapNet annotation on page ${n}.`, where);
      if (sub === 'PrinterMark' && !exempt && sp !== undefined) this.fail('7.18.8-1', `The ${label} is in the logical structure; it must be an artifact.`, where);
      if (sub === 'Link' && !exempt) {
        if (parentType !== 'Link') {
          this.fail('7.18.5-1', `The ${label} is ${elem ? `nested in ${parentType}` : sp === undefined ? 'not in the structure tree (no /StructParent)' : `not in the structure tree (/StructParent ${sp} is not in the parent tree)`}, not in a Link element.`, where);
        }
        if (!contents) this.fail('7.18.5-2', `The ${label} has no /Contents (alternate description).`, where);
      }
      if (contents !== undefined && !this.hasCatalogLang && !(elem && this.tree?.inheritedLang(elem) !== undefined)) {
        this.fail('7.2-24', `The language of the /Contents of the ${label} cannot be determined (no /Lang on the catalog or its structure element).`, where);
      }
    });
  }

  // -------------------------------------------------------------------------------------------
  // Fonts

  private checkFonts(): void {
    const ctx = this.ctx;
    for (const use of this.fonts.values()) {
      const f = use.dict;
      const sub = getName(ctx, f, 'Subtype');
      const base = getName(ctx, f, 'BaseFont') ?? use.resourceName;
      const where = { page: use.page, ...(use.ref ? { object: refKey(use.ref) } : {}) };
      const descendant = sub === 'Type0' ? (items(ctx, f.get(PDFName.of('DescendantFonts')))[0] as PDFDict | undefined) : undefined;

      if (use.rendered && sub !== 'Type3') {
        const program = sub === 'Type0' ? (descendant instanceof PDFDict ? descendant : undefined) : f;
        const fd = getDict(ctx, program, 'FontDescriptor');
        const embedded = !!fd && ['FontFile', 'FontFile2', 'FontFile3'].some((k) => get(ctx, fd, k) instanceof PDFStream);
        if (!embedded) {
          this.fail('7.21.4.1-1', `The font ${base} (/${use.resourceName}, first used on page ${use.page}) is not embedded.`, where);
        }
      }
      if (!this.hasUnicodeMapping(f, sub, descendant)) {
        this.fail('7.21.7-1', `The font ${base} (/${use.resourceName}) has no ToUnicode CMap and no encoding from which Unicode can be derived, so its text cannot be read out.`, where);
      }
    }
  }

  private hasUnicodeMapping(f: PDFDict, sub: string | undefined, descendant: PDFDict | undefined): boolean {
    const ctx = this.ctx;
    if (get(ctx, f, 'ToUnicode') instanceof PDFStream) return true;
    if (sub === 'Type0') {
      const info = getDict(ctx, descendant instanceof PDFDict ? descendant : undefined, 'CIDSystemInfo');
      const registry = getText(ctx, info, 'Registry');
      const ordering = getText(ctx, info, 'Ordering');
      return registry === 'Adobe' && ['GB1', 'CNS1', 'Japan1', 'Korea1'].includes(ordering ?? '');
    }
    const fd = getDict(ctx, f, 'FontDescriptor');
    const flags = getNumber(ctx, fd, 'Flags') ?? 0;
    if (sub === 'TrueType' && (flags & 4) === 0) return true; // non-symbolic TrueType
    const enc = get(ctx, f, 'Encoding');
    const standard = ['WinAnsiEncoding', 'MacRomanEncoding', 'MacExpertEncoding'];
    if (enc instanceof PDFName) return standard.includes(enc.decodeText()) || (sub !== 'Type3' && enc.decodeText() === 'StandardEncoding');
    if (enc instanceof PDFDict) {
      const diffs = getArray(ctx, enc, 'Differences')?.asArray() ?? [];
      const names = diffs.map((d) => nameOf(resolve(ctx, d))).filter((x): x is string => x !== undefined);
      return names.every(isAglName);
    }
    // No /Encoding: Type1 fonts use their built-in encoding (the standard 14's names are all in the
    // Adobe Glyph List; an embedded program's names are not read here); Type3 needs one.
    return sub === 'Type1' || sub === 'MMType1';
  }

  private decodeText(font: PDFDict, o: Operation): string {
    let info = this.fontInfo.get(font);
    if (!info) {
      info = readFontInfo(this.ctx, font);
      this.fontInfo.set(font, info);
    }
    let out = '';
    for (const s of stringOperands(o.operands)) {
      for (let i = 0; i < s.length; i += info.bytes) {
        let code = 0;
        for (let b = 0; b < info.bytes; b++) code = (code << 8) | (s.charCodeAt(i + b) & 0xff);
        out += info.toUnicode?.get(code) ?? (info.bytes === 1 ? String.fromCharCode(code) : '');
      }
    }
    return out;
  }

  // -------------------------------------------------------------------------------------------
  // Navigation: outline, page labels, table of contents

  private readOutline(): OutlineItem[] {
    const ctx = this.ctx;
    const out: OutlineItem[] = [];
    const root = getDict(ctx, this.catalog, 'Outlines');
    const seen = new Set<PDFDict>();
    const visit = (first: PDFObject | undefined, parent: OutlineItem | null, depth: number) => {
      let cur = resolve(ctx, first);
      while (cur instanceof PDFDict && !seen.has(cur) && out.length < 100_000) {
        seen.add(cur);
        const item: OutlineItem = { title: getText(ctx, cur, 'Title') ?? '', parent, depth, dict: cur };
        out.push(item);
        visit(cur.get(PDFName.of('First')), item, depth + 1);
        cur = resolve(ctx, cur.get(PDFName.of('Next')));
      }
    };
    if (root) visit(root.get(PDFName.of('First')), null, 0);
    return out;
  }

  private checkNavigation(outline: OutlineItem[]): void {
    const ctx = this.ctx;
    if (outline.length === 0) {
      this.fail('folio-outline-1', 'The document has no outline (bookmarks): readers cannot navigate it by section.');
    } else {
      const empty = outline.filter((i) => !i.title.trim());
      if (empty.length) this.fail('folio-outline-1', `${empty.length} outline item(s) have an empty title.`);
      if (!this.hasCatalogLang) this.fail('7.2-2', 'The language of the outline entries cannot be determined: the catalog has no /Lang.');
      this.checkOutlineNesting(outline);
    }

    const labels = readNumberTree(ctx, getDict(ctx, this.catalog, 'PageLabels'));
    if (!this.catalog.has(PDFName.of('PageLabels'))) {
      this.fail('folio-pagelabels-1', 'The catalog has no /PageLabels: viewers show physical page numbers, not the printed ones.');
    } else if (!labels.has(0)) {
      this.fail('folio-pagelabels-1', '/PageLabels does not start at page 1 (no entry for page index 0).');
    }

    const tree = this.tree;
    if (!tree) return;
    for (const toci of tree.elements.filter((e) => e.standardType === 'TOCI')) {
      const links = descendants(toci).filter((d) => d.standardType === 'Link');
      const where = this.elemWhere(toci);
      if (links.length === 0) {
        this.fail('folio-toc-1', 'TOCI holds no Link, so the table-of-contents entry cannot be followed.', where);
        continue;
      }
      const problems: string[] = [];
      let ok = false;
      for (const link of links) {
        const annots = link.content.filter((c) => c.kind === 'objr');
        if (annots.length === 0) problems.push(`${link.path} has no link annotation (OBJR)`);
        for (const c of annots) {
          const annot = resolve(ctx, c.obj);
          if (!(annot instanceof PDFDict)) {
            problems.push(`${link.path}'s OBJR points to a missing object`);
            continue;
          }
          const r = this.linkTarget(annot);
          if (r.page !== undefined) ok = true;
          else problems.push(`${link.path}'s annotation ${refKey(c.obj)} ${r.problem}`);
        }
      }
      if (!ok) this.fail('folio-toc-1', `The table-of-contents entry does not jump to a page: ${problems.join('; ')}.`, where);
    }
  }

  private checkOutlineNesting(outline: OutlineItem[]): void {
    const tree = this.tree;
    if (!tree || this.headingText.size === 0) return;
    const norm = (s: string) => s.normalize('NFC').replace(/\s+/g, '').toLowerCase();
    const pool = new Map<string, OutlineItem[]>();
    for (const item of outline) {
      const k = norm(item.title);
      if (k) pool.set(k, [...(pool.get(k) ?? []), item]);
    }
    const headings = tree.elements.filter(isHeading);
    const matched = new Map<StructElem, OutlineItem>();
    for (const h of headings) {
      const text = getText(this.ctx, h.dict, 'ActualText') ?? getText(this.ctx, h.dict, 'Alt') ?? this.headingText.get(h) ?? '';
      const list = pool.get(norm(text));
      if (list?.length) matched.set(h, list.shift()!);
    }
    if (matched.size === 0) return; // cannot match headings to outline items by title: nothing to compare
    const levelOf = (h: StructElem) => (h.standardType === 'H' ? depthOfH(h) : Number(h.standardType!.slice(1)));
    headings.forEach((h, i) => {
      const item = matched.get(h);
      if (!item) return;
      const level = levelOf(h);
      let owner: StructElem | undefined;
      for (let j = i - 1; j >= 0; j--) {
        if (levelOf(headings[j]!) < level) {
          owner = headings[j];
          break;
        }
      }
      const ownerItem = owner ? matched.get(owner) : undefined;
      if (owner && ownerItem && item.parent !== ownerItem) {
        this.fail(
          'folio-outline-2',
          `The outline item "${item.title}" (${h.standardType}) is ${item.parent ? `under "${item.parent.title}"` : 'at the top level'}, not under "${ownerItem.title}", the item of the ${owner.standardType} it belongs to.`,
          this.elemWhere(h),
        );
      } else if (!owner && item.parent && [...matched.values()].includes(item.parent)) {
        this.fail('folio-outline-2', `The outline item "${item.title}" (${h.standardType}) is nested under "${item.parent.title}", but no higher-level heading precedes it.`, this.elemWhere(h));
      }
    });
  }

  /** Where a link annotation jumps: a page number, or why it does not jump to a page. */
  private linkTarget(annot: PDFDict): { page?: number; problem: string } {
    const ctx = this.ctx;
    let dest = get(ctx, annot, 'Dest');
    if (dest === undefined) {
      const action = getDict(ctx, annot, 'A');
      const s = getName(ctx, action, 'S');
      if (!action) return { problem: 'has neither /Dest nor an action' };
      if (s !== 'GoTo') return { problem: `has a /${s ?? '?'} action, not a jump within the document` };
      dest = get(ctx, action, 'D');
    }
    let label = '';
    for (let i = 0; i < 4; i++) {
      if (dest instanceof PDFName) {
        label = `/${dest.decodeText()}`;
        dest = get(ctx, getDict(ctx, this.catalog, 'Dests'), dest.decodeText());
      } else if (dest instanceof PDFString || dest instanceof PDFHexString) {
        const key = rawString(dest);
        label = `(${key})`;
        dest = resolve(ctx, this.destNames().get(key));
      } else if (dest instanceof PDFDict) {
        dest = get(ctx, dest, 'D');
      } else break;
    }
    if (dest instanceof PDFArray) {
      const first = dest.get(0);
      if (first instanceof PDFRef) {
        const page = this.pageNumber.get(refKey(first));
        return page !== undefined ? { page, problem: '' } : { problem: `has a destination whose page ${refKey(first)} is not a page of the document` };
      }
      return { problem: 'has a destination without a page reference' };
    }
    return { problem: label ? `names destination ${label}, which is not defined in /Dests or /Names /Dests` : 'has no usable destination' };
  }

  private destNamesCache?: Map<string, PDFObject>;
  private destNames(): Map<string, PDFObject> {
    this.destNamesCache ??= readNameTree(this.ctx, getDict(this.ctx, getDict(this.ctx, this.catalog, 'Names'), 'Dests'));
    return this.destNamesCache;
  }
}

interface GState {
  font?: PDFDict;
  fontRef?: PDFRef;
  fontName?: string;
  tr: number;
}

interface OutlineItem {
  title: string;
  parent: OutlineItem | null;
  depth: number;
  dict: PDFDict;
}

// ---------------------------------------------------------------------------------------------
// Helpers

function isHeading(e: StructElem): boolean {
  return e.standardType === 'H' || (!!e.standardType && HN.test(e.standardType));
}

/**
 * An H's level in a strongly structured document: one more than the number of headings it sits
 * under — for each ancestor, whether a heading comes before the branch that holds it.
 */
function depthOfH(e: StructElem): number {
  let d = 1;
  for (let c = e, p = e.parent; p; c = p, p = p.parent) {
    if (p.kids.some((k) => k.order < c.order && isHeading(k))) d++;
  }
  return d;
}

function descendants(e: StructElem): StructElem[] {
  const out: StructElem[] = [];
  const stack = [...e.kids].reverse();
  while (stack.length) {
    const k = stack.pop()!;
    out.push(k);
    for (let i = k.kids.length - 1; i >= 0; i--) stack.push(k.kids[i]!);
  }
  return out;
}

function count(list: string[], what: string): number {
  return list.filter((x) => x === what).length;
}

function unexpected(kids: string[], allowed: string[]): string {
  return [...new Set(kids.filter((k) => !allowed.includes(k)))].join(', ');
}

/** A form field's text entry, inherited through the field's /Parent chain. */
function fieldText(ctx: PDFContext, widget: PDFDict, key: string): string | undefined {
  for (let n: PDFDict | undefined = widget, i = 0; n && i < 32; n = getDict(ctx, n, 'Parent'), i++) {
    const v = getText(ctx, n, key);
    if (v) return v;
  }
  return undefined;
}

/** /Lang from an inline property list's source text, e.g. `<< /Lang (en-US) /MCID 3 >>`. */
function inlineLang(props: string): string | undefined {
  const m = /\/Lang\s*(\((?:\\.|[^\\)])*\)|<[0-9A-Fa-f\s]*>)/.exec(props);
  if (!m) return undefined;
  const [s] = stringOperands(m[1]!);
  if (s === undefined) return undefined;
  if (s.startsWith('\xfe\xff')) {
    let out = '';
    for (let i = 2; i + 1 < s.length; i += 2) out += String.fromCharCode((s.charCodeAt(i) << 8) | s.charCodeAt(i + 1));
    return out;
  }
  return s;
}

interface FontInfo {
  bytes: number;
  toUnicode?: Map<number, string>;
}

function readFontInfo(ctx: PDFContext, font: PDFDict): FontInfo {
  const sub = getName(ctx, font, 'Subtype');
  const info: FontInfo = { bytes: sub === 'Type0' ? 2 : 1 };
  const tu = get(ctx, font, 'ToUnicode');
  if (tu instanceof PDFRawStream) info.toUnicode = parseToUnicode(decodeLatin1(tu));
  return info;
}

/** Glyph names of the Adobe standard Latin character set: all have Unicode values in the AGL. */
const AGL_LATIN = new Set(
  (
    'space exclam quotedbl numbersign dollar percent ampersand quotesingle quoteright parenleft parenright asterisk plus ' +
    'comma hyphen period slash zero one two three four five six seven eight nine colon semicolon less equal greater ' +
    'question at bracketleft backslash bracketright asciicircum underscore grave quoteleft braceleft bar braceright ' +
    'asciitilde bullet Euro quotesinglbase florin quotedblbase ellipsis dagger daggerdbl circumflex perthousand Scaron ' +
    'guilsinglleft OE Zcaron quotedblleft quotedblright endash emdash tilde trademark scaron guilsinglright oe zcaron ' +
    'Ydieresis exclamdown cent sterling currency yen brokenbar section dieresis copyright ordfeminine guillemotleft ' +
    'logicalnot registered macron degree plusminus twosuperior threesuperior acute mu paragraph periodcentered cedilla ' +
    'onesuperior ordmasculine guillemotright onequarter onehalf threequarters questiondown Agrave Aacute Acircumflex ' +
    'Atilde Adieresis Aring AE Ccedilla Egrave Eacute Ecircumflex Edieresis Igrave Iacute Icircumflex Idieresis Eth ' +
    'Ntilde Ograve Oacute Ocircumflex Otilde Odieresis multiply Oslash Ugrave Uacute Ucircumflex Udieresis Yacute Thorn ' +
    'germandbls agrave aacute acircumflex atilde adieresis aring ae ccedilla egrave eacute ecircumflex edieresis igrave ' +
    'iacute icircumflex idieresis eth ntilde ograve oacute ocircumflex otilde odieresis divide oslash ugrave uacute ' +
    'ucircumflex udieresis yacute thorn ydieresis fi fl ff ffi ffl dotlessi dotlessj fraction lslash Lslash breve ' +
    'dotaccent ring hungarumlaut ogonek caron minus nbspace sfthyphen'
  ).split(' '),
);

/** Whether a glyph name maps to Unicode by the Adobe Glyph List rules (approximated). */
function isAglName(name: string): boolean {
  const base = name.split('.')[0]!;
  if (!base) return false;
  return base.split('_').every(
    (part) =>
      /^[A-Za-z]$/.test(part) ||
      AGL_LATIN.has(part) ||
      /^uni(?:[0-9A-F]{4})+$/.test(part) ||
      /^u[0-9A-F]{4,6}$/.test(part),
  );
}

/** Failures in the shape every other folio problem has: a code, a message and a place. */
export function failuresAsDiagnostics(failures: CheckFailure[], file?: string): Diagnostic[] {
  return failures.map((f) =>
    diagnostic('check/failed', { rule: f.rule, clause: f.clause, message: f.message }, { file, page: f.page, object: f.object, structure: f.path }),
  );
}
