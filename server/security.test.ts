import { describe, expect, it } from 'vitest';
import { contentSecurityPolicy, createNonce, isForeignOrigin } from './security';

describe('isForeignOrigin', () => {
  const own = 'http://localhost:3000';
  it('lets safe methods through whatever their origin', () => {
    expect(isForeignOrigin('GET', 'https://evil.example', own)).toBe(false);
    expect(isForeignOrigin('HEAD', 'https://evil.example', own)).toBe(false);
  });
  it('refuses a POST from another origin, and the null origin', () => {
    expect(isForeignOrigin('POST', 'https://evil.example', own)).toBe(true);
    expect(isForeignOrigin('DELETE', 'http://localhost:3001', own)).toBe(true);
    expect(isForeignOrigin('post', 'null', own)).toBe(true);
  });
  it('accepts a POST from our own origin or without an Origin header', () => {
    expect(isForeignOrigin('POST', own, own)).toBe(false);
    expect(isForeignOrigin('PUT', undefined, own)).toBe(false);
  });
});

describe('contentSecurityPolicy', () => {
  it('is nonce based and locks down objects, base and framing', () => {
    const csp = contentSecurityPolicy('abc', { dev: false });
    expect(csp).toContain("script-src 'nonce-abc' 'strict-dynamic'");
    expect(csp).toContain("object-src 'none'");
    expect(csp).toContain("base-uri 'none'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toContain('unsafe');
  });
  it('creates a fresh 128-bit nonce each time', () => {
    const a = createNonce();
    expect(Buffer.from(a, 'base64')).toHaveLength(16);
    expect(createNonce()).not.toBe(a);
  });
});
