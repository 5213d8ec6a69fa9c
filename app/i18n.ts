/**
 * Languages of the portal. German is the source; `ls` is German in Leichte Sprache
 * (easy-to-read German for people with learning difficulties; its pages are German to
 * a screen reader, so its HTML language is `de` with a private-use tag).
 */
export const supportedLanguages = ['de', 'en', 'tr', 'ar', 'uk', 'ru', 'ls'] as const;
export type Language = (typeof supportedLanguages)[number];
export const fallbackLanguage: Language = 'de';
export const defaultNS = 'common';
export const namespaces = [
  'common',
  'pages',
  'catalogue',
  'counselling',
  'account',
  'mail',
  'provider',
  'assessment',
] as const;

/** The id of the data block with the page's translations (written by entry.server, read by entry.client). */
export const INLINE_TRANSLATIONS_ID = 'page-translations';

const rtl = new Set<string>(['ar']);

export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (supportedLanguages as readonly string[]).includes(value);
}

export function textDirection(language: string): 'rtl' | 'ltr' {
  return rtl.has(language) ? 'rtl' : 'ltr';
}

/** The value for `<html lang>` and `hreflang`: a valid BCP 47 tag. */
export function htmlLang(language: string): string {
  return language === 'ls' ? 'de-x-ls' : language;
}

/** Each language's name in itself, for the language switcher. */
export const languageNames: Record<Language, string> = {
  de: 'Deutsch',
  en: 'English',
  tr: 'Türkçe',
  ar: 'العربية',
  uk: 'Українська',
  ru: 'Русский',
  ls: 'Leichte Sprache',
};

/**
 * German terms inside another language's text are marked `<de>Leichte Sprache</de>` in
 * the translation files (WCAG 3.1.2, language of parts). Every plain `t()` drops the
 * marks, so a title, an attribute or an <option> never shows them; `RichText`
 * (app/components/rich-text.tsx) turns them into `<span lang="de">`. Registered once per
 * process (i18next keeps post-processors in one registry for all its instances).
 */
export const languageMarks = {
  type: 'postProcessor' as const,
  name: 'languageMarks',
  process: (value: unknown) => (typeof value === 'string' ? value.replace(/<\/?de>/g, '') : value),
};

export const i18nConfig = {
  supportedLngs: [...supportedLanguages],
  fallbackLng: fallbackLanguage,
  defaultNS,
  ns: [...namespaces],
  postProcess: [languageMarks.name],
  // Our keys contain no ':' or '.' beyond nesting.
  interpolation: { escapeValue: false },
  react: { useSuspense: false },
};
