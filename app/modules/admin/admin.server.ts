import { getSql } from '../../../db/client.server';
import * as q from '../../../db/queries/admin.server';
import * as audits from '../../../db/queries/audit.server';
import * as moderation from '../../../db/queries/moderation.server';
import * as providers from '../../../db/queries/providers.server';
import { refreshSearchDocuments } from '../../../db/queries/search.server';
import * as users from '../../../db/queries/users.server';
import { enqueueSearchSync } from '../../../search/sync.server';
import { hashPassword, passwordProblem } from '../../auth/password.server';
import {
  createSession,
  invalidateUserSessions,
  type NewSession,
  sessionKindFor,
} from '../../auth/session.server';
import { generateToken, hashToken, looksLikeToken } from '../../auth/tokens.server';
import { now } from '../../utils/clock.server';
import { isForeignKeyViolation } from '../../utils/db-errors';
import { AppError } from '../../utils/errors';
import { localToInstant } from '../../utils/zoned';
import { PasswordRejected } from '../accounts/accounts.server';
import { audit } from '../audit/audit.server';
import { sendMail } from '../mail/mail.server';

/**
 * What the education office's admins do: invite counsellors, planners and admins, approve or
 * suspend providers and their staff, disable users, read the audit log and the mail
 * status. Every change is audited. Disabling a user, suspending a staff member or resetting
 * a second factor ends that person's sessions; a provider's status takes effect on its
 * staff's next request (permissions are read per request).
 */
export const INVITATION_TTL_MS = 7 * 24 * 3600_000;
const PAGE = 50;

export interface AdminMeta {
  adminId: number;
  ip: string | null;
}

export async function inviteStaff(
  input: { email: string; role: 'counsellor' | 'planner' | 'admin'; counsellorId?: number; locale: string },
  meta: AdminMeta & { baseUrl: string },
) {
  const sql = getSql();
  if (await users.findUserByEmail(sql, input.email)) throw new AppError('conflict', 'email_taken');
  const token = generateToken();
  await sql
    .begin(async (tx) => {
      const id = await q.insertInvitation(tx, {
        tokenHash: hashToken(token),
        email: input.email,
        role: input.role,
        counsellorId: input.role === 'counsellor' ? (input.counsellorId ?? null) : null,
        invitedBy: meta.adminId,
        locale: input.locale,
        expiresAt: new Date(now().getTime() + INVITATION_TTL_MS),
      });
      await sendMail(tx, input.email, 'invitation', input.locale, {
        link: `${meta.baseUrl}/einladung?token=${token}&lng=${input.locale}`,
        role: input.role,
      });
      await audit(tx, {
        action: 'admin.invite',
        actorUserId: meta.adminId,
        ip: meta.ip,
        targetType: 'invitation',
        targetId: id,
        detail: { role: input.role },
      });
    })
    .catch((error: unknown) => {
      // A counsellor profile id that doesn't exist (stale or forged form).
      if (isForeignKeyViolation(error)) throw new AppError('bad_request', 'unknown_profile');
      throw error;
    });
}

export async function revokeInvitation(id: number, meta: AdminMeta) {
  const sql = getSql();
  if (!(await q.revokeInvitation(sql, id))) throw new AppError('not_found');
  await audit(sql, {
    action: 'admin.invite_revoked',
    actorUserId: meta.adminId,
    ip: meta.ip,
    targetType: 'invitation',
    targetId: id,
  });
}

export async function openInvitation(token: string) {
  if (!looksLikeToken(token)) return null;
  const found = await q.findOpenInvitation(getSql(), hashToken(token), now());
  return found ? { email: found.email, role: found.role, counsellorName: found.counsellorName } : null;
}

/**
 * Creates the invited account (its address is proven by the link) and signs it in; the
 * guard then sends a counsellor or admin straight to two-factor enrolment.
 */
