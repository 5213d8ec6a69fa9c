import { type Db, getSql, inTransaction, type Tx } from '../../../db/client.server';
import * as p from '../../../db/queries/case-plans.server';
import * as q from '../../../db/queries/cases.server';
import * as r from '../../../db/queries/referrals.server';
import { i18nServer } from '../../i18next.server';
import { now, todayInBerlin } from '../../utils/clock.server';
import { AppError } from '../../utils/errors';
import { audit } from '../audit/audit.server';
import { holidayState } from '../booking/booking.server';
import type { CaseActor } from '../cases/access.server';
import { CaseError } from '../cases/errors';
import { activeVersion } from '../cases/plan-rules';
import { sendMail } from '../mail/mail.server';
import { ReferralError } from './errors';
import {
  addWorkingDays,
  byUrgency,
  covers,
  type DataCategory,
  isOverdue,
  mayMove,
  PROVIDER_MOVES,
  REFERRAL_CONSENT,
  RESPONSE_WORKING_DAYS,
  type ReferralState,
  sharedData,
} from './rules';

/**
 * Referrals: a measure of the plan in force goes to a provider (a run of one of its
 * offers, or the provider generally) only under the person's consent for that recipient,
 * those data categories and that purpose. Sending checks the consent in the same
 * transaction that makes the referral visible to the provider; without one the answer is
 * 422 and nothing reaches the provider — no row in its inbox, no mail. No role overrides
 * it. A withdrawn consent empties the shared data at once; the history stays.
 */

function link(path: string): string | undefined {
  return process.env.PUBLIC_URL ? new URL(path, process.env.PUBLIC_URL).href : undefined;
}

/** The plan in force and its measures (referrals are made from it only). */
async function activePlan(db: Db, caseId: number) {
  const plans = await p.plansOf(db, caseId);
  const active = activeVersion(plans.map((x) => ({ ...x, version: x.version, activatedAt: x.activated_at })));
  if (!active) return null;
  return { plan: active, measures: await p.measuresOf(db, [active.id]) };
}

export interface PrepareInput {
  measureKey: string;
  runId?: number;
  providerId?: number;
  purpose: string;
  categories: DataCategory[];
  languageLevel?: string;
  affiliationReason?: string;
}

/**
 * A draft referral: nothing the provider sees yet. Neutrality: when the recipient is the
 * provider the counsellor named as their affiliation, a written reason is required.
 */
export async function prepare(actor: CaseActor, v: PrepareInput): Promise<number> {
  return inTransaction(getSql(), async (tx) => {
    const row = await lockedCase(tx, actor);
    const active = await activePlan(tx, row.id);
    if (!active) throw new ReferralError('no_active_plan');
    const measure = active.measures.find((m) => m.measure_key === v.measureKey);
    if (!measure) throw new ReferralError('measure_unknown');
    let providerId: number;
    let run: Awaited<ReturnType<typeof r.providerOfRun>> | undefined;
    if (v.runId) {
      run = await r.providerOfRun(tx, v.runId);
      if (!run) throw new ReferralError('run_unavailable');
      providerId = run.provider_id;
    } else {
      const provider = v.providerId ? await r.approvedProvider(tx, v.providerId) : undefined;
      if (!provider) throw new ReferralError('provider_unknown');
      providerId = provider.id;
    }
    if (v.categories.includes('language_level') && !v.languageLevel)
      throw new ReferralError('language_level_missing');
    const affiliated = (await r.affiliationOf(tx, actor.user.id)) === providerId;
    if (affiliated && !v.affiliationReason) throw new ReferralError('affiliation_reason_missing');
    const at = now();
    const id = await r.insertDraft(tx, {
      caseId: row.id,
      measureKey: measure.measure_key,
      planId: active.plan.id,
      providerId,
      offerId: run?.offer_id ?? null,
      runId: run?.run_id ?? null,
      offerCategory: run?.category ?? null,
      purpose: v.purpose,
      categories: [...v.categories],
      languageLevel: v.categories.includes('language_level') ? (v.languageLevel ?? null) : null,
      affiliationReason: affiliated ? (v.affiliationReason ?? null) : null,
      by: actor.user.id,
      at,
    });
    await r.insertEvent(tx, { referralId: id, state: 'draft', reason: null, by: 'counsellor', at });
    await audit(tx, {
      action: 'referral.prepared',
      actorUserId: actor.user.id,
      ip: actor.ip,
      targetType: 'referral',
      targetId: id,
      detail: { case: row.id, provider: providerId, affiliated },
    });
    if (affiliated)
      await audit(tx, {
        action: 'referral.affiliation_reason',
        actorUserId: actor.user.id,
        ip: actor.ip,
        targetType: 'referral',
        targetId: id,
        detail: { provider: providerId, reason: v.affiliationReason ?? '' },
      });
    await q.touchCase(tx, row.id, at);
    return id;
  });
}

