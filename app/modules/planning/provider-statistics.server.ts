import { getSql } from '../../../db/client.server';
import { areasMeta, doneThrough, listAreas, searchCounts } from '../../../db/queries/planning.server';
import {
  offerFigures,
  ownReferralStates,
  providerScope,
} from '../../../db/queries/planning-providers.server';
import { todayInBerlin } from '../../utils/clock.server';
import { addDays } from '../../utils/zoned';
import { CATEGORIES } from '../catalogue/schemas';
import { isOpen, periodDays } from './period';
import { matrix, type ReportView, section, tally } from './report-model';
import { key } from './reports/context';
import { ReportInputError, readPeriod } from './reports.server';

/**
 * A provider's feedback page (/anbieterbereich/statistik, issue 20): its own offers'
 * appearances in search results and page opens, the referrals it received by the state
 * they reached, and the unmet demand (searches with no or
 * few results) in its categories and in the areas of its venues. Every read is bound to the
 * provider's id, so provider A never sees a figure of provider B; the region's search
 * counts are the same aggregates every planner sees. The same k ≥ 5 rule applies as in
 * every report (section()).
 */
export const PROVIDER_REPORT = { id: 'providerStatistics', slug: 'anbieterstatistik', version: '1' } as const;

const OUTCOMES = ['zero', 'few', 'more'] as const;
/** A referral's last state, as in the planners' report (withdrawn ones are not counted). */
const REFERRAL_STATES = ['received', 'accepted', 'rejected', 'started', 'completed', 'dropped_out'] as const;

export async function providerStatistics(providerId: number, periodCode: string | null): Promise<ReportView> {
  const db = getSql();
  const today = todayInBerlin();
  const period = readPeriod(periodCode, today, { periods: 'past' });
  const { start, end } = periodDays(period);
  const [offers, referrals, scope, areas, meta, searchesThrough] = await Promise.all([
    offerFigures(db, providerId, start, end),
    ownReferralStates(db, providerId, start, end),
    providerScope(db, providerId),
    listAreas(db),
    areasMeta(db),
    doneThrough(db, 'search'),
  ]);
  const [byCategoryRows, byAreaRows] = await Promise.all([
    scope.categories.length ? searchCounts(db, { start, end }, ['category', 'outcome']) : [],
    scope.areas.length ? searchCounts(db, { start, end }, ['area', 'outcome']) : [],
  ]);
  const cols = OUTCOMES.map((code) => ({ code }));
  const categories = CATEGORIES.filter((c) => scope.categories.includes(c));
  const byCategory = tally(
    byCategoryRows,
    (r) => key(r.category, r.outcome),
    (r) => r.n,
  );
  const ownAreas = areas.filter((a) => scope.areas.includes(a.code));
  const byArea = tally(
    byAreaRows,
    (r) => key(r.area, r.outcome),
    (r) => r.n,
  );
  const sections = [
    section({
      id: 'offers',
      rowDim: 'offer',
      colDim: 'measure',
      rows: offers.map((o) => ({ code: String(o.offer_id), text: o.title })),
      cols: [{ code: 'appearances' }, { code: 'opens' }],
      values: offers.map((o) => [o.appearances, o.opens]),
      colTotal: true,
      chart: { kind: 'bars', column: 'appearances' },
      notes: ['countedOnServer'],
    }),
    section({
      id: 'referrals',
      rowDim: 'referralOutcome',
      colDim: 'measure',
      rows: REFERRAL_STATES.map((code) => ({ code })),
      cols: [{ code: 'referrals' }],
      values: REFERRAL_STATES.map((state) => [referrals.find((r) => r.outcome === state)?.n ?? 0]),
      colTotal: true,
      chart: { kind: 'bars', column: 'referrals' },
      notes: ['referralOutcomes'],
    }),
    section({
      id: 'unmetByCategory',
      rowDim: 'category',
      colDim: 'outcome',
      rows: categories.map((code) => ({ code })),
      cols,
      values: matrix(categories, OUTCOMES, (c, o) => byCategory.get(key(c, o))),
      rowTotal: true,
      chart: { kind: 'bars', column: 'zero' },
      notes: ['ownCategories'],
    }),
    section({
      id: 'unmetByArea',
      rowDim: 'area',
      colDim: 'outcome',
      rows: ownAreas.map((a) => ({ code: a.code, text: a.name })),
      cols,
      values: matrix(
        ownAreas.map((a) => a.code),
        OUTCOMES,
        (a, o) => byArea.get(key(a, o)),
      ),
      rowTotal: true,
      chart: { kind: 'bars', column: 'zero' },
      notes: ['ownAreas'],
    }),
  ];
  return {
    ...PROVIDER_REPORT,
    period,
    area: null,
    // Appearances and opens are counted live; the search counts as of last night.
    asOf: { kind: 'nightly', date: searchesThrough ?? addDays(today, -1) },
    openPeriod: isOpen(period, today),
    demoInhabitants: meta?.source !== 'upload',
    sections,
  };
}

export { ReportInputError };
