import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LIMITS } from '../../app/auth/throttle.server';
import { hashToken } from '../../app/auth/tokens.server';
import { startJobs, stopJobs } from '../../app/jobs/boss.server';
import {
  beginAssessment,
  deleteOwn,
  eraseStaleAssessments,
  finishAssessment,
  keepInAccount,
  NEW_ASSESSMENT,
  openAssessment,
  openNewAssessment,
  ownAssessments,
  recommend,
  reopenOwn,
  sharedForAppointment,
  startAssessment,
  submitPage,
} from '../../app/modules/assessment/assessment.server';
import { definitionSchema } from '../../app/modules/assessment/definition';
import { appointmentByToken } from '../../app/modules/booking/booking.server';
import { activeTopic, slotsFor, submitBooking } from '../../app/modules/booking/public.server';
import { action as startAction } from '../../app/routes/selbsteinschaetzung._index';
import { action as saveAction } from '../../app/routes/selbsteinschaetzung.$token.speichern';
import { loader as teamLoader } from '../../app/routes/team.termine.$id';
import { action as manageAction } from '../../app/routes/termin.$token._index';
import { todayInBerlin } from '../../app/utils/clock.server';
import { resetEnvCache } from '../../app/utils/env.server';
import { publishQuestionnaires, readQuestionnaireFiles } from '../../db/reference/questionnaires';
import { seedDemoData } from '../../db/seed/seed';
import { ANONYMOUS_ASSESSMENT_COLUMNS } from '../fixtures/anonymous-assessment';
import { enrolCounsellors } from '../setup/counsellors';
import { createTestDatabase, type TestDatabase } from '../setup/database';

/**
 * The self-assessment on a real PostgreSQL with the demo catalogue: anonymous rows,
 * recommendations through the real search engine, sharing with a counsellor only by
 * consent, and results that stay as they were when the questionnaire changes.
 */
let db: TestDatabase;
let counsellorUserId: number;

beforeAll(async () => {
  db = await createTestDatabase();
  process.env.ANTI_ABUSE = 'off';
  resetEnvCache();
  await seedDemoData(db.sql, { seed: 20261124, offers: 1500, baseDate: todayInBerlin() });
  // Only counsellors who can sign in (second factor enrolled) receive bookings (issue 14).
  await enrolCounsellors(db.sql);
  // The counsellor who reads (the demo seed's counsellors have no accounts yet).
  const [u] = await db.sql<{ id: number }[]>`
    insert into users (email, display_name, role) values ('berater@example.org', 'Berater', 'counsellor') returning id`;
  counsellorUserId = u!.id;
  // Booking queues its mails; the queue runs on the test database without workers.
  await startJobs(db.url, { work: false });
}, 120_000);
afterAll(async () => {
  await stopJobs();
  delete process.env.ANTI_ABUSE;
  resetEnvCache();
  await db.drop();
});

function form(values: Record<string, string | string[]>) {
  const f = new FormData();
  for (const [k, v] of Object.entries(values)) for (const x of Array.isArray(v) ? v : [v]) f.append(k, x);
  return f;
}

/** Goes through every page as the must-show person does and finishes. */
async function completeEveningA2(): Promise<string> {
  const { token, step } = await startAssessment();
  expect(step).toBe('situation');
  const pages: [string, Record<string, string | string[]>][] = [
    ['situation', { employment: 'unemployed_not_registered', care: 'children' }],
    ['ziele', { goals: ['german'] }],
    ['rahmen', { times: ['evening'], postcode: '34117', radius: '5', budget: 'free' }],
    ['sprachen', { german_first: 'no', german: ['a1_words', 'a1_introduce', 'a2_routine', 'a2_shopping'] }],
    ['digital', { digital_information: 'basic' }],
    ['gesundheit', { consent: 'on', health_needs: ['hearing'] }],
  ];
  for (const [page, values] of pages) {
    const outcome = await submitPage(await openAssessment(token), page, form(values), 'next');
    expect(outcome).toMatchObject({ ok: true });
  }
  expect(await finishAssessment(await openAssessment(token))).toEqual({ ok: true });
  return token;
}

