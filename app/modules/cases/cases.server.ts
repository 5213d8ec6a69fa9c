import { type Db, getSql, inTransaction, type Tx } from '../../../db/client.server';
import * as p from '../../../db/queries/case-plans.server';
import * as q from '../../../db/queries/cases.server';
import type { CurrentUser } from '../../auth/guard.server';
import { generateToken, hashToken } from '../../auth/tokens.server';
import { now, todayInBerlin } from '../../utils/clock.server';
import { AppError } from '../../utils/errors';
import { daysBetween } from '../../utils/zoned';
import { audit } from '../audit/audit.server';
import { ownAppointment } from '../booking/booking.server';
import { sendMail } from '../mail/mail.server';
import { onCaseErased, onConsentWithdrawn } from '../referrals/referrals.server';
import type { CaseActor } from './access.server';
import { CASE_TYPES, type CaseType, isCaseType } from './case-types';
import { type Attainment, type CloseReason, CONSENTS, NOTE_DAYS } from './codes';
import { CaseError } from './errors';
import { activeVersion } from './plan-rules';
import type { OpenCaseInput } from './schemas';

/**
 * The case file's rules apart from the plan: opening (only with the consent to
 * documentation), the timeline, working notes, the journal, deputy and hand-over,
 * consents, restriction, closing and erasure. Every change touches the case's last
 * activity (retention counts from it) and leaves an anonymous trace where planning
 * needs one.
 */

/** The first day of the month (Berlin) of an instant: the only date anonymous rows carry. */
export function monthOf(at: Date): string {
  return `${todayInBerlin(at).slice(0, 7)}-01`;
}

export function personLink(baseUrl: string, token: string, locale: string): string {
  return `${baseUrl}/fall/${token}?lng=${locale}`;
}

/** Refuses changes to a closed or restricted case (reading stays possible). */
export function assertWritable(row: q.CaseRow) {
  if (row.restricted_at) throw new CaseError('restricted');
  if (row.closed_at) throw new CaseError('closed');
}

async function changed(
  tx: Db,
  actor: CaseActor,
  action: string,
  detail: Record<string, string | number | boolean | null> = {},
) {
  await q.touchCase(tx, actor.row.id, now());
  await audit(tx, {
    action,
    actorUserId: actor.user.id,
    ip: actor.ip,
    targetType: 'case',
    targetId: actor.row.id,
    detail,
  });
}

/** Runs a change in a transaction with the case row locked and checked again. */
async function writing<T>(actor: CaseActor, work: (tx: Tx, row: q.CaseRow) => Promise<T>): Promise<T> {
  return inTransaction(getSql(), async (tx) => {
    const row = await q.caseById(tx, actor.row.id, { lock: true });
    // Handed over or erased since the page loaded: as unknown as any other case.
    if (
      !row ||
      row.erased_at ||
      (row.responsible_user_id !== actor.user.id && row.deputy_user_id !== actor.user.id)
    )
      throw new AppError('not_found');
    assertWritable(row);
    return work(tx, row);
  });
}

// --- Opening ------------------------------------------------------------------------------

export interface Opened {
  id: number;
  token: string;
  locale: string;
}

/**
 * Opens a case. The consent to documentation is part of the input (the schema refuses
 * the form without it) and is stored with the case in one transaction; the database
 * refuses a case without one at commit. From an appointment: only a held one of the
 * counsellor's own, once.
 */
