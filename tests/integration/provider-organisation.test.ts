import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startJobs, stopJobs } from '../../app/jobs/boss.server';
import { acceptInvitation } from '../../app/modules/admin/admin.server';
import type { Actor } from '../../app/modules/providers/offers.server';
import {
  getOrganisation,
  inviteMember,
  team,
  updateOrganisation,
} from '../../app/modules/providers/organisation.server';
import { organisationSchema } from '../../app/modules/providers/schemas';
import { resetEnvCache } from '../../app/utils/env.server';
import { createTestDatabase, type TestDatabase } from '../setup/database';

/** The owner keeps the organisation's profile and invites staff, who join as its members. */
let db: TestDatabase;
let owner: Actor;

beforeAll(async () => {
  db = await createTestDatabase();
  delete process.env.SMTP_URL;
  resetEnvCache();
  const [p] = await db.sql<{ id: number }[]>`
    insert into providers (slug, name, kind, status) values ('bildungswerk', 'Bildungswerk', 'trainer', 'pending') returning id`;
  const [u] = await db.sql<
    { id: number }[]
  >`insert into users (email, role) values ('chefin@bildungswerk.example', 'provider') returning id`;
  await db.sql`insert into provider_members (user_id, provider_id, role) values (${u!.id}, ${p!.id}, 'owner')`;
  owner = { userId: u!.id, providerId: p!.id, ip: null };
  await startJobs(db.url, { work: false });
});

afterAll(async () => {
  await stopJobs();
  await db.drop();
});

describe('organisation', () => {
  it('saves the profile with its AZAV certification and places it by postcode', async () => {
    await updateOrganisation(
      owner,
      organisationSchema.parse({
        name: 'Bildungswerk Nordhessen',
        kind: 'trainer',
        description: 'Umschulungen und Weiterbildungen mit Bildungsgutschein.',
        street: 'Königsplatz 1',
        postcode: '34117',
        city: 'Kassel',
        website: 'https://bildungswerk.example',
        email: 'Kontakt@Bildungswerk.example',
        phone: '0561 123456',
        azavNumber: 'AZAV-12345',
        azavCertifier: 'Zertifizierungsstelle Beispiel GmbH',
        azavValidUntil: '2028-06-30',
      }),
    );
    const org = await getOrganisation(owner.providerId);
    expect(org).toMatchObject({
      name: 'Bildungswerk Nordhessen',
      email: 'kontakt@bildungswerk.example',
      status: 'pending',
    });
    expect(org.certifications).toEqual([
      {
        type: 'AZAV',
        number: 'AZAV-12345',
        certifier: 'Zertifizierungsstelle Beispiel GmbH',
        validUntil: '2028-06-30',
      },
    ]);
    const [point] = await db.sql`select latitude from providers where id = ${owner.providerId}`;
    expect(point!.latitude).toBeGreaterThan(51);
  });

  it('refuses a certification number without its certifier, and a bad phone number', () => {
    const result = organisationSchema.safeParse({
      name: 'X Y',
      kind: 'trainer',
      azavNumber: '1',
      phone: 'ruf an',
    });
    expect(result.success).toBe(false);
    expect(Object.keys(result.error!.flatten().fieldErrors).sort()).toEqual(['azavCertifier', 'phone']);
  });

  it('invites a member by link who joins as editor of this provider', async () => {
    await inviteMember(
      owner,
      { email: 'neu@bildungswerk.example', role: 'editor', locale: 'de' },
      'https://wegweiser.example',
    );
    const [mail] = await db.sql<{ text: string }[]>`
      select data->>'text' as text from pgboss.job where name = 'mail' and data->>'to' = 'neu@bildungswerk.example'`;
    const token = new URL(/https:\/\/\S+/.exec(mail!.text)![0]).searchParams.get('token')!;
    const accepted = await acceptInvitation(token, 'Nils Neu', 'Kurse pflegen mit Freude', null);
    expect(accepted?.role).toBe('provider');
    const { members, invitations } = await team(owner.providerId);
    expect(members.map((m) => [m.email, m.role])).toContainEqual(['neu@bildungswerk.example', 'editor']);
    expect(invitations[0]?.acceptedAt).toBeTruthy();
    await expect(
      inviteMember(
        owner,
        { email: 'neu@bildungswerk.example', role: 'editor', locale: 'de' },
        'https://wegweiser.example',
      ),
    ).rejects.toThrow('email_taken');
  });
});
