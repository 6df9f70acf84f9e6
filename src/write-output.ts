import { copyFile, mkdir, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fail } from './diagnostics.ts';
import { display } from './load-data.ts';

export interface OutputFile {
  file: string;
  bytes: Uint8Array | string;
}

/**
 * Writes files so that readers only ever see old or new whole files: every file goes to a temporary
 * name beside its target first, and only when all are written are they renamed into place (a rename
 * is atomic on one file system). On any failure the temporary files go and the old files stay.
 */
export async function writeOutputs(files: OutputFile[], assets = new Map<string, string>()): Promise<void> {
  const written: string[] = [];
  let current = files[0]?.file ?? '';
  try {
    for (const { file, bytes } of files) {
      current = file;
      await mkdir(path.dirname(file), { recursive: true });
      const tmp = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.${Date.now()}.tmp`);
      written.push(tmp);
      await writeFile(tmp, bytes);
    }
    // The printed HTML's fonts and images, so it opens the same in a browser.
    const dir = path.dirname(files[files.length - 1]!.file);
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
    await Promise.all(written.map((tmp) => rm(tmp, { force: true })));
    fail('output/write-failed', { file: display(current), reason: (e as Error).message }, { file: display(current) }, e);
  }
}
