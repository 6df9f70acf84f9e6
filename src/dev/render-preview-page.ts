/**
 * The preview page (`/`) and the status it keeps current, from a plain description of the
 * preview's state: no I/O here, so the page is tested as a string.
 *
 * The page shows the report's HTML and its PDF side by side, a status line (the last build of
 * each, warnings in a drop-down) and, when the last build failed, an overlay with its errors over
 * the last good build. Its one script (allowed by a per-server nonce) listens to `/events`: a
 * `reload` event reloads one pane, a `status` event redraws the status and the overlay. Everything
 * that came from the report's data is escaped: the page shows it as text, never as markup.
 */
import { formatPlace, type Diagnostic } from '../util/diagnostics.ts';
import { display } from '../util/display.ts';
import { toPoints, type PageGeometry } from '../config/options.ts';
import { formatMs, summary, type Done, type LastBuilds } from './build-events.ts';

export interface PreviewView {
  /** The report's title and year, or its data folder before the first good build. */
  title: string;
  last: LastBuilds;
  htmlVersion: number;
  pdfVersion: number;
  /** Whether a PDF has been printed yet (until then the pane shows a placeholder). */
  hasPdf: boolean;
  pdfBuilding: boolean;
  writing: boolean;
  /** Preview PDFs through the whole pipeline (`--checks`). */
  checks: boolean;
}

/** The JSON of `/status` and of each `status` event: the page redraws itself from it. */
export function previewStatus(view: PreviewView) {
  const { last } = view;
  return {
    htmlVersion: view.htmlVersion,
    pdfVersion: view.pdfVersion,
    html: last.html && summary(last.html),
    pdf: last.pdf && summary(last.pdf),
    write: last.write && summary(last.write),
    pdfBuilding: view.pdfBuilding,
    writing: view.writing,
    statusHtml: statusHtml(view),
    problemsHtml: problemsHtml(last),
  };
}

/** The status line: each pane's last build, what runs now, the last write, the warnings. */
export function statusHtml(view: PreviewView): string {
  const { last } = view;
  const part = (label: string, d: Done | undefined, busy: string | false) => {
    const now = busy ? ` <span class="busy">${busy}</span>` : '';
    if (!d) return `<span>${label}: ${busy ? '' : '—'}${now}</span>`;
    const mark = d.ok ? '<span class="ok">✓</span>' : '<span class="bad">✗ failed</span>';
    return `<span>${label}: ${mark} ${esc(clock(d.at))} · ${esc(formatMs(d.ms))}${now}</span>`;
  };
  const warnings = [...(last.html?.ok ? last.html.diagnostics : []), ...(last.pdf?.ok ? last.pdf.diagnostics : [])].filter((d) => d.severity === 'warning');
  const write = last.write?.ok ? ` <span class="ok">wrote ${esc(display(last.write.outFile!))} at ${esc(clock(last.write.at))}</span>` : '';
  const list = warnings.length
    ? ` <details class="warnings"><summary>${warnings.length} warning${warnings.length === 1 ? '' : 's'}</summary><ul>${warnings.map((d) => `<li>${diagnosticHtml(d)}</li>`).join('')}</ul></details>`
    : '';
  const busy = view.writing ? 'writing…' : view.pdfBuilding ? 'printing…' : false;
  return `${part('HTML', last.html, false)} ${part('PDF', last.pdf, busy)}${write}${list}`;
}

/** The overlay's contents: the errors of the failed builds, or '' when the last ones succeeded. */
export function problemsHtml(last: LastBuilds): string {
  const groups: [string, Done][] = [];
  if (last.html && !last.html.ok) groups.push(['The report could not be rendered', last.html]);
  else if (last.pdf && !last.pdf.ok) groups.push(['The PDF could not be printed', last.pdf]);
  if (last.write && !last.write.ok) groups.push(['Write PDF failed: nothing was written', last.write]);
  if (groups.length === 0) return '';
  const body = groups
    .map(([title, d]) => {
      const errors = d.diagnostics.filter((x) => x.severity === 'error');
      return `<h2>${esc(title)}</h2><ul>${errors.map((x) => `<li>${diagnosticHtml(x)}</li>`).join('')}</ul>`;
    })
    .join('');
  return `<button type="button" class="dismiss" aria-label="Hide">×</button>${body}<p class="note">The preview shows the last good build. Fix the file and save: this clears by itself.</p>`;
}

