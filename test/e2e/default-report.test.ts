/**
 * Builds the default report (the PSF Annual Impact Report 2023) and reads the PDF back: its text,
 * fonts, tags, bookmarks and charts, never only its size.
 */
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { readFile } from 'node:fs/promises';
import { PDFDocument, PDFName } from 'pdf-lib';
import { structElements } from '../../src/pdf/post/elements.ts';
import { getText } from '../../src/pdf/cos.ts';
import { pdfText, run } from '../helpers.ts';

const build = inject('defaultBuild');
const outFile = build.outFile;
const diagnostics = build.diagnostics;
let text: string;
let doc: PDFDocument;

beforeAll(async () => {
  text = (await pdfText(outFile)).replace(/\u00ad/g, '');
  doc = await PDFDocument.load(await readFile(outFile));
});

/** Text as a reader gets it: hyphenation at line ends undone, white space folded. */
const flat = () => text.replace(/-\n(?=[a-z])/g, '').replace(/\s+/g, ' ');

describe('the default report', () => {
  it('builds without warnings, and writes the HTML it printed beside the PDF', async () => {
    expect(diagnostics).toEqual([]);
    const html = await readFile(outFile.replace(/\.pdf$/, '.html'), 'utf8');
    expect(html).toMatch(/^<!doctype html>/i);
    expect(html).not.toMatch(/<script/i);
  });

  it('has every section of the report', () => {
    const headings = [
      'Annual Impact Report',
      'By the Community, For the Community',
      'Our Mission',
      'Letter from the Executive Director',
      'What’s in store for 2024',
      'PyCon US Chair',
      'Board',
      'Developer-in-Residence',
      'Security Developer-in-Residence',
      'PyPI Safety & Security Engineer',
      'Fiscal Sponsorees',
      'PSF Sponsors',
      'PSF Staff',
      'PSF Board of Directors',
      'PyCon US 2024',
      'Consolidated Financial Statement',
      'Grants by Continent',
      'How can I help?',
    ];
    const all = flat().toLowerCase();
    for (const h of headings) expect(all, h).toContain(h.toLowerCase());
  });

  it('prints figures and names exactly as the report does', () => {
    const expected = [
      // statement, $ thousands
      '$2,859', '$1,349', '$4,356', '$4,083', '$2,690', '$1,305', '$4,508', '$3,698', '−$152', '$385',
      '$5,051', '$5,441', '$5,769', '$559', '$737', '$972', '$2,502', '$2,202', '$4,704',
      // call-outs and prose
      '2,159', '491', '1,705', '2,650', '$280K', '603,378,275', '516,402', '747.4', '189.6', '45%',
      '$697K', '174', '52', '60.5%', '22.8%', '38.6%',
      // people and names
      'Łukasz Langa', 'Débora Azevedo', 'Deb Nicholson', 'Mariatta Wijaya', 'Dawn Wages', 'Seth Larson',
      'Mike Fiedler', 'Loren Crary', 'Ee Durbin', 'Kushal Das', 'Simon Willison', 'Christopher Neugebauer',
      // lists
      'Bandit', 'Bay Area Python Association', 'Python San Diego User Group', 'Twisted', 'PyCascades',
      'Google', 'Fastly', 'OpenSSF Alpha Omega', 'Bloomberg Engineering', 'Cubist Systematic Strategies', 'Fannie Mae',
      'David L. Lawrence Convention Center', 'Salt Lake City', 'psf@python.org', 'sponsors@python.org', '501(c)(3)',
      'North America', 'Python Conference Grants', 'Django Girls Workshops',
    ];
    const all = flat();
    const missing = expected.filter((s) => !all.includes(s));
    expect(missing).toEqual([]);
  });

  it('uses real typography: curly quotes, dashes, Polish and accented letters', () => {
    const all = flat();
    for (const c of ['’', '“', '”', '—', '–', 'Ł', 'é']) expect(all, c).toContain(c);
    expect(all.match(/[A-Za-z]'[A-Za-z]/g) ?? []).toEqual([]);
    expect(all.match(/"[A-Za-z]/g) ?? []).toEqual([]);
  });

  it('has the six charts as tagged vector figures, each one Figure with a text alternative from its data, followed by a table of the same numbers', () => {
    const elems = structElements(doc);
    const figures = elems.filter((e) => e.type === 'Figure');
    const alts = figures.map((f) => getText(doc.context, f.dict, 'Alt') ?? '');
    // In the order the report prints them.
    const titles = ['Revenue and expenses', '2023 expenses by category', 'Total assets', 'Grants awarded by year', 'Grant disbursement by category', 'Grants by continent'];
    expect(alts.map((alt) => titles.find((t) => alt.startsWith(t)) ?? alt)).toEqual(titles);
    expect(alts[2]).toContain('2023, $5,441K');
    for (const f of figures) {
      // One Figure per chart: none inside another, and the next table or figure after it is its table.
      expect(elems.some((e) => e.type === 'Figure' && e !== f && isInside(e, f))).toBe(false);
      const after = elems.slice(elems.indexOf(f) + 1);
      expect(after.find((e) => e.type === 'Table' || e.type === 'Figure')?.type).toBe('Table');
    }
    // Vector: the charts' axis labels are text in the PDF, and the file holds no raster images.
    for (const year of ['2016', '2017', '2018', '2019', '2020', '2021']) expect(flat()).toContain(year);
    const images = doc.context.enumerateIndirectObjects().filter(([, o]) => (o as { dict?: { get(n: PDFName): unknown } }).dict?.get(PDFName.of('Subtype')) === PDFName.of('Image'));
    expect(images).toEqual([]);
  });

  it('embeds only the bundled fonts', async () => {
    const { stdout } = await run('pdffonts', [outFile]);
    const rows = stdout.split('\n').slice(2).filter(Boolean);
    expect(rows.length).toBeGreaterThan(2);
    for (const row of rows) {
      expect(row).toMatch(/^[A-Z]{6}\+(Inter|SourceSerif4)/);
      expect(row.split(/\s+/).slice(-5, -2)).toEqual(['yes', 'yes', 'yes']);
    }
  });

  // Bookmarks: navigation.test.ts, against the HTML's headings; the headings in the structure
  // tree: reading.test.ts, as Firefox and poppler read them.
  it('is tagged, on letter paper', async () => {
    const { stdout } = await run('pdfinfo', [outFile]);
    expect(stdout).toMatch(/Tagged:\s+yes/);
    expect(stdout).toMatch(/Page size:\s+612 x 792 pts \(letter\)/);
  });
});

function isInside(e: { parent?: unknown }, ancestor: unknown): boolean {
  for (let p = e.parent as { parent?: unknown } | undefined; p; p = p.parent as { parent?: unknown } | undefined) if (p === ancestor) return true;
  return false;
}
