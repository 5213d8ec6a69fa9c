import type { MetaFunction } from '@remix-run/node';

/**
 * Pages behind a manage link carry the token in their URL: never cached, never indexed,
 * and the address never sent to other sites (same-origin keeps our own form posts'
 * Origin header, which "no-referrer" would blank).
 */
export const manageMeta: MetaFunction = ({ data }) => [
  { title: (data as { title?: string } | undefined)?.title ?? '' },
  { name: 'robots', content: 'noindex' },
  { name: 'referrer', content: 'same-origin' },
];

export const MANAGE_HEADERS = { 'Cache-Control': 'private, no-store', 'Referrer-Policy': 'same-origin' };

export function manageHeaders() {
  return MANAGE_HEADERS;
}
