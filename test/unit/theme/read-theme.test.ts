import { describe, expect, it } from 'vitest';
import path from 'node:path';
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import os from 'node:os';
import { readTheme } from '../../../src/theme/read-theme.ts';
import { folioError } from '../../helpers.ts';

/** A theme and a report folder with the given files (relative path → text). */
async function folders(theme: Record<string, string>, report: Record<string, string>) {
  const root = await mkdtemp(path.join(os.tmpdir(), 'folio-theme-'));
  const write = async (dir: string, files: Record<string, string>) => {
    for (const [rel, text] of Object.entries(files)) {
      await mkdir(path.dirname(path.join(dir, rel)), { recursive: true });
      await writeFile(path.join(dir, rel), text);
    }
  };
  await write(path.join(root, 'theme'), theme);
  await write(path.join(root, 'report'), report);
  return { theme: path.join(root, 'theme'), report: path.join(root, 'report') };
}

describe('readTheme: the report first, then the theme', () => {
  it('takes a report template over the theme one of the same name, and adds the report\'s own', async () => {
    const d = await folders(
      { 'layout.hbs': 'theme layout', 'sections/letter.hbs': 'theme letter', 'partials/quote.hbs': 'theme quote' },
      { 'templates/sections/letter.hbs': 'report letter', 'templates/sections/pycon.hbs': 'report kind' },
    );
    const t = await readTheme(d.theme, d.report);
    const byName = Object.fromEntries(t.templates.map((s) => [s.name, [s.text, s.origin]]));
    expect(byName).toEqual({
      layout: ['theme layout', 'theme'],
      'sections/letter': ['report letter', 'report'],
      'sections/pycon': ['report kind', 'report'],
      quote: ['theme quote', 'theme'],
    });
  });

  it('joins styles by file name: a report file replaces the theme\'s of that name, others add on, in name order', async () => {
    const d = await folders({ 'styles/10-base.css': 'a', 'styles/30-sections.css': 'b' }, { 'templates/styles/30-sections.css': 'B', 'templates/styles/50-own.css': 'c' });
    const t = await readTheme(d.theme, d.report);
    expect(t.styles.map((s) => [s.name, s.text])).toEqual([
      ['10-base.css', 'a'],
      ['30-sections.css', 'B'],
      ['50-own.css', 'c'],
    ]);
  });

  it('finds chart specs in both, the report\'s first, and merges the report\'s chart config over the theme\'s', async () => {
    const d = await folders(
      { 'charts/bars.vl.json': '{}', 'charts/pie.vl.json': '{}', 'charts/config.json': JSON.stringify({ font: 'Inter', axis: { labelColor: 'var(--text)', gridColor: 'var(--grid)' } }) },
      { 'templates/charts/bars.vl.json': '{}', 'templates/charts/config.json': JSON.stringify({ axis: { gridColor: 'var(--rule)' } }) },
    );
    const t = await readTheme(d.theme, d.report);
    expect(t.charts.get('bars')).toBe(path.join(d.report, 'templates/charts/bars.vl.json'));
    expect(t.charts.get('pie')).toBe(path.join(d.theme, 'charts/pie.vl.json'));
    expect(t.chartConfig).toEqual({ font: 'Inter', axis: { labelColor: 'var(--text)', gridColor: 'var(--rule)' } });
  });

  it('reads the theme\'s roles and its section kinds\' schemas', async () => {
    const d = await folders({ 'theme.yaml': 'name: plain\nroles:\n  ink: "#111111"\n', 'sections/cover.schema.json': '{"properties":{"kicker":{"type":"string"}}}' }, {});
    const t = await readTheme(d.theme, d.report);
    expect(t.manifest).toEqual({ name: 'plain', roles: { ink: '#111111' } });
    expect(t.sectionSchemas.get('cover')!.schema).toEqual({ properties: { kicker: { type: 'string' } } });
  });

  it('names a broken theme file and its place', async () => {
    const yaml = await folders({ 'theme.yaml': 'roles: [ink' }, {});
    expect((await folioError(() => readTheme(yaml.theme, yaml.report))).diagnostics[0]).toMatchObject({ code: 'theme/invalid', file: expect.stringMatching(/theme\.yaml$/) });
    const json = await folders({ 'charts/config.json': '{ "font": "Inter", }' }, {});
    expect((await folioError(() => readTheme(json.theme, json.report))).diagnostics[0]).toMatchObject({ code: 'chart/read-failed', file: expect.stringMatching(/config\.json$/), line: 1 });
  });
});
