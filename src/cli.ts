import { parseArgs } from 'node:util';
import path from 'node:path';
import { readdirSync } from 'node:fs';
import {
  buildReport,
  buildReports,
  checkPdfFiles,
  diffPdfFiles,
  imposePdfFile,
  preflightPdfFile,
  validateReport,
  formatDiagnostic,
  initReport,
  nextYear,
  VERSION,
  type CheckedFile,
  type Diagnostic,
  type DiffReport,
  type Options,
} from './index.ts';
import { diagnostic, formatDiagnostics, toFolioError } from './util/diagnostics.ts';
import { listenForKeys, startPreview } from './dev/serve-preview.ts';
import { whileRunning } from './util/cleanup.ts';
import { display } from './util/display.ts';

const HELP = `folio ${VERSION} — turn report data into a tagged, accessible PDF

Usage:
  folio init      DIR                  a new report in DIR, from folio's starter
  folio build     [--data DIR] [--out FILE] [--page-size letter|a4] [--profile screen|print] [options]
  folio build     --data DIR --data DIR … [--concurrency N]   (several reports, one browser)
  folio validate  [--data DIR]         everything short of the browser: data, sections, templates, charts, assets
  folio next-year DIR --out NEWDIR     next year's report from this year's (new columns left to fill)
  folio check     FILE.pdf [FILE.pdf …] [--json]
  folio preflight FILE.pdf [--json] [--ink-limit PCT] [--pdfx x4|x1a]
  folio impose    FILE.pdf (--booklet | --n-up 2|4) [--sheet auto|tabloid|a3|letter|a4] [--out FILE]
  folio diff      OLD.pdf NEW.pdf [--diff-dir DIR] [--json]   what changed, page by page
  folio dev       [--data DIR] [--port N] [--checks]   live preview on localhost

Build options:
  --data DIR          the report's data folder (default data/psf-2023); repeat it, or quote
                      a glob ('data/*'), to build several reports
  --concurrency N     reports built at once in a batch (default: the number of cores)
  --theme DIR         the theme: layout, section kinds, styles, chart specs (default: folio's;
                      the report's own templates/ folder overrides it file by file)
  --assets DIR        the theme's assets (the report's own assets/ folder is searched first)
  --out FILE          PDF to write (default out/<report slug>.pdf; the HTML goes beside it)
  --page-size SIZE    letter (default) or a4
  --profile NAME      screen (default): the accessible PDF/UA download;
                      print: CMYK PDF/X with bleed and crop marks (out/<slug>-print.pdf)
  --bleed LENGTH      print bleed, e.g. 3mm or 0.125in (default 0.125in on letter, 3mm on A4)
  --pdfx VERSION      x4 (default) or x1a
  --marks LIST        printer's marks: crop,registration (default), crop, or none
  --ink-limit PCT     preflight's total ink limit (default 300)
  --timeout MS        limit for each browser stage (default 120000)
  --no-check          write the PDF even if it fails its checks (reported as warnings)
  --revision-in-name  name the file by revision: out/<slug>-r2.pdf
  --compare-to OLD    after building, report what changed against OLD.pdf (images in out/diff)

Everywhere:
  --json              print the result and diagnostics as JSON on stdout
  --quiet             no progress lines
  --debug             show the underlying cause and stack of an error
  -h, --help          this help
  -v, --version       the version

Build options can also be set in folio.config.json (data, theme, assets, out, pageSize,
profile, bleed, pdfx, marks, inkLimit, timeoutMs, check, revisionInName); flags win. Exit codes: 0 success,
1 the build, data or file has errors, 2 the command line is wrong.`;

type Values = ReturnType<typeof parse>['values'];
interface Io {
  out: NodeJS.WritableStream;
  err: NodeJS.WritableStream;
}

