import { type Db, getSql } from '../../../db/client.server';
import { type AuditEntry, insertAudit } from '../../../db/queries/audit.server';
import { keyedHash } from '../../auth/secret.server';
import { AppError } from '../../utils/errors';

/**
 * Writes one audit event. The caller passes the client IP in clear; only its keyed hash
 * is stored. Detail values are plain facts (ids, reasons, route names), never secrets,
 * tokens or passwords: the type allows only scalars so nothing big slips in.
 */
export async function audit(db: Db, entry: Omit<AuditEntry, 'ipHash'> & { ip?: string | null }) {
  const { ip, ...rest } = entry;
  await insertAudit(db, { ...rest, ipHash: ip ? await keyedHash(db, `ip:${ip}`) : null });
}

/**
 * Someone reached for a record that isn't theirs (or doesn't exist): the answer is "not
 * found", so nobody learns that it exists, but the attempt is on record as denied. Written
 * on its own connection, outside the caller's transaction, which the refusal rolls back.
 */
export async function refuseAsNotFound(
  who: { userId: number; ip?: string | null },
  action: string,
  target: { type: string; id: number | string | null },
  detail?: Record<string, string | number | boolean | null>,
): Promise<never> {
  await audit(getSql(), {
    action,
    outcome: 'denied',
    actorUserId: who.userId,
    ip: who.ip ?? null,
    targetType: target.type,
    targetId: target.id,
    detail,
  });
  throw new AppError('not_found');
}
