import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { operator } from '../../app/config/operator';
import { startJobs, stopJobs } from '../../app/jobs/boss.server';
import {
  approveOffer,
  inviteStaff,
  listOffers,
  providerForReview,
  resetSecondFactor,
  revokeInvitation,
  setMemberStatus,
  setPreModeration,
  setProviderStatus,
  setUserStatus,
  unpublishOffer,
} from '../../app/modules/admin/admin.server';
import { newTopicSchema, officeSchema, topicSettingsSchema } from '../../app/modules/booking/schemas';
import {
  createTopic,
  removeClosureDay,
  saveOffice,
  saveTopicSettings,
  setHolidayState,
} from '../../app/modules/booking/setup.server';
import { saveClosureDay } from '../../app/modules/booking/staff.server';
import { searchQuerySchema } from '../../app/modules/catalogue/schemas';
import { searchCatalogue } from '../../app/modules/catalogue/search.server';
import { resetEnvCache } from '../../app/utils/env.server';
import { DEMO_ACCOUNTS, seedDemoAccounts } from '../../db/seed/accounts';
import { seedDemoData } from '../../db/seed/seed';
import { createTestDatabase, type TestDatabase } from '../setup/database';

/**
 * The education office's admin tools on a real PostgreSQL with the real job queue (not
 * worked, so each mail stays readable in pgboss.job): the list of all offers, checking
 * and deciding on providers, the take-down mail, and one audit row per admin change.
 */
let db: TestDatabase;
let meta: { adminId: number; ip: string; baseUrl: string };
let demoProvider: number;

beforeAll(async () => {
  db = await createTestDatabase();
  delete process.env.SMTP_URL;
  resetEnvCache();
  await seedDemoData(db.sql, { seed: 11, offers: 130, baseDate: '2026-11-24' });
  await seedDemoAccounts(db.sql);
  await startJobs(db.url, { work: false });
  meta = {
    adminId: await userId(DEMO_ACCOUNTS.admin.email),
    ip: '203.0.113.9',
    baseUrl: 'https://wegweiser.example',
  };
  const [m] = await db.sql<{ providerId: number }[]>`
    select m.provider_id as "providerId" from provider_members m join users u on u.id = m.user_id
    where u.email = ${DEMO_ACCOUNTS.providerOwner.email}`;
  demoProvider = m!.providerId;
});

afterAll(async () => {
  await stopJobs();
  await db.drop();
});

async function userId(email: string): Promise<number> {
  const [row] = await db.sql<{ id: number }[]>`select id from users where email = ${email}`;
  return row!.id;
}

async function mailsTo(email: string) {
  return db.sql<{ template: string; text: string; subject: string; locale: string }[]>`
    select data->>'template' as template, data->>'text' as text, data->>'subject' as subject, data->>'locale' as locale
    from pgboss.job where name = 'mail' and data->>'to' = ${email} order by created_on, id`;
}

async function lastAuditId(): Promise<number> {
  const [row] = await db.sql<{ id: number | null }[]>`select max(id)::int as id from audit_log`;
  return row?.id ?? 0;
}

async function auditSince(id: number) {
  return db.sql<
    {
      action: string;
      actorUserId: number | null;
      targetType: string | null;
      targetId: string | null;
      detail: Record<string, unknown>;
    }[]
  >`
    select action, actor_user_id::int as "actorUserId", target_type as "targetType", target_id as "targetId", detail
    from audit_log where id > ${id} order by id`;
}

async function publishedOfferOf(providerId: number) {
  const [row] = await db.sql<{ id: number; title: string }[]>`
    select id, title from offers where provider_id = ${providerId} and status = 'published' and moderation_note is null
    order by id limit 1`;
  return row!;
}

/** Whether the public search finds this very offer (titles repeat across providers). */
const found = async (offer: { id: number; title: string }) =>
  (await searchCatalogue(searchQuerySchema.parse({ q: offer.title }), { log: false })).hits.some(
    (h) => h.id === offer.id,
  );