const countRows = async () => {
  const [r] = await db.sql<{ users: number; sessions: number; appointments: number; audit: number }[]>`
    select (select count(*)::int from users) as users, (select count(*)::int from sessions) as sessions,
      (select count(*)::int from appointments) as appointments, (select count(*)::int from audit_log) as audit`;
  return r!;
};

describe('anonymous self-assessment', () => {
  it('finishing leaves no row that identifies a person', async () => {
    const before = await countRows();
    const token = await completeEveningA2();
    expect(await countRows()).toEqual(before);
    const rows = await db.sql`select * from assessments`;
    expect(rows).toHaveLength(1);
    // Exactly these columns: no name, contact, IP or browser; only the token's hash.
    expect(Object.keys(rows[0]!).sort()).toEqual(ANONYMOUS_ASSESSMENT_COLUMNS);
    expect(rows[0]!.user_id).toBeNull();
    expect(rows[0]!.token_hash).not.toContain(token);
    expect(JSON.stringify(rows[0])).not.toContain(token);
  });

  it('keeps health answers only with their own consent; taking it back deletes them', async () => {
    const { token } = await startAssessment();
    const refused = await submitPage(
      await openAssessment(token),
      'gesundheit',
      form({ health_needs: ['mobility'] }),
      'next',
    );
    expect(refused).toMatchObject({ ok: false, errors: { consent: 'consent' } });
    await submitPage(
      await openAssessment(token),
      'gesundheit',
      form({ consent: 'on', health_needs: ['mobility'] }),
      'next',
    );
    expect((await openAssessment(token)).answers.health_needs).toEqual(['mobility']);
    await submitPage(await openAssessment(token), 'gesundheit', form({}), 'next');
    const a = await openAssessment(token);
    expect(a.answers.health_needs).toBeUndefined();
    expect(a.healthConsent).toBe(false);
  });

  it('withdrawing the health consent after finishing takes the health part out of the result', async () => {
    const token = await completeEveningA2();
    expect((await openAssessment(token)).result?.profile.map((p) => p.module)).toContain('gesundheit');
    // Unticking the consent (answers still ticked) is a withdrawal, not an error.
    const outcome = await submitPage(
      await openAssessment(token),
      'gesundheit',
      form({ health_needs: ['hearing'] }),
      'next',
    );
    expect(outcome).toMatchObject({ ok: true });
    const a = await openAssessment(token);
    expect(a.answers.health_needs).toBeUndefined();
    expect(a.result?.profile.map((p) => p.module)).not.toContain('gesundheit');
    expect(a.result?.hints).not.toContain('health_support');
  });

  it('bad input is refused with the page kept, never saved', async () => {
    const { token } = await startAssessment();
    await submitPage(
      await openAssessment(token),
      'rahmen',
      form({ postcode: '34117', budget: 'free' }),
      'next',
    );
    const outcome = await submitPage(
      await openAssessment(token),
      'rahmen',
      form({ postcode: '3411x', budget: 'gratis' }),
      'next',
    );
    expect(outcome).toMatchObject({ ok: false, errors: { postcode: 'invalid', budget: 'invalid' } });
    expect((await openAssessment(token)).answers).toMatchObject({ postcode: '34117', budget: 'free' });
    await expect(openAssessment('not-a-token')).rejects.toMatchObject({ code: 'not_found' });
    // Finishing without goals is refused and says which part is missing.
    expect(await finishAssessment(await openAssessment(token))).toEqual({ ok: false, missing: 'ziele' });
  });
});

