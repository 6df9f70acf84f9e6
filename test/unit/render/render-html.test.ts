import { describe, expect, it } from 'vitest';
import path from 'node:path';
import { writeFile } from 'node:fs/promises';
import { renderHtmlOnly } from '../../../src/pipeline.ts';
import { resolveOptions } from '../../../src/config/options.ts';
import { slugify } from '../../../src/render/helpers.ts';
import { renderHtml, type HtmlInput } from '../../../src/render/render-html.ts';
import type { ThemeSource } from '../../../src/theme/read-theme.ts';
import { formatter } from '../../../src/util/format.ts';
import { copyFixture, edit, folioError, MINI, miniOptions } from '../../helpers.ts';

/** The mini report through every stage before the browser: its HTML. */
async function render(dir = MINI) {
  const { html } = await renderHtmlOnly(await resolveOptions(miniOptions(dir)));
  return html;
}

async function broken(file: string, change: (t: string) => string) {
  const dir = await copyFixture();
  await edit(path.join(dir, file), change);
  return folioError(() => render(dir));
}

describe('renderHtml', () => {
  it('fills the layout, sections, prose, figures and charts', async () => {
    const html = await render();
    expect(html).toContain('<h2>Łukasz’s “introduction”</h2>');
    expect(html).toContain('<p>We welcomed 5,555 members — 1,234 of them new.</p>');
    expect(html).toContain('Costs: $450K.');
    expect(html).toMatch(/<div class="chart-graphic" role="img" aria-label="Things by year\. Bar chart: 2021, 10; 2022, 20; 2023, 30\."><svg/);
    expect(html).toContain('<caption>Things by year: the figures</caption>');
    expect(html).toContain('src="assets/dot.svg"');
    expect(html).toContain('size: letter');
    expect(html).toContain("font-family: 'Inter'");
  });

  it('stops on an unknown variable, naming the template and line', async () => {
    const e = await broken('templates/sections/numbers.hbs', (t) => t.replace('figures.costs_total.amount', 'figures.cost_total.amount'));
    expect(e.code).toBe('template/unknown-variable');
    expect(e.diagnostics[0]).toMatchObject({ file: expect.stringMatching(/sections\/numbers\.hbs$/), line: 3 });
  });

  it('names the prose file and its line for a bad figure reference in Markdown', async () => {
    const e = await broken('data/prose/intro.md', (t) => t.replace('figures.members.new', 'figures.members.neu'));
    expect(e.code).toBe('template/unknown-variable');
    expect(e.diagnostics[0]).toMatchObject({ file: expect.stringMatching(/prose\/intro\.md$/), line: 4 });
  });

  it('stops on an unknown helper, with a guess', async () => {
    const e = await broken('templates/sections/numbers.hbs', (t) => t.replace('{{money figures', '{{mony figures'));
    expect(e.diagnostics[0]).toMatchObject({ code: 'template/unknown-helper', line: 3, hint: 'Did you mean "money"?' });
  });

  it('stops on a missing partial', async () => {
    const e = await broken('templates/sections/numbers.hbs', (t) => `{{> sidebar}}\n${t}`);
    expect(e.diagnostics[0]).toMatchObject({ code: 'template/missing-partial', line: 1, file: expect.stringMatching(/numbers\.hbs$/) });
  });

  it('stops on a section without a template, pointing at report.yaml', async () => {
    const e = await broken('data/report.yaml', (t) => t.replace('  - intro\n', '  - intro\n  - appendix\n'));
    expect(e.diagnostics[0]).toMatchObject({ code: 'template/missing-section', pointer: '/report/sections/1/kind', file: expect.stringMatching(/report\.yaml$/), line: 15 });
  });

  it('reports template syntax errors with the line', async () => {
    // Line 4 of numbers.hbs loses a closing brace.
    const e = await broken('templates/sections/numbers.hbs', (t) => t.replace('{{chart "bars"}}', '{{chart "bars"}'));
    expect(e.diagnostics).toHaveLength(1);
    expect(e.diagnostics[0]).toMatchObject({ code: 'template/syntax', file: expect.stringMatching(/sections\/numbers\.hbs$/), line: 4 });
    expect(e.diagnostics[0]!.message).toMatch(/^Template syntax error: Parse error on line 4: /);
  });

  it('stops when a helper gets the wrong kind of value', async () => {
    const e = await broken('templates/sections/numbers.hbs', (t) => t.replace('figures.costs_total.amount', 'report.title'));
    expect(e.diagnostics[0]).toMatchObject({ code: 'template/helper-failed', line: 3 });
    expect(e.diagnostics[0]!.message).toContain('expected a money amount but got string "Mini Report"');
  });

  it('stops on a missing asset', async () => {
    const e = await broken('templates/sections/intro.hbs', (t) => t.replace('dot.svg', 'missing.svg'));
    expect(e.diagnostics[0]).toMatchObject({ code: 'template/helper-failed', line: 4 });
    expect(e.diagnostics[0]!.message).toContain('asset "missing.svg" is in none of the assets folders');
  });

  it('refuses asset paths that leave the assets folder', async () => {
    for (const p of ['../data/report.yaml', '../../../../etc/passwd', '/etc/passwd']) {
      const e = await broken('templates/sections/intro.hbs', (t) => t.replace('dot.svg', p));
      expect(e.diagnostics, p).toHaveLength(1);
      expect(e.diagnostics[0], p).toMatchObject({ code: 'template/helper-failed', file: expect.stringMatching(/sections\/intro\.hbs$/), line: 4, message: `Helper "asset" failed: asset path "${p}" points outside the assets folders` });
    }
  });

  it('renders data strings as text, never as markup: in titles, prose, chart labels, alt text and tables', async () => {
    const dir = await copyFixture();
    // A value in a data file is text: its braces are not a template (only report.yaml's, section and
    // front matter texts are), and a title that prints it prints it literally.
    const note = '<script>alert(1)</script><img src=x onerror=alert(1)></style>{{report.title}}';
    await edit(path.join(dir, 'data/figures.yaml'), (t) => `${t.replace('by_year: { "2021": 10', 'by_year: { "<b onmouseover=x>2021</b>": 10')}\nnote: '${note}'\n`);
    await edit(path.join(dir, 'data/schema/figures.schema.json'), (t) => t.replace('"properties": {', '"properties": { "note": { "type": "string" },'));
    await edit(path.join(dir, 'data/report.yaml'), (t) => t.replace('title: Mini Report', 'title: "<script>alert(2)</script> javascript:alert(3)"'));
    await edit(path.join(dir, 'data/prose/intro.md'), (t) => `${t.replace('title: Łukasz’s “introduction”', 'title: "{{figures.note}}"')}\n[click](javascript:alert(4)) <script>alert(5)</script> <iframe src="x"></iframe>\n`);
    const html = await render(dir);
    expect(html).not.toMatch(/<script|<img src=x|onerror=|<iframe|href="javascript:|<b onmouseover/i);
    expect(html).toContain('<h1>&lt;script&gt;alert(2)&lt;/script&gt; javascript:alert(3)</h1>');
    expect(html).toContain('<h2>&lt;script&gt;alert(1)&lt;/script&gt;&lt;img src&#x3D;x onerror&#x3D;alert(1)&gt;&lt;/style&gt;{{report.title}}</h2>');
    expect(html).toContain('<p>[click](javascript:alert(4)) &lt;script&gt;alert(5)&lt;/script&gt; &lt;iframe src=“x”&gt;&lt;/iframe&gt;</p>');
    // In the chart: the generated alt text and the table carry the label escaped.
    expect(html).toContain('aria-label="Things by year. Bar chart: 2022, 20; 2023, 30; &lt;b onmouseover&#x3D;x&gt;2021&lt;/b&gt;, 10."');
    expect(html).toContain('<th scope="row">&lt;b onmouseover&#x3D;x&gt;2021&lt;/b&gt;</th><td class="num">10</td>');
  });
});

describe('slugify', () => {
  it('makes stable ids from headings, including Polish letters', () => {
    expect(slugify('Letter from Łukasz Langa')).toBe('letter-from-lukasz-langa');
    expect(slugify('PyCon US 2024: Pittsburgh, PA')).toBe('pycon-us-2024-pittsburgh-pa');
  });
});

describe('a report needs only what it uses', () => {
  it('builds without description, authors or keywords (the organisation is the author)', async () => {
    const dir = await copyFixture();
    await edit(path.join(dir, 'data/report.yaml'), (t) => t.replace(/^(authors|description|keywords):.*\n/gm, ''));
    const html = await render(dir);
    expect(html).toContain('<title>Example Society — Mini Report 2023</title>');
  });

  it('draws only the charts its sections use: a broken spec no section names is never read', async () => {
    const dir = await copyFixture();
    await writeFile(path.join(dir, 'templates/charts/next-year.vl.json'), '{ "mark": "pie-ish", "usermeta": { "folio": { "data": "figures.nothing" } } }');
    expect(await render(dir)).toContain('aria-label="Things by year.');
  });
});

/** A theme of the given templates (`layout` among them), over small data, without reading a file. */
function input(templates: Record<string, string>, { data, ...more }: Partial<HtmlInput> = {}): HtmlInput {
  const sources: ThemeSource[] = Object.entries(templates).map(([name, text]) => ({ name, file: `/t/${name}.hbs`, text, origin: 'theme' }));
  return {
    theme: { dirs: ['/r/templates', '/t'], templates: sources, styles: [], charts: new Map(), chartConfig: {}, sectionSchemas: new Map(), manifest: {} as never },
    data: { report: { organization: 'PSF', title: 'Annual Report', year: 2023 }, n: 5, ...data },
    sections: [],
    charts: new Map([['bars', { id: 'bars', title: 'Things <by> year', svg: '<svg/>', alt: 'Bars & more', table: { head: ['Year', 'Count'], rows: [['2021', '10'], ['<2022>', '20']] } }]]),
    assets: { roots: ['/r/assets', '/t/assets'], resolve: (url) => (url === 'assets/dot.svg' ? '/r/assets/dot.svg' : url.includes('..') ? 'outside' : undefined) },
    locate: (pointer) => ({ file: '/r/data/prose.md', line: pointer === '/prose/intro/body' ? 4 : undefined }),
    fmt: formatter('en-US', { currency: 'USD', amountsIn: 'thousands' }),
    colours: { roles: { accent: '#123456' }, palette: {}, css: '--accent: #123456;' },
    pageSize: 'letter',
    page: { width: '8.5in', height: '11in', bleed: '0' },
    profile: 'print',
    ...more,
  };
}
const html = (layout: string, more?: Partial<HtmlInput>, partials: Record<string, string> = {}) => renderHtml(input({ layout, ...partials }, more));
const fails = (layout: string, more?: Partial<HtmlInput>) => folioError(() => html(layout, more));

describe('renderHtml, from a theme in memory', () => {
  it('fails without a layout, naming the theme folders', async () => {
    const e = await folioError(() => renderHtml(input({ other: 'x' })));
    expect(e.diagnostics).toEqual([{ code: 'template/missing-dir', severity: 'error', message: 'The templates folder /r/templates or /t has no layout.hbs.', file: '/t' }]);
  });

  it('gives the layout the build\'s facts as @folio', () => {
    const out = html('{{@folio.title}}|{{@folio.page_size}}|{{@folio.page.width}}|{{@folio.profile}}|{{@folio.roles.accent}}|{{@folio.colours}}|{{length @folio.contents}}|{{length @folio.sections}}');
    expect(out).toBe('PSF — Annual Report 2023|letter|8.5in|print|#123456|--accent: #123456;|0|0');
  });

  it('joins the theme\'s styles, named, and keeps a stray </style> from ending the style element', () => {
    const styles: ThemeSource[] = [
      { name: 'base.css', file: '/t/base.css', text: 'a { color: red }', origin: 'theme' },
      { name: 'extra.css', file: '/r/extra.css', text: 'b::after { content: "</STYLE>" }', origin: 'report' },
    ];
    const i = input({ layout: '{{@folio.styles}}' });
    i.theme.styles = styles;
    expect(renderHtml(i)).toBe('/* base.css */\na { color: red }\n/* extra.css */\nb::after { content: "<\\/STYLE>" }');
  });

  it('lists the contents and the running heads of named pages, the first section on a page giving its head', () => {
    const sections = [
      { kind: 'a', id: 's1', page: 'intro', context: {} },
      { kind: 'a', id: 's2', page: 'intro', context: {} },
      { kind: 'a', id: 's3', page: 'money', context: {} },
      { kind: 'a', id: 's4', page: 'back', context: {} },
    ];
    const runningHeads = [
      { id: 's2', title: 'Second' },
      { id: 's1', title: 'First' },
      { id: 's3', title: 'Money' },
    ];
    const contents = [{ id: 's1', level: 2, text: 'First', page: '3' }];
    const out = html('{{#each @folio.running_heads}}{{page}}={{title}};{{/each}}{{#each @folio.contents}}{{text}}@{{page}}{{/each}}', { sections, runningHeads, contents });
    expect(out).toBe('intro=First;money=Money;First@3');
  });

  it('has no running heads before a first rendering found them', () => {
    expect(html('[{{#each @folio.running_heads}}x{{/each}}]', { sections: [{ kind: 'a', id: 's1', page: 'p', context: {} }] })).toBe('[]');
  });

  it('checks every template and prose body before running any, and reports all problems at once', async () => {
    const data = { ...input({}).data, prose: { intro: { body: 'a\n{{mony n}}' } } };
    const e = await folioError(() => renderHtml(input({ layout: '{{> missing}}', 'sections/x': '{{nmber 1}}' }, { data })));
    expect(e.diagnostics.map((d) => [d.code, d.file, d.line])).toEqual([
      ['template/missing-partial', '/t/layout.hbs', 1],
      ['template/unknown-helper', '/t/sections/x.hbs', 1],
      ['template/unknown-helper', '/r/data/prose.md', 5],
    ]);
    expect(e.diagnostics[0]!.hint).toBe('Partials: sections/x.');
  });

  it('renders prose through the helpers, then Markdown, with typographic quotes and links', () => {
    const data = { ...input({}).data, prose: { intro: { body: '"We" had {{n}} <b>x</b> — see https://python.org' }, empty: {} } };
    expect(html('{{prose "intro"}}|{{prose "empty"}}', { data })).toBe('<p>“We” had 5 &lt;b&gt;x&lt;/b&gt; — see <a href="https://python.org">https://python.org</a></p>\n|');
  });

  it('does not link bare domains in prose', () => {
    const data = { ...input({}).data, prose: { intro: { body: 'see python.org' } } };
    expect(html('{{prose "intro"}}', { data })).toBe('<p>see python.org</p>\n');
  });

  it('names a prose body\'s line in its file, or line 1 and the prose name when its place is unknown', async () => {
    const data = { ...input({}).data, prose: { intro: { body: '\n{{money "x"}}' }, other: { body: '{{money "y"}}' } } };
    const e = await folioError(() => html('{{prose "intro"}}', { data }));
    expect(e.diagnostics[0]).toMatchObject({ code: 'template/helper-failed', file: '/r/data/prose.md', line: 5 });
    const unplaced = await folioError(() => html('', { data: { ...data, prose: { other: data.prose.other } }, locate: () => ({}) }));
    expect(unplaced.diagnostics[0]).toMatchObject({ code: 'template/helper-failed', file: 'other', line: 1 });
  });

  it('says which prose there is when a name is wrong', async () => {
    const data = { ...input({}).data, prose: { intro: { body: 'a' }, outro: { body: 'b' } } };
    expect((await fails('{{prose "intra"}}', { data })).diagnostics[0]!.message).toBe('Helper "prose" failed: no prose named "intra" (prose: intro, outro)');
  });

  it('renders partials registered from the theme', () => {
    expect(html('<main>{{> sections/x}}</main>', {}, { 'sections/x': '{{money n}}' })).toBe('<main>$5K</main>');
  });

  it('is true in "or" when any value is, counting empty lists as false', () => {
    const data = { empty: [], full: [0], zero: 0, text: 'a' };
    expect(html('{{or empty zero}} {{or empty full}} {{or zero text}} {{or}}', { data })).toBe('false true true false');
  });

  it('writes table cells in the column\'s format, and text as it is', async () => {
    expect(html('{{#each rows}}{{cell this (lookup @root.cols 0)}}|{{cell this (lookup @root.cols 1)}}|{{cell this (lookup @root.cols 2)}}{{/each}}', { data: { rows: [{ a: 1234.5, b: 'x' }], cols: [{ field: 'a', format: 'money' }, { field: 'a' }, { field: 'b', format: 'money' }] } })).toBe('$1,235K|1234.5|x');
    const e = await fails('{{#each rows}}{{cell this @root.col}}{{/each}}', { data: { rows: [{ a: 1 }], col: { field: 'z' } } });
    expect(e.diagnostics[0]!.message).toBe('Helper "cell" failed: a row has no field "z"');
  });

  it('quotes CSS strings, escaping every character that could end one', () => {
    expect(html('{{css_string t}}', { data: { t: 'Łódź – “5”: a.b, c;d!e?(f)—g’h-i 7' } })).toBe('"Łódź – \\201c 5\\201d : a.b, c;d!e?(f)—g’h-i 7"');
    expect(html('{{css_string t}}', { data: { t: '"\\\n<' } })).toBe('"\\22 \\5c \\a \\3c "');
  });

  it('renders Markdown from data without raw HTML, as blocks or inline', () => {
    expect(html('{{markdown t}}|{{markdown_inline t}}', { data: { t: '*a* <i>b</i>' } })).toBe('<p><em>a</em> &lt;i&gt;b&lt;/i&gt;</p>\n|<em>a</em> &lt;i&gt;b&lt;/i&gt;');
  });

  it('draws a chart as a labelled image, and its figures as a table with headers', () => {
    expect(html('{{chart "bars"}}')).toBe('<div class="chart-graphic" role="img" aria-label="Bars &amp; more"><svg/></div>');
    expect(html('{{chart_table "bars"}}')).toBe(
      '<table class="chart-data"><caption>Things &lt;by&gt; year: the figures</caption><thead><tr><th scope="col">Year</th><th scope="col" class="num">Count</th></tr></thead>' +
        '<tbody><tr><th scope="row">2021</th><td class="num">10</td></tr><tr><th scope="row">&lt;2022&gt;</th><td class="num">20</td></tr></tbody></table>',
    );
    expect(html('{{chart_table "bars" "Own <caption>"}}')).toContain('<caption>Own &lt;caption&gt;</caption>');
    expect(html('{{chart_title "bars"}}')).toBe('Things &lt;by&gt; year');
  });

  it('writes an empty row header for a table row without a label', () => {
    const charts = new Map([['c', { id: 'c', title: 't', svg: '', alt: '', table: { head: ['A'], rows: [[]] } }]]);
    expect(html('{{chart_table "c"}}', { charts })).toContain('<tbody><tr><th scope="row"></th></tr></tbody>');
  });

  it('names the charts there are when a chart id is wrong', async () => {
    expect((await fails('{{chart "bar"}}')).diagnostics[0]!.message).toBe('Helper "chart" failed: no chart "bar" (charts the sections use: bars)');
    expect((await fails('{{chart_title "bar"}}', { charts: new Map() })).diagnostics[0]!.message).toBe('Helper "chart_title" failed: no chart "bar" (charts the sections use: none)');
  });

  it('names the one templates folder of a theme without a layout', async () => {
    const i = input({ other: 'x' });
    i.theme.dirs = ['/t'];
    expect((await folioError(() => renderHtml(i))).diagnostics).toEqual([{ code: 'template/missing-dir', severity: 'error', message: 'The templates folder /t has no layout.hbs.', file: '/t' }]);
  });

  it('gives prose the build\'s facts as @folio too', () => {
    const data = { ...input({}).data, prose: { intro: { body: '{{@folio.profile}} on {{@folio.page_size}}' } } };
    expect(html('{{prose "intro"}}', { data })).toBe('<p>print on letter</p>\n');
  });

  it('says what it expected when a chart, prose or asset is not named by text', async () => {
    const messages = await Promise.all(['{{chart 5}}', '{{chart_table 5}}', '{{prose 5}}', '{{asset 5}}'].map(async (t) => (await fails(t)).diagnostics[0]!.message));
    expect(messages).toEqual([
      'Helper "chart" failed: expected a chart id but got number 5',
      'Helper "chart_table" failed: expected a chart id but got number 5',
      'Helper "prose" failed: expected a prose name but got number 5',
      'Helper "asset" failed: expected an asset path but got number 5',
    ]);
  });

  it('lists every chart there is, comma-separated, when a chart id is wrong', async () => {
    const charts = new Map([['bars', input({}).charts.get('bars')!], ['pie', { id: 'pie', title: 'p', svg: '', alt: '', table: { head: [], rows: [] } }]]);
    expect((await fails('{{chart "bar"}}', { charts })).diagnostics[0]!.message).toBe('Helper "chart" failed: no chart "bar" (charts the sections use: bars, pie)');
  });

  it('says a row has no field when the row itself is null', async () => {
    const e = await fails('{{#each rows}}{{cell this @root.col}}{{/each}}', { data: { rows: [null], col: { field: 'z' } } });
    expect(e.diagnostics[0]!.message).toBe('Helper "cell" failed: a row has no field "z"');
  });

  it('writes a cell for every figure in a chart table row', () => {
    const charts = new Map([['c', { id: 'c', title: 't', svg: '', alt: '', table: { head: ['Year', 'A', 'B'], rows: [['2021', '1', '2']] } }]]);
    expect(html('{{chart_table "c"}}', { charts })).toContain('<tbody><tr><th scope="row">2021</th><td class="num">1</td><td class="num">2</td></tr></tbody>');
  });

  it('links assets that exist and refuses the rest, saying where it looked', async () => {
    expect(html('{{asset "dot.svg"}}')).toBe('assets/dot.svg');
    expect((await fails('{{asset "no.svg"}}')).diagnostics[0]!.message).toBe('Helper "asset" failed: asset "no.svg" is in none of the assets folders (/r/assets, /t/assets)');
    expect((await fails('{{asset "../x.svg"}}')).diagnostics[0]!.message).toBe('Helper "asset" failed: asset path "../x.svg" points outside the assets folders');
  });
});
