import type { SearchHit } from '../../../search/types';
import type { DerivedResult, Group } from './engine';
import { fitsTimes, matchesPreference, type OfferFacts, type Payer, type Person } from './fit';

/** Why an offer was picked, as translation keys with their values (client-safe). */
export interface Reason {
  key: string;
  values?: Record<string, string | number>;
}

/**
 * The reasons shown under each recommendation: every answer it fits, and, for offers
 * found only after widening the search, the limit it does not meet. They claim only
 * what is known: requirements the provider did not state are "ask", never "you meet
 * them"; vague funding is "ask about funding", never "fits your budget".
 */
export function reasonsFor(
  hit: SearchHit,
  group: Group,
  result: DerivedResult,
  fit: { facts: OfferFacts; person: Person; payer: Payer | null },
): Reason[] {
  const reasons: Reason[] = [];
  const { limits, levels } = result;
  const { facts, person, payer } = fit;
  const run = hit.run;
  if (group.filter.category?.includes(hit.category))
    reasons.push({ key: `reasons.group.${group.id}`, values: { category: hit.category } });
  if (group.prefer && matchesPreference(hit, facts, group.prefer))
    reasons.push({
      key: 'reasons.occupation',
      values: { question: group.prefer.question, field: group.prefer.value },
    });
  if (hit.cefrLevel && group.filter.level?.includes(hit.cefrLevel as never)) {
    const yours = levels.german;
    reasons.push(
      yours && yours !== 'none'
        ? { key: 'reasons.level', values: { level: hit.cefrLevel, yours } }
        : { key: 'reasons.levelStart', values: { level: hit.cefrLevel } },
    );
  }
  if (facts.entryRequirements === null) reasons.push({ key: 'reasons.requirementsUnknown' });
  else if (facts.entryRequirements.length === 0) reasons.push({ key: 'reasons.noRequirements' });
  else
    reasons.push({
      key: 'reasons.requirementsMet',
      values: { requirements: facts.entryRequirements.join(',') },
    });
  if (facts.entryCefrLevel)
    reasons.push({
      key: person.german === 'native' ? 'reasons.entryLevelNative' : 'reasons.entryLevel',
      values: { level: facts.entryCefrLevel },
    });
  if (limits.time?.length) {
    // The same rule that picked it: a run meeting on a weekend day fits only a chosen weekend.
    if (!fitsTimes(hit, facts, limits.time)) reasons.push({ key: 'reasons.otherTime' });
    else
      reasons.push({
        key:
          run.weekend && limits.time.includes('weekend')
            ? 'reasons.weekend'
            : `reasons.time.${run.timeOfDay}`,
      });
  }
  if (run.distanceKm !== null && limits.near) {
    const km = Math.round(run.distanceKm * 10) / 10;
    reasons.push({
      key: limits.radius !== undefined && km > limits.radius ? 'reasons.further' : 'reasons.distance',
      values: { km, postcode: limits.near },
    });
  } else if (run.format === 'online') reasons.push({ key: 'reasons.online' });
  if (payer === 'free') reasons.push({ key: 'reasons.free' });
  else if (payer) reasons.push({ key: `reasons.payer.${payer}` });
  else if (
    limits.maxPrice !== undefined &&
    run.priceCents !== null &&
    run.priceCents <= limits.maxPrice * 100
  )
    reasons.push({ key: 'reasons.budget', values: { price: run.priceCents } });
  // Funding the offer names but we can't check for this person: a hint, not a promise.
  if (!payer && (hit.funding.includes('other') || hit.funding.includes('bildungsgutschein')))
    reasons.push({ key: 'reasons.askFunding' });
  if (hit.funding.includes('bildungsurlaub') && person.employment === 'employed')
    reasons.push({ key: 'reasons.bildungsurlaub' });
  if (limits.accessible && run.venue?.accessible) reasons.push({ key: 'reasons.accessible' });
  return reasons;
}
