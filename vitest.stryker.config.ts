import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { defineConfig } from 'vitest/config';
import { BaseSequencer, type TestModule, type TestSpecification, type Vitest } from 'vitest/node';

/*
 * The vitest config Stryker runs (stryker.config.mjs): unit tests only, and no globalSetup — the
 * normal config builds the whole report in Chromium first, which every mutant run would pay for.
 *
 * Stryker runs each mutant against the test files that cover it, one file after another, and stops at
 * the first failure; each run imports its files afresh. So the order matters more than anything else
 * for the run time: the mutated module's own test file first (it is the likeliest to kill the mutant),
 * then the others cheapest first — a file that imports the whole pipeline costs seconds before its
 * first test, and most mutants die long before it would be reached.
 */

// Seconds each test file took to import and run, as first measured; shared by Stryker's test-runner
// processes through a file in the sandbox they all run in.
const COSTS = path.resolve('.vitest-file-costs.json');

function readCosts(): Record<string, number> {
  try {
    return existsSync(COSTS) ? JSON.parse(readFileSync(COSTS, 'utf8')) : {};
  } catch {
    return {};
  }
}

class RecordCosts {
  onTestModuleEnd(module: TestModule): void {
    const d = module.diagnostic();
    const cost = d.prepareDuration + d.collectDuration + d.setupDuration + d.duration;
    const costs = readCosts();
    if ((costs[module.moduleId] ?? 0) >= cost) return;
    costs[module.moduleId] = cost;
    const tmp = `${COSTS}.${process.pid}.tmp`;
    writeFileSync(tmp, JSON.stringify(costs));
    renameSync(tmp, COSTS);
  }
}

class OwnTestsFirst extends BaseSequencer {
  constructor(ctx: Vitest) {
    super(ctx);
  }

  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    // Stryker names the mutated file in `related` for every mutant run.
    const mutated = new Set((this.ctx.config.related ?? []).map((f) => path.basename(f).replace(/\.ts$/, '.test.ts')));
    const costs = readCosts();
    const rank = (spec: TestSpecification) => (mutated.has(path.basename(spec.moduleId)) ? -1 : (costs[spec.moduleId] ?? Number.MAX_SAFE_INTEGER));
    return [...files].sort((a, b) => rank(a) - rank(b));
  }
}

/*
 * Test files left out of the mutation run. Each tests a stage outside the mutated modules (the
 * preview's builds, the chart renderer, the check and preflight runners, the PDF diff) or feeds the
 * data stages random files to prove they never crash. In the full run of 2 December 2026 (5,528
 * mutants) none of them killed a mutant: a mutant they cover was either killed by a cheaper file run
 * before them, or survived them too. So leaving them out changes no mutant's status; keeping them
 * made each of the ~100 survivors they cover run them all. The unit project runs them as before.
 */
const NEVER_FIRST_TO_KILL = [
  'test/unit/check/check-pdf.test.ts',
  'test/unit/data/fuzz-data.test.ts',
  'test/unit/dev/build-preview.test.ts',
  'test/unit/diff/diff-pdf.test.ts',
  'test/unit/preflight/preflight-pdf.test.ts',
  'test/unit/render/render-charts.test.ts',
  'test/unit/render/resolve-sections.test.ts',
];

export default defineConfig({
  test: {
    include: ['test/unit/**/*.test.ts'],
    exclude: NEVER_FIRST_TO_KILL,
    testTimeout: 60_000,
    // Every mutant is switched at run time (static ones are ignored, see stryker.config.mjs), so a
    // module need not be evaluated afresh for each mutant: measured on metadata.ts (104 mutants,
    // concurrency 1), 2.6 min instead of 3.4 with the same result. The unit project runs this way too.
    isolate: false,
    reporters: ['default', new RecordCosts()],
    sequence: { sequencer: OwnTestsFirst },
  },
});
