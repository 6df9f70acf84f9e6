// Mutation testing (issue 15): the modules where a silent bug would hurt users, against the unit
// tests only. `npm run mutation` runs this and writes reports/mutation/summary.md afterwards;
// `npm run mutation -- --mutate src/util/format.ts` narrows a run to one module.
import { lstatSync, realpathSync } from 'node:fs';

// Stryker links node_modules into its sandbox only when it is a real folder; in a git worktree it is
// often a symlink, and then fonts (found under node_modules/@fontsource from the package root) go missing.
const modulesLink = lstatSync('node_modules', { throwIfNoEntry: false })?.isSymbolicLink() ? realpathSync('node_modules') : undefined;

/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  testRunner: 'vitest',
  plugins: ['@stryker-mutator/vitest-runner'],
  // No globalSetup here: the normal config builds the whole report in Chromium first.
  vitest: { configFile: 'vitest.stryker.config.ts', related: true },
  coverageAnalysis: 'perTest',
  // A static mutant (a module-level constant: a rule table, a regular expression, a lookup list)
  // runs once at import, so Stryker must re-import and run every related test file for each one:
  // 864 of them were 72% of the estimated time, a full run many hours on two cores. They are
  // reported as Ignored (counted in summary.md); what they would change is the tables the rule
  // and message tests assert exactly.
  ignoreStatic: true,
  mutate: [
    'src/data/*.ts',
    'src/render/render-html.ts',
    'src/render/helpers.ts',
    'src/util/format.ts',
    'src/render/template-engine.ts',
    'src/render/bind-chart.ts',
    'src/render/check-chart.ts',
    'src/pdf/post/*.ts',
    'src/pdf/page-content.ts',
    'src/check/rules/*.ts',
    'src/output/write-output.ts',
    'src/browser/serve-page.ts',
    'src/print/impose-pdf.ts',
    'src/preflight/checks/*.ts',
  ],
  buildCommand: modulesLink ? `ln -s ${modulesLink} node_modules` : undefined,
  // Two cores, shared: one test runner per core.
  concurrency: 2,
  // A mutant is a timeout when its tests run this much past their dry-run time (times 1.5). Eight
  // mutants loop forever (loop steps turned around in imposition, ink, empty-content, parent-tree),
  // and each costs the whole allowance plus a new test runner (at 60 s, eight minutes of runner time).
  timeoutMS: 15_000,
  dryRunTimeoutMinutes: 20,
  reporters: ['json', 'html', 'clear-text', 'progress'],
  jsonReporter: { fileName: 'reports/mutation/mutation.json' },
  htmlReporter: { fileName: 'reports/mutation/mutation.html' },
  clearTextReporter: { allowColor: false, logTests: false, reportMutants: false, reportScoreTable: true },
  incrementalFile: 'reports/mutation/incremental.json',
  ignorePatterns: ['reports', '.vitest-file-costs.json*', 'out', 'bench/tmp', 'tmp', 'test/e2e', '.stryker-tmp'],
  tempDirName: '.stryker-tmp',
  thresholds: { high: 90, low: 85, break: null },
};
