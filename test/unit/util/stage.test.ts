import { describe, expect, it } from 'vitest';
import { BuildRun, type Stage, type StageTiming } from '../../../src/util/stage.ts';
import { diagnostic } from '../../../src/util/diagnostics.ts';

describe('the stage contract', () => {
  it('runs a stage on its input, times it from the start of the run, and tells the caller', async () => {
    const seen: StageTiming[] = [];
    const run = new BuildRun((t) => seen.push(t));
    const double: Stage<number, number> = async (n) => {
      await new Promise((r) => setTimeout(r, 20));
      return n * 2;
    };
    expect(await run.stage('derive', double, 21)).toBe(42);
    expect(seen).toHaveLength(1);
    expect(seen[0]).toMatchObject({ stage: 'derive' });
    expect(seen[0]!.ms).toBeGreaterThanOrEqual(15);
    expect(seen[0]!.start).toBeGreaterThanOrEqual(0);
    expect(run.timings).toEqual(seen);
  });

  it("gives what a stage reports the message's severity, in the order it was reported", async () => {
    const run = new BuildRun();
    run.warn('data/no-schema', { dir: 'data' });
    await run.stage('check', (_: undefined, r) => r.warn('check/failed', { rule: '7.1-3', clause: '7.1', message: 'no' }, { page: 2 }), undefined);
    expect(run.diagnostics.map((d) => [d.code, d.severity])).toEqual([
      ['data/no-schema', 'warning'],
      ['check/failed', 'error'],
    ]);
    expect(run.diagnostics[1]).toMatchObject({ page: 2 });
  });

  it("takes the verdict from the named stages only, stage by stage, whatever order they finished in", async () => {
    const run = new BuildRun();
    const late: Stage<undefined, void> = async (_, r) => {
      await new Promise((res) => setTimeout(res, 30));
      r.report([diagnostic('html/accessibility', { rule: 'image-alt', help: 'alt', target: 'img' })]);
    };
    const audit = run.stage('audit', late, undefined);
    // An error from a stage that is not a check (a section the theme lacks) stays where it was.
    await run.stage('resolve', (_: undefined, r) => r.warn('section/duplicate-id', { id: 'x' }), undefined);
    await run.stage('check', (_: undefined, r) => r.warn('check/failed', { rule: '7.1-3', clause: '7.1', message: 'no' }), undefined);
    await run.stage('print', (_: undefined, r) => r.warn('print/blocked-request', { url: 'https://x' }), undefined);
    await audit;
    const { errors, others } = run.verdict(['audit', 'preflight', 'check']);
    expect(errors.map((d) => d.code)).toEqual(['html/accessibility', 'check/failed']);
    expect(others.map((d) => d.code)).toEqual(['section/duplicate-id', 'print/blocked-request']);
  });

  it('names what a stage within a stage reports after the inner stage', async () => {
    const run = new BuildRun();
    const inner: Stage<undefined, void> = (_, r) => r.warn('check/failed', { rule: 'a', clause: 'b', message: 'c' });
    await run.stage('print', (_: undefined, r) => r.stage('check', inner, undefined), undefined);
    expect(run.verdict(['check']).errors).toHaveLength(1);
    expect(run.timings.map((t) => t.stage)).toEqual(['check', 'print']);
  });

  it('records nothing for a stage that failed, and lets its error through', async () => {
    const run = new BuildRun();
    await expect(run.stage('load', () => Promise.reject(new Error('gone')), undefined)).rejects.toThrow('gone');
    expect(run.timings).toEqual([]);
  });
});
