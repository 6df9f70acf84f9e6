/**
 * Reads a PDF back the way real clients do, for the end-to-end tests:
 *
 * - Mozilla pdf.js, as Firefox's viewer uses it: `getStructTree()` for each page, and
 *   `getTextContent({ includeMarkedContent: true })` for the text each marked-content sequence
 *   holds. Firefox builds its accessibility tree from the structure tree, pointing at the text
 *   layer's spans by their marked-content ids; text painted as an Artifact is hidden (aria-hidden);
 *   text that no element points at stays in the text layer, outside the structure.
 * - poppler: `pdfinfo -struct-text` (each element's text as poppler joins it, with no positions)
 *   and `pdftotext` (the page's text, laid out from glyph positions).
 *
 * And the HTML folio printed, read as a screen reader meets it: text in document order, a
 * role="img" element as its label, aria-hidden parts left out.
 */
import { readFile } from 'node:fs/promises';
import { diffArrays } from 'diff';
import { run } from './helpers.ts';

// pdf.js 6 calls Promise.withResolvers (Node 22); folio supports Node 20.
const promises = Promise as unknown as { withResolvers?: () => unknown };
promises.withResolvers ??= () => {
  let resolve: unknown;
  let reject: unknown;
  const promise = new Promise((yes, no) => {
    resolve = yes;
    reject = no;
  });
  return { promise, resolve, reject };
};

/** A structure element as pdf.js serialises it for the viewer (`page.getStructTree()`). */
export interface PdfjsElement {
  role: string;
  children: PdfjsNode[];
  alt?: string;
  lang?: string;
  bbox?: number[];
  scope?: string;
  headers?: string[];
  structId?: string;
}
export type PdfjsNode = PdfjsElement | { type: 'content' | 'annotation' | 'object'; id: string };

export const isElement = (n: PdfjsNode): n is PdfjsElement => 'role' in n;

export interface MarkedText {
  /** The marked-content tag (the structure type Chromium wrote, or Artifact). */
  tag: string;
  /** Its text, items joined as the text layer shows them; a line end (hasEOL) is a newline. */
  text: string;
}

/** A link annotation as pdf.js reads it: its description (/Contents) and where it goes. */
export interface LinkReading {
  contents: string;
  url?: string;
  /** The 1-based page an internal link leads to. */
  target?: number;
}

export interface PageReading {
  page: number;
  tree?: PdfjsElement;
  links: LinkReading[];
  /** Marked-content id (`p12R_mc3`, as the tree's content nodes name them) → its text. */
  marked: Map<string, MarkedText>;
  /** Text painted as Artifact: hidden from Firefox's accessibility tree. */
  artifact: string;
  /** The same, item by item, with where each starts on the page. */
  artifactItems: { str: string; x: number; y: number }[];
  /** Text in neither tagged marked content nor an Artifact: read outside the structure, if at all. */
  stray: string;
}

type TextItem = { str?: string; hasEOL?: boolean; type?: string; tag?: string; id?: string; transform?: number[] };

/** Every page of `file` through pdf.js: its structure tree and its marked content's text. */
export async function readWithPdfjs(file: string): Promise<PageReading[]> {
  const { getDocument } = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const data = new Uint8Array(await readFile(file));
  const task = getDocument({ data, verbosity: 0 });
  const doc = await task.promise;
  try {
    const pages: PageReading[] = [];
    for (let n = 1; n <= doc.numPages; n++) {
      const page = await doc.getPage(n);
      const tree = ((await page.getStructTree()) ?? undefined) as PdfjsElement | undefined;
      const content = await page.getTextContent({ includeMarkedContent: true });
      const links: LinkReading[] = [];
      for (const a of (await page.getAnnotations()) as { subtype: string; contentsObj?: { str: string }; url?: string; dest?: unknown }[]) {
        if (a.subtype !== 'Link') continue;
        const dest = typeof a.dest === 'string' ? await doc.getDestination(a.dest) : (a.dest as unknown[] | undefined);
        const ref = dest?.[0] as { num: number; gen: number } | undefined;
        const target = ref ? (await doc.getPageIndex(ref)) + 1 : undefined;
        links.push({ contents: a.contentsObj?.str ?? '', ...(a.url ? { url: a.url } : {}), ...(target ? { target } : {}) });
      }
      pages.push({ page: n, tree, links, ...splitMarkedContent(content.items as TextItem[]) });
    }
    return pages;
  } finally {
    await task.destroy();
  }
}

