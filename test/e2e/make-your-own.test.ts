/**
 * folio as a renderer, not one report: a newcomer's starter report from `folio init`, built, checked
 * and printed from an empty folder; next year's PSF report from this year's by `folio next-year`,
 * which lists every figure still to fill and, filled, validates from data alone.
 */
import { describe, expect, it } from 'vitest';
import path from 'node:path';
import os from 'node:os';
import { mkdir, mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { cli, pdfText, ROOT } from '../helpers.ts';

describe('folio init → build → check → print, from an empty folder', () => {
  it('makes a report that builds, passes every check, and prints', async () => {
    const home = await mkdtemp(path.join(os.tmpdir(), 'folio-newcomer-'));
    const init = await cli(['init', 'my-report'], { cwd: home });
    expect(init.code, init.stderr).toBe(0);
    expect(init.stderr).toContain('folio build --data my-report');
    expect(await readdir(path.join(home, 'my-report'))).toEqual(expect.arrayContaining(['report.yaml', 'prose', 'schema', 'statement.yaml']));
    // The editor's schema for report.yaml is folio's own, found from the new folder.
    const modeline = (await readFile(path.join(home, 'my-report/report.yaml'), 'utf8')).split('\n')[0]!;
    const schema = path.resolve(home, 'my-report', /\$schema=(\S+)/.exec(modeline)![1]!);
    expect(schema).toBe(path.join(ROOT, 'schema/report.schema.json'));

    const build = await cli(['build', '--data', 'my-report'], { cwd: home });
    expect(build.code, build.stderr).toBe(0);
    const pdf = path.join(home, 'out/example-foundation-annual-report-2025.pdf');
    const text = await pdfText(pdf);
    for (const words of ['Annual Report', 'Letter from the Chair', '2025 in figures', '746', 'Members, 2021–2025', 'Statement of activities', '$814', 'Net income', 'Our programs', 'Board and staff', 'How you can help']) {
      expect(text).toContain(words);
    }
    const check = await cli(['check', pdf], { cwd: home });
    expect(check.code, check.stderr).toBe(0);

    const print = await cli(['build', '--data', 'my-report', '--profile', 'print'], { cwd: home });
    expect(print.code, print.stderr).toBe(0);
    const preflight = await cli(['preflight', path.join(home, 'out/example-foundation-annual-report-2025-print.pdf')], { cwd: home });
    expect(preflight.code, preflight.stderr).toBe(0);
  });

  it('will not write over a folder that has files in it', async () => {
    const home = await mkdtemp(path.join(os.tmpdir(), 'folio-newcomer-'));
    await writeFile(path.join(home, 'notes.txt'), 'mine');
    const r = await cli(['init', home, '--json']);
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout).diagnostics[0]).toMatchObject({ code: 'init/not-empty' });
    expect(await readdir(home)).toEqual(['notes.txt']);
  });
});

