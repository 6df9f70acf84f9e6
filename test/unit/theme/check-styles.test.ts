import { describe, expect, it } from 'vitest';
import path from 'node:path';
import { checkStyleAssets } from '../../../src/theme/check-styles.ts';
import { createAssetResolver } from '../../../src/theme/assets.ts';
import { MINI } from '../../helpers.ts';

const assets = createAssetResolver([path.join(MINI, 'data', 'assets'), path.join(MINI, 'assets')]);
const style = (text: string) => ({ name: '50-own.css', file: path.join(MINI, 'templates/styles/50-own.css'), text, origin: 'report' as const });

describe('checkStyleAssets', () => {
  it('names a missing image at its stylesheet line and column, once, with the folders searched', () => {
    const problems = checkStyleAssets([style('.a { color: red; }\n/* url(assets/commented.svg) */\n.cover {\n  background: url(assets/rings.svg);\n}\n.b { background: url("assets/dot.svg"); }')], assets);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ code: 'asset/missing', file: expect.stringMatching(/styles\/50-own\.css$/), line: 4, column: 15 });
    expect(problems[0]!.hint).toContain(path.join('mini', 'assets'));
    expect(problems[0]!.hint).toContain(path.join('mini', 'data', 'assets'));
  });

  it('finds bundled fonts, refuses paths out of the folders, and leaves absolute URLs to the request policy', () => {
    const problems = checkStyleAssets([style('@font-face { src: url(assets/fonts/inter-latin-400-normal.woff2); }\n.x { background: url(assets/../../etc/passwd); }\n.y { background: url(https://example.com/a.png); }')], assets);
    expect(problems.map((p) => [p.code, p.line])).toEqual([['asset/outside', 2]]);
  });

  it('refuses every way out of the assets folders: .., .. encoded, and a path not under assets/', () => {
    for (const url of ['assets/../../../../etc/passwd', 'assets/%2e%2e/%2e%2e/data/report.yaml', 'etc/passwd']) {
      const problems = checkStyleAssets([style(`body { background: url(${url}); }`)], assets);
      expect(problems.map((p) => [p.code, p.message]), url).toEqual([['asset/outside', `Asset path ${url} points outside the assets folders.`]]);
    }
  });
});
