import type { ProviderOffersRow, ReferralOutcomeRow } from '../../../../db/queries/planning-cases.server';
import {
  caseClosureCounts,
  caseEvents,
  caseGoalAttainment,
  publishedOffersByProvider,
  referralOutcomeCounts,
} from '../../../../db/queries/planning-cases.server';
import { CASE_TYPE_IDS } from '../../cases/case-types';
import { matrix, percentiles, ratio, type SectionView, section, tally } from '../report-model';
import { K } from '../suppression';
import { categoryLabels, key, monthLabels, type ReportContext, type ReportDefinition } from './context';

const CLOSE_REASONS = [
  'goals_achieved',
  'measure_started',
  'person_ended',
  'no_contact',
  'moved_away',
  'other_service',
  'other',
  'consent_withdrawn',
  'inactive',
  'account_deleted',
] as const;
/** How long a closed case ran (days from opening to closing). */
/** How far a closed case's goals were reached (per case, see caseGoalAttainment). */
const ATTAINMENT = ['all', 'some', 'none', 'unrated'] as const;
/** A provider without 5 referrals is still listed for neutrality when its share of fitting offers reaches this (%). */
const NEUTRALITY_MIN_OFFER_SHARE = 1;
const DURATION_BANDS = ['under_90', '90_180', '180_365', 'over_365'] as const;
const bandOf = (days: number) =>
  days < 90 ? 'under_90' : days < 180 ? '90_180' : days < 365 ? '180_365' : 'over_365';
/** A referral's last state (withdrawn ones are not counted: the person took back consent). */
const REFERRAL_OUTCOMES = [
  'received',
  'accepted',
  'rejected',
  'started',
  'completed',
  'dropped_out',
] as const;
const REASONS = [
  'course_full',
  'requirements_not_met',
  'cancelled',
  'no_contact',
  'person_ended',
  'health',
  'work_found',
  'moved_away',
  'other',
] as const;

/**
 * Cases and referrals (issue 20): cases opened and closed per month, closures by reason
 * and by duration with the median, reviews on time and core goals achieved per case type;
 * referrals by offer category and by provider with their last state, rejection and
 * drop-out reasons and days to answer; providers with fewer than 5 referrals pooled as
 * "other providers". Read at request time from the anonymous rows the case work and the
 * referrals write (no person, case or counsellor column; months only). Those rows keep no
 * district, so every section is for the whole region.
 */
