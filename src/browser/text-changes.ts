/**
 * What changed between two renderings of a report whose markup is the same, text by text — the
 * contents' page numbers, once a print has shown where each heading landed. The page already
 * loaded for printing is then changed in place (the changed text nodes only) instead of loaded
 * again: no new page, no assets served again, no fonts or images decoded again.
 */
import { decodeEntities } from '../util/html-entities.ts';

export interface TextChange {
  /** The text node's text now, as the DOM holds it (entities decoded). */
  from: string;
  to: string;
  /** Which of the document's text nodes whose text is `from` (0 = the first, in document order). */
  nth: number;
}

/** Elements whose content the HTML parser keeps as it is written (no entities, no tags). */
const RAW = /^<(script|style)\b/i;
const TOKEN = /<!--[\s\S]*?-->|<[^>]*>/g;

/** The markup (tags and comments) and the texts between them, in order. */
function tokens(html: string): { marks: string[]; texts: string[] } {
  const marks: string[] = [];
  const texts: string[] = [];
  let at = 0;
  let raw = false;
  for (const m of html.matchAll(TOKEN)) {
    const text = html.slice(at, m.index);
    texts.push(raw ? text : decodeEntities(text));
    marks.push(m[0]);
    raw = RAW.test(m[0]);
    at = m.index + m[0].length;
  }
  texts.push(decodeEntities(html.slice(at)));
  return { marks, texts };
}

/**
 * The text changes that turn `before` into `after`, or undefined when the markup differs (a tag,
 * an attribute, a comment) or a text node's text is not plain enough to find again in the DOM
 * (empty, or with a carriage return, which the parser drops): the page must then be loaded again.
 */
export function textChanges(before: string, after: string): TextChange[] | undefined {
  if (before === after) return [];
  const a = tokens(before);
  const b = tokens(after);
  if (a.marks.length !== b.marks.length || a.marks.some((m, i) => m !== b.marks[i])) return undefined;
  const seen = new Map<string, number>();
  const changes: TextChange[] = [];
  for (const [i, from] of a.texts.entries()) {
    const nth = seen.get(from) ?? 0;
    seen.set(from, nth + 1);
    const to = b.texts[i]!;
    if (from === to) continue;
    if (from.trim() === '' || to === '' || /\r/.test(from + to)) return undefined;
    changes.push({ from, to, nth });
  }
  return changes;
}

/**
 * Applies the changes in the page (a string: it runs through DevTools' evaluation, with the page's
 * own JavaScript off). Every change is checked before any is made: the text node must exist, and
 * the document must hold as many text nodes of that text as the HTML does — a parser that moved
 * or dropped text (a <template>, a stray tag) means the page is loaded again instead. Returns
 * whether the changes were made.
 */
export function applyChangesScript(changes: TextChange[], counts: Map<string, number>): string {
  const payload = JSON.stringify({ changes, counts: [...counts] });
  return `(() => {
  const { changes, counts } = ${payload};
  const byText = new Map();
  const walker = document.createTreeWalker(document, NodeFilter.SHOW_TEXT);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    const list = byText.get(n.data);
    if (list) list.push(n); else byText.set(n.data, [n]);
  }
  for (const [text, count] of counts) if ((byText.get(text) ?? []).length !== count) return false;
  const nodes = changes.map((c) => byText.get(c.from)?.[c.nth]);
  if (nodes.some((n) => !n)) return false;
  changes.forEach((c, i) => { nodes[i].data = c.to; });
  return true;
})()`;
}

/** How many text nodes of each changed text `html` has: what the page must hold before it is changed. */
export function textCounts(html: string, changes: TextChange[]): Map<string, number> {
  const wanted = new Set(changes.map((c) => c.from));
  const counts = new Map<string, number>([...wanted].map((t) => [t, 0]));
  for (const t of tokens(html).texts) if (wanted.has(t)) counts.set(t, counts.get(t)! + 1);
  return counts;
}
