import type { MetaFunction } from '@remix-run/node';

/** Loaders return a translated `title`; this turns it into the page's <title>. */
export const titleMeta: MetaFunction = ({ data }) => {
  const title = (data as { title?: string } | undefined)?.title;
  return title ? [{ title }] : [];
};
