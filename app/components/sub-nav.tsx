import { useTranslation } from 'react-i18next';
import { LocalizedLink } from './localized-link';

/** An area's own navigation (admin, counselling team), on each of its pages. */
export function SubNav({
  ns,
  label,
  links,
}: {
  ns: string;
  label: string;
  links: { to: string; key: string }[];
}) {
  const { t } = useTranslation(ns);
  return (
    <nav aria-label={t(label)} className="ww-subnav">
      <ul className="ww-subnav__list">
        {links.map((l) => (
          <li key={l.to}>
            <LocalizedLink className="kern-link" to={l.to}>
              {t(l.key)}
            </LocalizedLink>
          </li>
        ))}
      </ul>
    </nav>
  );
}
