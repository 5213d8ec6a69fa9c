import { describe, expect, it } from 'vitest';
import { readQuestionnaireFiles } from '../../../db/reference/questionnaires';
import type { SearchHit } from '../../../search/types';
import type { Answers } from './definition';
import { deriveResult } from './engine';
import {
  checkFit,
  diversify,
  fitsTimes,
  matchesPreference,
  type OfferFacts,
  payerFor,
  personOf,
} from './fit';

const defs = await readQuestionnaireFiles();
const v1 = defs.find((d) => d.version === 1)!;
const v2 = defs.find((d) => d.version === 2)!;

/** The must-show person: no vocational qualification, German A2, nothing to pay, evenings, wants a job. */
const persona: Answers = {
  school: 'first',
  vocational: 'none',
  work_experience: 'no',
  employment: 'unemployed_not_registered',
  goals: ['new_job'],
  times: ['evening'],
  postcode: '34117',
  radius: '5',
  budget: 'free',
  german_first: 'no',
  german: ['a1_words', 'a1_introduce', 'a2_routine', 'a2_shopping'],
};
const result = deriveResult(v2, persona);
const person = personOf(result);

function hit(run: Partial<SearchHit['run']> = {}, funding: string[] = [], providerId = 1): SearchHit {
  return {
    id: 1,
    title: 'Kurs',
    summary: '',
    highlight: { title: [], summary: [] },
    category: 'berufliche_weiterbildung',
    language: 'de',
    cefrLevel: null,
    funding,
    provider: { id: providerId, slug: `p${providerId}`, name: `P${providerId}` },
    matchingRuns: 1,
    run: {
      id: 1,
      startsOn: '2027-01-10',
      endsOn: '2027-03-10',
      format: 'in_person',
      timeOfDay: 'evening',
      weekend: false,
      priceCents: 0,
      venue: null,
      distanceKm: 2,
      ...run,
    },
  };
}
const facts: OfferFacts = {
  entryRequirements: [],
  entryCefrLevel: null,
  keywords: [],
  integrationCourse: false,
  azav: false,
  weekendSessions: false,
};
const strict = { strictTimes: true };

describe('the person, from the stored result', () => {
  it('knows what the answers settle and what they leave open', () => {
    expect([...person.has]).toEqual(['school_certificate']);
    expect([...person.settled].sort()).toEqual([
      'professional_experience',
      'school_certificate',
      'vocational_qualification',
    ]);
    expect(person.german).toBe('A2');
    const skipped = personOf(deriveResult(v2, { goals: ['new_job'] }));
    expect(skipped.settled.size).toBe(0);
    expect(skipped.german).toBeUndefined();
    expect(personOf(deriveResult(v2, { goals: ['new_job'], german_first: 'yes' })).german).toBe('native');
  });

  it('reads a version 1 result too (question ids keep their meaning)', () => {
    const old = personOf(
      deriveResult(v1, { goals: ['advancement'], vocational: 'master', employment: 'employed' }),
    );
    expect([...old.has].sort()).toEqual(['professional_experience', 'vocational_qualification']);
  });
});

describe('entry requirements', () => {
  it('leaves out an offer requiring what the person lacks, and says whether an answer was missing', () => {
    const meister = {
      ...facts,
      entryRequirements: ['vocational_qualification', 'professional_experience'],
    } as OfferFacts;
    expect(checkFit(hit(), meister, person, result.limits, strict)).toEqual({
      ok: false,
      why: 'requirements',
    });
    const unknown = personOf(deriveResult(v2, { goals: ['new_job'] }));
    expect(checkFit(hit(), meister, unknown, result.limits, strict)).toEqual({
      ok: false,
      why: 'requirementsUnknown',
    });
    const school = { ...facts, entryRequirements: ['school_certificate'] } as OfferFacts;
    expect(checkFit(hit(), school, person, result.limits, strict)).toEqual({ ok: true, payer: 'free' });
    // Not stated: allowed (the reasons then say "ask").
    expect(checkFit(hit(), { ...facts, entryRequirements: null }, person, result.limits, strict).ok).toBe(
      true,
    );
  });

  it('leaves out a course expecting more German than the person has', () => {
    expect(checkFit(hit(), { ...facts, entryCefrLevel: 'B2' }, person, result.limits, strict)).toEqual({
      ok: false,
      why: 'language',
    });
    expect(checkFit(hit(), { ...facts, entryCefrLevel: 'A2' }, person, result.limits, strict).ok).toBe(true);
    const native = personOf(deriveResult(v2, { goals: ['new_job'], german_first: 'yes' }));
    expect(checkFit(hit(), { ...facts, entryCefrLevel: 'C1' }, native, result.limits, strict).ok).toBe(true);
  });
});

