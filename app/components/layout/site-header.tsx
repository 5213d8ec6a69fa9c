import { useTranslation } from 'react-i18next';
import { LocalizedLink } from '../localized-link';
import { LanguageSwitcher } from './language-switcher';

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
          <li>
            <LocalizedLink className="kern-link" to="/angebote">
              {t('nav.offers')}
            </LocalizedLink>
          </li>
          <li>
            <LocalizedLink className="kern-link" to="/orientierung">
              {t('nav.orientation')}
            </LocalizedLink>
          </li>
          <li>
            <LocalizedLink className="kern-link" to="/beratung">
              {t('nav.counselling')}
            </LocalizedLink>
          </li>
          <li>
            <LocalizedLink className="kern-link" to="/leichte-sprache">
              <span className="kern-icon kern-icon--easy-language" aria-hidden="true" />{' '}
              {t('nav.easyLanguage')}
            </LocalizedLink>
          </li>
          <li>
            <LocalizedLink className="kern-link" to="/gebaerdensprache">
              <span className="kern-icon kern-icon--sign-language" aria-hidden="true" />{' '}
              {t('nav.signLanguage')}
            </LocalizedLink>
          </li>
        </ul>
      </nav>
    </header>
  );
}
