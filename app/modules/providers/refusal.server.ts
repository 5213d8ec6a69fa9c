import { getSql } from '../../../db/client.server';
import { AppError } from '../../utils/errors';
import { audit } from '../audit/audit.server';

/**
 * A member reached for a record of another provider (or one that doesn't exist): the
 * answer is "not found", so nobody learns that it exists, but the office must be able to
 * see the attempt. The row is written on its own connection, outside the caller's
 * transaction, because that transaction is rolled back by the refusal.
 */
export async function refuse(
  actor: { userId: number; providerId: number; ip: string | null },
  targetType: string,
  targetId: number | string | null,
  detail: Record<string, string | number | boolean | null> = {},
): Promise<never> {
  await audit(getSql(), {
    action: 'provider.refused',
    outcome: 'denied',
    actorUserId: actor.userId,
    ip: actor.ip,
    targetType,
    targetId,
    detail: { provider: actor.providerId, ...detail },
  });
  throw new AppError('not_found');
}
