import { describe, expect, it } from 'vitest';
import path from 'node:path';
import { readFile, writeFile } from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { pathToFileURL } from 'node:url';
import { renderCharts, type DrawnSvg } from '../../../src/render/render-charts.ts';
import { formatter } from '../../../src/util/format.ts';
import { createTextRenderer } from '../../../src/render/render-text.ts';
import type { ChartRef } from '../../../src/render/resolve-sections.ts';
import { readTheme } from '../../../src/theme/read-theme.ts';
import { resolveColours } from '../../../src/theme/resolve-colours.ts';
import { copyFixture, edit, folioError, MINI } from '../../helpers.ts';

const report = { lang: 'en-US', year: 2023, palette: { gold: '#ECB960', blue: '#4560E5' } };
const data = { report, figures: { by_year: { '2021': 10, '2022': 20, '2023': 30 } } };
const BARS: ChartRef = { id: 'bars', spec: 'bars', overrides: {}, place: { file: 'report.yaml', pointer: '/report/sections/1/charts/0' } };

/** The mini theme's charts, drawn as a section that uses `refs` would draw them. */
async function render(dir = MINI, d: Record<string, unknown> = data, refs: ChartRef[] = [BARS], drawn?: Map<string, DrawnSvg>) {
  const theme = await readTheme(path.join(dir, 'templates'), path.join(dir, 'data'));
  const fmt = formatter('en-US', { currency: 'USD', amountsIn: 'thousands' });
  const colours = resolveColours(report.palette, {}, {}, () => ({}));
  return renderCharts({ refs, specs: theme.charts, config: theme.chartConfig, data: d, year: 2023, lang: 'en-US', currency: 'USD', fmt, colours, renderText: createTextRenderer(fmt, d), ...(drawn ? { drawn } : {}) });
}

async function brokenChart(change: (spec: string) => string, d: Record<string, unknown> = data) {
  const dir = await copyFixture();
  const file = path.join(dir, 'templates/charts/bars.vl.json');
  await edit(file, change);
  return folioError(() => render(dir, d));
}

