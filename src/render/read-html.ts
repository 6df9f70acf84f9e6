/**
 * Reads back what the PDF's navigation needs from the HTML folio generated: its headings (for the
 * contents and bookmark titles) and its links' texts (for link annotations' descriptions).
 */
import type { Heading, TableShape } from '../util/shapes.ts';
import { decodeEntities } from '../util/html-entities.ts';

export type { Heading, TableShape } from '../util/shapes.ts';

/** Text as a reader hears it: tags dropped, line breaks as spaces, white space collapsed. */
export function plainText(html: string): string {
  return decodeEntities(html.replace(/<br\s*\/?>/gi, ' ').replace(/<[^>]+>/g, ''))
    .replace(/[\s\u00a0]+/g, ' ')
    .trim();
}

/** Headings outside <body> (none) and inside <template> or aria-hidden parts are not expected here. */
export function collectHeadings(html: string): Heading[] {
  const body = html.slice(Math.max(0, html.search(/<body[\s>]/i)));
  const out: Heading[] = [];
  for (const m of body.matchAll(/<h([1-6])\b([^>]*)>([\s\S]*?)<\/h\1>/gi)) {
    const id = /\bid="([^"]+)"/.exec(m[2]!)?.[1];
    out.push({ level: Number(m[1]), ...(id ? { id: decodeEntities(id) } : {}), text: plainText(m[3]!) });
  }
  return out;
}

/** href → the link's text (the first one, if several links share an href). */
export function collectLinks(html: string): Map<string, string> {
  const links = new Map<string, string>();
  for (const m of html.matchAll(/<a\b[^>]*\bhref="([^"]+)"[^>]*>([\s\S]*?)<\/a>/gi)) {
    const href = decodeEntities(m[1]!);
    const label = /\baria-label="([^"]+)"/.exec(m[0])?.[1];
    if (!links.has(href)) links.set(href, label ? decodeEntities(label) : plainText(m[2]!));
  }
  return links;
}

/**
 * Each section's title: the first heading after the layout's `data-folio-section="name"` marker
 * and before the next one (for running heads that name the current section).
 */
export function collectSectionTitles(html: string): { name: string; title: string }[] {
  const markers = [...html.matchAll(/data-folio-section="([^"]+)"/g)];
  return markers.map((m, i) => {
    const part = html.slice(m.index, markers[i + 1]?.index ?? html.length);
    const heading = /<h[1-6]\b[^>]*>([\s\S]*?)<\/h[1-6]>/i.exec(part);
    return { name: decodeEntities(m[1]!), title: heading ? plainText(heading[1]!) : '' };
  });
}

/**
 * Every table of the HTML, in document order: its row groups and cells. Rows outside any group
 * are in an implied tbody, as the HTML parser puts them.
 */
export function collectTables(html: string): TableShape[] {
  const tables: TableShape[] = [];
  for (const t of html.matchAll(/<table\b[^>]*>([\s\S]*?)<\/table>/gi)) {
    const groups: TableShape['groups'] = [];
    let current: TableShape['groups'][number] | undefined;
    for (const m of t[1]!.matchAll(/<(thead|tbody|tfoot)\b[^>]*>|<\/(thead|tbody|tfoot)>|<tr\b[^>]*>([\s\S]*?)<\/tr>/gi)) {
      if (m[1]) groups.push((current = { kind: m[1].toLowerCase() as 'thead', rows: [] }));
      else if (m[2]) current = undefined;
      else {
        if (!current) groups.push((current = { kind: 'tbody', rows: [] }));
        const cells = [...m[3]!.matchAll(/<(th|td)\b([^>]*)>/gi)].map((c) => {
          const scope = /\bscope="([^"]+)"/i.exec(c[2]!)?.[1];
          return { header: c[1]!.toLowerCase() === 'th', ...(scope ? { scope: scope.toLowerCase() } : {}) };
        });
        current.rows.push(cells);
      }
    }
    tables.push({ groups });
  }
  return tables;
}
