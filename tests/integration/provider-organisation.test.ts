import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSession, validateSessionToken } from '../../app/auth/session.server';
import { startJobs, stopJobs } from '../../app/jobs/boss.server';
import { acceptInvitation } from '../../app/modules/admin/admin.server';
import type { Actor } from '../../app/modules/providers/offers.server';
import {
  changeMemberRole,
  getOrganisation,
  inviteMember,
  leaveProvider,
  removeMember,
  team,
  transferOwnership,
  updateOrganisation,
} from '../../app/modules/providers/organisation.server';
import { organisationSchema } from '../../app/modules/providers/schemas';
import { resetEnvCache } from '../../app/utils/env.server';
import { AppError } from '../../app/utils/errors';
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

describe('the team (issue 14 #16)', () => {
  let provider: number;
  let other: Actor;
  const actorOf = (userId: number): Actor => ({ userId, providerId: provider, ip: null });
  async function member(email: string, role: 'owner' | 'editor', providerId = provider) {
    const [u] = await db.sql<{ id: number }[]>`
      insert into users (email, role, display_name) values (${email}, 'provider', ${email.split('@')[0]!}) returning id`;
    await db.sql`insert into provider_members (user_id, provider_id, role) values (${u!.id}, ${providerId}, ${role})`;
    return u!.id;
  }
  const roles = async () =>
    Object.fromEntries((await team(provider)).members.map((m) => [m.email!.split('@')[0]!, m.role] as const));
  const audits = (action: string, userId: number) =>
    db.sql<{ actor: number; detail: Record<string, unknown> }[]>`
      select actor_user_id::int as actor, detail from audit_log
      where action = ${action} and target_type = 'user' and target_id = ${String(userId)} order by id`;

  beforeAll(async () => {
    const [p] = await db.sql<{ id: number }[]>`
      insert into providers (slug, name, kind, status) values ('lernhaus', 'Lernhaus', 'trainer', 'approved') returning id`;
    provider = p!.id;
    const [q] = await db.sql<{ id: number }[]>`
      insert into providers (slug, name, kind, status) values ('fremd', 'Fremdes Haus', 'trainer', 'approved') returning id`;
    other = { userId: await member('fremd@fremd.example', 'owner', q!.id), providerId: q!.id, ip: null };
  });

  it('removes a member: every session of theirs ends at once, the account stays a personal one, audited', async () => {
    const boss = await member('boss@lernhaus.example', 'owner');
    const leaver = await member('leaver@lernhaus.example', 'editor');
    const first = await createSession(db.sql, leaver, 'staff');
    const second = await createSession(db.sql, leaver, 'staff');
    expect((await validateSessionToken(db.sql, first.token)).session).not.toBeNull();

    await removeMember(actorOf(boss), leaver);
    // Deleted, not merely refused later: no row of theirs is left to sign in with.
    expect(await db.sql`select 1 from sessions where user_id = ${leaver}`).toHaveLength(0);
    expect((await validateSessionToken(db.sql, first.token)).session).toBeNull();
    expect((await validateSessionToken(db.sql, second.token)).session).toBeNull();
    expect(await roles()).not.toHaveProperty('leaver');
    const [account] = await db.sql`select role, status from users where id = ${leaver}`;
    expect(account).toEqual({ role: 'citizen', status: 'active' });
    expect(await audits('provider.member_removed', leaver)).toEqual([
      { actor: boss, detail: { provider, role: 'editor' } },
    ]);
    // Gone is gone: a second removal finds nobody.
    await expect(removeMember(actorOf(boss), leaver)).rejects.toEqual(new AppError('not_found'));
  });

  it('refuses another provider’s member as not found, and an owner’s removal of themselves', async () => {
    const boss = (await team(provider)).members.find((m) => m.role === 'owner')!.userId;
    await expect(removeMember(actorOf(boss), other.userId)).rejects.toEqual(new AppError('not_found'));
    await expect(changeMemberRole(actorOf(boss), other.userId, 'editor')).rejects.toEqual(
      new AppError('not_found'),
    );
    await expect(transferOwnership(actorOf(boss), other.userId)).rejects.toEqual(new AppError('not_found'));
    // The other provider's owner can't reach into this team either.
    await expect(removeMember(other, boss)).rejects.toEqual(new AppError('not_found'));
    await expect(removeMember(actorOf(boss), boss)).rejects.toEqual(new AppError('conflict', 'remove_self'));
    expect((await db.sql`select 1 from provider_members where user_id = ${other.userId}`).length).toBe(1);
  });

  it('changes a role, never leaving the provider without an owner; an editor can’t manage', async () => {
    const boss = (await team(provider)).members.find((m) => m.role === 'owner')!.userId;
    const ed = await member('ed@lernhaus.example', 'editor');
    await changeMemberRole(actorOf(boss), ed, 'owner');
    expect(await roles()).toMatchObject({ boss: 'owner', ed: 'owner' });
    expect(await audits('provider.member_role_changed', ed)).toEqual([
      { actor: boss, detail: { provider, from: 'editor', to: 'owner' } },
    ]);
    await changeMemberRole(actorOf(ed), boss, 'editor');
    // Now ed is the only owner: stepping down is refused, and boss (an editor now) manages nothing.
    await expect(changeMemberRole(actorOf(ed), ed, 'editor')).rejects.toEqual(
      new AppError('conflict', 'last_owner'),
    );
    await expect(changeMemberRole(actorOf(boss), boss, 'owner')).rejects.toEqual(new AppError('forbidden'));
    await expect(removeMember(actorOf(boss), ed)).rejects.toEqual(new AppError('forbidden'));
    expect(await roles()).toMatchObject({ boss: 'editor', ed: 'owner' });
    await changeMemberRole(actorOf(ed), boss, 'owner');
  });

  it('hands the ownership over in one step after which the former owner is an editor', async () => {
    const boss = (await team(provider)).members.find((m) => m.email === 'boss@lernhaus.example')!.userId;
    await changeMemberRole(
      actorOf(boss),
      (await team(provider)).members.find((m) => m.email === 'ed@lernhaus.example')!.userId,
      'editor',
    );
    const heir = await member('heir@lernhaus.example', 'editor');
    await transferOwnership(actorOf(boss), heir);
    expect(await roles()).toMatchObject({ boss: 'editor', heir: 'owner' });
    expect(await audits('provider.ownership_transferred', heir)).toEqual([
      { actor: boss, detail: { provider, previousOwner: boss } },
    ]);
    await expect(transferOwnership(actorOf(boss), heir)).rejects.toEqual(new AppError('forbidden'));
  });

  it('lets a member leave (sessions end, audited); the last owner can’t', async () => {
    const heir = (await team(provider)).members.find((m) => m.email === 'heir@lernhaus.example')!.userId;
    const boss = (await team(provider)).members.find((m) => m.email === 'boss@lernhaus.example')!.userId;
    const session = await createSession(db.sql, boss, 'staff');
    await leaveProvider(actorOf(boss));
    expect(await db.sql`select 1 from sessions where user_id = ${boss}`).toHaveLength(0);
    expect((await validateSessionToken(db.sql, session.token)).session).toBeNull();
    expect(await roles()).not.toHaveProperty('boss');
    expect(await audits('provider.member_left', boss)).toEqual([
      { actor: boss, detail: { provider, role: 'editor' } },
    ]);
    const owners = (await team(provider)).members.filter((m) => m.role === 'owner');
    expect(owners.map((m) => m.userId)).toEqual([heir]);
    await expect(leaveProvider(actorOf(heir))).rejects.toEqual(new AppError('conflict', 'last_owner'));
    await expect(leaveProvider(actorOf(boss))).rejects.toEqual(new AppError('not_found'));
  });
});
