import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createCookie } from '@remix-run/node';
import i18next, { createInstance, type i18n, type Resource, type TFunction } from 'i18next';
import { initReactI18next } from 'react-i18next';
import { RemixI18Next } from 'remix-i18next/server';
import {
  fallbackLanguage,
  INLINE_TRANSLATIONS_ID,
  i18nConfig,
  isLanguage,
  languageMarks,
  supportedLanguages,
} from './i18n';

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
 * One initialised i18next instance per language for the whole process, all resources loaded
 * (they are bundled, nothing to fetch). Creating and initialising an instance per request —
 * remix-i18next's `getFixedT` does it on every call — was a fifth of a page's CPU (issue 19).
 * An instance's language is fixed at creation and never changed afterwards, so concurrent
 * requests in different languages can't see each other's: each takes its own language's.
 */
const instances = new Map<string, Promise<i18n>>();
const allNamespaces = [...new Set(Object.values(resources).flatMap((r) => Object.keys(r)))];
const knownNamespaces = new Set(allNamespaces);

export function languageInstance(lng: string): Promise<i18n> {
  // An unknown language renders as the fallback, as i18next would; the map stays bounded.
  const language = isLanguage(lng) ? lng : fallbackLanguage;
  let instance = instances.get(language);
  if (!instance) {
    const created = createInstance();
    instance = created
      .use(initReactI18next)
      .init({ ...i18nConfig, lng: language, ns: allNamespaces, resources })
      .then(() => created);
    instances.set(language, instance);
  }
  return instance;
}

/** `t` per (language, namespaces, key prefix), made once: a request only looks it up. */
const fixedTs = new Map<string, TFunction>();

async function fixedT(lng: string, namespaces?: string | readonly string[], keyPrefix?: string) {
  const language = isLanguage(lng) ? lng : fallbackLanguage;
  const key = `${language}|${namespaces === undefined ? '' : String(namespaces)}|${keyPrefix ?? ''}`;
  let t = fixedTs.get(key);
  if (!t) {
    const instance = await languageInstance(language);
    t = instance.getFixedT(language, (namespaces ?? i18nConfig.defaultNS) as string, keyPrefix);
    // Callers name namespaces in code, so the keys are few; the cap is a guard only.
    if (fixedTs.size > 1000) fixedTs.clear();
    fixedTs.set(key, t);
  }
  return t;
}

// The detected language per request: the root loader, the page's loader, its title and the
// document renderer all ask, and detection parses the query, the cookie and Accept-Language.
const detected = new WeakMap<Request, Promise<string>>();
const detectLocale = i18nServer.getLocale.bind(i18nServer);
i18nServer.getLocale = (request: Request) => {
  let locale = detected.get(request);
  if (!locale) {
    locale = detectLocale(request);
    detected.set(request, locale);
  }
  return locale;
};
i18nServer.getFixedT = (async (
  requestOrLocale: Request | string,
  namespaces?: string | readonly string[],
  options?: { keyPrefix?: string },
) =>
  fixedT(
    typeof requestOrLocale === 'string' ? requestOrLocale : await i18nServer.getLocale(requestOrLocale),
    namespaces,
    options?.keyPrefix,
  )) as typeof i18nServer.getFixedT;

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

/**
 * The instance a page renders with, which notes every namespace the render looks a text up
 * in (`useTranslation`, `t`, `<Trans>`, `exists`; a key's `ns:` prefix included). Those namespaces — exactly
 * what the page showed, the shared header and footer, components used by several pages and
 * texts of other namespaces included — are written into the document, so the browser
 * hydrates without fetching translations (issue 19). A route's `handle.i18n` lists only its
 * own namespaces and can't see a shared component's or a key from another namespace.
 * The per-language instance is shared by all requests, so each request gets an object whose
 * prototype it is: every method runs on the shared instance's state, only `t`, `exists` and
 * the functions of `getFixedT` (through which every lookup passes) note first, and
 * react-i18next's `reportNamespaces` is the request's own.
 */
