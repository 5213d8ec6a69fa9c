import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateToken, hashToken } from '../../app/auth/tokens.server';
import {
  finishAssessment,
  openAssessment,
  recommend,
  startAssessment,
  submitPage,
} from '../../app/modules/assessment/assessment.server';
import type { Answers } from '../../app/modules/assessment/definition';
import { insertAssessment } from '../../db/queries/assessment.server';
import { refreshSearchDocuments } from '../../db/queries/search.server';
import { createTestDatabase, type TestDatabase } from '../setup/database';

/**
 * Recommendations against a catalogue built for the must-show person ("no vocational
 * qualification, German A2, nothing to pay, evenings, within 5 km of 34117, wants a
 * job"), full of traps: a master craftsman course, a 250 € course with vague funding, a
 * course expecting B2, weekend runs, a far one, a Bildungsgutschein course, and many
 * fitting offers from one provider next to a few from others. Everything goes through
 * the real questionnaire pages and the real search on PostgreSQL.
 */
let db: TestDatabase;
const ids: Record<string, number> = {};
const providers: Record<string, number> = {};

beforeAll(async () => {
  db = await createTestDatabase();
  const sql = db.sql;
  // Venues a few hundred metres from the postcode's point; `offset` 0 is right on it.
  const provider = async (key: string, name: string, certifications: unknown[] = [], offset = 0.002) => {
    const [p] = await sql<{ id: number }[]>`
      insert into providers (slug, name, kind, status, certifications)
      values (${key}, ${name}, 'trainer', 'approved', ${sql.json(certifications as never)}) returning id`;
    const [v] = await sql<{ id: number }[]>`
      insert into venues (provider_id, name, postcode, city, latitude, longitude)
      select ${p!.id}, ${`${name} Haus`}, '34117', 'Kassel', latitude + ${offset}, longitude
      from postcodes where zipcode = '34117' limit 1
      returning id`;
    providers[key] = p!.id;
    return { id: p!.id, venue: v!.id };
  };
  const one = await provider('sprachschule-eins', 'Sprachschule Eins');
  const two = await provider('vhs-zwei', 'VHS Zwei');
  const three = await provider(
    'bildungswerk-drei',
    'Bildungswerk Drei',
    [{ type: 'AZAV', number: 'A-1', certifier: 'Zert GmbH', validUntil: '2099-12-31' }],
    0,
  );
  const four = await provider('kolleg-vier', 'Kolleg Vier');
  const [far] = await sql<{ id: number }[]>`
    insert into venues (provider_id, name, postcode, city, latitude, longitude)
    values (${two.id}, 'Außenstelle', '34346', 'Hann. Münden', 51.4167, 9.65) returning id`;

  const offer = async (
    key: string,
    o: {
      at: { id: number; venue: number };
      venue?: number;
      title: string;
      funding?: string[];
      entry?: string[] | null;
      entryLevel?: string;
      price?: number | null;
      time?: 'morning' | 'afternoon' | 'evening';
      weekdays?: number[];
      sunday?: boolean;
      keywords?: string[];
    },
  ) => {
    const [row] = await sql<{ id: number }[]>`
      insert into offers (provider_id, title, summary, category, keywords, funding, entry_requirements,
                          entry_cefr_level, status, published_at)
      values (${o.at.id}, ${o.title}, 'Ein Angebot für den Test.', 'berufliche_weiterbildung',
              ${o.keywords ?? []}::text[], ${o.funding ?? []}::text[],
              ${o.entry === undefined ? [] : o.entry}::text[], ${o.entryLevel ?? null}, 'published', now())
      returning id`;
    const [run] = await sql<{ id: number }[]>`
      insert into runs (offer_id, venue_id, starts_on, ends_on, weekdays, starts_at, ends_at, time_of_day, price_cents)
      values (${row!.id}, ${o.venue ?? o.at.venue}, current_date + 14, current_date + 90,
              ${o.weekdays ?? [2, 4]}::smallint[], '18:00', '20:30', ${o.time ?? 'evening'},
              ${o.price === undefined ? 0 : o.price})
      returning id`;
    if (o.sunday)
      await sql`
        insert into run_sessions (run_id, starts_at, ends_at)
        select ${run!.id}, d + time '18:00', d + time '20:30'
        from (select (date_trunc('week', current_date + 21) + interval '6 days')::date as d) s`;
    ids[key] = row!.id;
  };

  // The traps.
  await offer('meister', {
    at: one,
    title: 'Vorbereitung auf die Meisterprüfung Teil III und IV',
    entry: ['vocational_qualification', 'professional_experience'],
    funding: ['aufstiegs_bafoeg'],
    price: 370_000,
  });
  // Free and at the right time, but for people with a vocational qualification or work experience.
  await offer('ada', {
    at: one,
    title: 'Ausbildung der Ausbilder (AdA) – Infoabend',
    entry: ['vocational_qualification'],
  });
  await offer('experienced', {
    at: two,
    title: 'Teamleitung für Praktiker',
    entry: ['professional_experience'],
  });
  await offer('other250', {
    at: one,
    title: 'Bewerbungstraining kompakt',
    funding: ['other'],
    price: 25_000,
  });
  await offer('b2entry', { at: two, title: 'Kommunikation im Beruf', entryLevel: 'B2' });
  await offer('saturday', { at: two, title: 'Gabelstaplerschein am Samstag', weekdays: [6] });
  await offer('sundaySession', { at: four, title: 'Erste Hilfe im Betrieb', weekdays: [], sunday: true });
  await offer('far', { at: two, venue: far!.id, title: 'Lagerlogistik Grundlagen' });
  await offer('morning', { at: four, title: 'Büroorganisation am Vormittag', time: 'morning' });
  await offer('azav', {
    at: three,
    title: 'Qualifizierung zur Pflegehilfskraft',
    funding: ['bildungsgutschein'],
    price: 210_000,
  });
  await offer('gutscheinNoAzav', {
    at: four,
    title: 'SAP-Anwenderschulung Materialwirtschaft',
    funding: ['bildungsgutschein'],
    price: 180_000,
  });
  // What fits: many from one provider, a few from others.
  for (const [i, title] of [
    'Buchhaltung mit DATEV für Einsteiger',
    'Excel für den Beruf',
    'Deutsch am Arbeitsplatz: E-Mails schreiben',
    'Lebenslauf und Bewerbung',
    'Kundengespräche sicher führen',
    'Zeitmanagement im Job',
  ].entries())
    await offer(`one${i}`, { at: one, title });
  await offer('twoSchool', { at: two, title: 'Fit für die Ausbildung', entry: ['school_certificate'] });
  await offer('twoFree', { at: two, title: 'Berufsorientierung am Abend' });
  await offer('fourUnknown', { at: four, title: 'Werkstatt-Schnupperkurs', entry: null });

  await refreshSearchDocuments(sql, Object.values(ids));
}, 60_000);
afterAll(async () => {
  await db.drop();
});