export async function lockedCase(tx: Tx, actor: CaseActor) {
  const row = await q.caseById(tx, actor.row.id, { lock: true });
  if (
    !row ||
    row.erased_at ||
    (row.responsible_user_id !== actor.user.id && row.deputy_user_id !== actor.user.id)
  )
    throw new AppError('not_found');
  // Not through cases.server (it calls this module when a consent is withdrawn or a case erased).
  if (row.restricted_at) throw new CaseError('restricted');
  if (row.closed_at) throw new CaseError('closed');
  return row;
}

/**
 * Sends a draft: only when a standing consent covers this provider and these categories
 * today. The shared data is written from the case as it is now, limited to those categories.
 */
async function send(
  tx: Tx,
  row: q.CaseRow,
  referralId: number,
  by: { kind: 'counsellor' | 'person'; userId: number | null; ip: string | null },
) {
  const ref = await r.referralOfCase(tx, row.id, referralId, true);
  if (!ref) throw new AppError('not_found');
  if (ref.state !== 'draft') throw new ReferralError('not_a_draft');
  const today = todayInBerlin();
  const consents = await r.standingConsentsFor(tx, row.id, ref.provider_id);
  const consent = consents.find((c) =>
    covers(
      {
        purpose: c.purpose,
        recipientProviderId: c.recipient_provider_id,
        dataCategories: c.data_categories,
        validUntil: c.valid_until,
        withdrawnAt: c.withdrawn_at,
      },
      { providerId: ref.provider_id, categories: ref.data_categories },
      today,
    ),
  );
  if (!consent) throw new ReferralError('consent_missing');
  const plan = ref.plan_id ? (await p.plansOf(tx, row.id)).find((x) => x.id === ref.plan_id) : undefined;
  const measure = plan
    ? (await p.measuresOf(tx, [plan.id])).find((m) => m.measure_key === ref.measure_key)
    : undefined;
  const shared = sharedData(ref.data_categories, {
    name: row.person_name,
    email: row.person_email,
    phone: row.person_phone,
    languageLevel: ref.language_level,
    baseline: plan?.baseline ?? null,
    measureGoal: measure?.goal ?? null,
  });
  const at = now();
  const dueOn = addWorkingDays(today, RESPONSE_WORKING_DAYS, await holidayState(tx));
  await r.markSent(tx, ref.id, { consentId: consent.id, shared, dueOn, at });
  await r.insertEvent(tx, { referralId: ref.id, state: 'received', reason: null, by: by.kind, at });
  await audit(tx, {
    action: 'referral.sent',
    actorUserId: by.userId,
    ip: by.ip,
    targetType: 'referral',
    targetId: ref.id,
    detail: {
      case: row.id,
      provider: ref.provider_id,
      consent: consent.id,
      categories: ref.data_categories.join(','),
    },
  });
  // The provider's owners learn that there is a referral; the mail names no one.
  for (const owner of await r.ownersOf(tx, ref.provider_id))
    await sendMail(tx, owner.email, 'referrals:mail.newReferral', owner.locale, {
      link: link(`/anbieterbereich/vermittlungen/${ref.id}`),
    });
  await q.touchCase(tx, row.id, at);
}

/** The counsellor sends a draft under a consent already given (on the person's link or recorded before). */
export async function sendDraft(actor: CaseActor, referralId: number) {
  try {
    await inTransaction(getSql(), async (tx) => {
      const row = await lockedCase(tx, actor);
      await send(tx, row, referralId, { kind: 'counsellor', userId: actor.user.id, ip: actor.ip });
    });
  } catch (error) {
    // The refusal is kept as proof, outside the transaction that was rolled back.
    if (error instanceof ReferralError && error.reason === 'consent_missing')
      await audit(getSql(), {
        action: 'referral.refused_without_consent',
        outcome: 'denied',
        actorUserId: actor.user.id,
        ip: actor.ip,
        targetType: 'referral',
        targetId: referralId,
        detail: { case: actor.row.id },
      });
    throw error;
  }
}

