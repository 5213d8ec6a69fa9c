import type { SearchHit } from '../../../search/types';
import { fold } from '../../../search/vocabulary';
import { CEFR, type Level } from './definition';
import type { DerivedResult, Group } from './engine';

/**
 * Whether an offer the catalogue search found may be recommended to this person: what
 * it requires at the start (qualifications, German), what it costs and who could pay
 * for it, and when it takes place. Pure and client-safe; the facts the search hits
 * don't carry come from the offers' own columns (`OfferFacts`).
 */

/** The formal entry requirements an offer can state (offers.entry_requirements). */
export const ENTRY_REQUIREMENTS = [
  'school_certificate',
  'vocational_qualification',
  'professional_experience',
] as const;
export type EntryRequirement = (typeof ENTRY_REQUIREMENTS)[number];

/** What the recommendation needs to know about an offer and its shown run, beyond the hit. */
export interface OfferFacts {
  /** null: the provider did not say; []: no formal requirement. */
  entryRequirements: EntryRequirement[] | null;
  /** The German level expected at the start; null: not stated. */
  entryCefrLevel: string | null;
  keywords: string[];
  /** A BAMF integration course (its costs are covered or reduced by the BAMF). */
  integrationCourse: boolean;
  /** Approved under AZAV (the measure or its provider): a Bildungsgutschein can pay for it. */
  azav: boolean;
  /** The run meets on a Saturday or Sunday (by its weekdays or a single date). */
  weekendSessions: boolean;
}

/** The person as far as their answers tell; `undefined` means they didn't say. */
export interface Person {
  has: Set<EntryRequirement>;
  /** Requirements the answers settle: met if in `has`, else not met. The rest are unknown. */
  settled: Set<EntryRequirement>;
  german: Level | 'native' | undefined;
  employment: string | undefined;
}

type Grants = Record<string, Partial<Record<string, EntryRequirement[]>>>;

/**
 * Which answers meet which requirement. Keyed by question id: an id never changes its
 * meaning across questionnaire versions (ADR 010), so this holds for old results too.
 * A university degree opens upgrade training as a vocational qualification does
 * (Aufstiegs-BAföG accepts a bachelor's degree); a master craftsman or similar title
 * was only possible after years of work.
 */
const GRANTS: Grants = {
  school: {
    first: ['school_certificate'],
    intermediate: ['school_certificate'],
    abitur: ['school_certificate'],
    foreign: ['school_certificate'],
  },
  vocational: {
    apprenticeship: ['vocational_qualification'],
    master: ['vocational_qualification', 'professional_experience'],
    degree: ['vocational_qualification', 'school_certificate'],
  },
  employment: { employed: ['professional_experience'], self_employed: ['professional_experience'] },
  work_experience: { yes: ['professional_experience'] },
};
/** The questions whose answer settles a requirement, also when it grants nothing. */
const SETTLES: Record<EntryRequirement, string[]> = {
  school_certificate: ['school'],
  vocational_qualification: ['vocational'],
  // Being out of work says nothing about having worked before; only the question does.
  professional_experience: ['work_experience'],
};

/** Reads the person from a stored result (its profile has the answers' values). */
export function personOf(result: Pick<DerivedResult, 'profile' | 'levels'>): Person {
  const answers = new Map<string, string[]>();
  for (const section of result.profile)
    for (const item of section.items) answers.set(item.question, item.values);
  const has = new Set<EntryRequirement>();
  for (const [question, byValue] of Object.entries(GRANTS))
    for (const value of answers.get(question) ?? []) for (const r of byValue[value] ?? []) has.add(r);
  const settled = new Set<EntryRequirement>(has);
  for (const r of ENTRY_REQUIREMENTS) if (SETTLES[r].some((q) => answers.has(q))) settled.add(r);
  const native = answers.get('german_first')?.[0] === 'yes';
  return {
    has,
    settled,
    german: native ? 'native' : result.levels.german,
    employment: answers.get('employment')?.[0],
  };
}

const LEVEL_ORDER: Level[] = ['none', ...CEFR];
function levelRank(level: string): number {
  return LEVEL_ORDER.indexOf(level as Level);
}

/** German known to be below B1: the integration course is the way in (AufenthG § 43, IntV § 3). */
function germanBelowB1(person: Person): boolean {
  return (
    person.german !== undefined && person.german !== 'native' && levelRank(person.german) < levelRank('B1')
  );
}

/** Who may pay for the course, for this person; the reason names it. */
export type Payer = 'free' | 'free_stated' | 'bildungsgutschein' | 'aufstiegs_bafoeg' | 'integration_course';

