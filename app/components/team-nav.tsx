import { useTranslation } from 'react-i18next';
import { LocalizedLink } from './localized-link';

const LINKS = [
  { to: '/team', key: 'team.nav.agenda' },
  { to: '/team/termine/neu', key: 'team.nav.bookForCaller' },
  { to: '/team/verfuegbarkeit', key: 'team.nav.availability' },
  { to: '/team/profil', key: 'team.nav.profile' },
];

/** The counsellors' area's own navigation, on each of its pages. */
export function TeamNav() {
  const { t } = useTranslation('counselling');
  return (
    <nav aria-label={t('team.nav.label')} className="ww-subnav">
      <ul className="ww-subnav__list">
        {LINKS.map((l) => (
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
