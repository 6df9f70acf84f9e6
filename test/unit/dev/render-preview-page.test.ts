/** The preview page and its status, as strings from a described state: no server, no browser. */
import { describe, expect, it } from 'vitest';
import path from 'node:path';
import { diagnostic } from '../../../src/util/diagnostics.ts';
import type { Done } from '../../../src/dev/build-events.ts';
import { placeholder, previewPage, previewStatus, problemsHtml, sheetWidthPx, statusHtml, type PreviewView } from '../../../src/dev/render-preview-page.ts';

// Local times, so the page's clock (local time of day) reads back exactly.
const at = (h: number, m: number, s: number) => new Date(2024, 4, 6, h, m, s);
const yamlError = diagnostic('data/yaml-syntax', { reason: 'bad <indent> & "quotes"' }, { file: 'data/figures.yaml', line: 5, column: 1 });
const unsettled = diagnostic('print/contents-unsettled', { passes: '4' });

function view(over: Partial<PreviewView> = {}): PreviewView {
  return { title: 'Mini Report 2023', last: {}, htmlVersion: 0, pdfVersion: 0, hasPdf: false, pdfBuilding: false, writing: false, checks: false, ...over };
}
const ok = (kind: 'html' | 'pdf', ms: number, time: Date, diagnostics = [] as Done['diagnostics']): Done => ({ ok: true, kind, ms, at: time, diagnostics });
const failed = (kind: 'html' | 'pdf', time: Date): Done => ({ ok: false, kind, ms: 20, at: time, diagnostics: [yamlError] });

describe('previewPage', () => {
  const page = { nonce: 'n0nce+/=', sheetWidth: 868 };

  it('before any PDF: the placeholder pane, the versions the page starts from, its nonce and sheet width', () => {
    const html = previewPage(view({ title: 'A <b>"Report"</b> & Co', htmlVersion: 1 }), page);
    expect(html).toContain('<title>folio dev — A &#60;b&#62;&#34;Report&#34;&#60;/b&#62; &#38; Co</title>');
    expect(html).toContain('<iframe id="html" title="The report\'s HTML" sandbox="allow-same-origin" src="/report.html?v=1"></iframe>');
    expect(html).toContain('<iframe id="pdf" title="The report\'s PDF" src="/pdf-pending"></iframe>');
    expect(html).toContain('<div id="problems" role="alert" hidden></div>');
    expect(html).toContain('<script nonce="n0nce+/=">');
    expect(html).toContain('const shown = { html: 1, pdf: 0 };');
    expect(html).toContain('const SHEET = 868;');
    expect(html).toContain("const events = new EventSource('/events');");
    expect(html).toContain('<h1>PDF — the last one printed: the same pages as folio build (its post-processing and checks run on Write PDF)</h1>');
    expect(html.match(/<script\b/g)).toHaveLength(1);
  });

  it('with a PDF: the PDF pane at its version; with checks, says the PDF is as folio build prints it', () => {
    const html = previewPage(view({ htmlVersion: 4, pdfVersion: 3, hasPdf: true, checks: true }), page);
    expect(html).toContain('src="/report.pdf?v=3"');
    expect(html).toContain('const shown = { html: 4, pdf: 3 };');
    expect(html).toContain('<h1>PDF — the last one printed, as folio build prints it (checks as warnings)</h1>');
  });

  it('shows a failed build over the last good one, its diagnostic as text', () => {
    const html = previewPage(view({ last: { html: failed('html', at(9, 5, 7)), pdf: ok('pdf', 1240, at(9, 4, 0)) } }), page);
    expect(html).toContain('<div id="problems" role="alert"><button type="button" class="dismiss" aria-label="Hide">×</button><h2>The report could not be rendered</h2>');
    expect(html).toContain(
      '<li><span class="code">error data/yaml-syntax</span> <span class="place">data/figures.yaml:5:1</span><br>YAML syntax error: bad &#60;indent&#62; &#38; &#34;quotes&#34;<br><span class="hint">hint: ',
    );
    expect(html).not.toContain('<indent>');
  });
});

