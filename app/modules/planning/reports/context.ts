import type { Db } from '../../../../db/client.server';
import type { AreaRow, Range } from '../../../../db/queries/planning.server';
import { CATEGORIES } from '../../catalogue/schemas';
import type { Period } from '../period';
import { monthsOf } from '../period';
import type { Label, SectionView } from '../report-model';

/**
 * What a report definition gets and gives (ADR 015: "adding a report"). A definition reads
 * raw counts through db/queries and returns sections built with `section()`, which
 * suppresses them; it never formats or translates (the page and the exports do).
 */
export interface ReportContext {
  db: Db;
  period: Period;
  range: Range;
  /** The chosen area, or null for the whole region. */
  area: AreaRow | null;
  areas: AreaRow[];
  /** Today in Berlin (YYYY-MM-DD). */
  today: string;
}

export interface ReportDefinition {
  /** Key of the report's texts (planning:reports.<id>) and its id in exports. */
  id: string;
  /** Its address: /planung/<slug>, /planung/export/<slug>.csv|.json. */
  slug: string;
  /** The version of its definitions (planning:definitions): raised when a figure changes meaning. */
  version: string;
  /** 'nightly': read from the aggregates, as of last night; 'live': read from the catalogue now. */
  data: 'nightly' | 'live';
  /**
   * Which periods make sense: 'past' (what happened: up to the current month) or 'any'
   * (the catalogue's runs are planned ahead, so its supply can be read for months to come).
   */
  periods: 'past' | 'any';
  /** The period shown when none is chosen (default: the twelve complete months before today). */
  defaultPeriod?: (today: string) => Period;
  /** The aggregation sources whose last counted day is the report's "Stand" (nightly only). */
  asOfSources: readonly string[];
  /** The tables its figures come from (named on the definitions page). */
  sources: readonly string[];
  /** Its sections' ids, in order (each has a definition on the definitions page). */
  sections: readonly string[];
  build(ctx: ReportContext): Promise<SectionView[]>;
}

/** Category rows: the catalogue's categories, optionally with "none chosen" and "several". */
export function categoryLabels(extra: readonly ('none' | 'several')[] = []): Label[] {
  return [...CATEGORIES, ...extra].map((code) => ({ code }));
}

/** Area rows: every area of the table, and '' ("no area") when something has none. */
export function areaLabels(areas: readonly AreaRow[], withNone: boolean): Label[] {
  const rows: Label[] = areas.map((a) => ({ code: a.code, text: a.name }));
  if (withNone) rows.push({ code: '' });
  return rows;
}

export function monthLabels(period: Period): Label[] {
  return monthsOf(period).map((code) => ({ code }));
}

/** Inhabitants of an area ('' none), or of the whole region / the chosen area for the totals row. */
export function inhabitantsOf(ctx: ReportContext, code: string | null): number {
  if (code === null)
    return ctx.area ? ctx.area.inhabitants : ctx.areas.reduce((a, b) => a + b.inhabitants, 0);
  return ctx.areas.find((a) => a.code === code)?.inhabitants ?? 0;
}

export const key = (...parts: string[]) => parts.join('|');
