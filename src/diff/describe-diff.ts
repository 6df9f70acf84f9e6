/**
 * Telling people what `folio diff` found: a few words per page, a summary of a few lines (pages,
 * page breaks, contents, page labels), and the same as Markdown. Words are quoted as printed.
 */
import path from 'node:path';
import type { ContentsChange, DiffReport, PageChange, TextBlock } from './diff-report.ts';

type Hunk = { removed: string[]; added: string[] };

function unique<T>(xs: T[], key: (x: T) => string): T[] {
  const seen = new Set<string>();
  return xs.filter((x) => !seen.has(key(x)) && seen.add(key(x)));
}

const figureText = (f: { old: string; new: string }) => `${f.old || '(none)'} → ${f.new || '(none)'}`;

/** The first words of a block, in quotes. */
function quote(text: string, max = 10): string {
  const words = text.split(' ');
  return `“${words.length > max ? `${words.slice(0, max).join(' ')} …` : text}”`;
}

function blockText(b: TextBlock): string {
  if (b.kind === 'moved') return b.to !== undefined ? `text moved to p. ${b.to} ${quote(b.text)}` : `text moved from p. ${b.from} ${quote(b.text)}`;
  return `${b.kind} text ${quote(b.text)}`;
}

/** A hunk that only changes numbers like a running footer's ("6 of 26" → "6 of 27") or the contents'. */
const isPageNumbersOnly = (h: Hunk) => [...h.removed, ...h.added].every((w) => /^(\d+|of)$/.test(w));

/**
 * What changed on a page, in a few words: its figures, its blocks of added, removed or moved text,
 * then how many other text changes (page numbers alone are named so, and left out next to the rest).
 * `others` are the page's hunks that are neither figures nor blocks.
 */
export function whatChanged(c: PageChange, others: Hunk[]): string {
  if (c.status !== 'changed') return c.status;
  if (c.size) return `page size ${c.size.old.join(' × ')} → ${c.size.new.join(' × ')} pt`;
  const parts: string[] = [];
  const figures = unique(c.figures, figureText).map(figureText);
  if (figures.length) parts.push(`${figures.length === 1 ? 'figure' : 'figures'} ${figures.join(', ')}`);
  parts.push(...c.blocks.map(blockText));
  const words = others.filter((h) => !isPageNumbersOnly(h));
  if (words.length) parts.push(`${words.length} ${parts.length ? 'other ' : ''}text ${words.length === 1 ? 'change' : 'changes'}`);
  else if (others.length && !parts.length) parts.push('page numbers');
  return parts.length ? parts.join('; ') : `graphics only, ${c.pixels} px`;
}

/** "p. 6 (figure $374K → $400K)", with runs of pages that changed alike as one "pp. 8–26 (…)". */
function describePages(changes: PageChange[]): string[] {
  const runs: { first: PageChange; last: PageChange }[] = [];
  for (const c of changes) {
    const run = runs[runs.length - 1];
    if (run && run.last.what === c.what && run.last.status === c.status && run.last.page + 1 === c.page) run.last = c;
    else runs.push({ first: c, last: c });
  }
  return runs.map(({ first, last }) => {
    const old = first.status === 'removed' ? 'old ' : '';
    return first === last ? `${old}p. ${first.page} (${first.what})` : `${old}pp. ${first.page}–${last.page} (${first.what})`;
  });
}

/** At most `max` items, then how many more. */
function list(items: string[], separator: string, max = 12): string {
  return items.length > max ? `${items.slice(0, max).join(separator)}${separator}and ${items.length - max} more` : items.join(separator);
}

const CONTENTS_ORDER: ContentsChange['change'][] = ['renamed', 'moved', 'added', 'removed'];

