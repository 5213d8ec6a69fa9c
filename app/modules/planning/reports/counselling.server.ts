import {
  counsellingCounts,
  counsellingLabels,
  latestSnapshotDay,
  snapshots,
  snapshotTrend,
} from '../../../../db/queries/planning.server';
import { tallyCounts } from '../../../../db/queries/planning-cases.server';
import { addDays } from '../../../utils/zoned';
import { type Label, matrix, percentiles, ratio, type SectionView, section, tally } from '../report-model';
import {
  areaLabels,
  inhabitantsOf,
  key,
  monthLabels,
  type ReportContext,
  type ReportDefinition,
} from './context';

const CHANNELS = ['in_person', 'phone', 'video'];
const OUTCOMES = ['held', 'unrecorded', 'no_show', 'cancelled'] as const;
/** A contact: an appointment that took place (held, or past without an outcome recorded). */
const isContact = (r: { outcome: string }) => r.outcome === 'held' || r.outcome === 'unrecorded';
/** Appointments that were due: contacts and no-shows (the base of waiting times and no-show rates). */
const wasDue = (r: { outcome: string }) => r.outcome !== 'cancelled';

/**
 * Counselling load and access: contacts per 1,000 inhabitants by area (the office's area;
 * phone and video have none), language and channel; waiting time from booking to the
 * appointment (median, 90th percentile); days to the first free slot, from the nightly
 * snapshot; no-show and cancellation rates; the share of contacts in languages other
 * than German. No counsellor dimension anywhere. Version 2: short counselling without
 * an appointment (walk-ins, calls, e-mails; counselling_tallies) joins the contacts per
 * area and has its own table by channel.
 */
