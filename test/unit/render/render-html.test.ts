import { describe, expect, it } from 'vitest';
import { slugify } from '../../../src/render/helpers.ts';
import { renderHtml, type HtmlInput } from '../../../src/render/render-html.ts';
import type { ThemeSource } from '../../../src/theme/read-theme.ts';
import { formatter } from '../../../src/util/format.ts';
import { folioError } from '../../helpers.ts';

// renderHtml over a theme and data in memory: milliseconds a test. The mini report's way through every
// stage before the browser (files, data, charts, then this) is tested in test/unit/pipeline.test.ts.

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

describe('slugify', () => {
  it('makes stable ids from headings, including Polish letters', () => {
    expect(slugify('Letter from Łukasz Langa')).toBe('letter-from-lukasz-langa');
    expect(slugify('PyCon US 2024: Pittsburgh, PA')).toBe('pycon-us-2024-pittsburgh-pa');
  });
});
