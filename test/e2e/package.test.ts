/**
 * folio as its users install it: `npm pack`, the tarball installed into an empty project in a
 * temporary folder that cannot see this repository, and there exactly the README's "Install"
 * commands (init → build → check), its Node script, and a TypeScript use of the typed API.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { execFile, spawn } from 'node:child_process';
import { copyFile, mkdtemp, readFile, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { ROOT } from '../helpers.ts';

const exec = promisify(execFile);

/** The first fenced block of `lang` after a README heading. */
async function readmeBlock(heading: string, lang: string): Promise<string> {
  const readme = await readFile(path.join(ROOT, 'README.md'), 'utf8');
  const at = readme.indexOf(`\n${heading}\n`);
  expect(at, `README has no "${heading}"`).toBeGreaterThan(-1);
  const block = new RegExp('```' + lang + '\\n([\\s\\S]*?)```').exec(readme.slice(at));
  expect(block, `README's "${heading}" has no ${lang} block`).not.toBeNull();
  return block![1]!;
}

/** A shell in the project, with no way back to the repository: not its PATH, not its modules. */
async function sh(cwd: string, command: string, env: NodeJS.ProcessEnv = {}) {
  const PATH = (process.env.PATH ?? '').split(path.delimiter).filter((dir) => !dir.startsWith(ROOT)).join(path.delimiter);
  try {
    const { stdout, stderr } = await exec('sh', ['-c', command], {
      cwd,
      env: { HOME: process.env.HOME, PATH, npm_config_prefer_offline: 'true', npm_config_audit: 'false', npm_config_fund: 'false', ...env },
      maxBuffer: 64 * 1024 * 1024,
    });
    return { code: 0, stdout, stderr };
  } catch (e) {
    const err = e as { code?: number; stdout?: string; stderr?: string };
    return { code: err.code ?? 1, stdout: err.stdout ?? '', stderr: err.stderr ?? '' };
  }
}

let tarball = '';
let files: string[] = [];
let project = '';

beforeAll(async () => {
  const dest = await mkdtemp(path.join(os.tmpdir(), 'folio-pack-'));
  const { stdout } = await exec('npm', ['pack', '--json', '--pack-destination', dest], { cwd: ROOT, maxBuffer: 64 * 1024 * 1024 });
  const packed = JSON.parse(stdout.slice(stdout.indexOf('['))) as { filename: string; files: { path: string }[] }[];
  tarball = path.join(dest, packed[0]!.filename);
  files = packed[0]!.files.map((f) => f.path);
  project = await mkdtemp(path.join(os.tmpdir(), 'folio-user-'));
  await copyFile(tarball, path.join(project, path.basename(tarball)));
}, 600_000);

