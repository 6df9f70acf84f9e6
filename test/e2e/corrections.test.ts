/**
 * Correcting a figure: it changes everywhere it is used and nowhere else; a recorded correction
 * builds and is listed; and the same inputs give the same bytes. (Sums that no longer add up stop
 * the build before the browser: test/unit/data/derive-figures.test.ts.)
 */
import { beforeAll, describe, expect, inject, it } from 'vitest';
import os from 'node:os';
import path from 'node:path';
import { cp, mkdtemp, readFile } from 'node:fs/promises';
import { createHash } from 'node:crypto';
import { buildReport } from '../../src/index.ts';
import { edit, pdfText, ROOT, run } from '../helpers.ts';

const original = inject('defaultBuild');
const sha = async (file: string) => createHash('sha256').update(await readFile(file)).digest('hex');

async function copyData(): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'folio-data-'));
  await cp(path.join(ROOT, 'data/psf-2023'), path.join(dir, 'data'), { recursive: true });
  return dir;
}
const build = (dir: string, name = 'report.pdf') =>
  buildReport({ data: path.join(dir, 'data'), theme: path.join(ROOT, 'templates'), assets: path.join(ROOT, 'assets'), out: path.join(dir, name) });

describe('one figure, everywhere', () => {
  let dir: string;
  let text: string;
  let html: string;
  beforeAll(async () => {
    dir = await copyData();
    // The 2023 grants total: typed once, printed in prose, a call-out, a chart, its alt text and its table.
    await edit(path.join(dir, 'data/grants.yaml'), (t) => t.replace('"2023": 697', '"2023": 700'));
    const result = await build(dir);
    text = (await pdfText(result.outFile)).replace(/\s+/g, ' ');
    html = await readFile(result.htmlFile, 'utf8');
  });

  it('prints the new value in the prose, the call-out, the chart, its alt text and its table', async () => {
    expect(html).toContain('distributed $700K in grants in 2023');
    expect(html).toMatch(/aria-label="[^"]*Grants awarded by year[^"]*2023, \$700K\.?"/);
    expect(html).toMatch(/<th scope="row">2023<\/th><td class="num">\$700K<\/td>/);
    expect(text.match(/\$700K/g)!.length).toBeGreaterThanOrEqual(4);
  });

  it('prints the old value nowhere', async () => {
    expect((await pdfText(original.outFile)).match(/\$697K/g)!.length).toBeGreaterThanOrEqual(4);
    expect(text).not.toContain('$697K');
    expect(html).not.toMatch(/\$697|697K|>697</);
  });
});

describe('checks and corrections', () => {
  // A stated total that no longer adds up stops the build at the derive stage, before any browser:
  // proven on this data in test/unit/data/derive-figures.test.ts.
  it('builds the same stated figure once a correction records it, and lists the correction', async () => {
    const dir = await copyData();
    await edit(path.join(dir, 'data/financials.yaml'), (t) =>
      t.replace('    total_label: Total Revenue\n', '    total_label: Total Revenue\n    total: { "2023": 4400, "2022": 4083 }\n'),
    );
    await edit(path.join(dir, 'data/corrections.yaml'), (t) =>
      `${t}- path: financials.statement.revenue.total.2023\n  label: Total revenue, 2023\n  format: money\n  old: 4400\n  new: 4356\n  date: 2026-12-01\n  note: The printed total did not equal its lines.\n`,
    );
    const result = await build(dir);
    const contents = (await pdfText(result.outFile, '-f', '2', '-l', '2')).replace(/\s+/g, ' ');
    expect(contents).toContain('Revision 3, December 1, 2026');
    expect(contents).toContain('Total revenue, 2023 was printed as $4,400K and is $4,356K.');
    const meta = (await import('node:child_process')).execFileSync('pdfinfo', ['-meta', result.outFile]).toString();
    expect(meta).toContain('<xmpMM:VersionID>3</xmpMM:VersionID>');
    expect(meta).toContain('<xmp:CreateDate>2026-12-01T00:00:00Z</xmp:CreateDate>');
  });
});

/** poppler's reading of a PDF's dates: the Info dictionary's (ISO) and the XMP packet. */
async function dates(file: string) {
  const info = (await run('pdfinfo', ['-isodates', file])).stdout;
  const xmp = (await run('pdfinfo', ['-meta', file])).stdout;
  const field = (name: string) => new RegExp(`^${name}:\\s*(\\S+)`, 'm').exec(info)?.[1];
  const tag = (name: string) => [...xmp.matchAll(new RegExp(`<${name}>([^<]*)</${name}>`, 'g'))].map((m) => m[1]);
  return { creation: field('CreationDate'), mod: field('ModDate'), tag };
}