/** "renamed: Our Mission → Our Purpose", "moved: Grants p. 4 → p. 5", "added: Outlook p. 6", "removed: Thanks (was p. 9)". */
function contentsText(c: ContentsChange): string {
  const pages = c.old !== undefined && c.new !== undefined && c.old !== c.new ? ` p. ${c.old} → p. ${c.new}` : '';
  if (c.change === 'renamed') return `${c.oldTitle} → ${c.title}${pages ? ` (${pages.trim()})` : ''}`;
  if (c.change === 'moved') return `${c.title}${pages}`;
  if (c.change === 'added') return `${c.title}${c.new !== undefined ? ` p. ${c.new}` : ''}`;
  return `${c.title}${c.old !== undefined ? ` (was p. ${c.old})` : ''}`;
}

/** The summary, one line for each kind of change. */
export function summarise(r: DiffReport, dpi: number): string {
  const total = r.pages.old === r.pages.new ? `${r.pages.new}` : `${r.pages.new} (was ${r.pages.old})`;
  if (!r.changed.length && !r.contents.length && !r.pageLabels.length) {
    return `No differences: the ${r.pages.new} pages have the same words and the same pixels at ${dpi} dpi.`;
  }
  const lines = [`${r.changed.length} of ${total} pages changed${r.changed.length ? `: ${list(describePages(r.changed), ', ')}` : ''}.`];
  if (r.pageBreaksMoved) lines.push('Page breaks moved: text now falls on other pages.');
  if (r.contents.length) {
    const groups = CONTENTS_ORDER.flatMap((kind) => {
      const items = r.contents.filter((c) => c.change === kind).map(contentsText);
      return items.length ? [`${kind}: ${list(items, ', ')}`] : [];
    });
    lines.push(`Contents: ${groups.join('; ')}.`);
  }
  if (r.pageLabels.length) {
    const labels = r.pageLabels.map((l) => `p. ${l.page} ${l.old ?? '(none)'} → ${l.new ?? '(none)'}`);
    lines.push(`Page labels changed: ${list(labels, ', ')}.`);
  }
  return lines.join('\n');
}

const cell = (s: string) => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');
const words = (ws: string[], max = 12) => (ws.length > max ? `${ws.slice(0, max).join(' ')} …` : ws.join(' '));

/** summary.md: the summary, a table of the changed pages, and the contents and page labels that changed. */
export function markdown(r: DiffReport): string {
  const lines = [`# ${path.basename(r.oldFile)} → ${path.basename(r.newFile)}`, '', ...r.summary.split('\n').flatMap((l) => [l, '']) ];
  if (r.changed.length) {
    lines.push('| page | status | what changed | text | pixels | image |', '| ---: | --- | --- | --- | ---: | --- |');
    for (const c of r.changed) {
      const text = c.text
        .slice(0, 6)
        .map((h) => `${h.removed.length ? `~~${words(h.removed)}~~` : ''}${h.removed.length && h.added.length ? ' ' : ''}${h.added.length ? `**${words(h.added)}**` : ''}`)
        .join('; ');
      const more = c.text.length > 6 ? ` (+${c.text.length - 6} more)` : '';
      const page = c.oldPage ? `${c.page} (old ${c.oldPage})` : String(c.page);
      const image = c.image ? `[${path.basename(c.image)}](${path.basename(c.image)})` : '';
      lines.push(`| ${page} | ${c.status} | ${cell(c.what)} | ${cell(text + more)} | ${c.pixels} | ${image} |`);
    }
    lines.push('');
  }
  if (r.contents.length) {
    lines.push('## Contents', '', '| change | entry | old page | new page |', '| --- | --- | ---: | ---: |');
    for (const c of r.contents) lines.push(`| ${c.change} | ${cell(c.oldTitle ? `${c.oldTitle} → ${c.title}` : c.title)} | ${c.old ?? '—'} | ${c.new ?? '—'} |`);
    lines.push('');
  }
  if (r.pageLabels.length) {
    lines.push('## Page labels', '', '| page | old label | new label |', '| ---: | --- | --- |');
    for (const l of r.pageLabels) lines.push(`| ${l.page} | ${cell(l.old ?? '—')} | ${cell(l.new ?? '—')} |`);
    lines.push('');
  }
  return `${lines.join('\n')}`;
}
