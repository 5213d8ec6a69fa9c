import '@remix-run/node';
import type { Auth } from '../auth/request.server';

declare module '@remix-run/node' {
  interface AppLoadContext {
    /** The CSP nonce the server generated for this response. */
    cspNonce: string;
    /** The client's address (behind a proxy only with TRUST_PROXY=on); hashed before storing. */
    clientIp: string | null;
    /** Whether the session cookie is Secure and `__Host-` prefixed on this connection. */
    secureCookies: boolean;
    /** The signed-in user and session, validated once per request; null for visitors. */
    auth: Auth | null;
    /** Set by handleError when a loader or action failed because the database couldn't serve: the server answers 503. */
    databaseUnavailable?: boolean;
  }
}
