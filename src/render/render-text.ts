import { FolioError, type Place } from '../util/diagnostics.ts';
import type { Formatter } from '../util/format.ts';
import { formatHelpers } from './helpers.ts';
import { createEngine } from './template-engine.ts';

/**
 * Text fields in the data — section titles, labels, chart titles, front matter — may use the same
 * helpers as templates (`"PyPI in {{report.year}}"`, `"{{number members.total}} members"`), so no
 * figure or year is typed twice. They render to plain text (the HTML templates escape it when
 * they print it); a mistake is reported at the field's own file and line.
 */
export type RenderText = (text: string, place: Place, extra?: Record<string, unknown>) => string;

export function createTextRenderer(fmt: Formatter, data: Record<string, unknown>): RenderText {
  const engine = createEngine(formatHelpers(fmt), { escape: false });
  return (text, place, extra) => {
    if (!text.includes('{{')) return text;
    const source = { name: place.pointer ?? 'text', file: place.file ?? '', text, firstLine: 1, place };
    const problems = engine.check(source, []);
    if (problems.length > 0) throw new FolioError(problems);
    return engine.run(source, extra ? { ...data, ...extra } : data);
  };
}
