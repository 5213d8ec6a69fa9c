import type { Db } from '../client.server';

export interface ThrottleRow {
  hits: number;
  lastHitAt: Date;
  blockedUntil: Date | null;
}

/** The key's row, locked for this transaction (created empty first, so there is one to lock). */
export async function lockThrottle(db: Db, key: string): Promise<ThrottleRow> {
  await db`insert into throttle (key, hits) values (${key}, 0) on conflict (key) do nothing`;
  const [row] = await db<ThrottleRow[]>`
    select hits, last_hit_at as "lastHitAt", blocked_until as "blockedUntil"
    from throttle where key = ${key} for update`;
  return row!;
}

export async function readThrottle(db: Db, key: string): Promise<ThrottleRow | null> {
  const [row] = await db<ThrottleRow[]>`
    select hits, last_hit_at as "lastHitAt", blocked_until as "blockedUntil" from throttle where key = ${key}`;
  return row ?? null;
}

export async function saveThrottle(db: Db, key: string, row: ThrottleRow) {
  await db`
    update throttle set hits = ${row.hits}, last_hit_at = ${row.lastHitAt}, blocked_until = ${row.blockedUntil}
    where key = ${key}`;
}

export async function deleteThrottle(db: Db, key: string) {
  await db`delete from throttle where key = ${key}`;
}

export async function deleteStaleThrottles(db: Db, before: Date) {
  const rows = await db`
    delete from throttle where last_hit_at < ${before} and (blocked_until is null or blocked_until < ${before})
    returning 1`;
  return rows.count;
}
