import { createInstance } from 'i18next';
import { describe, expect, it } from 'vitest';
import { INLINE_TRANSLATIONS_ID, i18nConfig, languageMarks } from './i18n';
import {
  i18nServer,
  inlineTranslations,
  languageCookie,
  languageInstance,
  languageOfReferrer,
  recordingInstance,
  resources,
} from './i18next.server';

const request = (url: string, headers: Record<string, string> = {}) =>
  new Request(url, { headers: { 'Accept-Language': 'de-DE,de;q=0.9', ...headers } });

describe('the language of a request', () => {
  it("is the link's ?lng= first", async () => {
    const r = request('https://w.example/impressum?lng=tr', { Referer: 'https://w.example/?lng=ar' });
    expect(await i18nServer.getLocale(r)).toBe('tr');
  });

  it('is the language of the page one came from when the link carries none', async () => {
    const r = request('https://w.example/beratung/termin', { Referer: 'https://w.example/beratung?lng=ar' });
    expect(languageOfReferrer(r)).toBe('ar');
    expect(await i18nServer.getLocale(r)).toBe('ar');
  });

  it("ignores another site's address and unknown languages", async () => {
    expect(
      languageOfReferrer(request('https://w.example/', { Referer: 'https://other.example/?lng=ar' })),
    ).toBe(null);
    expect(languageOfReferrer(request('https://w.example/', { Referer: 'https://w.example/?lng=xx' }))).toBe(
      null,
    );
    expect(await i18nServer.getLocale(request('https://w.example/', { Referer: 'nonsense' }))).toBe('de');
  });

  it('falls back to the language chosen in the switcher (the cookie), then the browser', async () => {
    const cookie = await languageCookie.serialize('uk');
    expect(await i18nServer.getLocale(request('https://w.example/', { Cookie: cookie }))).toBe('uk');
    expect(await i18nServer.getLocale(request('https://w.example/', { 'Accept-Language': 'en-GB' }))).toBe(
      'en',
    );
  });
});

describe("a page's translations in the document", () => {
  it('notes every namespace the render used: a hook, a fixed t, a prefixed key, exists', async () => {
    const shared = await languageInstance('en');
    const { instance, namespaces } = recordingInstance(shared);
    const t = instance.getFixedT('en', 'catalogue');
    expect(t('search.title')).toBe(shared.getFixedT('en', 'catalogue')('search.title'));
    expect(t('common:site.name')).toBe('Wegweiser');
    instance.exists('assessment:account.heading');
    (
      instance as unknown as { reportNamespaces: { addUsedNamespaces(ns: string[]): void } }
    ).reportNamespaces.addUsedNamespaces(['counselling']);
    expect([...namespaces].sort()).toEqual(['assessment', 'catalogue', 'common', 'counselling']);
    // Another request's notes are its own.
    expect([...recordingInstance(shared).namespaces]).toEqual(['common']);
  });

  it('holds only the named namespaces, escapes "<", and German only as the fallback part', () => {
    const script = inlineTranslations('ar', ['catalogue', 'common', 'no-such-namespace']);
    expect(script.startsWith(`<script type="application/json" id="${INLINE_TRANSLATIONS_ID}">`)).toBe(true);
    const json = script.slice(script.indexOf('>') + 1, -'</script>'.length);
    expect(json).not.toContain('<');
    const data = JSON.parse(json);
    expect(data.ns).toEqual(['catalogue', 'common']);
    expect(Object.keys(data.resources.ar)).toEqual(['catalogue', 'common']);
    expect(data.partial).toEqual(['catalogue', 'common']);
    // Arabic has every key: the German part holds only plural forms (i18next falls back per form).
    expect(JSON.stringify(data.resources.de).length).toBeLessThan(
      JSON.stringify(resources.de!.catalogue).length / 2,
    );
    expect(inlineTranslations('ar', ['common', 'catalogue'])).toBe(script);
    expect(inlineTranslations('ar', ['common'], 'n0nce')).toMatch(
      /^<script type="application\/json" id="[a-z-]+" nonce="n0nce">\{/,
    );
    expect(
      JSON.parse(inlineTranslations('de', ['common']).replace(/^<script[^>]*>|<\/script>$/g, '')),
    ).toEqual({
      lng: 'de',
      ns: ['common'],
      resources: { de: { common: resources.de!.common } },
      partial: [],
    });
  });

  it('gives the browser the same text as the server for every key and plural form', {
    timeout: 30_000,
  }, async () => {
    const pluralForm = /_(zero|one|two|few|many|other)$/;
    for (const lng of ['ar', 'ru', 'uk', 'en', 'tr', 'ls']) {
      const namespaces = Object.keys(resources.de!);
      const data = JSON.parse(inlineTranslations(lng, namespaces).replace(/^<script[^>]*>|<\/script>$/g, ''));
      // As entry.client.tsx sets it up, without a backend: only what the document holds.
      const browser = createInstance();
      await browser.use(languageMarks).init({ ...i18nConfig, lng, ns: data.ns, resources: data.resources });
      const server = await languageInstance(lng);
      for (const ns of namespaces) {
        const keys = new Map<string, boolean>();
        const walk = (value: unknown, prefix: string) => {
          if (typeof value !== 'string')
            for (const [k, v] of Object.entries(value as object)) walk(v, prefix ? `${prefix}.${k}` : k);
          else if (pluralForm.test(prefix)) keys.set(prefix.replace(pluralForm, ''), true);
          else keys.set(prefix, false);
        };
        walk(resources.de![ns], '');
        for (const [key, plural] of keys)
          for (const count of plural ? [0, 1, 2, 3, 11, 101] : [undefined]) {
            const options = { ns, count };
            expect(browser.t(key, options), `${lng} ${ns}:${key} ${count}`).toBe(server.t(key, options));
          }
      }
    }
  });
});
