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

  it('needs an e-mail address or a phone number, and a consent', () => {
    const base = {
      topic: 'weiterbildung',
      channel: 'phone',
      language: 'de',
      start: '2027-03-29T09:00:00+02:00',
      name: 'Alex',
    };
    expect(schemas.bookingFormSchema.safeParse({ ...base, consent: 'on' }).success).toBe(false);
    expect(
      schemas.bookingFormSchema.safeParse({ ...base, phone: '0561 123456', consent: 'on' }).success,
    ).toBe(true);
    expect(schemas.bookingFormSchema.safeParse({ ...base, phone: '0561 123456' }).success).toBe(false);
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
});
