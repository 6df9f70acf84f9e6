import { describe, expect, it, vi } from 'vitest';
import os from 'node:os';
import path from 'node:path';
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';

// A disk may list a folder in any order; listing every folder backwards shows that schemas are read
// in name order whatever the disk does, so the same broken folder gets the same message everywhere.
vi.mock('node:fs/promises', async (importOriginal) => {
  const fs = await importOriginal<typeof import('node:fs/promises')>();
  return { ...fs, readdir: async (dir: string) => (await fs.readdir(dir)).sort().reverse() };
});
import { loadData } from '../../../src/data/load-data.ts';
import { validateData } from '../../../src/data/validate-data.ts';
import { copyFixture, edit, folioError, MINI } from '../../helpers.ts';

async function problems(change: (t: string) => string, file = 'data/figures.yaml') {
  const dir = await copyFixture();
  await edit(path.join(dir, file), change);
  const error = await folioError(async () => validateData(await loadData(path.join(dir, 'data'))));
  return error.diagnostics;
}

describe('validateData', () => {
  it('accepts the fixture data', async () => {
    expect(await validateData(await loadData(path.join(MINI, 'data')))).toEqual([]);
  });

  it('reports a wrong type with the JSON pointer, file and line', async () => {
    const [d] = await problems((t) => t.replace('new: 1234', 'new: "lots"'));
    expect(d).toMatchObject({ code: 'data/schema', pointer: '/figures/members/new', line: 3, file: expect.stringMatching(/figures\.yaml$/) });
    expect(d!.message).toContain('figures.members.new must be integer');
  });

  it('reports a missing required field', async () => {
    const [d] = await problems((t) => t.replace('  returning: 4321\n', ''));
    expect(d).toMatchObject({ code: 'data/schema', pointer: '/figures/members' });
    expect(d!.message).toContain('"returning"');
  });

  it('suggests the field meant by an unknown one', async () => {
    const d = (await problems((t) => t.replace('returning: 4321', 'returnin: 4321'))).find((x) => x.hint?.startsWith('Did'));
    expect(d).toMatchObject({ code: 'data/schema', pointer: '/figures/members/returnin', line: 4 });
    expect(d!.hint).toBe('Did you mean "returning"?');
  });

  it('refuses numbers that are not finite, or absurdly large', async () => {
    const read: [string, string][] = [
      ['.nan', 'NaN'],
      ['.inf', 'Infinity'],
      ['-.inf', '-Infinity'],
      ['1e400', 'Infinity'],
      ['123456789012345678901', '123456789012345680000'],
    ];
    for (const [bad, as] of read) {
      const [d] = await problems((t) => t.replace('new: 1234', `new: ${bad}`));
      expect(d, bad).toMatchObject({
        code: 'data/not-finite',
        file: expect.stringMatching(/figures\.yaml$/),
        pointer: '/figures/members/new',
        line: 3,
        message: `figures.members.new is ${as}, which is not a usable number.`,
        hint: 'Figures must be finite numbers no larger than 9,007,199,254,740,991 (2^53 − 1); check for extra zeros.',
      });
    }
  });

  it('reports every problem at once', async () => {
    const ds = await problems((t) => t.replace('new: 1234', 'new: -1').replace('amount: 150', 'amount: "x"'));
    expect(ds.map((d) => d.pointer).sort()).toEqual(['/figures/costs/1/amount', '/figures/members/new']);
  });
});

describe('tables kept by year', () => {
  it('take any year column, require the report year\'s, and list empty figures as still to fill', async () => {
    const dir = await copyFixture();
    await edit(path.join(dir, 'data/schema/figures.schema.json'), (t) =>
      t.replace('"properties": {', '"properties": { "series": { "type": "object", "x-report-year": true, "additionalProperties": false, "patternProperties": { "^[0-9]{4}$": { "type": "integer" } } },'),
    );
    const write = (series: string) => edit(path.join(dir, 'data/figures.yaml'), (t) => t.replace(/\nseries: .*\n?$/, '') + `\nseries: ${series}\n`);
    await write('{ "2019": 1, "2023": 2, "2024": 3 }');
    expect(await validateData(await loadData(path.join(dir, 'data')))).toEqual([]);
    await write('{ "2021": 1, "2022": 2 }');
    let e = await folioError(async () => validateData(await loadData(path.join(dir, 'data'))));
    expect(e.diagnostics[0]).toMatchObject({ code: 'data/schema', pointer: '/figures/series', message: "figures.series has no figure for the report's year 2023." });
    await write('{ "2022": 2, "2023": ~ }');
    e = await folioError(async () => validateData(await loadData(path.join(dir, 'data'))));
    expect(e.diagnostics.map((d) => [d.code, d.pointer])).toEqual([['data/unfilled', '/figures/series/2023']]);
  });
});