/**
 * Records the person's consent for this draft's recipient, categories and purpose, then
 * sends it. A standing consent for the same provider that covers less must be withdrawn
 * first (one standing referral consent per recipient keeps the proof unambiguous).
 */
async function consentAndSend(
  tx: Tx,
  row: q.CaseRow,
  referralId: number,
  v: {
    how: 'in_meeting' | 'paper' | 'own_link';
    language: string;
    validUntil: string | null;
    userId: number | null;
    ip: string | null;
  },
) {
  const ref = await r.referralOfCase(tx, row.id, referralId, true);
  if (!ref) throw new AppError('not_found');
  if (ref.state !== 'draft') throw new ReferralError('not_a_draft');
  const standing = await r.standingConsentsFor(tx, row.id, ref.provider_id);
  const today = todayInBerlin();
  const covering = standing.find((c) =>
    covers(
      {
        purpose: c.purpose,
        recipientProviderId: c.recipient_provider_id,
        dataCategories: c.data_categories,
        validUntil: c.valid_until,
        withdrawnAt: c.withdrawn_at,
      },
      { providerId: ref.provider_id, categories: ref.data_categories },
      today,
    ),
  );
  if (!covering) {
    if (standing.length) throw new ReferralError('consent_conflict');
    const consentId = await q.insertConsent(tx, {
      caseId: row.id,
      purpose: REFERRAL_CONSENT.purpose,
      recipientKind: 'provider',
      recipientProviderId: ref.provider_id,
      dataCategories: ref.data_categories,
      textVersion: REFERRAL_CONSENT.version,
      textLanguage: v.language,
      givenHow: v.how,
      givenAt: now(),
      recordedBy: v.userId,
      validUntil: v.validUntil,
    });
    await r.setConsentPurposeText(tx, consentId, ref.purpose);
    await audit(tx, {
      action: 'case.consent_given',
      actorUserId: v.userId,
      ip: v.ip,
      targetType: 'case',
      targetId: row.id,
      detail: { purpose: 'referral', provider: ref.provider_id, how: v.how, consent: consentId },
    });
  }
  await send(tx, row, referralId, {
    kind: v.how === 'own_link' ? 'person' : 'counsellor',
    userId: v.userId,
    ip: v.ip,
  });
}

/** The counsellor records the consent the person gave in the meeting or on paper, and sends. */
export async function recordConsentAndSend(
  actor: CaseActor,
  referralId: number,
  v: { how: 'in_meeting' | 'paper'; language: string; validUntil: string | null },
) {
  await inTransaction(getSql(), async (tx) => {
    const row = await lockedCase(tx, actor);
    await consentAndSend(tx, row, referralId, { ...v, userId: actor.user.id, ip: actor.ip });
  });
}

/** The person agrees on their own link to the referral shown there; it is sent at once. */
export async function consentOnLink(tx: Tx, row: q.CaseRow, referralId: number, language: string) {
  if (row.restricted_at || row.closed_at) throw new ReferralError('case_closed');
  await consentAndSend(tx, row, referralId, {
    how: 'own_link',
    language,
    validUntil: null,
    userId: null,
    ip: null,
  });
}

export async function discardDraft(actor: CaseActor, referralId: number) {
  await inTransaction(getSql(), async (tx) => {
    const row = await lockedCase(tx, actor);
    if (!(await r.deleteDraft(tx, row.id, referralId))) throw new ReferralError('not_a_draft');
    await audit(tx, {
      action: 'referral.discarded',
      actorUserId: actor.user.id,
      ip: actor.ip,
      targetType: 'referral',
      targetId: referralId,
      detail: { case: row.id },
    });
  });
}

/**
 * Called in the transaction that withdraws a consent (from the cases module): every
 * referral sent under it shows "withdrawn" from now on and holds no personal data.
 */
export async function onConsentWithdrawn(
  tx: Db,
  consentId: number,
  by: { userId: number | null; ip: string | null },
) {
  const ids = await r.withdrawByConsent(tx, consentId, now());
  for (const id of ids)
    await audit(tx, {
      action: 'referral.withdrawn',
      actorUserId: by.userId,
      ip: by.ip,
      targetType: 'referral',
      targetId: id,
      detail: { consent: consentId },
    });
}

/** Called when a case's personal data is erased: the anonymous outcome rows stay, the referrals go. */
export async function onCaseErased(tx: Db, caseId: number) {
  await r.keepOutcomesAndDelete(tx, caseId);
}

