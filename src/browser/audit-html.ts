import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import type { Browser } from 'puppeteer-core';
import { diagnostic, FolioError, type Diagnostic } from '../util/diagnostics.ts';
import type { AssetResolver } from '../theme/assets.ts';
import { ORIGIN, servePage } from './serve-page.ts';

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

/**
 * Runs axe-core on the HTML in the same Chromium, with print styles, before it is printed. The
 * report's own page runs no JavaScript; axe runs in a separate page that loads nothing but the
 * report (same request rules) and axe itself, injected by folio.
 */
export async function auditHtml(browser: Browser, html: string, assets: AssetResolver, timeoutMs: number): Promise<Diagnostic[]> {
  const axeSource = await readFile(require.resolve('axe-core/axe.min.js'), 'utf8');
  const page = await browser.newPage();
  try {
    await servePage(page, html, assets);
    await page.goto(ORIGIN, { waitUntil: 'load', timeout: timeoutMs });
    await page.emulateMediaType('print');
    await page.evaluate(axeSource);
    const violations = (await page.evaluate(
      async (tags) => (await (window as unknown as { axe: { run(o: object): Promise<{ violations: unknown[] }> } }).axe.run({ runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] })).violations,
      TAGS,
    )) as AxeViolation[];
    return violations.flatMap((v) =>
      v.nodes.map((n) =>
        diagnostic('html/accessibility', { rule: v.id, help: v.help, target: n.target.join(' '), summary: n.failureSummary?.split('\n').slice(1).join(' ').trim() }),
      ),
    );
  } catch (e) {
    if ((e as Error).name === 'TimeoutError') {
      throw new FolioError(diagnostic('stage/timeout', { stage: 'audit', ms: String(timeoutMs), reason: (e as Error).message.split('\n')[0] }), { cause: e });
    }
    throw new FolioError(diagnostic('print/failed', { reason: `accessibility audit: ${(e as Error).message.split('\n')[0]}` }), { cause: e });
  } finally {
    await page.close().catch(() => undefined);
  }
}
