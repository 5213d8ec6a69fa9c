import type { AppLoadContext } from '@remix-run/node';
import { requireProviderStaff } from '~/auth/guard.server';
import type { Permission } from '~/auth/permissions';
import type { Actor } from './offers.server';

/** The signed-in provider member as the offers module needs them, after the permission check. */
export async function requireProviderActor(
  request: Request,
  context: AppLoadContext,
  permission: Permission,
) {
  const user = await requireProviderStaff(request, context, permission);
  const actor: Actor = { userId: user.id, providerId: user.membership.providerId, ip: context.clientIp };
  return { user, actor };
}

/** A route's numeric id, or 404 (never a 500 for `/…/abc`). */
export function idParam(value: string | undefined): number {
  const id = Number(value);
  if (!value || !Number.isSafeInteger(id) || id <= 0 || String(id) !== value)
    throw new Response('not found', { status: 404 });
  return id;
}
