import { describe, expect, it } from 'vitest';
import { createEngine } from '../../../src/render/template-engine.ts';
import { formatHelpers } from '../../../src/render/helpers.ts';
import { formatter } from '../../../src/util/format.ts';
import { folioError } from '../../helpers.ts';

const engine = () => createEngine(formatHelpers(formatter('en-US', { currency: 'USD', amountsIn: 'thousands' })));
const source = (text: string) => ({ name: 'sections/x', file: '/t/sections/x.hbs', text, firstLine: 1 });
const data = { totals: { '2024': 5406, '2023': 4356 }, report: { year: 2024 } };

describe('the template engine', () => {
  it('says how to write a year key when a path spells it with a dot', async () => {
    const e = engine();
    const [problem] = e.check(source('<p>\n{{money totals.2024}}</p>'), []);
    expect(problem).toMatchObject({ code: 'template/syntax', line: 2 });
    expect(problem!.hint).toBe('A key that starts with a digit needs brackets: totals.[2024], or the get helper: (get totals "2024").');
  });

  it('reads year keys written either way', () => {
    expect(engine().run(source('{{money totals.[2024]}} / {{money (get totals report.year)}}'), data)).toBe('$5,406K / $5,406K');
  });

  it('names the line of an unknown variable inside a helper argument, even two levels deep', async () => {
    const e = await folioError(() => engine().run(source('a\nb {{money totals.x.y}}'), data));
    expect(e.diagnostics[0]).toMatchObject({ code: 'template/unknown-variable', line: 2, message: 'Unknown variable "totals.x.y".' });
  });

  it('escapes HTML unless made for plain text', () => {
    expect(engine().run(source('{{x}}'), { x: '<b>&' })).toBe('&lt;b&gt;&amp;');
    expect(createEngine({}, { escape: false }).run(source('{{x}}'), { x: '<b>&' })).toBe('<b>&');
  });

  it('renders partials, and names the partial\'s own file and line when a helper fails inside it', async () => {
    const e = engine();
    e.registerPartial({ name: 'figure', file: '/t/partials/figure.hbs', text: '\n\n{{money v}}', firstLine: 3 });
    expect(e.run(source('<p>{{> figure v=5}}</p>'), {})).toBe('<p>\n\n$5K</p>');
    const err = await folioError(() => e.run(source('{{> figure v="x"}}'), {}));
    expect(err.diagnostics).toEqual([
      { code: 'template/helper-failed', severity: 'error', message: 'Helper "money" failed: expected a money amount but got string "x"', file: '/t/partials/figure.hbs', line: 5, column: 1 },
    ]);
  });

  it('names the outer template again once a partial has returned', async () => {
    const e = engine();
    e.registerPartial({ name: 'ok', file: '/t/partials/ok.hbs', text: 'ok' });
    const err = await folioError(() => e.run(source('{{> ok}}\n {{money "x"}}'), {}));
    expect(err.diagnostics[0]).toMatchObject({ file: '/t/sections/x.hbs', line: 2, column: 2 });
  });

  it('counts lines from where the template starts in its file', async () => {
    const err = await folioError(() => engine().run({ ...source('a\n  {{#if x}}\n{{money y}}{{/if}}'), firstLine: 5 }, { x: true, y: 'no' }));
    expect(err.diagnostics[0]).toMatchObject({ code: 'template/helper-failed', line: 7, column: 1 });
    const unknown = await folioError(() => engine().run({ ...source('a\n{{nope}}'), firstLine: 10 }, {}));
    expect(unknown.diagnostics[0]).toMatchObject({ code: 'template/unknown-variable', line: 11, column: 3 });
  });

  it('counts from line 1 when a template does not say where it starts', async () => {
    const { firstLine: _, ...noStart } = source('a\n{{money "x"}}');
    expect((await folioError(() => engine().run(noStart, {}))).diagnostics[0]).toMatchObject({ line: 2, column: 1 });
    const { firstLine: __, ...noStart2 } = source('a\n{{nope}}');
    expect((await folioError(() => engine().run(noStart2, {}))).diagnostics[0]).toMatchObject({ line: 2, column: 3 });
    const { firstLine: ___, ...noStart3 } = source('a\n{{#if}}');
    expect((await folioError(() => engine().run(noStart3, {}))).diagnostics[0]).toMatchObject({ code: 'template/syntax', line: 2 });
  });

  it('reports a text field\'s problems at the field\'s own place', async () => {
    const place = { file: 'data.yaml', line: 4, pointer: '/title' };
    const unknown = await folioError(() => engine().run({ ...source('{{x}}'), place }, {}));
    expect(unknown.diagnostics).toEqual([{ code: 'template/unknown-variable', severity: 'error', message: 'Unknown variable "x".', hint: 'Check the spelling against the data files.', ...place }]);
    const failed = await folioError(() => engine().run({ ...source('{{money "x"}}'), place }, {}));
    expect(failed.diagnostics[0]).toMatchObject({ code: 'template/helper-failed', ...place });
    expect(failed.diagnostics[0]!.column).toBeUndefined();
  });

  it('names a missing helper argument by its path, or by position when it is a sub-expression', async () => {
    const byPath = await folioError(() => engine().run(source('\n{{money a.nope}}'), { a: {} }));
    expect(byPath.diagnostics[0]).toMatchObject({ code: 'template/unknown-variable', message: 'Unknown variable "a.nope".', line: 2, column: 1 });
    const bySub = await folioError(() => engine().run(source('{{concat "x" (get a "k")}}'), { a: { k: undefined } }));
    expect(bySub.diagnostics[0]!.message).toBe('Unknown variable "argument 2 of concat".');
  });

  it('keeps the cause of a failed helper', async () => {
    const e = createEngine({ boom: () => { throw new Error('bang'); } });
    const err = await folioError(() => e.run(source('{{boom 1}}'), {}));
    expect(err.diagnostics[0]!.message).toBe('Helper "boom" failed: bang');
    expect((err.cause as Error).message).toBe('bang');
  });

  it('passes on a helper\'s own folio error unchanged', async () => {
    const e = engine();
    e.registerPartial({ name: 'inner', file: '/t/partials/inner.hbs', text: '{{money "x"}}' });
    const err = await folioError(() => createEngine({ wrap: () => e.run(source('{{> inner}}'), {}) }).run(source('{{wrap 1}}'), {}));
    expect(err.diagnostics[0]).toMatchObject({ code: 'template/helper-failed', file: '/t/partials/inner.hbs' });
  });

  it('reports a missing partial met while rendering', async () => {
    const err = await folioError(() => engine().run(source('{{> nope}}'), {}));
    expect(err.diagnostics[0]).toMatchObject({ code: 'template/missing-partial', message: 'Partial "nope" does not exist.', file: '/t/sections/x.hbs' });
  });

  it('reports a syntax error met while rendering, its text on one line', async () => {
    const err = await folioError(() => engine().run(source('a {{ b'), {}));
    expect(err.diagnostics[0]).toEqual({
      code: 'template/syntax',
      severity: 'error',
      file: '/t/sections/x.hbs',
      line: 1,
      message: "Template syntax error: Parse error on line 1: a {{ b -----^ Expecting 'ID', 'STRING', 'NUMBER', 'BOOLEAN', 'UNDEFINED', 'NULL', 'DATA', got 'INVALID'",
    });
  });

  it('finds helpers and partials that do not exist before running, with a guess when one is close', () => {
    const text = '{{> sectons/cover}}\n{{mony 1}}\n{{#each x}}{{@index}}{{/each}}{{zzzzzz a=1}}{{> (lookup . "p")}}{{#> sections/cover}}x{{/sections/cover}}{{#> nope}}y{{/nope}}{{upper (slog "a")}}{{#iff x}}{{/iff}}{{plain}}{{#if x}}{{/if}}';
    const problems = engine().check(source(text), ['sections/cover', 'sections/table']);
    expect(problems.map((p) => [p.code, p.message, p.line, p.column, p.hint])).toEqual([
      ['template/missing-partial', 'Partial "sectons/cover" does not exist.', 1, 1, 'Did you mean "sections/cover"?'],
      ['template/unknown-helper', 'Unknown helper "mony".', 2, 1, 'Did you mean "money"?'],
      ['template/unknown-helper', 'Unknown helper "zzzzzz".', 3, 31, expect.stringMatching(/^Helpers: money, amount, .*, upper, if, unless, each, with, lookup, log, blockHelperMissing, helperMissing\.$/)],
      ['template/missing-partial', 'Partial "nope" does not exist.', 3, 106, 'Partials: sections/cover, sections/table.'],
      ['template/unknown-helper', 'Unknown helper "slog".', 3, 135, 'Did you mean "slug"?'],
      ['template/unknown-helper', 'Unknown helper "iff".', 3, 147, 'Did you mean "if"?'],
    ]);
  });

  it('finds nothing wrong in a template that uses only what exists', () => {
    expect(engine().check(source('{{#each xs}}{{> sections/cover}}{{money this}}{{/each}}{{@root.x}}'), ['sections/cover'])).toEqual([]);
  });

  it('reports a syntax error found before running, with the digit-key hint on its line only', () => {
    const [problem, ...rest] = engine().check({ ...source('{{#if}}\n{{totals.2024'), firstLine: 3 }, []);
    expect(rest).toEqual([]);
    expect(problem).toMatchObject({ code: 'template/syntax', line: 4, hint: 'A key that starts with a digit needs brackets: totals.[2024], or the get helper: (get totals "2024").' });
    const [other] = engine().check(source('see totals.2024\n{{#if}}'), []);
    expect(other!.hint).toBeUndefined();
  });
});

