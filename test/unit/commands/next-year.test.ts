import { describe, expect, it } from 'vitest';
import path from 'node:path';
import os from 'node:os';
import { mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { nextYear } from '../../../src/commands/next-year.ts';

async function report(files: Record<string, string>) {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'folio-next-'));
  for (const [rel, text] of Object.entries(files)) {
    await mkdir(path.dirname(path.join(dir, rel)), { recursive: true });
    await writeFile(path.join(dir, rel), text);
  }
  return dir;
}

describe('nextYear', () => {
  it('moves the year on, adds the new column to every table kept by year, and keeps the files\' own text', async () => {
    const dir = await report({
      'report.yaml': 'title: Report   # the title\nyear: 2023\ndate: 2024-03-01\nslug: acme-2023\nlang: en-US\n',
      'figures.yaml': '# comment kept\nlines:\n  - { label: Fees, "2023": 10, "2022": 9 }   # aligned comment\nby_year:\n  "2021": 1\n  "2022": 2\n  "2023": 3\nnot_a_year: { "2023": "text" }\nsingle: 5\n',
      'people.yaml': 'board: [Ann]\n',
      'corrections.yaml': '# errata\n- { path: figures.single, label: One, format: number, old: 4, new: 5, date: 2024-05-01 }\n',
      'prose/letter.md': '---\ntitle: Hello\n---\nBody.\n',
      'prose/plain.md': 'No front matter.\n',
    });
    const out = path.join(await mkdtemp(path.join(os.tmpdir(), 'folio-next-')), 'x');
    const result = await nextYear(dir, out);
    expect(result).toMatchObject({ year: 2024, columns: { 'figures.yaml': 2 }, kept: ['people.yaml'], drafts: ['letter.md', 'plain.md'], corrections: 1 });
    expect(await readFile(path.join(out, 'report.yaml'), 'utf8')).toBe(
      'title: Report   # the title\nyear: 2024\n# date: the publication date of this edition, once it is out (YYYY-MM-DD)\nslug: acme-2024\nlang: en-US\n',
    );
    expect(await readFile(path.join(out, 'figures.yaml'), 'utf8')).toBe(
      '# comment kept\nlines:\n  - { label: Fees, "2024": ~, "2023": 10, "2022": 9 }   # aligned comment\nby_year:\n  "2021": 1\n  "2022": 2\n  "2023": 3\n  "2024": ~\nnot_a_year: { "2023": "text" }\nsingle: 5\n',
    );
    expect(await readFile(path.join(out, 'corrections.yaml'), 'utf8')).toBe('# errata\n[]\n');
    expect(await readFile(path.join(out, 'prose/letter.md'), 'utf8')).toBe('---\ndraft: true\ntitle: Hello\n---\nBody.\n');
    expect(await readFile(path.join(out, 'prose/plain.md'), 'utf8')).toBe('---\ndraft: true\n---\nNo front matter.\n');
    // The source is left as it was.
    expect(await readFile(path.join(dir, 'report.yaml'), 'utf8')).toContain('year: 2023');
  });
});
