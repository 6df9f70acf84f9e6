import { describe, expect, it } from 'vitest';
import { mkdtemp, readFile, writeFile, mkdir } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { memoryFile, memoryKey, persist, recall, rememberedCharts } from '../../../src/output/build-memory.ts';

const tmp = () => mkdtemp(path.join(os.tmpdir(), 'folio-memory-'));

describe('build memory', () => {
  it('lives beside the output, in .folio-cache/, never in the PDF', async () => {
    expect(memoryFile('/out/report.pdf')).toBe(path.join('/out', '.folio-cache', 'report.pdf.json'));
  });

  it('is empty before any build, and for a damaged file', async () => {
    const dir = await tmp();
    expect(await recall(path.join(dir, 'a.pdf'))).toEqual({});
    await mkdir(path.join(dir, '.folio-cache'));
    await writeFile(memoryFile(path.join(dir, 'b.pdf')), '{ not json');
    expect(await recall(path.join(dir, 'b.pdf'))).toEqual({});
    await writeFile(memoryFile(path.join(dir, 'c.pdf')), 'null');
    expect(await recall(path.join(dir, 'c.pdf'))).toEqual({});
  });

  it('writes what a build learned to the disk, and gives it back', async () => {
    const out = path.join(await tmp(), 'report.pdf');
    const memory = { layout: { key: 'k', pages: [['intro', 2] as [string, number]] } };
    await persist(out, memory);
    expect(JSON.parse(await readFile(memoryFile(out), 'utf8'))).toEqual(memory);
    expect(await recall(out)).toEqual(memory);
  });

  it('reads what an earlier process wrote', async () => {
    const out = path.join(await tmp(), 'earlier.pdf');
    const memory = { audit: { key: 'h', diagnostics: [] } };
    await mkdir(path.dirname(memoryFile(out)), { recursive: true });
    await writeFile(memoryFile(out), JSON.stringify(memory));
    expect(await recall(out)).toEqual(memory);
  });

  it('keys on every part, in order', () => {
    expect(memoryKey('a', { b: 1 })).toBe(memoryKey('a', { b: 1 }));
    expect(memoryKey('a', { b: 1 })).not.toBe(memoryKey('a', { b: 2 }));
    expect(memoryKey('ab', 'c')).not.toBe(memoryKey('a', 'bc'));
  });

  it("gives back the charts' pictures it holds, leaving out damaged entries", () => {
    const good: [string, { svg: string; log: string[] }] = ['k1', { svg: '<svg/>', log: ['w'] }];
    const charts = [good, ['k2', { svg: 3, log: [] }], ['k3', { svg: '<svg/>' }], ['k4', { svg: '<svg/>', log: [1] }], 'k5', null] as never;
    expect([...rememberedCharts({ charts })]).toEqual([good]);
    expect(rememberedCharts({ charts: { k1: good[1] } as never }).size).toBe(0);
    expect(rememberedCharts({}).size).toBe(0);
  });
});