describe('who pays', () => {
  it('counts only funding that can pay for this person', () => {
    const priced = (funding: string[]) => hit({ priceCents: 25_000 }, funding);
    expect(payerFor(priced(['other']), facts, person)).toBeNull();
    expect(payerFor(priced(['bildungsurlaub']), facts, person)).toBeNull();
    // A "free" label on a priced run contradicts itself.
    expect(payerFor(priced(['free']), facts, person)).toBeNull();
    expect(payerFor(hit({ priceCents: null }, ['free']), facts, person)).toBe('free_stated');
    // Bildungsgutschein: AZAV and registered as unemployed, both.
    expect(payerFor(priced(['bildungsgutschein']), { ...facts, azav: true }, person)).toBeNull();
    const registered = { ...person, employment: 'unemployed_registered' };
    expect(payerFor(priced(['bildungsgutschein']), facts, registered)).toBeNull();
    expect(payerFor(priced(['bildungsgutschein']), { ...facts, azav: true }, registered)).toBe(
      'bildungsgutschein',
    );
    // Aufstiegs-BAföG only with a vocational qualification.
    expect(payerFor(priced(['aufstiegs_bafoeg']), facts, person)).toBeNull();
    const skilled = personOf(deriveResult(v2, { goals: ['advancement'], vocational: 'apprenticeship' }));
    expect(payerFor(priced(['aufstiegs_bafoeg']), facts, skilled)).toBe('aufstiegs_bafoeg');
    // The integration course for German below B1.
    expect(payerFor(priced(['other']), { ...facts, integrationCourse: true }, person)).toBe(
      'integration_course',
    );
  });

  it('keeps the 250 € "other funding" course from a budget of nothing, and within a budget by price', () => {
    const course = hit({ priceCents: 25_000 }, ['other']);
    expect(checkFit(course, facts, person, result.limits, strict)).toEqual({ ok: false, why: 'budget' });
    expect(checkFit(course, facts, person, { maxPrice: 500 }, strict)).toEqual({ ok: true, payer: null });
    expect(checkFit(course, facts, person, { maxPrice: 100 }, strict)).toEqual({ ok: false, why: 'budget' });
    expect(checkFit(hit({ priceCents: null }), facts, person, { maxPrice: 100 }, strict).ok).toBe(false);
    expect(checkFit(course, facts, person, {}, strict).ok).toBe(true);
  });
});

describe('chosen times, strictly', () => {
  it('no weekend runs or weekend sessions for evenings on weekdays', () => {
    expect(fitsTimes(hit(), facts, ['evening'])).toBe(true);
    expect(fitsTimes(hit({ weekend: true }), facts, ['evening'])).toBe(false);
    expect(fitsTimes(hit(), { ...facts, weekendSessions: true }, ['evening'])).toBe(false);
    expect(fitsTimes(hit({ timeOfDay: 'morning' }), facts, ['evening'])).toBe(false);
    expect(fitsTimes(hit({ weekend: true, timeOfDay: 'morning' }), facts, ['evening', 'weekend'])).toBe(true);
    expect(fitsTimes(hit(), { ...facts, weekendSessions: true }, ['evening', 'weekend'])).toBe(true);
    expect(fitsTimes(hit({ timeOfDay: null }), facts, [])).toBe(true);
    // A widened search shows other times and says so.
    expect(checkFit(hit({ weekend: true }), facts, person, result.limits, { strictTimes: false }).ok).toBe(
      true,
    );
    expect(checkFit(hit({ weekend: true }), facts, person, result.limits, strict)).toEqual({
      ok: false,
      why: 'time',
    });
  });
});

describe('variety and the preferred field', () => {
  it('takes at most two per provider while others fit, and fills up only when nobody else does', () => {
    // Providers of the candidates, nearest first.
    expect(diversify([1, 1, 1, 1, 2, 2, 3, 4], (p) => p, 5)).toEqual([1, 1, 2, 2, 3]);
    // Only one more from others: the third of provider 1 fills the gap, in its place.
    expect(diversify([1, 1, 1, 1, 1, 2, 1, 3], (p) => p, 5)).toEqual([1, 1, 1, 2, 3]);
    expect(diversify([1, 1, 1, 1, 1, 1], (p) => p, 5)).toEqual([1, 1, 1, 1, 1]);
    expect(diversify([1, 1, 1, 1, 1, 1, 2], (p) => p, 5).filter((p) => p === 2)).toEqual([2]);
  });

  it('matches the field by word beginnings in the title and keywords', () => {
    const prefer = {
      question: 'occupation',
      value: 'office',
      keywords: ['buchhaltung', 'lohn', 'social media'],
    };
    expect(matchesPreference({ ...hit(), title: 'Buchhaltung mit DATEV' }, facts, prefer)).toBe(true);
    expect(matchesPreference({ ...hit(), title: 'Lohn- und Gehaltsabrechnung' }, facts, prefer)).toBe(true);
    expect(matchesPreference({ ...hit(), title: 'Online-Marketing und Social Media' }, facts, prefer)).toBe(
      true,
    );
    expect(matchesPreference({ ...hit(), title: 'Schweißen: MAG' }, facts, prefer)).toBe(false);
    expect(
      matchesPreference({ ...hit(), title: 'Kurs' }, { ...facts, keywords: ['Buchhaltung'] }, prefer),
    ).toBe(true);
    expect(matchesPreference(hit(), facts, undefined)).toBe(false);
  });
});
