import { describe, expect, it } from 'vitest';
import { localPath, withLanguage } from './localized';

describe('withLanguage', () => {
  it('adds the language to an internal path', () => {
    expect(withLanguage('/impressum', 'ar')).toBe('/impressum?lng=ar');
  });
  it('replaces a language already there and keeps other parameters and the hash', () => {
    expect(withLanguage('/angebote?q=deutsch&lng=de#treffer', 'tr')).toBe(
      '/angebote?q=deutsch&lng=tr#treffer',
    );
  });
  it('leaves external links and fragments alone', () => {
    expect(withLanguage('https://example.org/x', 'en')).toBe('https://example.org/x');
    expect(withLanguage('mailto:a@b.example', 'en')).toBe('mailto:a@b.example');
    expect(withLanguage('#main', 'en')).toBe('#main');
  });
});

describe('localPath', () => {
  it('keeps a path on this site with its query', () => {
    expect(localPath('/angebote?q=deutsch&lng=de')).toBe('/angebote?q=deutsch&lng=de');
  });
  it('turns anything that could lead to another site into the home page', () => {
    for (const bad of [
      '//evil.example/x',
      'https://evil.example',
      '/\\evil.example',
      'angebote',
      '/ x',
      null,
      3,
    ]) {
      expect(localPath(bad), String(bad)).toBe('/');
    }
  });
});
