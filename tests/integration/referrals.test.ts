import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startJobs, stopJobs } from '../../app/jobs/boss.server';
import { requireCase } from '../../app/modules/cases/access.server';
import { eraseCase, recordHealthConsent } from '../../app/modules/cases/cases.server';
import { agree, withdrawOnLink } from '../../app/modules/cases/person.server';
import {
  activate,
  propose,
  saveAssessment,
  saveDraftFacts,
  saveMeasure,
  startVersion,
} from '../../app/modules/cases/plans.server';
import { assessmentSchema, measureSchema } from '../../app/modules/cases/schemas';
import { consentToReferral, personReferrals } from '../../app/modules/referrals/person.server';
import {
  inbox,
  prepare,
  recordConsentAndSend,
  remindOverdueReferrals,
} from '../../app/modules/referrals/referrals.server';
import {
  action as keysAction,
  loader as keysLoader,
} from '../../app/routes/anbieterbereich.schluessel/route';
import { loader as inboxLoader } from '../../app/routes/anbieterbereich.vermittlungen._index/route';
import {
  action as detailAction,
  loader as detailLoader,
} from '../../app/routes/anbieterbereich.vermittlungen.$id/route';
import { loader as apiList } from '../../app/routes/api.v1.provider.referrals._index/route';
import { action as apiStatus } from '../../app/routes/api.v1.provider.referrals.$id.status/route';
import {
  action as counsellorAction,
  loader as counsellorLoader,
} from '../../app/routes/team.faelle.$id.vermittlung._index/route';
import { action as openAction } from '../../app/routes/team.faelle.neu/route';
import { resetEnvCache } from '../../app/utils/env.server';
import type { SessionUser } from '../../db/queries/sessions.server';
import { DEMO_ACCOUNTS, seedDemoAccounts } from '../../db/seed/accounts';
import { seedDemoData } from '../../db/seed/seed';
import { createTestDatabase, type TestDatabase } from '../setup/database';

/**
 * Referrals on a real PostgreSQL with the demo data and accounts: no referral without the
 * person's consent for that recipient (422, nothing reaches the provider), another
 * provider's referral is 404, the provider sees exactly the consented fields, withdrawal
 * empties them at once, one overdue reminder, gap rows and outcome rows without a person.
 */
let db: TestDatabase;
const users: Record<string, SessionUser & { id: number }> = {};
let providerA: number;
let providerB: number;

beforeAll(async () => {
  db = await createTestDatabase();
  delete process.env.FIXED_NOW;
  resetEnvCache();
  await seedDemoData(db.sql, { offers: 300 });
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
  const member = async (key: string) => {
    const [m] = await db.sql<{ provider_id: number }[]>`
      select provider_id from provider_members where user_id = ${users[key]!.id}`;
    return m!.provider_id;
  };
  providerA = await member('providerOwner');
  providerB = await member('otherProviderOwner');
  await startJobs(db.url, { work: false });
}, 180_000);

afterAll(async () => {
  await stopJobs();
  await db.drop();
});

afterEach(() => {
  delete process.env.FIXED_NOW;
  resetEnvCache();
});

function setNow(iso: string) {
  process.env.FIXED_NOW = iso;
  resetEnvCache();
}

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

async function openCase() {
  const result = await outcome(() =>
    openAction({
      request: post('/team/faelle/neu', {
        caseType: 'deutsch',
        origin: 'walk_in',
        name: 'Hana Beispiel',
        email: 'hana.referral@example.org',
        locale: 'ar',
        textLanguage: 'de',
        consent: 'on',
        consentHow: 'in_meeting',
        consentLanguage: 'ar',
      }),
      context: context('counsellor'),
      params: {},
    } as never),
  );
  expect(result.status).toBe(200);
  const opened = (result.body as { opened: { id: number; link: string } }).opened;
  return { id: opened.id, token: new URL(opened.link).pathname.split('/').at(-1)! };
}

const actor = (id: number, who = 'counsellor') =>
  requireCase(get(`/team/faelle/${id}`), context(who), String(id));

