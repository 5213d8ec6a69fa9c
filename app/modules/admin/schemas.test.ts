import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { supportedLanguages } from '../../i18n';
import { newTopicSchema, topicSettingsSchema } from '../booking/schemas';
import { pageWindow } from './components/page-links';
import { newTopicFormSchema, offerFilterSchema, RANGE_MESSAGES, topicFormSchema } from './schemas';

const account = (lng: string) =>
  JSON.parse(readFileSync(path.join(__dirname, '../../../locales', lng, 'account.json'), 'utf8'));

const topic = {
  id: '3',
  slotMinutes: '45',
  bufferMinutes: '15',
  minNoticeMinutes: '120',
  windowDays: '60',
  channels: ['phone'],
};

describe('the counselling set-up’s topic forms', () => {
  it('name the allowed range in the error, not just “out of range”', () => {
    const result = topicFormSchema.safeParse({ ...topic, slotMinutes: '5', windowDays: '400' });
    expect(result.success).toBe(false);
    const messages = Object.fromEntries(result.error!.issues.map((i) => [i.path[0], i.message]));
    expect(messages).toEqual({
      slotMinutes: 'admin.setup.errors.slotMinutes',
      windowDays: 'admin.setup.errors.windowDays',
    });
    expect(account('de').admin.setup.errors.slotMinutes).toContain('zwischen 10 und 240 Minuten');
    expect(topicFormSchema.safeParse(topic).success).toBe(true);
    expect(
      newTopicFormSchema.safeParse({ slug: 'neu', name: 'Neu', slotMinutes: 'abc', bufferMinutes: '0' }).error
        ?.issues[0]?.message,
    ).toBe('admin.setup.errors.slotMinutes');
  });

  it('keep the booking module’s bounds, and every language’s message states them', () => {
    const fields = [
      ...Object.keys(RANGE_MESSAGES).map((f) => [topicSettingsSchema, topicFormSchema, f] as const),
      ...['slotMinutes', 'bufferMinutes'].map((f) => [newTopicSchema, newTopicFormSchema, f] as const),
    ];
    for (const [booking, form, name] of fields) {
      const original = booking.shape[name as keyof typeof booking.shape] as unknown as {
        minValue: number;
        maxValue: number;
      };
      const ours = form.shape[name as keyof typeof form.shape] as unknown as typeof original;
      expect([ours.minValue, ours.maxValue], name).toEqual([original.minValue, original.maxValue]);
      for (const lng of supportedLanguages) {
        const text: string = account(lng).admin.setup.errors[name];
        // Numbers as written in the language (20.160, 20,160, 20160): digits only.
        const numbers = (text.match(/\d[\d.,\u00a0 ]*\d|\d/g) ?? []).map((n) => Number(n.replace(/\D/g, '')));
        expect(numbers, `${lng} ${name}`).toEqual(
          expect.arrayContaining([original.minValue, original.maxValue]),
        );
      }
    }
  });
});

describe('the admin offer list’s query', () => {
  it('takes every filter from the URL and refuses what it cannot mean', () => {
    expect(
      offerFilterSchema.parse({
        q: ' Deutsch ',
        status: 'review',
        provider: '7',
        category: 'sprachen',
        since: '2026-11-01',
        page: '3',
      }),
    ).toEqual({
      q: 'Deutsch',
      status: 'review',
      provider: 7,
      category: 'sprachen',
      since: '2026-11-01',
      page: 3,
    });
    expect(offerFilterSchema.parse({ q: '', status: '', provider: '', category: '', since: '' })).toEqual({
      page: 1,
    });
    for (const bad of [
      { status: 'deleted' },
      { provider: 'x' },
      { category: 'kochen' },
      { since: '2026-13-01' },
      { page: '0' },
    ])
      expect(offerFilterSchema.safeParse(bad).success, JSON.stringify(bad)).toBe(false);
  });
});

describe('page links', () => {
  it('show the first, the last and the neighbours of the current page, with gaps', () => {
    expect(pageWindow(1, 1)).toEqual([1]);
    expect(pageWindow(1, 3)).toEqual([1, 2, 3]);
    expect(pageWindow(7, 31)).toEqual([1, 'gap', 6, 7, 8, 'gap', 31]);
    // A gap of one page is the page itself.
    expect(pageWindow(4, 10)).toEqual([1, 2, 3, 4, 5, 'gap', 10]);
    expect(pageWindow(31, 31)).toEqual([1, 'gap', 30, 31]);
  });
});
