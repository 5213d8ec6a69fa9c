import type { Db } from '../client.server';

export interface AdminUserRow {
  id: number;
  email: string | null;
  displayName: string | null;
  role: string;
  status: string;
  emailVerified: boolean;
  totpEnabled: boolean;
  createdAt: Date;
  lastSeenAt: Date | null;
  providerName: string | null;
}

export async function listUsers(
  db: Db,
  f: { q?: string; role?: string; status?: string; limit: number; offset: number },
) {
  return db<AdminUserRow[]>`
    select u.id, u.email, u.display_name as "displayName", u.role, u.status,
           u.email_verified_at is not null as "emailVerified", u.totp_enabled_at is not null as "totpEnabled",
           u.created_at as "createdAt",
           (select max(last_seen_at) from sessions s where s.user_id = u.id) as "lastSeenAt",
           p.name as "providerName"
    from users u
    left join provider_members m on m.user_id = u.id
    left join providers p on p.id = m.provider_id
    where u.status <> 'deleted'
      ${f.role ? db`and u.role = ${f.role}` : db``}
      ${f.status ? db`and u.status = ${f.status}` : db``}
      ${f.q ? db`and (u.email like ${`%${f.q.toLowerCase().replace(/[%_\\]/g, '\\$&')}%`} or u.display_name ilike ${`%${f.q.replace(/[%_\\]/g, '\\$&')}%`})` : db``}
    order by u.created_at desc, u.id desc
    limit ${f.limit} offset ${f.offset}`;
}

export async function countUsers(db: Db) {
  return db<{ role: string; status: string; n: number }[]>`
    select role, status, count(*)::int as n from users group by role, status order by role, status`;
}

export async function insertInvitation(
  db: Db,
  i: {
    tokenHash: string;
    email: string;
    role: 'counsellor' | 'planner' | 'admin' | 'provider';
    counsellorId: number | null;
    provider?: { id: number; role: 'owner' | 'editor' };
    invitedBy: number;
    locale: string;
    expiresAt: Date;
  },
) {
  const [row] = await db<{ id: number }[]>`
    insert into invitations (token_hash, email, role, counsellor_id, provider_id, provider_role, invited_by, locale, expires_at)
    values (${i.tokenHash}, ${i.email}, ${i.role}, ${i.counsellorId}, ${i.provider?.id ?? null}, ${i.provider?.role ?? null},
            ${i.invitedBy}, ${i.locale}, ${i.expiresAt})
    returning id`;
  return row!.id;
}

export interface InvitationRow {
  id: number;
  email: string;
  role: 'counsellor' | 'planner' | 'admin' | 'provider';
  providerId: number | null;
  providerRole: 'owner' | 'editor' | null;
  counsellorId: number | null;
  counsellorName: string | null;
  locale: string;
  createdAt: Date;
  expiresAt: Date;
  acceptedAt: Date | null;
  revokedAt: Date | null;
}

const invitationColumns = (db: Db) => db`
  i.id, i.email, i.role, i.provider_id as "providerId", i.provider_role as "providerRole",
  i.counsellor_id as "counsellorId", c.display_name as "counsellorName", i.locale,
  i.created_at as "createdAt", i.expires_at as "expiresAt", i.accepted_at as "acceptedAt", i.revoked_at as "revokedAt"`;

export async function findOpenInvitation(db: Db, tokenHash: string, at: Date, lock = false) {
  const [row] = await db<InvitationRow[]>`
    select ${invitationColumns(db)} from invitations i left join counsellors c on c.id = i.counsellor_id
    where i.token_hash = ${tokenHash} and i.accepted_at is null and i.revoked_at is null and i.expires_at > ${at}
    ${lock ? db`for update of i` : db``}`;
  return row ?? null;
}

/** Staff invitations (counsellors, admins), or one provider's invitations of its staff. */
export async function listInvitations(db: Db, limit: number, providerId?: number) {
  return db<InvitationRow[]>`
    select ${invitationColumns(db)} from invitations i left join counsellors c on c.id = i.counsellor_id
    where ${providerId === undefined ? db`i.role in ('counsellor', 'planner', 'admin')` : db`i.provider_id = ${providerId}`}
    order by i.created_at desc limit ${limit}`;
}

/** Revokes an open invitation, only within the given provider when one is given. */
export async function revokeProviderInvitation(db: Db, id: number, providerId: number) {
  const rows = await db`
    update invitations set revoked_at = now()
    where id = ${id} and provider_id = ${providerId} and accepted_at is null and revoked_at is null returning 1`;
  return rows.count === 1;
}

export async function markInvitationAccepted(db: Db, id: number, userId: number) {
  await db`update invitations set accepted_at = now(), accepted_user_id = ${userId} where id = ${id}`;
}

export async function revokeInvitation(db: Db, id: number) {
  const rows =
    await db`update invitations set revoked_at = now() where id = ${id} and accepted_at is null and revoked_at is null returning 1`;
  return rows.count === 1;
}

export async function counsellorsWithoutAccount(db: Db) {
  return db<{ id: number; displayName: string }[]>`
    select id, display_name as "displayName" from counsellors where user_id is null and active order by display_name`;
}

export async function linkCounsellor(db: Db, counsellorId: number, userId: number) {
  const rows =
    await db`update counsellors set user_id = ${userId} where id = ${counsellorId} and user_id is null returning 1`;
  return rows.count === 1;
}

