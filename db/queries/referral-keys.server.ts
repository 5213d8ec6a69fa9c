import type { Db } from '../client.server';

/** Per-provider API keys: only the SHA-256 of a key is stored; a revoked key stays, dated. */
export interface KeyRow {
  id: number;
  label: string;
  prefix: string;
  created_at: Date;
  last_used_at: Date | null;
  revoked_at: Date | null;
}

export async function keysOf(db: Db, providerId: number): Promise<KeyRow[]> {
  return db<KeyRow[]>`
    select id, label, prefix, created_at, last_used_at, revoked_at from provider_api_keys
    where provider_id = ${providerId} order by revoked_at nulls first, id desc`;
}

export async function insertKey(
  db: Db,
  k: { providerId: number; label: string; prefix: string; hash: string; by: number; at: Date },
): Promise<number> {
  const [row] = await db<{ id: number }[]>`
    insert into provider_api_keys (provider_id, label, prefix, key_hash, created_by, created_at)
    values (${k.providerId}, ${k.label}, ${k.prefix}, ${k.hash}, ${k.by}, ${k.at}) returning id`;
  return row!.id;
}

export async function revokeKey(db: Db, providerId: number, id: number, at: Date): Promise<boolean> {
  const rows = await db`
    update provider_api_keys set revoked_at = ${at}
    where id = ${id} and provider_id = ${providerId} and revoked_at is null returning id`;
  return rows.length > 0;
}

/** The key's provider, if the key is known, not revoked and the provider approved; marks it used. */
export async function keyInUse(db: Db, hash: string, at: Date) {
  const [row] = await db<{ id: number; provider_id: number }[]>`
    update provider_api_keys k set last_used_at = ${at}
    from providers p
    where k.key_hash = ${hash} and k.revoked_at is null and p.id = k.provider_id and p.status = 'approved'
    returning k.id, k.provider_id`;
  return row;
}
