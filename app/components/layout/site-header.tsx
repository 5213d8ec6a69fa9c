import { useTranslation } from 'react-i18next';
import { LocalizedLink } from '../localized-link';
import { LanguageSwitcher } from './language-switcher';

/** The header's links; the ones BITV asks for on every page carry their KERN icon. */
const NAV: { to: string; key: string; icon?: string }[] = [
  { to: '/angebote', key: 'nav.offers' },
  { to: '/orientierung', key: 'nav.orientation' },
  { to: '/beratung', key: 'nav.counselling' },
  { to: '/leichte-sprache', key: 'nav.easyLanguage', icon: 'easy-language' },
  { to: '/gebaerdensprache', key: 'nav.signLanguage', icon: 'sign-language' },
];

export function SiteHeader() {
  const { t } = useTranslation();
  return (
    <header className="ww-header">
      <div className="ww-container ww-header__bar">
        <LocalizedLink to="/" className="ww-brand kern-link">
          {t('site.name')}
          <small>{t('site.tagline')}</small>
        </LocalizedLink>
        <LanguageSwitcher />
      </div>
      <nav className="ww-container ww-nav" aria-label={t('nav.label')}>
        <ul>
          {NAV.map(({ to, key, icon }) => (
            <li key={to}>
              <LocalizedLink className="kern-link" to={to}>
                {icon ? (
                  <>
                    <span className={`kern-icon kern-icon--${icon}`} aria-hidden="true" />{' '}
                  </>
                ) : null}
                {t(key)}
              </LocalizedLink>
            </li>
          ))}
        </ul>
      </nav>
    </header>
  );
}