describe('the messages a user reads', () => {
  const message = async (change: (t: string) => string) => (await problems(change)).map((d) => [d.message, d.hint]);
  const fix = 'Fix the value, or the schema if the value is right.';

  it('shows the value of the wrong type, shortening a long text', async () => {
    expect(await message((t) => t.replace('new: 1234', 'new: "lots"'))).toEqual([['figures.members.new must be integer but is "lots".', fix]]);
    const long = 'x'.repeat(45);
    expect(await message((t) => t.replace('new: 1234', `new: ${long}`))).toEqual([[`figures.members.new must be integer but is "${'x'.repeat(40)}…".`, fix]]);
    expect(await message((t) => t.replace('new: 1234', 'new: [1, 2]'))).toEqual([['figures.members.new must be integer but is a list.', fix]]);
    expect(await message((t) => t.replace('new: 1234', 'new: { a: 1 }'))).toEqual([['figures.members.new must be integer but is a map.', fix]]);
  });

  it('states a broken limit with the value, and lists the known fields when no name is close', async () => {
    expect(await message((t) => t.replace('new: 1234', 'new: -1'))).toEqual([['figures.members.new must be >= 0 (is -1).', fix]]);
    const [first] = await message((t) => t.replace('returning: 4321', 'returning: 4321\n  zzzzzzzz: 1'));
    expect(first).toEqual(['figures.members has an unknown field "zzzzzzzz".', 'Known fields: new, returning.']);
  });
});

