/**
 * Shapes one layer hands another, kept below both: what the HTML says about the document (read in
 * render/read-html.ts, used by pdf/post) and the edition dates (worked out in data/edition-dates.ts,
 * written by pdf/post/metadata.ts).
 */

export interface Heading {
  level: number;
  id?: string;
  text: string;
}

/** A table's rows, grouped as the HTML groups them (thead, tbody, tfoot), with each cell's kind. */
export interface TableShape {
  groups: { kind: 'thead' | 'tbody' | 'tfoot'; rows: { header: boolean; scope?: string }[][] }[];
}

/**
 * A document's dates across its editions: created is the first publication (xmp:CreateDate,
 * /CreationDate), modified this edition (xmp:ModifyDate, xmp:MetadataDate, /ModDate), and the
 * history one entry per revision after the first (xmpMM:History, oldest first).
 */
export interface EditionDates {
  created: Date;
  modified: Date;
  history: { when: Date; revision: number; note: string }[];
}
