/**
 * The document's dates, from the data and never from the clock when the data has one, so the same
 * inputs give the same bytes. A corrected edition keeps its first publication as its creation date
 * and carries the latest correction as its modification date, with one history entry per
 * correction date, saying what that edition corrected.
 */
import { fail } from '../util/diagnostics.ts';
import { formatter, type AmountsIn } from '../util/format.ts';
import type { EditionDates } from '../util/shapes.ts';
import type { Revision } from './apply-corrections.ts';

export interface DatedReport {
  /** The first publication (YYYY-MM-DD). */
  date?: string;
  revision: Revision;
  lang: string;
  currency: string;
  amounts_in: AmountsIn;
}

/**
 * created: `report.date` (the first publication); modified: the latest correction's date, else
 * the first publication; history: each correction date. Without a publication date the creation
 * date is the modification date (nothing earlier is known), and without any date both are now.
 *
 * SOURCE_DATE_EPOCH (reproducible-builds.org) is the date of this build: it sets the modification
 * date, and no date in the file is later than it (the creation date and the history are clamped
 * to it, as `tar --clamp-mtime` does).
 */
export function editionDates(report: DatedReport, env: NodeJS.ProcessEnv = process.env, now: () => Date = () => new Date()): EditionDates {
  const epoch = sourceDateEpoch(env);
  const day = (iso: string) => new Date(`${iso}T00:00:00Z`);
  const clamp = (d: Date) => (epoch && d > epoch ? epoch : d);
  const published = report.date ? day(report.date) : undefined;
  const modified = epoch ?? (report.revision.date ? day(report.revision.date) : (published ?? now()));
  const fmt = formatter(report.lang, { currency: report.currency, amountsIn: report.amounts_in });
  const history = (report.revision.history ?? []).map((edition, k) => {
    const changes = edition.changes.map((c) => `${c.label} from ${fmt.figure(c.old, c.format)} to ${fmt.figure(c.new, c.format)}`);
    return { when: clamp(day(edition.date)), revision: k + 2, note: `Revision ${k + 2}: corrected ${changes.join('; ')}` };
  });
  return { created: clamp(published ?? modified), modified, history };
}

/** SOURCE_DATE_EPOCH as a date: whole seconds since 1970 UTC; a malformed value is an error (the convention says so). */
function sourceDateEpoch(env: NodeJS.ProcessEnv): Date | undefined {
  const value = env.SOURCE_DATE_EPOCH;
  if (value === undefined || value === '') return undefined;
  const date = /^\d+$/.test(value) ? new Date(Number(value) * 1000) : undefined;
  if (!date || Number.isNaN(date.getTime())) fail('config/source-date-epoch', { value });
  return date;
}
