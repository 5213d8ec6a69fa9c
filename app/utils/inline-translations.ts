import type { BackendModule, ReadCallback, Resource } from 'i18next';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { fallbackLanguage, INLINE_TRANSLATIONS_ID } from '~/i18n';

export interface InlineTranslations {
  lng: string;
  ns: string[];
  resources: Resource;
  /** Namespaces whose German bundle holds only what the page's language falls back to. */
  partial: string[];
}

/** Namespaces whose German bundle in the browser is only a fallback part (see i18next.server). */
const partialFallback = new Set<string>();

/**
 * The translations entry.server wrote into the document (the namespaces the page used), or
 * null when there are none (then entry.client fetches them as before).
 */
export function readInlineTranslations(): InlineTranslations | null {
  const element = document.getElementById(INLINE_TRANSLATIONS_ID);
  if (!element?.textContent) return null;
  try {
    const data = JSON.parse(element.textContent) as InlineTranslations;
    for (const ns of data.partial) partialFallback.add(ns);
    return data;
  } catch {
    return null;
  }
}

/**
 * Like remix-i18next's `useChangeLanguage`: after a client-side navigation to another
 * language, switch the loaded texts too. Before switching, the partial German bundles are
 * dropped, so i18next fetches the whole files for a page in German (or as the fallback of the
 * new language) instead of taking the part as complete.
 */
export function useChangeLanguage(lng: string) {
  const { i18n } = useTranslation();
  useEffect(() => {
    if (i18n.language === lng) return;
    for (const ns of partialFallback) i18n.removeResourceBundle(fallbackLanguage, ns);
    partialFallback.clear();
    void i18n.changeLanguage(lng);
  }, [lng, i18n]);
}

/**
 * Fetches `/locales/<lng>/<ns>.json` for namespaces the document didn't carry (pages reached
 * by client-side navigation). In place of i18next-http-backend, which brings a fetch polyfill
 * and XHR support along: 6 kB of every page's JavaScript for one `fetch` (issue 19). A network
 * error or a 5xx is worth a retry (i18next retries a few times), a 4xx is not.
 */
export const translationBackend: BackendModule = {
  type: 'backend',
  init() {},
  read(lng: string, ns: string, callback: ReadCallback) {
    fetch(`/locales/${encodeURIComponent(lng)}/${encodeURIComponent(ns)}.json`).then(
      async (response) => {
        if (response.ok) callback(null, await response.json());
        else callback(new Error(`${response.status} for ${lng}/${ns}`), response.status >= 500);
      },
      (error: unknown) => callback(error instanceof Error ? error : new Error(String(error)), true),
    );
  },
};
