import { getSql } from '../../../db/client.server';
import * as r from '../../../db/queries/referrals.server';
import { now } from '../../utils/clock.server';
import { audit } from '../audit/audit.server';
import type { CaseActor } from '../cases/access.server';
import { monthOf } from '../cases/cases.server';

/**
 * "No fitting offer": the counsellor records which constraint no offer met, for planning.
 * The row carries the month, the category, the district and the constraint — nothing
 * that points at the case or the person (the table has no such column; a schema test
 * checks). The audit row names the action only, not the case, for the same reason.
 */
export async function recordGap(
  actor: CaseActor,
  v: { category: string; district?: string; constraint: string },
) {
  const sql = getSql();
  await r.insertGap(sql, {
    month: monthOf(now()),
    category: v.category,
    district: v.district ?? null,
    constraint: v.constraint,
  });
  await audit(sql, { action: 'referral.gap_recorded', actorUserId: actor.user.id, ip: actor.ip });
}