describe('recommendations on the demo catalogue', () => {
  it('evening, German A2, within 5 km of 34117, free: German evening courses nearby, free or funded, on top', async () => {
    const token = await completeEveningA2();
    const a = await openAssessment(token);
    const { groups, placeUnknown } = await recommend(a.result!);
    expect(placeUnknown).toBe(false);
    expect(groups[0]!.id).toBe('german');
    expect(groups[0]!.widened).toBe(false);
    const hits = groups[0]!.hits;
    expect(hits.length).toBeGreaterThanOrEqual(3);
    for (const { hit, reasons } of hits) {
      expect(hit.category).toBe('deutsch_integration');
      expect(hit.run.timeOfDay).toBe('evening');
      expect(hit.run.distanceKm).toBeLessThanOrEqual(5);
      expect(['A2', 'B1']).toContain(hit.cefrLevel);
      // Free, or paid by someone who pays for this person (a reason says who): never
      // vague "other funding".
      const keys = reasons.map((r) => r.key);
      expect(hit.run.priceCents === 0 || keys.some((k) => k.startsWith('reasons.payer.'))).toBe(true);
      expect(keys).toEqual(expect.arrayContaining(['reasons.time.evening', 'reasons.distance']));
      expect(keys).not.toContain('reasons.budget');
    }
    // Nearest first.
    const km = hits.map((h) => h.hit.run.distanceKm!);
    expect([...km].sort((x, y) => x - y)).toEqual(km);
    expect(a.result!.hints).toContain('integration_course');
  });
});

describe('sharing with the counsellor', () => {
  async function book(shareToken?: string) {
    const topic = await activeTopic('deutsch-integration');
    const { slots } = await slotsFor({ topic, channel: 'phone', language: 'de' });
    const taken = await db.sql<{ s: Date }[]>`select lower(period) as s from appointments`;
    const slot = slots.find((s) => !taken.some((t) => t.s.getTime() === s.start))!;
    const outcome = await submitBooking(
      {
        topic: 'deutsch-integration',
        channel: 'phone',
        language: 'de',
        start: new Date(slot.start),
        name: 'Ada Beispiel',
        email: `ada${Math.random().toString(36).slice(2, 8)}@example.org`,
        locale: 'de',
        shareAssessment: shareToken,
      },
      { ip: '198.51.100.7', baseUrl: 'http://localhost' },
    );
    if (!outcome.ok) throw new Error(`booking failed: ${outcome.reason}`);
    const row = (await appointmentByToken(db.sql, outcome.token))!;
    return { manageToken: outcome.token, row };
  }

  it('shows the result only after consent, without the health part, and audits each read', async () => {
    const token = await completeEveningA2();
    const withoutConsent = await book();
    expect(withoutConsent.row.assessment_id).toBeNull();
    expect(await sharedForAppointment(withoutConsent.row.id, counsellorUserId)).toBeNull();

    const withConsent = await book(token);
    const shared = await sharedForAppointment(withConsent.row.id, counsellorUserId);
    // Nothing derived from health answers: no health section, no health hint.
    expect(shared?.hints).toContain('integration_course');
    expect(shared?.hints).not.toContain('health_support');
    expect((await openAssessment(token)).result?.hints).toContain('health_support');
    expect(shared?.profile.map((s) => s.module)).not.toContain('gesundheit');
    expect(shared?.profile.map((s) => s.module)).toContain('sprachen');
    const [audit] = await db.sql`
      select * from audit_log where action = 'assessment.read' and target_id = ${String(withConsent.row.id)}`;
    expect(audit).toMatchObject({ actor_user_id: counsellorUserId });
  });

  /** The counsellor's own appointment page, through its loader with a signed-in counsellor. */
  async function counsellorPage(appointmentId: number, counsellorId: number) {
    await db.sql`update counsellors set user_id = null where user_id = ${counsellorUserId}`;
    await db.sql`update counsellors set user_id = ${counsellorUserId} where id = ${counsellorId}`;
    const auth = {
      user: {
        id: counsellorUserId,
        email: 'berater@example.org',
        displayName: 'Berater',
        role: 'counsellor',
        status: 'active',
        locale: 'de',
        totpEnabled: true,
      },
      session: { id: 's', twoFactorVerified: true },
    };
    return (await teamLoader({
      request: new Request(`http://localhost/team/termine/${appointmentId}`),
      params: { id: String(appointmentId) },
      context: { auth, clientIp: '127.0.0.1' } as never,
    })) as { assessment: { profile: { module: string }[] } | null };
  }

  it('no longer shows it after the consent is withdrawn from the manage link', async () => {
    const token = await completeEveningA2();
    const { manageToken, row } = await book(token);
    expect(await sharedForAppointment(row.id, counsellorUserId)).not.toBeNull();
    // The counsellor's page shows it while the consent stands …
    expect((await counsellorPage(row.id, row.counsellor_id)).assessment?.profile.length).toBeGreaterThan(0);
    const response = await manageAction({
      request: new Request(`http://localhost/termin/${manageToken}`, {
        method: 'POST',
        body: new URLSearchParams({ intent: 'withdraw-assessment' }),
      }),
      params: { token: manageToken },
      context: {} as never,
    });
    expect(response).toMatchObject({ done: 'withdraw-assessment' });
    expect(await sharedForAppointment(row.id, counsellorUserId)).toBeNull();
    // … and not after it was withdrawn.
    expect((await counsellorPage(row.id, row.counsellor_id)).assessment).toBeNull();
    const [after] =
      await db.sql`select assessment_id, assessment_withdrawn_at from appointments where id = ${row.id}`;
    expect(after).toMatchObject({ assessment_id: null });
    expect(after!.assessment_withdrawn_at).toBeInstanceOf(Date);
  });

  it('refuses to share an unfinished assessment', async () => {
    const { token } = await startAssessment();
    await expect(book(token)).rejects.toThrow('assessment_unknown');
  });
});

