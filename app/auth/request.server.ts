import { getSql } from '../../db/client.server';
import type { SessionUser } from '../../db/queries/sessions.server';
import { getEnv } from '../utils/env.server';
import {
  clearedSessionCookie,
  idleFlagCookie,
  isSecureContext,
  readSessionToken,
  sessionCookie,
} from './cookie.server';
import { type Session, validateSessionToken } from './session.server';

export interface Auth {
  session: Session;
  user: SessionUser;
}

export interface RequestAuth {
  auth: Auth | null;
  secureCookies: boolean;
  /**
   * Set when a citizen session slid forward (the cookie's expiry must follow), or when a
   * staff session was found idle (the cookie goes, the idle flag comes).
   */
  setCookie?: string | string[];
}

/**
 * Runs once per request, before any loader or action (the server's getLoadContext): finds
 * the session behind the cookie and puts it in the load context. Guards read it from there.
 */
export async function authenticateRequest(input: {
  cookieHeader: string | undefined;
  protocol: string;
  hostname: string;
}): Promise<RequestAuth> {
  const secureCookies = isSecureContext({ ...input, production: getEnv().APP_ENV === 'production' });
  const token = readSessionToken(input.cookieHeader, secureCookies);
  if (!token) return { auth: null, secureCookies };
  const result = await validateSessionToken(getSql(), token);
  if (!result.session) {
    if (result.ended !== 'idle') return { auth: null, secureCookies };
    return {
      auth: null,
      secureCookies,
      setCookie: [clearedSessionCookie(secureCookies), idleFlagCookie(secureCookies)],
    };
  }
  const auth = { session: result.session, user: result.user };
  if (!result.renewed) return { auth, secureCookies };
  return {
    auth,
    secureCookies,
    setCookie: sessionCookie(token, { secure: secureCookies, expiresAt: result.session.expiresAt }),
  };
}