export const casesReferrals: ReportDefinition = {
  id: 'casesReferrals',
  slug: 'faelle-und-vermittlungen',
  version: '1',
  data: 'live',
  periods: 'past',
  asOfSources: [],
  sources: ['case_trace', 'case_closures', 'referral_outcomes', 'referrals'],
  sections: [
    'casesByMonth',
    'closureReasons',
    'durations',
    'goalAttainment',
    'referralsByCategory',
    'reasons',
    'byProvider',
    'neutrality',
  ],
  async build(ctx: ReportContext) {
    // The anonymous rows have no district: with an area chosen there is nothing to show.
    if (ctx.area) return [];
    const [events, closures, attainment, referrals] = await Promise.all([
      caseEvents(ctx.db, ctx.range),
      caseClosureCounts(ctx.db, ctx.range),
      caseGoalAttainment(ctx.db, ctx.range),
      referralOutcomeCounts(ctx.db, ctx.range),
    ]);
    const referredCategories = [...new Set(referrals.map((r) => r.category).filter(Boolean))];
    const offers = await publishedOffersByProvider(ctx.db, referredCategories);
    const sections: SectionView[] = [];
    const notes = ['wholeRegion'];

    const months = monthLabels(ctx.period);
    const byMonth = tally(
      events,
      (e) => (e.event === 'review_held' ? null : key(e.month, e.event)),
      (e) => e.n,
    );
    sections.push(
      section({
        id: 'casesByMonth',
        rowDim: 'month',
        colDim: 'measure',
        rows: months,
        cols: [{ code: 'opened' }, { code: 'closed' }],
        values: matrix(
          months.map((m) => m.code),
          ['opened', 'closed'],
          (m, e) => byMonth.get(key(m, e)),
        ),
        colTotal: true,
        chart: { kind: 'lines', columns: ['opened', 'closed'] },
        notes,
      }),
    );

    const types = CASE_TYPE_IDS.map((code) => ({ code }));
    const byReason = tally(
      closures,
      (c) => key(c.reason, c.case_type),
      (c) => c.n,
    );
    const reasons = CLOSE_REASONS.map((code) => ({ code }));
    sections.push(
      section({
        id: 'closureReasons',
        rowDim: 'closeReason',
        colDim: 'caseType',
        rows: reasons,
        cols: types,
        values: matrix(CLOSE_REASONS, CASE_TYPE_IDS, (r, t) => byReason.get(key(r, t))),
        rowTotal: true,
        colTotal: true,
        chart: { kind: 'bars', column: 'total' },
        notes,
      }),
    );

    const byBand = tally(
      closures,
      (c) => key(c.case_type, bandOf(c.duration_days)),
      (c) => c.n,
    );
    const histograms = new Map<string, Map<number, number>>();
    for (const c of closures) {
      for (const k of [c.case_type, '']) {
        const h = histograms.get(k) ?? new Map<number, number>();
        h.set(c.duration_days, (h.get(c.duration_days) ?? 0) + c.n);
        histograms.set(k, h);
      }
    }
    const reviewsBy = tally(
      events.filter((e) => e.event === 'review_held'),
      (e) => key(e.case_type, e.on_time ? 'on' : 'late'),
      (e) => e.n,
    );
    const goalsBy = tally(
      closures,
      (c) => c.case_type,
      (c) => c.goals,
    );
    const achievedBy = tally(
      closures,
      (c) => c.case_type,
      (c) => c.goals_achieved,
    );
    const sum = (m: Map<string, number>) => [...m.values()].reduce((a, b) => a + b, 0);
    // Shares of reviews and goals: only where their base reaches k, so no share reads back to
    // a small number of reviews or goals (the closed cases they belong to are shown beside).
    const shareOf = (part: number, whole: number) => (whole >= K ? ratio(part, whole, 100) : null);
    const typeOf = (index: number) => (index < 0 ? '' : CASE_TYPE_IDS[index]!);
    sections.push(
      section({
        id: 'durations',
        rowDim: 'caseType',
        colDim: 'durationBand',
        rows: types,
        cols: DURATION_BANDS.map((code) => ({ code })),
        values: matrix(CASE_TYPE_IDS, DURATION_BANDS, (t, b) => byBand.get(key(t, b))),
        rowTotal: true,
        colTotal: true,
        measures: [
          {
            code: 'medianDays',
            unit: 'days',
            from: ['total'],
            value: ({ index }) => percentiles(histograms.get(typeOf(index)) ?? new Map())?.median ?? null,
          },
          {
            code: 'reviewsOnTime',
            unit: 'share',
            from: ['total'],
            value: ({ index }) => {
              const t = typeOf(index);
              const on = t ? (reviewsBy.get(key(t, 'on')) ?? 0) : sumWhere(reviewsBy, 'on');
              const late = t ? (reviewsBy.get(key(t, 'late')) ?? 0) : sumWhere(reviewsBy, 'late');
              return shareOf(on, on + late);
            },
          },
          {
            code: 'goalsAchieved',
            unit: 'share',
            from: ['total'],
            value: ({ index }) => {
              const t = typeOf(index);
              return t
                ? shareOf(achievedBy.get(t) ?? 0, goalsBy.get(t) ?? 0)
                : shareOf(sum(achievedBy), sum(goalsBy));
            },
          },
        ],
        chart: { kind: 'bars', column: 'medianDays' },
        notes: [...notes, 'durationMeasures'],
      }),
    );

    // Goal attainment per case type, counted per case: a plan's goals are rated at the
    // evaluation (achieved, partly, not, dropped); a case counts once, by its best class.
    const byAttainment = tally(
      attainment,
      (a) => key(a.case_type, a.attainment),
      (a) => a.n,
    );
    sections.push(
      section({
        id: 'goalAttainment',
        rowDim: 'caseType',
        colDim: 'attainment',
        rows: types,
        cols: ATTAINMENT.map((code) => ({ code })),
        values: matrix(CASE_TYPE_IDS, ATTAINMENT, (t, a) => byAttainment.get(key(t, a))),
        rowTotal: true,
        colTotal: true,
        measures: [
          {
            code: 'goalsReachedShare',
            unit: 'share',
            from: ['all', 'some', 'none'],
            value: ({ counts }) =>
              ratio(counts.all! + counts.some!, counts.all! + counts.some! + counts.none!, 100),
          },
        ],
        chart: { kind: 'bars', column: 'goalsReachedShare' },
        notes: [...notes, 'attainmentPerCase'],
      }),
    );

    const outcomeCols = REFERRAL_OUTCOMES.map((code) => ({ code }));
    const categories = categoryLabels().filter((c) => referrals.some((r) => r.category === c.code));
    const otherCategory = referrals.some((r) => !categories.some((c) => c.code === r.category));
    const categoryRows = otherCategory ? [...categories, { code: 'none' }] : categories;
    const categoryOf = (r: { category: string }) =>
      categories.some((c) => c.code === r.category) ? r.category : 'none';
    const byCategory = tally(
      referrals,
      (r) => key(categoryOf(r), r.outcome),
      (r) => r.n,
    );
    const answerDays = new Map<string, Map<number, number>>();
    for (const r of referrals) {
      if (r.days_to_answer === null) continue;
      for (const k of [categoryOf(r), '']) {
        const h = answerDays.get(k) ?? new Map<number, number>();
        h.set(r.days_to_answer, (h.get(r.days_to_answer) ?? 0) + r.n);
        answerDays.set(k, h);
      }
    }
    const acceptedShare = {
      code: 'acceptedShare',
      unit: 'share' as const,
      from: ['accepted', 'started', 'completed', 'dropped_out', 'total'],
      value: ({ counts }: { counts: Record<string, number> }) =>
        ratio(
          counts.accepted! + counts.started! + counts.completed! + counts.dropped_out!,
          counts.total!,
          100,
        ),
    };
    sections.push(
      section({
        id: 'referralsByCategory',
        rowDim: 'category',
        colDim: 'referralOutcome',
        rows: categoryRows,
        cols: outcomeCols,
        values: matrix(
          categoryRows.map((c) => c.code),
          REFERRAL_OUTCOMES,
          (c, o) => byCategory.get(key(c, o)),
        ),
        rowTotal: true,
        colTotal: true,
        measures: [
          acceptedShare,
          {
            code: 'medianDaysToAnswer',
            unit: 'days',
            from: ['total'],
            value: ({ index }) =>
              percentiles(answerDays.get(index < 0 ? '' : categoryRows[index]!.code) ?? new Map())?.median ??
              null,
          },
        ],
        chart: { kind: 'bars', column: 'total' },
        notes: [...notes, 'referralOutcomes'],
      }),
    );

    const reasonBy = tally(
      referrals.filter((r) => r.reason && (r.outcome === 'rejected' || r.outcome === 'dropped_out')),
      (r) => key(REASONS.includes(r.reason as never) ? r.reason! : 'other', r.outcome),
      (r) => r.n,
    );
    sections.push(
      section({
        id: 'reasons',
        rowDim: 'reason',
        colDim: 'referralOutcome',
        rows: REASONS.map((code) => ({ code })),
        cols: [{ code: 'rejected' }, { code: 'dropped_out' }],
        values: matrix(REASONS, ['rejected', 'dropped_out'], (r, o) => reasonBy.get(key(r, o))),
        colTotal: true,
        chart: { kind: 'bars', column: 'rejected' },
        notes,
      }),
    );

    // Providers with fewer than k referrals in the period are pooled: a small provider's
    // figures would otherwise be a handful of people.
    const perProvider = tally(
      referrals,
      (r) => String(r.provider_id ?? ''),
      (r) => r.n,
    );
    const names = new Map(referrals.map((r) => [String(r.provider_id ?? ''), r.provider ?? '']));
    const listed = [...perProvider.entries()]
      .filter(([id, n]) => id !== '' && n >= K)
      .sort((a, b) => b[1] - a[1] || names.get(a[0])!.localeCompare(names.get(b[0])!, 'de'))
      .map(([id]) => id);
    const providerOf = (r: { provider_id: number | null }) => {
      const id = String(r.provider_id ?? '');
      return listed.includes(id) ? id : 'other';
    };
    const providerRows = [...listed.map((id) => ({ code: id, text: names.get(id)! })), { code: 'other' }];
    const byProvider = tally(
      referrals,
      (r) => key(providerOf(r), r.outcome),
      (r) => r.n,
    );
    sections.push(
      section({
        id: 'byProvider',
        rowDim: 'provider',
        colDim: 'referralOutcome',
        rows: providerRows,
        cols: outcomeCols,
        values: matrix(
          providerRows.map((p) => p.code),
          REFERRAL_OUTCOMES,
          (p, o) => byProvider.get(key(p, o)),
        ),
        rowTotal: true,
        colTotal: true,
        measures: [acceptedShare],
        chart: { kind: 'bars', column: 'total' },
        notes: [...notes, 'providersPooled'],
      }),
    );
    sections.push(neutrality(referrals, offers, notes));
    return sections;
  },
};

