import { RemixBrowser } from '@remix-run/react';
import i18next from 'i18next';
import Backend from 'i18next-http-backend';
import { StrictMode, startTransition } from 'react';
import { hydrateRoot } from 'react-dom/client';
import { I18nextProvider, initReactI18next } from 'react-i18next';
import { getInitialNamespaces } from 'remix-i18next/client';
import { fallbackLanguage, i18nConfig, languageMarks } from './i18n';

async function hydrate() {
  // The server wrote the page's language into <html data-lng>; load just that one.
  const lng = document.documentElement.dataset.lng ?? fallbackLanguage;
  await i18next
    .use(initReactI18next)
    .use(Backend)
    .use(languageMarks)
    .init({
      ...i18nConfig,
      lng,
      ns: [...new Set([...i18nConfig.ns, ...getInitialNamespaces()])],
      backend: { loadPath: '/locales/{{lng}}/{{ns}}.json' },
    });

  startTransition(() => {
    hydrateRoot(
      document,
      <I18nextProvider i18n={i18next}>
        <StrictMode>
          <RemixBrowser />
        </StrictMode>
      </I18nextProvider>,
    );
  });
}

hydrate().catch((error: unknown) => console.error(error));