/** Groups the text items by the marked-content sequence with an id they are in (nested ones too). */
function splitMarkedContent(items: TextItem[]): Pick<PageReading, 'marked' | 'artifact' | 'artifactItems' | 'stray'> {
  const marked = new Map<string, MarkedText>();
  const artifactItems: PageReading['artifactItems'] = [];
  const stack: { tag?: string; id?: string }[] = [];
  let artifact = '';
  let stray = '';
  for (const item of items) {
    if (item.type === 'beginMarkedContent' || item.type === 'beginMarkedContentProps') {
      stack.push({ tag: item.tag, id: item.id });
      if (item.id && !marked.has(item.id)) marked.set(item.id, { tag: item.tag ?? '', text: '' });
      continue;
    }
    if (item.type === 'endMarkedContent') {
      stack.pop();
      continue;
    }
    if (item.str === undefined) continue;
    const text = item.str + (item.hasEOL ? '\n' : '');
    const owner = stack.findLast((m) => m.id);
    if (stack.some((m) => m.tag === 'Artifact')) {
      artifact += text;
      artifactItems.push({ str: item.str, x: item.transform?.[4] ?? 0, y: item.transform?.[5] ?? 0 });
    }
    else if (owner) marked.get(owner.id!)!.text += text;
    else stray += text;
  }
  return { marked, artifact, artifactItems, stray };
}

/** Structure types a reader treats as blocks: their edges end a word. The others run inline. */
const INLINE = new Set(['Span', 'Link', 'NonStruct', 'Reference', 'Quote', 'Code', 'Em', 'Strong', 'Annot', 'Ruby', 'Warichu', 'Lbl']);

/** What Firefox exposes for each structure type (pdf.js's role table; headings by level). */
export function ariaRole(el: PdfjsElement, parents: PdfjsElement[] = []): string | null {
  const heading = /^H([1-6])$/.exec(el.role);
  if (heading) return 'heading';
  if (el.role === 'TH') {
    if (el.scope === 'Row') return 'rowheader';
    if (el.scope === 'Column') return 'columnheader';
    return parents.at(-1)?.role === 'TR' && parents.at(-2)?.role === 'TBody' ? 'rowheader' : 'columnheader';
  }
  if (el.role === 'Caption') return ['Table', 'Figure'].includes(parents.at(-1)?.role ?? '') ? 'caption' : null;
  return ARIA_ROLES[el.role] ?? null;
}

const ARIA_ROLES: Record<string, string> = {
  Part: 'group', Art: 'article', Sect: 'group', Div: 'group', BlockQuote: 'blockquote', Aside: 'note', NonStruct: 'none',
  P: 'paragraph', H: 'heading', FENote: 'note', Sub: 'group', Em: 'emphasis', Strong: 'strong', Note: 'note', Code: 'code',
  Link: 'link', Annot: 'note', Form: 'form', L: 'list', LI: 'listitem', Table: 'table', TR: 'row', TD: 'cell',
  THead: 'rowgroup', TBody: 'rowgroup', TFoot: 'rowgroup', Figure: 'figure',
};

/** A node of the tree a screen reader walks in Firefox. */
export interface ReaderNode {
  /** The PDF structure type (after the role map). */
  type: string;
  role: string | null;
  /** A heading's level. */
  level?: number;
  /** The accessible name: a figure's alt text. */
  name?: string;
  page: number;
  bbox?: number[];
  scope?: string;
  headers?: string[];
  structId?: string;
  children: ReaderNode[];
  /** Text this node holds directly (its marked content), in order with its children. */
  parts: (string | ReaderNode)[];
}