export function recordingInstance(instance: i18n): { instance: i18n; namespaces: Set<string> } {
  const namespaces = new Set<string>([i18nConfig.defaultNS]);
  const note = (key: unknown, options: unknown) => {
    const ns = typeof options === 'object' && options !== null ? (options as { ns?: unknown }).ns : undefined;
    if (typeof ns === 'string') namespaces.add(ns);
    else if (Array.isArray(ns)) for (const n of ns) if (typeof n === 'string') namespaces.add(n);
    for (const k of Array.isArray(key) ? key : [key]) {
      if (typeof k !== 'string') continue;
      const colon = k.indexOf(':');
      const prefix = colon > 0 ? k.slice(0, colon) : undefined;
      if (prefix && knownNamespaces.has(prefix)) namespaces.add(prefix);
    }
  };
  type Lookup = (this: i18n, ...args: unknown[]) => unknown;
  const recording = Object.create(instance) as i18n;
  const t = instance.t as unknown as Lookup;
  const exists = instance.exists as unknown as Lookup;
  // t(key, options) or t(key, defaultValue, options)
  const options = (args: unknown[]) => (typeof args[1] === 'object' ? args[1] : args[2]);
  recording.t = ((...args: unknown[]) => {
    note(args[0], options(args));
    return t.apply(recording, args);
  }) as unknown as i18n['t'];
  recording.exists = ((...args: unknown[]) => {
    note(args[0], options(args));
    return exists.apply(recording, args);
  }) as unknown as i18n['exists'];
  // useTranslation(ns) reports its namespaces here, even when the render calls no `t` of it:
  // in the browser, the hook waits for them all.
  // i18next binds its methods to the instance, so the shared `getFixedT` would call the shared
  // `t`: the fixed functions (useTranslation's) note here first.
  recording.getFixedT = ((...args: Parameters<i18n['getFixedT']>) => {
    const fixed = instance.getFixedT(...args) as TFunction & {
      lng?: string;
      lngs?: readonly string[];
      ns?: unknown;
      keyPrefix?: string;
    };
    const noting = (...lookup: unknown[]) => {
      note(lookup[0], { ns: (options(lookup) as { ns?: unknown } | undefined)?.ns ?? fixed.ns });
      return (fixed as unknown as Lookup).apply(recording, lookup);
    };
    return Object.assign(noting, {
      lng: fixed.lng,
      lngs: fixed.lngs,
      ns: fixed.ns,
      keyPrefix: fixed.keyPrefix,
    });
  }) as unknown as i18n['getFixedT'];
  (recording as i18n & { reportNamespaces: unknown }).reportNamespaces = {
    addUsedNamespaces: (used: string[]) => {
      for (const ns of used) namespaces.add(ns);
    },
    getUsedNamespaces: () => [...namespaces],
  };
  return { instance: recording, namespaces };
}

type Bundle = Record<string, unknown>;

const pluralSuffix = /_(zero|one|two|few|many|other)$/;

/**
 * The part of German a page in `lng` can fall back to: the keys `lng` lacks, and every
 * plural form German has (i18next falls back per form: an Arabic `_two` missing falls back
 * to German's `_other`, which Arabic has too). With it, the browser resolves every text as
 * the server did, without fetching the whole German file next to the page's language.
 */
function fallbackPart(german: Bundle | undefined, own: Bundle | undefined): Bundle {
  const part: Bundle = {};
  for (const [key, text] of Object.entries(german ?? {})) {
    const mine = own?.[key];
    if (isBundle(text)) {
      const inner = fallbackPart(text, isBundle(mine) ? mine : undefined);
      if (Object.keys(inner).length > 0) part[key] = inner;
    } else if (mine === undefined || pluralSuffix.test(key)) part[key] = text;
  }
  return part;
}

const isBundle = (value: unknown): value is Bundle =>
  value !== null && typeof value === 'object' && !Array.isArray(value);

const inlineJson = new Map<string, string>();

/**
 * The `<script type="application/json">` with the page's translations (see
 * `recordingInstance`), read by entry.client.tsx: `{ lng, ns, resources, partial }`, where
 * `partial` names the namespaces whose German is only the fallback part. Made once per
 * language and set of namespaces. `<` is escaped so no text can end the element.
 */
export function inlineTranslations(lng: string, used: Iterable<string>, nonce?: string): string {
  const language = isLanguage(lng) ? lng : fallbackLanguage;
  const namespaces = [...new Set(used)].filter((ns) => knownNamespaces.has(ns)).sort();
  const key = `${language}|${namespaces.join()}`;
  let json = inlineJson.get(key);
  if (!json) {
    const own = Object.fromEntries(namespaces.map((ns) => [ns, resources[language]?.[ns] ?? {}]));
    const data =
      language === fallbackLanguage
        ? { lng: language, ns: namespaces, resources: { [language]: own }, partial: [] }
        : {
            lng: language,
            ns: namespaces,
            resources: {
              [language]: own,
              [fallbackLanguage]: Object.fromEntries(
                namespaces.map((ns) => [
                  ns,
                  fallbackPart(
                    resources[fallbackLanguage]?.[ns] as Bundle,
                    resources[language]?.[ns] as Bundle | undefined,
                  ),
                ]),
              ),
            },
            partial: namespaces,
          };
    json = JSON.stringify(data).replace(/</g, '\\u003c');
    // Pages name their namespaces in code, so the sets are few; the cap is a guard only.
    if (inlineJson.size > 2000) inlineJson.clear();
    inlineJson.set(key, json);
  }
  // The nonce like every script element of the page (a data block is never run, but a page
  // whose every <script> carries it is simpler to check).
  const nonceAttribute = nonce ? ` nonce="${nonce}"` : '';
  return `<script type="application/json" id="${INLINE_TRANSLATIONS_ID}"${nonceAttribute}>${json}</script>`;
}
