import { getSql } from '../../../db/client.server';
import * as admin from '../../../db/queries/admin.server';
import * as q from '../../../db/queries/provider-profile.server';
import { refreshSearchDocuments } from '../../../db/queries/search.server';
import * as users from '../../../db/queries/users.server';
import { enqueueSearchSync } from '../../../search/sync.server';
import { generateToken, hashToken } from '../../auth/tokens.server';
import { now } from '../../utils/clock.server';
import { AppError } from '../../utils/errors';
import { INVITATION_TTL_MS } from '../admin/admin.server';
import { audit } from '../audit/audit.server';
import { sendMail } from '../mail/mail.server';
import type { Actor } from './offers.server';
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
    throw new AppError('not_found');
  await audit(sql, {
    action: 'provider.invite_revoked',
    actorUserId: actor.userId,
    ip: actor.ip,
    targetType: 'invitation',
    targetId: invitationId,
  });
}
