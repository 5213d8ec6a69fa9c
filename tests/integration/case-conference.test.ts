import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startJobs, stopJobs } from '../../app/jobs/boss.server';
import { requireCase } from '../../app/modules/cases/access.server';
import { recordHealthConsent } from '../../app/modules/cases/cases.server';
import { agree } from '../../app/modules/cases/person.server';
import {
  activate,
  propose,
  saveAssessment,
  saveDraftFacts,
  saveMeasure,
  startVersion,
} from '../../app/modules/cases/plans.server';
import { assessmentSchema, measureSchema } from '../../app/modules/cases/schemas';
import { prepare, recordConsentAndSend } from '../../app/modules/referrals/referrals.server';
import { loader as personLoader } from '../../app/routes/fall.$token._index/route';
import {
  action as conferenceAction,
  loader as conferenceLoader,
} from '../../app/routes/team.faelle.$id.konferenz/route';
import { action as openAction } from '../../app/routes/team.faelle.neu/route';
import { resetEnvCache } from '../../app/utils/env.server';
import type { SessionUser } from '../../db/queries/sessions.server';
import { DEMO_ACCOUNTS, seedDemoAccounts } from '../../db/seed/accounts';
import { seedDemoData } from '../../db/seed/seed';
import { createTestDatabase, type TestDatabase } from '../setup/database';

/**
 * The case conference (issue 17, item 8) on a real PostgreSQL: the stored and shown
 * summary holds none of the person's name, e-mail, phone, birth date or address, and no
 * free text of the file the counsellor has not reviewed in the form; the person's page
 * shows the day; another counsellor gets 404.
 */
let db: TestDatabase;
const users: Record<string, SessionUser & { id: number }> = {};
let providerA: number;

// What identifies the person: in the case itself and in the file's free texts.
const NAME = 'Hana Beispielfrau';
const EMAIL = 'hana.konferenz@example.org';
const PHONE = '+49 171 5550123';
const BIRTH = '03.04.1990';
const ADDRESS = 'Lindenstraße 12';

beforeAll(async () => {
  db = await createTestDatabase();
  delete process.env.FIXED_NOW;
  resetEnvCache();
  await seedDemoData(db.sql, { offers: 50 });
  await seedDemoAccounts(db.sql);
  for (const [key, account] of Object.entries(DEMO_ACCOUNTS)) {
    const [row] = await db.sql<{ id: number; role: SessionUser['role'] }[]>`
      select id, role from users where email = ${account.email}`;
    users[key] = {
      id: row!.id,
      email: account.email,
      displayName: account.name,
      role: row!.role,
      status: 'active',
      locale: 'de',
      totpEnabled: 'totp' in account,
    };
  }
  const [m] = await db.sql<{ provider_id: number }[]>`
    select provider_id from provider_members where user_id = ${users.providerOwner!.id}`;
  providerA = m!.provider_id;
  await startJobs(db.url, { work: false });
}, 180_000);

afterAll(async () => {
  await stopJobs();
  await db.drop();
});

function context(who: string) {
  return {
    auth: { user: users[who]!, session: { id: `s-${who}`, twoFactorVerified: true } },
    clientIp: '192.0.2.1',
  } as never;
}

function form(values: Record<string, string | string[]>) {
  const body = new URLSearchParams();
  for (const [k, v] of Object.entries(values)) for (const x of Array.isArray(v) ? v : [v]) body.append(k, x);
  return body;
}

const get = (path: string) => new Request(`http://localhost${path}`);
const post = (path: string, values: Record<string, string | string[]>) =>
  new Request(`http://localhost${path}`, { method: 'POST', body: form(values) });

async function outcome(run: () => Promise<unknown>): Promise<{ status: number; body: unknown }> {
  try {
    const value = await run();
    if (value instanceof Response) return { status: value.status, body: value };
    const init = value as { init?: { status?: number }; data?: unknown; type?: string };
    if (init && init.type === 'DataWithResponseInit')
      return { status: init.init?.status ?? 200, body: init.data };
    return { status: 200, body: value };
  } catch (thrown) {
    if (thrown instanceof Response) return { status: thrown.status, body: thrown };
    throw thrown;
  }
}

