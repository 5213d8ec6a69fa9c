import { getSql, inTransaction, type Tx } from '../../../db/client.server';
import * as p from '../../../db/queries/case-plans.server';
import * as q from '../../../db/queries/cases.server';
import { generateToken, hashToken, looksLikeToken } from '../../auth/tokens.server';
import { now } from '../../utils/clock.server';
import { AppError } from '../../utils/errors';
import { audit } from '../audit/audit.server';
import { eraseCase, monthOf, withdrawConsent } from './cases.server';
import { planDiff } from './diff';
import { CaseError } from './errors';
import { type CaseFile, exportFile, loadFile } from './file.server';
import { agreeOnLink } from './plans.server';

/**
 * The person's side, reached by their own link /fall/<token> (only the token's hash is
 * stored): the plan in their language, agreeing, commenting, ticking their own steps,
 * their consents and withdrawing them, who read the file, everything as JSON. An
 * unknown link is 404; the link of an erased case is 410.
 */
export async function caseOfToken(token: string, tx?: Tx): Promise<q.CaseRow> {
  const db = tx ?? getSql();
  const row = looksLikeToken(token)
    ? await q.caseByTokenHash(db, hashToken(token), { lock: Boolean(tx) })
    : undefined;
  if (!row) throw new AppError('not_found');
  if (row.erased_at) throw new AppError('gone');
  return row;
}

async function onLink<T>(token: string, work: (tx: Tx, row: q.CaseRow) => Promise<T>): Promise<T> {
  return inTransaction(getSql(), async (tx) => work(tx, await caseOfToken(token, tx)));
}

/** What the person's page shows: the plan in force, a version waiting for them with what changed, and the rest. */
export async function personView(token: string) {
  const sql = getSql();
  const row = await caseOfToken(token);
  const file = await loadFile(sql, row);
  const reads = await q.readsOf(sql, row.id);
  const active = file.plans.find((x) => x.version === file.activeVersion) ?? null;
  const waiting =
    file.plans.find((x) => x.version === file.pendingVersion && x.status === 'proposed') ?? null;
  const agreed = file.plans.find((x) => x.version === file.pendingVersion && x.status === 'agreed') ?? null;
  return {
    file: forPerson(file),
    active,
    waiting,
    agreed,
    changes: waiting && active ? planDiff(active, waiting) : null,
    reads: reads.map((r) => ({
      at: r.at.toISOString(),
      part: r.part,
      role: r.role,
      office: r.office_name,
      name: r.reader_name,
    })),
  };
}

/** The working notes and the journal are the counsellor's; the person gets them in the download. */
function forPerson(file: CaseFile) {
  const { notes: _notes, entries: _entries, assessments, ...rest } = file;
  return { ...rest, goals: assessments.at(-1)?.content.goals ?? [] };
}

export async function agree(token: string, version: number) {
  await onLink(token, (tx, row) => agreeOnLink(tx, row, version));
}

export async function comment(token: string, body: string) {
  await onLink(token, async (tx, row) => {
    if (row.restricted_at) throw new CaseError('restricted');
    const plans = await p.plansOf(tx, row.id);
    await p.insertComment(tx, {
      caseId: row.id,
      planId: plans.at(-1)?.id ?? null,
      author: 'person',
      body,
      at: now(),
    });
    await q.touchCase(tx, row.id, now());
  });
}

/** The person ticks off (or un-ticks) one of their own steps of the plan in force. */
export async function tick(token: string, key: string, done: boolean) {
  await onLink(token, async (tx, row) => {
    if (row.restricted_at) throw new CaseError('restricted');
    if (row.closed_at) throw new CaseError('closed');
    const plans = await p.plansOf(tx, row.id);
    const active = plans.filter((x) => x.activated_at).at(-1);
    const own = active
      ? (await p.commitmentsOf(tx, [active.id])).some((c) => c.item_key === key && c.party === 'person')
      : false;
    if (!own) throw new AppError('not_found');
    await p.setProgress(tx, row.id, key, done ? { at: now(), by: 'person' } : null);
    await q.touchCase(tx, row.id, now());
  });
}

