import { describe, expect, it } from 'vitest';
import { localParts, localToInstant, toOffsetIso } from '../../utils/zoned';
import { type EngineInput, freeCounsellorsAt, freeSlots, type Rule, type Slot } from './slots';

const topic = {
  slotMinutes: 45,
  bufferMinutes: 15,
  minNoticeMinutes: 720,
  windowDays: 42,
  channels: ['in_person', 'phone', 'video'] as const,
};

const everyDay = (startsAt: string, endsAt: string, extra: Partial<Rule> = {}): Rule[] =>
  [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({
    counsellorId: 1,
    weekday,
    startsAt,
    endsAt,
    channels: ['phone'],
    officeId: null,
    validFrom: '2026-01-01',
    validTo: null,
    ...extra,
  }));

function input(over: Partial<EngineInput>): EngineInput {
  return {
    topic,
    counsellors: [{ id: 1, languages: ['de'], channels: ['in_person', 'phone', 'video'], load: 0 }],
    rules: everyDay('09:00', '12:00'),
    exceptions: [],
    busy: [],
    closedDays: new Set(),
    now: new Date('2027-03-20T10:00:00+01:00'),
    query: { from: '2027-03-20', to: '2027-05-01' },
    ...over,
  };
}

/** Local wall-clock times per local day, e.g. { '2027-03-27': ['09:00', …] }. */
function byDay(slots: Slot[]): Record<string, string[]> {
  const days: Record<string, string[]> = {};
  for (const s of slots) {
    const iso = toOffsetIso(s.start);
    const day = iso.slice(0, 10);
    days[day] ??= [];
    days[day].push(iso.slice(11, 16));
  }
  return days;
}

function offsetsOn(slots: Slot[], day: string): string[] {
  return [
    ...new Set(
      slots
        .map((s) => toOffsetIso(s.start))
        .filter((iso) => iso.startsWith(day))
        .map((iso) => iso.slice(19)),
    ),
  ];
}

describe('across the daylight-saving changes (fixed clock)', () => {
  it('spring: the last Sunday of March 2027 keeps every slot at the same local times, offsets go +01:00 → +02:00', () => {
    const slots = freeSlots(input({ query: { from: '2027-03-25', to: '2027-03-31' } }));
    const days = byDay(slots);
    expect(Object.keys(days)).toEqual([
      '2027-03-25',
      '2027-03-26',
      '2027-03-27',
      '2027-03-28',
      '2027-03-29',
      '2027-03-30',
      '2027-03-31',
    ]);
    for (const times of Object.values(days)) expect(times).toEqual(['09:00', '10:00', '11:00']);
    expect(offsetsOn(slots, '2027-03-27')).toEqual(['+01:00']);
    expect(offsetsOn(slots, '2027-03-28')).toEqual(['+02:00']);
    expect(offsetsOn(slots, '2027-03-29')).toEqual(['+02:00']);
    // Exactly 23 hours between Saturday's and Sunday's 09:00 — the instant moved, the wall clock didn't.
    const sat = slots.find((s) => toOffsetIso(s.start).startsWith('2027-03-27T09:00'))!;
    const sun = slots.find((s) => toOffsetIso(s.start).startsWith('2027-03-28T09:00'))!;
    expect(sun.start - sat.start).toBe(23 * 3600_000);
    // Each slot is exactly its length long, even on the short day.
    for (const s of slots) expect(s.end - s.start).toBe(45 * 60_000);
  });

  it('autumn: the last Sunday of October 2027 the same, offsets go +02:00 → +01:00', () => {
    const slots = freeSlots(
      input({ now: new Date('2027-10-20T10:00:00+02:00'), query: { from: '2027-10-28', to: '2027-11-03' } }),
    );
    const days = byDay(slots);
    expect(Object.keys(days)).toHaveLength(7);
    for (const times of Object.values(days)) expect(times).toEqual(['09:00', '10:00', '11:00']);
    expect(offsetsOn(slots, '2027-10-30')).toEqual(['+02:00']);
    expect(offsetsOn(slots, '2027-10-31')).toEqual(['+01:00']);
    expect(offsetsOn(slots, '2027-11-01')).toEqual(['+01:00']);
    const sat = slots.find((s) => toOffsetIso(s.start).startsWith('2027-10-30T09:00'))!;
    const sun = slots.find((s) => toOffsetIso(s.start).startsWith('2027-10-31T09:00'))!;
    expect(sun.start - sat.start).toBe(25 * 3600_000);
  });

  it('a window across the switch hour: the skipped hour gives no slot, the doubled hour one slot', () => {
    const night = { ...topic, slotMinutes: 30, bufferMinutes: 30 };
    const spring = freeSlots(
      input({
        topic: night,
        rules: everyDay('01:00', '04:00'),
        query: { from: '2027-03-28', to: '2027-03-28' },
      }),
    );
    expect(byDay(spring)['2027-03-28']).toEqual(['01:00', '03:00']);
    const autumn = freeSlots(
      input({
        topic: night,
        now: new Date('2027-10-20T10:00:00+02:00'),
        rules: everyDay('01:00', '04:00'),
        query: { from: '2027-10-31', to: '2027-10-31' },
      }),
    );
    expect(byDay(autumn)['2027-10-31']).toEqual(['01:00', '02:00', '03:00']);
    // No two slots share an instant.
    expect(new Set(autumn.map((s) => s.start)).size).toBe(autumn.length);
  });

  it('the time conversion survives the machine’s own time zone (Intl, not Date’s local time)', () => {
    expect(localToInstant('2027-03-28', 120)).toBeNull();
    expect(new Date(localToInstant('2027-03-28', 180)!).toISOString()).toBe('2027-03-28T01:00:00.000Z');
    expect(new Date(localToInstant('2027-10-31', 150)!).toISOString()).toBe('2027-10-31T00:30:00.000Z');
    expect(localParts(new Date('2027-10-31T01:30:00Z'))).toMatchObject({ date: '2027-10-31', minutes: 150 });
  });
});

