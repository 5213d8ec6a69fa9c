import type { Db } from '../client.server';

/**
 * A provider registered by its owner at sign-up: pending until an admin approves it.
 * The owner's sign-in address is not copied in: the public contact is entered separately.
 */
export async function createProviderForSignUp(
  db: Db,
  p: { name: string; kind: string; slugBase: string },
): Promise<number> {
  // The slug must be unique: the first free of base, base-2, base-3, …
  const [free] = await db<{ slug: string }[]>`
    select s.slug from (
      select ${p.slugBase}::text as slug, 1 as n
      union all select ${p.slugBase} || '-' || g, g from generate_series(2, 1000) g
    ) s where not exists (select 1 from providers where providers.slug = s.slug)
    order by s.n limit 1`;
  const slug = free?.slug ?? `${p.slugBase}-${Date.now().toString(36)}`;
  const [row] = await db<{ id: number }[]>`
    insert into providers (slug, name, kind, status)
    values (${slug}, ${p.name}, ${p.kind}, 'pending') returning id`;
  return row!.id;
}

export interface AdminProviderRow {
  id: number;
  slug: string;
  name: string;
  kind: string;
  status: 'pending' | 'approved' | 'suspended';
  preModeration: boolean;
  createdAt: Date;
  offers: number;
  members: {
    userId: number;
    email: string | null;
    displayName: string | null;
    role: 'owner' | 'editor';
    status: 'active' | 'suspended';
  }[];
}

export async function listProvidersForAdmin(
  db: Db,
  f: { status?: string; q?: string; limit: number; offset: number },
) {
  return db<AdminProviderRow[]>`
    select p.id, p.slug, p.name, p.kind, p.status, p.pre_moderation as "preModeration", p.created_at as "createdAt",
           (select count(*)::int from offers o where o.provider_id = p.id and o.status = 'published') as offers,
           coalesce((select json_agg(json_build_object('userId', u.id, 'email', u.email, 'displayName', u.display_name,
                                                       'role', m.role, 'status', m.status) order by m.role desc, u.id)
                     from provider_members m join users u on u.id = m.user_id where m.provider_id = p.id), '[]') as members
    from providers p
    where true
      ${f.status ? db`and p.status = ${f.status}` : db``}
      ${f.q ? db`and p.name ilike ${`%${f.q.replace(/[%_\\]/g, '\\$&')}%`}` : db``}
    order by (p.status = 'pending') desc, p.created_at desc, p.id desc
    limit ${f.limit} offset ${f.offset}`;
}

export async function countProvidersByStatus(db: Db) {
  return db<
    { status: string; n: number }[]
  >`select status, count(*)::int as n from providers group by status`;
}

export async function setProviderStatus(db: Db, id: number, status: 'approved' | 'suspended') {
  const [row] = await db<{ name: string }[]>`
    update providers set status = ${status}, updated_at = now() where id = ${id} returning name`;
  return row ?? null;
}

export async function providerOwners(db: Db, providerId: number) {
  return db<{ id: number; email: string; locale: string }[]>`
    select u.id, u.email, u.locale from provider_members m join users u on u.id = m.user_id
    where m.provider_id = ${providerId} and m.role = 'owner' and u.status = 'active'`;
}

export async function setMemberStatus(db: Db, userId: number, status: 'active' | 'suspended') {
  const [row] = await db<{ providerId: number }[]>`
    update provider_members set status = ${status} where user_id = ${userId} returning provider_id as "providerId"`;
  return row ?? null;
}

export async function providerOfferIds(db: Db, providerId: number): Promise<number[]> {
  return (await db<{ id: number }[]>`select id from offers where provider_id = ${providerId}`).map(
    (r) => r.id,
  );
}