const actor = (id: number, who = 'counsellor') =>
  requireCase(get(`/team/faelle/${id}`), context(who), String(id));

/** A case of a person with name, e-mail and phone, whose file's free texts name her birth date and address. */
async function identifiableCase() {
  const opened = await outcome(() =>
    openAction({
      request: post('/team/faelle/neu', {
        caseType: 'deutsch',
        origin: 'walk_in',
        name: NAME,
        email: EMAIL,
        phone: PHONE,
        locale: 'uk',
        textLanguage: 'de',
        consent: 'on',
        consentHow: 'in_meeting',
        consentLanguage: 'uk',
      }),
      context: context('counsellor'),
      params: {},
    } as never),
  );
  expect(opened.status).toBe(200);
  const o = (opened.body as { opened: { id: number; link: string } }).opened;
  const c = { id: o.id, token: new URL(o.link).pathname.split('/').at(-1)! };
  const a = await actor(c.id);
  await recordHealthConsent(a, { consentHow: 'in_meeting', consentLanguage: 'uk' });
  await saveAssessment(
    a,
    assessmentSchema.parse({
      reason: `Geboren am ${BIRTH}, wohnt in der ${ADDRESS}; möchte als Erzieherin arbeiten.`,
      abilities: 'Erfahrung in der Kinderbetreuung',
      goal1: 'Deutsch B2',
      barriers: ['childcare', 'health'],
      healthNote: 'Rückenprobleme',
    }),
  );
  await startVersion(a);
  await saveMeasure(
    a,
    1,
    measureSchema.parse({ goal: `Deutschkurs B2 nahe ${ADDRESS} für ${NAME}`, personDoes: 'Anmelden' }),
  );
  await saveDraftFacts(a, 1, { reviewOn: '2030-01-15', textLanguage: 'de' });
  await propose(a, 1);
  await agree(c.token, 1);
  await activate(a, 1);
  // One referral sent under consent: its state belongs in the summary.
  const [m] = await db.sql<{ measure_key: string }[]>`
    select m.measure_key from case_measures m join case_plans p on p.id = m.plan_id where p.case_id = ${c.id}`;
  const referral = await prepare(await actor(c.id), {
    measureKey: m!.measure_key,
    providerId: providerA,
    purpose: `Platz für ${NAME}`,
    categories: ['name_contact', 'measure_goal'] as never,
  });
  await recordConsentAndSend(await actor(c.id), referral, {
    how: 'in_meeting',
    language: 'uk',
    validUntil: null,
  });
  return c;
}

const conferencePost = (id: number, values: Record<string, string | string[]>, who = 'counsellor') =>
  outcome(() =>
    conferenceAction({
      request: post(`/team/faelle/${id}/konferenz`, { intent: 'conference', ...values }),
      context: context(who),
      params: { id: String(id) },
    } as never),
  );

const conferencesOf = (id: number) =>
  db.sql<{ held_on: string; summary: unknown }[]>`
    select held_on::text, summary from case_conferences where case_id = ${id} order by id`;

function expectNothingIdentifying(text: string) {
  for (const secret of [
    NAME,
    'Beispielfrau',
    EMAIL,
    PHONE,
    '5550123',
    BIRTH,
    '1990',
    ADDRESS,
    'Lindenstraße',
  ])
    expect(text, secret).not.toContain(secret);
  // Unreviewed free text of the file and health data (Art. 9) stay out too.
  for (const unreviewed of ['Erzieherin', 'Kinderbetreuung', 'Rückenprobleme', 'Platz für'])
    expect(text, unreviewed).not.toContain(unreviewed);
}

