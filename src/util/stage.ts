/**
 * The one shape every stage of a build has: `(input, run) => output`. A stage returns what the
 * next stage needs and tells the run what the user should hear (`run.warn`, with a code, the
 * message's arguments and the place); the run times it. `pipeline.ts` says the order; the stages
 * know nothing of each other.
 *
 * What a stage reports keeps the stage's name, so the pipeline can treat the findings of the
 * checking stages (the PDF check, the accessibility audit, preflight) as the build's verdict and
 * everything else as warnings, whatever order concurrent stages finished in.
 */
import { diagnostic, type Diagnostic, type Place } from './diagnostics.ts';
import type { Code, MessageArgs } from './messages.ts';

export type StageName =
  | 'load'
  | 'theme'
  | 'validate'
  | 'derive'
  | 'resolve'
  | 'charts'
  | 'html'
  | 'launch'
  | 'print'
  | 'audit'
  | 'post-process'
  | 'check'
  | 'cmyk'
  | 'print-marks'
  | 'preflight'
  | 'write';

export interface StageTiming {
  stage: StageName;
  ms: number;
  /** When the stage started, in ms since the run began (stages may overlap: launch, audit). */
  start: number;
}

export interface Run {
  /** Tells the user something (the message's severity comes with its code); the build goes on. */
  warn(code: Code, args?: MessageArgs, place?: Place): void;
  /** Diagnostics a lower layer made already (a schema's findings, a chart's warnings). */
  report(diagnostics: readonly Diagnostic[]): void;
  /** Runs `stage` on `input`, timed and named: what it reports carries its name. */
  stage<I, O>(name: StageName, stage: Stage<I, O>, input: I): Promise<O>;
}

export type Stage<I, O> = (input: I, run: Run) => O | Promise<O>;

interface Reported {
  stage: StageName | undefined;
  diagnostic: Diagnostic;
}

/** A build's run: its timings and everything its stages reported, in order. */
export class BuildRun implements Run {
  readonly timings: StageTiming[] = [];
  private readonly reported: Reported[] = [];
  private readonly began = performance.now();

  constructor(private readonly onStage?: (timing: StageTiming) => void) {}

  warn(code: Code, args: MessageArgs = {}, place: Place = {}): void {
    this.report([diagnostic(code, args, place)]);
  }

  report(diagnostics: readonly Diagnostic[]): void {
    this.scoped(undefined).report(diagnostics);
  }

  stage<I, O>(name: StageName, stage: Stage<I, O>, input: I): Promise<O> {
    return this.timed(name, () => stage(input, this.scoped(name)));
  }

  /** Everything reported, in the order it was. */
  get diagnostics(): Diagnostic[] {
    return this.reported.map((r) => r.diagnostic);
  }

  /**
   * The build's verdict: the errors the named stages reported, stage by stage in the order given
   * (concurrent stages finish in any order), and the rest of what was reported, in order.
   */
  verdict(stages: readonly StageName[]): { errors: Diagnostic[]; others: Diagnostic[] } {
    const isFinding = (r: Reported) => r.diagnostic.severity === 'error' && r.stage !== undefined && stages.includes(r.stage);
    const errors = stages.flatMap((s) => this.reported.filter((r) => r.stage === s && isFinding(r)).map((r) => r.diagnostic));
    return { errors, others: this.reported.filter((r) => !isFinding(r)).map((r) => r.diagnostic) };
  }

  private async timed<O>(name: StageName, fn: () => O | Promise<O>): Promise<O> {
    const start = performance.now();
    const result = await fn();
    const timing = { stage: name, ms: performance.now() - start, start: start - this.began };
    this.timings.push(timing);
    this.onStage?.(timing);
    return result;
  }

  /** The run as a stage sees it: what it reports is tagged with its name, and so are its sub-stages'. */
  private scoped(name: StageName | undefined): Run {
    return {
      warn: (code, args = {}, place = {}) => this.reported.push({ stage: name, diagnostic: diagnostic(code, args, place) }),
      report: (list) => this.reported.push(...list.map((d) => ({ stage: name, diagnostic: d }))),
      stage: (inner, stage, input) => this.timed(inner, () => stage(input, this.scoped(inner))),
    };
  }
}
