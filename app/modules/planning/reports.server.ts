import { getSql } from '../../../db/client.server';
import * as q from '../../../db/queries/planning.server';
import { todayInBerlin } from '../../utils/clock.server';
import { AppError } from '../../utils/errors';
import { addDays } from '../../utils/zoned';
import { defaultPeriod, isFuture, isOpen, type Period, parsePeriod, periodDays } from './period';
import type { ReportView } from './report-model';
import { casesReferrals } from './reports/cases-referrals.server';
import type { ReportDefinition } from './reports/context';
import { counselling } from './reports/counselling.server';
import { demandSupply } from './reports/demand-supply.server';
import { selfAssessment } from './reports/self-assessment.server';
import { supply } from './reports/supply.server';
import { unmetDemand } from './reports/unmet-demand.server';

/**
 * Every planning report, in the order /planung lists them. Adding a report is adding a
 * definition here (ADR 015): its page, exports, definitions and benchmark follow from it.
 */
export const REPORTS: readonly ReportDefinition[] = [
  unmetDemand,
  supply,
  demandSupply,
  counselling,
  selfAssessment,
  casesReferrals,
];

export function reportBySlug(slug: string | undefined): ReportDefinition {
  const report = REPORTS.find((r) => r.slug === slug);
  if (!report) throw new AppError('not_found');
  return report;
}

export interface ReportRequest {
  slug: string | undefined;
  /** The period's code (`2026-03`, `2026-Q1`, `2026`, `2026-01..2026-06`); the default when absent. */
  period?: string | null;
  /** An area's code; the whole region when absent. */
  area?: string | null;
}

/** A period code or area code that isn't one: the page re-shows its form with the message. */
export class ReportInputError extends AppError {
  constructor(public readonly field: 'period' | 'area' | 'future') {
    super('bad_request', field);
  }
}

export function readPeriod(
  code: string | null | undefined,
  today: string,
  definition?: Pick<ReportDefinition, 'periods' | 'defaultPeriod'>,
): Period {
  if (!code) return definition?.defaultPeriod?.(today) ?? defaultPeriod(today);
  const period = parsePeriod(code);
  if (!period) throw new ReportInputError('period');
  if (definition?.periods !== 'any' && isFuture(period, today)) throw new ReportInputError('future');
  return period;
}

/** Runs one report: reads, suppresses and returns the model every output renders. */
export async function runReport(request: ReportRequest): Promise<ReportView> {
  const definition = reportBySlug(request.slug);
  const db = getSql();
  const today = todayInBerlin();
  const period = readPeriod(request.period, today, definition);
  const [areas, meta] = await Promise.all([q.listAreas(db), q.areasMeta(db)]);
  const area = request.area ? (areas.find((a) => a.code === request.area) ?? null) : null;
  if (request.area && !area) throw new ReportInputError('area');
  const { start, end } = periodDays(period);
  const sections = await definition.build({
    db,
    period,
    range: { start, end, area: area?.code },
    area,
    areas,
    today,
  });
  return {
    id: definition.id,
    slug: definition.slug,
    version: definition.version,
    period,
    area: area ? { code: area.code, name: area.name } : null,
    asOf: await asOf(definition, today),
    openPeriod: isOpen(period, today),
    demoInhabitants: meta?.source !== 'upload',
    sections,
  };
}

/**
 * The report's "Stand": for nightly figures the last day every one of its sources has
 * been counted through (yesterday, after a normal night); for live ones today.
 */
async function asOf(definition: ReportDefinition, today: string): Promise<ReportView['asOf']> {
  if (definition.data === 'live') return { kind: 'live', date: today };
  const days = await Promise.all(definition.asOfSources.map((s) => q.doneThrough(getSql(), s)));
  const known = days.filter((d): d is string => d !== null).sort();
  // Never counted yet: nothing is in the aggregates, as of the day before the first run.
  return { kind: 'nightly', date: known.length === days.length && known[0] ? known[0] : addDays(today, -1) };
}
