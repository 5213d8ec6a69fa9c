import { getSql, type Tx } from '../../../db/client.server';
import * as admin from '../../../db/queries/admin.server';
import * as q from '../../../db/queries/provider-profile.server';
import { refreshSearchDocuments } from '../../../db/queries/search.server';
import * as users from '../../../db/queries/users.server';
import { enqueueSearchSync } from '../../../search/sync.server';
import { invalidateUserSessions } from '../../auth/session.server';
import { generateToken, hashToken } from '../../auth/tokens.server';
import { now } from '../../utils/clock.server';
import { AppError } from '../../utils/errors';
import { INVITATION_TTL_MS } from '../admin/admin.server';
import { audit } from '../audit/audit.server';
import { sendMail } from '../mail/mail.server';
import type { Actor } from './offers.server';
import { refuse } from './refusal.server';
import type { OrganisationInput } from './schemas';

/**
 * The provider's organisation (its public profile) and its staff. Only the owner changes
 * the profile or invites staff (the route checks the permission; the provider is always
 * the actor's own). A changed name or address reaches the search rows of its offers.
 */
export async function getOrganisation(providerId: number) {
  const org = await q.findProfile(getSql(), providerId);
  if (!org) throw new AppError('not_found');
  return org;
}

export async function updateOrganisation(actor: Actor, input: OrganisationInput) {
  await getSql().begin(async (tx) => {
    await q.updateProfile(tx, actor.providerId, input);
    const offerIds = await q.offerIdsOfProvider(tx, actor.providerId);
    await refreshSearchDocuments(tx, offerIds);
    await enqueueSearchSync(offerIds, tx);
    await audit(tx, {
      action: 'provider.updated',
      actorUserId: actor.userId,
      ip: actor.ip,
      targetType: 'provider',
      targetId: actor.providerId,
    });
  });
}

export async function team(providerId: number) {
  const sql = getSql();
  const [members, invitations] = await Promise.all([
    q.membersOf(sql, providerId),
    admin.listInvitations(sql, 50, providerId),
  ]);
  return { members, invitations };
}

export async function inviteMember(
  actor: Actor,
  input: { email: string; role: 'owner' | 'editor'; locale: string },
  baseUrl: string,
) {
  const sql = getSql();
  if (await users.findUserByEmail(sql, input.email)) throw new AppError('conflict', 'email_taken');
  const token = generateToken();
  await sql.begin(async (tx) => {
    const id = await admin.insertInvitation(tx, {
      tokenHash: hashToken(token),
      email: input.email,
      role: 'provider',
      counsellorId: null,
      provider: { id: actor.providerId, role: input.role },
      invitedBy: actor.userId,
      locale: input.locale,
      expiresAt: new Date(now().getTime() + INVITATION_TTL_MS),
    });
    await sendMail(tx, input.email, 'invitation', input.locale, {
      link: `${baseUrl}/einladung?token=${token}&lng=${input.locale}`,
      role: 'provider',
    });
    await audit(tx, {
      action: 'provider.invite',
      actorUserId: actor.userId,
      ip: actor.ip,
      targetType: 'invitation',
      targetId: id,
      detail: { role: input.role, provider: actor.providerId },
    });
  });
}

export async function revokeMemberInvitation(actor: Actor, invitationId: number) {
  const sql = getSql();
  if (!(await admin.revokeProviderInvitation(sql, invitationId, actor.providerId)))
    await refuse(actor, 'invitation', invitationId);
  await audit(sql, {
    action: 'provider.invite_revoked',
    actorUserId: actor.userId,
    ip: actor.ip,
    targetType: 'invitation',
    targetId: invitationId,
  });
}

/**
 * The owner manages the team: removes a member (their sessions end at once, so a leaver
 * keeps no access), changes a role, hands the ownership over; any member may leave. A
 * provider always keeps an active owner. Another provider's member (or someone who is not
 * a member) is not found. Each change leaves one audit row with the actor and the member.
 */
async function memberOf(tx: Tx, actor: Actor, userId: number, asOwner = true) {
  const members = await q.lockMembers(tx, actor.providerId);
  const activeOwners = members.filter((m) => m.role === 'owner' && m.status === 'active');
  // Checked again under the lock: another owner may have changed the actor's role a moment ago.
  if (asOwner && !activeOwners.some((o) => o.userId === actor.userId)) throw new AppError('forbidden');
  const member = members.find((m) => m.userId === userId);
  if (!member) return refuse(actor, 'member', userId);
  return { member, activeOwners };
}

function auditMember(
  tx: Tx,
  actor: Actor,
  action: string,
  userId: number,
  detail: Record<string, string | number | boolean | null> = {},
) {
  return audit(tx, {
    action,
    actorUserId: actor.userId,
    ip: actor.ip,
    targetType: 'user',
    targetId: userId,
    detail: { provider: actor.providerId, ...detail },
  });
}

export async function removeMember(actor: Actor, userId: number) {
  // Leaving is its own step (with its own confirmation), not a removal of oneself.
  if (userId === actor.userId) throw new AppError('conflict', 'remove_self');
  await getSql().begin(async (tx) => {
    const { member } = await memberOf(tx, actor, userId);
    await q.endMembership(tx, actor.providerId, userId);
    await invalidateUserSessions(tx, userId);
    await auditMember(tx, actor, 'provider.member_removed', userId, { role: member.role });
  });
}

export async function changeMemberRole(actor: Actor, userId: number, role: 'owner' | 'editor') {
  await getSql().begin(async (tx) => {
    const { member, activeOwners } = await memberOf(tx, actor, userId);
    if (member.role === role) return;
    if (role === 'editor' && activeOwners.every((o) => o.userId === userId))
      throw new AppError('conflict', 'last_owner');
    await q.setMemberRole(tx, actor.providerId, userId, role);
    await auditMember(tx, actor, 'provider.member_role_changed', userId, { from: member.role, to: role });
  });
}

/** The member becomes the owner and the actor an editor, in one step. */
export async function transferOwnership(actor: Actor, userId: number) {
  if (userId === actor.userId) throw new AppError('conflict', 'transfer_self');
  await getSql().begin(async (tx) => {
    const { member } = await memberOf(tx, actor, userId);
    if (member.status !== 'active') throw new AppError('conflict', 'member_suspended');
    await q.setMemberRole(tx, actor.providerId, userId, 'owner');
    await q.setMemberRole(tx, actor.providerId, actor.userId, 'editor');
    await auditMember(tx, actor, 'provider.ownership_transferred', userId, { previousOwner: actor.userId });
  });
}

/** The actor leaves the provider: membership ended, every session of theirs too. */
export async function leaveProvider(actor: Actor) {
  await getSql().begin(async (tx) => {
    const { member, activeOwners } = await memberOf(tx, actor, actor.userId, false);
    if (member.role === 'owner' && activeOwners.every((o) => o.userId === actor.userId))
      throw new AppError('conflict', 'last_owner');
    await q.endMembership(tx, actor.providerId, actor.userId);
    await invalidateUserSessions(tx, actor.userId);
    await auditMember(tx, actor, 'provider.member_left', actor.userId, { role: member.role });
  });
}
