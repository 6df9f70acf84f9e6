import { afterEach, describe, expect, it, vi } from 'vitest';
import { editionDates, type DatedReport } from '../../../src/data/edition-dates.ts';
import { folioError } from '../../helpers.ts';

const report: DatedReport = {
  date: '2024-03-01',
  lang: 'en-US',
  currency: 'USD',
  amounts_in: 'thousands',
  revision: {
    number: 3,
    date: '2026-12-01',
    history: [
      { date: '2026-11-27', changes: [{ label: 'Total assets, 2022', format: 'money', old: 5764, new: 5769 }] },
      {
        date: '2026-12-01',
        changes: [
          { label: 'In-person attendees', format: 'number', old: 2159, new: 2186 },
          { label: 'Session attendees', format: 'number', old: 2650, new: 2677 },
        ],
      },
    ],
  },
};
const iso = (d: Date) => d.toISOString();
const clock = () => {
  throw new Error('the clock was read');
};

describe('editionDates', () => {
  it('keeps the first publication as the creation date and the latest correction as the modification date, with one history entry per correction date', () => {
    const dates = editionDates(report, {}, clock);
    expect([iso(dates.created), iso(dates.modified)]).toEqual(['2024-03-01T00:00:00.000Z', '2026-12-01T00:00:00.000Z']);
    expect(dates.history.map((h) => [iso(h.when), h.revision, h.note])).toEqual([
      ['2026-11-27T00:00:00.000Z', 2, 'Revision 2: corrected Total assets, 2022 from $5,764K to $5,769K'],
      ['2026-12-01T00:00:00.000Z', 3, 'Revision 3: corrected In-person attendees from 2,159 to 2,186; Session attendees from 2,650 to 2,677'],
    ]);
  });

  it('writes the history in the report’s language and currency', () => {
    const dates = editionDates({ ...report, lang: 'de-DE', currency: 'EUR' }, {}, clock);
    expect(dates.history[0]!.note).toMatch(/^Revision 2: corrected Total assets, 2022 from 5\.764\sTausend\s€ to 5\.769\sTausend\s€$/);
  });

  it('dates a first edition by its publication, and one without any date by the clock', () => {
    const first = editionDates({ ...report, revision: { number: 1 } }, {}, clock);
    expect([iso(first.created), iso(first.modified), first.history]).toEqual(['2024-03-01T00:00:00.000Z', '2024-03-01T00:00:00.000Z', []]);
    const undated = editionDates({ ...report, date: undefined, revision: { number: 1 } }, {}, () => new Date('2030-01-02T03:04:05Z'));
    expect([iso(undated.created), iso(undated.modified)]).toEqual(['2030-01-02T03:04:05.000Z', '2030-01-02T03:04:05.000Z']);
  });

  it('without a publication date, creates the document when it was last corrected (nothing earlier is known)', () => {
    const dates = editionDates({ ...report, date: undefined }, {}, clock);
    expect([iso(dates.created), iso(dates.modified)]).toEqual(['2026-12-01T00:00:00.000Z', '2026-12-01T00:00:00.000Z']);
  });

  it('takes SOURCE_DATE_EPOCH as the build’s date: the modification date, and nothing later', () => {
    const later = editionDates(report, { SOURCE_DATE_EPOCH: '1800000000' }, clock);
    expect([iso(later.created), iso(later.modified)]).toEqual(['2024-03-01T00:00:00.000Z', '2027-01-15T08:00:00.000Z']);
    expect(later.history.map((h) => iso(h.when))).toEqual(['2026-11-27T00:00:00.000Z', '2026-12-01T00:00:00.000Z']);
    const earlier = editionDates(report, { SOURCE_DATE_EPOCH: '1700000000' }, clock);
    expect([iso(earlier.created), iso(earlier.modified)]).toEqual(['2023-11-14T22:13:20.000Z', '2023-11-14T22:13:20.000Z']);
    expect(earlier.history.map((h) => iso(h.when))).toEqual(['2023-11-14T22:13:20.000Z', '2023-11-14T22:13:20.000Z']);
  });

  it('refuses a malformed SOURCE_DATE_EPOCH, quoting it', async () => {
    const error = await folioError(() => editionDates(report, { SOURCE_DATE_EPOCH: '2024-03-01' }, clock));
    expect(error.code).toBe('config/source-date-epoch');
    expect(error.diagnostics[0]!.message).toBe('SOURCE_DATE_EPOCH is "2024-03-01", which is not a whole number of seconds since 1970-01-01 UTC.');
  });

  it('refuses a SOURCE_DATE_EPOCH that is a number but not whole seconds written as digits', async () => {
    // Number() reads all of these; the convention allows digits only.
    for (const value of ['1e9', ' 1700000000', '1700000000 ', '+1700000000']) {
      const error = await folioError(() => editionDates(report, { SOURCE_DATE_EPOCH: value }, clock));
      expect(error.code).toBe('config/source-date-epoch');
    }
  });

  it('reads an empty SOURCE_DATE_EPOCH as unset (as `SOURCE_DATE_EPOCH= folio …` gives)', () => {
    const dates = editionDates(report, { SOURCE_DATE_EPOCH: '' }, clock);
    expect([iso(dates.created), iso(dates.modified)]).toEqual(['2024-03-01T00:00:00.000Z', '2026-12-01T00:00:00.000Z']);
  });

  describe('by default', () => {
    afterEach(() => {
      vi.useRealTimers();
    });

    it('dates a report without any date by the system clock', () => {
      vi.useFakeTimers({ now: new Date('2031-05-06T07:08:09Z') });
      const dates = editionDates({ ...report, date: undefined, revision: { number: 1 } }, {});
      expect([iso(dates.created), iso(dates.modified)]).toEqual(['2031-05-06T07:08:09.000Z', '2031-05-06T07:08:09.000Z']);
    });
  });
});
