import { readFileSync } from 'node:fs';
import i18next from 'i18next';
import { describe, expect, it } from 'vitest';
import { supportedLanguages } from '../i18n';
import { errorKeys, failureOf } from './error-message';

async function counsellingT(lng: string) {
  const instance = i18next.createInstance();
  await instance.init({
    lng,
    ns: ['counselling'],
    defaultNS: 'counselling',
    resources: {
      [lng]: { counselling: JSON.parse(readFileSync(`locales/${lng}/counselling.json`, 'utf8')) },
    },
  });
  return instance.t;
}

describe('error messages never show a raw key', () => {
  it('maps a known code to its key, with the generic message as fallback', () => {
    expect(errorKeys('slot_taken', 'booking.errors', 'booking.errors.unexpected')).toEqual([
      'booking.errors.slot_taken',
      'booking.errors.unexpected',
    ]);
  });

  it('maps every other shape straight to the generic message', () => {
    for (const error of [{ reason: ['x'] }, ['slot_taken'], 42, null, undefined, '', 'Ä bad', '../x'])
      expect(errorKeys(error, 'booking.errors', 'booking.errors.unexpected')).toEqual([
        'booking.errors.unexpected',
      ]);
  });

  it('reads only an action’s own failure, not the error map of a form reply', () => {
    expect(failureOf({ failure: 'too_late' })).toBe('too_late');
    expect(failureOf({ status: 'error', error: { reason: ['x'] } })).toBeUndefined();
    expect(failureOf(undefined)).toBeUndefined();
  });

  it('translates a form reply’s error object, an unknown code and a known one in every language', async () => {
    for (const lng of supportedLanguages) {
      const t = await counsellingT(lng);
      const generic = t('booking.errors.unexpected');
      expect(generic, lng).not.toMatch(/booking\.errors/);
      for (const error of [{ reason: ['counselling:booking.errors.reasonRequired'] }, 'no_such_code']) {
        const text = t(errorKeys(error, 'booking.errors', 'booking.errors.unexpected'));
        expect(text, lng).toBe(generic);
        expect(text).not.toContain('[object Object]');
      }
      expect(t(errorKeys('too_late', 'booking.errors', 'booking.errors.unexpected'))).toBe(
        t('booking.errors.too_late'),
      );
    }
  });
});
