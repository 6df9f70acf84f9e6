import { diagnostic, FolioError, type Diagnostic, type Place } from '../util/diagnostics.ts';
import { closest } from '../util/suggest.ts';

/**
 * Every colour is typed once: in the report's `palette` (name → colour). The report's `roles` say
 * which palette colour plays each part the theme knows (`ink`, `accent`, `current`, …; the theme's
 * theme.yaml lists them, with defaults). Both reach the page as CSS custom properties —
 * `--palette-<name>` and `--<role>` — and the charts through the same names, written
 * `"var(--current)"` in a spec or the charts' config.
 */
export interface Colours {
  /** Role → colour, with the theme's defaults for the roles the report does not set. */
  roles: Record<string, string>;
  palette: Record<string, string>;
  /** `--palette-gold: #ECB960; --accent: #ECB960; …` for the page's :root. */
  css: string;
}

const COLOUR = /^#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6})$/;

export function resolveColours(
  palette: Record<string, string> = {},
  roles: Record<string, string> = {},
  defaults: Record<string, string>,
  locate: (pointer: string) => Place,
): Colours {
  const problems: Diagnostic[] = [];
  for (const [name, value] of Object.entries(palette)) {
    if (!COLOUR.test(value)) problems.push(diagnostic('theme/bad-colour', { name: `palette.${name}`, value }, locate(`/report/palette/${name}`)));
  }
  const resolved: Record<string, string> = { ...defaults };
  for (const [role, name] of Object.entries(roles)) {
    const place = locate(`/report/roles/${role}`);
    if (!(role in defaults)) {
      const guess = closest(role, Object.keys(defaults));
      problems.push(diagnostic('theme/unknown-role', { role, known: Object.keys(defaults).join(', '), hint: guess ? `Did you mean "${guess}"?` : undefined }, place));
    } else if (palette[name] !== undefined) {
      resolved[role] = palette[name];
    } else {
      const guess = closest(name, Object.keys(palette));
      problems.push(diagnostic('theme/unknown-colour', { name, role, known: Object.keys(palette).join(', '), hint: guess ? `Did you mean "${guess}"?` : undefined }, place));
    }
  }
  if (problems.length > 0) throw new FolioError(problems);
  const css = [
    ...Object.entries(palette).map(([name, value]) => `--palette-${name}: ${value};`),
    ...Object.entries(resolved).map(([role, value]) => `--${role}: ${value};`),
  ].join(' ');
  return { roles: resolved, palette, css };
}

/** The colour a `var(--name)` names: a role or `palette-<name>`; `undefined` if there is none. */
export function colourOf(colours: Colours, reference: string): string | undefined {
  const m = /^var\(--([\w-]+)\)$/.exec(reference.trim());
  if (!m) return undefined;
  const name = m[1]!;
  return colours.roles[name] ?? (name.startsWith('palette-') ? colours.palette[name.slice('palette-'.length)] : undefined);
}

/** The names a `var(--…)` may use, for a "did you mean". */
export function colourNames(colours: Colours): string[] {
  return [...Object.keys(colours.roles), ...Object.keys(colours.palette).map((n) => `palette-${n}`)];
}