export async function acceptInvitation(
  token: string,
  displayName: string,
  password: string,
  ip: string | null,
): Promise<{ session: NewSession; role: 'counsellor' | 'planner' | 'admin' | 'provider' } | null> {
  const problem = passwordProblem(password);
  if (problem) throw new PasswordRejected(problem);
  // The (costly) hash only for an invitation that is still open.
  if (!(await openInvitation(token))) return null;
  const passwordHash = await hashPassword(password);
  const sql = getSql();
  return sql.begin(async (tx) => {
    const invitation = await q.findOpenInvitation(tx, hashToken(token), now(), true);
    if (!invitation) return null;
    // Someone registered the address meanwhile: the invitation can't make a second account.
    if (await users.findUserByEmail(tx, invitation.email)) return null;
    const userId = await users.insertUser(tx, {
      email: invitation.email,
      passwordHash,
      displayName,
      role: invitation.role,
      locale: invitation.locale,
      verified: true,
    });
    if (invitation.counsellorId) await q.linkCounsellor(tx, invitation.counsellorId, userId);
    if (invitation.role === 'provider' && invitation.providerId && invitation.providerRole)
      await users.insertMembership(tx, userId, invitation.providerId, invitation.providerRole);
    await q.markInvitationAccepted(tx, invitation.id, userId);
    await audit(tx, {
      action: 'account.invitation_accepted',
      actorUserId: userId,
      ip,
      targetType: 'invitation',
      targetId: invitation.id,
    });
    return {
      session: await createSession(tx, userId, sessionKindFor(invitation.role)),
      role: invitation.role,
    };
  });
}

export async function listInvitations() {
  const sql = getSql();
  const [invitations, counsellors] = await Promise.all([
    q.listInvitations(sql, 100),
    q.counsellorsWithoutAccount(sql),
  ]);
  return { invitations, counsellors };
}

export async function listUsers(filter: { q?: string; role?: string; status?: string; page: number }) {
  const sql = getSql();
  const rows = await q.listUsers(sql, { ...filter, limit: PAGE + 1, offset: (filter.page - 1) * PAGE });
  return { users: rows.slice(0, PAGE), hasMore: rows.length > PAGE };
}

/** Disables or re-enables an account. Disabling ends every session at once. */
export async function setUserStatus(userId: number, status: 'active' | 'disabled', meta: AdminMeta) {
  if (userId === meta.adminId) throw new AppError('forbidden', 'not_yourself');
  const sql = getSql();
  const user = await users.findUserById(sql, userId);
  if (!user || user.status === 'deleted') throw new AppError('not_found');
  await sql.begin(async (tx) => {
    await users.setStatus(tx, userId, status);
    await invalidateUserSessions(tx, userId);
    if (status === 'disabled') await users.deleteOpenUserTokens(tx, userId);
    if (status === 'disabled') await sendMail(tx, user.email, 'accountDisabled', user.locale, {});
    await audit(tx, {
      action: status === 'disabled' ? 'admin.user_disabled' : 'admin.user_enabled',
      actorUserId: meta.adminId,
      ip: meta.ip,
      targetType: 'user',
      targetId: userId,
    });
  });
}

/**
 * Resets a user's second factor (lost phone, no recovery codes left): key and codes go,
 * sessions end, and the next sign-in leads to enrolment. The office checks the person's
 * identity outside the portal before doing this.
 */
export async function resetSecondFactor(userId: number, meta: AdminMeta) {
  if (userId === meta.adminId) throw new AppError('forbidden', 'not_yourself');
  const sql = getSql();
  const user = await users.findUserById(sql, userId);
  if (!user || user.status === 'deleted') throw new AppError('not_found');
  await sql.begin(async (tx) => {
    await users.setTotpKey(tx, userId, null);
    await users.replaceRecoveryCodes(tx, userId, []);
    await invalidateUserSessions(tx, userId);
    await audit(tx, {
      action: 'admin.second_factor_reset',
      actorUserId: meta.adminId,
      ip: meta.ip,
      targetType: 'user',
      targetId: userId,
    });
  });
}

export async function listProviders(filter: { status?: string; q?: string; page: number }) {
  const sql = getSql();
  const rows = await providers.listProvidersForAdmin(sql, {
    ...filter,
    limit: PAGE + 1,
    offset: (filter.page - 1) * PAGE,
  });
  return { providers: rows.slice(0, PAGE), hasMore: rows.length > PAGE };
}

