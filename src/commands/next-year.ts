import { cp, readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { isMap, isScalar, parseDocument, Scalar, visit, type Document } from 'yaml';
import { fail } from '../util/diagnostics.ts';
import { display } from '../util/display.ts';

export interface NextYear {
  dir: string;
  year: number;
  /** Tables kept by year that got the new year's column, left to fill: `file: count`. */
  columns: Record<string, number>;
  /** Data files with no table kept by year: still last year's figures, to check by hand. */
  kept: string[];
  /** Prose files marked `draft: true`. */
  drafts: string[];
  /** Corrections that were cleared (they belonged to last year's editions). */
  corrections: number;
}

/**
 * `folio next-year DIR --out NEWDIR`: next year's report from this year's. The report year moves
 * on by one; every table kept by year (a map with a column for the report year: statement lines,
 * series by year) gets an empty column for the new year, left to fill (`~`), and keeps the old
 * ones, so the report year's column becomes the previous one; corrections are cleared; prose is
 * kept, marked as a draft. Building the new folder before filling it lists every figure still to
 * fill, with its file and line. Comments and layout of the data files are kept.
 */
export async function nextYear(from: string, to: string): Promise<NextYear> {
  const source = path.resolve(from);
  const target = path.resolve(to);
  const reportText = await readFile(path.join(source, 'report.yaml'), 'utf8').catch((e) =>
    fail('data/read-failed', { file: display(path.join(source, 'report.yaml')), reason: (e as Error).message }, { file: display(source) }, e),
  );
  if (await readdir(target).then((l) => l.length > 0).catch(() => false)) fail('init/not-empty', { dir: display(target) }, { file: display(target) });

  const report = parseDocument(reportText);
  const year = report.get('year');
  if (typeof year !== 'number') fail('next-year/no-year', { file: display(path.join(source, 'report.yaml')) }, { file: display(path.join(source, 'report.yaml')), pointer: '/year' });
  await cp(source, target, { recursive: true });

  const result: NextYear = { dir: target, year: year + 1, columns: {}, kept: [], drafts: [], corrections: 0 };
  await writeFile(path.join(target, 'report.yaml'), applyEdits(reportText, reportEdits(report, reportText, year)));

  for (const name of (await readdir(target)).filter((n) => /\.ya?ml$/.test(n) && n !== 'report.yaml').sort()) {
    const file = path.join(target, name);
    const text = await readFile(file, 'utf8');
    const doc = parseDocument(text);
    if (name.startsWith('corrections.')) {
      const list = doc.toJS();
      result.corrections = Array.isArray(list) ? list.length : 0;
      // Last year's errata do not carry over; the file's comments do.
      const start = doc.contents?.range?.[0] ?? text.length;
      await writeFile(file, `${text.slice(0, start)}[]\n`);
      continue;
    }
    const edits = yearColumnEdits(doc, text, year);
    if (edits.length === 0) result.kept.push(name);
    else {
      result.columns[name] = edits.length;
      await writeFile(file, applyEdits(text, edits));
    }
  }
  result.drafts = await markProseDrafts(path.join(target, 'prose'));
  return result;
}

interface Edit {
  at: number;
  /** Characters replaced from `at` (0 to insert). */
  remove?: number;
  text: string;
}

/** Edits to the file's own text, so its comments, alignment and quoting stay as they were. */
function applyEdits(text: string, edits: Edit[]): string {
  let out = text;
  for (const e of [...edits].sort((a, b) => b.at - a.at)) out = out.slice(0, e.at) + e.text + out.slice(e.at + (e.remove ?? 0));
  return out;
}

/** report.yaml: the year moves on; a new edition has no publication date yet; the slug follows the year. */
function reportEdits(doc: Document, text: string, year: number): Edit[] {
  const edits: Edit[] = [];
  const root = doc.contents;
  if (!isMap(root)) return edits;
  for (const pair of root.items) {
    const key = isScalar(pair.key) ? String(pair.key.value) : '';
    const value = pair.value;
    if (!isScalar(value) || !value.range) continue;
    const [start, end] = value.range;
    if (key === 'year') edits.push({ at: start, remove: end - start, text: String(year + 1) });
    if (key === 'slug' && typeof value.value === 'string' && value.value.includes(String(year))) {
      edits.push({ at: start, remove: end - start, text: value.source?.replaceAll(String(year), String(year + 1)) ?? String(value.value).replaceAll(String(year), String(year + 1)) });
    }
    if (key === 'date' && isScalar(pair.key) && pair.key.range) {
      const lineEnd = text.indexOf('\n', value.range[1]);
      edits.push({ at: pair.key.range[0], remove: (lineEnd < 0 ? text.length : lineEnd) - pair.key.range[0], text: '# date: the publication date of this edition, once it is out (YYYY-MM-DD)' });
    }
  }
  return edits;
}

/**
 * Every map with a figure for `year` gets the key `year + 1` with no value (`~`): before the old
 * year's key where the current column comes first (statements), after it where years run upward.
 */
export function yearColumnEdits(doc: Document, text: string, year: number): Edit[] {
  const old = String(year);
  const next = String(year + 1);
  const edits: Edit[] = [];
  visit(doc, {
    Map(_, map) {
      const keys = map.items.map((p) => (isScalar(p.key) ? String(p.key.value) : ''));
      const at = keys.indexOf(old);
      if (at < 0 || keys.includes(next)) return;
      const pair = map.items[at]!;
      const key = pair.key as Scalar;
      const value = pair.value;
      if (!isScalar(value) || typeof value.value !== 'number' || !key.range || !value.range) return;
      const quote = key.type === Scalar.QUOTE_SINGLE ? "'" : key.type === Scalar.PLAIN ? '' : '"';
      const entry = `${quote}${next}${quote}: ~`;
      const upward = keys.indexOf(String(year - 1)) >= 0 && keys.indexOf(String(year - 1)) < at;
      if (map.flow) {
        edits.push(upward ? { at: value.range[1], text: `, ${entry}` } : { at: key.range[0], text: `${entry}, ` });
      } else {
        const lineStart = text.lastIndexOf('\n', key.range[0] - 1) + 1;
        const indent = text.slice(lineStart, key.range[0]);
        edits.push(upward ? { at: value.range[1], text: `\n${indent}${entry}` } : { at: lineStart, text: `${indent}${entry}\n` });
      }
    },
  });
  return edits;
}

async function markProseDrafts(dir: string): Promise<string[]> {
  const names = (await readdir(dir).catch(() => [] as string[])).filter((n) => n.endsWith('.md')).sort();
  for (const name of names) {
    const file = path.join(dir, name);
    const text = await readFile(file, 'utf8');
    const marked = /^---\r?\n/.test(text)
      ? text.replace(/^---\r?\n/, (m) => (/^draft:/m.test(text.split(/\n---/)[0] ?? '') ? m : `${m}draft: true\n`))
      : `---\ndraft: true\n---\n${text}`;
    await writeFile(file, marked);
  }
  return names;
}
