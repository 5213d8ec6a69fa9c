import type { HeadersFunction } from '@remix-run/node';

/**
 * For document requests Remix takes response headers from a route's `headers` export
 * only; this passes on the ones our loaders and actions set with data(): the session
 * cookie after a security step, Retry-After on 429, no-store on pages showing secrets.
 */
const PASSED = ['Set-Cookie', 'Retry-After', 'Cache-Control', 'Referrer-Policy'];

export const passHeaders: HeadersFunction = ({ actionHeaders, loaderHeaders }) => {
  const headers = new Headers();
  for (const name of PASSED) {
    const value = actionHeaders.get(name) ?? loaderHeaders.get(name);
    if (value) headers.set(name, value);
  }
  return headers;
};

/** Pages behind a secret link: never cached, the address never sent to other sites (see manageMeta). */
export const MANAGE_HEADERS = { 'Cache-Control': 'private, no-store', 'Referrer-Policy': 'same-origin' };

export function manageHeaders() {
  return MANAGE_HEADERS;
}