describe('sending the link by e-mail', () => {
  function send(token: string, email: string, ip: string, lng = 'ar') {
    return saveAction({
      request: new Request(`http://localhost/selbsteinschaetzung/${token}/speichern?lng=${lng}`, {
        method: 'POST',
        body: new URLSearchParams({ intent: 'send-link', email }),
      }),
      params: { token },
      context: { clientIp: ip } as never,
    }) as Promise<{ data: unknown; init: { status?: number; headers?: Record<string, string> } | null }>;
  }
  const mailsTo = (email: string) =>
    db.sql<{ template: string; locale: string; text: string; subject: string }[]>`
      select data->>'template' as template, data->>'locale' as locale, data->>'text' as text,
        data->>'subject' as subject
      from pgboss.job where name = 'mail' and data->>'to' = ${email}`;

  it('mails the link in the page’s language and keeps no address with the assessment', async () => {
    const { token } = await startAssessment();
    const reply = await send(token, 'Leila@Example.org', '203.0.113.20');
    expect(reply.data).toEqual({ sent: 'leila@example.org' });
    const [mail, ...more] = await mailsTo('leila@example.org');
    expect(more).toEqual([]);
    expect(mail).toMatchObject({ template: 'assessmentLink', locale: 'ar' });
    expect(mail!.text).toContain(`/selbsteinschaetzung/${token}/situation`);
    expect(mail!.subject).not.toMatch(/Selbsteinschätzung/);
    const [row] = await db.sql`select * from assessments where token_hash = ${hashToken(token)}`;
    expect(JSON.stringify(row)).not.toContain('leila');
  });

  it('refuses a malformed address with 400 and throttles per IP (429) like booking', async () => {
    const { token } = await startAssessment();
    const bad = await send(token, 'not an address', '203.0.113.21');
    expect(bad.init?.status).toBe(400);
    expect(await mailsTo('not an address')).toEqual([]);

    process.env.ANTI_ABUSE = 'on';
    resetEnvCache();
    try {
      const ip = '203.0.113.22';
      // Different addresses, so only the IP's limit (20 an hour) applies.
      for (let i = 0; i < 20; i++)
        expect((await send(token, `p${i}@example.org`, ip)).data).toMatchObject({
          sent: `p${i}@example.org`,
        });
      const refused = await send(token, 'p20@example.org', ip);
      expect(refused.init?.status).toBe(429);
      expect(Number(refused.init?.headers?.['Retry-After'])).toBeGreaterThan(0);
      expect(await mailsTo('p20@example.org')).toEqual([]);
      // Another IP may still send.
      expect((await send(token, 'p21@example.org', '203.0.113.23')).data).toMatchObject({
        sent: 'p21@example.org',
      });
    } finally {
      process.env.ANTI_ABUSE = 'off';
      resetEnvCache();
    }
  });
});

