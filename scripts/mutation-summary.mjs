#!/usr/bin/env node
// Writes reports/mutation/summary.md from Stryker's reports/mutation/mutation.json: the score per
// module and per area, and every surviving mutant with the judgement kept for it in
// reports/mutation/equivalent.json (keyed by file + mutator + line + replacement). A survivor with no
// judgement is listed as unexplained; a judgement that no longer matches a survivor, as stale.
//
//   node scripts/mutation-summary.mjs [--minutes N] [--scope GLOBS]   (N: how long the Stryker run took; GLOBS: what a narrowed run covered)
import { readFileSync, writeFileSync, existsSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const dir = path.join(root, 'reports/mutation');
const minutesArg = process.argv.indexOf('--minutes');
const minutes = minutesArg > 0 ? process.argv[minutesArg + 1] : undefined;
// A run narrowed with --mutate says so: its total is not the whole set's.
const scopeArg = process.argv.indexOf('--scope');
const scope = scopeArg > 0 ? process.argv[scopeArg + 1] : undefined;

const report = JSON.parse(readFileSync(path.join(dir, 'mutation.json'), 'utf8'));
const judgements = existsSync(path.join(dir, 'equivalent.json')) ? JSON.parse(readFileSync(path.join(dir, 'equivalent.json'), 'utf8')) : [];

const AREAS = [
  ['Data loading, validation, derivation, corrections', /^src\/data\//],
  ['Chart binding', /^src\/render\/(bind|check)-chart\.ts$/],
  ['HTML rendering and helpers', /^src\/(render\/|util\/format\.ts$)/],
  ['PDF post-processing and artifact marking', /^src\/pdf\//],
  ['Check rules', /^src\/check\/rules\//],
  ['Output writing', /^src\/output\//],
  ['Request policy', /^src\/browser\//],
  ['Imposition', /^src\/print\//],
  ['Preflight checks', /^src\/preflight\/checks\//],
];
const areaOf = (file) => AREAS.find(([, re]) => re.test(file))?.[0] ?? 'Other';

export const keyOf = (m) => `${m.file}|${m.mutator}|${m.line}|${m.replacement}`;
const judged = new Map(judgements.map((j) => [keyOf(j), j]));
const used = new Set();

const rel = (file) => path.relative(root, path.resolve(root, file)).split(path.sep).join('/');
const counts = () => ({ killed: 0, timeout: 0, survived: 0, noCoverage: 0, equivalent: 0, errors: 0, ignored: 0 });
const perFile = new Map();
const survivors = [];
for (const [name, file] of Object.entries(report.files)) {
  const f = rel(name);
  const c = counts();
  perFile.set(f, c);
  const lines = file.source.split('\n');
  for (const m of file.mutants) {
    switch (m.status) {
      case 'Killed': c.killed++; break;
      case 'Timeout': c.timeout++; break;
      case 'CompileError': case 'RuntimeError': c.errors++; break;
      case 'Ignored': c.ignored++; break;
      case 'Survived': case 'NoCoverage': {
        if (m.status === 'Survived') c.survived++;
        else c.noCoverage++;
        const s = { file: f, mutator: m.mutatorName, line: m.location.start.line, replacement: m.replacement ?? '', status: m.status };
        s.original = originalText(lines, m.location);
        const j = judged.get(keyOf(s));
        if (j) {
          used.add(keyOf(s));
          c.equivalent++;
          s.reason = j.reason;
        }
        survivors.push(s);
        break;
      }
      default: break;
    }
  }
}

function originalText(lines, { start, end }) {
  if (start.line === end.line) return lines[start.line - 1].slice(start.column - 1, end.column - 1);
  const first = lines[start.line - 1].slice(start.column - 1);
  return `${first.trim()} …`;
}

const detected = (c) => c.killed + c.timeout;
const valid = (c) => detected(c) + c.survived + c.noCoverage;
const pct = (n, d) => (d === 0 ? 'n/a' : `${((100 * n) / d).toFixed(1)}%`);
const score = (c) => pct(detected(c), valid(c));
// The score once the mutants judged equivalent (no test could tell them apart) are set aside.
const scoreExclEq = (c) => pct(detected(c), valid(c) - c.equivalent);
const add = (a, b) => Object.fromEntries(Object.keys(a).map((k) => [k, a[k] + b[k]]));

const out = [];
out.push('# Mutation testing: summary', '');
out.push('Written by `scripts/mutation-summary.mjs` from `mutation.json` (StrykerJS, unit tests only; `npm run mutation`).');
out.push('Score = (killed + timed out) / (killed + timed out + survived + no coverage). "Excl. equivalent" sets aside');
out.push('the survivors judged equivalent in `equivalent.json` (a mutant no test can tell from the original).', '');
const total = [...perFile.values()].reduce(add, counts());
out.push(`**Total: ${score(total)}** (${scoreExclEq(total)} excluding equivalent mutants) — ${valid(total)} mutants, ${detected(total)} detected, ${total.survived} survived, ${total.noCoverage} without coverage, ${total.equivalent} of those judged equivalent; ${total.ignored} static mutants ignored (module-level constants, see stryker.config.mjs).`);
if (scope) out.push('', `**A narrowed run**, over these modules only (\`--mutate\`): ${scope}. The other modules in stryker.config.mjs are not in this report.`);
if (minutes) out.push('', `Stryker run time: ${minutes} min on this machine.`);
out.push('');
out.push('| Module | Mutants | Killed | Timeout | Survived | No coverage | Equivalent | Score | Excl. equivalent |');
out.push('|---|---:|---:|---:|---:|---:|---:|---:|---:|');
for (const [area] of [...AREAS, ['Other']]) {
  const files = [...perFile.entries()].filter(([f]) => areaOf(f) === area).sort(([a], [b]) => a.localeCompare(b));
  if (files.length === 0) continue;
  const sum = files.map(([, c]) => c).reduce(add, counts());
  out.push(`| **${area}** | **${valid(sum)}** | **${sum.killed}** | **${sum.timeout}** | **${sum.survived}** | **${sum.noCoverage}** | **${sum.equivalent}** | **${score(sum)}** | **${scoreExclEq(sum)}** |`);
  for (const [f, c] of files) out.push(`| ${f} | ${valid(c)} | ${c.killed} | ${c.timeout} | ${c.survived} | ${c.noCoverage} | ${c.equivalent} | ${score(c)} | ${scoreExclEq(c)} |`);
}
out.push('');

const code = (s) => '`' + s.replace(/`/g, "'").replace(/\|/g, '\\|').replace(/\s+/g, ' ').slice(0, 80) + '`';
const row = (s) => `| ${s.file}:${s.line} | ${s.mutator} | ${code(s.original)} → ${code(s.replacement)} |`;
const equivalent = survivors.filter((s) => s.reason);
const unexplained = survivors.filter((s) => !s.reason);
out.push(`## Surviving mutants judged equivalent (${equivalent.length})`, '');
if (equivalent.length) {
  out.push('| Where | Mutator | Change | Why no test can tell |', '|---|---|---|---|');
  for (const s of equivalent) out.push(`${row(s)} ${s.reason.replace(/\|/g, '\\|')} |`);
}
out.push('', `## Surviving mutants not explained (${unexplained.length})`, '');
if (unexplained.length) {
  out.push('| Where | Mutator | Change | Status |', '|---|---|---|---|');
  for (const s of unexplained) out.push(`${row(s)} ${s.status} |`);
} else out.push('None.');
const stale = judgements.filter((j) => !used.has(keyOf(j)) && perFile.has(j.file));
if (stale.length) {
  out.push('', `## Judgements that match no survivor of this run (${stale.length})`, '');
  out.push('The code moved or a test now kills the mutant; update or drop them in `equivalent.json`.', '');
  for (const j of stale) out.push(`- ${j.file}:${j.line} ${j.mutator} → ${code(j.replacement)}`);
}
out.push('');
writeFileSync(path.join(dir, 'summary.md'), out.join('\n'));
process.stdout.write(`mutation: ${path.relative(root, path.join(dir, 'summary.md'))}: total ${score(total)}, ${unexplained.length} unexplained survivor(s)\n`);
