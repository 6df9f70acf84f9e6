/**
 * `npm run conformance`: runs `folio check` on every file of veraPDF's PDF/UA-1 corpus and writes
 * conformance/results.md — per rule, the files that agree with the corpus (a fail-file raises its
 * rule, a pass-file does not) and those that do not, each with the reason when the corpus is judged
 * to be wrong. Exits 1 when a disagreement is unexplained.
 *
 *   npm run conformance [-- --corpus DIR] [-- --out FILE]
 */
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { checkPdf, RULES } from '../src/check/check-pdf.ts';
import { expectationOf, findCorpus, listCorpus, type CorpusFile } from './corpus.ts';
import { CORPUS_FAULTS } from './corpus-faults.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export interface Outcome extends CorpusFile {
  /** The file's rule was raised. */
  raised: boolean;
  /** The checker threw instead of answering. */
  crash?: string;
  agrees: boolean;
  /** Why the disagreement is the corpus's, when it is judged so. */
  fault?: string;
}

async function checkOne(dir: string, f: CorpusFile): Promise<Outcome> {
  try {
    const result = await checkPdf(await readFile(path.join(dir, f.file)));
    const raised = result.failures.some((x) => x.rule === f.rule);
    return judge({ ...f, raised, agrees: raised === (f.expect === 'fail') });
  } catch (e) {
    return judge({ ...f, raised: false, crash: e instanceof Error ? e.message : String(e), agrees: false });
  }
}

function judge(o: Outcome): Outcome {
  const fault = CORPUS_FAULTS[o.name];
  return !o.agrees && fault ? { ...o, fault } : o;
}

interface RuleRow {
  rule: string;
  files: Outcome[];
}

function byRule(outcomes: Outcome[]): RuleRow[] {
  const order = new Map(RULES.map((r, i) => [r.id, i]));
  const rows = new Map<string, Outcome[]>();
  for (const o of outcomes) rows.set(o.rule, [...(rows.get(o.rule) ?? []), o]);
  return [...rows]
    .map(([rule, files]) => ({ rule, files }))
    .sort((a, b) => (order.get(a.rule) ?? 1e9) - (order.get(b.rule) ?? 1e9) || a.rule.localeCompare(b.rule));
}

function summary(outcomes: Outcome[]): string[] {
  const fails = outcomes.filter((o) => o.expect === 'fail');
  const passes = outcomes.filter((o) => o.expect === 'pass');
  const agree = outcomes.filter((o) => o.agrees).length;
  const explained = outcomes.filter((o) => !o.agrees && o.fault).length;
  const crashes = outcomes.filter((o) => o.crash).length;
  return [
    `- **${agree} of ${outcomes.length}** files agree with the corpus; ${outcomes.length - agree} disagree` +
      (outcomes.length - agree ? ` (${explained} of them judged to be the corpus's fault, below)` : '') + '.',
    `- Fail-files: ${fails.filter((o) => o.raised).length} of ${fails.length} raise their rule.`,
    `- Pass-files: ${passes.filter((o) => o.raised).length} of ${passes.length} raise their rule (false alarms).`,
    `- Crashes: ${crashes}.`,
  ];
}

function describe(o: Outcome): string {
  if (o.crash) return `${o.name}: crashed (${o.crash.split('\n')[0]})`;
  return `${o.name}: ${o.expect === 'fail' ? 'must fail, rule not raised' : 'must pass, rule raised'}`;
}

function ruleTable(rows: RuleRow[]): string[] {
  const out = ['| rule | files | agree | disagree | disagreeing files |', '| --- | ---: | ---: | ---: | --- |'];
  for (const r of rows) {
    const bad = r.files.filter((o) => !o.agrees);
    const list = bad.map((o) => `${o.name}${o.fault ? ' (corpus)' : ''}`).join(', ');
    out.push(`| ${r.rule} | ${r.files.length} | ${r.files.length - bad.length} | ${bad.length} | ${list} |`);
  }
  return out;
}

function report(outcomes: Outcome[], corpus: string): string {
  const bad = outcomes.filter((o) => !o.agrees);
  const renamed = outcomes.filter((o) => o.renamed);
  const implemented = new Set(RULES.map((r) => r.id));
  const untested = RULES.filter((r) => !r.id.startsWith('folio-') && !outcomes.some((o) => o.rule === r.id)).map((r) => r.id);
  const notImplemented = [...new Set(outcomes.map((o) => o.rule))].filter((r) => !implemented.has(r));
  return [
    '# folio check against veraPDF\'s PDF/UA-1 corpus',
    '',
    `Written by \`npm run conformance\` (conformance/run.ts) from the ${outcomes.length} files of \`${path.basename(corpus)}\``,
    '(veraPDF Consortium, CC BY 4.0). A fail-file agrees when `folio check` raises the rule the file is named',
    'for; a pass-file agrees when it does not (other rules a corpus file breaks are not counted).',
    '',
    ...summary(outcomes),
    `- Rules of folio check the corpus has no file for: ${untested.join(', ') || 'none'}.`,
    `- Rules the corpus tests that folio check does not implement: ${notImplemented.join(', ') || 'none'}.`,
    '',
    '## Per rule',
    '',
    ...ruleTable(byRule(outcomes)),
    '',
    '## Disagreements',
    '',
    ...(bad.length ? bad.map((o) => `- ${describe(o)}${o.fault ? ` — the corpus's: ${o.fault}` : ' — unexplained'}`) : ['None.']),
    '',
    '## Files whose name does not give their rule',
    '',
    ...renamed.map((o) => `- ${o.name} → ${o.rule}: ${o.renamed}.`),
    '',
  ].join('\n');
}

async function main(argv: string[]): Promise<number> {
  const corpus = findCorpus(ROOT, argv);
  if (!corpus) {
    process.stderr.write('No corpus: pass --corpus DIR (veraPDF-corpus/PDF_UA-1) or set VERAPDF_CORPUS.\n');
    return 2;
  }
  const files = listCorpus(corpus).map(expectationOf).filter((f): f is CorpusFile => f !== undefined);
  const outcomes: Outcome[] = [];
  for (const f of files) outcomes.push(await checkOne(corpus, f));
  const i = argv.indexOf('--out');
  const out = i >= 0 && argv[i + 1] ? path.resolve(argv[i + 1]!) : path.join(ROOT, 'conformance', 'results.md');
  await writeFile(out, report(outcomes, corpus));
  process.stdout.write(`${summary(outcomes).join('\n')}\nwrote ${path.relative(process.cwd(), out)}\n`);
  return outcomes.every((o) => o.agrees || o.fault) ? 0 : 1;
}

process.exitCode = await main(process.argv.slice(2));
