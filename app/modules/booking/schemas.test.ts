import { describe, expect, it } from 'vitest';
import de from '../../../locales/de/counselling.json';
import * as schemas from './schemas';

function lookup(key: string): unknown {
  return key
    .split('.')
    .reduce<unknown>((node, part) => (node as Record<string, unknown> | undefined)?.[part], de);
}

/** Every message a schema can give, from an empty and from a nonsense input. */
function messages(schema: {
  safeParse: (v: unknown) => { success: boolean; error?: { issues: { message: string }[] } };
}) {
  const out: string[] = [];
  for (const input of [
    {},
    {
      weekday: 'x',
      startsAt: '25:00',
      endsAt: '1',
      channels: ['fax'],
      start: 'gestern',
      email: 'x',
      phone: '?',
      consent: 'no',
      slotMinutes: '-1',
      postcode: '1',
      hours1: 'immer',
      day: '2026-02-31',
      kind: 'x',
      fromDay: 'x',
    },
  ]) {
    const result = schema.safeParse(input);
    expect(result.success).toBe(false);
    out.push(...result.error!.issues.map((i) => i.message));
  }
  return out;
}

describe('booking schemas', () => {
  it('answer bad input only with keys that exist in the German counselling texts', () => {
    const all = [
      schemas.bookingFormSchema,
      schemas.bookingApiSchema,
      schemas.staffBookingSchema,
      schemas.slotQuerySchema,
      schemas.cancelReasonSchema,
      schemas.ruleSchema,
      schemas.exceptionSchema,
      schemas.profileSchema,
      schemas.topicSettingsSchema,
      schemas.newTopicSchema,
      schemas.officeSchema,
      schemas.closureDaySchema,
    ].flatMap(messages);
    expect(all.length).toBeGreaterThan(20);
    for (const message of new Set(all)) {
      expect(message, message).toMatch(/^counselling:/);
      expect(typeof lookup(message.replace(/^counselling:/, '')), message).toBe('string');
    }
  });

  it('one contact rule per channel: by phone a number, by video an address, in person either', () => {
    const base = {
      topic: 'weiterbildung',
      language: 'de',
      start: '2027-03-29T09:00:00+02:00',
      name: 'Alex',
      consent: 'on',
    };
    const fields = (value: Record<string, string>) => {
      const result = schemas.bookingFormSchema.safeParse({ ...base, ...value });
      return result.success ? [] : result.error.issues.map((i) => `${i.path.join('.')}:${i.message}`);
    };
    expect(fields({ channel: 'phone', email: 'a@example.org' })).toEqual([
      'phone:counselling:booking.errors.phoneForCall',
    ]);
    expect(fields({ channel: 'phone', phone: '0561 123456' })).toEqual([]);
    expect(fields({ channel: 'video', phone: '0561 123456' })).toEqual([
      'email:counselling:booking.errors.emailForVideo',
    ]);
    expect(fields({ channel: 'video', email: 'a@example.org' })).toEqual([]);
    expect(fields({ channel: 'in_person', office: 'stadthaus' })).toEqual([
      'email:counselling:booking.errors.emailOrPhone',
    ]);
    expect(fields({ channel: 'in_person', office: 'stadthaus', phone: '0561 123456' })).toEqual([]);
    // The same rule for the API and for counsellors booking for a caller.
    expect(
      schemas.bookingApiSchema.safeParse({ ...base, consent: true, channel: 'phone', email: 'a@example.org' })
        .success,
    ).toBe(false);
    expect(
      schemas.staffBookingSchema.safeParse({
        ...base,
        consentAsked: 'on',
        channel: 'video',
        phone: '0561 1234',
      }).success,
    ).toBe(false);
  });

  it('gives every error in one round: missing name and consent come with the contact rule', () => {
    const result = schemas.bookingFormSchema.safeParse({
      topic: 'weiterbildung',
      channel: 'phone',
      language: 'de',
      start: '2027-03-29T09:00:00+02:00',
    });
    expect(result.success).toBe(false);
    expect(result.error!.issues.map((i) => i.path.join('.')).sort()).toEqual(['consent', 'name', 'phone']);
  });

  it('reads e-mail addresses the same on both halves of the form (trimmed, lower case)', () => {
    const result = schemas.bookingFormSchema.safeParse({
      topic: 'weiterbildung',
      channel: 'video',
      language: 'de',
      start: '2027-03-29T09:00:00+02:00',
      name: 'Alex',
      consent: 'on',
      email: '  Alex@Example.ORG ',
    });
    expect(result.success).toBe(true);
    expect(result.data!.email).toBe('alex@example.org');
  });

  it('refuses a weekly rule that ends before it starts, or is in person without an office', () => {
    const rule = {
      weekday: '2',
      startsAt: '12:00',
      endsAt: '09:00',
      channels: ['phone'],
      validFrom: '2027-01-01',
    };
    expect(schemas.ruleSchema.safeParse(rule).success).toBe(false);
    expect(schemas.ruleSchema.safeParse({ ...rule, endsAt: '13:00', channels: ['in_person'] }).success).toBe(
      false,
    );
    expect(
      schemas.ruleSchema.safeParse({ ...rule, endsAt: '13:00', channels: ['in_person'], office: '3' })
        .success,
    ).toBe(true);
  });

  // Issue 15: these reached the holiday rules (which refuse years they don't cover) or
  // PostgreSQL (which refuses NUL) and ended as 500s.
  it('bounds dates and slot starts to the years the holiday rules cover', () => {
    const booking = {
      topic: 'deutsch-integration',
      channel: 'phone',
      language: 'de',
      name: 'Ada Muster',
      phone: '+49 561 123456',
      consent: true,
    };
    const start = (s: string) => schemas.bookingApiSchema.safeParse({ ...booking, start: s });
    expect(start('2027-03-29T09:00:00+02:00').success).toBe(true);
    for (const s of [
      '2099-01-05T10:00:00+01:00',
      '2041-01-01T10:00:00+01:00',
      '0001-01-01T10:00:00Z',
      '2019-06-01T10:00:00Z',
    ]) {
      const r = start(s);
      expect(r.success, s).toBe(false);
      expect(
        r.error?.issues.map((i) => i.message),
        s,
      ).toContain('counselling:booking.errors.slotRequired');
    }
    const slots = (from: string) => schemas.slotQuerySchema.safeParse({ topic: 'deutsch-integration', from });
    expect(slots('2027-03-29').success).toBe(true);
    expect(slots('2099-03-29').success).toBe(false);
    expect(slots('0001-03-29').success).toBe(false);
  });
  it('refuses control characters in the message, keeps tabs and line breaks', () => {
    const booking = {
      topic: 'deutsch-integration',
      channel: 'phone',
      language: 'de',
      start: '2027-03-29T09:00:00+02:00',
      name: 'Ada Muster',
      phone: '+49 561 123456',
      consent: true,
    };
    expect(schemas.bookingApiSchema.safeParse({ ...booking, message: 'Zeile 1\n\tZeile 2' }).success).toBe(
      true,
    );
    const r = schemas.bookingApiSchema.safeParse({ ...booking, message: 'a\u0000b' });
    expect(r.error?.issues.map((i) => i.message)).toContain('counselling:booking.errors.messageInvalid');
  });
});
