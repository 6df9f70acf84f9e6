import { describe, expect, it } from 'vitest';
import os from 'node:os';
import path from 'node:path';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { pageGeometry, resolveOptions, toPoints } from '../../../src/config/options.ts';
import { folioError, ROOT } from '../../helpers.ts';

describe('resolveOptions', () => {
  it('merges defaults, folio.config.json and flags, flags winning, paths made absolute', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'folio-config-'));
    await writeFile(path.join(dir, 'folio.config.json'), JSON.stringify({ pageSize: 'a4', profile: 'print', data: 'reports/2024' }));
    const o = await resolveOptions({ profile: 'screen' }, dir);
    // The theme and its assets default to folio's own, wherever folio is installed.
    expect(o).toMatchObject({ pageSize: 'a4', profile: 'screen', data: path.join(dir, 'reports/2024'), theme: path.join(ROOT, 'templates'), assets: path.join(ROOT, 'assets'), check: true });
  });

  it('takes `templates`, the older name of `theme`, in the config file and from the API', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'folio-config-'));
    await writeFile(path.join(dir, 'folio.config.json'), JSON.stringify({ templates: 'my-theme' }));
    expect((await resolveOptions({}, dir)).theme).toBe(path.join(dir, 'my-theme'));
    expect((await resolveOptions({ templates: 'other' } as never, dir)).theme).toBe(path.join(dir, 'other'));
  });

  it('checks flags and the config file with the same schema, naming the key and suggesting one', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'folio-config-'));
    await writeFile(path.join(dir, 'folio.config.json'), JSON.stringify({ pagesize: 'a4' }));
    const e = await folioError(() => resolveOptions({}, dir));
    expect(e.diagnostics[0]).toMatchObject({ code: 'config/invalid', file: 'folio.config.json', pointer: '/pagesize', hint: 'Did you mean "pageSize"?' });
    const flags = await folioError(() => resolveOptions({ pageSize: 'tabloid' as never, bleed: '3 mm', inkLimit: 900 }, dir.replace(/$/, '-none')));
    expect(flags.diagnostics.map((d) => [d.code, d.message])).toEqual([
      ['config/invalid', 'Invalid option pageSize: "tabloid" is not one of letter, a4.'],
      ['config/invalid', 'Invalid option bleed: "3 mm" must match pattern "^\\d+(\\.\\d+)?(mm|cm|in|pt)$".'],
      ['config/invalid', 'Invalid option inkLimit: 900 must be <= 400.'],
    ]);
  });
});

describe('page geometry', () => {
  it('adds bleed only for print, by paper size unless set', () => {
    expect(pageGeometry({ pageSize: 'letter', profile: 'screen' })).toMatchObject({ width: '8.5in', bleed: '0in', bleedPt: 0, widthPt: 612 });
    expect(pageGeometry({ pageSize: 'letter', profile: 'print' })).toMatchObject({ bleed: '0.125in', bleedPt: 9 });
    expect(pageGeometry({ pageSize: 'a4', profile: 'print' }).bleedPt).toBeCloseTo(8.504, 3);
    expect(pageGeometry({ pageSize: 'a4', profile: 'print', bleed: '5mm' }).bleed).toBe('5mm');
    expect(toPoints('1in')).toBe(72);
  });
});