// --- Views --------------------------------------------------------------------------------------

export interface ReferralView {
  id: number;
  measureKey: string;
  provider: string;
  providerId: number;
  offerTitle: string | null;
  runStartsOn: string | null;
  purpose: string;
  categories: string[];
  state: ReferralState;
  reason: string | null;
  startOn: string | null;
  dueOn: string | null;
  overdue: boolean;
  withdrawn: boolean;
  withdrawnAt: string | null;
  sentAt: string | null;
  history: { state: string; reason: string | null; by: string; at: string }[];
}

function view(x: r.ReferralRow, events: Awaited<ReturnType<typeof r.eventsOf>>, today: string): ReferralView {
  return {
    id: x.id,
    measureKey: x.measure_key,
    provider: x.provider_name,
    providerId: x.provider_id,
    offerTitle: x.offer_title,
    runStartsOn: x.run_starts_on,
    purpose: x.purpose,
    categories: x.data_categories,
    state: x.state as ReferralState,
    reason: x.reason,
    startOn: x.start_on,
    dueOn: x.due_on,
    overdue: isOverdue({ state: x.state, dueOn: x.due_on, withdrawnAt: x.withdrawn_at }, today),
    withdrawn: x.withdrawn_at !== null,
    withdrawnAt: x.withdrawn_at?.toISOString() ?? null,
    sentAt: x.sent_at?.toISOString() ?? null,
    history: events
      .filter((e) => e.referral_id === x.id)
      .map((e) => ({ state: e.state, reason: e.reason, by: e.by_kind, at: e.at.toISOString() })),
  };
}

/** The referrals of one case (counsellor and person), overdue first. */
export async function referralsOfCase(db: Db, caseId: number): Promise<ReferralView[]> {
  const rows = await r.referralsOfCase(db, caseId);
  const events = await r.eventsOf(
    db,
    rows.map((x) => x.id),
  );
  const today = todayInBerlin();
  return byUrgency(rows.map((x) => view(x, events, today)));
}

/** What the counsellor's referral page needs: the measures of the plan in force, the referrals, the providers. */
export async function referralPage(actor: CaseActor) {
  const sql = getSql();
  const active = await activePlan(sql, actor.row.id);
  const [referrals, providers, affiliation] = await Promise.all([
    referralsOfCase(sql, actor.row.id),
    r.approvedProviders(sql),
    r.affiliationOf(sql, actor.user.id),
  ]);
  return {
    planVersion: active?.plan.version ?? null,
    textLanguage: active?.plan.text_language ?? 'de',
    measures: (active?.measures ?? []).map((m) => ({
      key: m.measure_key,
      goal: m.goal,
      runId: m.run_id,
      offer: m.offer_snapshot ? { title: m.offer_snapshot.title, provider: m.offer_snapshot.provider } : null,
    })),
    referrals,
    providers,
    affiliation,
  };
}

// --- The provider's side -------------------------------------------------------------------------

export interface ProviderActor {
  userId: number | null;
  providerId: number;
  ip: string | null;
  via: 'provider' | 'api';
  apiKeyId?: number;
}

/** What a provider sees of a referral: the run, the purpose, the deadline and exactly the consented data. */
export interface ProviderReferral {
  id: number;
  offerTitle: string | null;
  runId: number | null;
  runStartsOn: string | null;
  purpose: string | null;
  state: ReferralState | 'withdrawn';
  reason: string | null;
  startOn: string | null;
  dueOn: string | null;
  overdue: boolean;
  receivedAt: string | null;
  /** Exactly the consented categories; empty after withdrawal. */
  categories: string[];
  shared: Record<string, unknown>;
  nextStates: ReferralState[];
}

function forProvider(x: r.ReferralRow, today: string): ProviderReferral {
  const withdrawn = x.withdrawn_at !== null;
  return {
    id: x.id,
    offerTitle: x.offer_title,
    runId: x.run_id,
    runStartsOn: x.run_starts_on,
    purpose: withdrawn ? null : x.purpose,
    state: withdrawn ? 'withdrawn' : (x.state as ReferralState),
    reason: x.reason,
    startOn: x.start_on,
    dueOn: x.due_on,
    overdue: isOverdue({ state: x.state, dueOn: x.due_on, withdrawnAt: x.withdrawn_at }, today),
    receivedAt: x.sent_at?.toISOString() ?? null,
    categories: withdrawn ? [] : x.data_categories,
    shared: withdrawn ? {} : (x.shared ?? {}),
    nextStates: withdrawn ? [] : [...(PROVIDER_MOVES[x.state as ReferralState] ?? [])],
  };
}

