import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { diagnostic, FolioError, type Diagnostic } from '../util/diagnostics.ts';
import type { Run } from '../util/stage.ts';
import type { PrintPage } from './print-pdf.ts';

const require = createRequire(import.meta.url);

/** The WCAG 2.2 A and AA rules of axe-core (colour contrast among them). */
const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  helpUrl: string;
  nodes: { target: string[]; failureSummary?: string }[];
}

/** An audit's verdict, and the HTML (with axe-core's version and rules) it was given for. */
export interface AuditVerdict {
  key: string;
  diagnostics: Diagnostic[];
}

export interface AuditInput {
  /** The page printed last, still showing the HTML it printed. */
  page: PrintPage;
  /** The verdict of an earlier audit: it stands for the same HTML. */
  remembered?: AuditVerdict;
  /**
   * Called once axe-core runs in Chromium (or no audit is needed). Node answers Chromium only between
   * its own tasks: work started before this would hold the audit's set-up, not run beside it.
   */
  onRunning?: () => void;
}

const AXE_VERSION = (require('axe-core/package.json') as { version: string }).version;
let axeSource: Promise<string> | undefined;

/** What an audit's verdict depends on: axe-core's version, its rules, and the HTML. */
export function auditKey(html: string): string {
  return createHash('sha256').update(`axe-core ${AXE_VERSION}\n${TAGS.join(',')}\n`).update(html).digest('hex');
}

/**
 * Runs axe-core, with print styles, on the page that was printed — in place, after the last print,
 * so no second page loads the report and Node post-processes and checks the PDF meanwhile. The
 * report's own JavaScript never ran (the page loaded with it off); it is turned on afterwards for
 * axe, which folio injects. An unchanged HTML is not audited again: the verdict it had stands.
 */
export async function auditPage({ page, remembered, onRunning }: AuditInput, run: Run): Promise<AuditVerdict> {
  const key = auditKey(page.html);
  if (remembered?.key === key) {
    onRunning?.();
    run.report(remembered.diagnostics);
    return remembered;
  }
  const diagnostics = (await violations(page, onRunning)).flatMap((v) =>
    v.nodes.map((n) => diagnostic('html/accessibility', { rule: v.id, help: v.help, target: n.target.join(' '), summary: n.failureSummary?.split('\n').slice(1).join(' ').trim() })),
  );
  run.report(diagnostics);
  return { key, diagnostics };
}

const RESULT = '__folioAudit';

/** Sets axe-core running in the page, then waits for its answer: two round trips while Node is idle, then one. */
async function violations({ page }: PrintPage, onRunning?: () => void): Promise<AxeViolation[]> {
  try {
    await page.setJavaScriptEnabled(true);
    const options = JSON.stringify({ runOnly: { type: 'tag', values: TAGS }, resultTypes: ['violations'] });
    // axe.run does most of its work before it first yields: started from a timer, it runs after this call has returned.
    const start = `window.${RESULT} = new Promise((r) => setTimeout(r, 0)).then(() => axe.run(${options}))`;
    await page.evaluate(`${await (axeSource ??= readFile(require.resolve('axe-core/axe.min.js'), 'utf8'))}\n;void (${start});`);
    onRunning?.();
    return (await page.evaluate(async (name) => (await (window as unknown as Record<string, Promise<{ violations: unknown[] }>>)[name]!).violations, RESULT)) as AxeViolation[];
  } catch (e) {
    onRunning?.();
    throw new FolioError(diagnostic('print/failed', { reason: `accessibility audit: ${(e as Error).message.split('\n')[0]}` }), { cause: e });
  }
}