export async function openCase(
  user: CurrentUser,
  counsellorId: number,
  input: OpenCaseInput,
  meta: { baseUrl: string; ip: string | null },
): Promise<Opened> {
  return inTransaction(getSql(), async (tx) => {
    const at = now();
    const appointment = input.appointment
      ? await ownAppointment(tx, counsellorId, input.appointment, {
          lock: true,
          who: { userId: user.id, ip: meta.ip },
        })
      : null;
    if (appointment) {
      if (appointment.status !== 'held') throw new CaseError('not_held');
      if (!(await q.markFollowUp(tx, appointment.id, 'case'))) throw new CaseError('already_recorded');
    }
    const token = generateToken();
    const officeId = appointment?.office_id ?? (await q.officeOfUser(tx, user.id));
    const id = await q.insertCase(tx, {
      caseType: input.caseType,
      responsibleUserId: user.id,
      officeId,
      personName: input.name,
      personEmail: input.email ?? null,
      personPhone: input.phone ?? null,
      personLocale: input.locale,
      textLanguage: input.textLanguage,
      tokenHash: hashToken(token),
      origin: appointment ? 'appointment' : (input.origin ?? 'other'),
      appointmentId: appointment?.id ?? null,
      at,
    });
    await q.insertConsent(tx, {
      caseId: id,
      purpose: CONSENTS.documentation.purpose,
      recipientKind: 'office',
      recipientOfficeId: officeId,
      dataCategories: CONSENTS.documentation.categories,
      textVersion: CONSENTS.documentation.version,
      textLanguage: input.consentLanguage,
      givenHow: input.consentHow,
      givenAt: at,
      recordedBy: user.id,
    });
    await insertDefaultSteps(tx, id, input.caseType, at);
    // The contact itself is counted like any other, with "case opened" as its outcome.
    const channel = appointment?.channel ?? channelOfOrigin(input.origin);
    await q.insertTally(tx, {
      day: todayInBerlin(appointment?.starts ?? at),
      topicId: appointment?.topic_id ?? input.topic ?? null,
      channel,
      byAppointment: appointment !== null,
      durationBand: null,
      language: appointment?.language ?? (input.locale === 'ls' ? 'de' : input.locale),
      outcome: 'case_opened',
      district: null,
      ageBand: null,
    });
    await q.insertTrace(tx, monthOf(at), input.caseType, 'opened');
    await audit(tx, {
      action: 'case.opened',
      actorUserId: user.id,
      ip: meta.ip,
      targetType: 'case',
      targetId: id,
      detail: { type: input.caseType, consent: input.consentHow },
    });
    if (input.email)
      await sendMail(tx, input.email, 'cases:mail.caseLink', input.locale, {
        link: personLink(meta.baseUrl, token, input.locale),
      });
    return { id, token, locale: input.locale };
  });
}

function channelOfOrigin(origin: OpenCaseInput['origin']): 'in_person' | 'phone' | 'video' {
  return origin === 'phone' ? 'phone' : origin === 'video' ? 'video' : 'in_person';
}

/** The case type's timeline; the first conversation is the one happening now. */
export async function insertDefaultSteps(tx: Db, caseId: number, caseType: CaseType, at: Date) {
  const ids = new Map<string, number>();
  for (const step of CASE_TYPES[caseType]) {
    const id = await q.insertStep(tx, caseId, {
      key: step.key,
      title: null,
      afterStepId: step.after ? (ids.get(step.after) ?? null) : null,
      days: step.days,
      doneAt: step.key === 'first_talk' ? at : null,
    });
    ids.set(step.key, id);
  }
}

/** A new personal link (the old one stops working): for printing the plan with a QR code. */
export async function renewLink(actor: CaseActor): Promise<string> {
  return inTransaction(getSql(), async (tx) => {
    const token = generateToken();
    await q.setToken(tx, actor.row.id, hashToken(token));
    await changed(tx, actor, 'case.link_renewed');
    return token;
  });
}

// --- Timeline, notes, journal --------------------------------------------------------------

export async function addStep(actor: CaseActor, v: { title: string; after?: number; days: number }) {
  await writing(actor, async (tx) => {
    const steps = await q.stepsOf(tx, actor.row.id);
    if (v.after !== undefined && !steps.some((s) => s.id === v.after)) throw new AppError('bad_request');
    await q.insertStep(tx, actor.row.id, {
      key: null,
      title: v.title,
      afterStepId: v.after ?? null,
      days: v.days,
    });
    await changed(tx, actor, 'case.step_added');
  });
}

/** Ticking a step never closes the case, even the last one: closing is decided with the person. */
export async function setStepDone(actor: CaseActor, stepId: number, done: boolean) {
  await writing(actor, async (tx) => {
    if (!(await q.setStepDone(tx, actor.row.id, stepId, done ? now() : null)))
      throw new AppError('not_found');
    await changed(tx, actor, 'case.step_done', { done });
  });
}