/**
 * Funding that can actually pay this person's course. Bildungsurlaub is paid leave, not
 * course fees; "other" funding is too vague to count (the reasons suggest asking); a
 * "free" label on a run with a price contradicts itself and counts for nothing.
 */
export function payerFor(hit: SearchHit, facts: OfferFacts, person: Person): Payer | null {
  const price = hit.run.priceCents;
  if (price === 0) return 'free';
  if (price === null && hit.funding.includes('free')) return 'free_stated';
  // A Bildungsgutschein is issued by the Agentur für Arbeit or the Jobcenter (SGB III
  // § 81, SGB II § 16) and is redeemable only for an AZAV-approved measure.
  if (
    (hit.funding.includes('bildungsgutschein') || hit.funding.includes('azav')) &&
    facts.azav &&
    person.employment === 'unemployed_registered'
  )
    return 'bildungsgutschein';
  // Aufstiegs-BAföG (AFBG § 9) needs a completed vocational qualification or a degree.
  if (hit.funding.includes('aufstiegs_bafoeg') && person.has.has('vocational_qualification'))
    return 'aufstiegs_bafoeg';
  if (facts.integrationCourse && germanBelowB1(person)) return 'integration_course';
  return null;
}

/** Why a candidate is left out; "unknown" ones because an answer is missing. */
export type Exclusion =
  | 'requirements'
  | 'requirementsUnknown'
  | 'language'
  | 'languageUnknown'
  | 'budget'
  | 'time';

export type Fit = { ok: true; payer: Payer | null } | { ok: false; why: Exclusion };

/** The run fits the chosen times: no weekend sessions unless the weekend was chosen. */
export function fitsTimes(hit: SearchHit, facts: OfferFacts, times: readonly string[]): boolean {
  if (!times.length) return true;
  const weekend = times.includes('weekend');
  if (hit.run.weekend) return weekend;
  if (!hit.run.timeOfDay || !times.includes(hit.run.timeOfDay)) return false;
  return weekend || !facts.weekendSessions;
}

export function checkFit(
  hit: SearchHit,
  facts: OfferFacts,
  person: Person,
  limits: DerivedResult['limits'],
  options: { strictTimes: boolean },
): Fit {
  for (const r of facts.entryRequirements ?? []) {
    if (person.has.has(r)) continue;
    return { ok: false, why: person.settled.has(r) ? 'requirements' : 'requirementsUnknown' };
  }
  if (facts.entryCefrLevel && person.german !== 'native') {
    if (person.german === undefined) return { ok: false, why: 'languageUnknown' };
    if (levelRank(person.german) < levelRank(facts.entryCefrLevel)) return { ok: false, why: 'language' };
  }
  const payer = payerFor(hit, facts, person);
  const price = hit.run.priceCents;
  if (limits.costs === 'free_or_funded' && !payer) return { ok: false, why: 'budget' };
  if (limits.maxPrice !== undefined && !payer && (price === null || price > limits.maxPrice * 100))
    return { ok: false, why: 'budget' };
  if (options.strictTimes && !fitsTimes(hit, facts, limits.time ?? [])) return { ok: false, why: 'time' };
  return { ok: true, payer };
}

/** Whether the offer belongs to the preferred field (its title or keywords start a word so). */
export function matchesPreference(hit: SearchHit, facts: OfferFacts, prefer: Group['prefer']): boolean {
  if (!prefer) return false;
  // Words split at anything but letters and digits: "Kauffrau/Kaufmann" is two words.
  const text = ` ${fold(`${hit.title} ${facts.keywords.join(' ')}`)
    .split(/[^a-z0-9]+/)
    .join(' ')}`;
  return prefer.keywords.some((k) => text.includes(` ${k}`));
}

/**
 * Picks `n` in the given order, at most `cap` from one provider while others have
 * something left, so a group of five shows at least two providers when the catalogue
 * has them. Fills up from the first provider only when nobody else fits.
 */
export function diversify<T>(items: T[], providerOf: (item: T) => number, n: number, cap = 2): T[] {
  const taken = new Set<number>();
  const perProvider = new Map<number, number>();
  items.forEach((item, i) => {
    if (taken.size >= n) return;
    const p = providerOf(item);
    const count = perProvider.get(p) ?? 0;
    if (count < cap) {
      taken.add(i);
      perProvider.set(p, count + 1);
    }
  });
  for (let i = 0; i < items.length && taken.size < n; i++) taken.add(i);
  return [...taken].sort((a, b) => a - b).map((i) => items[i]!);
}
