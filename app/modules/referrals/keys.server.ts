import { getSql } from '../../../db/client.server';
import * as k from '../../../db/queries/referral-keys.server';
import { generateToken, hashToken } from '../../auth/tokens.server';
import { now } from '../../utils/clock.server';
import { AppError } from '../../utils/errors';
import { audit } from '../audit/audit.server';
import type { Actor } from '../providers/offers.server';
import type { ProviderActor } from './referrals.server';

/**
 * API keys for a provider's course-management system: the owner creates and revokes them
 * (`/anbieterbereich/schluessel`); the key is shown once, only its SHA-256 is stored. A
 * request with a key acts as that provider with the same rules and audit as its staff.
 */
const KEY_PREFIX = 'wwk_';

export async function listKeys(providerId: number) {
  return (await k.keysOf(getSql(), providerId)).map((x) => ({
    id: x.id,
    label: x.label,
    prefix: x.prefix,
    createdAt: x.created_at.toISOString(),
    lastUsedAt: x.last_used_at?.toISOString() ?? null,
    revokedAt: x.revoked_at?.toISOString() ?? null,
  }));
}

export async function createKey(actor: Actor, label: string): Promise<string> {
  const key = `${KEY_PREFIX}${generateToken()}`;
  const sql = getSql();
  const id = await k.insertKey(sql, {
    providerId: actor.providerId,
    label,
    prefix: key.slice(0, 10),
    hash: hashToken(key),
    by: actor.userId,
    at: now(),
  });
  await audit(sql, {
    action: 'provider.api_key_created',
    actorUserId: actor.userId,
    ip: actor.ip,
    targetType: 'provider',
    targetId: actor.providerId,
    detail: { key: id },
  });
  return key;
}

export async function revokeKey(actor: Actor, id: number) {
  const sql = getSql();
  if (!(await k.revokeKey(sql, actor.providerId, id, now()))) throw new AppError('not_found');
  await audit(sql, {
    action: 'provider.api_key_revoked',
    actorUserId: actor.userId,
    ip: actor.ip,
    targetType: 'provider',
    targetId: actor.providerId,
    detail: { key: id },
  });
}

/** `Authorization: Bearer wwk_…` → the provider it belongs to, or null (unknown, revoked, malformed). */
export async function providerOfRequest(request: Request, ip: string | null): Promise<ProviderActor | null> {
  const header = request.headers.get('authorization') ?? '';
  const match = /^Bearer (wwk_[a-z2-7]{32})$/.exec(header.trim());
  if (!match) return null;
  const row = await k.keyInUse(getSql(), hashToken(match[1]!), now());
  return row ? { userId: null, providerId: row.provider_id, ip, via: 'api', apiKeyId: row.id } : null;
}
