/**
 * What `folio --help` and `folio COMMAND --help` print: one entry per command, each with a usage
 * line, its options and an example, kept apart from the code that runs the commands so that
 * asking for help loads nothing else.
 */
import { VERSION } from '../util/package.ts';

export interface CommandHelp {
  usage: string;
  summary: string;
  options?: string;
  example: string;
}

const BUILD_OPTIONS = `  --data DIR          the report's data folder (default data/psf-2023); repeat it, or quote
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
  --compare-to OLD    after building, report what changed against OLD.pdf (pictures in out/diff)

Build options can also be set in folio.config.json (data, theme, assets, out, pageSize, profile,
bleed, pdfx, marks, inkLimit, timeoutMs, check, revisionInName); flags win.`;

export const COMMAND_HELP: Record<string, CommandHelp> = {
  init: {
    usage: 'folio init DIR',
    summary: 'a new report in DIR (new or empty), from folio\'s starter',
    example: 'folio init my-report && folio build --data my-report',
  },
  build: {
    usage: 'folio build [--data DIR] [--out FILE] [--page-size letter|a4] [--profile screen|print] [options]\n       folio build --data DIR --data DIR … [--concurrency N]   (several reports, one browser)',
    summary: 'the report as a tagged, accessible PDF (and its HTML beside it)',
    options: BUILD_OPTIONS,
    example: 'folio build --data my-report --out out/report.pdf --page-size a4',
  },
  validate: {
    usage: 'folio validate [--data DIR] [--theme DIR]',
    summary: 'everything short of the browser: data, sections, templates, charts, assets',
    example: 'folio validate --data my-report',
  },
  'next-year': {
    usage: 'folio next-year DIR --out NEWDIR',
    summary: 'next year\'s report from this year\'s (new columns left to fill, prose marked draft)',
    example: 'folio next-year data/acme-2024 --out data/acme-2025',
  },
  check: {
    usage: 'folio check FILE.pdf [FILE.pdf …] [--json]',
    summary: 'every PDF/UA-1 and navigation rule folio checks, each failure with its place',
    example: 'folio check out/report.pdf',
  },
  preflight: {
    usage: 'folio preflight FILE.pdf [--json] [--ink-limit PCT] [--pdfx x4|x1a]',
    summary: 'what a printer checks: boxes, bleed, fonts, colour, resolution, hairlines, ink, PDF/X',
    options: '  --ink-limit PCT     total ink limit (default 300)\n  --pdfx VERSION      the PDF/X version to hold the file to: x4 or x1a (default: what it claims)',
    example: 'folio preflight out/report-print.pdf --ink-limit 280',
  },
  impose: {
    usage: 'folio impose FILE.pdf (--booklet | --n-up 2|4) [--sheet auto|tabloid|a3|letter|a4] [--out FILE]',
    summary: 'a saddle-stitch booklet or an n-up handout from a built PDF',
    options: '  --booklet           pages in booklet order, two to a sheet side, blanks added to a multiple of 4\n  --n-up N            2 or 4 pages to a sheet side, in reading order\n  --sheet NAME        the press sheet (default auto: twice the page)\n  --out FILE          default FILE-booklet.pdf or FILE-Nup.pdf',
    example: 'folio impose out/report-print.pdf --booklet --sheet tabloid',
  },
  diff: {
    usage: 'folio diff OLD.pdf NEW.pdf [--diff-dir DIR] [--json]',
    summary: 'what changed between two builds, page by page: words, figures, pictures, page breaks',
    options: '  --diff-dir DIR      where the pictures of changed pages and summary.md go (default out/diff)',
    example: 'folio diff out/report-r1.pdf out/report.pdf > changes.txt',
  },
  dev: {
    usage: 'folio dev [--data DIR] [--port N] [--checks]',
    summary: 'a live preview on localhost, rebuilt on every change to the data, templates, charts or assets',
    options: '  --port N            the port (default: a free one)\n  --checks            also run the PDF checks on every rebuild',
    example: 'folio dev --data my-report --port 4000',
  },
};

const EVERYWHERE = `Everywhere:
  --json              print the result and diagnostics as JSON on stdout
  --quiet             no progress lines
  --debug             show the underlying cause and stack of an error
  -h, --help          help (folio COMMAND --help for one command)
  -v, --version       the version

Exit codes: 0 success, 1 the build, data or file has errors, 2 the command line is wrong.`;

export function generalHelp(): string {
  const width = Math.max(...Object.keys(COMMAND_HELP).map((c) => c.length));
  const lines = Object.entries(COMMAND_HELP).map(([name, h]) => `  folio ${name.padEnd(width)}  ${h.summary}`);
  return `folio ${VERSION} — turn report data into a tagged, accessible PDF\n\nCommands:\n${lines.join('\n')}\n\nBuild options:\n${BUILD_OPTIONS}\n\n${EVERYWHERE}\n\nExample:\n  ${COMMAND_HELP.build!.example}\n\nfolio COMMAND --help shows one command's usage, options and an example.`;
}

export function commandHelp(name: string): string {
  const h = COMMAND_HELP[name]!;
  const options = h.options ? `\n\nOptions:\n${h.options}` : '';
  return `folio ${name} — ${h.summary}\n\nUsage:\n  ${h.usage}${options}\n\n${EVERYWHERE}\n\nExample:\n  ${h.example}`;
}
