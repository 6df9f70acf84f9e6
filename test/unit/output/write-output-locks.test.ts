// writeOutputs beyond the atomic write itself (write-output.test.ts): folders, assets, the lock's other holders, interrupts.
import { spawn, spawnSync } from 'node:child_process';
import { mkdir, mkdtemp, open, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { writeOutputs } from '../../../src/output/write-output.ts';
import { cleanUpEverything } from '../../../src/util/cleanup.ts';
import { folioError } from '../../helpers.ts';

const tmp = () => mkdtemp(path.join(os.tmpdir(), 'folio-write-'));

/** The id of a process that has exited. */
function deadPid(): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['-e', '']);
    child.on('error', reject);
    child.on('exit', () => resolve(child.pid!));
  });
}

/** Polls `condition` every 10 ms, for up to a minute. */
async function waitFor(condition: () => Promise<boolean>): Promise<void> {
  for (const until = Date.now() + 60_000; Date.now() < until; await new Promise((r) => setTimeout(r, 10))) {
    if (await condition()) return;
  }
  throw new Error('condition not met within a minute');
}

/**
 * An asset whose copy cannot finish until `release()`: a named pipe, which opens for reading only
 * once a writer opens it. It holds writeOutputs between writing its temporary files and renaming them.
 */
async function blockingAsset(dir: string): Promise<{ path: string; release: () => Promise<void> }> {
  const fifo = path.join(dir, 'a.fifo');
  if (spawnSync('mkfifo', [fifo]).status !== 0) throw new Error('mkfifo failed');
  return { path: fifo, release: async () => (await open(fifo, 'w')).close() };
}

