import { useTranslation } from 'react-i18next';
import { LocalizedLink } from './localized-link';

const LINKS = [
  { to: '/admin', key: 'admin.nav.overview' },
  { to: '/admin/anbieter', key: 'admin.nav.providers' },
  { to: '/admin/angebote', key: 'admin.nav.moderation' },
  { to: '/admin/beratung', key: 'admin.nav.counselling' },
  { to: '/admin/benutzer', key: 'admin.nav.users' },
  { to: '/admin/einladungen', key: 'admin.nav.invitations' },
  { to: '/admin/protokoll', key: 'admin.nav.audit' },
  { to: '/admin/mails', key: 'admin.nav.mail' },
];

/** The admin area's own navigation, on each of its pages. */
export function AdminNav() {
  const { t } = useTranslation('account');
  return (
    <nav aria-label={t('admin.nav.label')} className="ww-subnav">
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
