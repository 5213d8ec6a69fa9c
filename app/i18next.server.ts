import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createCookie } from '@remix-run/node';
import i18next, { type Resource } from 'i18next';
import { RemixI18Next } from 'remix-i18next/server';
import { fallbackLanguage, i18nConfig, languageMarks, supportedLanguages } from './i18n';

// For every i18next instance on the server (the per-request one in entry.server.tsx too).
i18next.use(languageMarks);

/** The remembered language choice. Not personal data; a year, like GOV.UK's. */
export const languageCookie = createCookie('lng', {
  path: '/',
  sameSite: 'lax',
  httpOnly: true,
  maxAge: 60 * 60 * 24 * 365,
});

type LocaleFiles = Record<string, { default: Record<string, unknown> }>;

/** The same files read from disk, for code running outside Vite (the job worker under tsx). */
function readLocaleFiles(): LocaleFiles {
  const dir = fileURLToPath(new URL('../locales/', import.meta.url));
  const files: LocaleFiles = {};
  for (const lng of readdirSync(dir, { withFileTypes: true })) {
    if (!lng.isDirectory()) continue;
    for (const file of readdirSync(path.join(dir, lng.name)).filter((f) => f.endsWith('.json'))) {
      files[`../locales/${lng.name}/${file}`] = {
        default: JSON.parse(readFileSync(path.join(dir, lng.name, file), 'utf8')),
      };
    }
  }
  return files;
}

// Every translation is bundled into the server build (never the client's): the browser
// fetches only its own language from /locales. Outside Vite `import.meta.glob` doesn't
// exist (the call throws), and the files come from disk instead.
let files: LocaleFiles;
try {
  files = import.meta.glob<{ default: Record<string, unknown> }>('../locales/*/*.json', { eager: true });
} catch {
  files = readLocaleFiles();
}
export const resources: Resource = {};
for (const [file, module] of Object.entries(files)) {
  const match = /locales\/([^/]+)\/([^/]+)\.json$/.exec(file);
  if (!match) continue;
  const [, lng, ns] = match as unknown as [string, string, string];
  resources[lng] ??= {};
  resources[lng][ns] = module.default;
}

/**
 * The language of the page a request comes from: a same-origin Referer's `?lng=`. Links
 * carry `?lng=` so a shared link opens in its language, but some don't (a step's "back"
 * link, a form's redirect); since following a link remembers nothing (no cookie unless
 * chosen in the switcher), the page one came from keeps the visit in its language.
 * Our Referrer-Policy sends the full address to our own pages only.
 */
export function languageOfReferrer(request: Request): string | null {
  const referrer = request.headers.get('Referer');
  if (!referrer) return null;
  try {
    const from = new URL(referrer);
    if (from.host !== new URL(request.url).host) return null;
    const lng = from.searchParams.get('lng');
    return lng && (supportedLanguages as readonly string[]).includes(lng) ? lng : null;
  } catch {
    return null;
  }
}

export const i18nServer = new RemixI18Next({
  detection: {
    supportedLanguages: [...supportedLanguages],
    fallbackLanguage,
    cookie: languageCookie,
    searchParamKey: 'lng',
    // A link's language wins (shared links open the same way), then the language of the
    // page the person came from, then the language chosen in the switcher, then the browser's.
    order: ['searchParams', 'custom', 'cookie', 'header'],
    findLocale: async (request) => languageOfReferrer(request),
  },
  i18next: { ...i18nConfig, resources },
});

/**
 * "<page> – Wegweiser" in the request's language, for a loader's `title`. `page` is a
 * translation key ("pages:imprint.title") or, as `{ text }`, a ready text (an offer's title).
 */
export async function pageTitle(request: Request, page: string | { text: string }): Promise<string> {
  const t = await i18nServer.getFixedT(request, [
    'common',
    'pages',
    'catalogue',
    'counselling',
    'account',
    'provider',
  ]);
  return `${typeof page === 'string' ? t(page) : page.text} – ${t('common:site.name')}`;
}
