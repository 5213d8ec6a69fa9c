import { createHmac, randomBytes } from 'node:crypto';
import type { Db } from '../../db/client.server';
import { getEnv } from '../utils/env.server';

/**
 * The key for keyed hashes of addresses and IPs (throttle keys, audit log): SESSION_SECRET
 * in production; in demo mode a random key made once and kept in app_meta, so nothing
 * needs configuring and restarts keep the same key.
 */
const g = globalThis as unknown as { __wegweiserSecret?: Promise<string> };

export function serverSecret(db: Db): Promise<string> {
  const configured = getEnv().SESSION_SECRET;
  if (configured) return Promise.resolve(configured);
  g.__wegweiserSecret ??= (async () => {
    const fresh = randomBytes(32).toString('hex');
    await db`insert into app_meta (key, value) values ('server_secret', ${db.json(fresh)}) on conflict (key) do nothing`;
    const [row] = await db<
      { value: string }[]
    >`select value #>> '{}' as value from app_meta where key = 'server_secret'`;
    return row!.value;
  })().catch((error: unknown) => {
    g.__wegweiserSecret = undefined;
    throw error;
  });
  return g.__wegweiserSecret;
}

/** A keyed hash that links equal inputs without revealing them (first 32 hex digits). */
export async function keyedHash(db: Db, value: string): Promise<string> {
  return createHmac('sha256', await serverSecret(db))
    .update(value)
    .digest('hex')
    .slice(0, 32);
}