/** Runs the CLI and returns the exit code; `bin/folio.js` is the only caller that exits. */
export async function main(argv: string[], io: Io = { out: process.stdout, err: process.stderr }): Promise<number> {
  let args: ReturnType<typeof parse>;
  try {
    args = parse(argv);
  } catch (e) {
    return usage(io, (e as Error).message);
  }
  const { values, positionals } = args;
  if (values.version) return void io.out.write(`${VERSION}\n`), 0;
  const command = positionals[0] ?? (values.help ? 'help' : 'build');
  if (values.help || command === 'help') return void io.out.write(`${HELP}\n`), 0;
  const run = COMMANDS[command];
  if (!run) {
    io.err.write(`${formatDiagnostic(diagnostic('config/unknown-command', { command }))}\n`);
    return 2;
  }
  const file = positionals[1];
  if (run.needsFile && !file) return usage(io, command === 'init' || command === 'next-year' ? `name the report folder: folio ${command} DIR` : `name the PDF: folio ${command} FILE.pdf`);
  try {
    return await run.action(values, file!, io, positionals.slice(2));
  } catch (e) {
    const error = toFolioError(e);
    if (values.json) io.out.write(`${JSON.stringify({ ok: false, diagnostics: error.diagnostics }, null, 2)}\n`);
    else {
      io.err.write(`✗ ${command} failed\n\n${formatDiagnostics(error.diagnostics)}\n`);
      if (values.debug) io.err.write(`\n${causes(error)}\n`);
      else if (error.code === 'internal/error') io.err.write('\n(run again with --debug for the stack trace)\n');
    }
    return 1;
  }
}

interface Command {
  /** Takes a PDF as its argument (`folio check FILE.pdf`). */
  needsFile?: boolean;
  action(v: Values, file: string, io: Io, more: string[]): Promise<number>;
}