export async function withdrawOnLink(token: string, consentId: number): Promise<'erased' | 'withdrawn'> {
  return onLink(token, (tx, row) =>
    withdrawConsent(tx, row, consentId, { how: 'own_link', userId: null, ip: null }),
  );
}

/** Everything about the case as JSON (Art. 15/20), working notes included while they exist. */
export async function personExport(token: string) {
  const sql = getSql();
  const row = await caseOfToken(token);
  const body = await exportFile(sql, row);
  await audit(sql, { action: 'case.exported_by_person', targetType: 'case', targetId: row.id });
  return { exportedAt: now().toISOString(), case: body };
}

/** The optional feedback after closing: stored without the case (month and type only), once. */
export async function giveFeedback(
  token: string,
  v: { helpful?: number; heard?: number; own_plan?: number; recommend?: boolean },
) {
  await onLink(token, async (tx, row) => {
    if (!row.closed_at) throw new CaseError('not_closed');
    if (row.feedback_given_at) throw new CaseError('already_given');
    await q.markFeedbackGiven(tx, row.id, now());
    await q.insertFeedback(tx, { month: monthOf(now()), caseType: row.case_type, ...v });
  });
}

// --- With an account ----------------------------------------------------------------------

/** A signed-in person keeps the case in their account (another account's case is not taken over). */
export async function keepInAccount(token: string, userId: number) {
  await onLink(token, async (tx, row) => {
    if (row.person_user_id !== null && row.person_user_id !== userId) throw new AppError('not_found');
    await q.setPersonAccount(tx, row.id, userId);
    await audit(tx, {
      action: 'case.kept_in_account',
      actorUserId: userId,
      targetType: 'case',
      targetId: row.id,
    });
  });
}

export async function casesOfAccount(userId: number) {
  const sql = getSql();
  const ids = await q.caseIdsOfAccount(sql, userId);
  const rows = await Promise.all(ids.map((id) => q.caseById(sql, id)));
  return rows
    .filter((r): r is q.CaseRow => Boolean(r))
    .map((r) => ({
      id: r.id,
      caseType: r.case_type,
      openedAt: r.opened_at.toISOString(),
      closedAt: r.closed_at?.toISOString() ?? null,
    }));
}

/**
 * Opens a case from the account: the stored hash can't give the old link back, so a new
 * link is made (the old one, and a printed QR code, stop working).
 */
export async function openFromAccount(
  userId: number,
  caseId: number,
): Promise<{ token: string; locale: string }> {
  return getSql().begin(async (tx) => {
    const row = await q.caseById(tx, caseId, { lock: true });
    if (!row || row.erased_at || row.person_user_id !== userId) throw new AppError('not_found');
    const token = generateToken();
    await q.setToken(tx, row.id, hashToken(token));
    await audit(tx, {
      action: 'case.link_renewed',
      actorUserId: userId,
      targetType: 'case',
      targetId: row.id,
    });
    return { token, locale: row.person_locale };
  });
}

/** For the account's data export (Art. 15/20): every case kept in the account. */
export async function casesForExport(userId: number) {
  const sql = getSql();
  const out = [];
  for (const id of await q.caseIdsOfAccount(sql, userId)) {
    const row = await q.caseById(sql, id);
    if (row) out.push(await exportFile(sql, row));
  }
  return out;
}

/** Deleting the account erases the cases kept in it (as it deletes the kept self-assessments). */
export async function eraseCasesOfAccount(tx: Tx, userId: number) {
  for (const id of await q.caseIdsOfAccount(tx, userId)) {
    const row = await q.caseById(tx, id, { lock: true });
    if (row && !row.erased_at) await eraseCase(tx, row, 'account_deleted');
  }
}
