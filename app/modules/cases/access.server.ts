import type { AppLoadContext } from '@remix-run/node';
import { getSql } from '../../../db/client.server';
import * as q from '../../../db/queries/cases.server';
import { type CurrentUser, requireUser } from '../../auth/guard.server';
import { can } from '../../auth/permissions';
import { audit } from '../audit/audit.server';

/**
 * Need-to-know: a case is read and changed only by its responsible counsellor and its
 * named deputy. Everyone else — other counsellors, admins, provider staff, any later
 * role — gets the same 404 as an unknown id, and the refusal is written to the audit
 * log. No permission string grants "any" case; the check is on the case itself.
 */
export type CasePart =
  | 'overview'
  | 'assessment'
  | 'plan'
  | 'plan_version'
  | 'review'
  | 'close'
  | 'handover'
  | 'print'
  | 'export'
  | 'referrals'
  | 'conference';

export interface CaseActor {
  user: CurrentUser;
  /** The reader's relation to this case. */
  role: 'responsible' | 'deputy';
  /** The office the reader works from (for the person's access list). */
  officeId: number | null;
  row: q.CaseRow;
  ip: string | null;
}

function caseIdOf(value: string | undefined): number | null {
  const id = Number(value);
  return value && Number.isSafeInteger(id) && id > 0 && String(id) === value ? id : null;
}

/** Whether this user may read this case at all. */
export function mayRead(user: Pick<CurrentUser, 'id' | 'role'>, row: q.CaseRow | undefined): boolean {
  if (!row || row.erased_at) return false;
  if (!can({ id: user.id, role: user.role }, 'read:case:own')) return false;
  return row.responsible_user_id === user.id || row.deputy_user_id === user.id;
}

/**
 * The case a request names, for a user with need-to-know; else 404 (audited). With
 * `read`, the read is audited as one `case.read` row naming the part shown.
 */
export async function requireCase(
  request: Request,
  context: AppLoadContext,
  idParam: string | undefined,
  options: { read?: CasePart } = {},
): Promise<CaseActor> {
  const user = await requireUser(request, context);
  const sql = getSql();
  const id = caseIdOf(idParam);
  const row = id === null ? undefined : await q.caseById(sql, id);
  if (!mayRead(user, row)) {
    await audit(sql, {
      action: 'case.denied',
      outcome: 'denied',
      actorUserId: user.id,
      ip: context.clientIp,
      targetType: 'case',
      targetId: id,
      detail: { path: new URL(request.url).pathname, method: request.method },
    });
    throw new Response('not found', { status: 404 });
  }
  const actor: CaseActor = {
    user,
    role: row!.responsible_user_id === user.id ? 'responsible' : 'deputy',
    officeId: await q.officeOfUser(sql, user.id),
    row: row!,
    ip: context.clientIp ?? null,
  };
  if (options.read) await auditRead(actor, options.read);
  return actor;
}

/** One `case.read` row: who (by id), as what, from which office, which part. */
export async function auditRead(actor: CaseActor, part: CasePart) {
  await audit(getSql(), {
    action: 'case.read',
    actorUserId: actor.user.id,
    ip: actor.ip,
    targetType: 'case',
    targetId: actor.row.id,
    detail: { part, role: actor.role, office: actor.officeId },
  });
}