export async function inbox(actor: Pick<ProviderActor, 'providerId'>): Promise<ProviderReferral[]> {
  const today = todayInBerlin();
  const rows = await r.referralsOfProvider(getSql(), actor.providerId);
  return byUrgency(rows.map((x) => forProvider(x, today)));
}

/** One referral of this provider; any other id — another provider's too — is not found. */
export async function providerReferral(actor: ProviderActor, id: number): Promise<ProviderReferral> {
  const row = await r.referralOfProvider(getSql(), actor.providerId, id);
  if (!row) {
    await audit(getSql(), {
      action: 'referral.denied',
      outcome: 'denied',
      actorUserId: actor.userId,
      ip: actor.ip,
      targetType: 'referral',
      targetId: id,
      detail: { provider: actor.providerId, via: actor.via },
    });
    throw new AppError('not_found');
  }
  await audit(getSql(), {
    action: 'referral.read',
    actorUserId: actor.userId,
    ip: actor.ip,
    targetType: 'referral',
    targetId: id,
    detail: { provider: actor.providerId, via: actor.via },
  });
  return forProvider(row, todayInBerlin());
}

export interface MoveInput {
  state: ReferralState;
  reason?: string;
  startOn?: string;
}

/** The provider answers or reports progress; audited and mailed to the counsellor, seen by the person. */
export async function move(actor: ProviderActor, id: number, v: MoveInput): Promise<ProviderReferral> {
  return inTransaction(getSql(), async (tx) => {
    const row = await r.referralOfProvider(tx, actor.providerId, id, true);
    if (!row) throw new AppError('not_found');
    if (row.withdrawn_at) throw new ReferralError('withdrawn');
    if (!mayMove(row.state as ReferralState, v.state)) throw new ReferralError('move_not_allowed');
    const at = now();
    const reason = v.state === 'rejected' || v.state === 'dropped_out' ? (v.reason ?? 'other') : null;
    await r.setState(tx, row.id, {
      state: v.state,
      reason,
      startOn: v.state === 'accepted' ? (v.startOn ?? null) : null,
      at,
      answered: row.state === 'received',
    });
    await r.insertEvent(tx, { referralId: row.id, state: v.state, reason, by: actor.via, at });
    await audit(tx, {
      action: 'referral.state_changed',
      actorUserId: actor.userId,
      ip: actor.ip,
      targetType: 'referral',
      targetId: row.id,
      detail: {
        from: row.state,
        to: v.state,
        reason,
        via: actor.via,
        provider: actor.providerId,
        ...(actor.apiKeyId ? { apiKey: actor.apiKeyId } : {}),
      },
    });
    const c = await q.caseById(tx, row.case_id);
    if (c?.responsible_user_id) {
      const contact = await q.counsellorContact(tx, c.responsible_user_id);
      if (contact?.email)
        await sendMail(tx, contact.email, 'referrals:mail.stateChanged', contact.locale, {
          // The state in the counsellor's language; the mail names no person.
          title: (await i18nServer.getFixedT(contact.locale, 'referrals'))(`state.${v.state}`),
          link: link(`/team/faelle/${row.case_id}/vermittlung`),
        });
      await q.touchCase(tx, c.id, at);
    }
    const after = await r.referralOfProvider(tx, actor.providerId, id);
    return forProvider(after!, todayInBerlin());
  });
}

// --- Jobs -------------------------------------------------------------------------------------------

/** Overdue referrals: exactly one reminder per referral, to the provider's owners (claimed by an update). */
export async function remindOverdueReferrals(): Promise<number> {
  return getSql().begin(async (tx) => {
    const claimed = await r.claimOverdue(tx, todayInBerlin(), now());
    const perProvider = new Map<number, number>();
    for (const c of claimed) perProvider.set(c.provider_id, (perProvider.get(c.provider_id) ?? 0) + 1);
    for (const [providerId, count] of perProvider)
      for (const owner of await r.ownersOf(tx, providerId))
        await sendMail(tx, owner.email, 'referrals:mail.overdue', owner.locale, {
          count,
          link: link('/anbieterbereich/vermittlungen'),
        });
    return claimed.length;
  });
}
