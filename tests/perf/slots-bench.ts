/**
 * `npm run bench:slots`
 * Free slots for one topic over 8 weeks, with 30 counsellors (weekly hours at 3 offices,
 * by phone and video too) and 1,000 booked appointments, through the same code as the
 * booking page and the API (queries + slot engine + holidays). A fresh database each run
 * (`bench_slots`); DATABASE_URL's server when set, else an embedded PostgreSQL under
 * .data/bench. Prints one JSON line of figures last.
 */
import { parseArgs } from 'node:util';
import pino from 'pino';
import { findSlots } from '../../app/modules/booking/booking.server';
import { isExclusionViolation } from '../../app/utils/db-errors';
import { resetEnvCache } from '../../app/utils/env.server';
import { addDays, localParts } from '../../app/utils/zoned';
import { insertAppointment, topicBySlug } from '../../db/queries/booking.server';
import { enrolCounsellors } from '../setup/counsellors';
import { benchDatabase, percentile } from './support';

const { values } = parseArgs({
  options: {
    counsellors: { type: 'string', default: '30' },
    weeks: { type: 'string', default: '8' },
    appointments: { type: 'string', default: '1000' },
    rounds: { type: 'string', default: '100' },
  },
});
const COUNSELLORS = Number(values.counsellors);
const WEEKS = Number(values.weeks);
const APPOINTMENTS = Number(values.appointments);
const ROUNDS = Number(values.rounds);
const logger = pino({ level: 'warn' }, process.stderr);

// A fixed clock and window, so every run measures the same work.
process.env.FIXED_NOW = '2026-11-30T07:00:00+01:00';
process.env.BOOKING_WINDOW_DAYS = String(WEEKS * 7);
resetEnvCache();

const { sql, close } = await benchDatabase('bench_slots', { fresh: true, logger });

// ---- set-up: 1 topic, 3 offices, 30 counsellors with weekday hours ---------------------
await sql`
  insert into counselling_topics (slug, name, slot_minutes, buffer_minutes, min_notice_minutes, window_days)
  values ('weiterbildung', ${sql.json({ de: 'Weiterbildung' })}, 45, 15, 720, 56)`;
const topic = (await topicBySlug(sql, 'weiterbildung'))!;
const offices = await sql<{ id: number }[]>`
  insert into offices (slug, name, street, postcode, city)
  select 'stelle-' || i, 'Stelle ' || i, 'Straße ' || i, '34117', 'Kassel' from generate_series(1, 3) i
  returning id`;
const languages = ['en', 'tr', 'ar', 'uk', 'ru', 'fa'];
const counsellors = await sql<{ id: number }[]>`
  insert into counsellors (display_name, languages, channels)
  select 'Beratung ' || i, array['de', (${languages}::text[])[1 + i % 6]], '{in_person,phone,video}'
  from generate_series(1, ${COUNSELLORS}) i returning id`;
for (const [i, c] of counsellors.entries()) {
  const office = offices[i % offices.length]!.id;
  await sql`insert into counsellor_topics values (${c.id}, ${topic.id})`;
  await sql`insert into counsellor_offices values (${c.id}, ${office})`;
  for (const weekday of [1, 2, 3, 4, 5]) {
    await sql`
      insert into availability_rules (counsellor_id, weekday, starts_at, ends_at, channels, office_id, valid_from)
      values (${c.id}, ${weekday}, '08:00', '12:00', '{in_person,phone}', ${office}, '2026-01-01'),
             (${c.id}, ${weekday}, '13:00', '17:00', '{phone,video}', null, '2026-01-01')`;
  }
}

// Only counsellors who can sign in (second factor enrolled) are booked (issue 14).
await enrolCounsellors(sql);

// ---- 1,000 appointments on free slots, spread over the 8 weeks -------------------------
const today = localParts(new Date(process.env.FIXED_NOW)).date;
const last = addDays(today, WEEKS * 7 - 1);
const { slots } = await findSlots(sql, { topic, from: today, to: last });
let seed = 7;
const random = () => {
  seed = (seed * 1103515245 + 12345) % 2 ** 31;
  return seed / 2 ** 31;
};
let booked = 0;
for (let tries = 0; booked < APPOINTMENTS && tries < APPOINTMENTS * 20; tries++) {
  const slot = slots[Math.floor(random() * slots.length)]!;
  const counsellorId = slot.counsellorIds[Math.floor(random() * slot.counsellorIds.length)]!;
  try {
    await sql.begin((tx) =>
      insertAppointment(tx, {
        counsellor_id: counsellorId,
        topic_id: topic.id,
        channel: slot.channel,
        office_id: slot.officeId,
        starts: new Date(slot.start),
        ends: new Date(slot.end),
        blocked_until: new Date(slot.end + 15 * 60_000),
        status: 'booked',
        hold_until: null,
        language: 'de',
        locale: 'de',
        name: 'Bench',
        email: `bench${booked}@example.org`,
        phone: null,
        message: null,
        manage_token_hash: `bench-${booked}-${tries}`,
        confirm_token_hash: null,
        booked_by: null,
        reminder_sent_at: null,
      }),
    );
    booked++;
  } catch (error) {
    if (!isExclusionViolation(error)) throw error;
  }
}
await sql`vacuum analyze`;
await sql`checkpoint`;

// ---- measure: the whole window, as the booking page's "first free" and the API do -------
const queries = [
  { from: today, to: last },
  { from: today, to: last, channel: 'phone' as const, language: 'tr' },
  { from: today, to: last, channel: 'in_person' as const, officeId: offices[0]!.id },
  { from: today, to: last, channel: 'video' as const, language: 'ar' },
];
for (const query of queries) await findSlots(sql, { topic, ...query }); // warm-up
const times: number[] = [];
let found = 0;
for (let round = 0; round < ROUNDS; round++) {
  for (const query of queries) {
    const started = performance.now();
    const result = await findSlots(sql, { topic, ...query });
    times.push(performance.now() - started);
    found += result.slots.length;
  }
}
await close();
process.stderr.write(
  `${times.length} slot searches, ${Math.round(found / times.length)} slots per search on average\n`,
);
process.stdout.write(
  `${JSON.stringify({
    counsellors: COUNSELLORS,
    weeks: WEEKS,
    appointments: booked,
    p50_ms: percentile(times, 50),
    p95_ms: percentile(times, 95),
  })}\n`,
);
