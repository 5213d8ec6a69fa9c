import type { Db } from '../client.server';

export interface AuditEntry {
  action: string;
  outcome?: 'success' | 'failure' | 'denied';
  actorUserId?: number | null;
  targetType?: string | null;
  targetId?: string | number | null;
  ipHash?: string | null;
  detail?: Record<string, string | number | boolean | null>;
}

export async function insertAudit(db: Db, e: AuditEntry) {
  await db`
    insert into audit_log (actor_user_id, action, outcome, target_type, target_id, ip_hash, detail)
    values (${e.actorUserId ?? null}, ${e.action}, ${e.outcome ?? 'success'}, ${e.targetType ?? null},
            ${e.targetId == null ? null : String(e.targetId)}, ${e.ipHash ?? null}, ${db.json(e.detail ?? {})})`;
}

export interface AuditFilter {
  action?: string;
  outcome?: 'success' | 'failure' | 'denied';
  actorUserId?: number;
  targetType?: string;
  targetId?: string;
  from?: Date;
  to?: Date;
  beforeId?: number;
  limit: number;
}

export interface AuditRow {
  id: number;
  at: Date;
  actorUserId: number | null;
  actorEmail: string | null;
  action: string;
  outcome: string;
  targetType: string | null;
  targetId: string | null;
  ipHash: string | null;
  detail: Record<string, unknown>;
}

/** Newest first, keyset-paginated by id. */
export async function listAudit(db: Db, f: AuditFilter): Promise<AuditRow[]> {
  return db<AuditRow[]>`
    select a.id, a.at, a.actor_user_id as "actorUserId", u.email as "actorEmail", a.action, a.outcome,
           a.target_type as "targetType", a.target_id as "targetId", a.ip_hash as "ipHash", a.detail
    from audit_log a left join users u on u.id = a.actor_user_id
    where true
      ${f.action ? db`and a.action like ${`${f.action.replace(/[%_\\]/g, '\\$&')}%`}` : db``}
      ${f.outcome ? db`and a.outcome = ${f.outcome}` : db``}
      ${f.actorUserId ? db`and a.actor_user_id = ${f.actorUserId}` : db``}
      ${f.targetType ? db`and a.target_type = ${f.targetType}` : db``}
      ${f.targetId ? db`and a.target_id = ${f.targetId}` : db``}
      ${f.from ? db`and a.at >= ${f.from}` : db``}
      ${f.to ? db`and a.at < ${f.to}` : db``}
      ${f.beforeId ? db`and a.id < ${f.beforeId}` : db``}
    order by a.id desc
    limit ${f.limit}`;
}

export async function listAuditForActor(db: Db, userId: number) {
  return db<
    { at: Date; action: string; outcome: string; targetType: string | null; targetId: string | null }[]
  >`
    select at, action, outcome, target_type as "targetType", target_id as "targetId"
    from audit_log where actor_user_id = ${userId} order by id`;
}
