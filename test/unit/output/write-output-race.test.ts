// writeOutputs against another build that re-creates the lock each time this one removes it (a race
// no real pair of processes can be made to lose on cue): node:fs/promises is wrapped so that removing
// the lock leaves it in place, as if the other build had taken it again at once.
import { mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { folioError } from '../../helpers.ts';

const race = vi.hoisted(() => ({ on: false, lockLinks: 0, lockRemovals: 0 }));

vi.mock('node:fs/promises', async (importOriginal) => {
  const fs = await importOriginal<typeof import('node:fs/promises')>();
  return {
    ...fs,
    link: (async (from: string, to: string) => {
      if (race.on && to.endsWith('.lock')) race.lockLinks++;
      return fs.link(from, to);
    }) as typeof fs.link,
    rm: (async (file: string, options?: object) => {
      if (race.on && String(file).endsWith('.lock')) {
        race.lockRemovals++;
        return;
      }
      return fs.rm(file, options);
    }) as typeof fs.rm,
  };
});

// Imported plainly too, so that tools following imports (vitest --related, Stryker) find this file.
import '../../../src/output/write-output.ts';
// The unit project shares modules between test files (isolate: false): write-output.ts may already be
// loaded with the real node:fs/promises, so a copy of its own is imported here (the
// query makes it a module of its own; what it imports is shared, so errors are the same FolioError).
const { writeOutputs } = (await import(/* @vite-ignore */ `${'../../../src/output/write-output.ts'}?mocked-fs`)) as typeof import('../../../src/output/write-output.ts');

describe('writing the outputs while another build keeps taking the lock', () => {
  it('tries twice, then says the file is locked by an unknown build, and leaves the old file', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'folio-race-'));
    const target = path.join(dir, 'report.pdf');
    await writeFile(target, 'old');
    // A process id no running process has: the lock looks stale every time it is read.
    await writeFile(`${target}.lock`, '2147483646');
    race.on = true;
    try {
      const e = await folioError(() => writeOutputs([{ file: target, bytes: 'new' }]));
      expect(e.diagnostics.map((d) => [d.code, d.file, d.message])).toEqual([
        ['output/locked', target, `Another folio build (process unknown) is writing ${target} right now.`],
      ]);
      expect([race.lockLinks, race.lockRemovals]).toEqual([2, 2]);
    } finally {
      race.on = false;
    }
    expect(await readFile(target, 'utf8')).toBe('old');
    expect((await readdir(dir)).sort()).toEqual(['report.pdf', 'report.pdf.lock']);
  });
});
