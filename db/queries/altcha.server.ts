import type { Db } from '../client.server';

/**
 * Marks a solved challenge as used. True when this call spent it, false when it had been
 * spent before (a replay).
 */
export async function spendAltcha(sql: Db, signature: string, expiresAt: Date): Promise<boolean> {
  const rows = await sql`
    insert into altcha_spent (signature, expires_at) values (${signature}, ${expiresAt})
    on conflict (signature) do nothing
    returning 1`;
  return rows.count === 1;
}

/** Forgets spent challenges that expired before `before`; they fail verification on their own. */
export async function deleteSpentAltcha(sql: Db, before: Date): Promise<number> {
  const rows = await sql`delete from altcha_spent where expires_at < ${before} returning 1`;
  return rows.count;
}
