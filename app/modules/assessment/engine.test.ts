import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readQuestionnaireFiles } from '../../../db/reference/questionnaires';
import { flatten } from '../../../locales/check';
import type { SearchHit } from '../../../search/types';
import { type Answers, type Definition, definitionSchema } from './definition';
import { deriveResult, levelOf, moduleById, readPage, searchHref, shownOnPage } from './engine';
import { type OfferFacts, personOf } from './fit';
import { reasonsFor } from './reasons';

const defs = await readQuestionnaireFiles();
const v1 = defs.find((d) => d.version === 1)!;
const v2 = defs.find((d) => d.version === 2)!;

function form(values: Record<string, string | string[]>) {
  const f = new FormData();
  for (const [k, v] of Object.entries(values)) for (const x of Array.isArray(v) ? v : [v]) f.append(k, x);
  return f;
}

/** The must-show person: German A2, evenings, within 5 km of 34117, nothing to pay. */
const eveningA2: Answers = {
  employment: 'unemployed_not_registered',
  goals: ['german'],
  times: ['evening'],
  postcode: '34117',
  radius: '5',
  budget: 'free',
  german_first: 'no',
  german: ['a1_words', 'a1_introduce', 'a2_routine', 'a2_shopping', 'b1_travel'],
};

describe('questionnaire files', () => {
  it('every stored version is valid and names its own file', () => {
    expect(defs.map((d) => d.version)).toContain(1);
    for (const d of defs) expect(definitionSchema.safeParse(d).success).toBe(true);
  });

  it('refuses a rule that names a question the questionnaire lacks', () => {
    const broken = { ...v1, hints: [...v1.hints, { id: 'x', when: { q: 'no_such_question', in: ['a'] } }] };
    expect(definitionSchema.safeParse(broken).success).toBe(false);
  });

  it('every text a version needs exists in German (so old results stay readable)', () => {
    const de = flatten(
      JSON.parse(readFileSync(path.join(import.meta.dirname, '../../../locales/de/assessment.json'), 'utf8')),
    );
    const missing: string[] = [];
    const need = (key: string) => {
      if (!(key in de)) missing.push(key);
    };
    for (const d of defs) {
      for (const m of d.modules) {
        need(`modules.${m.id}.title`);
        need(`modules.${m.id}.intro`);
        for (const q of m.questions) {
          need(`q.${q.id}.label`);
          need(`q.${q.id}.profile`);
          if (q.type === 'cando') for (const l of q.levels) for (const s of l.statements) need(`cando.${s}`);
          else if (q.type === 'single' && q.scale)
            for (const o of q.options) need(`scales.${q.scale}.${o.value}`);
          else if (q.type === 'language') need(`q.${q.id}.none`);
          else if (q.type !== 'postcode') for (const o of q.options) need(`q.${q.id}.options.${o.value}`);
        }
      }
      for (const h of d.hints) {
        need(`hints.${h.id}.title`);
        need(`hints.${h.id}.text`);
      }
      for (const r of d.recommend) {
        need(`result.groups.${r.id}`);
        need(`reasons.group.${r.id}`);
      }
    }
    expect(missing).toEqual([]);
  });
});

describe('language level from can-do statements', () => {
  it('is the highest level with every statement ticked, and every level below', () => {
    expect(levelOf(v1, 'german', eveningA2)).toBe('A2');
    expect(levelOf(v1, 'german', { german: [] })).toBe('none');
    // B1 ticked without A2: the gap decides.
    expect(
      levelOf(v1, 'german', { german: ['a1_words', 'a1_introduce', 'b1_travel', 'b1_experiences'] }),
    ).toBe('A1');
    expect(levelOf(v1, 'german', {})).toBeUndefined();
  });
});

describe('reading a page', () => {
  const goals = moduleById(v1, 'ziele')!;
  const frame = moduleById(v1, 'rahmen')!;
  const languages = moduleById(v1, 'sprachen')!;

  it('asks for a required answer only when going forward', () => {
    expect(readPage(v1, goals, form({}), {}).errors).toEqual({ goals: 'required' });
    expect(readPage(v1, goals, form({ goals: ['german', 'digital'] }), {})).toEqual({
      answers: { goals: ['german', 'digital'] },
      errors: {},
    });
  });

  it('refuses values that are not the question’s own and a malformed postcode', () => {
    const r = readPage(
      v1,
      frame,
      form({ times: ['midnight'], postcode: '3411', budget: ['free', 'any'] }),
      {},
    );
    expect(r.errors).toEqual({ times: 'invalid', postcode: 'invalid', budget: 'invalid' });
  });

  it('drops the German can-do answers when German is the first language', () => {
    const r = readPage(v1, languages, form({ german_first: 'yes', german: ['a1_words'] }), {});
    expect(r.answers).toEqual({ german_first: 'yes' });
    // Without JavaScript the page shows the question anyway; the server decides.
    expect(shownOnPage(languages, { german_first: 'yes' }, v1).map((q) => q.id)).toContain('german');
  });
});