describe('validating data held in memory', () => {
  const report = { title: 'T', organization: 'O', year: 2023, lang: 'en-US', sections: ['intro'] };
  const figures = { type: 'object', properties: { n: { type: 'integer' } } };
  /** A data folder holding only the given schema files; the data itself is passed in. */
  const folder = async (schemas: Record<string, unknown> | undefined) => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'folio-validate-'));
    if (schemas) {
      await mkdir(path.join(dir, 'schema'));
      for (const [name, schema] of Object.entries(schemas)) await writeFile(path.join(dir, 'schema', name), typeof schema === 'string' ? schema : JSON.stringify(schema));
    }
    return dir;
  };
  const loaded = (dir: string, data: Record<string, unknown>) => ({ dir, data, locate: (pointer: string) => ({ pointer }) });
  const validate = async (data: Record<string, unknown>, schemas: Record<string, unknown> | undefined = { 'data.schema.json': figures }) =>
    validateData(loaded(await folder(schemas), data));
  const found = async (data: Record<string, unknown>, schemas?: Record<string, unknown>) =>
    (await folioError(() => validate(data, schemas))).diagnostics.map((d) => [d.code, d.pointer, d.message, d.hint]);
  const fix = 'Fix the value, or the schema if the value is right.';

  it('warns that data without a schema is not validated, and still checks what folio defines', async () => {
    const dir = await folder(undefined);
    const warnings = await validateData(loaded(dir, { report, figures: { n: 'anything' } }));
    expect(warnings.map((w) => [w.code, w.message])).toEqual([['data/no-schema', `No schema/data.schema.json in ${dir}: the data is not validated.`]]);
    expect(await found({ report: { ...report, year: 'soon' } }, undefined)).toEqual([['data/schema', '/report/year', 'report.year must be integer but is "soon".', fix]]);
    expect(await validate({ report, figures: { n: 1 } })).toEqual([]);
  });

  it('checks report.yaml, prose front matter and corrections against folio\'s own schemas', async () => {
    expect(await found({ figures: {} })).toEqual([
      ['data/schema', '/report', 'report is missing the required field "title".', fix],
      ['data/schema', '/report', 'report is missing the required field "organization".', fix],
      ['data/schema', '/report', 'report is missing the required field "year".', fix],
      ['data/schema', '/report', 'report is missing the required field "lang".', fix],
      ['data/schema', '/report', 'report is missing the required field "sections".', fix],
    ]);
    expect(await found({ report, prose: { 'a~b/c': { title: 'x', body: 1 } } })).toEqual([['data/schema', '/prose/a~0b~1c/body', 'prose.a~0b~1c.body must be string but is 1.', fix]]);
    expect(await found({ report, corrections: [{ path: 'figures.n' }] })).toEqual(
      expect.arrayContaining([['data/schema', '/corrections/0', 'corrections[0] is missing the required field "label".', fix]]),
    );
    expect(await found({ report, corrections: 'none' })).toEqual([['data/schema', '/corrections', 'corrections must be array but is "none".', fix]]);
  });

  it('names the data itself for a problem at its top, and lists no fields when the schema knows none', async () => {
    const closed = { type: 'object', additionalProperties: false, properties: { figures: {} } };
    expect(await found({ report, figure: 1 }, { 'data.schema.json': closed })).toEqual([
      ['data/schema', '/figure', 'the data has an unknown field "figure".', 'Did you mean "figures"?'],
    ]);
    expect(await found({ report, extra: 1 }, { 'data.schema.json': { type: 'object', additionalProperties: false } })).toEqual([
      ['data/schema', '/extra', 'the data has an unknown field "extra".', fix],
    ]);
  });

  it('lists the allowed values of a choice, and describes a true/false value', async () => {
    const schema = { type: 'object', properties: { kind: { enum: ['bar', 'line'] }, n: { type: 'integer' } } };
    expect(await found({ report, kind: 'pie', n: true }, { 'data.schema.json': schema })).toEqual([
      ['data/schema', '/kind', 'kind must be one of "bar", "line" but is "pie".', fix],
      ['data/schema', '/n', 'n must be integer but is true.', fix],
    ]);
  });

  it('keeps a text of exactly 40 characters whole when showing it', async () => {
    expect(await found({ report, n: 'x'.repeat(40) })).toEqual([['data/schema', '/n', `n must be integer but is "${'x'.repeat(40)}".`, fix]]);
  });

  it('reports each leaf problem of alternatives once, not the alternatives themselves', async () => {
    const schema = {
      type: 'object',
      properties: {
        either: { anyOf: [{ type: 'string' }, { type: 'number' }] },
        one: { oneOf: [{ type: 'object', required: ['a'] }, { type: 'object', required: ['a'] }] },
        cond: { if: { type: 'number' }, then: { minimum: 5 } },
      },
    };
    expect(await found({ report, either: true, one: {}, cond: 2 }, { 'data.schema.json': schema })).toEqual([
      ['data/schema', '/either', 'either must be string but is true.', fix],
      ['data/schema', '/either', 'either must be number but is true.', fix],
      ['data/schema', '/one', 'one is missing the required field "a".', fix],
      ['data/schema', '/cond', 'cond must be >= 5 (is 2).', fix],
    ]);
  });

  it('requires the report year\'s column only where the schema asks for it, and only with a report year', async () => {
    const byYear = (wanted: boolean) => ({ type: 'object', properties: { series: { type: 'object', 'x-report-year': wanted } } });
    expect(await validate({ report, series: { '2022': 1 } }, { 'data.schema.json': byYear(false) })).toEqual([]);
    expect(await found({ report, series: { '2022': 1 } }, { 'data.schema.json': byYear(true) })).toEqual([
      ['data/schema', '/series', "series has no figure for the report's year 2023.", 'Add the figure for the report year (the current column), or check report.year.'],
    ]);
    const noYear: Record<string, unknown> = { ...report };
    delete noYear.year;
    const problems = await found({ report: noYear, series: { '2022': 1 } }, { 'data.schema.json': byYear(true) });
    expect(problems.map((p) => p[1])).toEqual(['/report']);
  });

  it('reads every JSON schema beside the data, and only those', async () => {
    const schemas = { 'data.schema.json': { type: 'object', properties: { figures: { $ref: 'figures.schema.json' } } }, 'figures.schema.json': figures, 'README.md': '# not a schema' };
    expect(await found({ report, figures: { n: 1.5 } }, schemas)).toEqual([['data/schema', '/figures/n', 'figures.n must be integer but is 1.5.', fix]]);
  });

  it('names a schema that is not JSON, or that cannot be compiled', async () => {
    const dir = await folder({ 'data.schema.json': '{ "type": ' });
    const broken = await folioError(() => validateData(loaded(dir, { report })));
    expect(broken.diagnostics.map((d) => [d.code, d.file])).toEqual([['data/schema-invalid', path.join(dir, 'schema/data.schema.json')]]);
    expect(broken.cause).toBeInstanceOf(SyntaxError);
    expect(broken.diagnostics[0]!.message).toMatch(/^The schema .*data\.schema\.json cannot be compiled: .*JSON/);
    const dir2 = await folder({ 'data.schema.json': { $ref: 'missing.schema.json' } });
    const unresolved = await folioError(() => validateData(loaded(dir2, { report })));
    expect(unresolved.diagnostics.map((d) => [d.code, d.file])).toEqual([['data/schema-invalid', path.join(dir2, 'schema/data.schema.json')]]);
    expect(unresolved.cause).toBeInstanceOf(Error);
    expect(unresolved.diagnostics[0]!.message).toMatch(/cannot be compiled: .*missing\.schema\.json/);
  });

  it('names the first broken schema in name order, whatever order the disk lists them in', async () => {
    const dir = await folder({ 'b.schema.json': '{', 'data.schema.json': figures, 'a.schema.json': '[' });
    const error = await folioError(() => validateData(loaded(dir, { report })));
    expect(error.diagnostics.map((d) => [d.code, d.file])).toEqual([['data/schema-invalid', path.join(dir, 'schema/a.schema.json')]]);
  });

  it('says which figure is still to fill', async () => {
    expect(await found({ report, figures: { n: null } })).toEqual([
      ['data/unfilled', '/figures/n', 'figures.n is still to fill.', "Type the figure (an empty value, ~, is what folio next-year leaves for this year's new figures)."],
    ]);
  });

  it('requires no year column when the report year is not a number, nor of a value that is not a table', async () => {
    const byYear = { type: 'object', properties: { series: { type: 'object', 'x-report-year': true }, flat: { 'x-report-year': true } } };
    const problems = await found({ report: { ...report, year: '2023' }, series: { '2022': 1 } }, { 'data.schema.json': byYear });
    expect(problems.map((p) => p[1])).toEqual(['/report/year']);
    expect(await validate({ report, series: { '2023': 1 }, flat: 5 }, { 'data.schema.json': byYear })).toEqual([]);
  });

  it('refuses a schema that asks for the year column with anything but true or false', async () => {
    const dir = await folder({ 'data.schema.json': { type: 'object', properties: { series: { 'x-report-year': 'yes' } } } });
    const error = await folioError(() => validateData(loaded(dir, { report, series: {} })));
    expect(error.diagnostics.map((d) => d.code)).toEqual(['data/schema-invalid']);
  });

  it('checks the formats a schema names, such as dates', async () => {
    const schema = { type: 'object', properties: { day: { type: 'string', format: 'date' } } };
    expect(await found({ report, day: 'soon' }, { 'data.schema.json': schema })).toEqual([['data/schema', '/day', 'day must match format "date" (is "soon").', fix]]);
  });

  it('shows a value that is not a number as the data has it where the schema wants a whole number', async () => {
    expect((await found({ report, n: NaN })).map((p) => p[2])).toEqual(['n is NaN, which is not a usable number.', 'n must be integer but is NaN.']);
  });

  it('finds a schema by the $id it declares', async () => {
    const schemas = {
      'data.schema.json': { type: 'object', properties: { figures: { $ref: 'https://example.org/figures' } } },
      'figures.schema.json': { ...figures, $id: 'https://example.org/figures' },
    };
    expect(await found({ report, figures: { n: 'x' } }, schemas)).toEqual([['data/schema', '/figures/n', 'figures.n must be integer but is "x".', fix]]);
  });

  it('accepts the largest exact figure, refuses one past it either side, and shows the value under an escaped name', async () => {
    expect(await validate({ report, big: Number.MAX_SAFE_INTEGER, small: -Number.MAX_SAFE_INTEGER })).toEqual([]);
    expect(await found({ report, big: -(Number.MAX_SAFE_INTEGER + 1), 'a/b~c': { x: NaN } })).toEqual([
      ['data/not-finite', '/big', 'big is -9007199254740992, which is not a usable number.', expect.any(String)],
      ['data/not-finite', '/a~1b~0c/x', 'a~1b~0c.x is NaN, which is not a usable number.', expect.any(String)],
    ]);
  });
});
