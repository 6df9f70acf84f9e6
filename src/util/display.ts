import path from 'node:path';

/** Paths in messages are relative to where the user stands. */
export function display(file: string): string {
  const rel = path.relative(process.cwd(), file);
  return rel && !rel.startsWith('..') ? rel : file;
}