describe('the result', () => {
  it('turns the must-show answers into a German search with the person’s limits', () => {
    const r = deriveResult(v1, eveningA2);
    expect(r.groups).toEqual([
      { id: 'german', filter: { category: ['deutsch_integration'], level: ['A2', 'B1'] } },
    ]);
    expect(r.limits).toEqual({ time: ['evening'], near: '34117', radius: 5, costs: 'free_or_funded' });
    expect(r.hints).toContain('integration_course');
    expect(r.hints).not.toContain('bildungsgutschein');
    expect(r.topic).toBe('deutsch-integration');
    expect(r.levels).toEqual({ german: 'A2' });
  });

  it('hints at the Bildungsgutschein only when registered unemployed with a job goal', () => {
    const base: Answers = { goals: ['new_job'], employment: 'unemployed_registered' };
    expect(deriveResult(v1, base).hints).toContain('bildungsgutschein');
    expect(deriveResult(v1, { ...base, employment: 'employed' }).hints).not.toContain('bildungsgutschein');
    expect(deriveResult(v1, base).topic).toBe('weiterbildung-umschulung');
  });

  it('marks the health module as sensitive and turns mobility into step-free venues', () => {
    const r = deriveResult(v1, { goals: ['digital'], health_needs: ['mobility'] });
    expect(r.limits.accessible).toBe(true);
    expect(r.profile.find((s) => s.module === 'gesundheit')).toMatchObject({ sensitive: true });
    expect(r.hints).toContain('health_support');
  });

  it('drops the radius without a postcode and picks interest categories from the fields', () => {
    const r = deriveResult(v1, { goals: ['personal_interest'], fields: ['culture', 'health'], radius: '10' });
    expect(r.limits.radius).toBeUndefined();
    expect(r.groups[0]!.filter.category).toEqual(['kultur_gestalten', 'gesundheit']);
  });

  it('a later version with a new question gives the same result for the old answers', () => {
    const v2: Definition = definitionSchema.parse({
      ...v1,
      version: 2,
      modules: v1.modules.map((m) =>
        m.id === 'rahmen'
          ? {
              ...m,
              questions: [
                ...m.questions,
                { id: 'mobility_ticket', type: 'single', options: [{ value: 'yes' }, { value: 'no' }] },
              ],
            }
          : m,
      ),
    });
    const { version: _a, ...before } = deriveResult(v1, eveningA2);
    const { version: _b, ...after } = deriveResult(v2, eveningA2);
    expect(after).toEqual(before);
  });
});

describe('version 2', () => {
  const a2Job: Answers = {
    vocational: 'none',
    employment: 'unemployed_registered',
    goals: ['new_job'],
    german_first: 'no',
    german: ['a1_words', 'a1_introduce', 'a2_routine', 'a2_shopping'],
  };
  const b1: string[] = [
    'a1_words',
    'a1_introduce',
    'a2_routine',
    'a2_shopping',
    'b1_travel',
    'b1_experiences',
  ];
  const c1: string[] = [...b1, 'b2_discuss', 'b2_texts', 'c1_fluent', 'c1_work'];

  it('gives an A2 learner who wants a job the hint for job-related German from A2 (DeuFöV § 13)', () => {
    expect(deriveResult(v2, a2Job).hints).toEqual(
      expect.arrayContaining(['integration_course', 'job_german_special']),
    );
    expect(deriveResult(v2, a2Job).hints).not.toContain('job_german');
    // Version 1 stays as it was: its A2 learners never got it.
    expect(deriveResult(v1, a2Job).hints).not.toContain('job_german_special');
  });

  it('gives the basic job-related German courses from B1 up to C1 (to C2, DeuFöV § 12)', () => {
    expect(deriveResult(v2, { ...a2Job, german: b1 }).hints).toContain('job_german');
    expect(deriveResult(v2, { ...a2Job, german: b1 }).hints).not.toContain('job_german_special');
    expect(deriveResult(v2, { ...a2Job, german: c1 }).hints).toContain('job_german');
    expect(deriveResult(v1, { ...a2Job, german: c1 }).hints).not.toContain('job_german');
    expect(deriveResult(v2, { ...a2Job, goals: ['personal_interest'] }).hints).not.toContain(
      'job_german_special',
    );
  });

  it('asks for the occupational field and puts its courses first in the career group', () => {
    const situation = moduleById(v2, 'situation')!;
    const read = readPage(v2, situation, form({ occupation: 'office', work_experience: 'yes' }), {});
    expect(read).toEqual({ answers: { occupation: 'office', work_experience: 'yes' }, errors: {} });
    const r = deriveResult(v2, { ...a2Job, occupation: 'office' });
    expect(r.groups.find((g) => g.id === 'career')?.prefer).toMatchObject({
      question: 'occupation',
      value: 'office',
    });
    expect(r.groups.find((g) => g.id === 'career')?.prefer?.keywords).toContain('buchhaltung');
    expect(r.hints).toContain('partial_qualification');
    // "No answer" prefers nothing and gives no hint about a field.
    const none = deriveResult(v2, { ...a2Job, occupation: 'none' });
    expect(none.groups.find((g) => g.id === 'career')?.prefer).toBeUndefined();
    expect(none.hints).not.toContain('partial_qualification');
  });
});