describe('the template engine, on what goes wrong', () => {
  const syntax = (message: string, extra: object = {}) => ({ code: 'template/syntax', severity: 'error', file: '/t/sections/x.hbs', message: `Template syntax error: ${message}`, ...extra });

  it('reads the line of a parse error from its text, past line nine too, with the text on one line', async () => {
    const err = await folioError(() => engine().run(source(`${'\n'.repeat(11)}a  {{ b`), {}));
    expect(err.diagnostics).toEqual([
      syntax("Parse error on line 12: a {{ b ------^ Expecting 'ID', 'STRING', 'NUMBER', 'BOOLEAN', 'UNDEFINED', 'NULL', 'DATA', got 'INVALID'", { line: 12 }),
    ]);
    expect((err.cause as Error).message).toMatch(/^Parse error on line 12:\n/);
  });

  it('reads the line of a lexical error from its text', async () => {
    const err = await folioError(() => engine().run(source('a\n\n\n\n\n\n\n\n\nb\n\u0000{{a'), {}));
    expect(err.diagnostics[0]).toMatchObject({ code: 'template/syntax', line: 11, message: expect.stringMatching(/^Template syntax error: Lexical error on line 11\. Unrecognized text\. /) });
  });

  it('drops the " - line:column" Handlebars adds to a message, and takes the line from the error', async () => {
    const err = await folioError(() => engine().run(source(`${'\n'.repeat(11)}          {{#a}}{{/b}}`), {}));
    expect(err.diagnostics).toEqual([syntax("a doesn't match b", { line: 12, column: 14 })]);
  });

  it('gives no line for a block helper\'s misuse, which Handlebars reports without one', async () => {
    const err = await folioError(() => engine().run(source('\n{{#if}}{{/if}}'), {}));
    expect(err.diagnostics).toEqual([syntax('#if requires exactly one argument')]);
  });

  it('keeps the Handlebars error as the cause of an unknown variable, a deep path and a missing partial', async () => {
    const unknown = await folioError(() => engine().run(source('{{x}}'), {}));
    expect((unknown.cause as Error).message).toMatch(/^"x" not defined in/);
    const deep = await folioError(() => engine().run(source('{{money totals.x.y}}'), data));
    expect((deep.cause as Error).message).toMatch(/reading 'y'/);
    const partial = await folioError(() => engine().run(source('{{> nope}}'), {}));
    expect((partial.cause as Error).message).toBe('The partial nope could not be found');
  });

  it('names the path that reads past a missing value, not an earlier path that shares a name with its first part', async () => {
    const err = await folioError(() => engine().run(source('{{y.z}} {{money totals.x.y}}'), { y: { z: 1 }, totals: {} }));
    expect(err.diagnostics[0]).toMatchObject({ message: 'Unknown variable "totals.x.y".', line: 1, column: 17 });
  });

  it('names the key read when no path in the template reads it, at the template\'s place', async () => {
    const context = {
      get a() {
        return (undefined as unknown as { q: number }).q;
      },
    };
    const err = await folioError(() => engine().run(source('{{money a.b}}'), context));
    expect(err.diagnostics).toEqual([
      { code: 'template/unknown-variable', severity: 'error', message: 'Unknown variable "q".', hint: 'Check the spelling against the data files.', file: '/t/sections/x.hbs' },
    ]);
  });

  it('names the partials there are when one met while rendering is missing, with a guess when one is close', async () => {
    const e = engine();
    e.registerPartial({ name: 'figure', file: '/t/partials/figure.hbs', text: 'f' });
    e.registerPartial({ name: 'chart', file: '/t/partials/chart.hbs', text: 'c' });
    expect((await folioError(() => e.run(source('{{> figur}}'), {}))).diagnostics[0]!.hint).toBe('Did you mean "figure"?');
    expect((await folioError(() => e.run(source('{{> zzzzzzz}}'), {}))).diagnostics[0]!.hint).toBe('Partials: figure, chart.');
    const none = await folioError(() => engine().run(source('{{> nope}}'), {}));
    expect(none.diagnostics).toEqual([{ code: 'template/missing-partial', severity: 'error', message: 'Partial "nope" does not exist.', file: '/t/sections/x.hbs' }]);
  });

  it('checks helpers named by a literal and by a sub-expression without arguments, and reads a null literal', () => {
    expect(engine().run(source('{{"money" 5}}'), {})).toBe('$5K');
    const problems = engine().check(source('{{null}}{{"mony" 1}}{{upper (nohelper)}}{{"money" 5}}'), []);
    expect(problems.map((p) => [p.message, p.column])).toEqual([
      ['Unknown helper "mony".', 9],
      ['Unknown helper "nohelper".', 29],
    ]);
  });
});

