import { describe, expect, it } from 'vitest';
import { safeRedirect } from './guard.server';

describe('safeRedirect', () => {
  it('keeps paths on this site', () => {
    expect(safeRedirect('/admin/benutzer?q=a')).toBe('/admin/benutzer?q=a');
    expect(safeRedirect('/team')).toBe('/team');
  });

  it('refuses everything that could leave the site', () => {
    for (const evil of [
      '//evil.example',
      '/\\evil.example',
      '/\t/evil.example',
      '/%09/evil.example'.replace('%09', '\t'),
      '/\n/evil.example',
      'https://evil.example',
      'javascript:alert(1)',
      '',
      null,
    ])
      expect(safeRedirect(evil, '/konto'), String(evil)).toBe('/konto');
  });
});