const COMMANDS: Record<string, Command> = {
  /** A new report from the starter. */
  init: {
    needsFile: true,
    async action(v, dir, io) {
      const result = await initReport(dir);
      if (v.json) io.out.write(`${JSON.stringify({ ok: true, ...result }, null, 2)}\n`);
      else if (!v.quiet) {
        const at = display(result.dir);
        io.err.write(`✓ wrote a starter report to ${at} (${result.files.length} files)\n\n`);
        io.err.write(`  folio build --data ${at}          build it (the PDF goes to out/)\n`);
        io.err.write(`  folio validate --data ${at}       check your edits without the browser\n`);
        io.err.write(`  edit ${at}/report.yaml (title, organization, year, colours, sections) and the data files beside it\n`);
      }
      return 0;
    },
  },

  /** Next year's report from this year's. */
  'next-year': {
    needsFile: true,
    async action(v, dir, io) {
      if (!v.out) return usage(io, 'name the new folder: folio next-year DIR --out NEWDIR');
      const result = await nextYear(dir, v.out);
      if (v.json) io.out.write(`${JSON.stringify({ ok: true, ...result }, null, 2)}\n`);
      else if (!v.quiet) {
        const columns = Object.entries(result.columns);
        io.err.write(`✓ wrote the ${result.year} report to ${display(result.dir)}\n`);
        io.err.write(`  new ${result.year} columns to fill: ${columns.map(([f, n]) => `${f} (${n})`).join(', ') || 'none'}\n`);
        if (result.kept.length) io.err.write(`  kept as they were (check them): ${result.kept.join(', ')}\n`);
        if (result.drafts.length) io.err.write(`  prose marked draft: ${result.drafts.length} file(s)\n`);
        if (result.corrections) io.err.write(`  corrections cleared: ${result.corrections}\n`);
        io.err.write(`  folio validate --data ${display(result.dir)} lists every figure still to fill\n`);
      }
      return 0;
    },
  },

  build: {
    async action(v, _file, io) {
      const data = expandData(v.data ?? []);
      if (data.length > 1) return batch(v, data, io);
      const started = performance.now();
      const progress = (line: string) => !v.quiet && !v.json && io.err.write(`${line}\n`);
      const result = await buildReport(buildOptions(v), {
        onStage: ({ stage, ms }) => progress(`  ${stage.padEnd(13)} ${formatMs(ms).padStart(8)}`),
      });
      const total = performance.now() - started;
      report(v, io, result.diagnostics);
      if (v['compare-to']) {
        const changes = await diffPdfFiles(v['compare-to'], result.outFile, { outDir: v['diff-dir'] });
        if (!v.json) printDiff(v, io, changes);
      }
      if (v.json) {
        const { outFile, htmlFile, diagnostics, timings } = result;
        io.out.write(`${JSON.stringify({ ok: true, outFile, htmlFile, bytes: result.pdf.length, ms: Math.round(total), timings, diagnostics }, null, 2)}\n`);
      } else {
        progress(`✓ wrote ${display(result.outFile)} (${(result.pdf.length / 1024).toFixed(0)} KiB) and ${display(result.htmlFile)} in ${formatMs(total)}`);
      }
      return 0;
    },
  },

  validate: {
    async action(v, _file, io) {
      const { diagnostics } = await validateReport(buildOptions(v));
      report(v, io, diagnostics);
      if (v.json) io.out.write(`${JSON.stringify({ ok: true, diagnostics }, null, 2)}\n`);
      else if (!v.quiet) io.err.write(`✓ ${display(buildOptions(v).data ?? 'data/psf-2023')}: data, sections, templates, charts and assets are valid\n`);
      return 0;
    },
  },

  /** Every PDF/UA-1 and navigation rule, each failure with its place; several files at once. */
  check: {
    needsFile: true,
    async action(v, file, io, more) {
      const results = await checkPdfFiles([file, ...more]);
      const ok = results.every((r) => r.ok);
      if (v.json) {
        const files = results.map(({ file, ok, pages, failures, unreadable, diagnostics }) => ({ file, ok, pages, failures, ...(unreadable ? { diagnostics } : {}) }));
        // One file's result is also at the top level, as before several files were taken.
        io.out.write(`${JSON.stringify({ ok, rules: results[0]!.rules, ...(files.length === 1 ? files[0] : {}), files }, null, 2)}\n`);
        return ok ? 0 : 1;
      }
      for (const r of results) {
        report(v, io, r.diagnostics);
        io.err.write(`${checkSummary(r)}\n`);
      }
      if (results.length > 1) io.err.write(`${results.filter((r) => r.ok).length} of ${results.length} files pass\n`);
      return ok ? 0 : 1;
    },
  },

  /** What a printer checks before printing. */
  preflight: {
    needsFile: true,
    async action(v, file, io) {
      const result = await preflightPdfFile(file, {
        inkLimit: v['ink-limit'] === undefined ? undefined : Number(v['ink-limit']),
        pdfx: v.pdfx as 'x4' | 'x1a' | undefined,
      });
      const errors = result.issues.filter((i) => i.severity === 'error').length;
      if (v.json) {
        const { diagnostics: _, ...rest } = result;
        io.out.write(`${JSON.stringify({ ok: errors === 0, file, ...rest }, null, 2)}\n`);
      } else {
        const boxes = result.pages[0];
        io.err.write(`${file}: ${result.pages.length} pages${result.pdfx ? `, ${result.pdfx}` : ''}\n`);
        if (boxes) io.err.write(`  page 1 boxes: media ${boxes.mediaBox.join(' ')}; bleed ${boxes.bleedBox?.join(' ') ?? '—'}; trim ${boxes.trimBox?.join(' ') ?? '—'}\n`);
        io.err.write(`  colour spaces: ${result.colourSpaces.join(', ') || '—'}\n`);
        io.err.write(`  fonts: ${result.fonts.map((f) => `${f.name}${f.embedded ? '' : ' (NOT embedded)'}`).join(', ') || '—'}\n`);
        if (result.outputIntent) io.err.write(`  output intent: ${result.outputIntent.identifier}\n`);
        report(v, io, result.diagnostics);
        io.err.write(errors === 0 ? '✓ ready for print\n' : `✗ ${errors} error(s)\n`);
      }
      return errors === 0 ? 0 : 1;
    },
  },

  /** What changed between two builds: pages, words, figures, pixels, page breaks. */
  diff: {
    needsFile: true,
    async action(v, file, io, [other]) {
      if (!other) return usage(io, 'name both PDFs: folio diff OLD.pdf NEW.pdf');
      if (!v.quiet && !v.json) io.err.write(`comparing ${display(file)} with ${display(other)} …\n`);
      return printDiff(v, io, await diffPdfFiles(file, other, { outDir: v['diff-dir'] }));
    },
  },

  /** Live preview: rebuilds on every change to data, templates, charts or assets. */
  dev: {
    async action(v, _file, io) {
      const port = v.port === undefined ? undefined : Number(v.port);
      if (port !== undefined && !(Number.isInteger(port) && port >= 0 && port < 65536)) return usage(io, '--port takes a port number');
      const server = await startPreview(buildOptions(v), { port, checks: v.checks, log: (line) => io.err.write(`${line}\n`) });
      const stopKeys = process.stdin.isTTY ? listenForKeys(server) : () => undefined;
      io.err.write(`folio dev: ${server.url} (watching; p + Enter writes the PDF; Ctrl-C stops)\n`);
      // Runs until interrupted: the signal handler (bin/folio.js) runs this cleanup.
      await new Promise<void>((resolve) =>
        whileRunning(async () => {
          stopKeys();
          await server.close();
          resolve();
        }),
      );
      return 0;
    },
  },

  /** Saddle-stitch booklets and n-up handouts. */
  impose: {
    needsFile: true,
    async action(v, file, io) {
      if (!v.booklet === !v['n-up']) return usage(io, 'choose one of --booklet or --n-up 2|4');
      const nUp = v['n-up'] === undefined ? undefined : Number(v['n-up']);
      if (nUp !== undefined && nUp !== 2 && nUp !== 4) return usage(io, '--n-up takes 2 or 4');
      const out = v.out ?? file.replace(/\.pdf$/i, '') + (v.booklet ? '-booklet.pdf' : `-${nUp}up.pdf`);
      const result = await imposePdfFile(file, { mode: v.booklet ? 'booklet' : 'n-up', nUp: nUp as 2 | 4 | undefined, sheet: v.sheet as never }, out);
      report(v, io, result.diagnostics);
      if (v.json) io.out.write(`${JSON.stringify({ ok: true, ...result }, null, 2)}\n`);
      else io.err.write(`✓ wrote ${display(out)}: ${result.sheets} sheet(s), ${result.sides} side(s) on ${result.sheet.name}, ${result.blanks} blank(s)\n`);
      return 0;
    },
  },
};

