import { createHash } from 'node:crypto';
import type { AppLoadContext, EntryContext } from '@remix-run/node';
import { isLanguage } from '~/i18n';
import { languageOfReferrer } from '~/i18next.server';

/**
 * Which documents a shared cache (the nginx micro-cache in front of the replicas, a browser)
 * may keep, decided in one place (ADR 018):
 *
 * - The anonymous public pages — home, search, offer, provider, orientation, counselling
 *   directory — are the same for everyone who asks for the same URL in the same language:
 *   `public, max-age=10, stale-while-revalidate=30` with an ETag. A change a provider
 *   publishes is visible within the max-age. They hold no form token, no notice from a
 *   cookie (notices come from the URL, `?hinweis=`), nothing of the visitor's.
 * - "The same language" is the URL's `?lng=` (then nothing else changes the page and no Vary
 *   is needed), else Accept-Language (`Vary: Accept-Language`). A page whose language came
 *   from the Referer or the switcher's cookie is the visitor's own: `private, no-cache`.
 * - Only requests without any cookie qualify: a cookie is a language choice or a session,
 *   and `Vary: Cookie` would make every visitor a cache entry of their own. nginx bypasses
 *   its cache for them as well.
 * - Everything else (forms with a proof-of-work challenge, booking steps, sign-in, errors,
 *   redirects) is `private, no-cache`; a signed-in person's pages and pages opened with a
 *   personal link (`/termin/<token>`, `/fall/<token>`, `/selbsteinschaetzung/<token>/…`) are
 *   `private, no-store` (for signed-in people set in server/main.ts before the app runs, and
 *   kept here).
 */
export const PUBLIC_PAGE_ROUTES = new Set([
  'routes/_index',
  'routes/angebote._index',
  'routes/angebote.$id',
  'routes/anbieter.$slug',
  'routes/orientierung._index',
  'routes/beratung._index',
]);

/**
 * Pages opened with a personal link (an appointment, a case, a self-assessment): no cookie,
 * yet the page is one person's data, so no cache — not even the browser's — may keep it.
 */
const PERSONAL_LINK_ROUTE = /^routes\/(termin|fall|selbsteinschaetzung)\.\$token[._]/;

export const PUBLIC_CACHE_CONTROL = 'public, max-age=10, stale-while-revalidate=30';
export const PRIVATE_CACHE_CONTROL = 'private, no-cache';
export const SIGNED_IN_CACHE_CONTROL = 'private, no-store';

type Policy = { cacheControl: string; vary?: string };

export function cachePolicy(
  request: Request,
  status: number,
  headers: Headers,
  context: Pick<AppLoadContext, 'auth'>,
  routeIds: string[],
): Policy {
  if (context.auth) return { cacheControl: SIGNED_IN_CACHE_CONTROL };
  // A route that said no-store itself is never loosened.
  if (headers.get('Cache-Control')?.includes('no-store'))
    return { cacheControl: headers.get('Cache-Control')! };
  if (routeIds.some((id) => PERSONAL_LINK_ROUTE.test(id))) return { cacheControl: SIGNED_IN_CACHE_CONTROL };
  const leaf = routeIds.at(-1);
  const cacheable =
    (request.method === 'GET' || request.method === 'HEAD') &&
    status === 200 &&
    leaf !== undefined &&
    PUBLIC_PAGE_ROUTES.has(leaf) &&
    !request.headers.has('Cookie') &&
    !request.headers.has('Authorization') &&
    !headers.has('Set-Cookie');
  if (!cacheable) return { cacheControl: PRIVATE_CACHE_CONTROL };
  if (isLanguage(new URL(request.url).searchParams.get('lng'))) return { cacheControl: PUBLIC_CACHE_CONTROL };
  if (languageOfReferrer(request)) return { cacheControl: PRIVATE_CACHE_CONTROL };
  return { cacheControl: PUBLIC_CACHE_CONTROL, vary: 'Accept-Language' };
}

/**
 * The page's validator: a hash of its HTML without the per-request CSP nonce, so the same
 * content rendered again has the same ETag.
 */
export function pageEtag(html: Buffer, nonce: string | undefined): string {
  const hash = createHash('sha1');
  if (!nonce) hash.update(html);
  else for (const part of html.toString('utf8').split(nonce)) hash.update(part);
  return `W/"${hash.digest('base64url')}"`;
}

function matches(ifNoneMatch: string | null, etag: string): boolean {
  if (!ifNoneMatch) return false;
  const bare = etag.replace(/^W\//, '');
  return ifNoneMatch.split(',').some((t) => t.trim() === '*' || t.trim().replace(/^W\//, '') === bare);
}

/**
 * The rendered document as a Response with its cache headers; 304 without a body when the
 * client's copy is current (server/request-handler.ts then leaves the stored CSP header, whose
 * nonce is the one in that copy, in place).
 */
export function documentResponse(
  request: Request,
  html: Buffer,
  options: {
    status: number;
    headers: Headers;
    nonce: string | undefined;
    context: Pick<AppLoadContext, 'auth'>;
    remixContext: EntryContext;
  },
): Response {
  const { status, headers, nonce, context, remixContext } = options;
  const routeIds = remixContext.staticHandlerContext.matches.map((m) => m.route.id);
  const policy = cachePolicy(request, status, headers, context, routeIds);
  headers.set('Cache-Control', policy.cacheControl);
  if (policy.vary) headers.append('Vary', policy.vary);
  const body = new Uint8Array(html.buffer as ArrayBuffer, html.byteOffset, html.byteLength);
  if (status !== 200) return new Response(body, { status, headers });
  const etag = pageEtag(html, nonce);
  headers.set('ETag', etag);
  if (matches(request.headers.get('If-None-Match'), etag)) {
    headers.delete('Content-Type');
    return new Response(null, { status: 304, headers });
  }
  headers.set('Content-Length', String(html.length));
  return new Response(body, { status, headers });
}
