import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startJobs, stopJobs } from '../../app/jobs/boss.server';
import { deleteMyAccount, exportMyData } from '../../app/modules/accounts/accounts.server';
import { requireCase } from '../../app/modules/cases/access.server';
import { addStep, eraseCase, reassignAll, setStepDone } from '../../app/modules/cases/cases.server';
import { recordShortCounselling } from '../../app/modules/cases/contacts.server';
import {
  deleteExpiredNotes,
  eraseExpiredCases,
  remindOverdueReviews,
} from '../../app/modules/cases/jobs.server';
import { agree, caseOfToken, personExport, personView } from '../../app/modules/cases/person.server';
import {
  activate,
  propose,
  recordAgreement,
  saveAssessment,
  saveDraftFacts,
  saveMeasure,
  startVersion,
} from '../../app/modules/cases/plans.server';
import { assessmentSchema, measureSchema } from '../../app/modules/cases/schemas';
import { loader as caseListLoader } from '../../app/routes/team.faelle._index/route';
import {
  action as overviewAction,
  loader as overviewLoader,
} from '../../app/routes/team.faelle.$id._index/route';
import {
  action as closeAction,
  loader as closeLoader,
} from '../../app/routes/team.faelle.$id.abschluss/route';
import { action as printAction, loader as printLoader } from '../../app/routes/team.faelle.$id.drucken/route';
import {
  action as assessmentAction,
  loader as assessmentLoader,
} from '../../app/routes/team.faelle.$id.einschaetzung/route';
import { loader as exportLoader } from '../../app/routes/team.faelle.$id.export[.json]/route';
import {
  action as planAction,
  loader as planLoader,
} from '../../app/routes/team.faelle.$id.plan._index/route';
import { loader as versionLoader } from '../../app/routes/team.faelle.$id.plan.$version/route';
import {
  action as handoverAction,
  loader as handoverLoader,
} from '../../app/routes/team.faelle.$id.uebergabe/route';
import {
  action as reviewAction,
  loader as reviewLoader,
} from '../../app/routes/team.faelle.$id.ueberpruefung/route';
import { action as openAction } from '../../app/routes/team.faelle.neu/route';
import { resetEnvCache } from '../../app/utils/env.server';
import type { SessionUser } from '../../db/queries/sessions.server';
import { DEMO_ACCOUNTS, seedDemoAccounts } from '../../db/seed/accounts';
import { seedDemoData } from '../../db/seed/seed';
import { createTestDatabase, type TestDatabase } from '../setup/database';

/**
 * Case work on a real PostgreSQL with the demo data and accounts: need-to-know (404 and
 * an audit row for everyone else), short counselling without a trace of the person,
 * consent before a case exists, plan versions that stay as they were, audited reads the
 * person sees, retention of notes and files, and the anonymous rows that outlive them.
 */
let db: TestDatabase;
const users: Record<string, SessionUser & { id: number }> = {};

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