/** A case with plan version 1 in force and one measure (key m1). */
async function caseWithActivePlan() {
  const c = await openCase();
  const a = await actor(c.id);
  // Health data in the file (under its own consent): it must never reach a provider.
  await recordHealthConsent(a, { consentHow: 'in_meeting', consentLanguage: 'ar' });
  await saveAssessment(
    a,
    assessmentSchema.parse({
      reason: 'Möchte als Erzieherin arbeiten.',
      abilities: 'Erfahrung in der Kinderbetreuung',
      goal1: 'Deutsch B2',
      barriers: ['childcare', 'health'],
      healthNote: 'Rückenprobleme',
    }),
  );
  await startVersion(a);
  await saveMeasure(a, 1, measureSchema.parse({ goal: 'Deutschkurs B2', personDoes: 'Anmelden' }));
  await saveDraftFacts(a, 1, { reviewOn: '2030-01-15', textLanguage: 'de' });
  await propose(a, 1);
  await agree(c.token, 1);
  await activate(a, 1);
  return c;
}

async function measureKey(caseId: number) {
  const [m] = await db.sql<{ measure_key: string }[]>`
    select m.measure_key from case_measures m join case_plans p on p.id = m.plan_id where p.case_id = ${caseId}`;
  return m!.measure_key;
}

async function mailCount() {
  const [row] = await db.sql<{ n: number }[]>`select count(*)::int as n from pgboss.job where name = 'mail'`;
  return row!.n;
}

async function mailsTo(email: string) {
  return db.sql<{ template: string; text: string }[]>`
    select data->>'template' as template, data->>'text' as text from pgboss.job
    where name = 'mail' and data->>'to' = ${email} order by created_on, id`;
}

async function draftFor(caseId: number, providerId: number, categories: string[]) {
  return prepare(await actor(caseId), {
    measureKey: await measureKey(caseId),
    providerId,
    purpose: 'Platz im Deutschkurs B2 ab Januar',
    categories: categories as never,
    languageLevel: categories.includes('language_level') ? 'B1' : undefined,
  });
}

const providerLoader = (who: string, id: number) =>
  outcome(() =>
    detailLoader({
      request: get(`/anbieterbereich/vermittlungen/${id}`),
      params: { id: String(id) },
      context: context(who),
    } as never),
  );