describe('keeping it in an account', () => {
  it('opens with a fresh link for its owner and is refused to another user', async () => {
    const [owner, other] = await db.sql<{ id: number }[]>`
      insert into users (email, display_name, role)
      values ('owner@example.org', 'Owner', 'citizen'), ('other@example.org', 'Other', 'citizen') returning id`;
    const token = await completeEveningA2();
    await keepInAccount(await openAssessment(token), owner!.id);
    const [mine] = await ownAssessments(owner!.id);
    expect(mine).toMatchObject({ topic: 'deutsch-integration' });
    expect(await ownAssessments(other!.id)).toEqual([]);
    await expect(reopenOwn(other!.id, mine!.id)).rejects.toMatchObject({ code: 'not_found' });
    await expect(deleteOwn(other!.id, mine!.id)).rejects.toMatchObject({ code: 'not_found' });
    const reopened = await reopenOwn(owner!.id, mine!.id);
    expect(reopened.step).toBe('ergebnis');
    // The old link stops working; the new one opens the same result.
    await expect(openAssessment(token)).rejects.toMatchObject({ code: 'not_found' });
    expect((await openAssessment(reopened.token)).id).toBe(mine!.id);
  });
});

describe('versions', () => {
  it('a new question in a new version leaves an old result readable as it was', async () => {
    const token = await completeEveningA2();
    const old = await openAssessment(token);
    const files = await readQuestionnaireFiles();
    const [v1] = files;
    // The next version after every file in the repository.
    const next = files.at(-1)!.version + 1;
    const v2 = definitionSchema.parse({
      ...v1,
      version: next,
      modules: v1!.modules.map((m) =>
        m.id === 'rahmen'
          ? {
              ...m,
              questions: [
                ...m.questions,
                { id: 'ticket', type: 'single', options: [{ value: 'yes' }, { value: 'no' }] },
              ],
            }
          : m,
      ),
    });
    expect(await publishQuestionnaires(db.sql, [...files, v2])).toEqual({ published: [next] });

    // The old result: same version, same profile, same searches, same texts to show.
    const again = await openAssessment(token);
    expect(again.def.version).toBe(old.def.version);
    expect(again.def.version).toBeLessThan(next);
    expect(again.result).toEqual(old.result);
    expect(again.def.modules.flatMap((m) => m.questions.map((q) => q.id))).not.toContain('ticket');
    // New assessments ask the new question.
    const fresh = await openAssessment((await startAssessment()).token);
    expect(fresh.def.version).toBe(next);
    expect(fresh.def.modules.flatMap((m) => m.questions.map((q) => q.id))).toContain('ticket');
    // A stored version can't be changed in place.
    await expect(publishQuestionnaires(db.sql, [{ ...v2, hints: [] }])).rejects.toThrow(/differs/);
    await db.sql`delete from assessments where version = ${next}`;
    await db.sql`delete from assessment_versions where version = ${next}`;
  });
});

