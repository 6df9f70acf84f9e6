import { describe, expect, it, vi } from 'vitest';
import { auditKey, auditPage } from '../../../src/browser/audit-html.ts';
import type { PrintPage } from '../../../src/browser/print-pdf.ts';
import { BuildRun } from '../../../src/util/stage.ts';

/**
 * A page that answers as Chromium does, recording what it was asked in order: the injection (axe-core's
 * source, which sets the audit running) and the question for the verdict, which it answers only
 * when the test says so.
 */
function fakePage(html: string, violations: unknown[]) {
  const calls: string[] = [];
  let answer: () => void = () => undefined;
  const answered = new Promise<void>((resolve) => (answer = resolve));
  const page = {
    setJavaScriptEnabled: async (on: boolean) => void calls.push(`js ${on}`),
    evaluate: async (what: unknown) => {
      if (typeof what === 'string') {
        calls.push(what.includes('axe.run(') && what.includes('setTimeout') ? 'inject and start' : 'other string');
        return undefined;
      }
      calls.push('ask verdict');
      await answered;
      return violations;
    },
  };
  return { printed: { page, html } as unknown as PrintPage, calls, answer };
}

const VIOLATION = { id: 'color-contrast', impact: 'serious', help: 'Elements must meet minimum color contrast ratio thresholds', helpUrl: '', nodes: [{ target: ['h2'], failureSummary: 'Fix any of the following:\n  contrast 1.2' }] };

describe('the accessibility audit', () => {
  it('says it is running once axe-core is injected and started, before its verdict comes', async () => {
    const { printed, calls, answer } = fakePage('<p>a</p>', [VIOLATION]);
    const run = new BuildRun();
    let runningAfter: string[] | undefined;
    const verdict = auditPage({ page: printed, onRunning: () => (runningAfter = [...calls]) }, run);
    await vi.waitFor(() => expect(runningAfter).toBeDefined(), { timeout: 30_000 });
    expect(runningAfter).toEqual(['js true', 'inject and start']);
    answer();
    const { key, diagnostics } = await verdict;
    expect(calls).toEqual(['js true', 'inject and start', 'ask verdict']);
    expect(key).toBe(auditKey('<p>a</p>'));
    expect(diagnostics.map((d) => [d.code, d.severity])).toEqual([['html/accessibility', 'error']]);
    expect(diagnostics[0]!.message).toContain('color-contrast');
    expect(diagnostics[0]!.message).toContain('contrast 1.2');
  });

  it('lets a verdict for the same HTML stand without asking Chromium, and says so at once', async () => {
    const { printed, calls } = fakePage('<p>a</p>', []);
    const remembered = { key: auditKey('<p>a</p>'), diagnostics: [] };
    let running = false;
    expect(await auditPage({ page: printed, remembered, onRunning: () => (running = true) }, new BuildRun())).toBe(remembered);
    expect(running).toBe(true);
    expect(calls).toEqual([]);
  });

  it('audits a changed HTML again', async () => {
    const { printed, calls, answer } = fakePage('<p>b</p>', []);
    answer();
    const verdict = await auditPage({ page: printed, remembered: { key: auditKey('<p>a</p>'), diagnostics: [] } }, new BuildRun());
    expect(verdict).toEqual({ key: auditKey('<p>b</p>'), diagnostics: [] });
    expect(calls).toEqual(['js true', 'inject and start', 'ask verdict']);
  });
});
