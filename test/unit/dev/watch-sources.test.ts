/**
 * The preview's watcher over a real temporary folder. File events arrive when the system delivers
 * them, so each test waits on a polled condition with a generous limit; what must not be seen is
 * checked after a later write (a sentinel) was seen, since one watcher gets events in order.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mkdir, mkdtemp, rename, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { ignoredName, outermost, skipped, watchSources, type SourceWatcher } from '../../../src/dev/watch-sources.ts';

let dir: string;
let watcher: SourceWatcher | undefined;
let seen: string[];
let errors: string[];

async function until(what: string, ok: () => boolean, ms = 20_000): Promise<void> {
  const end = Date.now() + ms;
  while (!ok()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}; seen: ${JSON.stringify(seen)}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

const rel = (file: string) => path.relative(dir, file);
const saw = (name: string) => seen.map(rel).includes(name);
const fsWatches = () => process.getActiveResourcesInfo().filter((r) => r === 'FSEventWrap').length;

function start(folders = ['data', 'templates'], outDir = path.join(dir, 'data', 'out')) {
  watcher = watchSources(
    folders.map((f) => path.join(dir, f)),
    outDir,
    { onChange: (file) => seen.push(file), onError: (d, e) => errors.push(`${rel(d)}: ${(e as NodeJS.ErrnoException).code}`) },
  );
  return watcher;
}

beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'folio-watch-'));
  await mkdir(path.join(dir, 'data', 'charts'), { recursive: true });
  await mkdir(path.join(dir, 'data', 'out'), { recursive: true });
  await mkdir(path.join(dir, 'data', '.git'), { recursive: true });
  await mkdir(path.join(dir, 'templates'), { recursive: true });
  await writeFile(path.join(dir, 'data', 'figures.yaml'), 'members: 1\n');
  seen = [];
  errors = [];
});

afterEach(async () => {
  watcher?.close();
  watcher = undefined;
  await rm(dir, { recursive: true, force: true });
});

describe('watchSources', () => {
  it('watches each folder and those under it, but not hidden ones or the output folder', () => {
    const w = start();
    expect(w.folders().map(rel).sort()).toEqual(['data', 'data/charts', 'templates']);
    expect(errors).toEqual([]);
  });

  it('says which file changed, in the folder or one under it', async () => {
    start();
    await writeFile(path.join(dir, 'templates', 'layout.hbs'), '<main></main>');
    await until('the template', () => saw('templates/layout.hbs'));
    await writeFile(path.join(dir, 'data', 'charts', 'members.json'), '{}');
    await until('the chart', () => saw('data/charts/members.json'));
  });

  it('keeps seeing a file after an editor saved it by renaming a new file over it', async () => {
    start();
    const figures = path.join(dir, 'data', 'figures.yaml');
    const swap = path.join(dir, 'data', 'figures.yaml.tmp1234');
    await writeFile(swap, 'members: 2\n');
    await rename(swap, figures);
    await until('the renamed save', () => saw('data/figures.yaml'));
    seen = [];
    // The next save writes in place: the file is a new inode now, and must still be seen.
    await writeFile(figures, 'members: 3\n');
    await until('the save after it', () => saw('data/figures.yaml'));
  });

  it('watches a folder made after it started', async () => {
    start();
    await mkdir(path.join(dir, 'data', 'photos'));
    await until('the new folder', () => watcher!.folders().map(rel).includes('data/photos'));
    await writeFile(path.join(dir, 'data', 'photos', 'team.jpg'), 'jpeg');
    await until('a file in it', () => saw('data/photos/team.jpg'));
  });

  it('ignores the output folder, hidden folders and editors\' swap and backup files', async () => {
    start();
    await writeFile(path.join(dir, 'data', 'out', 'mini.pdf'), '%PDF-');
    await mkdir(path.join(dir, 'data', 'out', 'diff'));
    await writeFile(path.join(dir, 'data', '.git', 'index'), 'x');
    await writeFile(path.join(dir, 'data', '.figures.yaml.swp'), 'x');
    await writeFile(path.join(dir, 'data', 'figures.yaml~'), 'x');
    await writeFile(path.join(dir, 'data', '4913'), 'x');
    await writeFile(path.join(dir, 'data', 'sentinel.yaml'), 'x');
    await until('the sentinel', () => saw('data/sentinel.yaml'));
    expect([...new Set(seen.map(rel))]).toEqual(['data/sentinel.yaml']);
  });

  it('stops watching a folder that was removed, and watches it again when it comes back', async () => {
    const w = start();
    await rm(path.join(dir, 'data', 'charts'), { recursive: true });
    await until('the removal', () => saw('data/charts'));
    expect(w.folders().map(rel).sort()).toEqual(['data', 'templates']);
    await mkdir(path.join(dir, 'data', 'charts'));
    await until('the folder back', () => w.folders().map(rel).includes('data/charts'));
  });

  it('reports a folder it cannot watch and watches the others', async () => {
    const w = start(['data', 'missing']);
    expect(errors).toEqual(['missing: ENOENT']);
    expect(w.folders().map(rel).sort()).toEqual(['data', 'data/charts']);
  });

  it('leaves no watch behind when closed', async () => {
    const before = fsWatches();
    const w = start();
    expect(fsWatches()).toBe(before + 3);
    w.close();
    expect(w.folders()).toEqual([]);
    // A closed handle leaves the event loop's list once libuv has closed it, a turn later.
    await until('the watches to close', () => fsWatches() === before);
  });
});

describe('what the watcher skips', () => {
  it('knows editors\' swap, backup and test files and hidden names', () => {
    const names = ['.figures.yaml.swp', 'figures.yaml.swo', 'figures.yaml~', '4913', '.git', 'sub/.DS_Store', 'figures.yaml.swx', 'figures.yaml', 'layout.hbs', 'swap.yaml', '49130'];
    expect(names.filter(ignoredName)).toEqual(['.figures.yaml.swp', 'figures.yaml.swo', 'figures.yaml~', '4913', '.git', 'sub/.DS_Store']);
  });

  it('skips the output folder inside a watched one, but not a watched folder inside the output folder', () => {
    expect(skipped('/r/data/out/mini.pdf', '/r/data', '/r/data/out')).toBe(true);
    expect(skipped('/r/data/out', '/r/data', '/r/data/out')).toBe(true);
    expect(skipped('/r/data/outline.yaml', '/r/data', '/r/data/out')).toBe(false);
    // `--out report.pdf` run in the report's folder: the output folder holds the data folder.
    expect(skipped('/r/data/figures.yaml', '/r/data', '/r')).toBe(false);
    // The watched folder itself is never skipped, whatever its name.
    expect(skipped('/r/.report', '/r/.report', '/r/out')).toBe(false);
  });

  it('watches each folder once, none inside another', () => {
    expect(outermost(['/r/data', '/r/data/assets', '/r/theme', '/r/data/', '/r/theme/../theme', '/r/data-2'])).toEqual(['/r/data', '/r/theme', '/r/data-2']);
  });
});