/** `folio build --data a --data b …`: one browser, a pool of pages, a summary with each time. */
async function batch(v: Values, data: string[], io: Io): Promise<number> {
  if (v.out) return usage(io, '--out names one file; with several --data folders each report is written to out/<its slug>.pdf');
  const concurrency = v.concurrency === undefined ? undefined : Number(v.concurrency);
  if (concurrency !== undefined && !(Number.isInteger(concurrency) && concurrency > 0)) return usage(io, '--concurrency takes a whole number above 0');
  const started = performance.now();
  const results = await buildReports(data.map((d) => ({ ...buildOptions(v), data: d })), { concurrency });
  const failed = results.filter((r) => !r.ok).length;
  if (v.json) {
    io.out.write(`${JSON.stringify({ ok: failed === 0, ms: Math.round(performance.now() - started), results }, null, 2)}\n`);
  } else {
    for (const r of results) {
      io.err.write(`${r.ok ? '✓' : '✗'} ${display(r.data).padEnd(28)} ${formatMs(r.ms).padStart(8)}  ${r.ok ? display(r.outFile!) : r.diagnostics[0]?.code ?? ''}\n`);
      if (!r.ok) for (const d of r.diagnostics) io.err.write(`${formatDiagnostic(d)}\n`);
    }
    io.err.write(`${results.length - failed} of ${results.length} built in ${formatMs(performance.now() - started)}\n`);
  }
  return failed === 0 ? 0 : 1;
}

/** `--data 'data/*'` (quoted, so the shell leaves it): every folder that matches. */
function expandData(list: string[]): string[] {
  return list.flatMap((entry) => {
    if (!entry.includes('*')) return [entry];
    const dir = path.dirname(entry);
    const pattern = new RegExp(`^${path.basename(entry).replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*')}$`);
    const names = readdirSync(dir, { withFileTypes: true }).filter((d) => d.isDirectory() && pattern.test(d.name)).map((d) => path.join(dir, d.name));
    return names.sort();
  });
}

