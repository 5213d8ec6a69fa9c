import type { MetaFunction } from '@remix-run/node';

/** Loaders return a translated `title`; this turns it into the page's <title>. */
export const titleMeta: MetaFunction = ({ data }) => {
  const title = (data as { title?: string } | undefined)?.title;
  return title ? [{ title }] : [];
};

/**
 * Pages behind a secret link (an appointment's manage link, a self-assessment) carry the
 * token in their URL: never indexed, and the address never sent to other sites
 * (same-origin keeps our own form posts' Origin header, which "no-referrer" would blank).
 */
export const manageMeta: MetaFunction = ({ data }) => [
  { title: (data as { title?: string } | undefined)?.title ?? '' },
  { name: 'robots', content: 'noindex' },
  { name: 'referrer', content: 'same-origin' },
];
