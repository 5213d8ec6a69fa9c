import { afterEach, describe, expect, it } from 'vitest';
import { baseUrlOf, setListeningOrigin } from './http.server';

describe('baseUrlOf', () => {
  const saved = process.env.PUBLIC_URL;
  afterEach(() => {
    if (saved === undefined) delete process.env.PUBLIC_URL;
    else process.env.PUBLIC_URL = saved;
  });

  it("never takes the request's Host: the listening origin when PUBLIC_URL is unset", () => {
    delete process.env.PUBLIC_URL;
    setListeningOrigin('http://localhost:3216');
    const request = new Request('http://evil.example/passwort-vergessen', {
      headers: { Host: 'evil.example' },
    });
    expect(baseUrlOf(request)).toBe('http://localhost:3216');
  });

  it('takes the origin of PUBLIC_URL when set', () => {
    process.env.PUBLIC_URL = 'https://wegweiser.example.org/some/path';
    expect(baseUrlOf(new Request('http://evil.example/'))).toBe('https://wegweiser.example.org');
  });
});