describe('reasons', () => {
  const hit = (over: Partial<SearchHit['run']>, funding: string[] = []): SearchHit => ({
    id: 1,
    title: 'Deutsch A2 am Abend',
    summary: '',
    highlight: { title: [], summary: [] },
    category: 'deutsch_integration',
    language: 'de',
    cefrLevel: 'A2',
    funding,
    provider: { id: 1, slug: 'vhs', name: 'VHS' },
    matchingRuns: 1,
    run: {
      id: 1,
      startsOn: '2027-01-10',
      endsOn: '2027-03-10',
      format: 'in_person',
      timeOfDay: 'evening',
      weekend: false,
      priceCents: 0,
      venue: { name: 'VHS', city: 'Kassel', district: 'Mitte', accessible: true },
      distanceKm: 3.24,
      ...over,
    },
  });
  const result = deriveResult(v1, eveningA2);
  const group = result.groups[0]!;

  const facts: OfferFacts = {
    entryRequirements: [],
    entryCefrLevel: null,
    keywords: [],
    integrationCourse: false,
    azav: false,
    weekendSessions: false,
  };
  const person = personOf(result);

  it('names every answer the offer fits', () => {
    expect(reasonsFor(hit({}), group, result, { facts, person, payer: 'free' })).toEqual([
      { key: 'reasons.group.german', values: { category: 'deutsch_integration' } },
      { key: 'reasons.level', values: { level: 'A2', yours: 'A2' } },
      { key: 'reasons.noRequirements' },
      { key: 'reasons.time.evening' },
      { key: 'reasons.distance', values: { km: 3.2, postcode: '34117' } },
      { key: 'reasons.free' },
    ]);
  });

  it('says so when a widened search found an offer outside the limits, and only hints at vague funding', () => {
    const keys = reasonsFor(
      hit({ timeOfDay: 'morning', distanceKm: 12, priceCents: 9000 }, ['other']),
      group,
      result,
      { facts: { ...facts, entryRequirements: null }, person, payer: null },
    ).map((r) => r.key);
    expect(keys).toEqual([
      'reasons.group.german',
      'reasons.level',
      'reasons.requirementsUnknown',
      'reasons.otherTime',
      'reasons.further',
      'reasons.askFunding',
    ]);
  });

  it('does not call a run with a Saturday session "in the evening" for someone who chose weekday evenings', () => {
    const keys = reasonsFor(hit({}), group, result, {
      facts: { ...facts, weekendSessions: true },
      person,
      payer: 'free',
    }).map((r) => r.key);
    expect(keys).toContain('reasons.otherTime');
    expect(keys).not.toContain('reasons.time.evening');
  });

  it('names the requirements met, the entry level and who pays', () => {
    const reasons = reasonsFor(hit({ priceCents: 12000 }, ['bildungsgutschein', 'azav']), group, result, {
      facts: { ...facts, entryRequirements: ['school_certificate'], entryCefrLevel: 'A2', azav: true },
      person,
      payer: 'bildungsgutschein',
    });
    expect(reasons).toEqual(
      expect.arrayContaining([
        { key: 'reasons.requirementsMet', values: { requirements: 'school_certificate' } },
        { key: 'reasons.entryLevel', values: { level: 'A2' } },
        { key: 'reasons.payer.bildungsgutschein' },
      ]),
    );
    expect(reasons.map((r) => r.key)).not.toContain('reasons.askFunding');
  });
});

describe('more offers like these', () => {
  it('links to the catalogue search with the group’s filters', () => {
    const r = deriveResult(v1, eveningA2);
    expect(searchHref(r.groups[0]!, r.limits)).toBe(
      '/angebote?category=deutsch_integration&level=A2%2CB1&time=evening&near=34117&radius=5&sort=distance',
    );
  });
});