describe('case conference', () => {
  it('stores and shows a summary without name, e-mail, phone, birth date, address or unreviewed text; audited', async () => {
    const c = await identifiableCase();
    const saved = await conferencePost(c.id, {
      heldOn: '2026-12-01',
      ageBand: '35_44',
      situation: 'Sucht einen Kurs am Vormittag, Kinderbetreuung ab 8 Uhr.'.replace(
        'Kinderbetreuung',
        'Kita',
      ),
      // The measure's goal as the counsellor edited it: the address and name removed.
      measures: ['Deutschkurs B2'],
      reviewed: 'on',
    });
    expect(saved.status).toBe(302);

    const [row] = await conferencesOf(c.id);
    expect(row!.held_on).toBe('2026-12-01');
    const stored = JSON.stringify(row!.summary);
    expectNothingIdentifying(stored);
    expect(row!.summary).toMatchObject({
      caseType: 'deutsch',
      ageBand: '35_44',
      barriers: ['childcare'],
      situation: 'Sucht einen Kurs am Vormittag, Kita ab 8 Uhr.',
      measures: ['Deutschkurs B2'],
      referrals: [{ state: 'received' }],
    });

    // What the page renders from: the stored summaries (and the codes of the file).
    const page = await outcome(() =>
      conferenceLoader({
        request: get(`/team/faelle/${c.id}/konferenz`),
        context: context('counsellor'),
        params: { id: String(c.id) },
      } as never),
    );
    expect(page.status).toBe(200);
    const shown = page.body as { conferences: unknown[]; facts: unknown; measureGoals: string[] };
    expect(shown.conferences).toHaveLength(1);
    expectNothingIdentifying(JSON.stringify({ conferences: shown.conferences, facts: shown.facts }));
    // The plan's goal is offered for review in the form, and only there.
    expect(shown.measureGoals[0]).toContain(ADDRESS);

    const [audited] = await db.sql<{ detail: Record<string, unknown> }[]>`
      select detail from audit_log where action = 'case.conference_held' and target_id = ${c.id}`;
    expect(audited!.detail).toMatchObject({ heldOn: '2026-12-01', role: 'responsible' });
    expectNothingIdentifying(JSON.stringify(audited!.detail));
  });

  it('takes no free text the counsellor did not send back reviewed: without the confirmation nothing is stored', async () => {
    const c = await identifiableCase();
    const unconfirmed = await conferencePost(c.id, { heldOn: '2026-12-02', situation: 'Kurs gesucht' });
    expect(unconfirmed.status).toBe(400);
    expect(await conferencesOf(c.id)).toHaveLength(0);

    // Confirmed, but the measures left out of the form: the plan's goals are not filled in.
    const bare = await conferencePost(c.id, { heldOn: '2026-12-02', reviewed: 'on' });
    expect(bare.status).toBe(302);
    const [row] = await conferencesOf(c.id);
    expect(row!.summary).toMatchObject({ measures: [], situation: null, ageBand: null });
    expectNothingIdentifying(JSON.stringify(row!.summary));
    expect(JSON.stringify(row!.summary)).not.toContain('Deutschkurs');
  });

  it("shows the day on the person's page, and another counsellor gets 404", async () => {
    const c = await identifiableCase();
    expect((await conferencePost(c.id, { heldOn: '2026-11-30', reviewed: 'on' })).status).toBe(302);
    const person = await outcome(() =>
      personLoader({
        request: get(`/fall/${c.token}`),
        params: { token: c.token },
        context: {},
      } as never),
    );
    expect(person.status).toBe(200);
    expect((person.body as { conferenceDays: string[] }).conferenceDays).toEqual(['2026-11-30']);

    const read = await outcome(() =>
      conferenceLoader({
        request: get(`/team/faelle/${c.id}/konferenz`),
        context: context('counsellorNoTotp'),
        params: { id: String(c.id) },
      } as never),
    );
    expect(read.status).toBe(404);
    const write = await conferencePost(c.id, { heldOn: '2026-12-03', reviewed: 'on' }, 'counsellorNoTotp');
    expect(write.status).toBe(404);
    expect(await conferencesOf(c.id)).toHaveLength(1);
  });
});
