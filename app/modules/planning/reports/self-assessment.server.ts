import { assessmentCounts } from '../../../../db/queries/planning.server';
import { CATEGORIES } from '../../catalogue/schemas';
import { ratio, type SectionSpec, type SectionView, section, tally } from '../report-model';
import { K } from '../suppression';
import { areaLabels, inhabitantsOf, monthLabels, type ReportContext, type ReportDefinition } from './context';
import { BARRIERS } from './demand-supply.server';

/** The questionnaire's goals and times of day (db/reference/assessment/v2.json). */
export const GOALS = [
  'new_job',
  'advancement',
  'first_qualification',
  'school_certificate',
  'german',
  'digital',
  'personal_interest',
] as const;
export const TIMES_OF_DAY = ['morning', 'afternoon', 'evening', 'weekend'] as const;

/**
 * Self-assessment: the goals, barriers and times of day people named, and the categories
 * recommended to them, from the anonymous counts written nightly before the assessments'
 * retention deletes them. Several answers per person: the rows don't add up to the number
 * of assessments, so these tables have no totals row.
 */
export const selfAssessment: ReportDefinition = {
  id: 'selfAssessment',
  slug: 'selbsteinschaetzung',
  version: '1',
  data: 'nightly',
  periods: 'past',
  asOfSources: ['assessment'],
  sources: ['assessments', 'planning_assessment_monthly', 'planning_areas'],
  sections: ['goals', 'barriers', 'times', 'categories', 'byArea', 'byMonth'],
  async build(ctx: ReportContext) {
    const [rows, totals] = await Promise.all([
      assessmentCounts(ctx.db, ctx.range, ['dimension', 'value']),
      assessmentCounts(ctx.db, { ...ctx.range }, ['area', 'month', 'dimension']).then((t) =>
        t.filter((r) => r.dimension === 'total'),
      ),
    ]);
    const total = totals.reduce((n, r) => n + r.n, 0);
    const sections: SectionView[] = [];
    const multi = (
      id: string,
      dimension: 'goal' | 'barrier' | 'time' | 'category',
      rowDim: SectionSpec['rowDim'],
      codes: readonly string[],
    ) => {
      const by = tally(
        rows.filter((r) => r.dimension === dimension),
        (r) => r.value,
        (r) => r.n,
      );
      return section({
        id,
        rowDim,
        colDim: 'measure',
        rows: codes.map((code) => ({ code })),
        cols: [{ code: 'assessments' }],
        values: codes.map((c) => [by.get(c) ?? 0]),
        measures: [
          {
            code: 'shareOfAssessments',
            unit: 'share',
            from: ['assessments'],
            value: ({ counts }) => (total >= K ? ratio(counts.assessments!, total, 100) : null),
          },
        ],
        chart: { kind: 'bars', column: 'assessments' },
        notes: ['severalAnswers'],
      });
    };
    sections.push(multi('goals', 'goal', 'goal', GOALS));
    sections.push(multi('barriers', 'barrier', 'barrier', BARRIERS));
    sections.push(multi('times', 'time', 'time', TIMES_OF_DAY));
    sections.push(multi('categories', 'category', 'category', CATEGORIES));

    if (!ctx.area) {
      const areaRows = areaLabels(ctx.areas, true);
      const byArea = tally(
        totals,
        (r) => r.area,
        (r) => r.n,
      );
      sections.push(
        section({
          id: 'byArea',
          rowDim: 'area',
          colDim: 'measure',
          rows: areaRows,
          cols: [{ code: 'assessments' }],
          values: areaRows.map((a) => [byArea.get(a.code) ?? 0]),
          colTotal: true,
          measures: [
            {
              code: 'assessmentsPer1000',
              unit: 'rate',
              from: ['assessments'],
              value: ({ counts, index }) =>
                index >= 0 && areaRows[index]!.code === ''
                  ? null
                  : ratio(
                      counts.assessments!,
                      inhabitantsOf(ctx, index < 0 ? null : areaRows[index]!.code),
                      1000,
                    ),
            },
          ],
          chart: { kind: 'bars', column: 'assessmentsPer1000' },
          notes: ['assessmentPostcode'],
        }),
      );
    }
    const months = monthLabels(ctx.period);
    const byMonth = tally(
      totals,
      (r) => r.month,
      (r) => r.n,
    );
    sections.push(
      section({
        id: 'byMonth',
        rowDim: 'month',
        colDim: 'measure',
        rows: months,
        cols: [{ code: 'assessments' }],
        values: months.map((m) => [byMonth.get(m.code) ?? 0]),
        colTotal: true,
        chart: { kind: 'lines', columns: ['assessments'] },
      }),
    );
    return sections;
  },
};