describe('consent per recipient', () => {
  it('refuses to send without consent for provider A (422): A inbox and the mail outbox stay unchanged', async () => {
    const c = await caseWithActivePlan();
    const before = { inbox: (await inbox({ providerId: providerA })).length, mails: await mailCount() };
    const key = await measureKey(c.id);
    const prepared = await outcome(() =>
      counsellorAction({
        request: post(`/team/faelle/${c.id}/vermittlung`, {
          intent: 'prepare',
          measureKey: key,
          target: 'provider',
          providerId: String(providerA),
          purpose: 'Platz im Deutschkurs',
          categories: ['name_contact', 'measure_goal'],
        }),
        params: { id: String(c.id) },
        context: context('counsellor'),
      } as never),
    );
    expect(prepared.status).toBe(302);
    const [draft] = await db.sql<
      { id: number; state: string }[]
    >`select id, state from referrals where case_id = ${c.id}`;
    expect(draft!.state).toBe('draft');
    const sent = await outcome(() =>
      counsellorAction({
        request: post(`/team/faelle/${c.id}/vermittlung`, { intent: 'send', referral: String(draft!.id) }),
        params: { id: String(c.id) },
        context: context('counsellor'),
      } as never),
    );
    expect(sent.status).toBe(422);
    expect(JSON.stringify(sent.body)).toContain('referrals:errors.consent_missing');
    expect((await inbox({ providerId: providerA })).length).toBe(before.inbox);
    expect(await mailCount()).toBe(before.mails);
    // Not even the owner or editor of A can open the draft by id.
    expect((await providerLoader('providerOwner', draft!.id)).status).toBe(404);
    const [refusal] = await db.sql`
      select 1 from audit_log where action = 'referral.refused_without_consent' and target_id = ${String(draft!.id)}`;
    expect(refusal).toBeTruthy();
  });

  it('a consent for provider B does not cover provider A', async () => {
    const c = await caseWithActivePlan();
    const toB = await draftFor(c.id, providerB, ['name_contact']);
    await recordConsentAndSend(await actor(c.id), toB, {
      how: 'in_meeting',
      language: 'ar',
      validUntil: null,
    });
    const toA = await draftFor(c.id, providerA, ['name_contact']);
    const sent = await outcome(() =>
      counsellorAction({
        request: post(`/team/faelle/${c.id}/vermittlung`, { intent: 'send', referral: String(toA) }),
        params: { id: String(c.id) },
        context: context('counsellor'),
      } as never),
    );
    expect(sent.status).toBe(422);
  });

  it('an expired consent does not cover a referral', async () => {
    const c = await caseWithActivePlan();
    const first = await draftFor(c.id, providerA, ['measure_goal']);
    await recordConsentAndSend(await actor(c.id), first, {
      how: 'paper',
      language: 'de',
      validUntil: '2027-01-31',
    });
    setNow('2027-03-01T10:00:00Z');
    const second = await draftFor(c.id, providerA, ['measure_goal']);
    const sent = await outcome(() =>
      counsellorAction({
        request: post(`/team/faelle/${c.id}/vermittlung`, { intent: 'send', referral: String(second) }),
        params: { id: String(c.id) },
        context: context('counsellor'),
      } as never),
    );
    expect(sent.status).toBe(422);
  });

  it('with consent for A only, the owner and the editor of B get 404 on the referral', async () => {
    const c = await caseWithActivePlan();
    const id = await draftFor(c.id, providerA, ['name_contact', 'measure_goal']);
    await recordConsentAndSend(await actor(c.id), id, {
      how: 'in_meeting',
      language: 'ar',
      validUntil: null,
    });
    expect((await providerLoader('providerOwner', id)).status).toBe(200);
    expect((await providerLoader('providerEditor', id)).status).toBe(200);
    expect((await providerLoader('otherProviderOwner', id)).status).toBe(404);
    expect((await providerLoader('otherProviderEditor', id)).status).toBe(404);
    const moved = await outcome(() =>
      detailAction({
        request: post(`/anbieterbereich/vermittlungen/${id}`, { state: 'rejected', reason: 'course_full' }),
        params: { id: String(id) },
        context: context('otherProviderOwner'),
      } as never),
    );
    expect(moved.status).toBe(404);
    const inboxB = (
      await outcome(() =>
        inboxLoader({
          request: get('/anbieterbereich/vermittlungen'),
          params: {},
          context: context('otherProviderEditor'),
        } as never),
      )
    ).body as { referrals: { id: number }[] };
    expect(inboxB.referrals.map((r) => r.id)).not.toContain(id);
    // The counsellor, the person, a counsellor without need-to-know: the case page is theirs only.
    expect(
      (
        await outcome(() =>
          counsellorLoader({
            request: get(`/team/faelle/${c.id}/vermittlung`),
            params: { id: String(c.id) },
            context: context('counsellor3'),
          } as never),
        )
      ).status,
    ).toBe(404);
    expect(
      (
        await outcome(() =>
          counsellorLoader({
            request: get(`/team/faelle/${c.id}/vermittlung`),
            params: { id: String(c.id) },
            context: context('providerOwner'),
          } as never),
        )
      ).status,
    ).toBe(404);
  });
});

describe('the provider sees exactly the consented fields', () => {
  it('shows the consent categories and nothing else: no health, no whole file', async () => {
    const c = await caseWithActivePlan();
    for (const categories of [
      ['measure_goal'],
      ['name_contact', 'language_level'],
      ['baseline', 'measure_goal', 'name_contact'],
    ]) {
      const id = await draftFor(c.id, providerA, categories);
      // One standing consent per recipient: withdraw the last one before a wider one.
      const [standing] = await db.sql<{ id: number }[]>`
        select id from case_consents where case_id = ${c.id} and purpose = 'referral' and withdrawn_at is null`;
      if (standing) await withdrawOnLink(c.token, standing.id);
      await recordConsentAndSend(await actor(c.id), id, {
        how: 'in_meeting',
        language: 'ar',
        validUntil: null,
      });
      const [consent] = await db.sql<{ data_categories: string[] }[]>`
        select k.data_categories from case_consents k join referrals r on r.consent_id = k.id where r.id = ${id}`;
      const page = (await providerLoader('providerOwner', id)).body as {
        referral: { categories: string[]; shared: Record<string, unknown> };
      };
      expect([...page.referral.categories].sort()).toEqual([...consent!.data_categories].sort());
      const KEYS: Record<string, string> = {
        name_contact: 'nameContact',
        language_level: 'languageLevel',
        baseline: 'baseline',
        measure_goal: 'measureGoal',
      };
      expect(Object.keys(page.referral.shared).sort()).toEqual(
        consent!.data_categories.map((x) => KEYS[x]).sort(),
      );
      const text = JSON.stringify(page);
      expect(text).not.toContain('Rückenprobleme');
      expect(text).not.toContain('health');
      if (!categories.includes('name_contact')) {
        expect(text).not.toContain('Hana');
        expect(text).not.toContain('hana.referral@example.org');
      }
    }
  });
});

