import { PDFDict, PDFName, type PDFDocument } from 'pdf-lib';
import { getDict, inherited } from '../cos.ts';
import { pageContent, setPageContent } from '../objects.ts';
import { applyEdits, type Edit } from '../content-stream.ts';
import type { ContentFont } from '../content-font.ts';
import { apart, mcidOf, readPage, type PageContent, type ShownText } from '../page-content.ts';

/** A line may end inside a word after these ("developers-|in-residence", "2022–|2023")… */
const BREAK_AFTER = /[-‐‑–—/]$/;
/** …and before a dash ("this year|—we"). */
const BREAK_BEFORE = /^[–—]/;

/**
 * Chromium draws no space where a line wraps, nor between two pieces of text that layout sets
 * apart (a flex gap, a table's next cell); a client that reads an element's text without glyph
 * positions (poppler's structure text, a screen reader walking the tags) runs the words together
 * ("yearsof", "WHEREDavid"). Wherever tagged text stops and goes on elsewhere — a new line, a gap
 * of more than a quarter em, the next page — with no space on either side, a space glyph is drawn
 * after the last glyph: invisible, and the character a reader needs. After a hyphen, dash or slash
 * the HTML's text (`htmlText`) decides whether the break was a space (and before a dash). Returns
 * the spaces added.
 */
export function spaceWordBreaks(doc: PDFDocument, htmlText = ''): number {
  const html = htmlText.replace(/\s+/g, ' ').toLowerCase();
  const pages = doc.getPages().map((page) => ({ page, content: readPage(doc, page.node, pageContent(doc, page.node)) }));
  const runs = visualRuns(pages.flatMap(({ content }, n) => content.shown.filter(isTagged).map((shown) => ({ shown, n }))));
  const edits = pages.map(() => [] as Edit[]);
  for (let i = 0; i + 1 < runs.length; i++) {
    const last = runs[i]!.at(-1)!;
    if (!needsSpace(runs[i]!.map((r) => r.shown), runs[i + 1]!.map((r) => r.shown), html)) continue;
    const edit = spaceAfter(doc, pages[last.n]!.page.node, pages[last.n]!.content, last.shown);
    if (edit) edits[last.n]!.push(edit);
  }
  pages.forEach(({ page, content }, n) => {
    if (edits[n]!.length > 0) setPageContent(doc, page.node, applyEdits(content.source, edits[n]!), { compress: false });
  });
  return edits.reduce((sum, e) => sum + e.length, 0);
}

/** Text in marked content with an MCID and not in an Artifact: what the structure tree reads. */
const isTagged = (shown: ShownText) => mcidOf(shown) !== undefined && shown.codes.length > 0;

/** The tagged text in drawing order, cut at each new page and wherever the next piece is apart. */
function visualRuns(stream: { shown: ShownText; n: number }[]): { shown: ShownText; n: number }[][] {
  const runs: { shown: ShownText; n: number }[][] = [];
  for (const item of stream) {
    const prev = runs.at(-1)?.at(-1);
    if (!prev || prev.n !== item.n || apart(prev.shown, item.shown)) runs.push([item]);
    else runs.at(-1)!.push(item);
  }
  return runs;
}

function needsSpace(line: ShownText[], next: ShownText[], html: string): boolean {
  const tail = line.map((s) => s.text).join('');
  const head = next.map((s) => s.text).join('');
  if (/\s$/.test(tail) || /^\s/.test(head)) return false;
  if (!BREAK_AFTER.test(tail) && !BREAK_BEFORE.test(head)) return true;
  // At a hyphen or dash: as the HTML has it, and without a space when it cannot tell.
  const before = tail.slice(-12).toLowerCase();
  const after = head.split(/\s/)[0]!.slice(0, 12).toLowerCase();
  return html.includes(`${before} ${after}`) && !html.includes(`${before}${after}`);
}

/** An edit that draws a space glyph right after `shown`, in its font or another of the page's. */
function spaceAfter(doc: PDFDocument, page: PDFDict, content: PageContent, shown: ShownText): Edit | undefined {
  const code = spaceCode(shown.font);
  const hex = (c: number, bytes: number) => `<${c.toString(16).padStart(bytes * 2, '0')}>`;
  const at = { start: shown.op.end, end: shown.op.end };
  if (code !== undefined) return { ...at, text: ` ${hex(code, shown.font.bytes)} Tj` };
  // The subset has no space: borrow one from a font that has, then select the text's font again.
  const fonts = getDict(doc.context, inherited(doc.context, page, 'Resources') as PDFDict, 'Font');
  for (const other of content.shown) {
    const c = spaceCode(other.font);
    if (c === undefined || !fonts?.has(PDFName.of(other.fontName))) continue;
    return { ...at, text: ` /${other.fontName} ${shown.size} Tf ${hex(c, other.font.bytes)} Tj /${shown.fontName} ${shown.size} Tf` };
  }
  return undefined;
}

function spaceCode(font: ContentFont): number | undefined {
  for (const [code, text] of font.unicode) if (text === ' ') return code;
  return undefined;
}
