/**
 * When the preview rebuilds, apart from what a build does (eleventy's WatchQueue, in folio's
 * terms). Saves come in bursts (an editor writes a file two or three times, a `git checkout`
 * touches dozens), and a print holds the one kept browser for seconds, so:
 * - changes are debounced: one HTML build once no change came for `debounceMs`, with every path
 *   that changed;
 * - HTML builds run one at a time; changes that arrive during one make exactly one more build,
 *   which gets all of them;
 * - a PDF follows a good HTML build, unless another HTML build is already due;
 * - everything that uses the browser (preview prints, Write PDF) runs one job at a time, and at
 *   most one preview print waits its turn: the print reads the newest HTML when it starts, so one
 *   waiting print covers any number of HTML builds.
 * The clock is injected (`timers`), so the tests drive time by hand.
 */

export interface Timers {
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export const realTimers: Timers = {
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout),
};

export interface RebuildJobs {
  /** Renders the HTML after `changed` (empty when asked for directly); true when it succeeded. */
  html(changed: string[]): Promise<boolean>;
  /** Prints the preview PDF; runs as a browser job. */
  pdf(): Promise<void>;
}

export class RebuildQueue {
  readonly #jobs: RebuildJobs;
  readonly #debounceMs: number;
  readonly #timers: Timers;
  /** Paths changed since the last HTML build started. */
  #changed = new Set<string>();
  #timer: unknown;
  #htmlBusy = false;
  #htmlRunning: Promise<void> = Promise.resolve();
  #htmlAgain = false;
  #browserWork: Promise<unknown> = Promise.resolve();
  #pdfWaiting = false;
  #closed = false;

  constructor(jobs: RebuildJobs, options: { debounceMs: number; timers?: Timers }) {
    this.#jobs = jobs;
    this.#debounceMs = options.debounceMs;
    this.#timers = options.timers ?? realTimers;
  }

  get closed(): boolean {
    return this.#closed;
  }

  /** A file changed: rebuild once no other change came for `debounceMs`. */
  changed(file: string): void {
    if (this.#closed) return;
    this.#changed.add(file);
    this.#timers.clearTimeout(this.#timer);
    this.#timer = this.#timers.setTimeout(() => {
      this.#timer = undefined;
      void this.rebuildHtml();
    }, this.#debounceMs);
  }

  /**
   * Builds the HTML now, or once more after the build in progress. Resolves when the HTML builds
   * settle (the PDF they queue is not awaited).
   */
  rebuildHtml(): Promise<void> {
    if (this.#closed) return Promise.resolve();
    if (this.#htmlBusy) {
      this.#htmlAgain = true;
      return this.#htmlRunning;
    }
    this.#htmlBusy = true;
    this.#htmlRunning = this.#buildHtmlUntilCurrent();
    return this.#htmlRunning;
  }

  async #buildHtmlUntilCurrent(): Promise<void> {
    try {
      do {
        this.#htmlAgain = false;
        const changed = [...this.#changed];
        this.#changed.clear();
        let ok = false;
        try {
          ok = await this.#jobs.html(changed);
        } catch {
          // A build that throws is a failed build; the next change builds again.
        }
        if (ok && !this.#htmlAgain) this.queuePdf();
      } while (this.#htmlAgain && !this.#closed);
    } finally {
      // Cleared in the same turn as the last look at #htmlAgain, so no request falls between.
      this.#htmlBusy = false;
    }
  }

  /** Queues a preview print, unless one already waits for the browser. */
  queuePdf(): void {
    if (this.#closed || this.#pdfWaiting) return;
    this.#pdfWaiting = true;
    this.browserJob(async () => {
      this.#pdfWaiting = false;
      if (!this.#closed) await this.#jobs.pdf();
    }).catch(() => undefined);
  }

  /** Runs `job` once the browser is free; its result or failure is the caller's. */
  browserJob<T>(job: () => Promise<T>): Promise<T> {
    const run = this.#browserWork.then(job);
    this.#browserWork = run.catch(() => undefined);
    return run;
  }

  /** Builds and prints nothing more; resolves when the work in progress has settled. */
  async close(): Promise<void> {
    this.#closed = true;
    this.#timers.clearTimeout(this.#timer);
    this.#timer = undefined;
    this.#changed.clear();
    await Promise.allSettled([this.#htmlRunning, this.#browserWork]);
  }
}

/**
 * The version of what the preview shows, one counter per pane. The page reloads a pane when its
 * version moves; a result made from an older state is served only if nothing newer was served
 * meanwhile, so a slow job never replaces a newer result with a stale one.
 */
export class Versions {
  #current = { html: 0, pdf: 0 };

  of(kind: 'html' | 'pdf'): number {
    return this.#current[kind];
  }

  /** A new result of `kind` is served: its version. */
  next(kind: 'html' | 'pdf'): number {
    return ++this.#current[kind];
  }

  /** The version for a result made from version `basis`, or undefined when it is stale. */
  nextFrom(kind: 'html' | 'pdf', basis: number): number | undefined {
    return basis === this.#current[kind] ? this.next(kind) : undefined;
  }
}
