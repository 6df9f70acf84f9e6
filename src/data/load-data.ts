import { readFile, readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { LineCounter, parseDocument, isMap, isSeq, isPair, isScalar, type Document, type Node } from 'yaml';
import { fail, FolioError, diagnostic, type Place } from '../util/diagnostics.ts';
import { display } from '../util/display.ts';

/** A parsed source file and how to turn a path inside it back into a line and column. */
interface Source {
  file: string;
  doc?: Document;
  lines?: LineCounter;
  /** Line offset of the YAML document inside the file (front matter starts on line 2). */
  lineOffset: number;
  /** For Markdown: the line where the body starts. */
  bodyLine?: number;
}

export interface LoadedData {
  dir: string;
  data: Record<string, unknown>;
  /** Maps a JSON pointer into the data (e.g. `/financials/statement/revenue`) to its file and line. */
  locate(pointer: string): Place;
}

const decoder = new TextDecoder('utf-8', { fatal: true });

/**
 * Reads a report's data folder: every `*.yaml` becomes a top-level key named after the file, every
 * `prose/*.md` becomes `prose.<name>` (front matter fields plus `body`, the Markdown source).
 */
export async function loadData(dir: string): Promise<LoadedData> {
  const info = await stat(dir).catch(() => undefined);
  if (!info?.isDirectory()) fail('data/dir-missing', { dir: display(dir) }, { file: display(dir) });

  const data: Record<string, unknown> = {};
  const sources = new Map<string, Source>();
  const entries = (await readdir(dir)).sort();
  if (!entries.includes('report.yaml')) fail('data/no-report', { dir: display(dir) }, { file: display(dir) });

  for (const name of entries.filter((n) => /\.ya?ml$/.test(n))) {
    const key = name.replace(/\.ya?ml$/, '');
    const file = path.join(dir, name);
    const text = await readText(file);
    const source = parseYaml(text, file, 0);
    data[key] = source.doc!.toJS({ maxAliasCount: 50 });
    sources.set(key, source);
  }

  const proseDir = path.join(dir, 'prose');
  const proseNames = (await readdir(proseDir).catch(() => [] as string[])).filter((n) => n.endsWith('.md')).sort();
  if (proseNames.length > 0) {
    const prose: Record<string, unknown> = {};
    for (const name of proseNames) {
      const file = path.join(proseDir, name);
      const { fields, body, source } = parseMarkdown(await readText(file), file);
      const key = name.replace(/\.md$/, '');
      prose[key] = { ...fields, body };
      sources.set(`prose/${key}`, source);
    }
    data.prose = prose;
  }

  return { dir, data, locate: (pointer) => locate(sources, pointer) };
}

async function readText(file: string): Promise<string> {
  let bytes: Buffer;
  try {
    bytes = await readFile(file);
  } catch (e) {
    fail('data/read-failed', { file: display(file), reason: (e as Error).message }, { file: display(file) }, e);
  }
  try {
    // The decoder drops a leading byte order mark itself (ignoreBOM is off).
    return decoder.decode(bytes);
  } catch (e) {
    fail('data/not-utf8', { file: display(file) }, { file: display(file) }, e);
  }
}

/**
 * Parses YAML with the plain core schema: no custom tags, no merge keys, no object construction, so
 * a data file can only ever produce text, numbers, booleans, null, lists and maps.
 */
export function parseYaml(text: string, file: string, lineOffset: number): Source {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, schema: 'core', merge: false, uniqueKeys: true, prettyErrors: true });
  // After the first syntax error the parser is lost, and what follows it is mostly noise.
  const problems = [...doc.errors, ...doc.warnings].slice(0, 1);
  if (problems.length > 0) {
    throw new FolioError(
      problems.map((p) => {
        const pos = p.linePos?.[0];
        const place = { file: display(file), line: pos ? pos.line + lineOffset : undefined, column: pos?.col };
        if (p.code === 'TAG_RESOLVE_FAILED') {
          // The tag as written: the parser's messages name it in several ways, or expand it (tag:yaml.org,2002:…).
          const tag = text.slice(p.pos[0], p.pos[1]);
          return diagnostic('data/yaml-unsafe', { tag }, place);
        }
        return diagnostic('data/yaml-syntax', { reason: p.message.split('\n')[0] }, place);
      }),
    );
  }
  return { file, doc, lines, lineOffset };
}

function parseMarkdown(text: string, file: string): { fields: Record<string, unknown>; body: string; source: Source } {
  const lines = text.split('\n');
  if (lines[0]?.trim() !== '---') return { fields: {}, body: text, source: { file, lineOffset: 0, bodyLine: 1 } };
  const end = lines.findIndex((l, i) => i > 0 && l.trim() === '---');
  if (end === -1) fail('data/front-matter', { reason: 'no closing --- line' }, { file: display(file), line: 1 });
  // Ending the last line too lets a Windows line end (\r\n) there be read as one, not a \r in the value.
  const source = parseYaml(`${lines.slice(1, end).join('\n')}\n`, file, 1);
  const fields = source.doc!.toJS() ?? {};
  if (typeof fields !== 'object' || Array.isArray(fields)) {
    fail('data/front-matter', { reason: 'front matter must be a map of fields' }, { file: display(file), line: 2 });
  }
  return { fields, body: lines.slice(end + 1).join('\n'), source: { ...source, bodyLine: end + 2 } };
}

function locate(sources: Map<string, Source>, pointer: string): Place {
  const segs = pointer.split('/').slice(1).map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
  let source: Source | undefined;
  let rest: string[];
  if (segs[0] === 'prose' && segs[1] !== undefined) {
    source = sources.get(`prose/${segs[1]}`);
    rest = segs.slice(2);
  } else {
    // An empty pointer (the whole data) has no first segment, so no file, not even one named `.yaml`.
    source = sources.get(segs[0] as string);
    rest = segs.slice(1);
  }
  if (!source) return { pointer };
  const place: Place = { file: display(source.file), pointer };
  // Body is text, so nothing lies under it.
  if (rest[0] === 'body' && source.bodyLine) return { ...place, line: source.bodyLine };
  if (!source.doc || !source.lines) return place;
  const node = nodeAt(source.doc.contents as Node | null, rest);
  const offset = node?.range?.[0];
  if (offset === undefined) return place;
  const pos = source.lines.linePos(offset);
  return { ...place, line: pos.line + source.lineOffset, column: pos.col };
}

/** The deepest node on the path that exists; for a map entry, its key (where a person looks). */
function nodeAt(root: Node | null, segs: string[]): Node | undefined {
  let node: Node | null | undefined = root;
  let found: Node | undefined = root ?? undefined;
  for (const seg of segs) {
    if (isMap(node)) {
      const pair = node.items.find((p) => isPair(p) && isScalar(p.key) && String(p.key.value) === seg);
      if (!pair) return found;
      found = (pair.key as Node) ?? found;
      node = pair.value as Node | null;
    } else if (isSeq(node)) {
      const item = node.items[Number(seg)] as Node | undefined;
      if (!item) return found;
      found = item;
      node = item;
    }
    // Past a scalar, every later segment finds nothing and leaves `found` as it is.
  }
  return found;
}
