/**
 * A rebuild after a one-figure correction prints once: the contents is numbered from what the last
 * build of the same output learned (.folio-cache/ beside it), every destination is checked after
 * printing, and the PDF is the one a fresh build of the corrected data makes.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import path from 'node:path';
import { readFile, writeFile } from 'node:fs/promises';
import { build } from '../../src/pipeline.ts';
import { resolveOptions } from '../../src/config/options.ts';
import { memoryFile } from '../../src/output/build-memory.ts';
import { cli, copyFixture, edit, miniOptions, pdfText } from '../helpers.ts';

/** The mini report with a contents: each section on a page of its own, listed with its page. */
async function withContents(): Promise<string> {
  const dir = await copyFixture();
  await edit(path.join(dir, 'templates/layout.hbs'), (t) =>
    t.replace(
      '<h1>{{report.title}}</h1>',
      '<h1>{{report.title}}</h1>\n<nav aria-label="Contents"><ol>{{#each @folio.contents}}<li><a href="#{{id}}">{{text}} <span>{{page}}</span></a></li>{{/each}}</ol></nav>',
    ),
  );
  await edit(path.join(dir, 'templates/sections/intro.hbs'), (t) => t.replace('<h2>', '<h2 id="intro">'));
  await edit(path.join(dir, 'templates/sections/numbers.hbs'), (t) => t.replace('<h2>', '<h2 id="numbers">'));
  await edit(path.join(dir, 'templates/styles/fonts.css'), (t) => `${t}\nsection { break-before: page; }\nnav a { display: inline-block; padding: 4px 0; }\n`);
  return dir;
}

const build1 = async (options: ReturnType<typeof miniOptions>) => build(await resolveOptions(options));
const correct = (dir: string, value: number) => edit(path.join(dir, 'data/figures.yaml'), (t) => t.replace(/new: \d+/, `new: ${value}`));

describe('a rebuild after a correction', () => {
  // The mini report has no publication dates: the build's date (this) dates it, the same for every build.
  const epoch = process.env.SOURCE_DATE_EPOCH;
  beforeAll(() => void (process.env.SOURCE_DATE_EPOCH = '1700000000'));
  afterAll(() => void (epoch === undefined ? delete process.env.SOURCE_DATE_EPOCH : (process.env.SOURCE_DATE_EPOCH = epoch)));

  it('prints once, with the contents numbered as the last build found, and makes the PDF a fresh build makes', async () => {
    const dir = await withContents();
    const options = miniOptions(dir);
    const cold = await build1(options);
    expect(cold.passes).toBe(2);
    expect([...cold.pages].filter(([id]) => ['intro', 'numbers'].includes(id))).toEqual([
      ['intro', 2],
      ['numbers', 3],
    ]);
    expect(JSON.parse(await readFile(memoryFile(options.out), 'utf8')).layout.pages).toEqual(expect.arrayContaining([['intro', 2]]));

    await correct(dir, 1235);
    const again = await build1(options);
    expect(again.passes).toBe(1);
    expect(again.timings.filter((t) => t.stage === 'print')).toHaveLength(1);

    // The same data built fresh, with no memory beside its output.
    const fresh = await build1(miniOptions(dir, path.join(dir, 'fresh', 'mini.pdf')));
    expect(fresh.passes).toBe(2);
    expect(Buffer.from(again.pdf).equals(Buffer.from(fresh.pdf))).toBe(true);
    expect(again.html).toBe(fresh.html);
    expect(await pdfText(again.outFile)).toContain('Numbers 3');
  });

  it('prints again when a heading moved from where the memory says, and when the memory is damaged (new processes)', async () => {
    const dir = await withContents();
    const options = miniOptions(dir);
    const cold = await cliBuild(options);
    expect(cold.prints).toBe(2);
    const file = memoryFile(options.out);
    const first = await readFile(options.out);
    expect((await cliBuild(options)).prints).toBe(1);
    const memory = JSON.parse(await readFile(file, 'utf8'));
    memory.layout.pages = memory.layout.pages.map(([id, page]: [string, number]) => [id, id === 'numbers' ? page + 1 : page]);
    await writeFile(file, JSON.stringify(memory));
    expect((await cliBuild(options)).prints).toBe(2);
    expect((await readFile(options.out)).equals(first)).toBe(true);
    await writeFile(file, '{ damaged');
    expect((await cliBuild(options)).prints).toBe(2);
    expect((await readFile(options.out)).equals(first)).toBe(true);
  });

  it("keeps the audit's verdict for the same HTML, and audits a changed HTML again", async () => {
    const dir = await withContents();
    const options = miniOptions(dir);
    await cliBuild(options);
    const before = await readFile(options.out);
    const file = memoryFile(options.out);
    const memory = JSON.parse(await readFile(file, 'utf8'));
    // A verdict planted for this very HTML stands: the build fails on it without auditing, and writes nothing.
    memory.audit.diagnostics = [{ code: 'html/accessibility', severity: 'error', message: 'planted' }];
    await writeFile(file, JSON.stringify(memory));
    const failed = await cliBuild(options);
    expect(failed.code).toBe(1);
    expect(failed.diagnostics.map((d) => d.message)).toEqual(['planted']);
    expect((await readFile(options.out)).equals(before)).toBe(true);
    // A corrected figure is another HTML: audited afresh, and it passes.
    await correct(dir, 999);
    const corrected = await cliBuild(options);
    expect(corrected.code).toBe(0);
    expect(corrected.diagnostics.filter((d) => d.code === 'html/accessibility')).toEqual([]);
    // And the audit does run on it: text too pale to read fails the build, named by axe-core's rule.
    await edit(path.join(dir, 'templates/styles/fonts.css'), (t) => `${t}\nh2 { color: #eee; }\n`);
    const pale = await cliBuild(options);
    expect(pale.code).toBe(1);
    expect(pale.diagnostics.map((d) => [d.code, /\bcolor-contrast\b/.test(d.message)])).toEqual([
      ['html/accessibility', true],
      ['html/accessibility', true],
    ]);
  });
});

/** `folio build --json` in a new process: its exit code, diagnostics, and how many times it printed. */
async function cliBuild(options: ReturnType<typeof miniOptions>) {
  const r = await cli(['build', '--json', '--data', options.data, '--theme', options.theme, '--assets', options.assets, '--out', options.out]);
  const json = JSON.parse(r.stdout) as { timings?: { stage: string }[]; diagnostics: { code: string; message: string }[] };
  return { code: r.code, diagnostics: json.diagnostics, prints: (json.timings ?? []).filter((t) => t.stage === 'print').length };
}
