import { PDFDocument } from 'pdf-lib';
import { compressPageContents } from '../objects.ts';
import { diagnostic, FolioError } from '../../util/diagnostics.ts';
import { markUntaggedAsArtifacts } from './artifacts.ts';
import { setDocumentId, setMetadata, type DocumentInfo } from './metadata.ts';
import { setOutlineTitles } from './navigation.ts';
import { setPageLabels } from './page-labels.ts';
import { fixStructure, renumberIds } from './tagging.ts';
import { describeLinks } from './links.ts';
import { mapActualTextToUnicode } from './unicode.ts';
import { dropEmptyMarkedContent } from './empty-content.ts';
import { spaceWordBreaks } from './word-breaks.ts';
import { tagFiguresAsImages } from './figures.ts';
import { groupTableRows } from './tables.ts';
import type { Heading, TableShape } from '../../util/shapes.ts';

export type { DocumentInfo } from './metadata.ts';

export interface PostProcessInput {
  /** The metadata; without it, no metadata and no ID are written (the print stage writes them). */
  info?: DocumentInfo;
  /** Every heading of the HTML, in order: the bookmarks' titles. */
  headings: Heading[];
  /** href → link text, to describe each link annotation. */
  links: Map<string, string>;
  /** The HTML's visible text: where a line wraps after a hyphen or dash, it says whether a space was there. */
  text?: string;
  /** The HTML's tables, in order: their row groups and row-group headers. */
  tables?: TableShape[];
}

/**
 * Bytes (or the document the build parsed once, changed in place) in, bytes out: turns Chromium's tagged PDF into a PDF/UA-1 one — artifacts for untagged
 * painting, a standard structure tree, described links, exact bookmark titles, page labels,
 * XMP metadata, and an ID made from the content.
 */
export async function postProcess(pdf: Uint8Array | PDFDocument, input: PostProcessInput): Promise<Uint8Array> {
  try {
    const doc = pdf instanceof PDFDocument ? pdf : await PDFDocument.load(pdf, { updateMetadata: false });
    markUntaggedAsArtifacts(doc);
    mapActualTextToUnicode(doc);
    dropEmptyMarkedContent(doc);
    tagFiguresAsImages(doc);
    fixStructure(doc);
    groupTableRows(doc, input.tables ?? []);
    renumberIds(doc);
    describeLinks(doc, input.links);
    spaceWordBreaks(doc, input.text);
    setOutlineTitles(doc, input.headings.map((h) => h.text));
    setPageLabels(doc);
    compressPageContents(doc);
    if (input.info) {
      setMetadata(doc, input.info);
      // The ID is a hash of the finished document, so the document is saved once to learn it.
      setDocumentId(doc, await doc.save());
    }
    // pdf-lib writes object streams unless told not to: the smaller file.
    return await doc.save();
  } catch (e) {
    throw new FolioError(diagnostic('postprocess/failed', { reason: (e as Error).message }), { cause: e });
  }
}