export interface MailJobRow {
  id: string;
  queue: string;
  state: string;
  template: string | null;
  to: string | null;
  retryCount: number;
  createdOn: Date;
  completedOn: Date | null;
  error: string | null;
}

/** Mail jobs as pg-boss keeps them (live and archived, queue and dead-letter queue), newest first. */
export async function listMailJobs(db: Db, f: { state?: string; limit: number }) {
  return db<MailJobRow[]>`
    select * from (
      select id::text, name as queue, state::text, data->>'template' as template, data->>'to' as "to",
             retry_count as "retryCount", created_on as "createdOn", completed_on as "completedOn",
             case when state::text in ('failed', 'retry') then left(coalesce(output->>'message', output::text), 300) end as error
      from pgboss.job where name in ('mail', 'mail-failed')
      union all
      select id::text, name, state::text, data->>'template', data->>'to', retry_count, created_on, completed_on,
             case when state::text = 'failed' then left(coalesce(output->>'message', output::text), 300) end
      from pgboss.archive where name in ('mail', 'mail-failed')
    ) j
    where true ${f.state ? db`and j.state = ${f.state}` : db``}
    order by j."createdOn" desc
    limit ${f.limit}`;
}

/** Drops a delivered mail's body from its job record: links in it must not outlive the sending. */
export async function forgetMailBody(db: Db, jobId: string) {
  await db`
    update pgboss.job set data = data - 'text' - 'html' - 'attachments'
    where name = 'mail' and id = ${jobId}::uuid`;
}

export interface ProviderReviewRow {
  id: number;
  slug: string;
  name: string;
  kind: string;
  status: 'pending' | 'approved' | 'suspended';
  preModeration: boolean;
  description: string;
  street: string | null;
  postcode: string | null;
  city: string | null;
  website: string | null;
  email: string | null;
  phone: string | null;
  certifications: { type: string; number?: string; certifier?: string; validUntil?: string }[];
  createdAt: Date;
  offers: { draft: number; published: number; archived: number };
  /** Who registered the organisation: its first member (sign-up makes them the owner). */
  registrant: {
    displayName: string | null;
    email: string | null;
    emailVerified: boolean;
    registeredAt: Date;
  } | null;
  members: {
    userId: number;
    displayName: string | null;
    email: string | null;
    role: string;
    status: string;
  }[];
}

/** What an admin checks before approving or suspending a provider. */
export async function providerForReview(db: Db, id: number): Promise<ProviderReviewRow | null> {
  const [row] = await db<(Omit<ProviderReviewRow, 'registrant'> & { registrant: unknown })[]>`
    select p.id, p.slug, p.name, p.kind, p.status, p.pre_moderation as "preModeration", p.description,
           p.street, p.postcode, p.city, p.website, p.email, p.phone, p.certifications, p.created_at as "createdAt",
           (select json_build_object(
                     'draft', count(*) filter (where o.status = 'draft'),
                     'published', count(*) filter (where o.status = 'published'),
                     'archived', count(*) filter (where o.status = 'archived'))
              from offers o where o.provider_id = p.id) as offers,
           (select json_build_object('displayName', u.display_name, 'email', u.email,
                                     'emailVerified', u.email_verified_at is not null, 'registeredAt', m.created_at)
              from provider_members m join users u on u.id = m.user_id
              where m.provider_id = p.id order by m.created_at, m.user_id limit 1) as registrant,
           coalesce((select json_agg(json_build_object('userId', u.id, 'displayName', u.display_name, 'email', u.email,
                                                       'role', m.role, 'status', m.status) order by m.role desc, u.id)
                     from provider_members m join users u on u.id = m.user_id where m.provider_id = p.id), '[]') as members
    from providers p where p.id = ${id}`;
  if (!row) return null;
  const r = row.registrant as
    | (Omit<NonNullable<ProviderReviewRow['registrant']>, 'registeredAt'> & {
        registeredAt: string;
      })
    | null;
  return { ...row, registrant: r ? { ...r, registeredAt: new Date(r.registeredAt) } : null };
}

/**
 * Moves a provider to `status` if it is in one of the `from` states; the name and the
 * state it had, or null (unknown provider or not in such a state).
 */
export async function changeProviderStatus(
  db: Db,
  id: number,
  status: 'approved' | 'suspended',
  from: readonly string[],
) {
  const [row] = await db<{ name: string; previous: string }[]>`
    update providers p set status = ${status}, updated_at = now()
    from (select id, status from providers where id = ${id} for update) old
    where p.id = old.id and old.status = any(${from as string[]})
    returning p.name, old.status as previous`;
  return row ?? null;
}

export async function providerStatus(db: Db, id: number) {
  const [row] = await db<{ status: string }[]>`select status from providers where id = ${id}`;
  return row?.status ?? null;
}

/** Everyone who works for a provider and may act on a notice: active owners and editors, each with their language. */
export async function providerStaffRecipients(db: Db, providerId: number) {
  return db<{ id: number; email: string; locale: string; role: 'owner' | 'editor' }[]>`
    select u.id, u.email, u.locale, m.role from provider_members m join users u on u.id = m.user_id
    where m.provider_id = ${providerId} and m.status = 'active' and u.status = 'active' and u.email is not null
    order by m.role desc, u.id`;
}
