/** What folio diff reports: the shapes diff-pdf.ts fills and describe-diff.ts puts into words. */

export interface PageChange {
  /** 1-based, in NEW (or in OLD for removed pages). */
  page: number;
  /** The page it was compared with in OLD, when that is another number (pages were added or removed before it). */
  oldPage?: number;
  status: 'changed' | 'added' | 'removed';
  /** Word-level hunks: runs of removed and added words. */
  text: { removed: string[]; added: string[] }[];
  /** Hunks where a number or amount changed ("$4,356K" → "$4,400K", "2,159" → "2,160"), without the punctuation around them. */
  figures: { old: string; new: string }[];
  /** Blocks of text added or removed whole (a new notice, a dropped paragraph), or moved from one page to another. */
  blocks: TextBlock[];
  /** What changed, in a few words ("figure 2,650 → 2,677; added text “…”"). */
  what: string;
  /** Differing pixels at the compared resolution (0 when only text was compared). */
  pixels: number;
  /** The side-by-side diff PNG (old | diff | new), when pixels > 0. */
  image?: string;
  /** The page sizes in points, when they differ (the pages are then not compared pixel by pixel). */
  size?: { old: [number, number]; new: [number, number] };
}

export interface DiffReport {
  oldFile: string;
  newFile: string;
  pages: { old: number; new: number };
  /** Only pages that differ. */
  changed: PageChange[];
  /** Text moved between pages (a correction changed page breaks), or the page count changed. */
  pageBreaksMoved: boolean;
  /**
   * Contents (bookmark) entries that changed: moved to another page, renamed (`oldTitle` → `title`,
   * perhaps on another page too), added or removed; `old`/`new` are the pages' labels (their printed numbers).
   */
  contents: ContentsChange[];
  /** Page labels that changed, by physical page. */
  pageLabels: { page: number; old?: string; new?: string }[];
  /** One paragraph for people. */
  summary: string;
}

export interface ContentsChange {
  change: 'moved' | 'renamed' | 'added' | 'removed';
  title: string;
  /** A renamed entry's title before. */
  oldTitle?: string;
  old?: string;
  new?: string;
}

/** A block of text only one side has: added, removed, or the same words moved from one page to another. */
export interface TextBlock {
  kind: 'added' | 'removed' | 'moved';
  text: string;
  /** Moved text: the page it went to (from the page it left) or came from (on the page it reached). */
  to?: number;
  from?: number;
}
