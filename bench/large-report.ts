/**
 * Makes a large report for the scale benchmark: data/psf-2023 plus, at scale k,
 *   - k reprints of each of the six letters (6k extra prose sections, each its own section), and
 *   - a grants appendix table of 200·k rows (2,000 rows at 10×),
 * as sections of the theme's own kinds (each reprint a letter, the appendix a table), with the repo's
 * templates copied beside the data. Everything is written under `dir` (bench/tmp/…);
 * nothing in the repo is touched.
 *
 *   npx tsx bench/large-report.ts 10 [bench/tmp/large/10x]   → prints the data and templates paths
 */
import { cp, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { isMap, isSeq, parseDocument, YAMLSeq } from 'yaml';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const BASE_DATA = path.join(ROOT, 'data', 'psf-2023');
const BASE_TEMPLATES = path.join(ROOT, 'templates');
export const ROWS_PER_SCALE = 200;

export interface LargeReport {
  scale: number;
  data: string;
  templates: string;
  letters: number;
  rows: number;
}

/** A small deterministic PRNG (mulberry32), so every run builds the same report. */
function prng(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const COUNTRIES = ['Nigeria', 'Kenya', 'Ghana', 'India', 'Indonesia', 'Japan', 'Brazil', 'Colombia', 'Peru', 'Mexico', 'Canada', 'United States', 'Germany', 'Poland', 'Spain', 'Portugal', 'Australia', 'New Zealand', 'Philippines', 'Viet Nam'];
const CATEGORIES = ['Python Conference Grants', 'Travel Grants', 'Django Girls Workshops', 'Development', 'Python Sprints', 'Outreach & Education', 'Workshops', 'Meetup Subscription Grants', 'Training', 'PyLadies Workshops'];
const KINDS = ['PyCon', 'PyData', 'Django Girls', 'PyLadies', 'Python Sprint', 'Python Meetup', 'DjangoCon', 'Python Workshop'];

function appendixRows(n: number) {
  const rand = prng(2023);
  const pick = <T>(list: T[]) => list[Math.floor(rand() * list.length)]!;
  return Array.from({ length: n }, (_, i) => {
    const country = pick(COUNTRIES);
    const month = 1 + Math.floor(rand() * 12);
    const day = 1 + Math.floor(rand() * 28);
    return {
      id: `G-2023-${String(i + 1).padStart(4, '0')}`,
      recipient: `${pick(KINDS)} ${country} ${1 + (i % 9)}`,
      country,
      category: pick(CATEGORIES),
      date: `2023-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`,
      amount: 250 * (1 + Math.floor(rand() * 80)),
    };
  });
}

const APPENDIX_SCHEMA = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  $id: 'grants_appendix.schema.json',
  title: 'Grants appendix (benchmark)',
  type: 'object',
  additionalProperties: false,
  required: ['title', 'rows'],
  properties: {
    title: { type: 'string', minLength: 1 },
    rows: {
      type: 'array',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['id', 'recipient', 'country', 'category', 'date', 'amount'],
        properties: {
          id: { type: 'string' },
          recipient: { type: 'string' },
          country: { type: 'string' },
          category: { type: 'string' },
          date: { type: 'string', pattern: '^\\d{4}-\\d{2}-\\d{2}$' },
          amount: { type: 'integer', minimum: 0 },
        },
      },
    },
  },
};

const LETTERS = [
  'letter_executive_director',
  'letter_pycon_chair',
  'letter_board_chair',
  'letter_developer_in_residence',
  'letter_security_developer_in_residence',
  'letter_pypi_safety_engineer',
];

