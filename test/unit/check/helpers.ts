/** Shared by the checker's tests: build the conforming fixture with one defect, check it, read the result. */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { expect } from 'vitest';
import { expectationOf, type CorpusFile } from '../../../conformance/corpus.ts';
import { checkPdf, type CheckResult } from '../../../src/check/check-pdf.ts';
import type { CheckModel } from '../../../src/check/model.ts';
import type { Rule } from '../../../src/check/rule.ts';
import { makeTaggedPdf, type Fixture, type FixtureOptions } from '../../pdf-fixtures.ts';

export async function check(options: FixtureOptions = {}): Promise<CheckResult> {
  return checkPdf(await makeTaggedPdf(options));
}

/** The distinct rule ids that failed, sorted. */
export function failed(r: CheckResult): string[] {
  return [...new Set(r.failures.map((f) => f.rule))].sort();
}

/** The failures of one rule (which must be among the rules checked). */
export function only(r: CheckResult, rule: string) {
  expect(r.rules).toContain(rule);
  return r.failures.filter((f) => f.rule === rule);
}

export const edit = (fn: (f: Fixture) => void): FixtureOptions => ({ edit: fn });

const CORPUS = path.join(import.meta.dirname, '../../fixtures/verapdf');

/** The copied veraPDF corpus files whose rule starts with one of the prefixes ("7.21." or "7.10-"). */
export function corpusFiles(...prefixes: string[]): CorpusFile[] {
  return readdirSync(CORPUS)
    .filter((f) => f.endsWith('.pdf'))
    .map((f) => expectationOf(f)!)
    .filter((e) => e && prefixes.some((p) => e.rule.startsWith(p)))
    .sort((a, b) => a.name.localeCompare(b.name));
}

/** Checks a corpus file; whether its rule was raised, and the result. */
export async function checkCorpusFile(f: CorpusFile): Promise<{ raised: boolean; result: CheckResult }> {
  const result = await checkPdf(readFileSync(path.join(CORPUS, f.name)));
  return { raised: result.failures.some((x) => x.rule === f.rule), result };
}

/** A module's rules as the report lists them: id, clause, object, structure type(s) and requirement. */
export function ruleTable(rules: readonly Rule[]): [string, string, string, string | readonly string[] | undefined, string][] {
  return rules.map((r) => [r.id, r.clause, r.object, r.structType, r.description]);
}

/** The rule with this id, to run its test on hand-made facts. */
export function ruleById(rules: readonly Rule[], id: string): { test(o: unknown, m?: Partial<CheckModel>): string | undefined } {
  const r = rules.find((x) => x.id === id);
  if (!r) throw new Error(`no rule ${id}`);
  return { test: (o, m = {}) => r.test(o as never, m as CheckModel) };
}