export async function addNote(actor: CaseActor, body: string) {
  await writing(actor, async (tx) => {
    const at = now();
    await q.insertNote(
      tx,
      actor.row.id,
      actor.user.id,
      body,
      at,
      new Date(at.getTime() + NOTE_DAYS * 86_400_000),
    );
    await changed(tx, actor, 'case.note_added');
  });
}

/** A working note moved into the file becomes a journal entry; the note itself goes. */
export async function moveNoteIntoFile(actor: CaseActor, noteId: number) {
  await writing(actor, async (tx) => {
    const note = await q.takeNote(tx, actor.row.id, noteId);
    if (!note) throw new AppError('not_found');
    await q.insertEntry(tx, actor.row.id, { kind: 'note', body: note.body, by: actor.user.id, at: now() });
    await changed(tx, actor, 'case.note_moved');
  });
}

export async function deleteNote(actor: CaseActor, noteId: number) {
  await writing(actor, async (tx) => {
    if (!(await q.takeNote(tx, actor.row.id, noteId))) throw new AppError('not_found');
    await changed(tx, actor, 'case.note_deleted');
  });
}

export async function addEntry(actor: CaseActor, body: string) {
  await writing(actor, async (tx) => {
    await q.insertEntry(tx, actor.row.id, { kind: 'contact', body, by: actor.user.id, at: now() });
    await changed(tx, actor, 'case.entry_added');
  });
}

// --- Deputy and hand-over ----------------------------------------------------------------

function assertResponsible(actor: CaseActor) {
  if (actor.role !== 'responsible') throw new CaseError('not_responsible');
}

export async function setDeputy(actor: CaseActor, deputyUserId: number | undefined) {
  assertResponsible(actor);
  await writing(actor, async (tx) => {
    if (deputyUserId !== undefined) {
      const ok = (await q.colleagues(tx)).some(
        (c) => c.user_id === deputyUserId && c.user_id !== actor.user.id,
      );
      if (!ok) throw new CaseError('not_a_colleague');
    }
    await q.setDeputy(tx, actor.row.id, deputyUserId ?? null);
    await changed(tx, actor, deputyUserId ? 'case.deputy_set' : 'case.deputy_removed', {
      deputy: deputyUserId ?? null,
    });
  });
}

/**
 * Hands the case to a colleague with a reason. The old counsellor's access ends with the
 * commit; the person is told (by mail when there is an address, and on their page).
 */
export async function handOver(actor: CaseActor, toUserId: number, reason: string) {
  assertResponsible(actor);
  await writing(actor, async (tx, row) => {
    await transfer(tx, row, { to: toUserId, by: actor.user.id, kind: 'handover', reason, ip: actor.ip });
  });
}

async function transfer(
  tx: Tx,
  row: q.CaseRow,
  t: { to: number; by: number; kind: 'handover' | 'reassignment'; reason: string; ip: string | null },
) {
  const colleague = (await q.colleagues(tx)).find((c) => c.user_id === t.to);
  if (!colleague || t.to === row.responsible_user_id) throw new CaseError('not_a_colleague');
  const at = now();
  await q.setResponsible(tx, row.id, t.to, colleague.office_id);
  await q.insertHandover(tx, {
    caseId: row.id,
    from: row.responsible_user_id,
    to: t.to,
    by: t.by,
    kind: t.kind,
    reason: t.reason,
    at,
  });
  await q.touchCase(tx, row.id, at);
  await audit(tx, {
    action: t.kind === 'handover' ? 'case.handed_over' : 'case.reassigned',
    actorUserId: t.by,
    ip: t.ip,
    targetType: 'case',
    targetId: row.id,
    detail: { from: row.responsible_user_id, to: t.to },
  });
  if (row.person_email && !row.closed_at)
    await sendMail(tx, row.person_email, 'cases:mail.caseHandedOver', row.person_locale, {});
}

/**
 * An admin moves every case of a counsellor who leaves to a colleague, without reading
 * them: the admin learns only how many there were.
 */
