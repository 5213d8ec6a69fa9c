import type { SearchHit } from '../../../search/types';
import { OFFER_FUNDING } from '../providers/schemas';
import type { DerivedResult, Group } from './engine';

/** Why an offer was picked, as translation keys with their values (client-safe). */
export interface Reason {
  key: string;
  values?: Record<string, string | number>;
}

/** Funding that lowers or covers the price (Bildungsurlaub is paid leave, not money for the course). */
const COST_FUNDING: readonly string[] = OFFER_FUNDING.filter((f) => f !== 'bildungsurlaub');

export function isFreeOrFunded(hit: SearchHit): boolean {
  return hit.run.priceCents === 0 || hit.funding.some((f) => COST_FUNDING.includes(f));
}

/**
 * The reasons shown under each recommendation: every answer it fits, and, for offers
 * found only after widening the search, the limit it does not meet.
 */
export function reasonsFor(hit: SearchHit, group: Group, result: DerivedResult): Reason[] {
  const reasons: Reason[] = [];
  const { limits, levels } = result;
  const run = hit.run;
  if (group.filter.category?.includes(hit.category))
    reasons.push({ key: `reasons.group.${group.id}`, values: { category: hit.category } });
  if (hit.cefrLevel && group.filter.level?.includes(hit.cefrLevel as never)) {
    const yours = levels.german;
    reasons.push(
      yours && yours !== 'none'
        ? { key: 'reasons.level', values: { level: hit.cefrLevel, yours } }
        : { key: 'reasons.levelStart', values: { level: hit.cefrLevel } },
    );
  }
  if (limits.time?.length) {
    const fits =
      (run.timeOfDay && limits.time.includes(run.timeOfDay)) ||
      (run.weekend && limits.time.includes('weekend'));
    if (fits)
      reasons.push({
        key:
          run.weekend && limits.time.includes('weekend')
            ? 'reasons.weekend'
            : `reasons.time.${run.timeOfDay}`,
      });
    else reasons.push({ key: 'reasons.otherTime' });
  }
  if (run.distanceKm !== null && limits.near) {
    const km = Math.round(run.distanceKm * 10) / 10;
    reasons.push({
      key: limits.radius !== undefined && km > limits.radius ? 'reasons.further' : 'reasons.distance',
      values: { km, postcode: limits.near },
    });
  } else if (run.format === 'online') reasons.push({ key: 'reasons.online' });
  if (run.priceCents === 0) reasons.push({ key: 'reasons.free' });
  else if (isFreeOrFunded(hit))
    reasons.push({
      key: 'reasons.funding',
      values: { funding: hit.funding.filter((f) => COST_FUNDING.includes(f)).join(',') },
    });
  else if (
    limits.maxPrice !== undefined &&
    run.priceCents !== null &&
    run.priceCents <= limits.maxPrice * 100
  )
    reasons.push({ key: 'reasons.budget', values: { price: run.priceCents } });
  if (limits.accessible && run.venue?.accessible) reasons.push({ key: 'reasons.accessible' });
  return reasons;
}