/** Writes the large report for `scale` under `dir` (replacing what was there). */
export async function makeLargeReport(scale: number, dir: string): Promise<LargeReport> {
  const data = path.join(dir, 'data');
  const templates = path.join(dir, 'templates');
  await rm(dir, { recursive: true, force: true });
  await mkdir(dir, { recursive: true });
  await cp(BASE_DATA, data, { recursive: true });
  await cp(BASE_TEMPLATES, templates, { recursive: true });

  // Letter reprints: prose/bench_r<i>_<letter>.md, each a section of kind letter.
  const added: string[] = [];
  for (let i = 1; i <= scale; i++) {
    for (const letter of LETTERS) {
      const name = `bench_r${i}_${letter}`;
      const text = await readFile(path.join(BASE_DATA, 'prose', `${letter}.md`), 'utf8');
      const retitled = text.replace(/^title: (.*)$/m, (_, t: string) => `title: ${t.replace(/^"|"$/g, '')} (reprint ${i})`);
      await writeFile(path.join(data, 'prose', `${name}.md`), retitled);
      added.push(name);
    }
  }

  // The appendix: its data file, schema (registered in the root schema) and section.
  const rows = appendixRows(ROWS_PER_SCALE * scale);
  const yaml = ['# yaml-language-server: $schema=schema/grants_appendix.schema.json', '# Benchmark data (bench/large-report.ts): generated, not real grants.', 'title: Appendix — Grants Made in 2023', 'rows:'];
  for (const r of rows) {
    yaml.push(`  - { id: ${r.id}, recipient: "${r.recipient}", country: "${r.country}", category: "${r.category}", date: "${r.date}", amount: ${r.amount} }`);
  }
  await writeFile(path.join(data, 'grants_appendix.yaml'), `${yaml.join('\n')}\n`);
  await writeFile(path.join(data, 'schema', 'grants_appendix.schema.json'), `${JSON.stringify(APPENDIX_SCHEMA, null, 2)}\n`);
  const rootSchemaFile = path.join(data, 'schema', 'data.schema.json');
  const rootSchema = JSON.parse(await readFile(rootSchemaFile, 'utf8'));
  rootSchema.properties.grants_appendix = { $ref: 'grants_appendix.schema.json', description: 'Benchmark: the grants appendix.' };
  await writeFile(rootSchemaFile, `${JSON.stringify(rootSchema, null, 2)}\n`);

  // report.yaml: the new sections before the back page, and a slug of its own.
  const reportFile = path.join(data, 'report.yaml');
  const doc = parseDocument(await readFile(reportFile, 'utf8'));
  doc.set('slug', `bench-large-${scale}x`);
  const sections = doc.get('sections');
  if (!isSeq(sections)) throw new Error('report.yaml: sections is not a list');
  const items = (sections as YAMLSeq).items;
  const kindOf = (n: unknown) => (isMap(n) ? String(n.get('kind')) : '');
  const at = items.findIndex((n) => kindOf(n) === 'back-cover');
  const appendix = {
    kind: 'table',
    id: 'grants-appendix',
    title: 'Every grant made in 2023',
    items: 'grants_appendix.rows',
    columns: [
      { field: 'id', label: 'Grant' },
      { field: 'recipient', label: 'Recipient' },
      { field: 'country', label: 'Country' },
      { field: 'category', label: 'Category' },
      { field: 'date', label: 'Date' },
      { field: 'amount', label: 'Amount (US$)', format: 'number' },
    ],
  };
  const inserted = [...added.map((name) => doc.createNode({ kind: 'letter', prose: name })), doc.createNode(appendix)];
  items.splice(at < 0 ? items.length : at, 0, ...inserted);
  await writeFile(reportFile, doc.toString({ lineWidth: 0 }));

  return { scale, data, templates, letters: added.length, rows: rows.length };
}

async function main() {
  const scale = Number(process.argv[2] ?? 10);
  if (!(Number.isInteger(scale) && scale > 0)) throw new Error('usage: tsx bench/large-report.ts SCALE [DIR]');
  const dir = path.resolve(process.argv[3] ?? path.join(ROOT, 'bench', 'tmp', 'large', `${scale}x`));
  const made = await makeLargeReport(scale, dir);
  process.stdout.write(`${JSON.stringify(made, null, 2)}\n`);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) await main();
