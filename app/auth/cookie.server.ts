/**
 * The session cookie. With HTTPS (always in production, and on localhost, which browsers
 * treat as secure) it is `__Host-ww_session`: Secure, Path=/, no Domain, so no subdomain
 * or plain-HTTP page can set or read it. On plain HTTP to another host (a development
 * machine reached over the LAN) browsers would drop a Secure cookie, so it falls back to
 * an unprefixed name there.
 */
export const SECURE_COOKIE = '__Host-ww_session';
export const PLAIN_COOKIE = 'ww_session';

export function cookieName(secure: boolean): string {
  return secure ? SECURE_COOKIE : PLAIN_COOKIE;
}

const LOCAL_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]', '::1']);

export function isSecureContext(options: {
  protocol: string;
  hostname: string;
  production: boolean;
}): boolean {
  return (
    options.production ||
    options.protocol === 'https' ||
    options.protocol === 'https:' ||
    LOCAL_HOSTS.has(options.hostname)
  );
}

function readCookie(cookieHeader: string | null | undefined, name: string): string | undefined {
  if (!cookieHeader) return undefined;
  for (const part of cookieHeader.split(';')) {
    const index = part.indexOf('=');
    if (index > 0 && part.slice(0, index).trim() === name) return part.slice(index + 1).trim();
  }
  return undefined;
}

export function readSessionToken(
  cookieHeader: string | null | undefined,
  secure: boolean,
): string | undefined {
  return readCookie(cookieHeader, cookieName(secure));
}

/** Citizens get a persistent cookie; staff a browser-session cookie (their session ends after 10 h anyway). */
export function sessionCookie(token: string, options: { secure: boolean; expiresAt?: Date }): string {
  const parts = [`${cookieName(options.secure)}=${token}`, 'Path=/', 'HttpOnly', 'SameSite=Lax'];
  if (options.secure) parts.push('Secure');
  if (options.expiresAt) {
    const seconds = Math.max(0, Math.floor((options.expiresAt.getTime() - Date.now()) / 1000));
    parts.push(`Max-Age=${seconds}`, `Expires=${options.expiresAt.toUTCString()}`);
  }
  return parts.join('; ');
}

export function clearedSessionCookie(secure: boolean): string {
  return `${cookieName(secure)}=; Path=/; HttpOnly; SameSite=Lax${secure ? '; Secure' : ''}; Max-Age=0`;
}

/**
 * "Signed out after 30 idle minutes": set by the request that found a staff session gone
 * idle, read by the sign-in page, so the message appears without JavaScript too. It says
 * nothing about who it was (the value is just 1) and lives ten minutes.
 */
const IDLE_FLAG = { secure: '__Host-ww_idle', plain: 'ww_idle' };
const IDLE_FLAG_SECONDS = 600;

function idleFlagName(secure: boolean) {
  return secure ? IDLE_FLAG.secure : IDLE_FLAG.plain;
}

export function idleFlagCookie(secure: boolean): string {
  return `${idleFlagName(secure)}=1; Path=/; HttpOnly; SameSite=Lax${secure ? '; Secure' : ''}; Max-Age=${IDLE_FLAG_SECONDS}`;
}

export function clearedIdleFlagCookie(secure: boolean): string {
  return `${idleFlagName(secure)}=; Path=/; HttpOnly; SameSite=Lax${secure ? '; Secure' : ''}; Max-Age=0`;
}

export function hasIdleFlag(cookieHeader: string | null | undefined, secure: boolean): boolean {
  return readCookie(cookieHeader, idleFlagName(secure)) === '1';
}