describe('folio next-year', () => {
  it('starts next year\'s report whose build lists every figure still to fill, and builds nothing', async () => {
    const out = path.join(await mkdtemp(path.join(os.tmpdir(), 'folio-next-')), 'psf-2024');
    const r = await cli(['next-year', 'data/psf-2023', '--out', out]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain('new 2024 columns to fill: financials.yaml (16), grants.yaml (1)');
    const build = await cli(['build', '--data', out, '--out', path.join(out, 'out/x.pdf'), '--json']);
    expect(build.code).toBe(1);
    const { diagnostics } = JSON.parse(build.stdout) as { diagnostics: { code: string; file: string; line: number; pointer: string }[] };
    expect(diagnostics).toHaveLength(17);
    expect(new Set(diagnostics.map((d) => d.code))).toEqual(new Set(['data/unfilled']));
    expect(diagnostics.every((d) => /(financials|grants)\.yaml$/.test(d.file) && d.line > 0 && d.pointer.endsWith('/2024'))).toBe(true);
    await expect(readdir(path.join(out, 'out'))).rejects.toThrow();
  });

  it('needs nothing but data: filled in, next year\'s PSF report passes every stage short of the browser', async () => {
    const out = path.join(await mkdtemp(path.join(os.tmpdir(), 'folio-next-')), 'psf-2024');
    await cli(['next-year', 'data/psf-2023', '--out', out]);
    // Stand-in figures that keep the balance sheet balanced: every new cell 100, net assets 50.
    const file = path.join(out, 'financials.yaml');
    await writeFile(file, (await readFile(file, 'utf8')).replace(/("2024": )~(, "2023": (2502|2202))/g, '$150$2').replace(/"2024": ~/g, '"2024": 100'));
    const grants = path.join(out, 'grants.yaml');
    await writeFile(grants, (await readFile(grants, 'utf8')).replace('"2024": ~', '"2024": 720'));
    const r = await cli(['validate', '--data', out, '--json']);
    expect(r.code, r.stdout + r.stderr).toBe(0);
    const { diagnostics } = JSON.parse(r.stdout) as { diagnostics: { code: string }[] };
    // Only the prose is left as it was last year, and folio says so.
    expect(new Set(diagnostics.map((d) => d.code))).toEqual(new Set(['data/draft-prose']));
  });
});

describe('folio validate', () => {
  it('checks templates, charts and assets too, without a browser', async () => {
    const home = await mkdtemp(path.join(os.tmpdir(), 'folio-validate-'));
    await cli(['init', 'r'], { cwd: home });
    const noBrowser = { ...process.env, PUPPETEER_EXECUTABLE_PATH: '/nonexistent/chrome' };
    expect((await cli(['validate', '--data', 'r'], { cwd: home, env: noBrowser })).code).toBe(0);
    // A report-local template with a typo, and a style naming a missing image: both found before any browser.
    await mkdir(path.join(home, 'r/templates/sections'), { recursive: true });
    await mkdir(path.join(home, 'r/templates/styles'), { recursive: true });
    await writeFile(path.join(home, 'r/templates/sections/back-cover.hbs'), '<section><h2 id="{{id}}">{{titel}}</h2></section>\n');
    await writeFile(path.join(home, 'r/templates/styles/50-art.css'), '.cover {\n  background: url(assets/art.svg);\n}\n');
    const r = await cli(['validate', '--data', 'r', '--json'], { cwd: home, env: noBrowser });
    expect(r.code).toBe(1);
    const problems = (JSON.parse(r.stdout).diagnostics as { code: string; file: string; line: number }[]).map((d) => [d.code, d.file, d.line]);
    expect(problems).toEqual([['asset/missing', path.join('r', 'templates', 'styles', '50-art.css'), 2]]);
    await writeFile(path.join(home, 'r/templates/styles/50-art.css'), '');
    const again = await cli(['validate', '--data', 'r', '--json'], { cwd: home, env: noBrowser });
    expect(JSON.parse(again.stdout).diagnostics[0]).toMatchObject({ code: 'template/unknown-variable', file: path.join('r', 'templates', 'sections', 'back-cover.hbs'), line: 1 });
  });
});

describe('a theme with no bundled fonts', () => {
  it('says the PDF is set in this machine\'s fonts, not that a character is missing', async () => {
    const home = await mkdtemp(path.join(os.tmpdir(), 'folio-fonts-'));
    await cli(['init', 'r'], { cwd: home });
    await mkdir(path.join(home, 'r/templates/styles'), { recursive: true });
    // The report's own 00-fonts.css replaces the theme's: no @font-face at all.
    await writeFile(path.join(home, 'r/templates/styles/00-fonts.css'), '/* no fonts */\n');
    const r = await cli(['build', '--data', 'r', '--json', '--no-check'], { cwd: home });
    expect(r.code, r.stderr).toBe(0);
    const codes = (JSON.parse(r.stdout).diagnostics as { code: string }[]).map((d) => d.code);
    expect(codes).toContain('print/no-bundled-fonts');
    expect(codes).not.toContain('print/fallback-font');
  });
});