/**
 * The tree Firefox's viewer builds from pdf.js's structure tree (web/struct_tree_layer_builder.js):
 * each element a node with its ARIA role, content nodes replaced by their text. A Figure with alt
 * text and a bounding box whose first kid is content becomes an image named by its alt text, and
 * its other content is not walked.
 */
export function readerTree(page: PageReading): ReaderNode[] {
  const walk = (el: PdfjsElement, parents: PdfjsElement[]): ReaderNode => {
    const node: ReaderNode = {
      type: el.role,
      role: ariaRole(el, parents),
      page: page.page,
      children: [],
      parts: [],
      ...(el.alt !== undefined ? { name: el.alt } : {}),
      ...(el.bbox ? { bbox: el.bbox } : {}),
      ...(el.scope ? { scope: el.scope } : {}),
      ...(el.headers ? { headers: el.headers } : {}),
      ...(el.structId ? { structId: el.structId } : {}),
    };
    const heading = /^H([1-6])$/.exec(el.role);
    if (heading) node.level = Number(heading[1]);
    const first = el.children[0];
    if (el.role === 'Figure' && el.alt && el.bbox && first && !isElement(first) && first.type === 'content') {
      node.role = 'img';
      node.parts.push(page.marked.get(first.id)?.text ?? '');
      return node;
    }
    for (const kid of el.children) {
      if (isElement(kid)) {
        const child = walk(kid, [...parents, el]);
        node.children.push(child);
        node.parts.push(child);
      } else if (kid.type === 'content') {
        node.parts.push(page.marked.get(kid.id)?.text ?? '');
      }
    }
    return node;
  };
  return (page.tree?.children ?? []).filter(isElement).map((el) => walk(el, []));
}

/** Every node of the trees, depth first. */
export function allNodes(nodes: ReaderNode[]): ReaderNode[] {
  return nodes.flatMap((n) => [n, ...allNodes(n.children)]);
}

/**
 * The text a screen reader speaks for `node`: a figure read as an image says its alt text; block
 * elements are set apart by line breaks, inline ones run on. List labels (Lbl, the numbers and
 * bullets the browser generates) are left out with `labels: false`, as the HTML has no such text.
 */
export function spoken(node: ReaderNode, options: { labels?: boolean } = {}): string {
  if (node.type === 'Lbl' && options.labels === false) return '';
  const inner = node.parts.map((p) => (typeof p === 'string' ? p : spoken(p, options))).join('');
  const own = node.role === 'img' || (node.type === 'Figure' && node.name) ? `${node.name ?? ''}\n${inner}` : inner;
  return INLINE.has(node.type) ? own : `\n${own}\n`;
}

/** The whole document as Firefox reads it through the structure tree: every page, in order. */
export function spokenDocument(pages: PageReading[], options: { labels?: boolean } = {}): string {
  return pages.map((p) => readerTree(p).map((n) => spoken(n, options)).join('')).join('\n');
}

// ---------------------------------------------------------------------------------------------
// poppler

/** An element of `pdfinfo -struct-text`: its type, whether poppler calls it inline, its text. */
export interface PopplerElement {
  type: string;
  inline: boolean;
  children: PopplerElement[];
  /** Text pieces and child elements, in order. */
  parts: (string | PopplerElement)[];
}

