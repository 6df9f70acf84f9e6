import { describe, expect, it } from 'vitest';
import { formatter } from '../../../src/util/format.ts';
import { createTextRenderer } from '../../../src/render/render-text.ts';
import { resolveSections } from '../../../src/render/resolve-sections.ts';
import { folioError } from '../../helpers.ts';

const KINDS = ['cover', 'letter', 'charts', 'people', 'custom', 'pycon-recap'];
const SCHEMAS = new Map([
  ['letter', { file: 'letter.schema.json', schema: { required: ['prose'], properties: { prose: { type: 'string' }, variant: { enum: ['', 'short', 'continued'], default: '' } }, 'x-needs-title': true } }],
  ['charts', { file: 'charts.schema.json', schema: { required: ['charts'], properties: { charts: { type: 'array' }, lead: { type: 'string', default: '' } }, 'x-needs-title': true } }],
  ['people', { file: 'people.schema.json', schema: { properties: { groups: { anyOf: [{ type: 'string' }, { type: 'array' }] } } } }],
  ['custom', { file: 'custom.schema.json', schema: { required: ['template'], additionalProperties: true, properties: { template: { type: 'string' } } } }],
]);

function resolve(sections: unknown[], extra: Record<string, unknown> = {}) {
  const data = {
    report: { year: 2025, sections },
    prose: { letter_chair: { title: 'Letter from the Chair', author: 'Amara', body: 'Hello' }, outlook: { title: 'Next year', body: '' } },
    members: { by_year: { '2024': 612, '2025': 746 } },
    people: { board: [{ name: 'Amara' }] },
    tiers: [{ title: 'Gold', items: ['Acme'] }],
    ...extra,
  };
  const fmt = formatter('en-US');
  return resolveSections({ data, locate: (pointer) => ({ file: 'report.yaml', pointer }), kinds: KINDS, schemas: SCHEMAS, renderText: createTextRenderer(fmt, data), fmt });
}

describe('resolveSections', () => {
  it('gives a letter its prose document, title and id; a string names a kind with no fields', () => {
    const { sections } = resolve(['cover', { kind: 'letter', prose: 'letter_chair', variant: 'short' }]);
    expect(sections.map((s) => [s.kind, s.id, s.page])).toEqual([
      ['cover', 'cover', 's-cover'],
      ['letter', 'letter-chair', 's-letter-chair'],
    ]);
    expect(sections[1]!.context).toMatchObject({ title: 'Letter from the Chair', variant: 'short', doc: { author: 'Amara' }, periods: ['2025', '2024'] });
  });

  it('renders text fields with helpers and resolves data paths, nested ones too', () => {
    const { sections } = resolve([
      { kind: 'charts', title: 'Members in {{report.year}}: {{number (get members.by_year report.year)}}', charts: ['bars'] },
      { kind: 'people', title: 'Board', groups: [{ title: 'Board', items: 'people.board' }] },
      { kind: 'people', title: 'Sponsors', groups: 'tiers' },
    ]);
    expect(sections[0]!.context.title).toBe('Members in 2025: 746');
    expect((sections[1]!.context.groups as { items: unknown }[])[0]!.items).toEqual([{ name: 'Amara' }]);
    expect(sections[2]!.context.groups).toEqual([{ title: 'Gold', items: ['Acme'] }]);
  });

  it('collects only the charts sections use, with the section\'s overrides, and prints a continued letter on its predecessor\'s page', () => {
    const { sections, charts } = resolve([
      { kind: 'charts', title: 'Growth', charts: ['bars', { chart: 'bars', id: 'members', data: 'members.by_year', title: 'Members' }] },
      { kind: 'letter', prose: 'letter_chair', variant: 'continued' },
    ]);
    expect(charts.map((c) => [c.id, c.spec, c.overrides])).toEqual([
      ['bars', 'bars', {}],
      ['members', 'bars', { data: 'members.by_year', title: 'Members' }],
    ]);
    expect(sections[1]!.page).toBe(sections[0]!.page);
  });

  it('reports each mistake at its place in report.yaml, with a guess', async () => {
    const e = await folioError(() =>
      resolve([
        { kind: 'leter', prose: 'letter_chair' },
        { kind: 'letter', prose: 'letter_chiar' },
        { kind: 'letter', prose: 'letter_chair', varient: 'short' },
        { kind: 'charts', charts: ['bars'] },
        { kind: 'people', title: 'Board', groups: [{ title: 'Board', items: 'people.bored' }] },
        { kind: 'custom', template: 'pycon-recapp' },
        { kind: 'charts', title: 'Twice', charts: ['bars', 'bars'] },
      ]),
    );
    expect(e.diagnostics.map((d) => [d.code, d.pointer, d.hint])).toEqual([
      ['template/missing-section', '/report/sections/0/kind', 'Did you mean "letter"?'],
      ['section/missing-prose', '/report/sections/1/prose', 'Did you mean "letter_chair"?'],
      ['section/invalid', '/report/sections/2/varient', 'Did you mean "variant"?'],
      ['section/invalid', '/report/sections/3', 'See the section kinds in the README ("The data").'],
      ['section/missing-data', '/report/sections/4/groups/0/items', expect.stringContaining('data path')],
      ['template/missing-section', '/report/sections/5/template', 'Did you mean "pycon-recap"?'],
      ['chart/duplicate-id', '/report/sections/6/charts/1', expect.stringContaining('give each use an id')],
    ]);
  });

  it('reports a broken helper in a text field at the field', async () => {
    const e = await folioError(() => resolve([{ kind: 'charts', title: '{{money members.by_year.[2030]}}', charts: ['bars'] }]));
    expect(e.diagnostics[0]).toMatchObject({ code: 'template/unknown-variable', pointer: '/report/sections/0/title' });
  });
});