describe('the office’s list of all offers', () => {
  it('holds every offer, not only the last two weeks’: newest change first, 50 a page, each offer on exactly one page', async () => {
    const [oldest] = await db.sql<{ id: number }[]>`select id from offers order by id limit 1`;
    await db.sql`update offers set updated_at = now() - interval '400 days' where id = ${oldest!.id}`;
    const [count] = await db.sql<{ n: number }[]>`select count(*)::int as n from offers`;
    const n = count!.n;
    expect(n).toBeGreaterThan(100);

    const first = await listOffers({ page: 1 });
    expect(first.total).toBe(n);
    expect(first.offers).toHaveLength(50);
    expect(first.pages).toBe(Math.ceil(n / 50));
    const times = first.offers.map((o) => o.updatedAt.getTime());
    expect(times).toEqual([...times].sort((a, b) => b - a));

    const ids: number[] = [];
    for (let page = 1; page <= first.pages; page++)
      ids.push(...(await listOffers({ page })).offers.map((o) => o.id));
    expect(ids).toHaveLength(n);
    expect(new Set(ids).size).toBe(n);
    expect(ids.at(-1)).toBe(oldest!.id);
    // Past the last page: empty, still with the total for the way back.
    expect(await listOffers({ page: first.pages + 1 })).toMatchObject({ offers: [], total: n });
  });

  it('finds by title, provider, course number and id; % and _ are plain characters', async () => {
    const offer = await publishedOfferOf(demoProvider);
    await db.sql`update offers set course_number = 'KS-4711/26' where id = ${offer.id}`;
    const word = offer.title.split(' ').sort((a, b) => b.length - a.length)[0]!;
    const byTitle = await listOffers({ q: word.toUpperCase(), page: 1 });
    expect(byTitle.offers.map((o) => o.id)).toContain(offer.id);
    expect(
      byTitle.offers.every((o) => `${o.title} ${o.providerName}`.toLowerCase().includes(word.toLowerCase())),
    ).toBe(true);

    expect((await listOffers({ q: 'ks-4711', page: 1 })).offers.map((o) => o.id)).toEqual([offer.id]);
    expect((await listOffers({ q: String(offer.id), page: 1 })).offers.map((o) => o.id)).toContain(offer.id);

    const [provider] = await db.sql<{ name: string; n: number }[]>`
      select p.name, (select count(*)::int from offers where provider_id = p.id) as n from providers p where p.id = ${demoProvider}`;
    const byProvider = await listOffers({ q: provider!.name, page: 1 });
    expect(byProvider.total).toBeGreaterThanOrEqual(provider!.n);

    expect((await listOffers({ q: '%', page: 1 })).total).toBe(0);
    expect((await listOffers({ q: '_', page: 1 })).total).toBe(0);
  });

  it('filters by status (waiting for review, taken down by the office), provider and category', async () => {
    const waiting = await publishedOfferOf(demoProvider);
    await db.sql`update offers set status = 'draft', review_requested_at = now() where id = ${waiting.id}`;
    const review = await listOffers({ status: 'review', page: 1 });
    expect(review.offers.map((o) => o.id)).toEqual([waiting.id]);
    expect(review.waiting).toBe(1);
    await approveOffer(waiting.id, meta);
    expect((await listOffers({ status: 'review', page: 1 })).total).toBe(0);

    const takenDown = await publishedOfferOf(demoProvider);
    await unpublishOffer(takenDown.id, 'Die Termine fehlen in der Beschreibung.', meta);
    expect((await listOffers({ status: 'taken_down', page: 1 })).offers.map((o) => o.id)).toEqual([
      takenDown.id,
    ]);
    expect(
      (await listOffers({ status: 'published', provider: demoProvider, page: 1 })).offers.map((o) => o.id),
    ).not.toContain(takenDown.id);

    const [drafted] = await db.sql<{ n: number }[]>`
      select count(*)::int as n from offers where provider_id = ${demoProvider} and status = 'draft'`;
    const drafts = await listOffers({ status: 'draft', provider: demoProvider, page: 1 });
    expect(drafts.total).toBe(drafted!.n);
    expect(drafts.offers.every((o) => o.providerId === demoProvider && o.status === 'draft')).toBe(true);

    const languages = await listOffers({ category: 'sprachen', page: 1 });
    expect(languages.total).toBeGreaterThan(0);
    expect(languages.offers.every((o) => o.category === 'sprachen')).toBe(true);
  });

  it('counts “changed since” from midnight in Berlin', async () => {
    const [a, b] = await db.sql<{ id: number }[]>`select id from offers order by id desc limit 2`;
    // 23:30 UTC on 10 March is 00:30 on 11 March in Berlin (CET); 22:30 UTC is still the 10th.
    await db.sql`update offers set updated_at = '2099-03-10T23:30:00Z' where id = ${a!.id}`;
    await db.sql`update offers set updated_at = '2099-03-10T22:30:00Z' where id = ${b!.id}`;
    expect((await listOffers({ since: '2099-03-11', page: 1 })).offers.map((o) => o.id)).toEqual([a!.id]);
    expect((await listOffers({ since: '2099-03-10', page: 1 })).offers.map((o) => o.id)).toEqual([
      a!.id,
      b!.id,
    ]);
    await db.sql`update offers set updated_at = now() where id in (${a!.id}, ${b!.id})`;
  });
});

