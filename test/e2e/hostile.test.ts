/**
 * Hostile content: data strings are text, never markup; the printed page makes no network request
 * and reads no file outside the report's assets.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import http from 'node:http';
import path from 'node:path';
import { symlink } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { buildReport } from '../../src/index.ts';
import { copyFixture, edit, folioError, miniOptions, pdfText } from '../helpers.ts';

let server: http.Server;
let origin: string;
const requests: string[] = [];

beforeAll(async () => {
  server = http.createServer((req, res) => {
    requests.push(req.url ?? '');
    res.end('hello');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe('the printed page', () => {
  it('makes no network request: images, stylesheets, fonts and links to a live server are refused', async () => {
    const dir = await copyFixture();
    await edit(path.join(dir, 'templates/layout.hbs'), (t) => t.replace('</head>', `<link rel="stylesheet" href="${origin}/style.css">\n</head>`));
    await edit(path.join(dir, 'templates/sections/numbers.hbs'), (t) => t.replace('</section>', `<img src="${origin}/image.png" alt="remote"><a href="${origin}/link">a link</a>\n</section>`));
    await edit(path.join(dir, 'templates/styles/fonts.css'), (t) => `${t}\n@font-face { font-family: 'Remote'; src: url(${origin}/font.woff2); }\nh1 { font-family: 'Remote', 'Inter'; background: url(${origin}/bg.png); }\n`);
    await edit(path.join(dir, 'data/prose/intro.md'), (t) => `${t}\nSee [the site](${origin}/prose) or <${origin}/autolink>.\n`);
    const result = await buildReport({ ...miniOptions(dir), check: false });
    // Everything the page would load is asked for and blocked (links are not loaded when printing).
    const blocked = new Set(result.diagnostics.filter((d) => d.code === 'print/blocked-request').map((d) => /asked for (\S+);/.exec(d.message)?.[1]));
    expect([...blocked].sort()).toEqual(['bg.png', 'font.woff2', 'image.png', 'style.css'].map((f) => `${origin}/${f}`));
    expect(requests).toEqual([]);
  });

  it('cannot read files: a file: URL is refused', async () => {
    const dir = await copyFixture();
    await edit(path.join(dir, 'templates/sections/numbers.hbs'), (t) => t.replace('</section>', '<img src="file:///etc/passwd" alt="passwd">\n</section>'));
    const result = await buildReport({ ...miniOptions(dir), check: false });
    expect(await pdfText(result.outFile)).not.toContain('root:');
    // Chromium refuses a file: URL from this page before folio sees it; either way nothing is read.
    expect(result.diagnostics.filter((d) => d.code !== 'print/blocked-request' && d.severity === 'error')).toEqual([]);
    // Paths out of the assets folder in a stylesheet are refused before the browser starts
    // (test/unit/theme/check-styles.test.ts).
  });

  it('refuses an asset that is a symlink out of the assets folder', async () => {
    const dir = await copyFixture();
    await symlink('/etc/passwd', path.join(dir, 'assets/evil.svg'));
    await edit(path.join(dir, 'templates/sections/intro.hbs'), (t) => t.replace('dot.svg', 'evil.svg'));
    const e = await folioError(() => buildReport(miniOptions(dir)));
    expect(e.diagnostics[0]!.message).toContain('outside the assets folder');
  });
});

describe('data strings are text, never markup', () => {
  // That the HTML escapes them is proven without a browser (test/unit/pipeline.test.ts);
  // here, that the PDF prints them as the characters they are.
  it('prints script tags, event handlers, style breaks and javascript: links literally in the PDF', async () => {
    const dir = await copyFixture();
    const hostile = `<script>alert(1)</script> <img src=x onerror=alert(2)> </style> javascript:alert(3)`;
    await edit(path.join(dir, 'data/report.yaml'), (t) => t.replace('title: Mini Report', `title: ${JSON.stringify(hostile)}`));
    await edit(path.join(dir, 'data/prose/intro.md'), (t) => `${t}\n[click](javascript:alert(4)) <script>alert(5)</script> <iframe src="x"></iframe>\n`);
    const result = await buildReport({ ...miniOptions(dir), check: false });
    const text = (await pdfText(result.outFile)).replace(/\s+/g, ' ');
    expect(text).toContain(hostile);
    expect(text).toContain('[click](javascript:alert(4)) <script>alert(5)</script> <iframe src=“x”></iframe>');
  });
});