/** The structure tree as poppler prints it (`pdfinfo -struct-text`). */
export async function readWithPoppler(file: string): Promise<PopplerElement[]> {
  const { stdout } = await run('pdfinfo', ['-struct-text', file], { maxBuffer: 64 << 20 });
  const root: PopplerElement = { type: '', inline: false, children: [], parts: [] };
  const stack: { depth: number; el: PopplerElement }[] = [{ depth: -1, el: root }];
  for (const line of stdout.split('\n')) {
    const depth = /^ */.exec(line)![0].length / 2;
    const body = line.trim();
    if (!body) continue;
    while (stack.length > 1 && stack.at(-1)!.depth >= depth) stack.pop();
    const parent = stack.at(-1)!.el;
    if (body.startsWith('"')) {
      parent.parts.push(JSON.parse(body.replace(/\\(?!["\\/bfnrtu])/g, '\\\\')) as string);
    } else if (!/^Object \d+ \d+$/.test(body)) {
      const m = /^(\S+)(?: \((block|inline)\))?/.exec(body)!;
      const el: PopplerElement = { type: m[1]!, inline: m[2] === 'inline' || INLINE.has(m[1]!), children: [], parts: [] };
      parent.children.push(el);
      parent.parts.push(el);
      stack.push({ depth, el });
    }
  }
  return root.children;
}

/**
 * The text poppler gives an element: its pieces joined as they come, blocks set apart. Poppler
 * prints no alt text: with `figures: false` a figure's content is left out too.
 */
export function popplerText(el: PopplerElement, options: { labels?: boolean; figures?: boolean } = {}): string {
  if ((el.type === 'Lbl' && options.labels === false) || (el.type === 'Figure' && options.figures === false)) return '';
  const inner = el.parts.map((p) => (typeof p === 'string' ? p : popplerText(p, options))).join('');
  return el.inline ? inner : `\n${inner}\n`;
}

export function allPoppler(els: PopplerElement[]): PopplerElement[] {
  return els.flatMap((e) => [e, ...allPoppler(e.children)]);
}

/** `pdftotext` of each page (physical layout off: poppler's reading order). */
export async function pdftotextPages(file: string): Promise<string[]> {
  const { stdout } = await run('pdftotext', ['-enc', 'UTF-8', file, '-'], { maxBuffer: 64 << 20 });
  return stdout.split('\f').slice(0, -1);
}

// ---------------------------------------------------------------------------------------------
// The HTML, as a screen reader reads it

/** Marks a place between two elements where the HTML has no white space: a word may or may not end. */
export const SOFT = '\u0001';

const BLOCKS = new Set([
  'address', 'article', 'aside', 'blockquote', 'body', 'caption', 'dd', 'div', 'dl', 'dt', 'figcaption', 'figure', 'footer',
  'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'header', 'hr', 'li', 'main', 'nav', 'ol', 'p', 'section', 'table', 'tbody', 'td',
  'tfoot', 'th', 'thead', 'tr', 'ul', 'br',
]);
const VOID = new Set(['area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'source', 'track', 'wbr']);
const SKIPPED = new Set(['head', 'script', 'style', 'template', 'svg', 'math']);

function decode(s: string): string {
  const named: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0', shy: '\u00ad' };
  return s.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (m, e: string) =>
    e[0] === '#' ? String.fromCodePoint(e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : Number(e.slice(1))) : (named[e.toLowerCase()] ?? m),
  );
}

/**
 * The HTML's text in document order, as a screen reader meets it: white space (and the edges of
 * block elements) as spaces, the edges of inline elements as SOFT, a role="img" element or an
 * image as its label (or nothing, with `images: false`), aria-hidden parts and non-rendered
 * elements left out.
 */
export function htmlReading(html: string, options: { images?: boolean } = {}): string {
  const body = html.slice(Math.max(0, html.search(/<body[\s>]/i)));
  let out = '';
  const stack: { name: string; hidden: boolean }[] = [];
  const hidden = () => stack.some((e) => e.hidden);
  for (const m of body.matchAll(/<!--[\s\S]*?-->|<\/?([a-zA-Z][\w-]*)((?:[^>"']|"[^"]*"|'[^']*')*)>|[^<]+/g)) {
    const token = m[0];
    if (token.startsWith('<!--')) continue;
    const name = m[1]?.toLowerCase();
    if (!name) {
      if (!hidden()) out += decode(token).replace(/\u00ad/g, '').replace(/[\s\u00a0]+/g, ' ');
      continue;
    }
    const attrs = m[2] ?? '';
    const edge = BLOCKS.has(name) ? ' ' : SOFT;
    if (token.startsWith('</')) {
      const at = stack.map((e) => e.name).lastIndexOf(name);
      if (at >= 0) stack.length = at;
      if (!hidden()) out += edge;
      continue;
    }
    const attr = (a: string) => new RegExp(`\\s${a}\\s*=\\s*"([^"]*)"`, 'i').exec(attrs)?.[1];
    const label = attr('aria-label');
    const asImage = (attr('role') === 'img' && label !== undefined) || (name === 'img' && attr('alt') !== undefined);
    if (!hidden()) {
      out += edge;
      if (asImage && options.images !== false) out += ` ${decode(label ?? attr('alt') ?? '')} `;
    }
    const selfClosing = VOID.has(name) || /\/\s*$/.test(attrs);
    if (!selfClosing) stack.push({ name, hidden: asImage || SKIPPED.has(name) || attr('aria-hidden') === 'true' || /\shidden(\s|=|$)/i.test(attrs) });
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Comparing what a reader gets with the HTML

export interface WordComparison {
  /** Where the characters differ (HTML text → reading), with some context either side. */
  differences: { html: string; pdf: string }[];
  /** Places where the HTML has a space and the reading runs two words together. */
  joined: string[];
  /** Places inside one HTML word where the reading breaks it ("V I S I O N"). */
  split: string[];
}

interface Stripped {
  chars: string[];
  /** Before which characters a word may end: 'hard' for white space, 'soft' for an inline edge. */
  breaks: Map<number, 'hard' | 'soft'>;
}

function strip(s: string): Stripped {
  const chars: string[] = [];
  const breaks = new Map<number, 'hard' | 'soft'>();
  for (const c of s) {
    if (/\s/.test(c) || c === SOFT) {
      if (breaks.get(chars.length) !== 'hard') breaks.set(chars.length, c === SOFT ? 'soft' : 'hard');
    } else chars.push(c);
  }
  return { chars, breaks };
}

/** Some text either side of `at`, a space where a word ends. */
function around(s: Stripped, from: number, to = from): string {
  const start = Math.max(0, from - 25);
  const end = Math.min(s.chars.length, to + 25);
  let out = '';
  for (let i = start; i < end; i++) out += (s.breaks.has(i) && i > start ? ' ' : '') + (i === from ? '[' : '') + s.chars[i] + (i === to - 1 ? ']' : '');
  return out;
}

/**
 * Compares a reading with the HTML's text: the same characters in the same order (case aside, as
 * CSS text-transform changes it), a word break wherever the HTML has white space, and none inside
 * an HTML word; the edges of inline HTML elements may go either way. Characters are aligned with a
 * diff, so one difference does not hide the rest.
 */
export function compareWords(html: string, reading: string): WordComparison {
  const a = strip(html);
  const b = strip(reading);
  const changes = diffArrays(a.chars.map((c) => c.toLowerCase()), b.chars.map((c) => c.toLowerCase()));
  const differences: WordComparison['differences'] = [];
  const joined: string[] = [];
  const split: string[] = [];
  let i = 0;
  let j = 0;
  for (let k = 0; k < changes.length; k++) {
    const c = changes[k]!;
    if (!c.added && !c.removed) {
      for (let n = 0; n < c.count!; n++, i++, j++) {
        if (n === 0) continue; // the first character of a run follows a difference: its break is not comparable
        const h = a.breaks.get(i);
        const p = b.breaks.has(j);
        if (h === 'hard' && !p) joined.push(around(a, i));
        // A line may end inside a word after a hyphen, dash or slash, or before a dash: that break is not a space.
        if (!h && p && !/[-‐‑–—/]/.test(b.chars[j - 1]!) && !/[–—]/.test(b.chars[j]!)) split.push(around(b, j));
      }
      continue;
    }
    const removed = c.removed ? c.count! : 0;
    const next = changes[k + 1];
    const added = c.added ? c.count! : next?.added && c.removed ? next.count! : 0;
    if (c.removed && next?.added) k++;
    differences.push({ html: around(a, i, i + removed), pdf: around(b, j, j + added) });
    i += removed;
    j += added;
  }
  return { differences, joined, split };
}