export async function reassignAll(
  admin: CurrentUser,
  v: { from: number; to: number; reason: string },
  ip: string | null,
): Promise<number> {
  if (v.from === v.to) throw new CaseError('not_a_colleague');
  return inTransaction(getSql(), async (tx) => {
    const ids = await q.caseIdsOfResponsible(tx, v.from);
    for (const id of ids) {
      const row = (await q.caseById(tx, id, { lock: true }))!;
      await transfer(tx, row, { to: v.to, by: admin.id, kind: 'reassignment', reason: v.reason, ip });
    }
    return ids.length;
  });
}

export async function caseLoad() {
  const sql = getSql();
  const [load, colleagues, offices] = await Promise.all([
    q.caseLoad(sql),
    q.colleagues(sql),
    q.officePreferences(sql),
  ]);
  return { load, colleagues, offices };
}

export async function setOfficeReaderNames(
  admin: CurrentUser,
  officeId: number,
  show: boolean,
  ip: string | null,
) {
  const sql = getSql();
  if (!(await q.setOfficeReaderNames(sql, officeId, show))) throw new AppError('not_found');
  await audit(sql, {
    action: 'office.case_reader_names',
    actorUserId: admin.id,
    ip,
    targetType: 'office',
    targetId: officeId,
    detail: { show },
  });
}

export async function colleaguesOf(actor: CaseActor) {
  return (await q.colleagues(getSql()))
    .filter((c) => c.user_id !== actor.user.id)
    .map((c) => ({ id: c.user_id, name: c.display_name }));
}

// --- Consents -----------------------------------------------------------------------------

/** The separate consent for health data (Art. 9), recorded by the counsellor. */
export async function recordHealthConsent(
  actor: CaseActor,
  v: { consentHow: 'in_meeting' | 'paper'; consentLanguage: string },
) {
  await writing(actor, async (tx, row) => {
    const standing = (await q.consentsOf(tx, row.id)).some((c) => c.purpose === 'health' && !c.withdrawn_at);
    if (standing) throw new CaseError('already_given');
    await q.insertConsent(tx, {
      caseId: row.id,
      purpose: CONSENTS.health.purpose,
      recipientKind: 'office',
      recipientOfficeId: row.office_id,
      dataCategories: CONSENTS.health.categories,
      textVersion: CONSENTS.health.version,
      textLanguage: v.consentLanguage,
      givenHow: v.consentHow,
      givenAt: now(),
      recordedBy: actor.user.id,
    });
    await changed(tx, actor, 'case.consent_given', { purpose: 'health' });
  });
}

/**
 * A withdrawal takes effect at once. Health: the health data goes from every revision.
 * Documentation: the case is closed and erased (the person's link then says so).
 */
export async function withdrawConsent(
  db: Tx,
  row: q.CaseRow,
  consentId: number,
  by: { how: 'own_link' | 'counsellor' | 'account'; userId: number | null; ip: string | null },
): Promise<'erased' | 'withdrawn'> {
  const purpose = await q.withdrawConsent(db, row.id, consentId, now(), by.how);
  if (!purpose) throw new AppError('not_found');
  await audit(db, {
    action: 'case.consent_withdrawn',
    actorUserId: by.userId,
    ip: by.ip,
    targetType: 'case',
    targetId: row.id,
    detail: { purpose, how: by.how },
  });
  if (purpose === CONSENTS.documentation.purpose) {
    await eraseCase(db, row, 'consent_withdrawn');
    return 'erased';
  }
  if (purpose === CONSENTS.health.purpose) await p.stripHealth(db, row.id);
  // A referral consent: the provider sees "withdrawn" from now on, without name or contact.
  if (purpose === 'referral') await onConsentWithdrawn(db, consentId, { userId: by.userId, ip: by.ip });
  await q.touchCase(db, row.id, now());
  return 'withdrawn';
}

export async function withdrawConsentForPerson(actor: CaseActor, consentId: number) {
  return inTransaction(getSql(), async (tx) => {
    const row = await q.caseById(tx, actor.row.id, { lock: true });
    if (!row || row.erased_at) throw new AppError('not_found');
    return withdrawConsent(tx, row, consentId, { how: 'counsellor', userId: actor.user.id, ip: actor.ip });
  });
}

// --- Restriction, closing, erasure -----------------------------------------------------------

