import { describe, expect, it } from 'vitest';
import path from 'node:path';
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
