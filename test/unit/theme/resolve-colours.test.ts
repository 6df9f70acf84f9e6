import { describe, expect, it } from 'vitest';
import { colourOf, resolveColours } from '../../../src/theme/resolve-colours.ts';
import { folioError } from '../../helpers.ts';

const locate = (pointer: string) => ({ file: 'report.yaml', pointer });
const defaults = { ink: '#222222', accent: '#cc9900', current: '#3355dd' };

describe('resolveColours', () => {
  it('types each colour once: palette entries and roles become CSS properties, roles default to the theme', () => {
    const c = resolveColours({ navy: '#100D38', gold: '#ECB960' }, { ink: 'navy', accent: 'gold' }, defaults, locate);
    expect(c.roles).toEqual({ ink: '#100D38', accent: '#ECB960', current: '#3355dd' });
    expect(c.css).toBe('--palette-navy: #100D38; --palette-gold: #ECB960; --ink: #100D38; --accent: #ECB960; --current: #3355dd;');
  });

  it('lets charts name the same colours as var(--role) or var(--palette-name)', () => {
    const c = resolveColours({ teal: '#1B4852' }, {}, defaults, locate);
    expect([colourOf(c, 'var(--current)'), colourOf(c, 'var(--palette-teal)'), colourOf(c, 'var(--nope)'), colourOf(c, '#fff')]).toEqual(['#3355dd', '#1B4852', undefined, undefined]);
  });

  it('reports an unknown role, a role naming no palette colour, and a value that is not a colour, each at its place', async () => {
    const e = await folioError(() => resolveColours({ navy: '#100D38', bad: 'blue-ish' }, { inc: 'navy', accent: 'nav' }, defaults, locate));
    expect(e.diagnostics.map((d) => [d.code, d.pointer, d.hint])).toEqual([
      ['theme/bad-colour', '/report/palette/bad', 'Write colours as #rrggbb (or #rgb).'],
      ['theme/unknown-role', '/report/roles/inc', 'Did you mean "ink"?'],
      ['theme/unknown-colour', '/report/roles/accent', 'Did you mean "navy"?'],
    ]);
  });
});
