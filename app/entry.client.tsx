import { RemixBrowser } from '@remix-run/react';
import i18next from 'i18next';
import { StrictMode, startTransition } from 'react';
import { hydrateRoot } from 'react-dom/client';
import { I18nextProvider, initReactI18next } from 'react-i18next';
import { getInitialNamespaces } from 'remix-i18next/client';
import { fallbackLanguage, i18nConfig, languageMarks } from './i18n';
import { readInlineTranslations, translationBackend } from './utils/inline-translations';

async function hydrate() {
  // The server wrote the page's language into <html data-lng> and the texts of the namespaces
  // the page used into the document (issue 19): hydration fetches nothing. The backend loads
  // the namespaces of pages reached later by client-side navigation.
  const lng = document.documentElement.dataset.lng ?? fallbackLanguage;
  const inline = readInlineTranslations();
  await i18next
    .use(initReactI18next)
    .use(translationBackend)
    .use(languageMarks)
    .init({
      ...i18nConfig,
      lng,
      ns: inline?.ns ?? [...new Set([...i18nConfig.ns, ...getInitialNamespaces()])],
      ...(inline && { resources: inline.resources, partialBundledLanguages: true }),
      // A page reached by client-side navigation that needs a namespace not loaded yet waits
      // for it (navigations are transitions: the old page stays until then) instead of
      // showing raw keys; see the <Suspense> in root.tsx for updates that are not transitions.
      react: { ...i18nConfig.react, useSuspense: true },
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
