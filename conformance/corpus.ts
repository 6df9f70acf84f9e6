/**
 * veraPDF's PDF/UA-1 test corpus: where it is, and what each file expects. A file named
 * `<clause>-t<NN>-pass-<x>.pdf` must pass rule `<clause>-<NN>`, one named `…-fail-<x>.pdf` must
 * fail it (see the corpus README); the few files whose name does not give their rule are listed
 * in RENAMED, each with what its outline says.
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';

export interface CorpusFile {
  /** Path relative to the corpus folder. */
  file: string;
  name: string;
  /** The rule the file tests, e.g. "7.21.5-1". */
  rule: string;
  expect: 'pass' | 'fail';
  /** Why the rule is not the one the name gives, when it is not. */
  renamed?: string;
}

/**
 * Files whose name does not give the rule they test: each file's outline says what it tests, and
 * PDFUA-1.xml says which rule that is (a few test a neighbouring rule of their clause).
 */
const RENAMED: Record<string, { rule: string; why: string }> = {
  '7-18.3-t01-pass-a.pdf': { rule: '7.18.3-1', why: 'the name has "7-18.3" for "7.18.3"; its outline says "7.18.3-1 Tab order"' },
  '7.18.7-t01-fail-a.pdf': { rule: '7.11-1', why: 'PDFUA-1.xml has no rule 7.18.7-1: a file attachment\'s file specification without /F is rule 7.11-1' },
  '7.18.7-t01-fail-b.pdf': { rule: '7.11-1', why: 'PDFUA-1.xml has no rule 7.18.7-1: a file attachment\'s file specification without /UF is rule 7.11-1' },
  '7.18.7-t01-fail-c.pdf': { rule: '7.11-1', why: 'PDFUA-1.xml has no rule 7.18.7-1: an empty /F is rule 7.11-1' },
  '7.18.7-t01-fail-d.pdf': { rule: '7.11-1', why: 'PDFUA-1.xml has no rule 7.18.7-1: an empty /UF is rule 7.11-1' },
  '7.2-t03-fail-b.pdf': { rule: '7.2-39', why: 'its outline says "More than one Caption is present in Table": rule 7.2-39 (7.2-3 allows Caption kids)' },
  '7.2-t03-fail-c.pdf': { rule: '7.2-16', why: 'its outline says "Caption is not a first or last child of Table": rule 7.2-16' },
  '7.2-t19-fail-a.pdf': { rule: '7.2-40', why: 'its outline says "Caption is not a first child of List": rule 7.2-40 (7.2-19 allows Caption kids)' },
  '7.2-t19-fail-c.pdf': { rule: '7.2-40', why: 'its outline says "More than one Caption is present in List": the second is not the first child, rule 7.2-40' },
  '7.2-t27-fail-a.pdf': { rule: '7.2-28', why: 'its outline says "Caption is a last child of TOC": rule 7.2-28 (7.2-27 allows Caption kids)' },
  '7.2-t27-fail-b.pdf': { rule: '7.2-28', why: 'its outline says "More than one Caption is present as a child of TOC": rule 7.2-28' },
  '7.18.7-t01-pass-a.pdf': { rule: '7.11-1', why: 'PDFUA-1.xml has no rule 7.18.7-1: /F and /UF present is rule 7.11-1' },
};

const NAME = /^(\d+(?:\.\d+)*)-t(\d+)-(pass|fail)-[a-z]+\.pdf$/;

export function expectationOf(file: string): CorpusFile | undefined {
  const name = path.basename(file);
  const renamed = RENAMED[name];
  const m = NAME.exec(name);
  const expect = /-pass-/.test(name) ? 'pass' : /-fail-/.test(name) ? 'fail' : undefined;
  if (!expect) return undefined;
  if (renamed) return { file, name, rule: renamed.rule, expect, renamed: renamed.why };
  if (!m) return undefined;
  return { file, name, rule: `${m[1]}-${Number(m[2])}`, expect };
}

/** Every PDF below `dir`, relative to it, in name order. */
export function listCorpus(dir: string): string[] {
  const walk = (d: string): string[] =>
    readdirSync(d)
      .sort()
      .flatMap((f) => {
        const p = path.join(d, f);
        if (statSync(p).isDirectory()) return walk(p);
        return f.toLowerCase().endsWith('.pdf') ? [path.relative(dir, p)] : [];
      });
  return walk(dir).sort((a, b) => path.basename(a).localeCompare(path.basename(b)));
}

/**
 * The corpus folder: `--corpus DIR`, else $VERAPDF_CORPUS, else `shared/verapdf/corpus-PDF_UA-1`
 * in a folder above the repository (the team keeps it beside the checkouts).
 */
export function findCorpus(root: string, argv: string[]): string | undefined {
  const i = argv.indexOf('--corpus');
  if (i >= 0 && argv[i + 1]) return path.resolve(argv[i + 1]!);
  if (process.env.VERAPDF_CORPUS) return path.resolve(process.env.VERAPDF_CORPUS);
  for (let d = root; ; d = path.dirname(d)) {
    const candidate = path.join(d, 'shared', 'verapdf', 'corpus-PDF_UA-1');
    if (existsSync(candidate)) return candidate;
    if (path.dirname(d) === d) return undefined;
  }
}