/** A provider with everything an admin checks before deciding: address, contact, registrant, certificates. */
export async function providerForReview(providerId: number) {
  const provider = await q.providerForReview(getSql(), providerId);
  if (!provider) throw new AppError('not_found');
  return provider;
}

/** Which states a provider may leave for which: approving a pending or suspended one, suspending a pending or approved one. */
const STATUS_FROM = {
  approved: ['pending', 'suspended'],
  suspended: ['pending', 'approved'],
} as const;

export type ProviderDecision = { status: 'approved' } | { status: 'suspended'; reason: string };

/**
 * Approves or suspends a provider after the admin has seen its details (the page asks
 * for an explicit confirmation, a suspension for a reason). Its offers enter or leave the
 * public search in the same transaction; its owners and editors are told by mail, each
 * in their language, a suspension with the reason, which the audit entry keeps too.
 * Approving an approved provider (a form sent twice) is a conflict, not a second mail.
 */
export async function setProviderStatus(
  providerId: number,
  decision: ProviderDecision,
  meta: AdminMeta & { baseUrl: string },
) {
  const sql = getSql();
  await sql.begin(async (tx) => {
    const changed = await q.changeProviderStatus(
      tx,
      providerId,
      decision.status,
      STATUS_FROM[decision.status],
    );
    if (!changed) {
      if (await q.providerStatus(tx, providerId)) throw new AppError('conflict', 'provider_status');
      throw new AppError('not_found');
    }
    const offerIds = await providers.providerOfferIds(tx, providerId);
    await refreshSearchDocuments(tx, offerIds);
    await enqueueSearchSync(offerIds, tx);
    const reason = decision.status === 'suspended' ? decision.reason : undefined;
    for (const member of await q.providerStaffRecipients(tx, providerId)) {
      await sendMail(
        tx,
        member.email,
        decision.status === 'approved' ? 'providerApproved' : 'providerSuspended',
        member.locale,
        {
          provider: changed.name,
          reason,
          link: `${meta.baseUrl}/anbieterbereich?lng=${member.locale}`,
        },
      );
    }
    await audit(tx, {
      action: decision.status === 'approved' ? 'admin.provider_approved' : 'admin.provider_suspended',
      actorUserId: meta.adminId,
      ip: meta.ip,
      targetType: 'provider',
      targetId: providerId,
      detail: { from: changed.previous, ...(reason ? { reason } : {}) },
    });
  });
}

/** Suspends or reinstates one member of a provider's staff; a suspension ends their sessions. */
export async function setMemberStatus(userId: number, status: 'active' | 'suspended', meta: AdminMeta) {
  const sql = getSql();
  await sql.begin(async (tx) => {
    const member = await providers.setMemberStatus(tx, userId, status);
    if (!member) throw new AppError('not_found');
    await invalidateUserSessions(tx, userId);
    const user = await users.findUserById(tx, userId);
    if (status === 'suspended' && user?.email)
      await sendMail(tx, user.email, 'memberSuspended', user.locale, {});
    await audit(tx, {
      action: status === 'suspended' ? 'admin.member_suspended' : 'admin.member_reinstated',
      actorUserId: meta.adminId,
      ip: meta.ip,
      targetType: 'user',
      targetId: userId,
      detail: { provider: member.providerId },
    });
  });
}

export async function auditLog(filter: Omit<audits.AuditFilter, 'limit'>) {
  const rows = await audits.listAudit(getSql(), { ...filter, limit: PAGE + 1 });
  return { entries: rows.slice(0, PAGE), nextBeforeId: rows.length > PAGE ? rows[PAGE - 1]!.id : null };
}

/** Recipient addresses are masked: an admin needs to see that a mail went out, not to whom in full. */
export function maskEmail(email: string | null): string {
  if (!email) return '';
  const [local = '', domain = ''] = email.split('@');
  return `${local.slice(0, 2)}${'•'.repeat(Math.max(1, Math.min(6, local.length - 2)))}@${domain}`;
}

