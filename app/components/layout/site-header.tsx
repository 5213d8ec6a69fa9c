import { Form, useRouteLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import type { loader as rootLoader } from '../../root';
import { LocalizedLink } from '../localized-link';
import { RichText } from '../rich-text';
import { LanguageSwitcher } from './language-switcher';

/** The header's links; the ones BITV asks for on every page carry their KERN icon. */
const NAV: { to: string; key: string; icon?: string }[] = [
  { to: '/angebote', key: 'nav.offers' },
  { to: '/selbsteinschaetzung', key: 'nav.orientation' },
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
        <div className="ww-header__tools">
          <AccountMenu />
          <LanguageSwitcher />
        </div>
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
                {/* One flex item: KERN's inline-flex link would set a German part apart with its gap. */}
                <span>
                  <RichText ns="common" k={key} />
                </span>
              </LocalizedLink>
            </li>
          ))}
        </ul>
      </nav>
    </header>
  );
}

const AREAS: Record<string, { to: string; key: string } | undefined> = {
  admin: { to: '/admin', key: 'account.adminArea' },
  counsellor: { to: '/team', key: 'account.teamArea' },
  provider: { to: '/anbieterbereich', key: 'account.providerArea' },
};

/** Sign-in link for visitors; for a signed-in person their area, account and sign-out (a POST form). */
function AccountMenu() {
  const root = useRouteLoaderData<typeof rootLoader>('root');
  const { t } = useTranslation();
  const account = root?.account;
  if (!account)
    return (
      <LocalizedLink className="kern-link" to="/anmelden">
        {t('account.signIn')}
      </LocalizedLink>
    );
  const area = AREAS[account.role];
  return (
    <ul className="ww-account-menu" aria-label={t('account.menuLabel')}>
      {area ? (
        <li>
          <LocalizedLink className="kern-link" to={area.to}>
            {t(area.key)}
          </LocalizedLink>
        </li>
      ) : null}
      {account.role === 'planner' || account.role === 'admin' ? (
        <li>
          <LocalizedLink className="kern-link" to="/planung">
            {t('account.planningArea')}
          </LocalizedLink>
        </li>
      ) : null}
      <li>
        <LocalizedLink className="kern-link" to="/konto">
          {t('account.myAccount')}
        </LocalizedLink>
      </li>
      <li>
        <Form method="post" action="/abmelden">
          <button type="submit" className="ww-link-button kern-link">
            {t('account.signOut')}
          </button>
        </Form>
      </li>
    </ul>
  );
}
