/**
 * The rebuild queue without a browser, a disk or real time: the clock is a hand-driven list of
 * timers, and every job is a promise the test settles, so each assertion is about an exact state.
 */
import { describe, expect, it } from 'vitest';
import { RebuildQueue, Versions, type Timers } from '../../../src/dev/queue-rebuilds.ts';

/** Timers that fire only when the test moves the clock. */
function handClock() {
  let now = 0;
  let ids = 0;
  const due = new Map<number, { at: number; fn: () => void }>();
  const timers: Timers = {
    setTimeout(fn, ms) {
      due.set(++ids, { at: now + ms, fn });
      return ids;
    },
    clearTimeout(handle) {
      due.delete(handle as number);
    },
  };
  return {
    timers,
    pending: () => due.size,
    /** Moves the clock by `ms`, firing what falls due on the way, in order. */
    advance(ms: number) {
      const end = now + ms;
      for (;;) {
        const next = [...due].filter(([, t]) => t.at <= end).sort((a, b) => a[1].at - b[1].at || a[0] - b[0])[0];
        if (!next) break;
        due.delete(next[0]);
        now = next[1].at;
        next[1].fn();
      }
      now = end;
    },
  };
}

/** A promise the test settles by hand. */
function deferred<T>() {
  let resolve!: (v: T) => void;
  let reject!: (e: Error) => void;
  const promise = new Promise<T>((res, rej) => ((resolve = res), (reject = rej)));
  return { promise, resolve, reject };
}

/** Lets every settled promise run its continuations (no timers involved). */
const settle = () => new Promise<void>((r) => setImmediate(r));

/** Jobs that record each call and wait for the test to finish them. */
function recordingJobs() {
  const calls: string[] = [];
  const html: { changed: string[]; done: ReturnType<typeof deferred<boolean>> }[] = [];
  const pdf: ReturnType<typeof deferred<void>>[] = [];
  return {
    calls,
    html,
    pdf,
    jobs: {
      html(changed: string[]) {
        calls.push(`html ${changed.join(',')}`.trim());
        const done = deferred<boolean>();
        html.push({ changed, done });
        return done.promise;
      },
      pdf() {
        calls.push('pdf');
        const done = deferred<void>();
        pdf.push(done);
        return done.promise;
      },
    },
  };
}

function setup() {
  const clock = handClock();
  const rec = recordingJobs();
  const queue = new RebuildQueue(rec.jobs, { debounceMs: 100, timers: clock.timers });
  return { clock, queue, ...rec };
}

describe('RebuildQueue: debounce', () => {
  it('builds once, debounceMs after the last change of a burst, with every path that changed', async () => {
    const { clock, queue, calls } = setup();
    queue.changed('data/figures.yaml');
    clock.advance(60);
    queue.changed('templates/layout.hbs');
    queue.changed('data/figures.yaml');
    clock.advance(99);
    expect(calls).toEqual([]);
    clock.advance(1);
    expect(calls).toEqual(['html data/figures.yaml,templates/layout.hbs']);
    expect(clock.pending()).toBe(0);
  });

  it('builds again for a change after the build, with only that change', async () => {
    const { clock, queue, calls, html } = setup();
    queue.changed('a');
    clock.advance(100);
    html[0]!.done.resolve(false);
    await settle();
    queue.changed('b');
    clock.advance(100);
    expect(calls).toEqual(['html a', 'html b']);
  });
});

describe('RebuildQueue: one HTML build at a time', () => {
  it('coalesces the changes that arrive during a build into exactly one more build', async () => {
    const { clock, queue, calls, html, pdf } = setup();
    queue.changed('a');
    clock.advance(100);
    queue.changed('b');
    clock.advance(100);
    queue.changed('c');
    clock.advance(100);
    expect(calls).toEqual(['html a']);

    html[0]!.done.resolve(true);
    await settle();
    // The first build's PDF would be stale at once: the next build is already due, so no print.
    expect(calls).toEqual(['html a', 'html b,c']);
    html[1]!.done.resolve(true);
    await settle();
    expect(calls).toEqual(['html a', 'html b,c', 'pdf']);
    expect(pdf).toHaveLength(1);
  });

  it('rebuildHtml() during a build resolves when the extra build it caused has finished', async () => {
    const { queue, html } = setup();
    const first = queue.rebuildHtml();
    const again = queue.rebuildHtml();
    let settled = false;
    void again.then(() => (settled = true));
    html[0]!.done.resolve(true);
    await settle();
    expect([html.length, settled]).toEqual([2, false]);
    html[1]!.done.resolve(true);
    await Promise.all([first, again]);
    expect(html.map((h) => h.changed)).toEqual([[], []]);
  });

  it('prints no PDF after a failed build, and a build that throws counts as failed', async () => {
    const clock = handClock();
    const calls: string[] = [];
    let n = 0;
    const queue = new RebuildQueue(
      {
        async html() {
          calls.push('html');
          if (++n === 1) throw new Error('template broke');
          return false;
        },
        async pdf() {
          calls.push('pdf');
        },
      },
      { debounceMs: 100, timers: clock.timers },
    );
    await queue.rebuildHtml();
    await queue.rebuildHtml();
    await settle();
    expect(calls).toEqual(['html', 'html']);
    // A throwing build did not wedge the queue: the next change builds.
    queue.changed('x');
    clock.advance(100);
    expect(calls).toEqual(['html', 'html', 'html']);
  });
});

