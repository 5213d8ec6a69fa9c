import { staleOffers, supplyRuns, upcomingRuns } from '../../../../db/queries/planning.server';
import { addDays } from '../../../utils/zoned';
import { addMonths, monthOf, periodFromMonths } from '../period';
import { matrix, ratio, type SectionView, section, tally } from '../report-model';
import {
  areaLabels,
  categoryLabels,
  inhabitantsOf,
  key,
  type ReportContext,
  type ReportDefinition,
} from './context';

const TIMES = ['morning', 'afternoon', 'evening', 'weekend', 'unknown'];
const FORMATS = ['in_person', 'online', 'hybrid'];
const PRICES = ['free', 'up_to_100', 'up_to_500', 'over_500', 'unknown'];
const ACCESS = ['yes', 'no', 'unknown'];
const UPCOMING_DAYS = 91;
/** "Not updated for over 12 months". */
const STALE_DAYS = 365;

/**
 * Supply: what the catalogue offers in the period (published offers of approved providers
 * and their scheduled runs that take place in it), by category, area, time of day, format,
 * price band and step-free access, per 1,000 inhabitants; the runs starting in the next
 * three months; offers not changed for over a year, per provider. Read live from the
 * catalogue: offers withdrawn since are not in a past period.
 */
export const supply: ReportDefinition = {
  id: 'supply',
  slug: 'angebot',
  version: '1',
  data: 'live',
  periods: 'any',
  // The catalogue plans ahead: by default, this month and the eleven after it.
  defaultPeriod: (today) => periodFromMonths(monthOf(today), addMonths(monthOf(today), 11))!,
  asOfSources: [],
  sources: ['offers', 'runs', 'venues', 'providers', 'search_offers', 'search_runs', 'planning_areas'],
  sections: ['byCategory', 'byArea', 'byTime', 'byPrice', 'upcoming', 'stale'],
  async build(ctx: ReportContext) {
    // The next three months: thirteen weeks from today.
    const until = addDays(ctx.today, UPCOMING_DAYS);
    const [runs, upcoming, stale] = await Promise.all([
      supplyRuns(ctx.db, ctx.range),
      upcomingRuns(ctx.db, ctx.today, until, ctx.area?.code),
      staleOffers(ctx.db, new Date(`${addDays(ctx.today, -STALE_DAYS)}T00:00:00Z`), ctx.area?.code),
    ]);
    const sections: SectionView[] = [];
    const runsPer1000 = (code: string | null) => ({
      code: 'runsPer1000',
      unit: 'rate' as const,
      from: ['runs'],
      value: ({ counts }: { counts: Record<string, number> }) =>
        ratio(counts.runs!, inhabitantsOf(ctx, code), 1000),
    });

    // Offers by category add up (one category per offer); runs do everywhere.
    const categories = categoryLabels();
    const offersBy = new Map<string, Set<number>>();
    for (const r of runs) {
      const set = offersBy.get(r.category) ?? new Set<number>();
      set.add(r.offer_id);
      offersBy.set(r.category, set);
    }
    const runsByCategory = tally(
      runs,
      (r) => r.category,
      () => 1,
    );
    sections.push(
      section({
        id: 'byCategory',
        rowDim: 'category',
        colDim: 'measure',
        rows: categories,
        cols: [{ code: 'offers' }, { code: 'runs' }],
        values: categories.map((c) => [offersBy.get(c.code)?.size ?? 0, runsByCategory.get(c.code) ?? 0]),
        colTotal: true,
        measures: [runsPer1000(null)],
        chart: { kind: 'bars', column: 'runs' },
        notes: ['perRegionInhabitants'],
      }),
    );

    if (!ctx.area) {
      const areaRows = areaLabels(ctx.areas, true);
      const runsByArea = tally(
        runs,
        (r) => r.area,
        () => 1,
      );
      sections.push(
        section({
          id: 'byArea',
          rowDim: 'area',
          colDim: 'measure',
          rows: areaRows,
          cols: [{ code: 'runs' }],
          values: areaRows.map((a) => [runsByArea.get(a.code) ?? 0]),
          colTotal: true,
          measures: [
            {
              code: 'runsPer1000',
              unit: 'rate',
              from: ['runs'],
              value: ({ counts, index }) =>
                index >= 0 && areaRows[index]!.code === ''
                  ? null
                  : ratio(counts.runs!, inhabitantsOf(ctx, index < 0 ? null : areaRows[index]!.code), 1000),
            },
          ],
          chart: { kind: 'bars', column: 'runsPer1000' },
          notes: ['noAreaOnline'],
        }),
      );
    }

    const byTime = tally(
      runs,
      (r) => key(r.time, r.format),
      () => 1,
    );
    sections.push(
      section({
        id: 'byTime',
        rowDim: 'time',
        colDim: 'format',
        rows: TIMES.map((code) => ({ code })),
        cols: FORMATS.map((code) => ({ code })),
        values: matrix(TIMES, FORMATS, (t, f) => byTime.get(key(t, f))),
        rowTotal: true,
        colTotal: true,
        chart: { kind: 'bars', column: 'total' },
      }),
    );

    const byPrice = tally(
      runs,
      (r) => key(r.price, r.access),
      () => 1,
    );
    sections.push(
      section({
        id: 'byPrice',
        rowDim: 'price',
        colDim: 'access',
        rows: PRICES.map((code) => ({ code })),
        cols: ACCESS.map((code) => ({ code })),
        values: matrix(PRICES, ACCESS, (p, a) => byPrice.get(key(p, a))),
        rowTotal: true,
        colTotal: true,
        chart: { kind: 'bars', column: 'total' },
      }),
    );

    const months: string[] = [];
    for (let m = monthOf(ctx.today); m <= monthOf(addDays(until, -1)); m = addMonths(m, 1)) months.push(m);
    const upcomingBy = tally(
      upcoming,
      (r) => key(r.category, r.month),
      (r) => r.runs,
    );
    sections.push(
      section({
        id: 'upcoming',
        rowDim: 'category',
        colDim: 'month',
        rows: categories,
        cols: months.map((code) => ({ code })),
        values: matrix(
          categories.map((c) => c.code),
          months,
          (c, m) => upcomingBy.get(key(c, m)),
        ),
        rowTotal: true,
        colTotal: true,
        chart: { kind: 'bars', column: 'total' },
        notes: ['fromToday'],
      }),
    );

    sections.push(
      section({
        id: 'stale',
        rowDim: 'provider',
        colDim: 'measure',
        rows: stale.map((s) => ({ code: s.provider, text: s.provider })),
        cols: [{ code: 'offers' }],
        values: stale.map((s) => [s.offers]),
        colTotal: true,
        notes: ['fromToday'],
      }),
    );
    return sections;
  },
};
