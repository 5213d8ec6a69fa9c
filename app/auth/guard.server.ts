import { type AppLoadContext, redirect } from '@remix-run/node';
import { getSql } from '../../db/client.server';
import type { SessionUser } from '../../db/queries/sessions.server';
import { findMembership, type Membership } from '../../db/queries/users.server';
import { audit } from '../modules/audit/audit.server';
import { clearedSessionCookie, sessionCookie } from './cookie.server';
import { can, type Permission, type Resource, refusalStatus, secondFactorMandatory } from './permissions';
import type { Auth } from './request.server';
import type { NewSession } from './session.server';

/**
 * Guards every loader and action calls first. Deny by default: no session → to the
 * sign-in page; staff without a confirmed second factor → to the TOTP step; missing
 * permission → 403, written to the audit log. UI checks only hide links; these decide.
 */
export interface CurrentUser extends SessionUser {
  sessionId: string;
  membership: Membership | null;
}

/** Counsellors, planners and admins must use a second factor; anyone who turned it on too. */
export function needsSecondFactor(auth: Auth): boolean {
  const mandatory = secondFactorMandatory(auth.user.role);
  return (mandatory || auth.user.totpEnabled) && !auth.session.twoFactorVerified;
}

/**
 * Only a path on this site may be a redirect target. Control characters and backslashes
 * are refused outright (browsers drop tabs and read `\` as `/`, so `/\t/evil.example`
 * would leave the site); what remains must resolve to our own origin.
 */
export function safeRedirect(
  target: FormDataEntryValue | string | null | undefined,
  fallback = '/konto',
): string {
  if (typeof target !== 'string' || !target.startsWith('/') || /[\p{Cc}\\]/u.test(target)) return fallback;
  const base = 'http://wegweiser.invalid';
  const url = new URL(target, base);
  if (url.origin !== base) return fallback;
  return `${url.pathname}${url.search}${url.hash}`;
}

function here(request: Request): string {
  const url = new URL(request.url);
  return `${url.pathname}${url.search}`;
}

export function signInUrl(request: Request): string {
  return `/anmelden?redirectTo=${encodeURIComponent(here(request))}`;
}

export function secondFactorUrl(auth: Auth, redirectTo: string): string {
  const path = auth.user.totpEnabled ? '/anmelden/zwei-faktor' : '/anmelden/zwei-faktor-einrichten';
  return `${path}?redirectTo=${encodeURIComponent(redirectTo)}`;
}

export async function requireUser(
  request: Request,
  context: AppLoadContext,
  options: { secondFactorPending?: boolean } = {},
): Promise<CurrentUser> {
  const auth = context.auth;
  if (!auth) throw redirect(signInUrl(request));
  if (!options.secondFactorPending && needsSecondFactor(auth))
    throw redirect(secondFactorUrl(auth, here(request)));
  const membership = auth.user.role === 'provider' ? await findMembership(getSql(), auth.user.id) : null;
  return { ...auth.user, sessionId: auth.session.id, membership };
}

export async function requirePermission(
  request: Request,
  context: AppLoadContext,
  permission: Permission,
  resource?: Resource,
): Promise<CurrentUser> {
  const user = await requireUser(request, context);
  if (!can(user, permission, resource)) await deny(request, context, user, permission);
  return user;
}

/** Records the refusal in the audit log and answers 403 (a planner: 404, see refusalStatus). */
async function deny(
  request: Request,
  context: AppLoadContext,
  user: CurrentUser,
  permission: string,
): Promise<never> {
  await audit(getSql(), {
    action: 'access.denied',
    outcome: 'denied',
    actorUserId: user.id,
    ip: context.clientIp,
    detail: { permission, path: new URL(request.url).pathname },
  });
  const status = refusalStatus(user.role);
  throw new Response(status === 404 ? 'Not Found' : 'forbidden', { status });
}

/**
 * Provider staff with an active membership, checked against `permission` for their own
 * provider. Admins manage providers through the admin pages, not this area.
 */
export async function requireProviderStaff(
  request: Request,
  context: AppLoadContext,
  permission: Permission,
): Promise<CurrentUser & { membership: Membership }> {
  const user = await requireUser(request, context);
  const membership = user.membership;
  if (!membership || !can(user, permission, { providerId: membership.providerId }))
    return deny(request, context, user, permission);
  return { ...user, membership };
}

/** For pages only visitors need (sign-in, sign-up): a signed-in user goes to their account. */
export function redirectIfSignedIn(context: AppLoadContext) {
  if (context.auth && !needsSecondFactor(context.auth)) throw redirect('/konto');
}

/** The Set-Cookie header for a new session: persistent for citizens, browser-session for staff. */
export function commitSession(context: AppLoadContext, created: NewSession): string {
  const { session, token } = created;
  return sessionCookie(token, {
    secure: context.secureCookies,
    expiresAt: session.kind === 'citizen' ? session.expiresAt : undefined,
  });
}

export function clearSession(context: AppLoadContext): string {
  return clearedSessionCookie(context.secureCookies);
}