describe('RebuildQueue: one browser job at a time', () => {
  it('starts a print only when the job holding the browser is done', async () => {
    const { queue, calls, pdf } = setup();
    const write = deferred<string>();
    const written = queue.browserJob(() => {
      calls.push('write');
      return write.promise;
    });
    queue.queuePdf();
    await settle();
    expect(calls).toEqual(['write']);
    write.resolve('out/mini.pdf');
    expect(await written).toBe('out/mini.pdf');
    await settle();
    expect(calls).toEqual(['write', 'pdf']);
    pdf[0]!.resolve();
  });

  it('keeps at most one print waiting, however many are asked for during a print', async () => {
    const { queue, calls, pdf } = setup();
    queue.queuePdf();
    await settle();
    expect(calls).toEqual(['pdf']);
    queue.queuePdf();
    queue.queuePdf();
    queue.queuePdf();
    await settle();
    expect(calls).toEqual(['pdf']);
    pdf[0]!.resolve();
    await settle();
    expect(calls).toEqual(['pdf', 'pdf']);
    pdf[1]!.resolve();
    await settle();
    expect(calls).toEqual(['pdf', 'pdf']);
  });

  it('hands a failed job its failure and goes on with the next', async () => {
    const { queue, calls, pdf } = setup();
    const failing = queue.browserJob(async () => {
      throw new Error('browser crashed');
    });
    queue.queuePdf();
    await expect(failing).rejects.toThrow('browser crashed');
    await settle();
    expect(calls).toEqual(['pdf']);
    pdf[0]!.reject(new Error('print failed'));
    await settle();
    expect(await queue.browserJob(async () => 42)).toBe(42);
  });
});

describe('RebuildQueue: close', () => {
  it('drops the pending change, builds and prints nothing more, and waits for the work in progress', async () => {
    const { clock, queue, calls, html, pdf } = setup();
    queue.queuePdf();
    await settle();
    queue.changed('a');
    let closed = false;
    const closing = queue.close().then(() => (closed = true));
    expect(clock.pending()).toBe(0);
    queue.changed('b');
    queue.queuePdf();
    await queue.rebuildHtml();
    clock.advance(1_000);
    await settle();
    expect([calls, closed, queue.closed]).toEqual([['pdf'], false, true]);
    pdf[0]!.resolve();
    await closing;
    expect([calls, html.length]).toEqual([['pdf'], 0]);
  });

  it('does not build again after a close during a build, even with changes waiting', async () => {
    const { clock, queue, calls, html } = setup();
    void queue.rebuildHtml();
    queue.changed('a');
    clock.advance(100);
    const closing = queue.close();
    html[0]!.done.resolve(true);
    await closing;
    await settle();
    expect(calls).toEqual(['html']);
  });
});

describe('Versions', () => {
  it('counts what each pane served, and refuses a version to a result made from an older one', () => {
    const versions = new Versions();
    expect([versions.of('html'), versions.of('pdf')]).toEqual([0, 0]);
    expect(versions.next('html')).toBe(1);
    const basis = versions.of('html');
    expect(versions.nextFrom('html', basis)).toBe(2);
    // The result made from version 1 arrives after version 2 was served: it is stale.
    expect(versions.nextFrom('html', basis)).toBeUndefined();
    expect(versions.of('html')).toBe(2);
    expect(versions.next('pdf')).toBe(1);
    expect(versions.of('html')).toBe(2);
  });
});