function context(who: keyof typeof users) {
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

function get(path: string) {
  return new Request(`http://localhost${path}`);
}

function post(path: string, values: Record<string, string | string[]>) {
  return new Request(`http://localhost${path}`, { method: 'POST', body: form(values) });
}

/** What a loader or action answered: its data, or the Response it threw. */
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

/** A held appointment of the demo counsellor (beratung@), as booking would leave it. */
async function heldAppointment(): Promise<number> {
  const [c] = await db.sql<
    { id: number }[]
  >`select id from counsellors where user_id = ${users.counsellor!.id}`;
  const [topic] = await db.sql<{ id: number }[]>`select id from counselling_topics order by id limit 1`;
  const [row] = await db.sql<{ id: number }[]>`
    with t as (select now() - interval '1 day' - (random() * interval '300 days') as s)
    insert into appointments (counsellor_id, topic_id, channel, period, blocked, status, language, locale, name, email, manage_token_hash)
    select ${c!.id}, ${topic!.id}, 'phone', tstzrange(t.s, t.s + interval '45 minutes'), tstzrange(t.s, t.s + interval '60 minutes'),
      'held', 'ar', 'ar', 'Amina Beispiel', ${`amina${Math.random().toString(36).slice(2, 8)}@example.org`},
      ${Math.random().toString(16).slice(2).padEnd(64, '0').slice(0, 64)}
    from t
    returning id`;
  return row!.id;
}

const CONSENT = { consent: 'on', consentHow: 'in_meeting', consentLanguage: 'ar' };

/** Opens a case through the page's action, as the counsellor's browser does. */
async function openCaseFor(who = 'counsellor', extra: Record<string, string> = {}) {
  const result = await outcome(() =>
    openAction({
      request: post('/team/faelle/neu', {
        caseType: 'deutsch',
        origin: 'walk_in',
        name: 'Hana Beispiel',
        locale: 'ar',
        textLanguage: 'de',
        ...CONSENT,
        ...extra,
      }),
      context: context(who),
      params: {},
    } as never),
  );
  expect(result.status).toBe(200);
  const opened = (result.body as { opened: { id: number; link: string } }).opened;
  const token = new URL(opened.link).pathname.split('/').at(-1)!;
  return { id: opened.id, token };
}

async function actor(id: number, who = 'counsellor') {
  return requireCase(get(`/team/faelle/${id}`), context(who), String(id));
}

const assessment = assessmentSchema.parse({
  reason: 'Möchte als Erzieherin arbeiten.',
  goal1: 'Deutsch B2',
  goal2: 'Anerkennung als Erzieherin',
  barriers: ['childcare'],
});

/** A case with an assessment and plan version 1 in force. */
async function caseWithActivePlan() {
  const c = await openCaseFor();
  const a = await actor(c.id);
  await saveAssessment(a, assessment);
  await startVersion(a);
  await saveMeasure(a, 1, measureSchema.parse({ goal: 'Deutschkurs B2', personDoes: 'Anmelden' }));
  await saveDraftFacts(a, 1, { reviewOn: '2030-01-15', textLanguage: 'de' });
  await propose(a, 1);
  await agree(c.token, 1);
  await activate(a, 1);
  return c;
}

type Call = (ctx: never) => Promise<unknown>;

/** Every page and action of one case, each as a function of the request context. */
function caseRoutes(id: number): [string, Call][] {
  const params = { id: String(id) };
  const at = (path: string) => `/team/faelle/${id}${path}`;
  return [
    ['overview', (context) => overviewLoader({ request: get(at('')), params, context } as never)],
    [
      'assessment',
      (context) => assessmentLoader({ request: get(at('/einschaetzung')), params, context } as never),
    ],
    ['plan', (context) => planLoader({ request: get(at('/plan')), params, context } as never)],
    [
      'version',
      (context) =>
        versionLoader({ request: get(at('/plan/1')), params: { ...params, version: '1' }, context } as never),
    ],
    ['review', (context) => reviewLoader({ request: get(at('/ueberpruefung')), params, context } as never)],
    ['close', (context) => closeLoader({ request: get(at('/abschluss')), params, context } as never)],
    ['handover', (context) => handoverLoader({ request: get(at('/uebergabe')), params, context } as never)],
    ['print', (context) => printLoader({ request: get(at('/drucken')), params, context } as never)],
    ['export', (context) => exportLoader({ request: get(at('/export.json')), params, context } as never)],
    [
      'overview action',
      (context) =>
        overviewAction({
          request: post(at(''), { intent: 'note-add', body: 'x' }),
          params,
          context,
        } as never),
    ],
    [
      'assessment action',
      (context) =>
        assessmentAction({
          request: post(at('/einschaetzung'), { reason: 'x', goal1: 'y' }),
          params,
          context,
        } as never),
    ],
    [
      'plan action',
      (context) => planAction({ request: post(at('/plan'), { intent: 'start' }), params, context } as never),
    ],
    [
      'review action',
      (context) =>
        reviewAction({
          request: post(at('/ueberpruefung'), { heldOn: '2030-01-01', summary: 'x' }),
          params,
          context,
        } as never),
    ],
    [
      'close action',
      (context) =>
        closeAction({ request: post(at('/abschluss'), { reason: 'other' }), params, context } as never),
    ],
    [
      'handover action',
      (context) =>
        handoverAction({
          request: post(at('/uebergabe'), {
            intent: 'handover',
            to: String(users.counsellor3!.id),
            reason: 'Urlaub',
          }),
          params,
          context,
        } as never),
    ],
    [
      'print action',
      (context) =>
        printAction({ request: post(at('/drucken'), { intent: 'renew-link' }), params, context } as never),
    ],
  ];
}

async function deniedCount(caseId: number, userId: number) {
  const [row] = await db.sql<{ n: number }[]>`
    select count(*)::int as n from audit_log
    where action = 'case.denied' and outcome = 'denied' and target_id = ${String(caseId)} and actor_user_id = ${userId}`;
  return row!.n;
}

describe('need-to-know', () => {
  it('another counsellor, an admin and a provider owner get the 404 of an unknown id on every page and action, each refusal audited', async () => {
    const c = await caseWithActivePlan();
    const before = await db.sql`select * from cases where id = ${c.id}`;
    const unknown = await outcome(() => caseRoutes(999_999_999)[0]![1](context('counsellor')));
    expect(unknown.status).toBe(404);
    const unknownText = await (unknown.body as Response).text();
    for (const who of ['counsellor3', 'admin', 'providerOwner', 'providerEditor', 'citizen'] as const) {
      const denied = await deniedCount(c.id, users[who]!.id);
      for (const [name, run] of caseRoutes(c.id)) {
        const result = await outcome(() => run(context(who)));
        expect(result.status, `${who}: ${name}`).toBe(404);
        expect(await (result.body as Response).text(), `${who}: ${name}`).toBe(unknownText);
      }
      expect(await deniedCount(c.id, users[who]!.id)).toBe(denied + caseRoutes(c.id).length);
    }
    // Nothing was changed by the refused actions, and nobody else read anything.
    expect(await db.sql`select * from cases where id = ${c.id}`).toEqual(before);
    const [reads] = await db.sql<{ n: number }[]>`
      select count(*)::int as n from audit_log where action = 'case.read' and target_id = ${String(c.id)}
        and actor_user_id <> ${users.counsellor!.id}`;
    expect(reads!.n).toBe(0);
  });

  it('the named deputy reads; a hand-over needs a reason, ends the old counsellor’s access at once and tells the person', async () => {
    const c = await openCaseFor('counsellor', { email: 'hana@example.org' });
    const handover = caseRoutes(c.id).find(([n]) => n === 'handover action')![1];
    const setDeputy = (id: string) =>
      handoverAction({
        request: post(`/team/faelle/${c.id}/uebergabe`, { intent: 'deputy', deputy: id }),
        params: { id: String(c.id) },
        context: context('counsellor'),
      } as never);
    expect((await outcome(() => setDeputy(String(users.counsellor3!.id)))).status).toBe(302);
    expect((await outcome(() => caseRoutes(c.id)[0]![1](context('counsellor3')))).status).toBe(200);
    // A deputy may read but not hand the case over.
    expect((await outcome(() => handover(context('counsellor3')))).status).toBe(409);
    expect((await outcome(() => setDeputy(''))).status).toBe(302);
    expect((await outcome(() => caseRoutes(c.id)[0]![1](context('counsellor3')))).status).toBe(404);
    // Without a reason: refused, nothing changes.
    const noReason = await outcome(() =>
      handoverAction({
        request: post(`/team/faelle/${c.id}/uebergabe`, {
          intent: 'handover',
          to: String(users.counsellor3!.id),
        }),
        params: { id: String(c.id) },
        context: context('counsellor'),
      } as never),
    );
    expect(noReason.status).toBe(400);
    expect((await outcome(() => handover(context('counsellor')))).status).toBe(302);
    expect((await outcome(() => caseRoutes(c.id)[0]![1](context('counsellor')))).status).toBe(404);
    expect((await outcome(() => caseRoutes(c.id)[0]![1](context('counsellor3')))).status).toBe(200);
    const mails = await db.sql`
      select 1 from pgboss.job where name = 'mail' and data->>'to' = 'hana@example.org'
        and data->>'template' = 'cases:mail.caseHandedOver'`;
    expect(mails).toHaveLength(1);
    expect((await personView(c.token)).file.handovers).toHaveLength(1);
  });

  it('an admin reassigns a leaving counsellor’s cases without reading any of them', async () => {
    const [leaving] = await db.sql<{ id: number }[]>`
      insert into users (email, display_name, role) values ('geht@example.org', 'Geht Bald', 'counsellor') returning id`;
    await db.sql`update counsellors set user_id = ${leaving!.id} where id = (select id from counsellors where user_id is null order by id limit 1)`;
    users.leaving = { ...users.counsellor!, id: leaving!.id, email: 'geht@example.org' };
    const c = await openCaseFor('leaving');
    const moved = await reassignAll(
      { ...users.admin!, sessionId: 's', membership: null },
      { from: leaving!.id, to: users.counsellor3!.id, reason: 'Hat gekündigt' },
      null,
    );
    expect(moved).toBe(1);
    expect((await outcome(() => caseRoutes(c.id)[0]![1](context('leaving')))).status).toBe(404);
    expect((await outcome(() => caseRoutes(c.id)[0]![1](context('counsellor3')))).status).toBe(200);
    const adminReads = await db.sql`
      select 1 from audit_log where actor_user_id = ${users.admin!.id} and action = 'case.read'`;
    expect(adminReads).toHaveLength(0);
    const [audit] = await db.sql`
      select detail from audit_log where action = 'case.reassigned' and target_id = ${String(c.id)}`;
    expect(audit!.detail).toMatchObject({ from: leaving!.id, to: users.counsellor3!.id });
  });

  it('the counsellor’s list holds only their own and deputised cases', async () => {
    const mine = await openCaseFor('counsellor');
    const theirs = await openCaseFor('counsellor3');
    const list = (await caseListLoader({
      request: get('/team/faelle'),
      params: {},
      context: context('counsellor'),
    } as never)) as {
      cases: { id: number }[];
    };
    const ids = list.cases.map((x) => x.id);
    expect(ids).toContain(mine.id);
    expect(ids).not.toContain(theirs.id);
  });
});

/** Every table that holds (or points at) a person, in full. */
async function personData() {
  const tables = [
    'users',
    'cases',
    'case_consents',
    'case_steps',
    'case_notes',
    'case_entries',
    'case_handovers',
    'case_assessments',
    'case_plans',
    'case_measures',
    'case_commitments',
    'case_progress',
    'case_reviews',
    'case_comments',
    'assessments',
    'consents',
  ];
  const out: Record<string, unknown> = {};
  for (const t of tables) out[t] = await db.sql.unsafe(`select * from ${t} order by 1`);
  // Appointments: everything but the follow-up marker the tally sets.
  out.appointments = await db.sql`
    select id, name, email, phone, message, locale, language, status, manage_token_hash from appointments order by id`;
  return JSON.stringify(out);
}

describe('short counselling', () => {
  it('a held appointment recorded as short counselling leaves no person data anywhere', async () => {
    const appointment = await heldAppointment();
    const { action: contactAction } = await import('../../app/routes/team.kontakt/route');
    const before = await personData();
    const [tallies] = await db.sql<{ n: number }[]>`select count(*)::int as n from counselling_tallies`;
    const record = () =>
      outcome(() =>
        contactAction({
          request: post(`/team/kontakt?termin=${appointment}`, {
            appointment: String(appointment),
            channel: 'phone',
            duration: '15_30',
            language: 'ar',
            outcome: 'self_assessment',
            ageBand: '25_34',
          }),
          params: {},
          context: context('counsellor'),
        } as never),
      );
    expect((await record()).status).toBe(302);
    expect(await personData()).toBe(before);
    const rows = await db.sql`select * from counselling_tallies order by id desc limit 1`;
    // Exactly these columns: nothing that could point back at the person, the appointment or the counsellor.
    expect(Object.keys(rows[0]!).sort()).toEqual(
      [
        'age_band',
        'by_appointment',
        'channel',
        'day',
        'district',
        'duration_band',
        'id',
        'language',
        'outcome',
        'topic_id',
      ].sort(),
    );
    expect(rows[0]).toMatchObject({
      channel: 'phone',
      by_appointment: true,
      outcome: 'self_assessment',
      age_band: '25_34',
    });
    const [after] = await db.sql<{ n: number }[]>`select count(*)::int as n from counselling_tallies`;
    expect(after!.n).toBe(tallies!.n + 1);
    const [marked] = await db.sql`select follow_up from appointments where id = ${appointment}`;
    expect(marked!.follow_up).toBe('short');
    // Once only.
    expect((await record()).status).toBe(409);
    // Another counsellor's appointment is not theirs to record.
    await expect(
      recordShortCounselling(
        { user: users.counsellor3 as never, counsellor: { id: -1 } as never },
        { appointment, channel: 'phone', duration: '15_30', language: 'ar', outcome: 'information' },
      ),
    ).rejects.toMatchObject({ code: 'not_found' });
  });
});

describe('opening a case', () => {
  it('is refused without the recorded consent (422, no row); with it, the consent is stored with its text version, language and how', async () => {
    const [before] = await db.sql<{ n: number }[]>`select count(*)::int as n from cases`;
    const refused = await outcome(() =>
      openAction({
        request: post('/team/faelle/neu', {
          caseType: 'deutsch',
          origin: 'walk_in',
          name: 'Ohne Einwilligung',
          locale: 'ar',
          textLanguage: 'de',
          consentHow: 'in_meeting',
          consentLanguage: 'ar',
        }),
        params: {},
        context: context('counsellor'),
      } as never),
    );
    expect(refused.status).toBe(422);
    expect(JSON.stringify(refused.body)).toContain('cases:errors.consentRequired');
    const [unchanged] = await db.sql<{ n: number }[]>`select count(*)::int as n from cases`;
    expect(unchanged!.n).toBe(before!.n);

    const c = await openCaseFor();
    const [consent] = await db.sql`select * from case_consents where case_id = ${c.id}`;
    expect(consent).toMatchObject({
      purpose: 'documentation',
      text_version: 'documentation-2026-11',
      text_language: 'ar',
      given_how: 'in_meeting',
      withdrawn_at: null,
    });
    // Only the link's hash is stored.
    const [row] = await db.sql`select * from cases where id = ${c.id}`;
    expect(JSON.stringify(row)).not.toContain(c.token);
    expect((await caseOfToken(c.token)).id).toBe(c.id);
  });

  it('the database itself refuses a case without a consent to documentation', async () => {
    await expect(
      db.sql.begin(
        (tx) => tx`
          insert into cases (case_type, responsible_user_id, person_name, token_hash, origin, opened_at, last_activity_at)
          values ('deutsch', ${users.counsellor!.id}, 'X', ${'f'.repeat(64)}, 'walk_in', now(), now())`,
      ),
    ).rejects.toThrow(/consent to documentation/);
  });

  it('from a held appointment of the counsellor’s own only, once; another counsellor’s is 404', async () => {
    const appointment = await heldAppointment();
    const open = (who: string) =>
      outcome(() =>
        openAction({
          request: post('/team/faelle/neu', {
            appointment: String(appointment),
            caseType: 'weiterbildung',
            name: 'Amina Beispiel',
            locale: 'ar',
            textLanguage: 'de',
            ...CONSENT,
          }),
          params: {},
          context: context(who),
        } as never),
      );
    expect((await open('counsellor3')).status).toBe(404);
    expect((await open('counsellor')).status).toBe(200);
    expect((await open('counsellor')).status).toBe(409);
    // The page shown again for this appointment (after opening) says so instead of failing.
    const { loader: openLoader } = await import('../../app/routes/team.faelle.neu/route');
    const page = await outcome(() =>
      openLoader({
        request: get(`/team/faelle/neu?termin=${appointment}`),
        params: {},
        context: context('counsellor'),
      } as never),
    );
    expect(page.status).toBe(200);
    expect(page.body).toMatchObject({ blocked: 'already_recorded', appointment });
    const [tally] = await db.sql`
      select outcome, by_appointment, duration_band from counselling_tallies order by id desc limit 1`;
    expect(tally).toMatchObject({ outcome: 'case_opened', by_appointment: true, duration_band: null });
  });
});

describe('plan versions', () => {
  it('version 2 leaves version 1 byte-identical and readable', async () => {
    const c = await caseWithActivePlan();
    const a = await actor(c.id);
    const [v1] = await db.sql<
      { id: number }[]
    >`select id from case_plans where case_id = ${c.id} and version = 1`;
    const { planSnapshot } = await import('../../db/queries/case-plans.server');
    const snapshot = await planSnapshot(db.sql, v1!.id);
    expect(snapshot).toContain('Deutschkurs B2');

    await startVersion(a);
    const [m] = await db.sql<{ measure_key: string }[]>`
      select measure_key from case_measures m join case_plans p on p.id = m.plan_id where p.case_id = ${c.id} and p.version = 2`;
    await saveMeasure(
      a,
      2,
      measureSchema.parse({ key: m!.measure_key, goal: 'Deutschkurs B2, abends', personDoes: 'Anmelden' }),
    );
    await saveMeasure(
      a,
      2,
      measureSchema.parse({ goal: 'Kinderbetreuung', personDoes: 'Nachbarin fragen', resource: 'Nachbarin' }),
    );
    await saveDraftFacts(a, 2, { reviewOn: '2030-03-01', textLanguage: 'de' });
    await recordAgreement(a, 2, 'in_meeting');
    await activate(a, 2);

    expect(await planSnapshot(db.sql, v1!.id)).toBe(snapshot);
    const v1Page = (await versionLoader({
      request: get(`/team/faelle/${c.id}/plan/1`),
      params: { id: String(c.id), version: '1' },
      context: context('counsellor'),
    } as never)) as { plan: { status: string; measures: { goal: string }[] } };
    expect(v1Page.plan.status).toBe('superseded');
    expect(v1Page.plan.measures.map((x) => x.goal)).toEqual(['Deutschkurs B2']);
    const v2Page = (await versionLoader({
      request: get(`/team/faelle/${c.id}/plan/2`),
      params: { id: String(c.id), version: '2' },
      context: context('counsellor'),
    } as never)) as { plan: { status: string }; changes: { part: string; change?: string }[] };
    expect(v2Page.plan.status).toBe('active');
    expect(v2Page.changes).toEqual(
      expect.arrayContaining([
        { part: 'review' },
        expect.objectContaining({ part: 'measure', change: 'changed' }),
        expect.objectContaining({ part: 'measure', change: 'added' }),
      ]),
    );
    // The person sees the version in force.
    expect((await personView(c.token)).active?.version).toBe(2);
  });

  it('activating without a review date or without the person’s agreement is refused', async () => {
    const c = await openCaseFor();
    const a = await actor(c.id);
    await saveAssessment(a, assessment);
    await startVersion(a);
    await saveMeasure(a, 1, measureSchema.parse({ goal: 'B2', personDoes: 'Lernen' }));
    const activation = () =>
      outcome(() =>
        planAction({
          request: post(`/team/faelle/${c.id}/plan`, { intent: 'activate', version: '1' }),
          params: { id: String(c.id) },
          context: context('counsellor'),
        } as never),
      );
    const noDate = await activation();
    expect(noDate.status).toBe(422);
    expect(JSON.stringify(noDate.body)).toContain('cases:errors.review_missing');
    expect(JSON.stringify(noDate.body)).toContain('cases:errors.agreement_missing');
    // Proposing needs the review date too.
    await expect(propose(a, 1)).rejects.toMatchObject({ reason: 'review_missing' });
    await saveDraftFacts(a, 1, { reviewOn: '2030-02-01', textLanguage: 'de' });
    await propose(a, 1);
    const noAgreement = await activation();
    expect(noAgreement.status).toBe(422);
    expect(JSON.stringify(noAgreement.body)).toContain('cases:errors.agreement_missing');
    expect(JSON.stringify(noAgreement.body)).not.toContain('review_missing');
    const [plan] = await db.sql`select activated_at from case_plans where case_id = ${c.id}`;
    expect(plan!.activated_at).toBeNull();
    // The database refuses it as well, whatever the application does.
    await expect(
      db.sql`update case_plans set activated_at = now() where case_id = ${c.id}`,
    ).rejects.toThrow();
    await agree(c.token, 1);
    expect((await activation()).status).toBe(302);
    // A frozen version cannot be edited any more.
    await expect(
      saveMeasure(a, 1, measureSchema.parse({ goal: 'x', personDoes: 'y' })),
    ).rejects.toMatchObject({
      reason: 'plan_frozen',
    });
  });
});

describe('audited reads', () => {
  it('three reads by the counsellor appear in the person’s access list and in their JSON export', async () => {
    const c = await openCaseFor();
    const params = { id: String(c.id) };
    await overviewLoader({
      request: get(`/team/faelle/${c.id}`),
      params,
      context: context('counsellor'),
    } as never);
    await planLoader({
      request: get(`/team/faelle/${c.id}/plan`),
      params,
      context: context('counsellor'),
    } as never);
    await printLoader({
      request: get(`/team/faelle/${c.id}/drucken`),
      params,
      context: context('counsellor'),
    } as never);
    // The list of cases is not a read of any one file.
    await caseListLoader({
      request: get('/team/faelle'),
      params: {},
      context: context('counsellor'),
    } as never);
    const view = await personView(c.token);
    expect(view.reads.map((r) => [r.part, r.role])).toEqual([
      ['overview', 'responsible'],
      ['plan', 'responsible'],
      ['print', 'responsible'],
    ]);
    // Role and office; no name while the office has not chosen to show names.
    expect(view.reads.every((r) => r.office && r.name === null)).toBe(true);
    const exported = await personExport(c.token);
    expect(exported.case.accessList.map((r) => r.part)).toEqual(['overview', 'plan', 'print']);
    const [rows] = await db.sql<{ n: number }[]>`
      select count(*)::int as n from audit_log where action = 'case.read' and target_id = ${String(c.id)}`;
    expect(rows!.n).toBe(3);
  });
});

describe('retention', () => {
  it('a working note is gone 15 days later (fixed clock), and is in the person’s export while it exists', async () => {
    setNow('2031-05-01T10:00:00+02:00');
    const c = await openCaseFor();
    const note = await outcome(() =>
      overviewAction({
        request: post(`/team/faelle/${c.id}`, { intent: 'note-add', body: 'Hat Zeugnisse dabei' }),
        params: { id: String(c.id) },
        context: context('counsellor'),
      } as never),
    );
    expect(note.status).toBe(302);
    expect(JSON.stringify((await personExport(c.token)).case.notes)).toContain('Hat Zeugnisse dabei');
    setNow('2031-05-15T09:00:00+02:00');
    await deleteExpiredNotes();
    expect(await db.sql`select 1 from case_notes where case_id = ${c.id}`).toHaveLength(1);
    setNow('2031-05-16T10:00:00+02:00');
    await deleteExpiredNotes();
    expect(await db.sql`select 1 from case_notes where case_id = ${c.id}`).toHaveLength(0);
    expect((await personExport(c.token)).case.notes).toEqual([]);
  });

  it('an erased case answers 410 on the person’s link and its anonymous closure row is still counted', async () => {
    setNow('2031-06-01T10:00:00+02:00');
    const c = await caseWithActivePlan();
    const items = await closeLoader({
      request: get(`/team/faelle/${c.id}/abschluss`),
      params: { id: String(c.id) },
      context: context('counsellor'),
    } as never);
    const { goals, measures } = (items as { items: { goals: { id: string }[]; measures: { key: string }[] } })
      .items;
    const closed = await outcome(() =>
      closeAction({
        request: post(`/team/faelle/${c.id}/abschluss`, {
          reason: 'goals_achieved',
          ...Object.fromEntries(goals.map((g) => [`goal_${g.id}`, 'achieved'])),
          ...Object.fromEntries(measures.map((m) => [`measure_${m.key}`, 'partly'])),
        }),
        params: { id: String(c.id) },
        context: context('counsellor'),
      } as never),
    );
    expect(closed.status).toBe(302);
    const closures = async () =>
      db.sql`select * from case_closures where month = '2031-06-01' and reason = 'goals_achieved'`;
    const rows = await closures();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      case_type: 'deutsch',
      goal_codes: ['achieved', 'achieved'],
      measure_codes: ['partly'],
    });
    // The anonymous rows have no column that points back at a case, a person or a counsellor.
    for (const table of ['case_closures', 'case_trace', 'case_feedback', 'counselling_tallies']) {
      const columns = await db.sql<{ column_name: string }[]>`
        select column_name from information_schema.columns where table_name = ${table}`;
      expect(
        columns
          .map((x) => x.column_name)
          .filter((n) => /(case|user|person|counsellor|appointment)_id$|name|email|phone/.test(n)),
      ).toEqual([]);
    }
    // Not yet: the retention counts from the closing.
    // (Older cases of this file's database go here; this one is kept until its 730 days are up.)
    setNow('2033-05-30T10:00:00+02:00');
    await eraseExpiredCases(730);
    expect((await caseOfToken(c.token)).id).toBe(c.id);
    setNow('2033-06-02T10:00:00+02:00');
    expect(await eraseExpiredCases(730)).toBeGreaterThanOrEqual(1);
    await expect(caseOfToken(c.token)).rejects.toMatchObject({ code: 'gone' });
    const { loader: personLoader } = await import('../../app/routes/fall.$token._index/route');
    const page = await outcome(() =>
      personLoader({
        request: get(`/fall/${c.token}`),
        params: { token: c.token },
        context: {} as never,
      } as never),
    );
    expect(page.status).toBe(410);
    // Nothing of the file is left, the closure row still is.
    for (const table of [
      'case_consents',
      'case_steps',
      'case_assessments',
      'case_plans',
      'case_progress',
      'case_comments',
    ]) {
      expect(await db.sql.unsafe(`select 1 from ${table} where case_id = $1`, [c.id])).toHaveLength(0);
    }
    const [stub] =
      await db.sql`select person_name, responsible_user_id, erased_at from cases where id = ${c.id}`;
    expect(stub).toMatchObject({ person_name: null, responsible_user_id: null });
    expect(await closures()).toHaveLength(1);
  });

  it('withdrawing the consent to documentation closes and erases the file at once; a restricted file outlives retention', async () => {
    const withdrawn = await openCaseFor();
    const { withdrawOnLink } = await import('../../app/modules/cases/person.server');
    const [consent] = await db.sql<
      { id: number }[]
    >`select id from case_consents where case_id = ${withdrawn.id}`;
    expect(await withdrawOnLink(withdrawn.token, consent!.id)).toBe('erased');
    await expect(caseOfToken(withdrawn.token)).rejects.toMatchObject({ code: 'gone' });
    const [closure] = await db.sql`select reason from case_closures order by id desc limit 1`;
    expect(closure!.reason).toBe('consent_withdrawn');

    const kept = await openCaseFor();
    const restricted = await outcome(() =>
      overviewAction({
        request: post(`/team/faelle/${kept.id}`, { intent: 'restrict', reason: 'Rechtsstreit anhängig' }),
        params: { id: String(kept.id) },
        context: context('counsellor'),
      } as never),
    );
    expect(restricted.status).toBe(302);
    const [audit] =
      await db.sql`select detail from audit_log where action = 'case.restricted' and target_id = ${String(kept.id)}`;
    expect(audit!.detail).toMatchObject({ reason: 'Rechtsstreit anhängig' });
    setNow('2040-01-01T10:00:00+01:00');
    await eraseExpiredCases(730);
    expect((await caseOfToken(kept.token)).id).toBe(kept.id);
    // Restricted: read-only.
    const note = await outcome(() =>
      overviewAction({
        request: post(`/team/faelle/${kept.id}`, { intent: 'note-add', body: 'x' }),
        params: { id: String(kept.id) },
        context: context('counsellor'),
      } as never),
    );
    expect(note.status).toBe(409);
  });
});

