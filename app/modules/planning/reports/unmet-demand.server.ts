import { frequentTerms, searchCounts } from '../../../../db/queries/planning.server';
import { offerGapCounts } from '../../../../db/queries/planning-cases.server';
import { monthsOf } from '../period';
import { matrix, ratio, section, tally } from '../report-model';
import { K } from '../suppression';
import {
  areaLabels,
  categoryLabels,
  inhabitantsOf,
  key,
  monthLabels,
  type ReportContext,
  type ReportDefinition,
} from './context';

const OUTCOMES = ['zero', 'few', 'more'] as const;
const outcomeCols = OUTCOMES.map((code) => ({ code }));
/** How many frequent search strings a report lists at most. */
export const TERMS_LISTED = 50;

/**
 * Unmet demand: catalogue searches with no or few (1–5) results, by category, area and
 * month, and the search strings that most often found nothing (listed only from 5
 * searches of the same normalised string in the period and area). Counted per search
 * request, not per person. Version 2: counsellors' "no fitting offer" reports (offer_gaps)
 * by category and failed constraint, and by area.
 */
const CONSTRAINTS = ['time', 'cost', 'level', 'distance', 'language', 'accessibility', 'childcare'] as const;
export const unmetDemand: ReportDefinition = {
  id: 'unmetDemand',
  slug: 'ungedeckter-bedarf',
  version: '2',
  data: 'nightly',
  periods: 'past',
  asOfSources: ['search'],
  sources: ['search_log', 'planning_search_monthly', 'planning_search_terms_monthly', 'offer_gaps'],
  sections: ['byCategory', 'byArea', 'byMonth', 'zeroByAreaMonth', 'terms', 'gapsByCategory', 'gapsByArea'],
  async build(ctx: ReportContext) {
    const [byCategoryRows, byAreaRows, byMonthRows, terms, gaps] = await Promise.all([
      searchCounts(ctx.db, ctx.range, ['category', 'outcome']),
      ctx.area ? [] : searchCounts(ctx.db, ctx.range, ['area', 'month', 'outcome']),
      searchCounts(ctx.db, ctx.range, ['month', 'outcome']),
      frequentTerms(ctx.db, ctx.range, { min: K, limit: TERMS_LISTED, outcome: 'zero' }),
      offerGapCounts(ctx.db, ctx.range),
    ]);
    const sections = [];
    const zeroShare = {
      code: 'zeroShare',
      unit: 'share' as const,
      from: ['zero', 'total'],
      value: ({ counts }: { counts: Record<string, number> }) => ratio(counts.zero!, counts.total!, 100),
    };

    const byCategory = tally(
      byCategoryRows,
      (r) => key(r.category, r.outcome),
      (r) => r.n,
    );
    const categories = categoryLabels(['none', 'several']);
    sections.push(
      section({
        id: 'byCategory',
        rowDim: 'category',
        colDim: 'outcome',
        rows: categories,
        cols: outcomeCols,
        values: matrix(
          categories.map((c) => c.code),
          OUTCOMES,
          (c, o) => byCategory.get(key(c, o)),
        ),
        rowTotal: true,
        colTotal: true,
        measures: [zeroShare],
        chart: { kind: 'bars', column: 'zero' },
      }),
    );

    const areaRows = areaLabels(ctx.areas, true);
    const byArea = tally(
      byAreaRows,
      (r) => key(r.area, r.outcome),
      (r) => r.n,
    );
    if (!ctx.area) {
      sections.push(
        section({
          id: 'byArea',
          rowDim: 'area',
          colDim: 'outcome',
          rows: areaRows,
          cols: outcomeCols,
          values: matrix(
            areaRows.map((a) => a.code),
            OUTCOMES,
            (a, o) => byArea.get(key(a, o)),
          ),
          rowTotal: true,
          colTotal: true,
          measures: [
            {
              code: 'zeroPer1000',
              unit: 'rate',
              from: ['zero'],
              value: ({ counts, index }) =>
                index < 0
                  ? ratio(counts.zero!, inhabitantsOf(ctx, null), 1000)
                  : areaRows[index]!.code === ''
                    ? null
                    : ratio(counts.zero!, inhabitantsOf(ctx, areaRows[index]!.code), 1000),
            },
            zeroShare,
          ],
          chart: { kind: 'bars', column: 'zero' },
          notes: ['areaOfSearch', 'noArea'],
        }),
      );
    }

    const months = monthLabels(ctx.period);
    const byMonth = tally(
      byMonthRows,
      (r) => key(r.month, r.outcome),
      (r) => r.n,
    );
    sections.push(
      section({
        id: 'byMonth',
        rowDim: 'month',
        colDim: 'outcome',
        rows: months,
        cols: outcomeCols,
        values: matrix(
          months.map((m) => m.code),
          OUTCOMES,
          (m, o) => byMonth.get(key(m, o)),
        ),
        rowTotal: true,
        colTotal: true,
        measures: [zeroShare],
        chart: { kind: 'lines', columns: ['zero', 'few'] },
      }),
    );

    if (!ctx.area) {
      const zeroByAreaMonth = tally(
        byAreaRows.filter((r) => r.outcome === 'zero'),
        (r) => key(r.area, r.month),
        (r) => r.n,
      );
      const monthCodes = monthsOf(ctx.period);
      sections.push(
        section({
          id: 'zeroByAreaMonth',
          rowDim: 'area',
          colDim: 'month',
          rows: areaRows,
          cols: months,
          values: matrix(
            areaRows.map((a) => a.code),
            monthCodes,
            (a, m) => zeroByAreaMonth.get(key(a, m)),
          ),
          rowTotal: true,
          colTotal: true,
          chart: { kind: 'multiples' },
        }),
      );
    }

    sections.push(
      section({
        id: 'terms',
        rowDim: 'term',
        colDim: 'measure',
        rows: terms.map((t) => ({ code: t.term, text: t.term })),
        cols: [{ code: 'searches' }],
        values: terms.map((t) => [t.searches]),
        chart: { kind: 'bars', column: 'searches' },
        notes: ['termsRule'],
      }),
    );

    const gapCategories = categoryLabels();
    const gapsBy = tally(
      gaps,
      (g) => key(g.category, g.constraint_failed),
      (g) => g.n,
    );
    sections.push(
      section({
        id: 'gapsByCategory',
        rowDim: 'category',
        colDim: 'constraint',
        rows: gapCategories,
        cols: CONSTRAINTS.map((code) => ({ code })),
        values: matrix(
          gapCategories.map((c) => c.code),
          CONSTRAINTS,
          (c, x) => gapsBy.get(key(c, x)),
        ),
        rowTotal: true,
        colTotal: true,
        chart: { kind: 'bars', column: 'total' },
        notes: ['gapReports'],
      }),
    );
    if (!ctx.area) {
      const gapsByArea = tally(
        gaps,
        (g) => g.area,
        (g) => g.n,
      );
      sections.push(
        section({
          id: 'gapsByArea',
          rowDim: 'area',
          colDim: 'measure',
          rows: areaRows,
          cols: [{ code: 'gapReports' }],
          values: areaRows.map((a) => [gapsByArea.get(a.code) ?? 0]),
          colTotal: true,
          chart: { kind: 'bars', column: 'gapReports' },
          notes: ['gapReports'],
        }),
      );
    }
    return sections;
  },
};