describe('checking and deciding on a provider', () => {
  let applicant: number;

  it('shows what the admin checks: address, contact, who registered when, AZAV certificate, staff', async () => {
    const [p] = await db.sql<{ id: number }[]>`
      insert into providers (slug, name, kind, status, street, postcode, city, email, phone, website, certifications)
      values ('sprachschule-suedstadt', 'Sprachschule Südstadt', 'language_school', 'pending', 'Südstraße 4', '34119', 'Kassel',
              'kontakt@suedstadt.example', '0561 123456', 'https://suedstadt.example',
              ${db.sql.json([{ type: 'AZAV', number: 'AZ-2025-0815', certifier: 'CertEins GmbH', validUntil: '2020-12-31' }])})
      returning id`;
    applicant = p!.id;
    const [owner] = await db.sql<{ id: number }[]>`
      insert into users (email, email_verified_at, display_name, role, locale)
      values ('ina@suedstadt.example', now(), 'Ina Inhaberin', 'provider', 'de') returning id`;
    const [editor] = await db.sql<{ id: number }[]>`
      insert into users (email, email_verified_at, display_name, role, locale)
      values ('eddi@suedstadt.example', now(), 'Eddi Editor', 'provider', 'en') returning id`;
    await db.sql`insert into provider_members (user_id, provider_id, role, created_at) values
      (${owner!.id}, ${applicant}, 'owner', '2026-11-02T09:15:00Z'), (${editor!.id}, ${applicant}, 'editor', '2026-11-03T10:00:00Z')`;

    const review = await providerForReview(applicant);
    expect(review).toMatchObject({
      name: 'Sprachschule Südstadt',
      kind: 'language_school',
      status: 'pending',
      street: 'Südstraße 4',
      postcode: '34119',
      city: 'Kassel',
      email: 'kontakt@suedstadt.example',
      phone: '0561 123456',
      website: 'https://suedstadt.example',
      certifications: [
        { type: 'AZAV', number: 'AZ-2025-0815', certifier: 'CertEins GmbH', validUntil: '2020-12-31' },
      ],
      registrant: {
        displayName: 'Ina Inhaberin',
        email: 'ina@suedstadt.example',
        emailVerified: true,
        registeredAt: new Date('2026-11-02T09:15:00Z'),
      },
      offers: { draft: 0, published: 0, archived: 0 },
    });
    expect(review.members.map((m) => [m.email, m.role])).toEqual([
      ['ina@suedstadt.example', 'owner'],
      ['eddi@suedstadt.example', 'editor'],
    ]);
    await expect(providerForReview(999_999)).rejects.toThrow('not_found');
  });

  it('approves: owner and editors are mailed in their language; the audit row names admin and provider; twice is a conflict', async () => {
    const before = await lastAuditId();
    await setProviderStatus(applicant, { status: 'approved' }, meta);
    const [row] = await db.sql`select status from providers where id = ${applicant}`;
    expect(row!.status).toBe('approved');
    const owner = await mailsTo('ina@suedstadt.example');
    const editor = await mailsTo('eddi@suedstadt.example');
    expect(owner.map((m) => [m.template, m.locale])).toEqual([['providerApproved', 'de']]);
    expect(editor.map((m) => [m.template, m.locale])).toEqual([['providerApproved', 'en']]);
    expect(editor[0]!.subject).toBe('Your organisation has been approved');
    expect(owner[0]!.text).toContain(operator.email);
    expect(await auditSince(before)).toEqual([
      {
        action: 'admin.provider_approved',
        actorUserId: meta.adminId,
        targetType: 'provider',
        targetId: String(applicant),
        detail: { from: 'pending' },
      },
    ]);

    await expect(setProviderStatus(applicant, { status: 'approved' }, meta)).rejects.toThrow(
      'provider_status',
    );
    expect(await mailsTo('ina@suedstadt.example')).toHaveLength(1);
    await expect(setProviderStatus(999_999, { status: 'approved' }, meta)).rejects.toThrow('not_found');
  });

  it('suspends with a reason: its offers leave the search, every member gets the reason, the audit row keeps it', async () => {
    const offer = await publishedOfferOf(demoProvider);
    expect(await found(offer)).toBe(true);
    const before = await lastAuditId();
    const reason = 'Das AZAV-Zertifikat ist abgelaufen.';
    await setProviderStatus(demoProvider, { status: 'suspended', reason }, meta);
    expect(await found(offer)).toBe(false);
    for (const email of [DEMO_ACCOUNTS.providerOwner.email, DEMO_ACCOUNTS.providerEditor.email]) {
      const mail = (await mailsTo(email)).at(-1)!;
      expect(mail.template, email).toBe('providerSuspended');
      expect(mail.text, email).toContain(reason);
    }
    expect(await auditSince(before)).toEqual([
      expect.objectContaining({
        action: 'admin.provider_suspended',
        actorUserId: meta.adminId,
        targetType: 'provider',
        targetId: String(demoProvider),
        detail: { from: 'approved', reason },
      }),
    ]);
    await setProviderStatus(demoProvider, { status: 'approved' }, meta);
    expect(await found(offer)).toBe(true);
  });
});