describe('states, withdrawal, the person', () => {
  it('the person consents on their link; accepted, started, completed are audited, mailed and seen by the person', async () => {
    const c = await caseWithActivePlan();
    const id = await draftFor(c.id, providerA, ['name_contact', 'measure_goal']);
    const owners = await db.sql<{ email: string }[]>`
      select u.email from provider_members m join users u on u.id = m.user_id
      where m.provider_id = ${providerA} and m.role = 'owner'`;
    const ownerMailsBefore = (await mailsTo(owners[0]!.email)).length;
    await consentToReferral(c.token, id, 'ar');
    expect((await mailsTo(owners[0]!.email)).length).toBe(ownerMailsBefore + 1);
    const [consent] = await db.sql<
      { given_how: string; recipient_provider_id: number; purpose_text: string }[]
    >`
      select given_how, recipient_provider_id, purpose_text from case_consents
      where case_id = ${c.id} and purpose = 'referral'`;
    expect(consent).toMatchObject({ given_how: 'own_link', recipient_provider_id: providerA });
    const move = (values: Record<string, string>) =>
      outcome(() =>
        detailAction({
          request: post(`/anbieterbereich/vermittlungen/${id}`, values),
          params: { id: String(id) },
          context: context('providerEditor'),
        } as never),
      );
    // Accepting needs the start date; skipping a state is refused.
    expect((await move({ state: 'accepted' })).status).toBe(400);
    expect((await move({ state: 'completed' })).status).toBe(409);
    expect((await move({ state: 'accepted', startOn: '2030-02-01' })).status).toBe(302);
    expect((await move({ state: 'started' })).status).toBe(302);
    expect((await move({ state: 'completed' })).status).toBe(302);
    const audits = await db.sql<{ detail: { to: string } }[]>`
      select detail from audit_log where action = 'referral.state_changed' and target_id = ${String(id)} order by id`;
    expect(audits.map((a) => a.detail.to)).toEqual(['accepted', 'started', 'completed']);
    const counsellorMails = (await mailsTo(DEMO_ACCOUNTS.counsellor.email)).filter(
      (m) => m.template === 'referrals:mail.stateChanged',
    );
    expect(counsellorMails.length).toBeGreaterThanOrEqual(3);
    expect(counsellorMails.some((m) => m.text.includes('Hana'))).toBe(false);
    const seen = await personReferrals(c.token, 'ar');
    expect(seen.referrals.find((r) => r.id === id)?.state).toBe('completed');
    expect(seen.referrals.find((r) => r.id === id)?.history.map((h) => h.state)).toEqual([
      'draft',
      'received',
      'accepted',
      'started',
      'completed',
    ]);
  });

  it('after withdrawal the provider sees "withdrawn" without name or contact, and the audit log has it', async () => {
    const c = await caseWithActivePlan();
    const id = await draftFor(c.id, providerA, ['name_contact', 'measure_goal']);
    await recordConsentAndSend(await actor(c.id), id, {
      how: 'in_meeting',
      language: 'ar',
      validUntil: null,
    });
    const before = (await providerLoader('providerOwner', id)).body as { referral: unknown };
    expect(JSON.stringify(before)).toContain('Hana Beispiel');
    const [consent] = await db.sql<{ id: number }[]>`
      select consent_id as id from referrals where id = ${id}`;
    await withdrawOnLink(c.token, consent!.id);
    const after = (await providerLoader('providerOwner', id)).body as {
      referral: { state: string; categories: string[]; shared: object; nextStates: string[] };
    };
    expect(after.referral.state).toBe('withdrawn');
    expect(after.referral.categories).toEqual([]);
    expect(after.referral.shared).toEqual({});
    expect(after.referral.nextStates).toEqual([]);
    expect(JSON.stringify(after)).not.toMatch(/Hana|hana\.referral/);
    const [row] = await db.sql<{ shared: unknown }[]>`select shared from referrals where id = ${id}`;
    expect(row!.shared).toBeNull();
    const audit = await db.sql<{ action: string }[]>`
      select action from audit_log where (action = 'referral.withdrawn' and target_id = ${String(id)})
        or (action = 'case.consent_withdrawn' and target_id = ${String(c.id)})`;
    expect(audit.map((a) => a.action).sort()).toEqual(['case.consent_withdrawn', 'referral.withdrawn']);
    // The history stays as proof: given and withdrawn, with their dates.
    const [proof] = await db.sql<{ given_at: Date; withdrawn_at: Date }[]>`
      select given_at, withdrawn_at from case_consents where id = ${consent!.id}`;
    expect(proof!.given_at).toBeTruthy();
    expect(proof!.withdrawn_at).toBeTruthy();
    // And it can't be moved any more.
    const moved = await outcome(() =>
      detailAction({
        request: post(`/anbieterbereich/vermittlungen/${id}`, { state: 'accepted', startOn: '2030-02-01' }),
        params: { id: String(id) },
        context: context('providerOwner'),
      } as never),
    );
    expect(moved.status).toBe(409);
  });
});

