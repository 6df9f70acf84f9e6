import Handlebars from 'handlebars';
import { diagnostic, FolioError, type Diagnostic, type Place } from '../util/diagnostics.ts';
import { display } from '../util/display.ts';
import { closest } from '../util/suggest.ts';
import type { Helper } from './helpers.ts';

/** A template: a theme file, a prose body, or a text field in the data (a title, a label). */
export interface TemplateSource {
  /** Partial name (`sections/cover`, `letter`), `layout`, `prose:<name>`, or a text field's path. */
  name: string;
  file: string;
  text: string;
  /** Line in `file` where `text` starts (prose bodies sit below their front matter); default 1. */
  firstLine?: number;
  /** Where a text field is, when the template is a value in a data file (its line and pointer). */
  place?: Place;
}

// trackIds: helpers learn the paths of their arguments, to name one that does not exist (not in
// Handlebars' type definitions, but a documented compile option).
const COMPILE_OPTIONS = { strict: true, preventIndent: true, trackIds: true } as CompileOptions;

const BUILT_IN_HELPERS = ['if', 'unless', 'each', 'with', 'lookup', 'log', 'blockHelperMissing', 'helperMissing'];

// Handlebars passes every helper call's place (`loc`) and, with trackIds, its arguments' paths (`ids`).
type HelperOptions = Handlebars.HelperOptions & { loc: hbs.AST.SourceLocation; ids: unknown[] };

/**
 * Handlebars on a private instance in strict mode, where every failure names the template and the
 * line: an unknown variable, helper or partial, or a helper given the wrong kind of value.
 */
export interface TemplateEngine {
  /** Renders `source` with `context`; compiled once per source. */
  run(source: TemplateSource, context: unknown, options?: Handlebars.RuntimeOptions): string;
  /** Makes `source` callable as `{{> name}}`. */
  registerPartial(source: TemplateSource): void;
  /** Problems visible without running: syntax, unknown helpers and partials (with a guess). */
  check(source: TemplateSource, partials: string[]): Diagnostic[];
}

export function createEngine(helpers: Record<string, Helper>, settings: { escape: boolean } = { escape: true }): TemplateEngine {
  const hb = Handlebars.create();
  const stack: TemplateSource[] = [];
  const compiled = new Map<TemplateSource, HandlebarsTemplateDelegate>();
  for (const [name, fn] of Object.entries(helpers)) hb.registerHelper(name, located(name, fn, stack));
  const known = [...Object.keys(helpers), ...BUILT_IN_HELPERS];

  const run: TemplateEngine['run'] = (source, context, options) => {
    let template = compiled.get(source);
    if (!template) compiled.set(source, (template = hb.compile(source.text, { ...COMPILE_OPTIONS, noEscape: !settings.escape })));
    stack.push(source);
    try {
      return template(context, options);
    } catch (e) {
      throw toTemplateError(e, source, Object.keys(hb.partials));
    } finally {
      stack.pop();
    }
  };
  return {
    run,
    registerPartial: (source) => hb.registerPartial(source.name, ((context: unknown, options: Handlebars.RuntimeOptions) => run(source, context, options)) as never),
    check: (source, partials) => checkStatically(source, known, partials),
  };
}

/** Where a call at `loc` inside `source` is, for a person. */
export function placeOf(source: TemplateSource, loc?: { line: number; column: number }): Place {
  if (source.place) return source.place;
  return { file: display(source.file), line: loc ? loc.line + (source.firstLine ?? 1) - 1 : undefined, column: loc ? loc.column + 1 : undefined };
}

/** A helper that reports failures with the template and line it was called from. */
function located(name: string, fn: Helper, stack: TemplateSource[]) {
  return function (this: unknown, ...args: unknown[]) {
    const options = args.pop() as HelperOptions;
    // Helpers run only inside `run`, which has put its source on the stack.
    const place = placeOf(stack.at(-1)!, options.loc.start);
    // Strict mode lets a helper argument be undefined; for a report that is always a typo.
    const missing = args.findIndex((a) => a === undefined);
    if (missing >= 0) {
      // A path argument's id is its path; a sub-expression's is `true`, which names nothing.
      const id = options.ids[missing];
      throw new FolioError(diagnostic('template/unknown-variable', { name: typeof id === 'string' ? id : `argument ${missing + 1} of ${name}` }, place));
    }
    try {
      return fn.apply(this, args);
    } catch (e) {
      if (e instanceof FolioError) throw e;
      throw new FolioError(diagnostic('template/helper-failed', { name, reason: (e as Error).message }, place), { cause: e });
    }
  };
}

