import { describe, expect, it } from 'vitest';
import { cachePolicy } from './page-cache.server';

const anonymous = { auth: undefined } as never;
const get = (path: string, init: RequestInit = {}) => new Request(`http://localhost${path}`, init);

describe('cachePolicy', () => {
  it('lets a shared cache keep an anonymous public page for a few seconds', () => {
    expect(
      cachePolicy(get('/angebote?lng=de'), 200, new Headers(), anonymous, ['root', 'routes/angebote._index']),
    ).toEqual({
      cacheControl: 'public, max-age=10, stale-while-revalidate=30',
    });
  });

  it('keeps pages opened with a personal link out of every cache, the browser’s too', () => {
    for (const route of [
      'routes/termin.$token._index',
      'routes/termin.$token.verschieben',
      'routes/fall.$token._index',
      'routes/selbsteinschaetzung.$token.$step',
      'routes/selbsteinschaetzung.$token.ergebnis',
    ])
      expect(cachePolicy(get('/x'), 200, new Headers(), anonymous, ['root', route]).cacheControl, route).toBe(
        'private, no-store',
      );
  });

  it('never loosens a route’s own no-store', () => {
    const headers = new Headers({ 'Cache-Control': 'no-store' });
    expect(
      cachePolicy(get('/x'), 200, headers, anonymous, ['root', 'routes/angebote._index']).cacheControl,
    ).toBe('no-store');
  });

  it('keeps other anonymous pages private', () => {
    expect(
      cachePolicy(get('/anmelden'), 200, new Headers(), anonymous, ['root', 'routes/anmelden._index'])
        .cacheControl,
    ).toBe('private, no-cache');
  });
});