describe('what is taken away', () => {
  const day = { from: '2027-03-23', to: '2027-03-23' };
  const at = (hhmm: string) => new Date(`2027-03-23T${hhmm}:00+01:00`).getTime();

  it('an appointment with its buffer blocks the slots it overlaps, and only those', () => {
    const busy = [{ counsellorId: 1, start: at('10:00'), end: at('11:00') }];
    expect(byDay(freeSlots(input({ busy, query: day })))['2027-03-23']).toEqual(['09:00', '11:00']);
    // A longer appointment of another topic, 10:30–11:15 with its buffer, takes 10:00 and 11:00.
    const odd = [{ counsellorId: 1, start: at('10:30'), end: at('11:15') }];
    expect(byDay(freeSlots(input({ busy: odd, query: day })))['2027-03-23']).toEqual(['09:00']);
  });

  it('absences, closed days, minimum notice and the booking window', () => {
    const absence = [
      {
        counsellorId: 1,
        kind: 'absence' as const,
        start: at('08:00'),
        end: at('10:30'),
        channels: [],
        officeId: null,
      },
    ];
    expect(byDay(freeSlots(input({ exceptions: absence, query: day })))['2027-03-23']).toEqual(['11:00']);
    expect(freeSlots(input({ closedDays: new Set(['2027-03-23']), query: day }))).toEqual([]);
    // 12 hours' notice from Saturday 10:00: Saturday is gone; Sunday starts at 09:00 (23 h later).
    const soon = byDay(freeSlots(input({ query: { from: '2027-03-20', to: '2027-03-21' } })));
    expect(soon['2027-03-20']).toBeUndefined();
    expect(soon['2027-03-21']).toEqual(['09:00', '10:00', '11:00']);
    // A 42-day window from 2027-03-20 ends on 2027-04-30.
    const edge = byDay(freeSlots(input({ query: { from: '2027-04-29', to: '2027-05-02' } })));
    expect(Object.keys(edge)).toEqual(['2027-04-29', '2027-04-30']);
  });

  it('rules count only from their first to their last valid day and on their weekday', () => {
    const rules = everyDay('09:00', '10:00', { validFrom: '2027-03-24', validTo: '2027-03-25' });
    expect(
      Object.keys(byDay(freeSlots(input({ rules, query: { from: '2027-03-22', to: '2027-03-27' } })))),
    ).toEqual(['2027-03-24', '2027-03-25']);
    const tuesdays = everyDay('09:00', '10:00').filter((r) => r.weekday === 2);
    expect(
      Object.keys(
        byDay(freeSlots(input({ rules: tuesdays, query: { from: '2027-03-22', to: '2027-04-04' } }))),
      ),
    ).toEqual(['2027-03-23', '2027-03-30']);
  });

  it('extra hours add slots on the same grid', () => {
    const extra = [
      {
        counsellorId: 1,
        kind: 'extra' as const,
        start: at('14:00'),
        end: at('16:00'),
        channels: ['phone' as const],
        officeId: null,
      },
    ];
    expect(byDay(freeSlots(input({ exceptions: extra, query: day })))['2027-03-23']).toEqual([
      '09:00',
      '10:00',
      '11:00',
      '14:00',
      '15:00',
    ]);
  });
});

