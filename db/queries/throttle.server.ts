import type { Db } from '../client.server';

export interface ThrottleRow {
  hits: number;
  windowStartedAt: Date;
  blockedUntil: Date | null;
}

export async function lockThrottle(db: Db, key: string): Promise<ThrottleRow | null> {
  const [row] = await db<ThrottleRow[]>`
    select hits, window_started_at as "windowStartedAt", blocked_until as "blockedUntil"
    from throttle where key = ${key} for update`;
  return row ?? null;
}

export async function readThrottle(db: Db, key: string): Promise<ThrottleRow | null> {
  const [row] = await db<ThrottleRow[]>`
    select hits, window_started_at as "windowStartedAt", blocked_until as "blockedUntil"
    from throttle where key = ${key}`;
  return row ?? null;
}

export async function saveThrottle(db: Db, key: string, row: ThrottleRow) {
  await db`
    insert into throttle (key, hits, window_started_at, blocked_until)
    values (${key}, ${row.hits}, ${row.windowStartedAt}, ${row.blockedUntil})
    on conflict (key) do update set hits = excluded.hits, window_started_at = excluded.window_started_at,
      blocked_until = excluded.blocked_until`;
}

export async function deleteThrottle(db: Db, key: string) {
  await db`delete from throttle where key = ${key}`;
}

export async function deleteStaleThrottles(db: Db, before: Date) {
  const rows = await db`
    delete from throttle where window_started_at < ${before} and (blocked_until is null or blocked_until < ${before})
    returning 1`;
  return rows.count;
}
