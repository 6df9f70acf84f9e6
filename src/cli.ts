/**
 * The command line: parse, answer --version and --help, hand the command to its runner, and turn
 * what went wrong into a readable story and an exit code. The runners (cli/commands.ts) load the
 * library only when a command needs it, so `folio --version` and `--help` start in a blink.
 */
import { diagnostic, formatDiagnostic, formatDiagnostics, toFolioError } from './util/diagnostics.ts';
import { VERSION } from './util/package.ts';
import { parse } from './cli/args.ts';
import { COMMAND_HELP, commandHelp, generalHelp } from './cli/help.ts';
import { causes, usage, type Io } from './cli/output.ts';

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
  if (command === 'help') return void io.out.write(`${positionals[1] && COMMAND_HELP[positionals[1]] ? commandHelp(positionals[1]) : generalHelp()}\n`), 0;
  if (!COMMAND_HELP[command]) {
    io.err.write(`${formatDiagnostic(diagnostic('config/unknown-command', { command }))}\n`);
    return 2;
  }
  if (values.help) return void io.out.write(`${commandHelp(command)}\n`), 0;
  const run = (await import('./cli/commands.ts')).COMMANDS[command]!;
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