describe('the take-down mail', () => {
  it('goes to the owner and the editors, each in their language, with the office’s contact instead of “reply”', async () => {
    await db.sql`update users set locale = 'en' where email = ${DEMO_ACCOUNTS.providerEditor.email}`;
    const offer = await publishedOfferOf(demoProvider);
    const before = await lastAuditId();
    await unpublishOffer(offer.id, 'Der Preis fehlt.', meta);
    const owner = (await mailsTo(DEMO_ACCOUNTS.providerOwner.email)).at(-1)!;
    const editor = (await mailsTo(DEMO_ACCOUNTS.providerEditor.email)).at(-1)!;
    expect([owner.template, owner.locale, editor.template, editor.locale]).toEqual([
      'offerUnpublished',
      'de',
      'offerUnpublished',
      'en',
    ]);
    expect(editor.subject).toBe('Your course has been taken out of the search');
    for (const mail of [owner, editor]) {
      expect(mail.text).toContain('Der Preis fehlt.');
      expect(mail.text).toContain(offer.title);
      expect(mail.text).toContain(operator.email);
      expect(mail.text).not.toMatch(/antworten Sie auf diese E-Mail|reply to this email/);
    }
    expect(await auditSince(before)).toEqual([
      expect.objectContaining({
        action: 'admin.offer_unpublished',
        actorUserId: meta.adminId,
        targetType: 'offer',
        targetId: String(offer.id),
        detail: { reason: 'Der Preis fehlt.' },
      }),
    ]);
  });
});

