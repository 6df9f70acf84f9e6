/** Shared by the checker's tests: build the conforming fixture with one defect, check it, read the result. */
import { expect } from 'vitest';
import { checkPdf, type CheckResult } from '../../../src/check/check-pdf.ts';
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
