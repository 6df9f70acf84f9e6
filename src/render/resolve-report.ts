import { diagnostic, FolioError, type Diagnostic, type Place } from '../util/diagnostics.ts';
import type { ThemeFiles } from '../theme/read-theme.ts';
import { resolveColours, type Colours } from '../theme/resolve-colours.ts';
import { formatter, type AmountsIn, type Formatter } from '../util/format.ts';
import { createTextRenderer, type RenderText } from './render-text.ts';
import { resolveSections, type ChartRef, type ResolvedSection } from './resolve-sections.ts';

/** What `report.yaml` says of the report as a whole, with the defaults filled in. */
export interface ReportMeta {
  title: string;
  organization: string;
  year: number;
  lang: string;
  slug?: string;
  authors: string[];
  description: string;
  subject?: string;
  keywords: string[];
  currency: string;
  amounts_in: AmountsIn;
  palette: Record<string, string>;
  roles: Record<string, string>;
  /** How deep the table of contents goes (2: sections only; 3: and their sub-sections). */
  contents_depth?: number;
  /** Publication date of the first edition. */
  date?: string;
  /** Derived from corrections.yaml: 1 + the number of correction dates, and the latest date. */
  revision: { number: number; date?: string };
}

export interface ResolvedReport {
  report: ReportMeta;
  /** The data with its text fields rendered (report.yaml's texts, prose front matter). */
  data: Record<string, unknown>;
  fmt: Formatter;
  colours: Colours;
  renderText: RenderText;
  sections: ResolvedSection[];
  charts: ChartRef[];
  warnings: Diagnostic[];
}

/** Report text fields that may use helpers (`"Annual Report {{report.year}}"`). */
const REPORT_TEXTS = ['title', 'description', 'subject', 'slug'] as const;

/**
 * Everything the templates need that comes from the report rather than the theme: its language,
 * currency and colours, its text fields rendered, and its sections resolved against the theme's
 * section kinds. Pure: data in, a new resolved report out.
 */
export function resolveReport(derived: Record<string, unknown>, locate: (pointer: string) => Place, theme: ThemeFiles): ResolvedReport {
  const raw = derived.report as Partial<ReportMeta> & { revision: ReportMeta['revision'] };
  const fmt = formatter(raw.lang ?? 'en-US', { currency: raw.currency ?? 'USD', amountsIn: raw.amounts_in ?? 'units' });
  const colours = resolveColours(raw.palette, raw.roles, theme.manifest.roles, locate);

  const problems: Diagnostic[] = [];
  const attempt = <T>(work: () => T, fallback: T): T => {
    try {
      return work();
    } catch (e) {
      if (!(e instanceof FolioError)) throw e;
      problems.push(...e.diagnostics);
      return fallback;
    }
  };
  const firstPass = createTextRenderer(fmt, derived);
  const report: ReportMeta = {
    authors: [raw.organization!],
    description: '',
    keywords: [],
    currency: 'USD',
    amounts_in: 'units',
    palette: {},
    roles: {},
    ...raw,
  } as ReportMeta;
  for (const key of REPORT_TEXTS) {
    const value = report[key];
    if (typeof value === 'string') report[key] = attempt(() => firstPass(value, locate(`/report/${key}`)), value);
  }
  const prose = Object.fromEntries(
    Object.entries((derived.prose ?? {}) as Record<string, Record<string, unknown>>).map(([name, doc]) => [
      name,
      Object.fromEntries(Object.entries(doc).map(([k, v]) => [k, k !== 'body' && typeof v === 'string' ? attempt(() => firstPass(v, locate(`/prose/${name}/${k}`)), v) : v])),
    ]),
  );
  const data = { ...derived, report, prose };
  const renderText = createTextRenderer(fmt, data);
  const kinds = theme.templates.filter((t) => t.name.startsWith('sections/')).map((t) => t.name.slice('sections/'.length));
  const { sections, charts } = attempt(() => resolveSections({ data, locate, kinds, schemas: theme.sectionSchemas, renderText, fmt }), { sections: [], charts: [] });
  if (problems.length > 0) throw new FolioError(problems);

  const warnings = Object.entries(prose)
    .filter(([, doc]) => doc.draft === true)
    .map(([name]) => diagnostic('data/draft-prose', { name }, locate(`/prose/${name}/draft`)));
  return { report, data, fmt, colours, renderText, sections, charts, warnings };
}