describe('the template engine, on parse errors that quote the template', () => {
  const problem = async (text: string) => (await folioError(() => createEngine({}).run(source(text), {}))).diagnostics[0];

  it('reports a parse error as a syntax error even where the text it quotes reads like an unknown variable', async () => {
    expect(await problem('{{}}"y" not defined in')).toEqual({
      code: 'template/syntax',
      severity: 'error',
      file: '/t/sections/x.hbs',
      line: 1,
      message: "Template syntax error: Parse error on line 1: {{}}\"y\" not defined in --^ Expecting 'ID', 'STRING', 'NUMBER', 'BOOLEAN', 'UNDEFINED', 'NULL', 'DATA', got 'CLOSE'",
    });
  });

  it('keeps a " - line:column" that is part of the quoted text', async () => {
    expect((await problem('a - 1:2 b {{#if}}'))!.message).toBe(
      "Template syntax error: Parse error on line 1: a - 1:2 b {{#if}} -----------------^ Expecting 'COMMENT', 'CONTENT', 'OPEN_RAW_BLOCK', 'OPEN_BLOCK', 'OPEN_INVERSE', 'OPEN_INVERSE_CHAIN', 'INVERSE', 'OPEN_ENDBLOCK', 'OPEN', 'OPEN_UNESCAPED', 'OPEN_PARTIAL', 'OPEN_PARTIAL_BLOCK', got 'EOF'",
    );
  });

  it('looks for a key starting with a digit on every line when the error has no line', async () => {
    expect(await problem('totals.2024\n{{#if}}{{/if}}')).toMatchObject({
      message: 'Template syntax error: #if requires exactly one argument',
      hint: 'A key that starts with a digit needs brackets: totals.[2024], or the get helper: (get totals "2024").',
    });
  });
});
