import { readFile } from 'node:fs/promises';
import { fail } from './diagnostics.ts';
import { display } from './display.ts';
import type { Code } from './messages.ts';

/** Reads a JSON object from a file; a syntax error is reported with its line and column under `code`. */
export async function parseJsonFile(file: string, code: Code): Promise<Record<string, unknown>> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (e) {
    fail(code, { file: display(file), reason: (e as Error).message }, { file: display(file) }, e);
  }
  return parseJson(text, file, code);
}

export function parseJson(text: string, file: string, code: Code): Record<string, unknown> {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    const offset = Number(/position (\d+)/.exec((e as Error).message)?.[1]);
    const place = Number.isFinite(offset) ? lineColumn(text, offset) : {};
    fail(code, { file: display(file), reason: (e as Error).message }, { file: display(file), ...place }, e);
  }
  if (!value || typeof value !== 'object' || Array.isArray(value)) {
    fail(code, { file: display(file), reason: 'the file must hold one JSON object' }, { file: display(file) });
  }
  return value as Record<string, unknown>;
}

function lineColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset).split('\n');
  return { line: before.length, column: before.at(-1)!.length + 1 };
}
