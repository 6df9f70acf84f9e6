import { copyFile, mkdir, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fail } from './diagnostics.ts';
import { display } from './load-data.ts';

/**
 * Writes a file so that readers only ever see the old or the new whole file: write a temporary file
 * beside it, then rename over (atomic on one file system). On failure the old file is untouched.
 */
export async function writeAtomic(file: string, bytes: Uint8Array | string): Promise<void> {
  const tmp = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.${Date.now()}.tmp`);
  try {
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(tmp, bytes);
    await rename(tmp, file);
  } catch (e) {
    await rm(tmp, { force: true });
    fail('output/write-failed', { file: display(file), reason: (e as Error).message }, { file: display(file) }, e);
  }
}

/** The printed HTML beside the PDF, with the assets it loaded, so it opens the same in a browser. */
export async function writeHtml(file: string, html: string, assets: Map<string, string>): Promise<void> {
  const dir = path.dirname(file);
  for (const [rel, source] of assets) {
    const target = path.join(dir, rel);
    await mkdir(path.dirname(target), { recursive: true });
    await copyFile(source, target);
  }
  await writeAtomic(file, html);
}