function form(values: Record<string, string | string[]>) {
  const f = new FormData();
  for (const [k, v] of Object.entries(values)) for (const x of Array.isArray(v) ? v : [v]) f.append(k, x);
  return f;
}

const PERSONA_PAGES: [string, Record<string, string | string[]>][] = [
  [
    'situation',
    { school: 'first', vocational: 'none', work_experience: 'no', employment: 'unemployed_not_registered' },
  ],
  ['ziele', { goals: ['new_job'] }],
  ['rahmen', { times: ['evening'], postcode: '34117', radius: '5', budget: 'free' }],
  ['sprachen', { german_first: 'no', german: ['a1_words', 'a1_introduce', 'a2_routine', 'a2_shopping'] }],
];

/** Goes through the pages as a person does, finishes, and returns the recommendations. */
async function assess(pages: [string, Record<string, string | string[]>][]) {
  const { token } = await startAssessment();
  for (const [page, values] of pages) {
    expect(await submitPage(await openAssessment(token), page, form(values), 'next')).toMatchObject({
      ok: true,
    });
  }
  expect(await finishAssessment(await openAssessment(token))).toEqual({ ok: true });
  const a = await openAssessment(token);
  return { a, ...(await recommend(a.result!)) };
}

const TRAPS = [
  'meister',
  'ada',
  'experienced',
  'other250',
  'b2entry',
  'saturday',
  'sundaySession',
  'far',
  'morning',
  'azav',
  'gutscheinNoAzav',
];
const trapName = (id: number) => Object.entries(ids).find(([, v]) => v === id)?.[0];

