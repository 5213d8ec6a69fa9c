import { useLocation } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { htmlLang, languageNames, supportedLanguages, textDirection } from '~/i18n';
import { withLanguage } from '~/utils/localized';

/**
 * Plain links in a <details> disclosure: works without JavaScript, by keyboard, and each
 * language is named in itself (with its own lang/dir) so everyone can find theirs.
 */
export function LanguageSwitcher() {
  const { t, i18n } = useTranslation();
  const location = useLocation();
  const here = `${location.pathname}${location.search}`;
  return (
    <details className="ww-lang">
      <summary>
        <span className="kern-icon kern-icon--language" aria-hidden="true" /> {t('language.label')}:{' '}
        {languageNames[i18n.language as keyof typeof languageNames] ?? i18n.language}
      </summary>
      <ul aria-label={t('language.choose')}>
        {supportedLanguages.map((lng) => (
          <li key={lng}>
            {/* A plain <a>: the whole document (lang, dir) is rendered anew in the chosen language. */}
            <a
              className="kern-link"
              href={withLanguage(here, lng)}
              hrefLang={htmlLang(lng)}
              lang={htmlLang(lng)}
              dir={textDirection(lng)}
              aria-current={lng === i18n.language ? 'true' : undefined}
            >
              {languageNames[lng]}
            </a>
          </li>
        ))}
      </ul>
    </details>
  );
}
