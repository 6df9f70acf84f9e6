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
} from '../index.ts';
import { whileRunning } from '../util/cleanup.ts';
import { display } from '../util/display.ts';
import { buildOptions, type Values } from './args.ts';
import { checkSummary, formatMs, printDiff, report, usage, type Io } from './output.ts';

export interface Command {
  /** Takes a PDF as its argument (`folio check FILE.pdf`). */
  needsFile?: boolean;
  action(v: Values, file: string, io: Io, more: string[]): Promise<number>;
}

export const COMMANDS: Record<string, Command> = {
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
      // The preview's server and watcher load only when asked for.
      const { listenForKeys, startPreview } = await import('../dev/serve-preview.ts');
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

