/**
 * Random and mutated data files fed to the loader, validator and rules: whatever comes in, folio
 * answers with diagnostics (a FolioError), never a crash. Seeded, so a failure can be replayed.
 */
import { describe, expect, it } from 'vitest';
import path from 'node:path';
import { readFile, writeFile } from 'node:fs/promises';
import { loadData } from '../../../src/data/load-data.ts';
import { validateData } from '../../../src/data/validate-data.ts';
import { deriveFigures } from '../../../src/data/derive-figures.ts';
import { FolioError } from '../../../src/util/diagnostics.ts';
import { copyFixture, ROOT } from '../../helpers.ts';

/** mulberry32: a tiny seeded PRNG. */
function random(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const PIECES = ['\n', ': ', '- ', '  ', '"', "'", '{', '}', '[', ']', '&a', '*a', '!!str ', '!!binary ', '!js/function ', '<<: ', '#', '---', '...', '.nan', '1e999', '-0', '~', 'null', 'true', '\t', '\u0000', '\uFFFD', 'Ł', '%YAML 1.1', '|', '>', '?'];

function mutate(text: string, rnd: () => number): string {
  let out = text;
  const n = 1 + Math.floor(rnd() * 4);
  for (let i = 0; i < n; i++) {
    const at = Math.floor(rnd() * (out.length + 1));
    const kind = rnd();
    if (kind < 0.4) out = out.slice(0, at) + PIECES[Math.floor(rnd() * PIECES.length)] + out.slice(at);
    else if (kind < 0.7) out = out.slice(0, at) + out.slice(at + 1 + Math.floor(rnd() * 20));
    else {
      const lines = out.split('\n');
      const a = Math.floor(rnd() * lines.length);
      const b = Math.floor(rnd() * lines.length);
      [lines[a], lines[b]] = [lines[b]!, lines[a]!];
      out = lines.join('\n');
    }
  }
  return out;
}

async function pipelineFront(dir: string): Promise<'ok' | FolioError> {
  try {
    const loaded = await loadData(dir);
    await validateData(loaded);
    deriveFigures(loaded);
    return 'ok';
  } catch (e) {
    if (e instanceof FolioError) return e;
    throw e;
  }
}

describe('fuzzing the data front end', () => {
  it('answers 300 mutated data files with diagnostics, never a crash', async () => {
    const rnd = random(20231127);
    const dir = await copyFixture(path.join(ROOT, 'test/fixtures/mini'));
    const files = ['data/report.yaml', 'data/figures.yaml', 'data/prose/intro.md'];
    const originals = await Promise.all(files.map((f) => readFile(path.join(dir, f), 'utf8')));
    let errors = 0;
    for (let i = 0; i < 300; i++) {
      const k = Math.floor(rnd() * files.length);
      await writeFile(path.join(dir, files[k]!), mutate(originals[k]!, rnd));
      const result = await pipelineFront(path.join(dir, 'data'));
      if (result !== 'ok') {
        errors++;
        for (const d of result.diagnostics) {
          expect(d.code).toMatch(/^(data|derive|figures|corrections)\//);
          expect(d.message.length).toBeGreaterThan(0);
        }
      }
      await writeFile(path.join(dir, files[k]!), originals[k]!);
    }
    // Most mutations break something; the point is that each one is answered with a diagnostic.
    expect(errors).toBeGreaterThan(100);
  });

  it('answers random bytes as a data file with a diagnostic', async () => {
    const rnd = random(7);
    const dir = await copyFixture(path.join(ROOT, 'test/fixtures/mini'));
    for (let i = 0; i < 50; i++) {
      const bytes = Buffer.from(Array.from({ length: 1 + Math.floor(rnd() * 400) }, () => Math.floor(rnd() * 256)));
      await writeFile(path.join(dir, 'data/figures.yaml'), bytes);
      expect(await pipelineFront(path.join(dir, 'data'))).toBeInstanceOf(FolioError);
    }
  });
});
