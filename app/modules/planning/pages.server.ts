import { getSql } from '../../../db/client.server';
import * as q from '../../../db/queries/planning.server';
import { todayInBerlin } from '../../utils/clock.server';
import { AppError } from '../../utils/errors';
import { addMonths, monthOf, parsePeriod, periodChoices, periodFromMonths } from './period';
import type { ReportView } from './report-model';
import { REPORTS, ReportInputError, readPeriod, reportBySlug, runReport } from './reports.server';

/**
 * What the planning pages load, beyond the report itself: the choices of the filter form,
 * the areas, the export links, the overview's status. Routes stay thin.
 */
export const reportLinks = REPORTS.map((r) => ({ id: r.id, slug: r.slug }));

function choicesFor(periods: 'past' | 'any', today: string) {
  const past = periodChoices(today);
  if (periods === 'past') return past;
  // The catalogue's runs reach ahead: its choices add the months, quarters and year to come.
  const current = monthOf(today);
  const ahead = (n: number) => Array.from({ length: n }, (_, i) => parsePeriod(addMonths(current, n - i))!);
  const nextYear = parsePeriod(String(Number(current.slice(0, 4)) + 1))!;
  const next12 = periodFromMonths(current, addMonths(current, 11))!;
  return {
    months: [...ahead(12), ...past.months],
    quarters: [...quartersAhead(current), ...past.quarters],
    years: [next12, nextYear, ...past.years],
  };
}

/** The four quarters after the current one, latest first. */
function quartersAhead(month: string) {
  const index = Number(month.slice(0, 4)) * 4 + Math.floor((Number(month.slice(5, 7)) - 1) / 3);
  return [4, 3, 2, 1].map((i) => parsePeriod(`${Math.floor((index + i) / 4)}-Q${((index + i) % 4) + 1}`)!);
}

export function exportLinks(view: Pick<ReportView, 'slug' | 'period' | 'area'>) {
  const query = `zeitraum=${encodeURIComponent(view.period.code)}${view.area ? `&gebiet=${view.area.code}` : ''}`;
  return {
    csvDe: `/planung/export/${view.slug}.csv?${query}&sprache=de`,
    csvEn: `/planung/export/${view.slug}.csv?${query}&sprache=en`,
    jsonDe: `/planung/export/${view.slug}.json?${query}&sprache=de`,
    jsonEn: `/planung/export/${view.slug}.json?${query}&sprache=en`,
  };
}

export type ReportPage =
  | { kind: 'redirect'; to: string }
  | {
      kind: 'report';
      view: ReportView;
      choices: ReturnType<typeof choicesFor>;
      areas: { code: string; name: string; kind: 'district' | 'municipality' }[];
      exports: ReturnType<typeof exportLinks>;
    }
  | {
      kind: 'invalid';
      field: ReportInputError['field'];
      id: string;
      slug: string;
      period: ReportView['period'];
      area: string | null;
      choices: ReturnType<typeof choicesFor>;
      areas: { code: string; name: string; kind: 'district' | 'municipality' }[];
    };

/**
 * The report page for a URL: a run of months from the small form (`von`, `bis`) goes to
 * its canonical address; a bad period or area comes back as the form with its message.
 */
export async function reportPage(slug: string | undefined, url: URL): Promise<ReportPage> {
  const definition = reportBySlug(slug);
  const today = todayInBerlin();
  const params = url.searchParams;
  const area = params.get('gebiet') || null;
  const areas = (await q.listAreas(getSql())).map((a) => ({ code: a.code, name: a.name, kind: a.kind }));
  const choices = choicesFor(definition.periods, today);
  const invalid = (field: ReportInputError['field']): ReportPage => ({
    kind: 'invalid',
    field,
    id: definition.id,
    slug: definition.slug,
    period: readPeriod(null, today, definition),
    area: areas.some((a) => a.code === area) ? area : null,
    choices,
    areas,
  });
  if (params.has('von') || params.has('bis')) {
    const period = periodFromMonths(params.get('von') ?? '', params.get('bis') ?? '');
    if (!period) return invalid('period');
    const next = new URLSearchParams({ zeitraum: period.code });
    if (area) next.set('gebiet', area);
    const lng = params.get('lng');
    if (lng) next.set('lng', lng);
    return { kind: 'redirect', to: `${url.pathname}?${next}` };
  }
  try {
    const view = await runReport({ slug, period: params.get('zeitraum'), area });
    return { kind: 'report', view, choices, areas, exports: exportLinks(view) };
  } catch (error) {
    if (error instanceof ReportInputError) return invalid(error.field);
    throw error;
  }
}

/** The overview: each report with its "Stand", and where the inhabitants come from. */
export async function planningOverview() {
  const sql = getSql();
  const today = todayInBerlin();
  const [meta, areas, search, assessment, counselling] = await Promise.all([
    q.areasMeta(sql),
    q.listAreas(sql),
    q.doneThrough(sql, 'search'),
    q.doneThrough(sql, 'assessment'),
    q.doneThrough(sql, 'counselling'),
  ]);
  const through: Record<string, string | null> = { search, assessment, counselling };
  return {
    reports: REPORTS.map((r) => ({
      id: r.id,
      slug: r.slug,
      data: r.data,
      asOf:
        r.data === 'live'
          ? today
          : (r.asOfSources
              .map((s) => through[s] ?? null)
              .filter((d): d is string => d !== null)
              .sort()[0] ?? null),
    })),
    inhabitants: {
      source: meta?.source ?? null,
      asOf: meta?.asOf ?? null,
      areas: areas.length,
      total: areas.reduce((n, a) => n + a.inhabitants, 0),
    },
  };
}

export function assertReport(slug: string | undefined) {
  if (!REPORTS.some((r) => r.slug === slug)) throw new AppError('not_found');
}
