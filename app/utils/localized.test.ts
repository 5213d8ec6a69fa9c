import { describe, expect, it } from 'vitest';
import { withLanguage } from './localized';

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
