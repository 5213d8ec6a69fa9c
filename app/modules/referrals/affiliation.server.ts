import { getSql } from '../../../db/client.server';
import * as r from '../../../db/queries/referrals.server';
import { AppError } from '../../utils/errors';
import { audit } from '../audit/audit.server';

/**
 * Neutrality: a counsellor names the provider they are affiliated with (employed there,
 * on its board …), or none. A referral to that provider then needs a written reason.
 */
export async function affiliationPage(userId: number) {
  const sql = getSql();
  const [current, providers] = await Promise.all([r.affiliationOf(sql, userId), r.approvedProviders(sql)]);
  return { current, providers };
}

export async function saveAffiliation(userId: number, providerId: number | null, ip: string | null) {
  const sql = getSql();
  if (providerId !== null && !(await r.approvedProvider(sql, providerId))) throw new AppError('bad_request');
  await r.setAffiliation(sql, userId, providerId);
  await audit(sql, {
    action: 'counsellor.affiliation_set',
    actorUserId: userId,
    ip,
    targetType: 'user',
    targetId: userId,
    detail: { provider: providerId },
  });
}
