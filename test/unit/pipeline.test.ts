import { describe, expect, it } from 'vitest';
import path from 'node:path';
import { writeFile } from 'node:fs/promises';
import { renderHtmlOnly } from '../../src/pipeline.ts';
import { resolveOptions } from '../../src/config/options.ts';
import { copyFixture, edit, folioError, MINI, miniOptions } from '../helpers.ts';

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

describe('the mini report\'s HTML', () => {
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