describe('statusHtml and problemsHtml', () => {
  it('says each pane\'s last build, its time and how long it took', () => {
    const s = statusHtml(view({ last: { html: ok('html', 312, at(9, 5, 7)), pdf: ok('pdf', 1240, at(9, 5, 9)) } }));
    expect(s).toBe(
      '<span>HTML: <span class="ok">✓</span> 09:05:07 · 312 ms</span> <span>PDF: <span class="ok">✓</span> 09:05:09 · 1.24 s</span>',
    );
    expect(statusHtml(view())).toBe('<span>HTML: —</span> <span>PDF: —</span>');
  });

  it('says what the browser does now, writing before printing', () => {
    expect(statusHtml(view({ pdfBuilding: true }))).toBe('<span>HTML: —</span> <span>PDF:  <span class="busy">printing…</span></span>');
    expect(statusHtml(view({ pdfBuilding: true, writing: true }))).toBe('<span>HTML: —</span> <span>PDF:  <span class="busy">writing…</span></span>');
  });

  it('lists the warnings of the good builds, and the file written', () => {
    const out = path.resolve('out', 'mini.pdf');
    const write: Done = { ok: true, kind: 'pdf', ms: 4800, at: at(10, 0, 0), diagnostics: [], outFile: out };
    const s = statusHtml(view({ last: { html: ok('html', 300, at(9, 0, 0)), pdf: ok('pdf', 900, at(9, 0, 1), [unsettled]), write } }));
    expect(s).toContain(' <span class="ok">wrote out/mini.pdf at 10:00:00</span>');
    expect(s).toContain(' <details class="warnings"><summary>1 warning</summary><ul><li><span class="code">warning print/contents-unsettled</span><br>');
    const failedPdf = statusHtml(view({ last: { html: ok('html', 300, at(9, 0, 0)), pdf: { ...failed('pdf', at(9, 0, 1)), diagnostics: [unsettled, yamlError] } } }));
    expect(failedPdf).not.toContain('warning');
  });

  it('puts the HTML\'s errors first, the print\'s only when the HTML built, and a failed write beside them', () => {
    const html = failed('html', at(9, 0, 0));
    const pdf = failed('pdf', at(9, 0, 0));
    const write = { ...failed('pdf', at(9, 0, 0)) };
    const titles = (s: string) => [...s.matchAll(/<h2>([^<]*)<\/h2>/g)].map((m) => m[1]);
    expect(titles(problemsHtml({ html, pdf }))).toEqual(['The report could not be rendered']);
    expect(titles(problemsHtml({ html: ok('html', 1, at(9, 0, 0)), pdf, write }))).toEqual(['The PDF could not be printed', 'Write PDF failed: nothing was written']);
    expect(problemsHtml({ html: ok('html', 1, at(9, 0, 0)), pdf: ok('pdf', 1, at(9, 0, 0)) })).toBe('');
  });
});

describe('previewStatus', () => {
  it('sends the versions, the builds in short, what runs, and the status and problems as the page draws them', () => {
    const v = view({ htmlVersion: 2, pdfVersion: 1, pdfBuilding: true, last: { html: failed('html', at(9, 0, 0)) } });
    expect(previewStatus(v)).toEqual({
      htmlVersion: 2,
      pdfVersion: 1,
      html: { ok: false, kind: 'html', ms: 20, at: at(9, 0, 0).toISOString(), diagnostics: [yamlError] },
      pdf: undefined,
      write: undefined,
      pdfBuilding: true,
      writing: false,
      statusHtml: statusHtml(v),
      problemsHtml: problemsHtml(v.last),
    });
  });
});

describe('sheetWidthPx and placeholder', () => {
  it('is the page and its bleed in CSS pixels (96 to the inch), plus the pane\'s 52 px of margin', () => {
    expect(sheetWidthPx({ width: '8.5in', bleed: '0in' })).toBe(816 + 52);
    expect(sheetWidthPx({ width: '8.5in', bleed: '0.125in' })).toBe(840 + 52);
    expect(sheetWidthPx({ width: '210mm', bleed: '3mm' })).toBe(Math.ceil(((210 + 6) / 25.4) * 96) + 52);
  });

  it('says its text as text', () => {
    expect(placeholder('Printing <the> PDF…')).toContain('>Printing &#60;the&#62; PDF…</body></html>');
  });
});