describe('channels, offices and who gets the slot', () => {
  const day = { from: '2027-03-23', to: '2027-03-23' };
  const rules: Rule[] = [
    ...everyDay('09:00', '10:00', { channels: ['in_person', 'phone'], officeId: 7 }),
    ...everyDay('09:00', '10:00', { counsellorId: 2, channels: ['in_person'], officeId: 8 }),
    ...everyDay('09:00', '10:00', { counsellorId: 3, channels: ['phone', 'video'], officeId: null }),
  ];
  const counsellors = [
    { id: 1, languages: ['de', 'tr'], channels: ['in_person', 'phone'] as const, load: 5 },
    { id: 2, languages: ['de'], channels: ['in_person'] as const, load: 0 },
    { id: 3, languages: ['de', 'ar'], channels: ['phone'] as const, load: 1 },
  ];

  it('one slot per channel and office; filters by channel and office; the topic and the counsellor must offer the channel', () => {
    const all = freeSlots(input({ rules, counsellors, query: day }));
    expect(all.map((s) => `${s.channel}@${s.officeId ?? '-'}`)).toEqual([
      'in_person@7',
      'in_person@8',
      'phone@-',
    ]);
    expect(
      freeSlots(input({ rules, counsellors, query: { ...day, channel: 'in_person', officeId: 8 } })),
    ).toHaveLength(1);
    expect(freeSlots(input({ rules, counsellors, query: { ...day, channel: 'video' } }))).toEqual([]);
    const noPhone = { ...topic, channels: ['in_person'] as const };
    expect(
      freeSlots(input({ topic: noPhone, rules, counsellors, query: { ...day, channel: 'phone' } })),
    ).toEqual([]);
  });

  it('prefers the language match, then the least loaded', () => {
    const [phone] = freeSlots(input({ rules, counsellors, query: { ...day, channel: 'phone' } }));
    expect(phone!.counsellorIds).toEqual([3, 1]);
    expect(phone!.languageMatch).toBe(false);
    const [turkish] = freeSlots(
      input({ rules, counsellors, query: { ...day, channel: 'phone', language: 'tr' } }),
    );
    expect(turkish!.counsellorIds).toEqual([1, 3]);
    expect(turkish!.languageMatch).toBe(true);
  });
});

describe('who could take an appointment at its very time (hand-over)', () => {
  const at = (start: string, extra: Partial<Parameters<typeof freeCounsellorsAt>[1]> = {}) => {
    const s = Date.parse(start);
    return {
      start: s,
      end: s + 45 * 60_000,
      blockedUntil: s + 60 * 60_000,
      channel: 'phone' as const,
      officeId: null,
      language: 'de',
      ...extra,
    };
  };
  const team = input({
    counsellors: [
      { id: 1, languages: ['de'], channels: ['phone'], load: 3 },
      { id: 2, languages: ['de', 'ar'], channels: ['phone'], load: 1 },
      // Works 09:30–12:30: a 09:00 appointment lies outside their hours, off their grid.
      { id: 3, languages: ['de'], channels: ['phone'], load: 0 },
    ],
    rules: [
      ...everyDay('09:00', '12:00'),
      ...everyDay('09:00', '12:00', { counsellorId: 2 }),
      ...everyDay('09:30', '12:30', { counsellorId: 3 }),
    ],
  });

  it('needs their hours to cover the whole time, off the slot grid too; least loaded first', () => {
    expect(freeCounsellorsAt(team, at('2027-03-23T09:00:00+01:00'))).toEqual([2, 1]);
    // 09:40 is on nobody's grid, and inside everyone's hours.
    expect(freeCounsellorsAt(team, at('2027-03-23T09:40:00+01:00'))).toEqual([3, 2, 1]);
    expect(freeCounsellorsAt(team, at('2027-03-23T11:30:00+01:00'))).toEqual([3]);
  });

  it('leaves out the away, the busy (buffer included), other languages and channels, and closed days', () => {
    const start = Date.parse('2027-03-23T10:00:00+01:00');
    const busy = freeCounsellorsAt(
      {
        ...team,
        exceptions: [
          {
            counsellorId: 2,
            kind: 'absence',
            start: start - 3600_000,
            end: start + 60_000,
            channels: [],
            officeId: null,
          },
        ],
        // Ends 10:15 with its buffer: overlaps the 10:00 appointment's time.
        busy: [{ counsellorId: 3, start: start - 45 * 60_000, end: start + 15 * 60_000 }],
      },
      at('2027-03-23T10:00:00+01:00'),
    );
    expect(busy).toEqual([1]);
    expect(freeCounsellorsAt(team, at('2027-03-23T10:00:00+01:00', { language: 'ar' }))).toEqual([2]);
    expect(freeCounsellorsAt(team, at('2027-03-23T10:00:00+01:00', { channel: 'video' }))).toEqual([]);
    expect(
      freeCounsellorsAt({ ...team, closedDays: new Set(['2027-03-23']) }, at('2027-03-23T10:00:00+01:00')),
    ).toEqual([]);
  });

  it('at an office in person: only windows at that office', () => {
    const office = input({
      counsellors: [
        { id: 1, languages: ['de'], channels: ['in_person'], load: 0 },
        { id: 2, languages: ['de'], channels: ['in_person'], load: 0 },
      ],
      rules: [
        ...everyDay('09:00', '12:00', { channels: ['in_person'], officeId: 7 }),
        ...everyDay('09:00', '12:00', { counsellorId: 2, channels: ['in_person'], officeId: 8 }),
      ],
    });
    expect(
      freeCounsellorsAt(office, at('2027-03-23T10:00:00+01:00', { channel: 'in_person', officeId: 8 })),
    ).toEqual([2]);
  });
});
