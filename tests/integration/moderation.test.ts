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
  type Actor,
  createOffer,
  getOwnOffer,
  saveRun,
  setStatus,
} from '../../app/modules/providers/offers.server';
import { offerSchema, runSchema } from '../../app/modules/providers/schemas';
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