export async function mailStatus(state?: string) {
  const jobs = await q.listMailJobs(getSql(), { state, limit: 200 });
  return jobs.map((j) => ({ ...j, to: maskEmail(j.to) }));
}

export async function overview() {
  const sql = getSql();
  const [userCounts, providerCounts] = await Promise.all([
    q.countUsers(sql),
    providers.countProvidersByStatus(sql),
  ]);
  return { userCounts, providerCounts };
}

export const OFFERS_PER_PAGE = 50;

export interface OfferListFilter {
  q?: string;
  status?: moderation.AdminOfferFilter['status'];
  provider?: number;
  category?: string;
  since?: string;
  page: number;
}

/**
 * All offers of all providers for the education office: searchable (title, provider,
 * course number, id), filtered by status, provider, category and last change, newest
 * change first, 50 a page. Also how many wait for review, and the providers to filter by.
 */
export async function listOffers(filter: OfferListFilter) {
  const sql = getSql();
  const [{ rows, total }, waiting, providerChoices] = await Promise.all([
    moderation.listOffersForAdmin(sql, {
      q: filter.q,
      status: filter.status,
      providerId: filter.provider,
      category: filter.category,
      // A day is the office's (Berlin) day, like every date the admin pages show.
      // Midnight always exists in Berlin (the clocks change at 2 and 3 o'clock).
      changedSince: filter.since ? new Date(localToInstant(filter.since, 0)!) : undefined,
      limit: OFFERS_PER_PAGE,
      offset: (filter.page - 1) * OFFERS_PER_PAGE,
    }),
    moderation.countWaitingForReview(sql),
    moderation.providerChoices(sql),
  ]);
  return {
    offers: rows,
    total,
    pages: Math.max(1, Math.ceil(total / OFFERS_PER_PAGE)),
    waiting,
    providers: providerChoices,
  };
}

/** Publishes an offer that waited for review (pre-moderation). */
export async function approveOffer(offerId: number, meta: AdminMeta) {
  await getSql().begin(async (tx) => {
    if (!(await moderation.approveOffer(tx, offerId))) throw new AppError('not_found');
    await refreshSearchDocuments(tx, [offerId]);
    await enqueueSearchSync([offerId], tx);
    await audit(tx, {
      action: 'admin.offer_approved',
      actorUserId: meta.adminId,
      ip: meta.ip,
      targetType: 'offer',
      targetId: offerId,
    });
  });
}

/**
 * Takes an offer out of the search (back to draft) with a reason, which the provider's
 * owners and editors get by mail (each in their language, with the office's contact:
 * the mail comes from a no-reply address) and see on the offer's edit page.
 */
export async function unpublishOffer(offerId: number, reason: string, meta: AdminMeta & { baseUrl: string }) {
  await getSql().begin(async (tx) => {
    const offer = await moderation.unpublishOffer(tx, offerId, reason);
    if (!offer) throw new AppError('not_found');
    await refreshSearchDocuments(tx, [offerId]);
    await enqueueSearchSync([offerId], tx);
    for (const member of await q.providerStaffRecipients(tx, offer.providerId)) {
      await sendMail(tx, member.email, 'offerUnpublished', member.locale, {
        title: offer.title,
        reason,
        link: `${meta.baseUrl}/anbieterbereich/angebote/${offerId}?lng=${member.locale}`,
      });
    }
    await audit(tx, {
      action: 'admin.offer_unpublished',
      actorUserId: meta.adminId,
      ip: meta.ip,
      targetType: 'offer',
      targetId: offerId,
      detail: { reason },
    });
  });
}

export async function setPreModeration(providerId: number, on: boolean, meta: AdminMeta) {
  const sql = getSql();
  if (!(await moderation.setPreModeration(sql, providerId, on))) throw new AppError('not_found');
  await audit(sql, {
    action: on ? 'admin.pre_moderation_on' : 'admin.pre_moderation_off',
    actorUserId: meta.adminId,
    ip: meta.ip,
    targetType: 'provider',
    targetId: providerId,
  });
}