describe('renderCharts', () => {
  it('renders a bound Vega-Lite spec to SVG with no warnings', async () => {
    const { charts, warnings } = await render();
    expect(warnings).toEqual([]);
    const bars = charts.get('bars')!;
    expect(bars.svg).toMatch(/^<svg focusable="false"/);
    // One labelled image: no roles or labels inside it for Chromium to tag as nested figures.
    expect(bars.svg).not.toMatch(/\s(role|aria-[a-z]+)=/);
    expect(bars.svg.match(/<path[^>]*aria-roledescription|<path/g)!.length).toBeGreaterThan(3);
    expect(bars.svg).not.toContain('<script');
  });

  it('highlights the current year from the palette', async () => {
    const { charts } = await render();
    const svg = charts.get('bars')!.svg;
    expect(svg.match(/fill="#4560E5"/gi)).toHaveLength(1);
    expect(svg.match(/fill="#ECB960"/gi)).toHaveLength(2);
  });

  it('writes the text alternative and data table from the data', async () => {
    const { charts } = await render();
    const bars = charts.get('bars')!;
    expect(bars.alt).toBe('Things by year. Bar chart: 2021, 10; 2022, 20; 2023, 30.');
    expect(bars.table).toEqual({ head: ['Year', 'Count'], rows: [['2021', '10'], ['2022', '20'], ['2023', '30']] });
  });

  it('follows a changed figure into the picture and the alt text', async () => {
    const changed = { ...data, figures: { by_year: { '2021': 10, '2022': 20, '2023': 31 } } };
    const bars = (await render(MINI, changed)).charts.get('bars')!;
    expect(bars.alt).toBe('Things by year. Bar chart: 2021, 10; 2022, 20; 2023, 31.');
    // The picture: each bar as tall as its figure (10 : 20 : 31), the current year's the highlighted one.
    const drawn = [...bars.svg.matchAll(/<path d="M[\d.]+,[\d.]+h[\d.]+v([\d.]+)h-[\d.]+Z" fill="(#[0-9A-F]{6})"/gi)].map((m) => ({ height: Number(m[1]), fill: m[2]!.toUpperCase() }));
    expect(drawn.map((b) => b.fill)).toEqual(['#ECB960', '#ECB960', '#4560E5']);
    const unit = drawn[0]!.height / 10;
    expect(drawn.map((b) => b.height / unit)).toEqual([10, expect.closeTo(20, 9), expect.closeTo(31, 9)]);
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

  it('refuses specs that load data from elsewhere: a file or a URL, each of which would otherwise draw', async () => {
    // The external rows have the bound rows' fields, so the spec passes every other check: only
    // the loader's refusal can fail it.
    const dir = await copyFixture();
    const rows = JSON.stringify([{ year: '2020', count: 5 }]);
    await writeFile(path.join(dir, 'rows.json'), rows);
    const requests: string[] = [];
    const server = http.createServer((req, res) => {
      requests.push(req.url ?? '');
      res.setHeader('content-type', 'application/json');
      res.end(rows);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const file = path.join(dir, 'templates/charts/bars.vl.json');
      const spec = JSON.parse(await readFile(file, 'utf8'));
      const { mark, encoding } = spec;
      delete spec.mark;
      delete spec.encoding;
      const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      for (const url of [pathToFileURL(path.join(dir, 'rows.json')).href, `${origin}/rows.json`]) {
        spec.layer = [{ mark, encoding }, { data: { url }, mark, encoding }];
        await writeFile(file, JSON.stringify(spec));
        const e = await folioError(() => render(dir));
        expect(e.diagnostics, url).toHaveLength(1);
        expect(e.diagnostics[0], url).toMatchObject({ code: 'chart/invalid-spec', file: expect.stringMatching(/bars\.vl\.json$/) });
        expect(e.diagnostics[0]!.message, url).toContain(`charts cannot load external data (${url})`);
      }
      expect(requests).toEqual([]);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });
});

describe('charts as a report renderer needs them', () => {
  /** A theme folder holding one spec, `chart`, bound by `ref` (a section's overrides). */
  async function draw(spec: Record<string, unknown>, overrides: Record<string, unknown> = {}, d: Record<string, unknown> = data, lang = 'en-US') {
    const dir = await copyFixture();
    await writeFile(path.join(dir, 'templates/charts/chart.vl.json'), JSON.stringify(spec));
    const theme = await readTheme(path.join(dir, 'templates'), path.join(dir, 'data'));
    const fmt = formatter(lang, { currency: 'USD', amountsIn: 'thousands' });
    const colours = resolveColours(report.palette, {}, { current: '#3355dd' }, () => ({}));
    const refs: ChartRef[] = [{ id: 'chart', spec: 'chart', overrides, place: { file: 'report.yaml', pointer: '/report/sections/3/charts/0' } }];
    return renderCharts({ refs, specs: theme.charts, config: theme.chartConfig, data: d, year: 2023, lang, currency: 'USD', fmt, colours, renderText: createTextRenderer(fmt, d) });
  }
  const bars = (extra: Record<string, unknown> = {}) => ({
    title: 'Things, {{chart.first}}–{{chart.last}}',
    width: 200,
    height: 100,
    usermeta: { folio: { data: 'figures.by_year', as: ['year', 'count'], alt: { kind: 'Bar chart', label: 'year', value: 'count', format: 'money' }, fields: { label: '{{money count}}' } } },
    mark: 'bar',
    encoding: { x: { field: 'year', type: 'ordinal' }, y: { field: 'count', type: 'quantitative' }, color: { value: 'var(--current)' } },
    ...extra,
  });

  it('titles the chart from a template over the data: heading, alt text and table caption alike', async () => {
    const { charts } = await draw(bars());
    const c = charts.get('chart')!;
    expect(c.title).toBe('Things, 2021–2023');
    expect(c.alt).toBe('Things, 2021–2023. Bar chart: 2021, $10K; 2022, $20K; 2023, $30K.');
    expect(c.svg).toContain('fill="#3355dd"');
  });

  it('takes the binding from the section that uses the spec: its data, title and alt', async () => {
    const d = { ...data, other: { by_year: { '2019': 1, '2020': 2 } } };
    const { charts } = await draw(bars(), { data: 'other.by_year', title: 'Others since {{chart.first}}', alt: { kind: 'Column chart' } }, d);
    expect(charts.get('chart')!.alt).toBe('Others since 2019. Column chart: 2019, $1K; 2020, $2K.');
  });

  it('writes chart labels with the report\'s helpers, in its language', async () => {
    const { charts } = await draw(bars({ layer: [{ mark: 'bar' }, { mark: 'text', encoding: { text: { field: 'label' } } }], mark: undefined }), {}, data, 'de-DE');
    expect(charts.get('chart')!.svg).toMatch(/30\s+Tausend\s+\$/);
    expect(charts.get('chart')!.alt).toMatch(/2023, 30\s+Tausend\s+\$/);
  });

  it('refuses a title that is not text, rather than printing [object Object]', async () => {
    const e = await folioError(() => draw(bars({ title: { text: { expr: "'Things'" } } })));
    expect(e.diagnostics[0]).toMatchObject({ code: 'chart/invalid-title', file: expect.stringMatching(/chart\.vl\.json$/), pointer: '/title' });
  });

  it('fails when a value falls outside a domain the spec fixes, naming the chart, the value and the domain', async () => {
    const spec = bars();
    (spec.encoding as Record<string, Record<string, unknown>>).y!.scale = { domain: [0, 25] };
    const e = await folioError(() => draw(spec));
    expect(e.diagnostics[0]).toMatchObject({ code: 'chart/clipped', pointer: '/encoding/y/scale' });
    expect(e.diagnostics[0]!.message).toBe('Chart chart fixes the count scale to [0, 25], but the data has 30: it would be drawn past the axis.');
  });

  it('recognises the fields any Vega-Lite transform makes', async () => {
    const spec = bars({
      transform: [
        { window: [{ op: 'rank', as: 'rank' }] },
        { joinaggregate: [{ op: 'sum', field: 'count', as: 'total' }] },
        { aggregate: [{ op: 'max', field: 'count', as: 'most' }], groupby: ['year', 'rank', 'total'] },
        { fold: ['most'] },
      ],
      encoding: { x: { field: 'year', type: 'ordinal' }, y: { field: 'value', type: 'quantitative' }, color: { field: 'key' }, opacity: { field: 'rank' }, size: { field: 'total' } },
    });
    const { charts } = await draw(spec);
    expect(charts.get('chart')!.svg).toMatch(/^<svg/);
  });

  it('names an unknown colour and a missing spec, with a guess', async () => {
    const colour = await folioError(() => draw(bars({ encoding: { x: { field: 'year', type: 'ordinal' }, y: { field: 'count', type: 'quantitative' }, color: { value: 'var(--curent)' } } })));
    expect(colour.diagnostics[0]).toMatchObject({ code: 'chart/unknown-colour', pointer: '/encoding/color/value', hint: 'Did you mean "var(--current)"?' });
    const dir = await copyFixture();
    const theme = await readTheme(path.join(dir, 'templates'), path.join(dir, 'data'));
    const fmt = formatter('en-US');
    const refs: ChartRef[] = [{ id: 'barz', spec: 'barz', overrides: {}, place: { file: 'report.yaml', pointer: '/report/sections/1/charts/0' } }];
    const missing = await folioError(() =>
      renderCharts({ refs, specs: theme.charts, config: {}, data, year: 2023, lang: 'en-US', currency: 'USD', fmt, colours: resolveColours({}, {}, {}, () => ({})), renderText: createTextRenderer(fmt, data) }),
    );
    expect(missing.diagnostics[0]).toMatchObject({ code: 'chart/missing-spec', pointer: '/report/sections/1/charts/0', hint: 'Did you mean "bars"?' });
  });

  describe('pictures drawn by an earlier build', () => {
    const marked = (drawn: Map<string, DrawnSvg>) => new Map([...drawn].map(([k, v]) => [k, { svg: '<svg data-earlier="yes"></svg>', log: [...v.log, 'kept warning'] }]));

    it('are reused when the spec and its data are the same, with the warnings they had', async () => {
      const first = await render();
      expect(first.drawn.size).toBe(1);
      expect([...first.drawn.values()][0]).toEqual({ svg: expect.stringMatching(/^<svg [^]*<path[^]*<\/svg>$/), log: [] });
      const again = await render(MINI, data, [BARS], marked(first.drawn));
      expect(again.charts.get('bars')!.svg).toBe('<svg focusable="false" data-earlier="yes"></svg>');
      expect(again.warnings.map((w) => [w.code, w.file])).toEqual([['chart/warning', 'test/fixtures/mini/templates/charts/bars.vl.json']]);
      expect(again.warnings[0]!.message).toContain('kept warning');
      // The alt text and table come from the data every time, never from the earlier build.
      expect(again.charts.get('bars')!.alt).toBe(first.charts.get('bars')!.alt);
    });

    it('are drawn again when one number changed', async () => {
      const first = await render();
      const changed = { ...data, figures: { by_year: { ...data.figures.by_year, '2022': 21 } } };
      const again = await render(MINI, changed, [BARS], marked(first.drawn));
      expect(again.charts.get('bars')!.svg).not.toContain('data-earlier');
      expect(again.charts.get('bars')!.alt).toBe('Things by year. Bar chart: 2021, 10; 2022, 21; 2023, 30.');
      expect([...again.drawn.keys()]).not.toEqual([...first.drawn.keys()]);
    });
  });
});
