import { copyFile, link, mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fail } from '../util/diagnostics.ts';
import { display } from '../util/display.ts';
import { whileRunning } from '../util/cleanup.ts';

export interface OutputFile {
  file: string;
  bytes: Uint8Array | string;
}

/**
 * Writes files so that readers only ever see old or new whole files: every file goes to a temporary
 * name beside its target first, and only when all are written are they renamed into place (a rename
 * is atomic on one file system). On any failure, or an interrupt, the temporary files go and the
 * old files stay. A lock beside the last file keeps two builds from writing the same output at once.
 */
export async function writeOutputs(files: OutputFile[], assets = new Map<string, string>()): Promise<void> {
  const target = files[files.length - 1]!.file;
  await mkdir(path.dirname(target), { recursive: true }).catch(() => undefined);
  const unlock = await lock(target);
  const written: string[] = [];
  const removeTemps = () => Promise.all(written.map((tmp) => rm(tmp, { force: true })));
  const done = whileRunning(removeTemps);
  let current = target; // set to each file in turn before anything can fail
  try {
    for (const { file, bytes } of files) {
      current = file;
      await mkdir(path.dirname(file), { recursive: true });
      const tmp = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.${Date.now()}.tmp`);
      written.push(tmp);
      await writeFile(tmp, bytes);
    }
    // The printed HTML's fonts and images, so it opens the same in a browser.
    const dir = path.dirname(target);
    for (const [rel, source] of assets) {
      current = path.join(dir, rel);
      await mkdir(path.dirname(current), { recursive: true });
      await copyFile(source, current);
    }
    for (const [i, { file }] of files.entries()) {
      current = file;
      await rename(written[i]!, file);
    }
  } catch (e) {
    await removeTemps();
    cannotWrite(current, e);
  } finally {
    done();
    await unlock();
  }
}

/** Takes `<file>.lock` (with this process's id), or says who holds it; a dead holder's lock is taken over. */
async function lock(file: string): Promise<() => Promise<void>> {
  const lockFile = `${file}.lock`;
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      await claim(lockFile);
      const release = () => rm(lockFile, { force: true });
      const done = whileRunning(release);
      return async () => {
        done();
        await release();
      };
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') cannotWrite(file, e);
      const pid = Number(await readFile(lockFile, 'utf8').catch(() => ''));
      if (pid && pid !== process.pid && alive(pid)) fail('output/locked', { file: display(file), pid: String(pid) }, { file: display(file) });
      await rm(lockFile, { force: true }).catch((err: unknown) => cannotWrite(file, err));
    }
  }
  fail('output/locked', { file: display(file), pid: 'unknown' }, { file: display(file) });
}

/**
 * Makes the lock with this process's id already in it: written under a name of its own, then linked
 * into place (a link fails when the lock exists), so another build never finds a lock still empty and
 * takes it for a stale one.
 */
async function claim(lockFile: string): Promise<void> {
  const own = `${lockFile}.${process.pid}`;
  await writeFile(own, String(process.pid));
  try {
    await link(own, lockFile);
  } finally {
    await rm(own, { force: true });
  }
}

function cannotWrite(file: string, e: unknown): never {
  fail('output/write-failed', { file: display(file), reason: (e as Error).message }, { file: display(file) }, e);
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}
