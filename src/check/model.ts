/**
 * What the rules look at, computed once per document (veraPDF's "model"): the catalog and
 * metadata, the structure tree with each element's neighbours, tables laid out as grids, page
 * content facts from one walk of the content streams, annotations, fonts, forms and navigation.
 * Every object carries where it is, so a rule's test only decides whether it fails and why.
 */
import { PDFDict, type PDFContext, type PDFDocument, type PDFRef } from 'pdf-lib';
import type { StructTree } from '../pdf/struct-tree.ts';
import { readStructTree } from '../pdf/struct-tree.ts';
import { getText, resolve } from '../pdf/cos.ts';
import type { Where } from './rule.ts';
import { readDocument, type DocumentFacts, type XmpFacts } from './model/document.ts';
import { readElements, type ElemFacts } from './model/structure.ts';
import { readTables, type CellFacts, type TableFacts } from './model/tables.ts';
import { readContent, type FormFacts, type PageContentFacts } from './model/content.ts';
import { readAnnotations, type AnnotFacts, type PageFacts } from './model/annotations.ts';
import { readFonts, type FontFacts } from './model/fonts.ts';
import { findObjects, type FileSpecFacts, type FormFieldFacts, type MediaClipFacts, type OCConfigFacts } from './model/objects.ts';
import { readNavigation, type OutlineFacts, type OutlineHeadingFacts, type TociFacts } from './model/navigation.ts';

/** A /Lang value (catalog, structure element or marked-content property list). */
export interface LangFacts {
  value: string;
  owner: 'catalog' | 'element' | 'marked-content';
  /** The element's type, for an element's /Lang. */
  ownerType?: string;
  page?: number;
  where: Where;
}

/** Every object type rules can be about, and its properties. */
export interface ModelObjects {
  Document: DocumentFacts;
  XMP: XmpFacts;
  Lang: LangFacts;
  StructElem: ElemFacts;
  Table: TableFacts;
  TableCell: CellFacts;
  PageContent: PageContentFacts;
  Page: PageFacts;
  Annot: AnnotFacts;
  XForm: FormFacts;
  Font: FontFacts;
  Outline: OutlineFacts;
  OutlineHeading: OutlineHeadingFacts;
  TOCI: TociFacts;
  FileSpec: FileSpecFacts;
  MediaClip: MediaClipFacts;
  OCConfig: OCConfigFacts;
  FormField: FormFieldFacts;
}

export type ObjectLists = { [K in keyof ModelObjects]: ModelObjects[K][] };

export interface CheckModel {
  doc: PDFDocument;
  ctx: PDFContext;
  catalog: PDFDict;
  pageCount: number;
  tree: StructTree | null;
  catalogLang?: string;
  /** The catalog has a non-empty /Lang. */
  hasCatalogLang: boolean;
  /** The document uses H, and numbered headings H1–H6. */
  usesH: boolean;
  usesHn: boolean;
  objects: ObjectLists;
  /** Structure elements by standard type. */
  byType: Map<string, ElemFacts[]>;
}

export function buildModel(doc: PDFDocument, bytes?: Uint8Array): CheckModel {
  const ctx = doc.context;
  const catalog = resolve(ctx, ctx.trailerInfo.Root) instanceof PDFDict ? doc.catalog : ctx.obj({});
  const tree = readStructTree(ctx, catalog);
  const catalogLang = getText(ctx, catalog, 'Lang');
  const pages = pagesOf(doc);
  const elements = tree ? readElements(ctx, tree) : [];
  const { document, xmp } = readDocument(doc, bytes);
  const found = findObjects(ctx, catalog, tree);
  document.dynamicRender = found.dynamicRender;
  const navigation = readNavigation(ctx, catalog, tree, pages);
  const content = readContent(ctx, tree, pages, navigation.needsHeadingText);
  const annotations = readAnnotations(ctx, tree, pages);
  const m: CheckModel = {
    doc,
    ctx,
    catalog,
    pageCount: pages.length,
    tree,
    catalogLang,
    hasCatalogLang: catalogLang !== undefined && catalogLang.trim() !== '',
    usesH: elements.some((e) => e.e.standardType === 'H'),
    usesHn: elements.some((e) => /^H[1-6]$/.test(e.e.standardType ?? '')),
    objects: {
      Document: [document],
      XMP: xmp ? [xmp] : [],
      Lang: [...catalogLangs(catalogLang), ...elementLangs(elements), ...content.langs],
      StructElem: elements,
      ...readTables(ctx, tree, elements),
      PageContent: content.pages,
      Page: annotations.pages,
      Annot: annotations.annots,
      XForm: content.forms,
      Font: readFonts(ctx, content.fonts),
      Outline: [navigation.outline],
      OutlineHeading: navigation.headings(content.headingText),
      TOCI: navigation.tocis,
      FileSpec: found.FileSpec,
      MediaClip: found.MediaClip,
      OCConfig: found.OCConfig,
      FormField: found.FormField,
    },
    byType: new Map(),
  };
  for (const e of elements) {
    const t = e.e.standardType;
    if (t) m.byType.set(t, [...(m.byType.get(t) ?? []), e]);
  }
  return m;
}

/** The pages, or none when the page tree cannot be read (an encrypted or damaged file). */
function pagesOf(doc: PDFDocument): { node: PDFDict; ref: PDFRef; n: number }[] {
  try {
    return doc.getPages().map((p, i) => ({ node: p.node, ref: p.ref, n: i + 1 }));
  } catch {
    return [];
  }
}

function catalogLangs(lang: string | undefined): LangFacts[] {
  return lang === undefined ? [] : [{ value: lang, owner: 'catalog', where: {} }];
}

function elementLangs(elements: ElemFacts[]): LangFacts[] {
  return elements.filter((e) => e.e.lang !== undefined).map((e) => ({ value: e.e.lang!, owner: 'element', ownerType: e.e.type, where: e.where }));
}
