import type { OrganisationInput } from '../../app/modules/providers/schemas';
import type { Db } from '../client.server';
import type { ProviderRecord } from './offers.server';

/** The provider's own record, as on its public page (without the slug, which never changes). */
export type ProfileRow = Omit<ProviderRecord, 'slug'>;

export async function findProfile(db: Db, providerId: number): Promise<ProfileRow | null> {
  const [row] = await db<ProfileRow[]>`
    select id, name, kind, status, description, street, postcode, city, website, email, phone, certifications
    from providers where id = ${providerId}`;
  return row ?? null;
}

export async function updateProfile(db: Db, providerId: number, o: OrganisationInput) {
  const certifications = o.azavNumber
    ? [
        {
          type: 'AZAV',
          number: o.azavNumber,
          certifier: o.azavCertifier ?? '',
          ...(o.azavValidUntil ? { validUntil: o.azavValidUntil } : {}),
        },
      ]
    : [];
  // The point follows the postcode (radius search); an unknown postcode leaves it empty.
  await db`
    update providers set name = ${o.name}, kind = ${o.kind}, description = ${o.description}, street = ${o.street},
      postcode = ${o.postcode}, city = ${o.city}, website = ${o.website}, email = ${o.email}, phone = ${o.phone},
      certifications = ${db.json(certifications)},
      latitude = (select avg(latitude) from postcodes where zipcode = ${o.postcode}),
      longitude = (select avg(longitude) from postcodes where zipcode = ${o.postcode}),
      updated_at = now()
    where id = ${providerId}`;
}

export async function offerIdsOfProvider(db: Db, providerId: number): Promise<number[]> {
  return (await db<{ id: number }[]>`select id from offers where provider_id = ${providerId}`).map(
    (r) => r.id,
  );
}

export async function membersOf(db: Db, providerId: number) {
  return db<
    {
      userId: number;
      displayName: string | null;
      email: string | null;
      role: 'owner' | 'editor';
      status: 'active' | 'suspended';
    }[]
  >`
    select u.id as "userId", u.display_name as "displayName", u.email, m.role, m.status
    from provider_members m join users u on u.id = m.user_id
    where m.provider_id = ${providerId} order by m.role desc, u.display_name`;
}

export interface MemberLock {
  userId: number;
  role: 'owner' | 'editor';
  status: 'active' | 'suspended';
}

/**
 * The provider's memberships, locked for the rest of the transaction: two owners changing
 * roles at once can't both step down and leave the provider without one.
 */
export async function lockMembers(db: Db, providerId: number): Promise<MemberLock[]> {
  return db<MemberLock[]>`
    select user_id as "userId", role, status from provider_members
    where provider_id = ${providerId} order by user_id for update`;
}

export async function setMemberRole(db: Db, providerId: number, userId: number, role: 'owner' | 'editor') {
  await db`update provider_members set role = ${role} where provider_id = ${providerId} and user_id = ${userId}`;
}

/**
 * Ends a membership. The account stays the person's own (an ordinary citizen account from
 * now on): what they keep there, such as saved self-assessments, is theirs, not the provider's.
 */
export async function endMembership(db: Db, providerId: number, userId: number): Promise<boolean> {
  const rows = await db`
    delete from provider_members where provider_id = ${providerId} and user_id = ${userId} returning 1`;
  if (rows.count !== 1) return false;
  await db`update users set role = 'citizen', updated_at = now() where id = ${userId} and role = 'provider'`;
  return true;
}
