/**
 * Watches the report's folders (data, theme, assets) for the preview and says which path changed.
 *
 * One `fs.watch` per folder, not `{ recursive: true }`: on Linux, Node 20's recursive watcher
 * watches each file by its inode, so after an editor saves by writing a new file and renaming it
 * over the old one (vim, sed -i, many IDEs), later saves of that file go unseen. A folder's watch
 * sees every name in it, whatever inode the name points at. Folders made later are watched as
 * they appear. Hidden folders (.git), editors' swap and backup files, and the output folder (when
 * it sits inside a watched one: folio's own writes are not changes) are left out.
 */
import { readdirSync, statSync, watch, type FSWatcher } from 'node:fs';
import path from 'node:path';

export interface WatchHandlers {
  /** A file or folder under a watched folder was written, made, renamed or removed. */
  onChange(file: string): void;
  /** `dir` cannot be watched (it is missing, or the system is out of watches); the rest still are. */
  onError(dir: string, error: Error): void;
}

export interface SourceWatcher {
  /** The folders watched now (each watched folder and those under it). */
  folders(): string[];
  close(): void;
}

export function watchSources(folders: string[], outDir: string, handlers: WatchHandlers): SourceWatcher {
  const watchers = new Map<string, FSWatcher>();
  let closed = false;

  function watchTree(dir: string, root: string): void {
    if (closed || watchers.has(dir) || skipped(dir, root, outDir)) return;
    let watcher: FSWatcher;
    try {
      watcher = watch(dir, (_event, name) => changed(name ? path.join(dir, String(name)) : dir, root));
    } catch (e) {
      // A folder removed while we looked at it is no failure; a watched folder that is missing is.
      if (dir === root || (e as NodeJS.ErrnoException).code !== 'ENOENT') handlers.onError(dir, e as Error);
      return;
    }
    watcher.on('error', (e) => {
      forget(dir);
      handlers.onError(dir, e);
    });
    watchers.set(dir, watcher);
    for (const sub of subfolders(dir)) watchTree(sub, root);
  }

  function changed(file: string, root: string): void {
    if (closed || skipped(file, root, outDir)) return;
    if (isFolder(file)) watchTree(file, root);
    else forget(file);
    handlers.onChange(file);
  }

  /** Stops watching `dir` and the folders under it (it was removed or renamed away). */
  function forget(dir: string): void {
    for (const [watched, watcher] of watchers) {
      if (!inside(watched, dir)) continue;
      watcher.close();
      watchers.delete(watched);
    }
  }

  for (const root of outermost(folders)) watchTree(root, root);
  return {
    folders: () => [...watchers.keys()],
    close() {
      closed = true;
      for (const watcher of watchers.values()) watcher.close();
      watchers.clear();
    },
  };
}

/** The folders to watch: each once, none inside another (its watch covers it). */
export function outermost(folders: string[]): string[] {
  const unique = [...new Set(folders.map((f) => path.resolve(f)))];
  return unique.filter((f) => !unique.some((other) => other !== f && inside(f, other)));
}

/** Editors' swap and backup files and hidden files (vim's 4913 is its write test). */
export function ignoredName(name: string): boolean {
  const base = path.basename(name);
  return base.startsWith('.') || base.endsWith('~') || /\.sw[a-p]$/.test(base) || base === '4913';
}

/**
 * Whether a change to `file` under `root` is no change to the report: an ignored name, or the
 * output folder when it sits inside the watched one (not when the watched folder sits inside the
 * output folder: then everything would be skipped).
 */
export function skipped(file: string, root: string, outDir: string): boolean {
  if (file !== root && ignoredName(file)) return true;
  return !inside(root, outDir) && inside(file, outDir);
}

export function inside(file: string, dir: string): boolean {
  const rel = path.relative(dir, file);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}

function subfolders(dir: string): string[] {
  try {
    // Symbolic links are not followed: a link to a parent folder would loop.
    return readdirSync(dir, { withFileTypes: true })
      .filter((entry) => entry.isDirectory())
      .map((entry) => path.join(dir, entry.name));
  } catch {
    return [];
  }
}

function isFolder(file: string): boolean {
  try {
    return statSync(file).isDirectory();
  } catch {
    return false;
  }
}
