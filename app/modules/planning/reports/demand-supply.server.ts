import { assessmentCounts, searchCounts, supplyRuns } from '../../../../db/queries/planning.server';
import { offerGapCounts, referralOutcomeCounts } from '../../../../db/queries/planning-cases.server';
import { ratio, type SectionView, section, tally } from '../report-model';
import { K } from '../suppression';
import { categoryLabels, type ReportContext, type ReportDefinition } from './context';

export const BARRIERS = ['childcare', 'times', 'cost', 'language'] as const;

/**
 * Demand against supply, on one screen per category (for the whole region or one area):
 * the demand signals (searches, those without results, self-assessments recommending the
 * category, and the barriers people named, counsellors' gap reports, referrals) beside
 * the supply (offers, runs). Referrals keep no district: with an area chosen they are
 * left out (the note says so).
 */
export const demandSupply: ReportDefinition = {
  id: 'demandSupply',
  slug: 'bedarf-und-angebot',
  version: '2',
  data: 'nightly',
  periods: 'past',
  asOfSources: ['search', 'assessment'],
  sources: [
    'planning_search_monthly',
    'planning_assessment_monthly',
    'offer_gaps',
    'referral_outcomes',
    'search_offers',
    'search_runs',
  ],
  sections: ['byCategory', 'barriers'],
  async build(ctx: ReportContext) {
    const [searches, assessments, runs, gaps, referrals] = await Promise.all([
      searchCounts(ctx.db, ctx.range, ['category', 'outcome']),
      assessmentCounts(ctx.db, ctx.range, ['dimension', 'value']),
      // Supply as it stands: the runs not over before today, whatever the demand period.
      supplyRuns(ctx.db, { start: ctx.today, end: '9999-12-31', area: ctx.range.area }),
      offerGapCounts(ctx.db, ctx.range),
      ctx.area ? [] : referralOutcomeCounts(ctx.db, ctx.range),
    ]);
    const gapsBy = tally(
      gaps,
      (g) => g.category,
      (g) => g.n,
    );
    const referralsBy = tally(
      referrals,
      (r) => r.category,
      (r) => r.n,
    );
    const categories = categoryLabels();
    const searchesBy = tally(
      searches,
      (r) => r.category,
      (r) => r.n,
    );
    const zeroBy = tally(
      searches.filter((r) => r.outcome === 'zero'),
      (r) => r.category,
      (r) => r.n,
    );
    const assessmentsBy = tally(
      assessments.filter((a) => a.dimension === 'category'),
      (a) => a.value,
      (a) => a.n,
    );
    const offersBy = new Map<string, Set<number>>();
    for (const r of runs) offersBy.set(r.category, (offersBy.get(r.category) ?? new Set()).add(r.offer_id));
    const runsBy = tally(
      runs,
      (r) => r.category,
      () => 1,
    );
    const cols = ctx.area
      ? ['searches', 'zeroSearches', 'assessments', 'gapReports', 'offers', 'runs']
      : ['searches', 'zeroSearches', 'assessments', 'gapReports', 'referrals', 'offers', 'runs'];
    const sections: SectionView[] = [
      section({
        id: 'byCategory',
        rowDim: 'category',
        colDim: 'measure',
        rows: categories,
        cols: cols.map((code) => ({ code })),
        values: categories.map((c) => [
          searchesBy.get(c.code) ?? 0,
          zeroBy.get(c.code) ?? 0,
          assessmentsBy.get(c.code) ?? 0,
          gapsBy.get(c.code) ?? 0,
          ...(ctx.area ? [] : [referralsBy.get(c.code) ?? 0]),
          offersBy.get(c.code)?.size ?? 0,
          runsBy.get(c.code) ?? 0,
        ]),
        colTotal: true,
        measures: [
          {
            code: 'searchesPerRun',
            unit: 'rate',
            from: ['searches', 'runs'],
            value: ({ counts }) => ratio(counts.searches!, counts.runs!),
          },
          {
            code: 'zeroShare',
            unit: 'share',
            from: ['zeroSearches', 'searches'],
            value: ({ counts }) => ratio(counts.zeroSearches!, counts.searches!, 100),
          },
        ],
        chart: { kind: 'bars', column: 'searchesPerRun' },
        notes: ctx.area
          ? ['searchesWithCategory', 'assessmentsSeveral', 'referralsNoArea']
          : ['searchesWithCategory', 'assessmentsSeveral'],
      }),
    ];

    const total = assessments.filter((a) => a.dimension === 'total').reduce((n, a) => n + a.n, 0);
    const barriersBy = tally(
      assessments.filter((a) => a.dimension === 'barrier'),
      (a) => a.value,
      (a) => a.n,
    );
    sections.push(
      section({
        id: 'barriers',
        rowDim: 'barrier',
        colDim: 'measure',
        rows: BARRIERS.map((code) => ({ code })),
        cols: [{ code: 'assessments' }],
        values: BARRIERS.map((b) => [barriersBy.get(b) ?? 0]),
        measures: [
          {
            code: 'shareOfAssessments',
            unit: 'share',
            from: ['assessments'],
            // Of all assessments in the period: only when that number may be shown itself.
            value: ({ counts }) => (total >= K ? ratio(counts.assessments!, total, 100) : null),
          },
        ],
        chart: { kind: 'bars', column: 'assessments' },
        notes: ['severalBarriers'],
      }),
    );
    return sections;
  },
};
