import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startJobs, stopJobs } from '../../app/jobs/boss.server';
import {
  approveOffer,
  listOffers,
  setPreModeration,
  unpublishOffer,
} from '../../app/modules/admin/admin.server';
import { searchQuerySchema } from '../../app/modules/catalogue/schemas';
import { searchCatalogue } from '../../app/modules/catalogue/search.server';
import {
  applyImport,
  checkUpload,
  getImport,
  type ImportPlan,
} from '../../app/modules/providers/imports.server';
import {
  type Actor,
  applyBulk,
  createOffer,
  duplicate,
  getOwnOffer,
  saveRun,
  setStatus,
} from '../../app/modules/providers/offers.server';
import { offerSchema, runSchema } from '../../app/modules/providers/schemas';
import { todayInBerlin } from '../../app/utils/clock.server';
import { resetEnvCache } from '../../app/utils/env.server';
import { DEMO_ACCOUNTS, seedDemoAccounts } from '../../db/seed/accounts';
import { seedDemoData } from '../../db/seed/seed';
import { createTestDatabase, type TestDatabase } from '../setup/database';

/** Moderation: pre-moderated offers wait for an admin; an admin can unpublish with a reason the provider receives. */
let db: TestDatabase;
let actor: Actor;
let admin: { adminId: number; ip: null; baseUrl: string };

beforeAll(async () => {
  db = await createTestDatabase();
  delete process.env.SMTP_URL;
  resetEnvCache();
  await seedDemoData(db.sql, { seed: 9, offers: 60, baseDate: '2026-11-24' });
  await seedDemoAccounts(db.sql);
  await startJobs(db.url, { work: false });
  const [owner] = await db.sql<{ userId: number; providerId: number }[]>`
    select m.user_id as "userId", m.provider_id as "providerId" from provider_members m join users u on u.id = m.user_id
    where u.email = ${DEMO_ACCOUNTS.providerOwner.email}`;
  actor = { userId: owner!.userId, providerId: owner!.providerId, ip: null };
  const [a] = await db.sql<{ id: number }[]>`select id from users where email = ${DEMO_ACCOUNTS.admin.email}`;
  admin = { adminId: a!.id, ip: null, baseUrl: 'https://wegweiser.example' };
});

afterAll(async () => {
  await stopJobs();
  await db.drop();
});

const found = async (title: string) =>
  (await searchCatalogue(searchQuerySchema.parse({ q: title }), { log: false })).hits.some(
    (h) => h.title === title,
  );

async function offerWithRun(title: string) {
  const id = await createOffer(
    actor,
    offerSchema.parse({
      title,
      summary: 'Ein Kurs, den das Bildungsbüro vorher ansieht.',
      category: 'sprachen',
      language: 'en',
    }),
  );
  await saveRun(actor, id, null, runSchema.parse({ startsOn: '2027-03-01', format: 'online' }));
  return id;
}

describe('moderation', () => {
  it('holds a pre-moderated offer for review, and the admin publishes it', async () => {
    await setPreModeration(actor.providerId, true, admin);
    const title = 'Englisch Konversation Leuchtturm';
    const id = await offerWithRun(title);
    expect(await setStatus(actor, id, 'published', true)).toBe('review_requested');
    expect((await getOwnOffer(actor, id)).offer.status).toBe('draft');
    expect(await found(title)).toBe(false);
    expect((await listOffers({ status: 'review', page: 1 })).offers[0]).toMatchObject({
      id,
      reviewRequestedAt: expect.any(Date),
    });

    await approveOffer(id, admin);
    expect((await getOwnOffer(actor, id)).offer.status).toBe('published');
    expect(await found(title)).toBe(true);
    await setPreModeration(actor.providerId, false, admin);
  });

  it('unpublishes with a reason: out of the search at once, the owner gets the reason by mail and on the offer', async () => {
    const title = 'Englisch Grammatik Windmühle';
    const id = await offerWithRun(title);
    expect(await setStatus(actor, id, 'published', true)).toBe('published');
    expect(await found(title)).toBe(true);
    expect((await listOffers({ q: title, page: 1 })).offers.map((o) => o.id)).toEqual([id]);

    await unpublishOffer(id, 'Die Termine fehlen in der Beschreibung.', admin);
    expect(await found(title)).toBe(false);
    const own = await getOwnOffer(actor, id);
    expect(own.offer.status).toBe('draft');
    expect(own.moderation.note).toBe('Die Termine fehlen in der Beschreibung.');
    const [mail] = await db.sql<{ text: string; template: string }[]>`
      select data->>'text' as text, data->>'template' as template from pgboss.job
      where name = 'mail' and data->>'to' = ${DEMO_ACCOUNTS.providerOwner.email} order by created_on desc limit 1`;
    expect(mail?.template).toBe('offerUnpublished');
    expect(mail?.text).toContain('Die Termine fehlen in der Beschreibung.');
    expect(mail?.text).toContain(title);
    await expect(unpublishOffer(id, 'nochmal', admin)).rejects.toThrow('not_found');
  });
});

/** The audit rows of one action on one offer: who did it, and that there is exactly one. */
async function auditRows(action: string, offerId: number) {
  return db.sql<{ actor: number; detail: Record<string, unknown> }[]>`
    select actor_user_id::int as actor, detail from audit_log
    where action = ${action} and target_type = 'offer' and target_id = ${String(offerId)} order by id`;
}