describe('the package', () => {
  it('ships the compiled code with its types, the theme, the schemas and the starter, and nothing of the repository besides', () => {
    for (const file of ['bin/folio.js', 'bin/compiled.mjs', 'dist/index.js', 'dist/index.d.ts', 'dist/cli.js', 'dist/pdf/data/glyphlist.txt', 'templates/layout.hbs', 'templates/theme.yaml', 'schema/report.schema.json', 'data/starter/report.yaml', 'LICENSE', 'README.md', 'package.json']) {
      expect(files).toContain(file);
    }
    expect(files.some((f) => f.startsWith('assets/'))).toBe(true);
    const leaked = files.filter((f) => /^(src|test|bench|scripts|conformance|out|reports)\//.test(f) || f.startsWith('data/psf-') || f.endsWith('.tsbuildinfo'));
    expect(leaked).toEqual([]);
  });

  it('installs into an empty project and runs the README\'s Install commands there: init → build → check', async () => {
    const commands = (await readmeBlock('## Install it in your own project', 'sh')).split('\n').filter((l) => l.trim() && !l.startsWith('#'));
    expect(commands.join('\n')).toContain(`npm install ./${path.basename(tarball)}`);
    for (const command of commands) {
      const r = await sh(project, command);
      expect(r.code, `${command}\n${r.stderr}`).toBe(0);
    }
    // The report's editor schema points into the installed package, not at this repository.
    const modeline = (await readFile(path.join(project, 'my-report/report.yaml'), 'utf8')).split('\n')[0]!;
    expect(modeline).toContain('node_modules/folio-report/schema/report.schema.json');
    const info = await exec('pdfinfo', [path.join(project, 'out/my-report.pdf')]);
    expect(info.stdout).toMatch(/Tagged:\s+yes/);
    expect(info.stdout).toMatch(/Title:\s+Example Foundation — Annual Report 2025\n/);
    const text = (await exec('pdftotext', [path.join(project, 'out/my-report.pdf'), '-'])).stdout;
    expect(text).toContain('Letter from the Chair');
    const html = await readFile(path.join(project, 'out/my-report.html'), 'utf8');
    expect(html).not.toContain(ROOT);
  });

  it('runs the README\'s Node script: an A4 build and its check, from the library API', async () => {
    await writeFile(path.join(project, 'build-report.mjs'), await readmeBlock('### From Node', 'js'));
    const r = await sh(project, 'node build-report.mjs');
    expect(r.code, r.stderr).toBe(0);
    const pdf = path.join(project, 'out/my-report.pdf');
    expect(r.stdout.trim()).toBe(`${pdf}: ${(await stat(pdf)).size} bytes, 0 check failures`);
    const info = await exec('pdfinfo', [path.join(project, 'out/my-report.pdf')]);
    expect(info.stdout).toMatch(/Page size:\s+59[45]\.\d+ x 841\.\d+ pts \(A4\)/);
  });

  it('types the library API: a correct use compiles, a wrong page size does not', async () => {
    await writeFile(
      path.join(project, 'tsconfig.json'),
      JSON.stringify({ compilerOptions: { module: 'nodenext', moduleResolution: 'nodenext', target: 'es2022', strict: true, noEmit: true, skipLibCheck: true, types: [] } }),
    );
    const tsc = `node ${JSON.stringify(path.join(ROOT, 'node_modules/typescript/bin/tsc'))} -p .`;
    await writeFile(path.join(project, 'package.json'), JSON.stringify({ ...JSON.parse(await readFile(path.join(project, 'package.json'), 'utf8')), type: 'module' }));
    await writeFile(
      path.join(project, 'use.ts'),
      "import { buildReport, type Options, type Diagnostic } from 'folio-report';\n" +
        "const options: Partial<Options> = { data: 'my-report', pageSize: 'letter' };\n" +
        'const built = await buildReport(options);\n' +
        'const codes: string[] = built.diagnostics.map((d: Diagnostic) => d.code);\n' +
        'export const size: number = built.pdf.length + codes.length;\n',
    );
    const good = await sh(project, tsc);
    expect(good.code, good.stdout + good.stderr).toBe(0);
    await writeFile(path.join(project, 'use.ts'), "import type { Options } from 'folio-report';\nexport const options: Partial<Options> = { pageSize: 'a5' };\n");
    const bad = await sh(project, tsc);
    expect(bad.code).not.toBe(0);
    expect(bad.stdout).toMatch(/use\.ts\(2,\d+\): error TS2322: Type '"a5"' is not assignable/);
  });

  it('answers --version and per-command --help with an example, and names what to run when there is no browser', async () => {
    const version = JSON.parse(await readFile(path.join(ROOT, 'package.json'), 'utf8')).version;
    expect((await sh(project, 'npx folio --version')).stdout.trim()).toBe(version);
    const help = await sh(project, 'npx folio impose --help');
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('folio impose FILE.pdf (--booklet | --n-up 2|4)');
    expect(help.stdout).toContain('Example:\n  folio impose out/report-print.pdf --booklet');
    const none = await sh(project, 'npx folio build --data my-report', { PUPPETEER_EXECUTABLE_PATH: '/nonexistent/chrome' });
    expect(none.code).toBe(1);
    expect(none.stderr).toContain('PUPPETEER_EXECUTABLE_PATH is set to /nonexistent/chrome, and there is no browser there.');
    expect(none.stderr).toContain('apt-get install chromium');
    expect(none.stderr).toContain('npx puppeteer browsers install chrome-headless-shell');
  });
  it('prints, preflights, imposes, diffs and previews from the installed package', async () => {
    const print = 'out/example-foundation-annual-report-2025-print.pdf';
    const built = await sh(project, 'npx folio build --data my-report --profile print');
    expect(built.code, built.stderr).toBe(0);
    const preflight = await sh(project, `npx folio preflight ${print}`);
    expect(preflight.code, preflight.stderr).toBe(0);
    expect(preflight.stderr).toContain('✓ ready for print');
    const pages = Number(/Pages:\s+(\d+)/.exec((await exec('pdfinfo', [path.join(project, print)])).stdout)![1]);
    const imposed = await sh(project, `npx folio impose ${print} --booklet`);
    expect(imposed.code, imposed.stderr).toBe(0);
    const sheets = Math.ceil(pages / 4);
    expect(imposed.stderr).toContain(`${sheets} sheet(s), ${sheets * 2} side(s)`);
    const diff = await sh(project, `npx folio diff ${print} ${print} --diff-dir out/diff`);
    expect(diff.code, diff.stderr).toBe(0);
    expect(diff.stdout).toContain(`No differences: the ${pages} pages have the same words and the same pixels`);

    const dev = spawn('npx', ['folio', 'dev', '--data', 'my-report', '--port', '0'], { cwd: project, env: { HOME: process.env.HOME, PATH: process.env.PATH } });
    try {
      let stderr = '';
      const url = await new Promise<string>((resolve, reject) => {
        dev.stderr.on('data', (chunk: Buffer) => {
          stderr += chunk.toString();
          const found = /folio dev: (http:\/\/\S+)/.exec(stderr);
          if (found) resolve(found[1]!);
        });
        dev.once('exit', (code) => reject(new Error(`folio dev exited with ${code}: ${stderr}`)));
      });
      const page = await fetch(url);
      expect(page.status).toBe(200);
      expect(await page.text()).toContain('report.html');
    } finally {
      const exited = new Promise((resolve) => dev.once('exit', (code, signal) => resolve(code ?? signal)));
      dev.kill('SIGTERM');
      expect(await exited).not.toBeNull();
    }
  });
});