/** The width in CSS pixels the HTML pane needs for one sheet (page and bleed) and its margin. */
export function sheetWidthPx(geometry: Pick<PageGeometry, 'width' | 'bleed'>): number {
  return Math.ceil(((toPoints(geometry.width) + 2 * toPoints(geometry.bleed)) * 96) / 72) + 52;
}

/** The preview page; `nonce` lets its one script run under the page's CSP. */
export function previewPage(view: PreviewView, page: { nonce: string; sheetWidth: number }): string {
  const problems = problemsHtml(view.last);
  const pdfNote = view.checks ? ', as folio build prints it (checks as warnings)' : ': the same pages as folio build (its post-processing and checks run on Write PDF)';
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>folio dev — ${esc(view.title)}</title>
<style>
${PAGE_STYLE}</style>
</head>
<body>
<header>
<strong>folio dev</strong>
<span id="status" aria-live="polite">${statusHtml(view)}</span>
<button id="write" type="button">Write PDF</button>
<span id="wrote" role="status"></span>
</header>
<main>
<section aria-label="HTML preview">
<h1>HTML — the print styles on screen, as one long page (page breaks, running heads and page numbers: see the PDF)</h1>
<div class="fit" id="html-pane"><iframe id="html" title="The report's HTML" sandbox="allow-same-origin" src="/report.html?v=${view.htmlVersion}"></iframe></div>
</section>
<section aria-label="PDF preview">
<h1>PDF — the last one printed${pdfNote}</h1>
<iframe id="pdf" title="The report's PDF" src="${view.hasPdf ? `/report.pdf?v=${view.pdfVersion}` : '/pdf-pending'}"></iframe>
</section>
<div id="problems" role="alert"${problems ? '' : ' hidden'}>${problems}</div>
</main>
<script nonce="${page.nonce}">
const $ = (id) => document.getElementById(id);
const shown = { html: ${view.htmlVersion}, pdf: ${view.hasPdf ? view.pdfVersion : 0} };
// The sheet is a page wide: scale the frame down to fit a narrower pane (the report is not touched).
const SHEET = ${page.sheetWidth};
${PAGE_SCRIPT}</script>
</body>
</html>
`;
}

/** A page that only says `text` (a pane with nothing to show yet). */
export function placeholder(text: string): string {
  return `<!doctype html><html lang="en"><meta charset="utf-8"><title>folio dev</title><body style="font: 14px system-ui, sans-serif; color: #444; display: grid; place-items: center; height: 90vh; margin: 0">${esc(text)}</body></html>`;
}

function diagnosticHtml(d: Diagnostic): string {
  const place = formatPlace(d);
  return (
    `<span class="code">${esc(d.severity)} ${esc(d.code)}</span>${place ? ` <span class="place">${esc(place)}</span>` : ''}` +
    `<br>${esc(d.message)}${d.hint ? `<br><span class="hint">hint: ${esc(d.hint)}</span>` : ''}`
  );
}

export function esc(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

const clock = (d: Date) => d.toTimeString().slice(0, 8);

const PAGE_STYLE = `:root { font: 13px/1.4 system-ui, sans-serif; color-scheme: light; }
body { margin: 0; height: 100vh; display: grid; grid-template-rows: auto 1fr; }
header { display: flex; flex-wrap: wrap; gap: .4em 1.2em; align-items: center; padding: 6px 12px; background: #1f2430; color: #e8e8ee; position: relative; z-index: 2; }
header strong { font-weight: 700; }
.ok { color: #7ee08a; } .bad { color: #ff8f8f; font-weight: 600; } .busy { color: #f2c66d; }
#status { display: flex; flex-wrap: wrap; gap: .3em 1.2em; align-items: center; flex: 1; }
details.warnings { position: relative; color: #f2c66d; }
details.warnings ul { position: absolute; top: 1.6em; left: 0; width: min(46em, 80vw); max-height: 60vh; overflow: auto; margin: 0; padding: 8px 8px 8px 24px; background: #fff; color: #222; border: 1px solid #999; box-shadow: 0 4px 16px rgba(0,0,0,.3); }
button { font: inherit; padding: 3px 12px; cursor: pointer; }
main { display: grid; grid-template-columns: 1fr 1fr; min-height: 0; position: relative; }
main section { display: flex; flex-direction: column; min-height: 0; border-left: 1px solid #bbb; }
main h1 { font-size: 12px; font-weight: 600; margin: 0; padding: 4px 10px; background: #eceef3; color: #333; }
iframe { flex: 1; border: 0; width: 100%; background: #d9dae0; }
.fit { flex: 1; position: relative; overflow: hidden; background: #d9dae0; }
.fit iframe { position: absolute; top: 0; left: 0; transform-origin: 0 0; }
#problems { position: absolute; inset: 0; overflow: auto; background: rgba(40, 12, 12, .94); color: #fff; padding: 20px 32px; z-index: 1; }
#problems[hidden] { display: none; }
#problems h2 { font-size: 16px; margin: 0 0 8px; color: #ffb0b0; }
#problems ul { list-style: none; padding: 0; margin: 0 0 20px; }
#problems li { margin: 0 0 14px; }
.dismiss { float: right; background: none; color: #fff; border: 1px solid #888; }
.code { font-family: ui-monospace, monospace; font-weight: 600; }
.place { font-family: ui-monospace, monospace; opacity: .85; }
.hint { opacity: .85; }
.note { opacity: .7; }
`;

/** The page's script after its three values (`$`, `shown`, `SHEET`): it has no other input. */
const PAGE_SCRIPT = `function fit() {
  const pane = $('html-pane'), frame = $('html');
  const k = Math.min(1, pane.clientWidth / SHEET);
  frame.style.width = pane.clientWidth / k + 'px';
  frame.style.height = pane.clientHeight / k + 'px';
  frame.style.transform = 'scale(' + k + ')';
}
new ResizeObserver(fit).observe($('html-pane'));
fit();
function reload(kind, version) {
  if (shown[kind] === version) return;
  shown[kind] = version;
  const frame = $(kind);
  if (kind === 'html') {
    // Keep the place in the report across reloads (same origin; the report itself runs no script).
    let x = 0, y = 0;
    try { x = frame.contentWindow.scrollX; y = frame.contentWindow.scrollY; } catch {}
    frame.addEventListener('load', () => { try { frame.contentWindow.scrollTo(x, y); } catch {} }, { once: true });
    frame.src = '/report.html?v=' + version;
  } else {
    frame.src = '/report.pdf?v=' + version;
  }
}
function showStatus(s) {
  $('status').innerHTML = s.statusHtml;
  const p = $('problems');
  p.innerHTML = s.problemsHtml;
  p.hidden = !s.problemsHtml;
  if (s.htmlVersion) reload('html', s.htmlVersion);
  if (s.pdfVersion) reload('pdf', s.pdfVersion);
}
const events = new EventSource('/events');
events.addEventListener('status', (e) => showStatus(JSON.parse(e.data)));
events.addEventListener('reload', (e) => { const r = JSON.parse(e.data); reload(r.kind, r.version); });
$('problems').addEventListener('click', (e) => { if (e.target.closest('.dismiss')) $('problems').hidden = true; });
$('write').addEventListener('click', async () => {
  const button = $('write');
  button.disabled = true;
  $('wrote').textContent = 'Writing the PDF…';
  try {
    const r = await (await fetch('/write-pdf', { method: 'POST' })).json();
    $('wrote').textContent = r.ok ? 'Wrote ' + r.outFile : 'Write PDF failed: ' + r.diagnostics.map((d) => d.code).join(', ');
  } catch (e) {
    $('wrote').textContent = 'Write PDF failed: ' + e.message;
  } finally {
    button.disabled = false;
  }
});
`;
