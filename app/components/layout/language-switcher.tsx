import { useLocation } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { htmlLang, languageNames, supportedLanguages, textDirection } from '~/i18n';

/**
 * The explicit language choice: a <details> disclosure with one button per language in a
 * plain POST form to /sprache, which remembers the choice in a cookie and sends the
 * person back to this page in that language. Works without JavaScript and by keyboard;
 * the whole document is rendered anew (lang, dir). Each language is named in itself, with
 * its own lang/dir, so everyone can find theirs.
 */
export function LanguageSwitcher() {
  const { t, i18n } = useTranslation();
  const location = useLocation();
  return (
    <details className="ww-lang">
      <summary>
        <span className="kern-icon kern-icon--language" aria-hidden="true" /> {t('language.label')}:{' '}
        {languageNames[i18n.language as keyof typeof languageNames] ?? i18n.language}
      </summary>
      {/* A plain <form>, not Remix's: the page must load anew in the other language. */}
      <form method="post" action="/sprache">
        <input type="hidden" name="to" value={`${location.pathname}${location.search}`} />
        <ul aria-label={t('language.choose')}>
          {supportedLanguages.map((lng) => (
            <li key={lng}>
              <button
                type="submit"
                name="lng"
                value={lng}
                className="ww-link-button kern-link"
                lang={htmlLang(lng)}
                dir={textDirection(lng)}
                aria-current={lng === i18n.language ? 'true' : undefined}
              >
                {languageNames[lng]}
              </button>
            </li>
          ))}
        </ul>
      </form>
    </details>
  );
}
