import { useTranslation } from 'react-i18next';
import { LocalizedLink } from '~/components/localized-link';

/**
 * Numbered page links for the admin lists: previous, the first and last page, and the
 * pages around the current one ("1 … 6 7 8 … 31"). Plain links that keep the list's
 * filters (the URL is the state), so they work without JavaScript and can be shared.
 */
export function pageWindow(page: number, pages: number): (number | 'gap')[] {
  const shown = new Set([1, pages, page - 1, page, page + 1].filter((p) => p >= 1 && p <= pages));
  const sorted = [...shown].sort((a, b) => a - b);
  const out: (number | 'gap')[] = [];
  for (const p of sorted) {
    const previous = out[out.length - 1];
    if (typeof previous === 'number' && p - previous === 2) out.push(previous + 1);
    else if (typeof previous === 'number' && p - previous > 2) out.push('gap');
    out.push(p);
  }
  return out;
}

export function PageLinks({
  page,
  pages,
  href,
}: {
  page: number;
  pages: number;
  /** The list's URL with this page number. */
  href: (page: number) => string;
}) {
  const { t } = useTranslation('account');
  if (pages <= 1) return null;
  return (
    <nav aria-label={t('admin.pages.label')} className="ww-pagination">
      <ul className="ww-inline-list">
        {page > 1 ? (
          <li>
            <LocalizedLink className="kern-link" to={href(page - 1)} rel="prev">
              {t('admin.pages.previous')}
            </LocalizedLink>
          </li>
        ) : null}
        {pageWindow(page, pages).map((p, i) =>
          p === 'gap' ? (
            // biome-ignore lint/suspicious/noArrayIndexKey: a gap has no identity but its place.
            <li key={`gap-${i}`} aria-hidden="true">
              …
            </li>
          ) : (
            <li key={p}>
              {p === page ? (
                <strong aria-current="page">
                  <span className="kern-sr-only">{t('admin.pages.current')} </span>
                  {p}
                </strong>
              ) : (
                <LocalizedLink
                  className="kern-link"
                  to={href(p)}
                  aria-label={t('admin.pages.page', { page: p })}
                >
                  {p}
                </LocalizedLink>
              )}
            </li>
          ),
        )}
        {page < pages ? (
          <li>
            <LocalizedLink className="kern-link" to={href(page + 1)} rel="next">
              {t('admin.pages.next')}
            </LocalizedLink>
          </li>
        ) : null}
      </ul>
    </nav>
  );
}
