import { parseArgs } from 'node:util';
import path from 'node:path';
import { buildReport, checkPdfFile, validateReport, formatDiagnostic, VERSION, type Diagnostic, type Options } from './index.ts';
import { FolioError, diagnostic, toFolioError } from './diagnostics.ts';

const HELP = `folio ${VERSION} — turn report data into a tagged, accessible PDF

Usage:
  folio build    [--data DIR] [--out FILE] [--page-size letter|a4] [options]
  folio validate [--data DIR] [options]
  folio check    FILE.pdf [--json]

Options:
  --data DIR          the report's data folder (default data/psf-2023)
  --templates DIR     templates folder (default templates)
  --assets DIR        assets folder (default assets)
  --out FILE          PDF to write (default out/<report slug>.pdf; the HTML goes beside it)
  --page-size SIZE    letter (default) or a4
  --profile NAME      screen (default): the accessible PDF/UA download;
                      print: CMYK PDF/X with bleed and crop marks (out/<slug>-print.pdf)
  --bleed LENGTH      print bleed, e.g. 3mm or 0.125in (default 0.125in on letter, 3mm on A4)
  --pdfx VERSION      x4 (default) or x1a
  --marks LIST        printer's marks: crop,registration (default), crop, or none
  --ink-limit PCT     preflight's total ink limit (default 300)
  --timeout MS        limit for each browser stage (default 120000)
  --no-check          write the PDF even if it fails an accessibility check (as warnings)
  --json              print the result and diagnostics as JSON on stdout
  --quiet             no progress lines
  --debug             show the underlying cause and stack of an error
  -h, --help          this help
  -v, --version       the version

Options can also be set in folio.config.json (same names: data, templates, assets, out,
pageSize, timeoutMs, check); flags win. Exit codes: 0 success, 1 the build or data has errors,
2 the command line is wrong.`;

/** Runs the CLI and returns the exit code; `bin/folio.js` is the only caller that exits. */
export async function main(argv: string[], io = { out: process.stdout, err: process.stderr }): Promise<number> {
  let args: ReturnType<typeof parse>;
  try {
    args = parse(argv);
  } catch (e) {
    const d = diagnostic('config/invalid', { option: 'on the command line', reason: (e as Error).message });
    io.err.write(`${formatDiagnostic(d)}\n`);
    return 2;
  }
  const { values, positionals } = args;
  if (values.version) return void io.out.write(`${VERSION}\n`), 0;
  const command = positionals[0] ?? (values.help ? 'help' : 'build');
  if (values.help || command === 'help') return void io.out.write(`${HELP}\n`), 0;
  if (command === 'check') return check(positionals[1], values.json ?? false, io);
  if (command !== 'build' && command !== 'validate') {
    io.err.write(`${formatDiagnostic(diagnostic('config/unknown-command', { command }))}\n`);
    return 2;
  }

  const options: Partial<Options> = {
    data: values.data,
    templates: values.templates,
    assets: values.assets,
    out: values.out,
    pageSize: values['page-size'] as Options['pageSize'] | undefined,
    timeoutMs: values.timeout === undefined ? undefined : Number(values.timeout),
    check: values['no-check'] ? false : undefined,
    profile: values.profile as Options['profile'] | undefined,
    bleed: values.bleed,
    pdfx: values.pdfx as Options['pdfx'] | undefined,
    marks: values.marks === undefined ? undefined : (values.marks === 'none' ? [] : values.marks.split(',')) as Options['marks'],
    inkLimit: values['ink-limit'] === undefined ? undefined : Number(values['ink-limit']),
  };
  const progress = (line: string) => !values.quiet && !values.json && io.err.write(`${line}\n`);
  const started = performance.now();
  try {
    if (command === 'validate') {
      const { diagnostics } = await validateReport(options);
      report(diagnostics);
      if (values.json) io.out.write(`${JSON.stringify({ ok: true, diagnostics }, null, 2)}\n`);
      else progress('✓ data is valid');
      return 0;
    }
    const result = await buildReport(options, {
      onStage: ({ stage, ms }) => progress(`  ${stage.padEnd(13)} ${formatMs(ms).padStart(8)}`),
    });
    report(result.diagnostics);
    const total = performance.now() - started;
    if (values.json) {
      const { outFile, htmlFile, diagnostics, timings } = result;
      io.out.write(`${JSON.stringify({ ok: true, outFile, htmlFile, bytes: result.pdf.length, ms: Math.round(total), timings, diagnostics }, null, 2)}\n`);
    } else {
      progress(`✓ wrote ${rel(result.outFile)} (${(result.pdf.length / 1024).toFixed(0)} KiB) and ${rel(result.htmlFile)} in ${formatMs(total)}`);
    }
    return 0;
  } catch (e) {
    const error = toFolioError(e);
    if (values.json) io.out.write(`${JSON.stringify({ ok: false, diagnostics: error.diagnostics }, null, 2)}\n`);
    else {
      io.err.write(`✗ ${command} failed\n\n${error.diagnostics.map(formatDiagnostic).join('\n\n')}\n`);
      if (values.debug) io.err.write(`\n${causes(error)}\n`);
      else if (error.code === 'internal/error') io.err.write('\n(run again with --debug for the stack trace)\n');
    }
    return 1;
  }

  function report(diagnostics: Diagnostic[]) {
    if (!values.json) for (const d of diagnostics) io.err.write(`${formatDiagnostic(d)}\n`);
  }
}

/** `folio check FILE.pdf`: every PDF/UA-1 and navigation rule, each failure with its place. */
async function check(file: string | undefined, json: boolean, io: { out: NodeJS.WritableStream; err: NodeJS.WritableStream }): Promise<number> {
  if (!file) {
    io.err.write(`${formatDiagnostic(diagnostic('config/invalid', { option: 'check', reason: 'name the PDF to check: folio check FILE.pdf' }))}\n`);
    return 2;
  }
  try {
    const result = await checkPdfFile(file);
    const ok = result.failures.length === 0;
    if (json) {
      io.out.write(`${JSON.stringify({ ok, file, pages: result.pages, rules: result.rules, failures: result.failures }, null, 2)}\n`);
    } else {
      for (const d of result.diagnostics) io.err.write(`${formatDiagnostic(d)}\n`);
      const failed = new Set(result.failures.map((f) => f.rule)).size;
      io.err.write(
        ok
          ? `✓ ${file}: passes all ${result.rules.length} rules (${result.pages} pages)\n`
          : `✗ ${file}: ${result.failures.length} failure(s) of ${failed} of ${result.rules.length} rules\n`,
      );
    }
    return ok ? 0 : 1;
  } catch (e) {
    const error = toFolioError(e);
    if (json) io.out.write(`${JSON.stringify({ ok: false, diagnostics: error.diagnostics }, null, 2)}\n`);
    else io.err.write(`✗ check failed\n\n${error.diagnostics.map(formatDiagnostic).join('\n\n')}\n`);
    return 1;
  }
}

function parse(argv: string[]) {
  return parseArgs({
    args: argv,
    allowPositionals: true,
    strict: true,
    options: {
      data: { type: 'string' },
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
const rel = (p: string) => path.relative(process.cwd(), p) || p;

export { FolioError };