describe('case file rules', () => {
  it('finishing every step never closes a case', async () => {
    const c = await openCaseFor();
    const a = await actor(c.id);
    await addStep(a, { title: 'Zeugnisse übersetzen lassen', days: 10 });
    const steps = await db.sql<{ id: number }[]>`select id from case_steps where case_id = ${c.id}`;
    for (const s of steps) await setStepDone(a, s.id, true);
    const [row] = await db.sql`select closed_at from cases where id = ${c.id}`;
    expect(row!.closed_at).toBeNull();
  });

  it('health is a barrier only under its own consent, and withdrawing that consent takes it out of every revision', async () => {
    const c = await openCaseFor();
    const a = await actor(c.id);
    const withHealth = assessmentSchema.parse({
      reason: 'x',
      goal1: 'y',
      barriers: ['health'],
      healthNote: 'Rücken',
    });
    await expect(saveAssessment(a, withHealth)).rejects.toMatchObject({ reason: 'health_consent_missing' });
    const recorded = await outcome(() =>
      overviewAction({
        request: post(`/team/faelle/${c.id}`, {
          intent: 'health-consent',
          consent: 'on',
          consentHow: 'paper',
          consentLanguage: 'ar',
        }),
        params: { id: String(c.id) },
        context: context('counsellor'),
      } as never),
    );
    expect(recorded.status).toBe(302);
    await saveAssessment(a, withHealth);
    await saveAssessment(await actor(c.id), withHealth);
    const [consent] = await db.sql<{ id: number }[]>`
      select id from case_consents where case_id = ${c.id} and purpose = 'health'`;
    const { withdrawOnLink } = await import('../../app/modules/cases/person.server');
    expect(await withdrawOnLink(c.token, consent!.id)).toBe('withdrawn');
    const revisions =
      await db.sql`select barriers, health_note from case_assessments where case_id = ${c.id}`;
    expect(revisions).toHaveLength(2);
    for (const r of revisions) expect(r).toEqual({ barriers: [], health_note: null });
  });

  it('an overdue review is mailed to the counsellor once', async () => {
    const c = await caseWithActivePlan();
    void c;
    const mails = () => db.sql`
      select 1 from pgboss.job where name = 'mail' and data->>'template' = 'cases:mail.reviewsOverdue'
        and data->>'to' = ${users.counsellor!.email}`;
    const before = (await mails()).length;
    setNow('2030-01-10T08:00:00+01:00');
    await remindOverdueReviews();
    expect((await mails()).length).toBe(before);
    setNow('2030-01-20T08:00:00+01:00');
    expect(await remindOverdueReviews()).toBeGreaterThanOrEqual(1);
    expect((await mails()).length).toBe(before + 1);
    expect(await remindOverdueReviews()).toBe(0);
    expect((await mails()).length).toBe(before + 1);
  });

  it('a case kept in an account is in the account’s data export, and deleting the account erases it', async () => {
    const c = await openCaseFor();
    const { keepInAccount } = await import('../../app/modules/cases/person.server');
    await keepInAccount(c.token, users.citizen!.id);
    // Someone else's account can't take it over by knowing the link.
    await expect(keepInAccount(c.token, users.providerOwner!.id)).rejects.toMatchObject({
      code: 'not_found',
    });
    const data = await exportMyData(users.citizen!.id, null);
    expect(data.cases.map((x) => x.id)).toEqual([c.id]);
    await deleteMyAccount(users.citizen!.id, 'Wegweiser-Demo-2026', {
      ip: null,
      baseUrl: 'http://localhost',
      locale: 'de',
    });
    await expect(caseOfToken(c.token)).rejects.toMatchObject({ code: 'gone' });
  });

  it('erasing is idempotent for the planning figures: one closure row per case', async () => {
    const c = await openCaseFor();
    const row = (await db.sql`select * from cases where id = ${c.id}`)[0];
    const [before] = await db.sql<{ n: number }[]>`select count(*)::int as n from case_closures`;
    await db.sql.begin(async (tx) => {
      const { caseById } = await import('../../db/queries/cases.server');
      await eraseCase(tx, (await caseById(tx, c.id))!, 'inactive');
    });
    const [after] = await db.sql<{ n: number }[]>`select count(*)::int as n from case_closures`;
    expect(after!.n).toBe(before!.n + 1);
    expect(row).toBeTruthy();
  });
});
