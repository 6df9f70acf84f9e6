import { describe, expect, it } from 'vitest';
import path from 'node:path';
import { writeFile } from 'node:fs/promises';
import { renderCharts } from '../../../src/render/render-charts.ts';
import { copyFixture, edit, folioError, MINI } from '../../helpers.ts';

const report = { lang: 'en-US', year: 2023, palette: { gold: '#ECB960', blue: '#4560E5' } };
const data = { report, figures: { by_year: { '2021': 10, '2022': 20, '2023': 30 } } };

async function brokenChart(change: (spec: string) => string, d: Record<string, unknown> = data) {
  const dir = await copyFixture();
  const file = path.join(dir, 'templates/charts/bars.vl.json');
  await edit(file, change);
  return folioError(() => renderCharts(path.join(dir, 'templates/charts'), d, report));
}

describe('renderCharts', () => {
  it('renders a bound Vega-Lite spec to SVG with no warnings', async () => {
    const { charts, warnings } = await renderCharts(path.join(MINI, 'templates/charts'), data, report);
    expect(warnings).toEqual([]);
    const bars = charts.get('bars')!;
    expect(bars.svg).toMatch(/^<svg focusable="false"/);
    // One labelled image: no roles or labels inside it for Chromium to tag as nested figures.
    expect(bars.svg).not.toMatch(/\s(role|aria-[a-z]+)=/);
    expect(bars.svg.match(/<path[^>]*aria-roledescription|<path/g)!.length).toBeGreaterThan(3);
    expect(bars.svg).not.toContain('<script');
  });

  it('highlights the current year from the palette', async () => {
    const { charts } = await renderCharts(path.join(MINI, 'templates/charts'), data, report);
    const svg = charts.get('bars')!.svg;
    expect(svg.match(/fill="#4560E5"/gi)).toHaveLength(1);
    expect(svg.match(/fill="#ECB960"/gi)).toHaveLength(2);
  });

  it('writes the text alternative and data table from the data', async () => {
    const { charts } = await renderCharts(path.join(MINI, 'templates/charts'), data, report);
    const bars = charts.get('bars')!;
    expect(bars.alt).toBe('Things by year. Bar chart: 2021, 10; 2022, 20; 2023, 30.');
    expect(bars.table).toEqual({ head: ['Year', 'Count'], rows: [['2021', '10'], ['2022', '20'], ['2023', '30']] });
  });

  it('reads a second field with each value when the spec asks (a share printed beside each bar)', async () => {
    const dir = await copyFixture();
    await edit(path.join(dir, 'templates/charts/bars.vl.json'), (s) => s.replace('"alt": {', '"alt": { "also": { "field": "share", "format": "percent" },'));
    const rows = { report, figures: { by_year: [{ year: '2021', count: 10, share: 16.7 }, { year: '2022', count: 50, share: 83.3 }] } };
    const spec = path.join(dir, 'templates/charts/bars.vl.json');
    await edit(spec, (s) => s.replace(/"data": "[^"]+"(, "as": \[[^\]]*\])?/, '"data": "figures.by_year"'));
    const { charts } = await renderCharts(path.join(dir, 'templates/charts'), rows, report);
    expect(charts.get('bars')!.alt).toBe('Things by year. Bar chart: 2021, 10, 16.7%; 2022, 50, 83.3%.');
    const e = await brokenChart((s) => s.replace('"alt": {', '"alt": { "also": { "field": "shares" },'));
    expect(e.diagnostics.map((d) => [d.code, d.pointer])).toEqual([['chart/unknown-field', '/usermeta/folio/alt/also/field']]);
  });

  it('follows a changed figure into the picture and the alt text', async () => {
    const changed = { ...data, figures: { by_year: { '2021': 10, '2022': 20, '2023': 31 } } };
    const { charts } = await renderCharts(path.join(MINI, 'templates/charts'), changed, report);
    expect(charts.get('bars')!.alt).toContain('2023, 31');
  });

  it('reports a spec that is not JSON with its line', async () => {
    const e = await brokenChart((s) => s.replace('"mark": "bar",', '"mark": "bar"'));
    expect(e.code).toBe('chart/read-failed');
    expect(e.diagnostics[0]).toMatchObject({ file: expect.stringMatching(/bars\.vl\.json$/), line: 7 });
  });

  it('reports an invalid Vega-Lite spec', async () => {
    const e = await brokenChart((s) => s.replace('"mark": "bar"', '"mark": "barr"'));
    expect(e.code).toBe('chart/invalid-spec');
    expect(e.diagnostics[0]!.file).toMatch(/bars\.vl\.json$/);
  });

  it('reports a binding to data that does not exist, or is empty', async () => {
    expect((await brokenChart((s) => s.replace('figures.by_year', 'figures.by_yaer'))).code).toBe('chart/missing-data');
    const empty = { ...data, figures: { by_year: {} } };
    expect((await brokenChart((s) => s, empty)).code).toBe('chart/empty-data');
  });

  it('reports an encoded field that the rows do not have', async () => {
    const e = await brokenChart((s) => s.replace('"field": "count"', '"field": "cuont"'));
    expect(e.code).toBe('chart/unknown-field');
    expect(e.diagnostics[0]!.message).toContain('cuont');
  });

  it('refuses specs that load data from elsewhere', async () => {
    const dir = await copyFixture();
    const spec = JSON.parse(await (await import('node:fs/promises')).readFile(path.join(dir, 'templates/charts/bars.vl.json'), 'utf8'));
    spec.layer = [{ data: { url: 'file:///etc/passwd' }, mark: 'text', encoding: { text: { field: 'x' } } }, { mark: 'bar' }];
    delete spec.mark;
    await writeFile(path.join(dir, 'templates/charts/bars.vl.json'), JSON.stringify(spec));
    const e = await folioError(() => renderCharts(path.join(dir, 'templates/charts'), data, report));
    expect(['chart/invalid-spec', 'chart/unknown-field']).toContain(e.code);
  });
});
