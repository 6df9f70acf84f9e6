import { describe, expect, it } from 'vitest';
import { createEngine } from '../../../src/render/template-engine.ts';
import { formatHelpers } from '../../../src/render/helpers.ts';
import { formatter } from '../../../src/util/format.ts';
import { folioError } from '../../helpers.ts';

const engine = () => createEngine(formatHelpers(formatter('en-US', { currency: 'USD', amountsIn: 'thousands' })));
const source = (text: string) => ({ name: 'sections/x', file: '/t/sections/x.hbs', text, firstLine: 1 });
const data = { totals: { '2024': 5406, '2023': 4356 }, report: { year: 2024 } };

describe('the template engine', () => {
  it('says how to write a year key when a path spells it with a dot', async () => {
    const e = engine();
    const [problem] = e.check(source('<p>\n{{money totals.2024}}</p>'), []);
    expect(problem).toMatchObject({ code: 'template/syntax', line: 2 });
    expect(problem!.hint).toBe('A key that starts with a digit needs brackets: totals.[2024], or the get helper: (get totals "2024").');
  });

  it('reads year keys written either way', () => {
    expect(engine().run(source('{{money totals.[2024]}} / {{money (get totals report.year)}}'), data)).toBe('$5,406K / $5,406K');
  });

  it('names the line of an unknown variable inside a helper argument, even two levels deep', async () => {
    const e = await folioError(() => engine().run(source('a\nb {{money totals.x.y}}'), data));
    expect(e.diagnostics[0]).toMatchObject({ code: 'template/unknown-variable', line: 2, message: 'Unknown variable "totals.x.y".' });
  });
});