describe('correcting one typed figure', () => {
  let dir: string;
  let corrected: Awaited<ReturnType<typeof build>>;
  beforeAll(async () => {
    dir = await copyData();
    // The first edition's publication date (the PSF data does not type one; a report that has it
    // keeps it as the creation date through every correction).
    await edit(path.join(dir, 'data/report.yaml'), (t) => t.replace(/^year: 2023$/m, 'year: 2023\ndate: 2024-04-15'));
    // As the README says: fix the number once, in the data, and record the correction.
    await edit(path.join(dir, 'data/pycon.yaml'), (t) => t.replace('in_person: 2159', 'in_person: 2186'));
    await edit(path.join(dir, 'data/corrections.yaml'), (t) =>
      `${t}- path: pycon.recap.attendees.in_person\n  label: In-person attendees, PyCon US 2023\n  format: number\n  old: 2159\n  new: 2186\n  date: 2026-12-01\n  note: Late registrations were left out.\n`,
    );
    corrected = await build(dir, 'corrected.pdf');
  });

  it('lists the corrected figure and the derived total it moved in the printed notice, each with both values as printed', async () => {
    const contents = (await pdfText(corrected.outFile, '-f', '2', '-l', '2')).replace(/\s+/g, ' ');
    expect(contents).toContain('Revision 3, December 1, 2026.');
    expect(contents).toContain('In-person attendees, PyCon US 2023 was printed as 2,159 and is 2,186. Late registrations were left out.');
    expect(contents).toContain('The figure computed from it changed too: PyCon US session attendees was printed as 2,650 and is 2,677.');
    // The documenting corrections stay as they were: nothing derived from them is listed.
    expect(contents).toContain('Total assets, 2022 (asset-trend chart) was printed as $5,764K and is $5,769K.');
    expect(contents.match(/computed from it/g)).toHaveLength(1);
    // The pages after the notice print the new figures only.
    const rest = await pdfText(corrected.outFile, '-f', '3');
    expect(rest).toContain('2,677');
    expect(rest).toContain('2,186');
    expect(rest).not.toMatch(/2,650|2,159/);
  });

  it('keeps the first edition as the creation date and dates the modification by the correction, with the history in XMP', async () => {
    const d = await dates(corrected.outFile);
    expect([d.creation, d.mod]).toEqual(['2024-04-15T00:00:00Z', '2026-12-01T00:00:00Z']);
    expect(d.tag('xmp:CreateDate')).toEqual(['2024-04-15T00:00:00Z']);
    expect(d.tag('xmp:ModifyDate')).toEqual(['2026-12-01T00:00:00Z']);
    expect(d.tag('xmp:MetadataDate')).toEqual(['2026-12-01T00:00:00Z']);
    expect(d.tag('xmpMM:VersionID')).toEqual(['3']);
    expect(d.tag('stEvt:when')).toEqual(['2026-11-27T00:00:00Z', '2026-12-01T00:00:00Z']);
    expect(d.tag('stEvt:parameters')[1]).toBe('Revision 3: corrected In-person attendees, PyCon US 2023 from 2,159 to 2,186; PyCon US session attendees from 2,650 to 2,677');
  });

  it('builds the corrected edition byte for byte again, and SOURCE_DATE_EPOCH dates the build without moving the first edition', async () => {
    const again = await build(dir, 'again.pdf');
    expect(await sha(again.outFile)).toBe(await sha(corrected.outFile));
    process.env.SOURCE_DATE_EPOCH = '1800000000';
    try {
      const epoch = await build(dir, 'epoch.pdf');
      const d = await dates(epoch.outFile);
      expect([d.creation, d.mod]).toEqual(['2024-04-15T00:00:00Z', '2027-01-15T08:00:00Z']);
      expect(d.tag('stEvt:when')).toEqual(['2026-11-27T00:00:00Z', '2026-12-01T00:00:00Z']);
    } finally {
      delete process.env.SOURCE_DATE_EPOCH;
    }
  });
});

describe('reproducible builds', () => {
  it('gives byte-identical PDFs for the same inputs, and a different one when a figure changes', async () => {
    const dir = await copyData();
    const again = await build(dir, 'again.pdf');
    expect(await sha(again.outFile)).toBe(await sha(original.outFile));
    await edit(path.join(dir, 'data/pycon.yaml'), (t) => t.replace('in_person: 2159', 'in_person: 2160'));
    const changed = await build(dir, 'changed.pdf');
    expect(await sha(changed.outFile)).not.toBe(await sha(original.outFile));
  });
});