describe('writing the outputs: folders, assets, locks, interrupts', () => {
  it('makes the folders it writes to, and copies the assets beside the last file under their relative paths', async () => {
    const dir = await tmp();
    const source = path.join(dir, 'src.svg');
    await writeFile(source, '<svg/>');
    await writeOutputs(
      [
        { file: path.join(dir, 'html', 'report.html'), bytes: '<p>new</p>' },
        { file: path.join(dir, 'out', 'report.pdf'), bytes: '%PDF-new' },
      ],
      new Map([['assets/img/logo.svg', source]]),
    );
    expect(await readFile(path.join(dir, 'html', 'report.html'), 'utf8')).toBe('<p>new</p>');
    expect(await readFile(path.join(dir, 'out', 'report.pdf'), 'utf8')).toBe('%PDF-new');
    expect(await readFile(path.join(dir, 'out', 'assets', 'img', 'logo.svg'), 'utf8')).toBe('<svg/>');
    expect((await readdir(dir)).sort()).toEqual(['html', 'out', 'src.svg']);
    expect((await readdir(path.join(dir, 'out'))).sort()).toEqual(['assets', 'report.pdf']);
  });

  it('makes every missing folder on the way to the last file, where its lock goes', async () => {
    const dir = await tmp();
    const target = path.join(dir, 'build', '2026', 'report.pdf');
    await writeOutputs([{ file: target, bytes: '%PDF-new' }]);
    expect(await readFile(target, 'utf8')).toBe('%PDF-new');
    expect(await readdir(path.join(dir, 'build', '2026'))).toEqual(['report.pdf']);
  });

  it('keeps the old files when an asset cannot be copied', async () => {
    const dir = await tmp();
    const target = path.join(dir, 'report.html');
    await writeFile(target, 'old');
    const e = await folioError(() => writeOutputs([{ file: target, bytes: 'new' }], new Map([['assets/gone.png', path.join(dir, 'gone.png')]])));
    expect(e.code).toBe('output/write-failed');
    expect(e.diagnostics[0]!.file).toBe(path.join(dir, 'assets', 'gone.png'));
    expect(await readFile(target, 'utf8')).toBe('old');
    expect((await readdir(dir)).sort()).toEqual(['assets', 'report.html']);
  });

  it('takes over a lock left by a process that has exited, or one that names no process, and releases it', async () => {
    for (const holder of [String(await deadPid()), '', 'garbage']) {
      const dir = await tmp();
      const target = path.join(dir, 'report.pdf');
      await writeFile(`${target}.lock`, holder);
      await writeOutputs([{ file: target, bytes: 'new' }]);
      expect(await readFile(target, 'utf8')).toBe('new');
      expect(await readdir(dir)).toEqual(['report.pdf']);
    }
  });

  it('refuses a lock held by a running process it may not signal (another user\'s)', async () => {
    const dir = await tmp();
    const target = path.join(dir, 'report.pdf');
    await writeFile(target, 'old');
    await writeFile(`${target}.lock`, '4321');
    // As root every process can be signalled; another user's process answers EPERM to anyone else.
    const kill = vi.spyOn(process, 'kill').mockImplementation(() => {
      throw Object.assign(new Error('kill EPERM'), { code: 'EPERM' });
    });
    try {
      const e = await folioError(() => writeOutputs([{ file: target, bytes: 'new' }]));
      expect(e.diagnostics[0]).toMatchObject({ code: 'output/locked', file: target, message: `Another folio build (process 4321) is writing ${target} right now.` });
    } finally {
      kill.mockRestore();
    }
    expect(await readFile(target, 'utf8')).toBe('old');
    expect(await readFile(`${target}.lock`, 'utf8')).toBe('4321');
  });

  it('takes the lock when the stale lock it found is gone before it could remove it', async () => {
    const dir = await tmp();
    const target = path.join(dir, 'report.pdf');
    const lock = `${target}.lock`;
    // A named pipe as the stale lock: reading it waits until the test has removed it and then
    // given the dead holder's id, as when another build takes the same stale lock over first.
    if (spawnSync('mkfifo', [lock]).status !== 0) throw new Error('mkfifo failed');
    const writing = writeOutputs([{ file: target, bytes: 'new' }]);
    const holder = await open(lock, 'w');
    await rm(lock);
    await holder.writeFile('999999999'); // no process: Linux pids stop at 2^22
    await holder.close();
    await writing;
    expect(await readFile(target, 'utf8')).toBe('new');
    expect(await readdir(dir)).toEqual(['report.pdf']);
  });

  it('takes over a lock this same process left behind', async () => {
    const dir = await tmp();
    const target = path.join(dir, 'report.pdf');
    await writeFile(`${target}.lock`, String(process.pid));
    await writeOutputs([{ file: target, bytes: 'new' }]);
    expect(await readFile(target, 'utf8')).toBe('new');
  });

  it('while writing, holds the lock with its process id and leaves the old file in place', async () => {
    const dir = await tmp();
    const target = path.join(dir, 'report.pdf');
    await writeFile(target, 'old');
    const asset = await blockingAsset(dir);
    const writing = writeOutputs([{ file: target, bytes: 'new' }], new Map([['assets/a.svg', asset.path]]));
    await waitFor(async () => (await readdir(dir)).some((f) => f.endsWith('.tmp')));
    expect(await readFile(`${target}.lock`, 'utf8')).toBe(String(process.pid));
    expect(await readFile(target, 'utf8')).toBe('old');
    await asset.release();
    await writing;
    expect(await readFile(target, 'utf8')).toBe('new');
    expect((await readdir(dir)).sort()).toEqual(['a.fifo', 'assets', 'report.pdf']);
  });

  it('on an interrupt while writing, removes its temporary files and the lock, and the old file stays', async () => {
    const dir = await tmp();
    const target = path.join(dir, 'report.pdf');
    await writeFile(target, 'old');
    const asset = await blockingAsset(dir);
    const writing = writeOutputs([{ file: target, bytes: 'new' }], new Map([['assets/a.svg', asset.path]]));
    await waitFor(async () => (await readdir(dir)).some((f) => f.endsWith('.tmp')));
    await cleanUpEverything();
    expect((await readdir(dir)).sort()).toEqual(['a.fifo', 'assets', 'report.pdf']);
    await asset.release();
    expect((await folioError(() => writing)).code).toBe('output/write-failed');
    expect(await readFile(target, 'utf8')).toBe('old');
  });

  it('fails with the reason when the lock itself cannot be made', async () => {
    const dir = await tmp();
    await writeFile(path.join(dir, 'file'), '');
    const target = path.join(dir, 'file', 'report.pdf');
    const e = await folioError(() => writeOutputs([{ file: target, bytes: 'x' }]));
    expect(e.code).toBe('output/write-failed');
    expect(e.diagnostics[0]!.file).toBe(target);
    expect(e.message).toContain('ENOTDIR');
  });

  it('fails with the reason, and tries no more, when its own copy of the lock cannot be written', async () => {
    const dir = await tmp();
    const target = path.join(dir, 'report.pdf');
    await writeFile(target, 'old');
    // The lock is written as <lock>.<pid> first; a folder there fails that write with EISDIR.
    await mkdir(`${target}.lock.${process.pid}`);
    const e = await folioError(() => writeOutputs([{ file: target, bytes: 'new' }]));
    expect([e.code, e.diagnostics[0]!.file]).toEqual(['output/write-failed', target]);
    expect(e.message).toContain('EISDIR');
    expect(await readFile(target, 'utf8')).toBe('old');
    expect((await readdir(dir)).sort()).toEqual(['report.pdf', `report.pdf.lock.${process.pid}`]);
  });

  it('fails with the reason, naming the file, when the lock is a folder it cannot take over', async () => {
    const dir = await tmp();
    const target = path.join(dir, 'report.pdf');
    await writeFile(target, 'old');
    await mkdir(`${target}.lock`);
    const e = await folioError(() => writeOutputs([{ file: target, bytes: 'new' }]));
    expect([e.code, e.diagnostics[0]!.file]).toEqual(['output/write-failed', target]);
    expect(e.message).toContain('Path is a directory');
    expect(await readFile(target, 'utf8')).toBe('old');
    expect((await readdir(dir)).sort()).toEqual(['report.pdf', 'report.pdf.lock']);
  });

  it('after it finishes, an interrupt does not remove a file that now has its temporary file\'s name', async () => {
    const dir = await tmp();
    const target = path.join(dir, 'report.pdf');
    const asset = await blockingAsset(dir);
    const writing = writeOutputs([{ file: target, bytes: 'new' }], new Map([['assets/a.svg', asset.path]]));
    let temp = '';
    await waitFor(async () => Boolean((temp = (await readdir(dir)).find((f) => f.endsWith('.tmp')) ?? '')));
    await asset.release();
    await writing;
    // Another write, in the same millisecond of the same process, would use the same name.
    await writeFile(path.join(dir, temp), 'the next write');
    await cleanUpEverything();
    expect(await readFile(path.join(dir, temp), 'utf8')).toBe('the next write');
  });

  it('after it finishes, an interrupt does not touch the lock or files it no longer owns', async () => {
    const dir = await tmp();
    const target = path.join(dir, 'report.pdf');
    await writeOutputs([{ file: target, bytes: 'new' }]);
    // The next build's lock.
    await writeFile(`${target}.lock`, '999999');
    await cleanUpEverything();
    expect(await readFile(`${target}.lock`, 'utf8')).toBe('999999');
    expect(await readFile(target, 'utf8')).toBe('new');
  });
});