/** Art. 18: kept but frozen, and skipped by the retention job, with a reason in the audit log. */
export async function restrict(actor: CaseActor, reason: string) {
  assertResponsible(actor);
  await inTransaction(getSql(), async (tx) => {
    const row = await q.caseById(tx, actor.row.id, { lock: true });
    if (!row || row.erased_at) throw new AppError('not_found');
    if (row.restricted_at) throw new CaseError('restricted');
    await q.setRestriction(tx, row.id, now(), reason);
    await changed(tx, actor, 'case.restricted', { reason });
  });
}

export async function liftRestriction(actor: CaseActor) {
  assertResponsible(actor);
  await inTransaction(getSql(), async (tx) => {
    await q.setRestriction(tx, actor.row.id, null, null);
    await changed(tx, actor, 'case.restriction_lifted');
  });
}

export interface ClosingInput {
  reason: CloseReason;
  goals: Record<string, Attainment>;
  measures: Record<string, Attainment>;
}

/** The core goals and measures a closing codes: those of the plan in force (else the last assessment's goals). */
export async function closingItems(db: Db, caseId: number) {
  const plans = await p.plansOf(db, caseId);
  const active = activeVersion(
    plans.map((x) => ({
      ...x,
      proposedAt: x.proposed_at,
      agreedAt: x.agreed_at,
      activatedAt: x.activated_at,
      reviewOn: x.review_on,
      measures: 0,
    })),
  );
  if (active) {
    const measures = await p.measuresOf(db, [active.id]);
    return {
      goals: active.baseline.goals,
      measures: measures.map((m) => ({ key: m.measure_key, goal: m.goal })),
    };
  }
  const last = (await p.assessmentsOf(db, caseId)).at(-1);
  return { goals: last?.content.goals ?? [], measures: [] as { key: string; goal: string }[] };
}

/** Closing writes the anonymous closure row the planning reports read. */
export async function closeCase(actor: CaseActor, v: ClosingInput) {
  await writing(actor, async (tx, row) => {
    await close(tx, row, v);
    await audit(tx, {
      action: 'case.closed',
      actorUserId: actor.user.id,
      ip: actor.ip,
      targetType: 'case',
      targetId: row.id,
      detail: { reason: v.reason },
    });
  });
}

async function close(tx: Db, row: q.CaseRow, v: ClosingInput) {
  const at = now();
  const [plans, reviews] = await Promise.all([p.plansOf(tx, row.id), p.reviewsOf(tx, row.id)]);
  const items = await closingItems(tx, row.id);
  await q.markClosed(tx, row.id, at, v.reason);
  await q.insertClosure(tx, {
    month: monthOf(at),
    caseType: row.case_type,
    reason: v.reason,
    durationDays: Math.max(0, daysBetween(todayInBerlin(row.opened_at), todayInBerlin(at))),
    measures: items.measures.length,
    planVersions: plans.length,
    reviews: reviews.length,
    reviewsOnTime: reviews.filter((r) => r.due_on === null || r.held_on <= r.due_on).length,
    goalCodes: items.goals.map((g) => v.goals[g.id]).filter((c): c is Attainment => Boolean(c)),
    measureCodes: items.measures.map((m) => v.measures[m.key]).filter((c): c is Attainment => Boolean(c)),
  });
  await q.insertTrace(tx, monthOf(at), row.case_type, 'closed');
}

/**
 * Erases the personal data of a case. An open one is closed first (its closure row
 * carries the reason and no codes), so the planning figures count it either way.
 */
export async function eraseCase(tx: Db, row: q.CaseRow, reason: CloseReason) {
  if (!row.closed_at) await close(tx, row, { reason, goals: {}, measures: {} });
  const at = now();
  // Referrals go with the personal data; their anonymous outcome rows stay (issue 17, item 9).
  await onCaseErased(tx, row.id);
  await q.eraseCase(tx, row.id, at);
  await q.insertTrace(tx, monthOf(at), row.case_type, 'erased');
  await audit(tx, {
    action: 'case.erased',
    targetType: 'case',
    targetId: row.id,
    detail: { reason },
  });
}

export { isCaseType };
