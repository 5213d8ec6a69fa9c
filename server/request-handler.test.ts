import { describe, expect, it } from 'vitest';
import { MAX_UPLOAD_BYTES } from '../app/modules/providers/imports.server';
import { errorPageHtml } from './error-page';
import { allowedMethods } from './methods';
import { BODY_LIMITS, bodyKind, deadlineFor, LONG_DEADLINE_MS } from './request-handler';

describe('body limits', () => {
  it('are chosen by the kind of route: uploads 10 MB, the JSON API 32 kB, forms 64 kB', () => {
    expect(bodyKind('/anbieterbereich/import')).toBe('upload');
    // The same form sent by JavaScript: Remix's single-fetch data request.
    expect(bodyKind('/anbieterbereich/import.data')).toBe('upload');
    expect(bodyKind('/api/v1/counselling/appointments')).toBe('api');
    expect(bodyKind('/beratung/termin/daten')).toBe('form');
    expect(bodyKind('/anbieterbereich/import/12')).toBe('form');
    expect(BODY_LIMITS.form).toBe(64 * 1024);
    expect(BODY_LIMITS.api).toBe(32 * 1024);
    // The import takes files up to 10 MB; the body around one is a little larger.
    expect(BODY_LIMITS.upload).toBeGreaterThan(MAX_UPLOAD_BYTES);
    expect(BODY_LIMITS.upload).toBeLessThanOrEqual(MAX_UPLOAD_BYTES + 64 * 1024);
  });
});

describe('deadlines', () => {
  it('are longer only where the work is legitimately long (the provider import)', () => {
    expect(deadlineFor('/angebote', 10_000)).toBe(10_000);
    expect(deadlineFor('/anbieterbereich/import', 10_000)).toBe(LONG_DEADLINE_MS);
    expect(deadlineFor('/anbieterbereich/import/12', 10_000)).toBe(LONG_DEADLINE_MS);
    expect(deadlineFor('/anbieterbereich/import/12.data', 10_000)).toBe(LONG_DEADLINE_MS);
    expect(deadlineFor('/api/v1/export/offers.xml', 10_000)).toBe(10_000);
  });
});

describe('methods', () => {
  it('name what each path accepts', () => {
    expect(allowedMethods('/api/v1/counselling/appointments')).toBe('POST, OPTIONS');
    expect(allowedMethods('/api/v1/counselling/appointments/abc')).toBe('GET, HEAD, DELETE, OPTIONS');
    expect(allowedMethods('/api/v1/export/offers.xml')).toBe('GET, HEAD, OPTIONS');
    expect(allowedMethods('/angebote')).toBe('GET, HEAD, POST, OPTIONS');
  });
});

describe('the standalone error page', () => {
  it('is translated, right-to-left in Arabic, and escapes what it shows', () => {
    const ar = errorPageHtml('ar', 'unavailable', 503);
    expect(ar).toContain('<html lang="ar" dir="rtl">');
    expect(ar).toContain('503');
    expect(ar).toContain('href="/?lng=ar"');
    expect(ar).toMatch(/<title>[^<]+ – Wegweiser<\/title>/);
    const de = errorPageHtml('de', 'tooLarge', 413);
    expect(de).toContain('<html lang="de" dir="ltr">');
    expect(de).toContain('Die Daten sind zu groß');
    expect(errorPageHtml('ls', 'generic', 405)).toContain('lang="de-x-ls"');
  });
});