describe('overdue, gaps, evaluation', () => {
  it('the deadline is 5 working days, Land holidays respected', async () => {
    // Thursday 17 December + 5 working days: Fri 18, Mon 21, Tue 22, Wed 23, Thu 24.
    setNow('2026-12-17T09:00:00Z');
    const c = await caseWithActivePlan();
    const id = await draftFor(c.id, providerA, ['measure_goal']);
    await recordConsentAndSend(await actor(c.id), id, {
      how: 'in_meeting',
      language: 'ar',
      validUntil: null,
    });
    const [row] = await db.sql<{ due_on: string }[]>`select due_on::text from referrals where id = ${id}`;
    expect(row!.due_on).toBe('2026-12-24');
    setNow('2026-12-21T09:00:00Z');
    const id2 = await draftFor(c.id, providerA, ['measure_goal']);
    await outcome(() =>
      counsellorAction({
        request: post(`/team/faelle/${c.id}/vermittlung`, { intent: 'send', referral: String(id2) }),
        params: { id: String(c.id) },
        context: context('counsellor'),
      } as never),
    );
    const [row2] = await db.sql<{ due_on: string }[]>`select due_on::text from referrals where id = ${id2}`;
    // Mon 21 → Tue 22, Wed 23, Thu 24, (25, 26 holidays, 27 Sunday) Mon 28, Tue 29.
    expect(row2!.due_on).toBe('2026-12-29');
  });

  it('an overdue referral yields exactly one reminder (job run twice) and comes first', async () => {
    setNow('2026-11-02T09:00:00Z');
    const c = await caseWithActivePlan();
    const id = await draftFor(c.id, providerB, ['measure_goal']);
    await recordConsentAndSend(await actor(c.id), id, {
      how: 'in_meeting',
      language: 'ar',
      validUntil: null,
    });
    const owners = await db.sql<{ email: string }[]>`
      select u.email from provider_members m join users u on u.id = m.user_id
      where m.provider_id = ${providerB} and m.role = 'owner'`;
    const reminders = async () =>
      (await mailsTo(owners[0]!.email)).filter((m) => m.template === 'referrals:mail.overdue').length;
    const before = await reminders();
    setNow('2026-11-20T09:00:00Z');
    expect(await remindOverdueReferrals()).toBeGreaterThanOrEqual(1);
    expect(await remindOverdueReferrals()).toBe(0);
    expect(await reminders()).toBe(before + 1);
    const list = await inbox({ providerId: providerB });
    expect(list[0]!.overdue).toBe(true);
  });

  it('the gap report table has no case or person column', async () => {
    const columns = await db.sql<{ column_name: string }[]>`
      select column_name from information_schema.columns where table_name = 'offer_gaps'`;
    expect(columns.map((c) => c.column_name).sort()).toEqual([
      'category',
      'constraint_failed',
      'district',
      'id',
      'month',
    ]);
    const c = await caseWithActivePlan();
    const r = await outcome(() =>
      counsellorAction({
        request: post(`/team/faelle/${c.id}/vermittlung`, {
          intent: 'gap',
          category: 'deutsch_integration',
          district: 'Nord-Holland',
          constraint: 'childcare',
        }),
        params: { id: String(c.id) },
        context: context('counsellor'),
      } as never),
    );
    expect(r.status).toBe(302);
    const [gap] = await db.sql`select * from offer_gaps order by id desc limit 1`;
    expect(gap).toMatchObject({ category: 'deutsch_integration', constraint_failed: 'childcare' });
  });

  it('the outcome rows stay, anonymous, when the case is erased', async () => {
    const c = await caseWithActivePlan();
    const id = await draftFor(c.id, providerA, ['measure_goal']);
    await recordConsentAndSend(await actor(c.id), id, {
      how: 'in_meeting',
      language: 'ar',
      validUntil: null,
    });
    await detailAction({
      request: post(`/anbieterbereich/vermittlungen/${id}`, { state: 'rejected', reason: 'course_full' }),
      params: { id: String(id) },
      context: context('providerOwner'),
    } as never);
    const rejected = async () =>
      (
        await db.sql<{ n: number }[]>`
          select count(*)::int as n from referral_outcomes where outcome = 'rejected' and reason = 'course_full'`
      )[0]!.n;
    const before = await rejected();
    await db.sql.begin(async (tx) => {
      const [row] = await tx`select * from cases where id = ${c.id} for update`;
      await eraseCase(tx as never, row as never, 'inactive');
    });
    expect(await rejected()).toBe(before + 1);
    expect(await db.sql`select 1 from referrals where case_id = ${c.id}`).toHaveLength(0);
    const columns = await db.sql<{ column_name: string }[]>`
      select column_name from information_schema.columns where table_name = 'referral_outcomes'`;
    expect(columns.map((x) => x.column_name)).not.toContain('case_id');
    expect(columns.map((x) => x.column_name)).not.toContain('referral_id');
  });
});