describe('audit: every change an admin makes with the office’s tools', () => {
  it('leaves exactly one row, naming the admin and the record changed', async () => {
    const counsellorNoTotp = await userId(DEMO_ACCOUNTS.counsellorNoTotp.email);
    const member = await userId(DEMO_ACCOUNTS.otherProviderEditor.email);
    const citizen = await userId(DEMO_ACCOUNTS.citizen.email);
    const [topic] = await db.sql<{ id: number }[]>`select id from counselling_topics order by id limit 1`;
    const offer = await publishedOfferOf(demoProvider);
    const waiting = await publishedOfferOf(demoProvider).then(async (o) => {
      const [next] = await db.sql<{ id: number }[]>`
        select id from offers where provider_id = ${demoProvider} and status = 'published' and id <> ${o.id} order by id limit 1`;
      await db.sql`update offers set status = 'draft', review_requested_at = now() where id = ${next!.id}`;
      return next!.id;
    });
    let invitation = 0;
    const office = {
      slug: 'stadtteil-ost',
      name: 'Beratung Ost',
      street: 'Oststraße 1',
      postcode: '34123',
      city: 'Kassel',
      hours1: '09:00-12:00',
      active: 'on',
    };

    const steps: {
      run: () => Promise<unknown>;
      action: string;
      targetType: string;
      targetId: () => string;
    }[] = [
      {
        run: () =>
          inviteStaff(
            { email: 'neue.beraterin@wegweiser.test', role: 'counsellor', locale: 'de' },
            { ...meta, baseUrl: meta.baseUrl },
          ),
        action: 'admin.invite',
        targetType: 'invitation',
        targetId: () => String(invitation),
      },
      {
        run: () => revokeInvitation(invitation, meta),
        action: 'admin.invite_revoked',
        targetType: 'invitation',
        targetId: () => String(invitation),
      },
      {
        run: () => setUserStatus(citizen, 'disabled', meta),
        action: 'admin.user_disabled',
        targetType: 'user',
        targetId: () => String(citizen),
      },
      {
        run: () => setUserStatus(citizen, 'active', meta),
        action: 'admin.user_enabled',
        targetType: 'user',
        targetId: () => String(citizen),
      },
      {
        run: () => resetSecondFactor(counsellorNoTotp, meta),
        action: 'admin.second_factor_reset',
        targetType: 'user',
        targetId: () => String(counsellorNoTotp),
      },
      {
        run: () => setMemberStatus(member, 'suspended', meta),
        action: 'admin.member_suspended',
        targetType: 'user',
        targetId: () => String(member),
      },
      {
        run: () => setMemberStatus(member, 'active', meta),
        action: 'admin.member_reinstated',
        targetType: 'user',
        targetId: () => String(member),
      },
      {
        run: () =>
          setProviderStatus(demoProvider, { status: 'suspended', reason: 'Zur Prüfung gesperrt.' }, meta),
        action: 'admin.provider_suspended',
        targetType: 'provider',
        targetId: () => String(demoProvider),
      },
      {
        run: () => setProviderStatus(demoProvider, { status: 'approved' }, meta),
        action: 'admin.provider_approved',
        targetType: 'provider',
        targetId: () => String(demoProvider),
      },
      {
        run: () => setPreModeration(demoProvider, true, meta),
        action: 'admin.pre_moderation_on',
        targetType: 'provider',
        targetId: () => String(demoProvider),
      },
      {
        run: () => setPreModeration(demoProvider, false, meta),
        action: 'admin.pre_moderation_off',
        targetType: 'provider',
        targetId: () => String(demoProvider),
      },
      {
        run: () => approveOffer(waiting, meta),
        action: 'admin.offer_approved',
        targetType: 'offer',
        targetId: () => String(waiting),
      },
      {
        run: () => unpublishOffer(offer.id, 'Die Anmeldung fehlt.', meta),
        action: 'admin.offer_unpublished',
        targetType: 'offer',
        targetId: () => String(offer.id),
      },
      {
        run: () => setHolidayState('HE', meta),
        action: 'admin.booking_state',
        targetType: 'booking_settings',
        targetId: () => 'state',
      },
      {
        run: () =>
          saveTopicSettings(
            topicSettingsSchema.parse({
              id: String(topic!.id),
              slotMinutes: '45',
              bufferMinutes: '15',
              minNoticeMinutes: '120',
              windowDays: '60',
              channels: ['phone'],
              active: 'on',
            }),
            meta,
          ),
        action: 'admin.topic_updated',
        targetType: 'counselling_topic',
        targetId: () => String(topic!.id),
      },
      {
        run: () =>
          createTopic(
            newTopicSchema.parse({
              slug: 'anerkennung',
              name: 'Anerkennung',
              slotMinutes: '45',
              bufferMinutes: '15',
            }),
            meta,
          ),
        action: 'admin.topic_created',
        targetType: 'counselling_topic',
        targetId: () => 'anerkennung',
      },
      {
        run: () => saveOffice(officeSchema.parse(office), meta),
        action: 'admin.office_created',
        targetType: 'counselling_office',
        targetId: () => 'stadtteil-ost',
      },
      {
        run: async () => {
          const [row] = await db.sql<{ id: number }[]>`select id from offices where slug = 'stadtteil-ost'`;
          await saveOffice(
            officeSchema.parse({ ...office, id: String(row!.id), name: 'Beratung Kassel-Ost' }),
            meta,
          );
        },
        action: 'admin.office_updated',
        targetType: 'counselling_office',
        targetId: () => '', // checked below: the office's id
      },
      {
        // A closure day is saved with its decisions for covered appointments (none here).
        run: () =>
          saveClosureDay(db.sql, { day: '2027-01-02', name: 'Brückentag' }, null, {
            baseUrl: meta.baseUrl,
            actor: { userId: meta.adminId, ip: meta.ip },
          }),
        action: 'admin.closure_day_added',
        targetType: 'closure_day',
        targetId: () => '2027-01-02',
      },
      {
        run: () => removeClosureDay('2027-01-02', meta),
        action: 'admin.closure_day_removed',
        targetType: 'closure_day',
        targetId: () => '2027-01-02',
      },
    ];

    const problems: string[] = [];
    for (const step of steps) {
      const before = await lastAuditId();
      await step.run();
      if (step.action === 'admin.invite') {
        const [row] = await db.sql<
          { id: number }[]
        >`select id from invitations where email = 'neue.beraterin@wegweiser.test'`;
        invitation = row!.id;
      }
      const rows = await auditSince(before);
      let expectedTarget = step.targetId();
      if (step.action === 'admin.office_updated') {
        const [row] = await db.sql<{ id: number }[]>`select id from offices where slug = 'stadtteil-ost'`;
        expectedTarget = String(row!.id);
      }
      const ok =
        rows.length === 1 &&
        rows[0]!.action === step.action &&
        rows[0]!.actorUserId === meta.adminId &&
        rows[0]!.targetType === step.targetType &&
        rows[0]!.targetId === expectedTarget;
      if (!ok) problems.push(`${step.action}: ${JSON.stringify(rows)}`);
    }
    expect(problems).toEqual([]);
  });
});