/**
 * The change report on stdout, so `folio diff a.pdf b.pdf > changes.txt` keeps it: one line per
 * changed page, then the summary; `--json` prints all of it. Where the pictures went is progress,
 * on stderr.
 */
function printDiff(v: Values, io: Io, changes: DiffReport): number {
  if (v.json) {
    io.out.write(`${JSON.stringify(changes, null, 2)}\n`);
    return 0;
  }
  for (const page of changes.changed) {
    const what = page.status === 'changed' ? page.what : `${page.status} page`;
    io.out.write(`${page.status === 'removed' ? 'old ' : ''}p. ${page.page}: ${what}${page.image ? ` (${display(page.image)})` : ''}\n`);
  }
  io.out.write(`${changes.summary}\n`);
  if (!v.quiet) io.err.write(`pictures of the changed pages, summary.md and summary.json: ${display(v['diff-dir'] ?? path.join('out', 'diff'))}\n`);
  return 0;
}

function buildOptions(v: Values): Partial<Options> {
  return {
    data: v.data?.[0],
    theme: v.theme ?? v.templates,
    assets: v.assets,
    out: v.out,
    pageSize: v['page-size'] as Options['pageSize'] | undefined,
    timeoutMs: v.timeout === undefined ? undefined : Number(v.timeout),
    check: v['no-check'] ? false : undefined,
    profile: v.profile as Options['profile'] | undefined,
    bleed: v.bleed,
    pdfx: v.pdfx as Options['pdfx'] | undefined,
    marks: v.marks === undefined ? undefined : ((v.marks === 'none' ? [] : v.marks.split(',')) as Options['marks']),
    inkLimit: v['ink-limit'] === undefined ? undefined : Number(v['ink-limit']),
    revisionInName: v['revision-in-name'] || undefined,
  };
}

function report(v: Values, io: Io, diagnostics: Diagnostic[]) {
  if (!v.json && diagnostics.length > 0) io.err.write(`${formatDiagnostics(diagnostics)}\n`);
}

function checkSummary(r: CheckedFile): string {
  if (r.unreadable) return `✗ ${r.file}: not checked`;
  const failed = new Set(r.failures.map((f) => f.rule)).size;
  return r.ok ? `✓ ${r.file}: passes all ${r.rules.length} rules (${r.pages} pages)` : `✗ ${r.file}: ${r.failures.length} failure(s) of ${failed} of ${r.rules.length} rules`;
}

function usage(io: Io, reason: string): number {
  io.err.write(`${formatDiagnostic(diagnostic('config/invalid', { option: 'on the command line', reason }))}\n`);
  return 2;
}

function parse(argv: string[]) {
  return parseArgs({
    args: argv,
    allowPositionals: true,
    strict: true,
    options: {
      data: { type: 'string', multiple: true },
      concurrency: { type: 'string' },
      theme: { type: 'string' },
      templates: { type: 'string' },
      assets: { type: 'string' },
      out: { type: 'string' },
      'page-size': { type: 'string' },
      timeout: { type: 'string' },
      'no-check': { type: 'boolean' },
      profile: { type: 'string' },
      bleed: { type: 'string' },
      pdfx: { type: 'string' },
      marks: { type: 'string' },
      'ink-limit': { type: 'string' },
      'revision-in-name': { type: 'boolean' },
      port: { type: 'string' },
      'compare-to': { type: 'string' },
      'diff-dir': { type: 'string' },
      checks: { type: 'boolean' },
      booklet: { type: 'boolean' },
      'n-up': { type: 'string' },
      sheet: { type: 'string' },
      json: { type: 'boolean' },
      quiet: { type: 'boolean' },
      debug: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
      version: { type: 'boolean', short: 'v' },
    },
  });
}

/** The chain of causes, outermost first: what a developer needs, and a user does not. */
function causes(e: unknown): string {
  const lines: string[] = [];
  for (let c: unknown = e; c; c = (c as { cause?: unknown }).cause) {
    lines.push(c instanceof Error ? (c.stack ?? c.message) : String(c));
    if (!(c instanceof Error)) break;
  }
  return lines.join('\n\ncaused by: ');
}

const formatMs = (ms: number) => (ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${Math.round(ms)} ms`);
