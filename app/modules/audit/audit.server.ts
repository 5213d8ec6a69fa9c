import type { Db } from '../../../db/client.server';
import { type AuditEntry, insertAudit } from '../../../db/queries/audit.server';
import { keyedHash } from '../../auth/secret.server';

/**
 * Writes one audit event. The caller passes the client IP in clear; only its keyed hash
 * is stored. Detail values are plain facts (ids, reasons, route names), never secrets,
 * tokens or passwords: the type allows only scalars so nothing big slips in.
 */
export async function audit(db: Db, entry: Omit<AuditEntry, 'ipHash'> & { ip?: string | null }) {
  const { ip, ...rest } = entry;
  await insertAudit(db, { ...rest, ipHash: ip ? await keyedHash(db, `ip:${ip}`) : null });
}