describe('a take-down holds (issue 14 #10)', () => {
  it('puts a taken-down offer into review on "publish", keeps the reason until the office publishes it again', async () => {
    const title = 'Englisch Alltag Seepferdchen';
    const id = await offerWithRun(title);
    expect(await setStatus(actor, id, 'published', true)).toBe('published');
    await unpublishOffer(id, 'Der Preis fehlt.', admin);
    expect(await found(title)).toBe(false);

    // The provider presses "publish": the offer waits for the office, out of the search.
    expect(await setStatus(actor, id, 'published', true)).toBe('review_requested');
    const own = await getOwnOffer(actor, id);
    expect(own.offer.status).toBe('draft');
    expect(own.moderation).toEqual({ reviewRequested: true, note: 'Der Preis fehlt.' });
    expect(await found(title)).toBe(false);
    const waiting = (await listOffers({ status: 'review', page: 1, q: title })).offers;
    expect(waiting.map((o) => [o.id, o.moderationNote])).toEqual([[id, 'Der Preis fehlt.']]);
    expect(await auditRows('offer.review_requested', id)).toEqual([
      { actor: actor.userId, detail: { takenDown: true } },
    ]);

    // Asking again changes nothing; the office publishes, and only then is the notice gone.
    expect(await setStatus(actor, id, 'published', true)).toBe('review_requested');
    await approveOffer(id, admin);
    const after = await getOwnOffer(actor, id);
    expect(after.offer.status).toBe('published');
    expect(after.moderation).toEqual({ reviewRequested: false, note: null });
    expect(await found(title)).toBe(true);
    expect(await auditRows('admin.offer_approved', id)).toEqual([{ actor: admin.adminId, detail: {} }]);
  });

  it('a copy of a taken-down offer is held too: its "publish" asks the office (single and bulk duplicate)', async () => {
    const id = await offerWithRun('Englisch Kopie Kormoran');
    await setStatus(actor, id, 'published', true);
    await unpublishOffer(id, 'Falscher Anbieter.', admin);
    const single = await duplicate(actor, id, 26, ' (Kopie)');
    await applyBulk(actor, 'duplicate', [id], 52);
    const [bulk] = await db.sql<{ id: number }[]>`
      select id from offers where title = 'Englisch Kopie Kormoran' and id <> ${id} and provider_id = ${actor.providerId}`;
    for (const copy of [single, bulk!.id]) {
      expect(await setStatus(actor, copy, 'published', true)).toBe('review_requested');
      expect((await getOwnOffer(actor, copy)).moderation).toEqual({
        reviewRequested: true,
        note: 'Falscher Anbieter.',
      });
    }
    expect(await found('Englisch Kopie Kormoran')).toBe(false);
  });

  it('archiving a taken-down offer in review withdraws the request: an approval can no longer publish it', async () => {
    const id = await offerWithRun('Englisch Reisen Möwe');
    await setStatus(actor, id, 'published', true);
    await unpublishOffer(id, 'Doppelt angelegt.', admin);
    expect(await setStatus(actor, id, 'published', true)).toBe('review_requested');
    expect(await setStatus(actor, id, 'archived', true)).toBe('archived');
    expect((await getOwnOffer(actor, id)).moderation).toEqual({
      reviewRequested: false,
      note: 'Doppelt angelegt.',
    });
    await expect(approveOffer(id, admin)).rejects.toThrow('not_found');
    expect((await getOwnOffer(actor, id)).offer.status).toBe('archived');
  });

  it('an import never puts a taken-down offer back into the search: unchanged it stays, changed it goes to review', async () => {
    const start = todayInBerlin(new Date(Date.now() + 60 * 86_400_000));
    const csv = (title: string) =>
      `Kennung;Titel;Kurzbeschreibung;Bereich;Beginn;Format\nTD-1;${title};Ein Kurs aus dem Kurssystem.;sprachen;${start};online\n`;
    const upload = async (content: string) => {
      const importId = await checkUpload(actor, {
        filename: 'k.csv',
        content,
        format: 'csv',
        fullImport: false,
      });
      return { importId, plan: (await getImport(actor, importId)).plan as unknown as ImportPlan };
    };
    const first = await upload(csv('Spanisch Kranich'));
    await applyImport(actor, first.importId);
    const [row] = await db.sql<{ id: number }[]>`
      select id from offers where provider_id = ${actor.providerId} and external_id = 'TD-1'`;
    const id = row!.id;
    expect(await found('Spanisch Kranich')).toBe(true);
    await unpublishOffer(id, 'Der Kurs findet nicht statt.', admin);

    // The same file: nothing to do, the take-down stands.
    const same = await upload(csv('Spanisch Kranich'));
    expect(same.plan).toMatchObject({ unchanged: 1, updated: 0, held: 0 });
    await applyImport(actor, same.importId);
    expect((await getOwnOffer(actor, id)).offer.status).toBe('draft');
    expect(await found('Spanisch Kranich')).toBe(false);

    // A changed record (a title without words the search reads as filters, like "am Abend"): written, but it waits for the office with the reason kept.
    const changed = await upload(csv('Spanisch Kranich Teil Zwei'));
    expect(changed.plan).toMatchObject({ updated: 1, held: 1, searchable: 0 });
    const result = await applyImport(actor, changed.importId);
    expect(result).toMatchObject({ updated: 1, held: 1, searchable: 0 });
    const own = await getOwnOffer(actor, id);
    expect(own.offer.status).toBe('draft');
    expect(own.offer.title).toBe('Spanisch Kranich Teil Zwei');
    expect(own.moderation).toEqual({ reviewRequested: true, note: 'Der Kurs findet nicht statt.' });
    expect(await found('Spanisch Kranich Teil Zwei')).toBe(false);
    await approveOffer(id, admin);
    expect(await found('Spanisch Kranich Teil Zwei')).toBe(true);
  });
});