function checkStatically(source: TemplateSource, helpers: string[], partials: string[]): Diagnostic[] {
  let ast: hbs.AST.Program;
  try {
    ast = Handlebars.parse(source.text);
  } catch (e) {
    return [toTemplateError(e, source, partials).diagnostics[0]!];
  }
  const problems: Diagnostic[] = [];
  const at = (loc: hbs.AST.SourceLocation) => placeOf(source, loc.start);
  walk(ast, (n) => {
    if ((n.type === 'PartialStatement' || n.type === 'PartialBlockStatement') && (n.name as hbs.AST.PathExpression).type === 'PathExpression') {
      const name = (n.name as hbs.AST.PathExpression).original;
      if (!partials.includes(name)) problems.push(missingPartial(name, partials, at(n.loc)));
    }
    if (n.type === 'MustacheStatement' || n.type === 'BlockStatement' || n.type === 'SubExpression') {
      // A helper may be named by a path or by a literal (`{{"money" 5}}` calls money).
      const p = n.path as { original: unknown; data?: boolean };
      const name = String(p.original);
      const takesArgs = (n.params as unknown[]).length > 0 || n.hash !== undefined || n.type === 'SubExpression';
      if (takesArgs && !p.data && !helpers.includes(name)) {
        const guess = closest(name, helpers);
        problems.push(diagnostic('template/unknown-helper', { name, known: helpers.join(', '), hint: guess ? `Did you mean "${guess}"?` : undefined }, at(n.loc)));
      }
    }
  });
  return problems;
}

/** Every object in a parsed template, nodes and the lists and records around them; visitors look at `type`. */
function walk(node: object, visit: (n: hbs.AST.Node & Record<string, unknown>) => void): void {
  visit(node as hbs.AST.Node & Record<string, unknown>);
  // A null literal (`{{null}}`) has null values; nothing else in the tree does.
  for (const v of Object.values(node)) if (v && typeof v === 'object') walk(v, visit);
}

function missingPartial(name: string, partials: string[], place: Place): Diagnostic {
  const guess = closest(name, partials);
  return diagnostic('template/missing-partial', { name, known: partials.join(', '), hint: guess ? `Did you mean "${guess}"?` : undefined }, place);
}

/** Turns a Handlebars exception into a diagnostic naming the innermost template and its line. */
function toTemplateError(e: unknown, source: TemplateSource, partials: string[]): FolioError {
  if (e instanceof FolioError) return e;
  const err = e as Error & { lineNumber?: number; column?: number };
  const message = err.message ?? String(e);
  // The parser's and the lexer's errors carry their line only in the text.
  const parse = /(?:Parse|Lexical) error on line (\d+)/.exec(message);
  const line = err.lineNumber ?? (parse ? Number(parse[1]) : undefined);
  const place: Place = source.place ?? {
    file: display(source.file),
    line: line !== undefined ? line + (source.firstLine ?? 1) - 1 : undefined,
    column: err.column !== undefined ? err.column + 1 : undefined,
  };
  const unknown = /^"([^"]+)" not defined in/.exec(message);
  if (unknown) return new FolioError(diagnostic('template/unknown-variable', { name: unknown[1] }, place), { cause: e });
  // Strict mode checks helper arguments only one level deep: `{{money a.missing.x}}` fails as a plain
  // TypeError with no location. Find the path in the template to say where.
  const deep = /Cannot read properties of (?:undefined|null) \(reading '([^']+)'\)/.exec(message);
  if (deep) {
    const found = findPath(source, deep[1]!);
    return new FolioError(
      diagnostic('template/unknown-variable', { name: found?.original ?? deep[1] }, found ? placeOf(source, found.loc.start) : place),
      { cause: e },
    );
  }
  const partial = /The partial (\S+) could not be found/.exec(message);
  if (partial) return new FolioError(missingPartial(partial[1]!, partials, place), { cause: e });
  // Handlebars' Exception appends exactly " - line:column" to a message that has a place.
  const reason = message.replace(/ - \d+:\d+$/, '').replace(/\s+/g, ' ');
  return new FolioError(diagnostic('template/syntax', { reason, hint: digitKeyHint(source.text, line) }, place), { cause: e });
}

/**
 * `{{money totals.2024}}` is a Handlebars syntax error: a path segment cannot start with a digit.
 * Say how to write it instead of leaving the reader with the parser's message.
 */
function digitKeyHint(text: string, line: number | undefined): string | undefined {
  const lines = text.split('\n');
  const where = line !== undefined ? [lines[line - 1] ?? ''] : lines;
  for (const l of where) {
    const m = /([A-Za-z_@][\w.]*?)\.(\d[\w-]*)/.exec(l);
    if (m) return `A key that starts with a digit needs brackets: ${m[1]}.[${m[2]}], or the get helper: (get ${m[1]} "${m[2]}").`;
  }
  return undefined;
}

/** The first path expression in a template that reads `part` below its first segment. */
function findPath(source: TemplateSource, part: string): hbs.AST.PathExpression | undefined {
  let found: hbs.AST.PathExpression | undefined;
  try {
    walk(Handlebars.parse(source.text), (n) => {
      const p = n as unknown as hbs.AST.PathExpression;
      if (!found && p.type === 'PathExpression' && p.parts.slice(1).includes(part)) found = p;
    });
  } catch {
    // the template parsed before it ran; nothing to find if it no longer does
  }
  return found;
}
