import type { Db } from '../../db/client.server';

/**
 * Only counsellors who can sign in receive bookings: an active counsellor account with
 * its second factor enrolled (issue 14). Tests that set counsellor profiles up by hand
 * give them such an account here — a new one per profile without any, and the second
 * factor for accounts already linked. Returns the user id per counsellor id.
 */
export async function enrolCounsellors(sql: Db, ids?: number[]): Promise<Map<number, number>> {
  const profiles = await sql<{ id: number; user_id: number | null }[]>`
    select id, user_id from counsellors
    where ${ids ? sql`id = any(${ids})` : sql`true`} order by id`;
  const users = new Map<number, number>();
  for (const p of profiles) {
    if (p.user_id) {
      await sql`update users set totp_enabled_at = coalesce(totp_enabled_at, now()), status = 'active' where id = ${p.user_id}`;
      users.set(p.id, p.user_id);
      continue;
    }
    const [u] = await sql<{ id: number }[]>`
      insert into users (email, display_name, role, totp_enabled_at, locale)
      values (${`counsellor-${p.id}-${Math.random().toString(36).slice(2, 8)}@example.org`}, ${`Beratung ${p.id}`},
              'counsellor', now(), 'de')
      returning id`;
    await sql`update counsellors set user_id = ${u!.id} where id = ${p.id}`;
    users.set(p.id, u!.id);
  }
  return users;
}