describe('the provider API', () => {
  async function keyOf(who: string) {
    const r = await outcome(() =>
      keysAction({
        request: post('/anbieterbereich/schluessel', { label: `Kursverwaltung ${who}` }),
        params: {},
        context: context(who),
      } as never),
    );
    expect(r.status).toBe(200);
    return (r.body as { created: string }).created;
  }
  const list = (key: string) =>
    apiList({
      request: new Request('http://localhost/api/v1/provider/referrals', {
        headers: { Authorization: `Bearer ${key}` },
      }),
      params: {},
      context: { clientIp: '192.0.2.9' },
    } as never) as Promise<Response>;
  const status = (key: string, id: number, body: unknown) =>
    apiStatus({
      request: new Request(`http://localhost/api/v1/provider/referrals/${id}/status`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${key}`, 'Content-Type': 'application/json' },
        body: JSON.stringify(body),
      }),
      params: { id: String(id) },
      context: { clientIp: '192.0.2.9' },
    } as never) as Promise<Response>;

  it('only the owner creates keys; the key is stored hashed; a revoked key is refused', async () => {
    const byEditor = await outcome(() =>
      keysAction({
        request: post('/anbieterbereich/schluessel', { label: 'x' }),
        params: {},
        context: context('providerEditor'),
      } as never),
    );
    expect(byEditor.status).toBeGreaterThanOrEqual(400);
    const key = await keyOf('providerOwner');
    expect(key).toMatch(/^wwk_[a-z2-7]{32}$/);
    const stored = await db.sql`select 1 from provider_api_keys where key_hash = ${key} or prefix = ${key}`;
    expect(stored).toHaveLength(0);
    expect((await list(key)).status).toBe(200);
    const page = (await keysLoader({
      request: get('/anbieterbereich/schluessel'),
      params: {},
      context: context('providerEditor'),
    } as never)) as { keys: { id: number; label: string }[] };
    expect(JSON.stringify(page)).not.toContain(key);
    const id = page.keys.find((k) => k.label === 'Kursverwaltung providerOwner')!.id;
    await outcome(() =>
      keysAction({
        request: post('/anbieterbereich/schluessel', { intent: 'revoke', key: String(id) }),
        params: {},
        context: context('providerOwner'),
      } as never),
    );
    expect((await list(key)).status).toBe(401);
    expect((await list('wwk_aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa')).status).toBe(401);
    expect((await list('')).status).toBe(401);
  });

  it("same rules: B gets 404 on A's referral; withdrawn shows no name; status changes are audited", async () => {
    const keyA = await keyOf('providerOwner');
    const keyB = await keyOf('otherProviderOwner');
    const c = await caseWithActivePlan();
    const id = await draftFor(c.id, providerA, ['name_contact', 'measure_goal']);
    await recordConsentAndSend(await actor(c.id), id, {
      how: 'in_meeting',
      language: 'ar',
      validUntil: null,
    });
    const listed = (await (await list(keyA)).json()) as {
      referrals: { id: number; data: unknown; categories: string[] }[];
    };
    const mine = listed.referrals.find((r) => r.id === id)!;
    expect(mine.categories.sort()).toEqual(['measure_goal', 'name_contact']);
    expect(JSON.stringify(mine.data)).toContain('Hana Beispiel');
    const listedB = (await (await list(keyB)).json()) as { referrals: { id: number }[] };
    expect(listedB.referrals.map((r) => r.id)).not.toContain(id);
    expect((await status(keyB, id, { state: 'accepted', startOn: '2030-02-01' })).status).toBe(404);
    expect((await status(keyA, id, { state: 'accepted' })).status).toBe(400);
    expect((await status(keyA, id, { state: 'completed' })).status).toBe(409);
    const ok = await status(keyA, id, { state: 'accepted', startOn: '2030-02-01' });
    expect(ok.status).toBe(200);
    const [audit] = await db.sql<{ detail: { via: string } }[]>`
      select detail from audit_log where action = 'referral.state_changed' and target_id = ${String(id)}`;
    expect(audit!.detail.via).toBe('api');
    const [consent] = await db.sql<{ id: number }[]>`select consent_id as id from referrals where id = ${id}`;
    await withdrawOnLink(c.token, consent!.id);
    const after = (await (await list(keyA)).json()) as { referrals: { id: number; state: string }[] };
    const withdrawn = after.referrals.find((r) => r.id === id)!;
    expect(withdrawn.state).toBe('withdrawn');
    expect(JSON.stringify(withdrawn)).not.toMatch(/Hana|hana\.referral/);
    expect((await status(keyA, id, { state: 'started' })).status).toBe(409);
  });
});

describe('neutrality', () => {
  it('a referral to the provider the counsellor is affiliated with needs a written reason, which is audited', async () => {
    await db.sql`update counsellors set affiliated_provider_id = ${providerA} where user_id = ${users.counsellor!.id}`;
    try {
      const c = await caseWithActivePlan();
      const key = await measureKey(c.id);
      const request = (extra: Record<string, string>) =>
        outcome(() =>
          counsellorAction({
            request: post(`/team/faelle/${c.id}/vermittlung`, {
              intent: 'prepare',
              measureKey: key,
              target: 'provider',
              providerId: String(providerA),
              purpose: 'Platz im Deutschkurs',
              categories: ['measure_goal'],
              ...extra,
            }),
            params: { id: String(c.id) },
            context: context('counsellor'),
          } as never),
        );
      const refused = await request({});
      expect(refused.status).toBe(422);
      expect(JSON.stringify(refused.body)).toContain('affiliation_reason_missing');
      const reason = 'Einziger Anbieter mit Kinderbetreuung im Stadtteil';
      expect((await request({ affiliationReason: reason })).status).toBe(302);
      const [row] = await db.sql<{ detail: { reason: string } }[]>`
        select detail from audit_log where action = 'referral.affiliation_reason' order by id desc limit 1`;
      expect(row!.detail.reason).toBe(reason);
      // Another provider needs no reason.
      expect((await request({ providerId: String(providerB) })).status).toBe(302);
    } finally {
      await db.sql`update counsellors set affiliated_provider_id = null where user_id = ${users.counsellor!.id}`;
    }
  });
});

describe('demo data', () => {
  it('seeds referrals in every state for anbieter@ and anbieter2@', async () => {
    for (const provider of [providerA, providerB]) {
      const rows = await db.sql<{ state: string; withdrawn: boolean; overdue: boolean }[]>`
        select state, withdrawn_at is not null as withdrawn, (state = 'received' and due_on < current_date) as overdue
        from referrals where provider_id = ${provider} and created_by = ${users.counsellor!.id}`;
      const states = new Set(rows.map((r) => (r.withdrawn ? 'withdrawn' : r.overdue ? 'overdue' : r.state)));
      for (const s of [
        'draft',
        'received',
        'overdue',
        'accepted',
        'rejected',
        'started',
        'completed',
        'dropped_out',
        'withdrawn',
      ])
        expect(states, `${provider}: ${s}`).toContain(s);
    }
  });
});