// Issue 15: a script made 500 rows in 2 s from one IP, each kept 180 days.
describe('starting without a row, throttled per IP', () => {
  const count = async () => (await db.sql<{ n: number }[]>`select count(*)::int as n from assessments`)[0]!.n;

  it('stores nothing on start or on pages left empty; the first answer saved creates the row', async () => {
    const before = await count();
    const started = await beginAssessment('198.51.100.1');
    expect(started).toEqual({ token: NEW_ASSESSMENT, step: 'situation' });
    expect(await count()).toBe(before);
    // Moving through pages without answering keeps it unsaved.
    const empty = await submitPage(await openNewAssessment(), 'digital', form({}), 'next');
    expect(empty).toEqual({ ok: true, goTo: 'gesundheit' });
    expect(await count()).toBe(before);
    const saved = await submitPage(
      await openNewAssessment(),
      'situation',
      form({ employment: 'unemployed_not_registered', care: 'children' }),
      'next',
      { ip: '198.51.100.1' },
    );
    expect(saved).toMatchObject({ ok: true, goTo: 'ziele', token: expect.stringMatching(/^[a-z2-7]{32}$/) });
    expect(await count()).toBe(before + 1);
    const a = await openAssessment((saved as { token: string }).token);
    expect(a.answers).toEqual({ employment: 'unemployed_not_registered', care: 'children' });
    expect(a.step).toBe('ziele');
    expect(a.userId).toBeNull();
  });

  it('500 starts from one IP: the first ones go ahead, the rest get 429 with Retry-After; another IP still starts', async () => {
    delete process.env.ANTI_ABUSE;
    resetEnvCache();
    try {
      const before = await count();
      const start = (ip: string) =>
        startAction({
          request: new Request('http://localhost/selbsteinschaetzung', {
            method: 'POST',
            body: new URLSearchParams(),
          }),
          params: {},
          context: { clientIp: ip } as never,
        }).then(
          (reply) => reply as unknown as { init: { status?: number; headers?: Record<string, string> } },
          (thrown: Response) => ({
            init: {
              status: thrown.status,
              headers: Object.fromEntries(thrown.headers) as Record<string, string>,
            },
          }),
        );
      const statuses: number[] = [];
      let retryAfter: string | undefined;
      for (let i = 0; i < 500; i++) {
        const { init } = await start('203.0.113.7');
        statuses.push(init.status ?? 200);
        if (init.status === 429) retryAfter ??= init.headers?.['Retry-After'];
      }
      const { limit } = LIMITS.assessmentIp;
      // The first `limit` go ahead, the next is refused …
      expect(statuses.slice(0, limit + 1)).toEqual([...Array(limit).fill(302), 429]);
      // … and the rest mostly too: a block lasts 15 s, then 30, 60 … (blockSeconds), so on a
      // slow machine one start slips through each time a block ends.
      expect(statuses.filter((s) => s === 302).length).toBeLessThanOrEqual(limit + 4);
      expect(new Set(statuses)).toEqual(new Set([302, 429]));
      expect(Number(retryAfter)).toBeGreaterThan(0);
      expect((await start('203.0.113.8')).init.status).toBe(302);
      // Starting stored nothing, throttled or not.
      expect(await count()).toBe(before);
      // Creating the row on the first answer is counted per IP too.
      const saves: string[] = [];
      for (let i = 0; i <= limit; i++) {
        saves.push(
          await submitPage(await openNewAssessment(), 'ziele', form({ goals: ['german'] }), 'next', {
            ip: '203.0.113.9',
          }).then(
            () => 'created',
            (error: Error) => error.message,
          ),
        );
      }
      expect(saves).toEqual([...Array(limit).fill('created'), 'throttled']);
      expect(await count()).toBe(before + limit);
    } finally {
      process.env.ANTI_ABUSE = 'off';
      resetEnvCache();
    }
  });
});

describe('retention', () => {
  it('deletes untouched assessments but keeps those in an account or shared for a live appointment', async () => {
    await db.sql`update assessments set updated_at = now() - interval '400 days'`;
    const shared = await db.sql<{ id: number }[]>`
      select a.id from assessments a join appointments p on p.assessment_id = a.id
      union select id from assessments where user_id is not null`;
    expect(shared.length).toBeGreaterThan(1);
    const before = await db.sql`select count(*)::int as n from assessments`;
    const deleted = await eraseStaleAssessments(180);
    expect(deleted).toBe(before[0]!.n - shared.length);
    const left = await db.sql<{ id: number }[]>`select id from assessments order by id`;
    expect(left.map((r) => r.id)).toEqual(shared.map((r) => r.id).sort((x, y) => x - y));
  });
});