/**
 * The neutrality monitor: each provider's share of the referrals beside its share of the
 * offers that fitted them. A referral in a category could have gone to any published offer
 * of that category, so a provider's fair share is its share of each category's offers,
 * weighted by how many referrals the category had. Counsellors who always send people to
 * the same provider show as a referral share far above the offer share. Providers with
 * fewer than 5 referrals are pooled as "other providers", except those with none at all
 * but a noticeable share of the fitting offers: a provider that is passed over is what
 * this table is for, and a 0 gives nobody away.
 */
function neutrality(
  referrals: ReferralOutcomeRow[],
  offers: ProviderOffersRow[],
  notes: string[],
): SectionView {
  const perProvider = tally(
    referrals,
    (r) => String(r.provider_id ?? ''),
    (r) => r.n,
  );
  const weight = tally(
    referrals.filter((r) => r.category !== ''),
    (r) => r.category,
    (r) => r.n,
  );
  const weighted = [...weight.values()].reduce((a, b) => a + b, 0);
  const offersIn = tally(
    offers,
    (o) => o.category,
    (o) => o.offers,
  );
  // Each provider's expected share in %: Σ over categories of (the category's share of the
  // referrals) × (the provider's share of the category's offers).
  const expected = new Map<string, number>();
  for (const o of offers) {
    const all = offersIn.get(o.category) ?? 0;
    const w = weight.get(o.category) ?? 0;
    if (all === 0 || weighted === 0) continue;
    const id = String(o.provider_id);
    expected.set(id, (expected.get(id) ?? 0) + (w / weighted) * (o.offers / all) * 100);
  }
  const names = new Map<string, string>();
  for (const o of offers) names.set(String(o.provider_id), o.provider);
  for (const r of referrals) if (r.provider_id !== null) names.set(String(r.provider_id), r.provider ?? '');
  const referred = (id: string) => perProvider.get(id) ?? 0;
  const listed = [...names.keys()]
    .filter(
      (id) =>
        referred(id) >= K || (referred(id) === 0 && (expected.get(id) ?? 0) >= NEUTRALITY_MIN_OFFER_SHARE),
    )
    .sort(
      (a, b) =>
        referred(b) - referred(a) ||
        (expected.get(b) ?? 0) - (expected.get(a) ?? 0) ||
        names.get(a)!.localeCompare(names.get(b)!, 'de'),
    );
  const isListed = new Set(listed);
  const rows = [...listed.map((id) => ({ code: id, text: names.get(id)! })), { code: 'other' }];
  const otherReferrals = [...perProvider.entries()]
    .filter(([id]) => !isListed.has(id))
    .reduce((a, [, n]) => a + n, 0);
  const listedExpected = listed.reduce((a, id) => a + (expected.get(id) ?? 0), 0);
  const otherExpected = weighted > 0 ? Math.max(0, 100 - listedExpected) : null;
  return section({
    id: 'neutrality',
    rowDim: 'provider',
    colDim: 'measure',
    rows,
    cols: [{ code: 'referrals' }],
    values: rows.map((r) => [r.code === 'other' ? otherReferrals : referred(r.code)]),
    colTotal: true,
    measures: [
      {
        code: 'shareOfReferrals',
        unit: 'share',
        from: ['referrals'],
        ofColumnTotal: ['referrals'],
        value: ({ counts, columnTotals, index }) =>
          index < 0 ? null : ratio(counts.referrals!, columnTotals.referrals!, 100),
      },
      {
        // Not about people: the catalogue's offers, public anyway.
        code: 'shareOfFittingOffers',
        unit: 'share',
        from: [],
        value: ({ index }) => {
          if (index < 0 || weighted === 0) return null;
          const code = rows[index]!.code;
          return code === 'other' ? otherExpected : (expected.get(code) ?? 0);
        },
      },
    ],
    chart: { kind: 'bars', column: 'shareOfReferrals', compare: 'shareOfFittingOffers' },
    notes: [...notes, 'providersPooled', 'neutralityYardstick'],
  });
}

function sumWhere(m: Map<string, number>, suffix: string): number {
  let n = 0;
  for (const [k, v] of m) if (k.endsWith(`|${suffix}`)) n += v;
  return n;
}