export const counselling: ReportDefinition = {
  id: 'counselling',
  slug: 'beratung',
  version: '2',
  data: 'nightly',
  periods: 'past',
  asOfSources: ['counselling'],
  sources: [
    'appointments',
    'counselling_tallies',
    'planning_counselling_monthly',
    'planning_slot_snapshots',
    'planning_areas',
  ],
  sections: [
    'byArea',
    'shortByChannel',
    'byLanguage',
    'nonGerman',
    'outcomes',
    'waiting',
    'byMonth',
    'firstSlot',
    'firstSlotTrend',
  ],
  async build(ctx: ReportContext) {
    const latest = await latestSnapshotDay(ctx.db);
    // The snapshot shown as "as of last night": the newest one, or the last of a past period.
    const snapshotDay = latest && latest < ctx.range.end ? latest : addDays(ctx.range.end, -1);
    const [
      byAreaRows,
      byLanguageRows,
      byMonthRows,
      outcomeRows,
      waitRows,
      labels,
      trendRows,
      daySnapshots,
      tallies,
    ] = await Promise.all([
      ctx.area ? [] : counsellingCounts(ctx.db, ctx.range, ['area', 'outcome']),
      counsellingCounts(ctx.db, ctx.range, ['language', 'outcome']),
      counsellingCounts(ctx.db, ctx.range, ['month', 'language', 'outcome']),
      counsellingCounts(ctx.db, ctx.range, ['channel', 'outcome']),
      counsellingCounts(ctx.db, ctx.range, ['topic', 'wait_days', 'outcome']),
      counsellingLabels(ctx.db),
      snapshotTrend(ctx.db, ctx.range, 'de'),
      snapshots(ctx.db, { start: snapshotDay, end: addDays(snapshotDay, 1), area: ctx.range.area }),
      tallyCounts(ctx.db, ctx.range),
    ]);
    const sections: SectionView[] = [];

    if (!ctx.area) {
      const areaRows = areaLabels(ctx.areas, true);
      const byArea = tally(
        byAreaRows.filter(isContact),
        (r) => r.area,
        (r) => r.n,
      );
      const shortByArea = tally(
        tallies,
        (r) => r.area,
        (r) => r.n,
      );
      sections.push(
        section({
          id: 'byArea',
          rowDim: 'area',
          colDim: 'measure',
          rows: areaRows,
          cols: [{ code: 'appointmentContacts' }, { code: 'shortContacts' }],
          values: areaRows.map((a) => [byArea.get(a.code) ?? 0, shortByArea.get(a.code) ?? 0]),
          rowTotal: true,
          colTotal: true,
          measures: [
            {
              code: 'contactsPer1000',
              unit: 'rate',
              from: ['total'],
              value: ({ counts, index }) =>
                index >= 0 && areaRows[index]!.code === ''
                  ? null
                  : ratio(counts.total!, inhabitantsOf(ctx, index < 0 ? null : areaRows[index]!.code), 1000),
            },
          ],
          chart: { kind: 'bars', column: 'contactsPer1000' },
          notes: ['officeArea', 'noAreaRemote', 'shortWithoutAppointment'],
        }),
      );
    }

    const shortChannels = [...CHANNELS, 'email'];
    const shortByChannel = tally(
      tallies,
      (r) => r.channel,
      (r) => r.n,
    );
    sections.push(
      section({
        id: 'shortByChannel',
        rowDim: 'channel',
        colDim: 'measure',
        rows: shortChannels.map((code) => ({ code })),
        cols: [{ code: 'shortContacts' }],
        values: shortChannels.map((c) => [shortByChannel.get(c) ?? 0]),
        colTotal: true,
        chart: { kind: 'bars', column: 'shortContacts' },
        notes: ['shortWithoutAppointment'],
      }),
    );

    const byLanguage = tally(
      byLanguageRows.filter(isContact),
      (r) => r.language,
      (r) => r.n,
    );
    const languages = [...byLanguage.keys()].sort(
      (a, b) =>
        Number(b === 'de') - Number(a === 'de') ||
        byLanguage.get(b)! - byLanguage.get(a)! ||
        a.localeCompare(b),
    );
    sections.push(
      section({
        id: 'byLanguage',
        rowDim: 'language',
        colDim: 'measure',
        rows: languages.map((code) => ({ code })),
        cols: [{ code: 'contacts' }],
        values: languages.map((l) => [byLanguage.get(l) ?? 0]),
        colTotal: true,
        measures: [
          {
            code: 'shareOfContacts',
            unit: 'share',
            from: ['contacts'],
            ofColumnTotal: ['contacts'],
            value: ({ counts, columnTotals }) => ratio(counts.contacts!, columnTotals.contacts!, 100),
          },
        ],
        chart: { kind: 'bars', column: 'contacts' },
      }),
    );

    const months = monthLabels(ctx.period);
    const byMonthLanguage = tally(
      byMonthRows.filter(isContact),
      (r) => key(r.month, r.language === 'de' ? 'de' : 'other'),
      (r) => r.n,
    );
    sections.push(
      section({
        id: 'nonGerman',
        rowDim: 'month',
        colDim: 'languageGroup',
        rows: months,
        cols: [{ code: 'de' }, { code: 'other' }],
        values: matrix(
          months.map((m) => m.code),
          ['de', 'other'],
          (m, g) => byMonthLanguage.get(key(m, g)),
        ),
        rowTotal: true,
        colTotal: true,
        measures: [
          {
            code: 'otherShare',
            unit: 'share',
            from: ['other', 'total'],
            value: ({ counts }) => ratio(counts.other!, counts.total!, 100),
          },
        ],
        chart: { kind: 'lines', columns: ['otherShare'] },
      }),
    );

    const byOutcome = tally(
      outcomeRows,
      (r) => key(r.channel, r.outcome),
      (r) => r.n,
    );
    sections.push(
      section({
        id: 'outcomes',
        rowDim: 'channel',
        colDim: 'outcome',
        rows: CHANNELS.map((code) => ({ code })),
        cols: OUTCOMES.map((code) => ({ code })),
        values: matrix(CHANNELS, OUTCOMES, (c, o) => byOutcome.get(key(c, o))),
        rowTotal: true,
        colTotal: true,
        measures: [
          {
            code: 'noShowRate',
            unit: 'share',
            from: ['held', 'unrecorded', 'no_show'],
            value: ({ counts }) =>
              ratio(counts.no_show!, counts.held! + counts.unrecorded! + counts.no_show!, 100),
          },
          {
            code: 'cancellationRate',
            unit: 'share',
            from: ['cancelled', 'total'],
            value: ({ counts }) => ratio(counts.cancelled!, counts.total!, 100),
          },
        ],
        chart: { kind: 'bars', column: 'noShowRate' },
        notes: ['unrecorded'],
      }),
    );

    // Waiting: days from booking to the appointment, for every appointment that was due.
    const topics: Label[] = labels.topics.map((t) => ({ code: t.slug, names: t.name }));
    const due = waitRows.filter(wasDue);
    const histogram = (filter: (r: (typeof due)[number]) => boolean) => {
      const h = new Map<number, number>();
      for (const r of due) if (filter(r)) h.set(r.wait_days, (h.get(r.wait_days) ?? 0) + r.n);
      return h;
    };
    const waits = topics.map((t) => percentiles(histogram((r) => r.topic === t.code)));
    const allWaits = percentiles(histogram(() => true));
    const dueBy = tally(
      due,
      (r) => r.topic,
      (r) => r.n,
    );
    const wait = (i: number) => (i < 0 ? allWaits : waits[i]);
    sections.push(
      section({
        id: 'waiting',
        rowDim: 'topic',
        colDim: 'measure',
        rows: topics,
        cols: [{ code: 'appointments' }],
        values: topics.map((t) => [dueBy.get(t.code) ?? 0]),
        colTotal: true,
        measures: [
          {
            code: 'medianDays',
            unit: 'days',
            from: ['appointments'],
            value: ({ index }) => wait(index)?.median ?? null,
          },
          {
            code: 'p90Days',
            unit: 'days',
            from: ['appointments'],
            value: ({ index }) => wait(index)?.p90 ?? null,
          },
        ],
        chart: { kind: 'bars', column: 'medianDays' },
      }),
    );

    const byMonth = tally(
      byMonthRows.filter(isContact),
      (r) => r.month,
      (r) => r.n,
    );
    sections.push(
      section({
        id: 'byMonth',
        rowDim: 'month',
        colDim: 'measure',
        rows: months,
        cols: [{ code: 'contacts' }],
        values: months.map((m) => [byMonth.get(m.code) ?? 0]),
        colTotal: true,
        chart: { kind: 'lines', columns: ['contacts'] },
      }),
    );

    // Days to the first free slot: not about people, no suppression needed; the newest
    // snapshot per topic × channel × office, languages as columns.
    const snapshotLanguages = [...new Set(daySnapshots.map((s) => s.language))].sort(
      (a, b) => Number(b === 'de') - Number(a === 'de') || a.localeCompare(b),
    );
    const officeName = new Map(labels.offices.map((o) => [o.slug, o.name]));
    const places = [...new Set(daySnapshots.map((s) => key(s.topic, s.channel, s.office)))].sort((a, b) => {
      const [ta, ca, oa] = a.split('|') as [string, string, string];
      const [tb, cb, ob] = b.split('|') as [string, string, string];
      const order = (t: string) => labels.topics.findIndex((x) => x.slug === t);
      return order(ta) - order(tb) || CHANNELS.indexOf(ca) - CHANNELS.indexOf(cb) || oa.localeCompare(ob);
    });
    const daysOf = new Map(
      daySnapshots.map((s) => [key(s.topic, s.channel, s.office, s.language), s.days_to_first]),
    );
    const topicNames = new Map(labels.topics.map((t) => [t.slug, t.name]));
    sections.push(
      section({
        id: 'firstSlot',
        rowDim: 'slotPlace',
        colDim: 'language',
        rows: places.map((p) => {
          const [topic, channel, office] = p.split('|') as [string, string, string];
          return { code: p, names: topicNames.get(topic), text: office ? officeName.get(office) : channel };
        }),
        cols: [],
        values: places.map(() => []),
        measures: snapshotLanguages.map((language) => ({
          code: language,
          unit: 'days' as const,
          dim: 'language' as const,
          from: [],
          value: ({ index }) => daysOf.get(key(places[index]!, language)) ?? null,
        })),
        notes: ['snapshotDay', 'noFreeSlot'],
      }),
    );

    // Over the period: per topic, each night's first free slot in German on any channel.
    const trendOf = new Map(trendRows.map((t) => [t.topic, t]));
    const trend = topics.map((t) => ({
      median: trendOf.get(t.code)?.median ?? null,
      max: trendOf.get(t.code)?.max ?? null,
    }));
    sections.push(
      section({
        id: 'firstSlotTrend',
        rowDim: 'topic',
        colDim: 'measure',
        rows: topics,
        cols: [],
        values: topics.map(() => []),
        measures: [
          { code: 'medianDays', unit: 'days', from: [], value: ({ index }) => trend[index]?.median ?? null },
          { code: 'maxDays', unit: 'days', from: [], value: ({ index }) => trend[index]?.max ?? null },
        ],
        chart: { kind: 'bars', column: 'medianDays' },
        notes: ['snapshotGerman'],
      }),
    );
    return sections;
  },
};
