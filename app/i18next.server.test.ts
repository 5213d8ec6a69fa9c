import { describe, expect, it } from 'vitest';
import { i18nServer, languageCookie, languageOfReferrer } from './i18next.server';

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