describe('the must-show person', () => {
  it('gets no offer whose entry requirements, German level, price or times exclude them, from at least two providers', async () => {
    const { a, groups, placeUnknown } = await assess(PERSONA_PAGES);
    expect(a.def.version).toBe(2);
    expect(placeUnknown).toBe(false);
    expect(groups.map((g) => g.id)).toEqual(['career']);
    const career = groups[0]!;
    expect(career.widened).toBe(false);
    expect(career.hits).toHaveLength(5);
    const found = career.hits.map((h) => trapName(h.hit.id));
    for (const trap of TRAPS) expect(found, trap).not.toContain(trap);

    for (const { hit, reasons } of career.hits) {
      const keys = reasons.map((r) => r.key);
      expect(hit.run.priceCents).toBe(0);
      expect(keys).toContain('reasons.free');
      expect(keys).not.toContain('reasons.budget');
      expect(keys).toContain('reasons.time.evening');
      expect(hit.run.weekend).toBe(false);
      expect(hit.run.distanceKm!).toBeLessThanOrEqual(5);
    }
    // Variety: at most two per provider while others fit.
    const perProvider = new Map<number, number>();
    for (const { hit } of career.hits)
      perProvider.set(hit.provider.id, (perProvider.get(hit.provider.id) ?? 0) + 1);
    expect(perProvider.size).toBeGreaterThanOrEqual(2);
    for (const n of perProvider.values()) expect(n).toBeLessThanOrEqual(2);
    expect([...perProvider.keys()].sort()).toEqual(
      [providers['sprachschule-eins'], providers['vhs-zwei'], providers['kolleg-vier']].sort(),
    );

    // The reasons claim only what is known.
    const reasonsOf = (key: string) =>
      career.hits.find((h) => h.hit.id === ids[key])!.reasons.map((r) => r.key);
    expect(reasonsOf('fourUnknown')).toContain('reasons.requirementsUnknown');
    expect(reasonsOf('fourUnknown')).not.toContain('reasons.noRequirements');
    expect(reasonsOf('twoSchool')).toContain('reasons.requirementsMet');
    expect(reasonsOf('twoFree')).toContain('reasons.noRequirements');

    // Job-related German starts below B1 (DeuFöV § 13): the A2 learner gets the hint.
    expect(a.result!.hints).toEqual(expect.arrayContaining(['integration_course', 'job_german_special']));
  });

  it('with a Bildungsgutschein situation: the AZAV course comes in, with who pays; without AZAV it does not', async () => {
    const pages = PERSONA_PAGES.map(([page, values]): [string, Record<string, string | string[]>] =>
      page === 'situation' ? [page, { ...values, employment: 'unemployed_registered' }] : [page, values],
    );
    const { groups } = await assess(pages);
    const hits = groups[0]!.hits;
    const azav = hits.find((h) => h.hit.id === ids.azav);
    expect(azav?.reasons.map((r) => r.key)).toContain('reasons.payer.bildungsgutschein');
    expect(hits.map((h) => h.hit.id)).not.toContain(ids.gutscheinNoAzav);
    expect(hits.map((h) => h.hit.id)).not.toContain(ids.meister);
  });

  it('puts the chosen occupational field first and says so', async () => {
    const pages = PERSONA_PAGES.map(([page, values]): [string, Record<string, string | string[]>] =>
      page === 'situation' ? [page, { ...values, occupation: 'office' }] : [page, values],
    );
    const { groups, a } = await assess(pages);
    const first = groups[0]!.hits[0]!;
    expect(first.hit.id).toBe(ids.one0);
    expect(first.reasons).toContainEqual({
      key: 'reasons.occupation',
      values: { question: 'occupation', field: 'office' },
    });
    expect(a.result!.hints).toContain('partial_qualification');
  });

  it('leaves out offers needing what was not answered, and says that answering would show them', async () => {
    const pages = PERSONA_PAGES.filter(([page]) => page !== 'situation');
    const { groups } = await assess(pages);
    const found = groups[0]!.hits.map((h) => h.hit.id);
    expect(found).not.toContain(ids.twoSchool);
    expect(found).not.toContain(ids.meister);
    expect(groups[0]!.unansweredExcluded).toBe(true);
  });

  it('an assessment started with version 1 keeps it, and its result follows the same rules', async () => {
    const token = generateToken();
    await insertAssessment(db.sql, {
      tokenHash: hashToken(token),
      version: 1,
      step: 'situation',
      userId: null,
    });
    const v1Pages = PERSONA_PAGES.map(([page, values]): [string, Record<string, string | string[]>] => {
      if (page !== 'situation') return [page, values];
      const { work_experience: _w, ...rest } = values as Answers;
      return [page, rest as Record<string, string>];
    });
    for (const [page, values] of v1Pages)
      expect(await submitPage(await openAssessment(token), page, form(values), 'next')).toMatchObject({
        ok: true,
      });
    expect(await finishAssessment(await openAssessment(token))).toEqual({ ok: true });
    const a = await openAssessment(token);
    expect(a.def.version).toBe(1);
    expect(a.result!.version).toBe(1);
    const { groups } = await recommend(a.result!);
    const found = groups[0]!.hits.map((h) => trapName(h.hit.id));
    for (const trap of TRAPS) expect(found, trap).not.toContain(trap);
  });
});
