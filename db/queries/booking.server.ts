import type { Db } from '../client.server';
import type { OfficeRow } from './counselling.server';

/** SQL for counselling appointments: the slot engine's inputs, bookings and their life cycle. */

/**
 * Who may receive bookings: an active profile linked to an active counsellor account
 * that has enrolled its second factor (so someone can sign in and see the appointment).
 * `c` is the counsellors row.
 */
export function bookableCounsellor(sql: Db) {
  return sql`(c.active and exists (
    select 1 from users bu
    where bu.id = c.user_id and bu.status = 'active' and bu.role = 'counsellor' and bu.totp_enabled_at is not null))`;
}

export type ChannelName = 'in_person' | 'phone' | 'video';
export type AppointmentStatus = 'pending' | 'booked' | 'cancelled' | 'expired' | 'held' | 'no_show';

export interface TopicParamsRow {
  id: number;
  slug: string;
  name: Record<string, string>;
  description: Record<string, string>;
  slot_minutes: number;
  buffer_minutes: number;
  min_notice_minutes: number;
  window_days: number;
  channels: ChannelName[];
  active: boolean;
  sort_order: number;
}

export async function listTopics(sql: Db, options: { activeOnly: boolean }): Promise<TopicParamsRow[]> {
  return sql<TopicParamsRow[]>`
    select id, slug, name, description, slot_minutes, buffer_minutes, min_notice_minutes, window_days,
           channels, active, sort_order
    from counselling_topics
    where ${options.activeOnly ? sql`active` : sql`true`}
    order by sort_order, id`;
}

export async function topicBySlug(sql: Db, slug: string): Promise<TopicParamsRow | undefined> {
  const [row] = await sql<TopicParamsRow[]>`
    select id, slug, name, description, slot_minutes, buffer_minutes, min_notice_minutes, window_days,
           channels, active, sort_order
    from counselling_topics where slug = ${slug}`;
  return row;
}

export type BookableOffice = Pick<
  OfficeRow,
  'id' | 'slug' | 'name' | 'street' | 'postcode' | 'city' | 'accessible' | 'accessibility_note'
>;

/** Offices where some counsellor of the topic sees people in person. */
export async function officesForTopic(sql: Db, topicId: number): Promise<BookableOffice[]> {
  return sql<BookableOffice[]>`
    select o.id, o.slug, o.name, o.street, o.postcode, o.city, o.accessible, o.accessibility_note
    from offices o
    where o.active and exists (
      select 1 from availability_rules r
      join counsellor_topics ct on ct.counsellor_id = r.counsellor_id and ct.topic_id = ${topicId}
      join counsellors c on c.id = r.counsellor_id and ${bookableCounsellor(sql)}
      where r.office_id = o.id and (r.valid_to is null or r.valid_to >= current_date))
    order by o.name`;
}

/** Languages the topic's bookable counsellors speak, most common first. */
export async function languagesForTopic(sql: Db, topicId: number): Promise<string[]> {
  const rows = await sql<{ language: string }[]>`
    select l as language
    from counsellors c join counsellor_topics ct on ct.counsellor_id = c.id and ct.topic_id = ${topicId},
         unnest(c.languages) l
    where ${bookableCounsellor(sql)}
    group by l order by count(*) desc, l`;
  return rows.map((r) => r.language);
}

export interface EngineCounsellorRow {
  id: number;
  languages: string[];
  channels: ChannelName[];
  load: number;
}

export interface EngineRuleRow {
  counsellor_id: number;
  weekday: number;
  starts_at: string;
  ends_at: string;
  channels: ChannelName[];
  office_id: number | null;
  valid_from: string;
  valid_to: string | null;
}

export interface EngineExceptionRow {
  counsellor_id: number;
  kind: 'absence' | 'extra';
  /** Epoch milliseconds. */
  starts: number;
  ends: number;
  channels: ChannelName[];
  office_id: number | null;
}

export interface EngineBusyRow {
  counsellor_id: number;
  /** Epoch milliseconds: the engine computes in them. */
  starts: number;
  ends: number;
}

/**
 * Everything the slot engine needs for one topic between two instants, in one statement
 * (one round trip; rules and busy times as plain text lines, since there
 * can be thousands). Only bookable counsellors count (an enrolled account, see
 * `bookableCounsellor`). Pending bookings past their hold count as free, times proposed
 * to a person as taken; `exceptAppointment` leaves out the appointment being moved (and
 * its own proposal); `onlyCounsellor` narrows to one counsellor
 * (booking on behalf of a caller). A counsellor's load is their number of active
 * appointments in the period. The closure days and the Land come along, so a slot search
 * is a single round trip.
 */
export async function engineData(
  sql: Db,
  topicId: number,
  from: Date,
  to: Date,
  options: { exceptAppointment?: number; onlyCounsellor?: number; at: Date; days: [string, string] },
) {
  const { at } = options;
  const only = options.onlyCounsellor ?? null;
  const [firstDay, lastDay] = options.days;
  const [row] = await sql<
    {
      counsellors: Omit<EngineCounsellorRow, 'load'>[];
      rules: string | null;
      exceptions: EngineExceptionRow[];
      busy: string | null;
      closed: string[];
      state: string | null;
    }[]
  >`
    with c as (
      select c.id, c.languages, c.channels from counsellors c
      join counsellor_topics ct on ct.counsellor_id = c.id and ct.topic_id = ${topicId}
      where ${bookableCounsellor(sql)} and (${only}::bigint is null or c.id = ${only}::bigint)
    ), b as (
      select a.counsellor_id, date_part('epoch', lower(a.blocked)) * 1000 as s, date_part('epoch', upper(a.blocked)) * 1000 as e,
             a.status in ('pending', 'booked') as active
      from appointments a
      where a.counsellor_id in (select id from c) and a.blocked && tstzrange(${from}, ${to})
        and a.status in ('pending', 'booked', 'held', 'no_show')
        and not (a.status = 'pending' and a.hold_until < ${at})
        and a.id <> ${options.exceptAppointment ?? 0}
      union all
      -- A time proposed to someone is held for them until they answer.
      select p.counsellor_id, date_part('epoch', lower(p.blocked)) * 1000, date_part('epoch', upper(p.blocked)) * 1000, false
      from appointment_proposals p
      where p.counsellor_id in (select id from c) and p.blocked && tstzrange(${from}, ${to})
        and p.appointment_id <> ${options.exceptAppointment ?? 0}
    )
    select
      (select coalesce(json_agg(c), '[]') from c) as counsellors,
      -- One rule per line, its fields comma-separated: far cheaper to build and parse than JSON.
      (select string_agg(concat_ws(',', r.counsellor_id, r.weekday, to_char(r.starts_at, 'HH24:MI'), to_char(r.ends_at, 'HH24:MI'),
          array_to_string(r.channels, ' '), coalesce(r.office_id, 0), r.valid_from, coalesce(r.valid_to::text, '')), E'\n')
        from availability_rules r
        where r.counsellor_id in (select id from c)
          and (r.valid_to is null or r.valid_to >= (${from}::timestamptz at time zone 'Europe/Berlin')::date)
          and r.valid_from <= (${to}::timestamptz at time zone 'Europe/Berlin')::date) as rules,
      (select coalesce(json_agg(json_build_object(
          'counsellor_id', x.counsellor_id, 'kind', x.kind,
          'starts', date_part('epoch', lower(x.period)) * 1000, 'ends', date_part('epoch', upper(x.period)) * 1000,
          'channels', x.channels, 'office_id', x.office_id)), '[]')
        from availability_exceptions x
        where x.counsellor_id in (select id from c) and x.period && tstzrange(${from}, ${to})) as exceptions,
      (select string_agg(concat_ws(',', b.counsellor_id, b.s::bigint, b.e::bigint, b.active::int), E'\n') from b) as busy,
      (select coalesce(json_agg(day::text), '[]') from closure_days where day between ${firstDay}::date and ${lastDay}::date) as closed,
      (select value->>'state' from app_meta where key = 'booking') as state`;
  const { counsellors, exceptions } = row!;
  // Rules and busy times come as lines of comma-separated fields: building JSON for
  // thousands of rows cost more than the whole slot computation (bench:slots).
  const rules: EngineRuleRow[] = (row!.rules ? row!.rules.split('\n') : []).map((line) => {
    const [counsellorId, weekday, startsAt, endsAt, channels, officeId, validFrom, validTo] = line.split(',');
    return {
      counsellor_id: Number(counsellorId),
      weekday: Number(weekday),
      starts_at: startsAt!,
      ends_at: endsAt!,
      channels: channels!.split(' ') as ChannelName[],
      office_id: Number(officeId) || null,
      valid_from: validFrom!,
      valid_to: validTo || null,
    };
  });
  const busy: EngineBusyRow[] = [];
  const load = new Map<number, number>();
  for (const line of row!.busy ? row!.busy.split('\n') : []) {
    const [counsellor, starts, ends, active] = line.split(',');
    const counsellorId = Number(counsellor);
    busy.push({ counsellor_id: counsellorId, starts: Number(starts), ends: Number(ends) });
    if (active === '1') load.set(counsellorId, (load.get(counsellorId) ?? 0) + 1);
  }
  return {
    counsellors: counsellors.map((c) => ({ ...c, load: load.get(c.id) ?? 0 })),
    rules,
    exceptions,
    busy,
    /** Extra closure days between the two local dates, and the Land whose holidays apply. */
    closed: row!.closed,
    state: row!.state,
  };
}

export async function bookingSettings(sql: Db): Promise<{ state?: string }> {
  const [row] = await sql<{ value: { state?: string } }[]>`select value from app_meta where key = 'booking'`;
  return row?.value ?? {};
}

export async function saveBookingSettings(sql: Db, value: { state: string }) {
  await sql`
    insert into app_meta (key, value) values ('booking', ${sql.json(value)})
    on conflict (key) do update set value = excluded.value, updated_at = now()`;
}

export interface NewAppointment {
  counsellor_id: number;
  topic_id: number;
  channel: ChannelName;
  office_id: number | null;
  starts: Date;
  ends: Date;
  blocked_until: Date;
  status: 'pending' | 'booked';
  hold_until: Date | null;
  language: string;
  locale: string;
  name: string;
  email: string | null;
  phone: string | null;
  message: string | null;
  manage_token_hash: string;
  confirm_token_hash: string | null;
  booked_by: number | null;
  reminder_sent_at: Date | null;
  /** A finished self-assessment the person agreed to show their counsellor. */
  assessment_id?: number | null;
  /** The offer the person asked about ("Beratung zu diesem Angebot"). */
  offer_id?: number | null;
}

export async function insertAppointment(sql: Db, a: NewAppointment): Promise<{ id: number }> {
  const [row] = await sql<{ id: number }[]>`
    insert into appointments (counsellor_id, topic_id, channel, office_id, period, blocked, status, hold_until,
      language, locale, name, email, phone, message, manage_token_hash, confirm_token_hash, booked_by, reminder_sent_at,
      assessment_id, assessment_shared_at, offer_id)
    values (${a.counsellor_id}, ${a.topic_id}, ${a.channel}, ${a.office_id}, tstzrange(${a.starts}, ${a.ends}),
      tstzrange(${a.starts}, ${a.blocked_until}), ${a.status}, ${a.hold_until}, ${a.language}, ${a.locale},
      ${a.name}, ${a.email}, ${a.phone}, ${a.message}, ${a.manage_token_hash}, ${a.confirm_token_hash}, ${a.booked_by}, ${a.reminder_sent_at},
      ${a.assessment_id ?? null}, ${a.assessment_id ? new Date() : null}, ${a.offer_id ?? null})
    returning id`;
  return row!;
}

/** Frees slots held by unconfirmed bookings whose time ran out (before the constraint sees them). */
export async function expireStaleHolds(
  sql: Db,
  at: Date,
  only?: { counsellorIds?: number[] },
): Promise<number> {
  const rows = await sql`
    update appointments set status = 'expired', ${endSharing(sql)}, updated_at = now()
    where status = 'pending' and hold_until < ${at}
      ${only?.counsellorIds ? sql`and counsellor_id = any(${only.counsellorIds})` : sql``}
    returning id`;
  return rows.length;
}

/**
 * One person, as far as a booking can tell: their e-mail address, or — when they gave
 * none — their phone number (digits and "+" only, so "0561 12 34" and "05611234" match).
 */
export type Contact = { email: string } | { phone: string };

export function normalPhone(phone: string): string {
  return phone.replace(/[^0-9+]/g, '');
}

function sameContact(sql: Db, contact: Contact) {
  return 'email' in contact
    ? sql`lower(email) = lower(${contact.email})`
    : sql`regexp_replace(phone, '[^0-9+]', '', 'g') = ${normalPhone(contact.phone)}`;
}

/** Appointments that still hold their time: booked, or pending within the hold. */
function holdsTime(sql: Db, at: Date) {
  return sql`(status = 'booked' or (status = 'pending' and hold_until >= ${at}))`;
}

/**
 * Serialises bookings per person (address or phone number) for the rest of the
 * transaction: the 3-bookings cap and the overlap check see each other's rows.
 */
export async function lockContact(sql: Db, contact: Contact) {
  const key = 'email' in contact ? contact.email.toLowerCase() : `tel:${normalPhone(contact.phone)}`;
  await sql`select pg_advisory_xact_lock(hashtextextended(${key}, 6))`;
}

export async function futureBookingsFor(sql: Db, contact: Contact, at: Date): Promise<number> {
  const [row] = await sql<{ n: number }[]>`
    select count(*)::int as n from appointments
    where ${sameContact(sql, contact)} and upper(period) > ${at} and ${holdsTime(sql, at)}`;
  return row!.n;
}

/** Whether the person already has an appointment that overlaps this time (leaving one out: a move). */
export async function overlapsFor(
  sql: Db,
  contact: Contact,
  period: { starts: Date; ends: Date },
  at: Date,
  exceptAppointment?: number,
): Promise<boolean> {
  const [row] = await sql<{ n: number }[]>`
    select count(*)::int as n from appointments
    where ${sameContact(sql, contact)} and period && tstzrange(${period.starts}, ${period.ends})
      and ${holdsTime(sql, at)} and id <> ${exceptAppointment ?? 0}`;
  return row!.n > 0;
}

export interface AppointmentRow {
  id: number;
  uid: string;
  counsellor_id: number;
  topic_id: number;
  topic_slug: string;
  topic_name: Record<string, string>;
  channel: ChannelName;
  office_id: number | null;
  office_name: string | null;
  office_address: string | null;
  starts: Date;
  ends: Date;
  status: AppointmentStatus;
  hold_until: Date | null;
  language: string;
  locale: string;
  name: string | null;
  email: string | null;
  phone: string | null;
  message: string | null;
  sequence: number;
  cancel_reason: string | null;
  cancelled_by: 'person' | 'counsellor' | 'system' | null;
  reminder_sent_at: Date | null;
  confirm_token_hash: string | null;
  erased_at: Date | null;
  /** Set while the person consents to show their self-assessment to the counsellor. */
  assessment_id: number | null;
  /** The offer the booking is about, and its title (null once the offer is gone). */
  offer_id: number | null;
  offer_title: string | null;
  /** What happened that the counsellor hasn't seen yet (null once they opened it). */
  counsellor_notice: CounsellorNotice | null;
}

export type CounsellorNotice =
  | 'booked'
  | 'moved'
  | 'cancelled'
  | 'assigned'
  | 'proposal_accepted'
  | 'proposal_declined';

const appointmentColumns = (sql: Db) => sql`
  a.id, a.uid, a.counsellor_id, a.topic_id, t.slug as topic_slug, t.name as topic_name, a.channel, a.office_id,
  o.name as office_name, case when o.id is null then null else o.street || ', ' || o.postcode || ' ' || o.city end as office_address,
  lower(a.period) as starts, upper(a.period) as ends, a.status, a.hold_until, a.language, a.locale,
  a.name, a.email, a.phone, a.message, a.sequence, a.cancel_reason, a.cancelled_by,
  a.reminder_sent_at, a.confirm_token_hash, a.erased_at, a.assessment_id, a.offer_id, f.title as offer_title,
  a.counsellor_notice`;

const appointmentJoins = (sql: Db) => sql`
  from appointments a
  join counselling_topics t on t.id = a.topic_id
  left join offices o on o.id = a.office_id
  left join offers f on f.id = a.offer_id`;

export async function appointmentByTokenHash(
  sql: Db,
  hash: string,
  options: { lock?: boolean } = {},
): Promise<AppointmentRow | undefined> {
  const [row] = await sql<AppointmentRow[]>`
    select ${appointmentColumns(sql)} ${appointmentJoins(sql)}
    where a.manage_token_hash = ${hash}
       or a.id = (select appointment_id from appointment_links where token_hash = ${hash})
    ${options.lock ? sql`for update of a` : sql``}`;
  return row;
}

export async function appointmentById(
  sql: Db,
  id: number,
  options: { lock?: boolean } = {},
): Promise<AppointmentRow | undefined> {
  const [row] = await sql<AppointmentRow[]>`
    select ${appointmentColumns(sql)} ${appointmentJoins(sql)}
    where a.id = ${id}
    ${options.lock ? sql`for update of a` : sql``}`;
  return row;
}

/** An appointment as the agenda lists it, with what the counsellor should notice. */
export interface AgendaRow extends AppointmentRow {
  /** The person agreed to show their self-assessment (and hasn't withdrawn). */
  shared: boolean;
  /** Still booked although its counsellor is away or the office closed that day. */
  conflict: 'absence' | 'closure' | null;
  /** A new time proposed to the person, not yet answered. */
  proposal_starts: Date | null;
  proposal_ends: Date | null;
}

const agendaExtras = (sql: Db) => sql`
  a.assessment_id is not null as shared,
  case when a.status not in ('booked', 'pending') then null
       when exists (select 1 from availability_exceptions x
                    where x.counsellor_id = a.counsellor_id and x.kind = 'absence' and x.period && a.period) then 'absence'
       when exists (select 1 from closure_days d
                    where d.day = (lower(a.period) at time zone 'Europe/Berlin')::date) then 'closure'
  end as conflict,
  lower(p.period) as proposal_starts, upper(p.period) as proposal_ends`;

export async function counsellorAgenda(
  sql: Db,
  counsellorId: number,
  from: Date,
  to: Date,
): Promise<AgendaRow[]> {
  return sql<AgendaRow[]>`
    select ${appointmentColumns(sql)}, ${agendaExtras(sql)} ${appointmentJoins(sql)}
    left join appointment_proposals p on p.appointment_id = a.id
    where a.counsellor_id = ${counsellorId} and a.period && tstzrange(${from}, ${to})
      and a.status <> 'expired'
    order by lower(a.period), a.id`;
}

/** One appointment with the agenda's extras (conflict, open proposal, sharing). */
export async function agendaRowById(sql: Db, id: number): Promise<AgendaRow | undefined> {
  const [row] = await sql<AgendaRow[]>`
    select ${appointmentColumns(sql)}, ${agendaExtras(sql)} ${appointmentJoins(sql)}
    left join appointment_proposals p on p.appointment_id = a.id
    where a.id = ${id}`;
  return row;
}

/**
 * What needs the counsellor's eye wherever it is in the calendar: appointments with a
 * notice not yet seen, and future ones still booked into an absence or a closure day.
 */
export async function counsellorAttention(sql: Db, counsellorId: number, at: Date): Promise<AgendaRow[]> {
  return sql<AgendaRow[]>`
    select * from (
      select ${appointmentColumns(sql)}, ${agendaExtras(sql)} ${appointmentJoins(sql)}
      left join appointment_proposals p on p.appointment_id = a.id
      where a.counsellor_id = ${counsellorId} and a.status <> 'expired'
        and (a.counsellor_notice is not null or (upper(a.period) > ${at} and a.status in ('booked', 'pending')))
    ) x
    where x.counsellor_notice is not null or x.conflict is not null
    order by x.starts, x.id
    limit 200`;
}

/** The counsellor's appointments whose person's name contains the text (personal data not yet erased). */
export async function searchCounsellorAppointments(
  sql: Db,
  counsellorId: number,
  text: string,
): Promise<AgendaRow[]> {
  const pattern = `%${text.replace(/[%_\\]/g, '\\$&')}%`;
  return sql<AgendaRow[]>`
    select ${appointmentColumns(sql)}, ${agendaExtras(sql)} ${appointmentJoins(sql)}
    left join appointment_proposals p on p.appointment_id = a.id
    where a.counsellor_id = ${counsellorId} and a.erased_at is null and a.status <> 'expired'
      and a.name ilike ${pattern}
    order by lower(a.period) desc, a.id
    limit 100`;
}

/** The counsellor's absences that touch a period, for the agenda. */
export async function absencesBetween(sql: Db, counsellorId: number, from: Date, to: Date) {
  return sql<{ id: number; starts: Date; ends: Date; note: string | null }[]>`
    select id, lower(period) as starts, upper(period) as ends, note from availability_exceptions
    where counsellor_id = ${counsellorId} and kind = 'absence' and period && tstzrange(${from}, ${to})
    order by lower(period)`;
}

export async function closureDaysBetween(sql: Db, first: string, last: string) {
  return sql<{ day: string; name: string }[]>`
    select day::text, name from closure_days where day between ${first}::date and ${last}::date order by day`;
}

export async function moveAppointmentRow(
  sql: Db,
  id: number,
  to: { counsellor_id: number; starts: Date; ends: Date; blocked_until: Date; reminder_sent_at: Date | null },
) {
  await sql`
    update appointments set counsellor_id = ${to.counsellor_id}, period = tstzrange(${to.starts}, ${to.ends}),
      blocked = tstzrange(${to.starts}, ${to.blocked_until}), sequence = sequence + 1,
      reminder_sent_at = ${to.reminder_sent_at}, updated_at = now()
    where id = ${id}`;
}

/**
 * An appointment that no longer takes place shares nothing: its consent to show the
 * self-assessment ends like a withdrawal (the counsellor's page stops showing it).
 */
function endSharing(sql: Db) {
  return sql`assessment_withdrawn_at = case when assessment_id is null then assessment_withdrawn_at else now() end,
    assessment_id = null`;
}

export async function setAppointmentStatus(
  sql: Db,
  id: number,
  status: AppointmentStatus,
  extra: {
    cancelReason?: string | null;
    cancelledBy?: 'person' | 'counsellor' | 'system';
    bumpSequence?: boolean;
  } = {},
) {
  const ends = status === 'cancelled' || status === 'expired';
  await sql`
    update appointments set status = ${status},
      ${ends ? sql`${endSharing(sql)},` : sql``}
      cancel_reason = coalesce(${extra.cancelReason ?? null}, cancel_reason),
      cancelled_by = coalesce(${extra.cancelledBy ?? null}, cancelled_by),
      hold_until = case when ${status} = 'pending' then hold_until else null end,
      sequence = sequence + ${extra.bumpSequence ? 1 : 0}, updated_at = now()
    where id = ${id}`;
}

/**
 * Claims the reminders now due (start within 24 h, not yet reminded, still booked) in
 * one statement: each is marked sent as it is picked, so two workers never both send it.
 */
export async function claimDueReminders(sql: Db, at: Date, limit = 200): Promise<{ id: number }[]> {
  return sql<{ id: number }[]>`
    update appointments set reminder_sent_at = ${at}
    where id in (
      select id from appointments
      where status = 'booked' and reminder_sent_at is null
        and lower(period) > ${at} and lower(period) <= ${at}::timestamptz + interval '24 hours'
      order by lower(period) limit ${limit}
      for update skip locked)
    returning id`;
}

/** Empties the personal fields of appointments that ended more than `days` ago; the row stays as a count. */
export async function erasePersonalData(sql: Db, days: number, at: Date): Promise<number> {
  const rows = await sql`
    update appointments set name = null, email = null, phone = null, message = null, cancel_reason = null,
      assessment_id = null, erased_at = now(), updated_at = now()
    where erased_at is null and upper(period) < ${at}::timestamptz - make_interval(days => ${days})
    returning id`;
  return rows.length;
}

export interface CounsellorProfileRow {
  id: number;
  display_name: string;
  languages: string[];
  channels: ChannelName[];
  topic_ids: number[];
  office_ids: number[];
}

export async function counsellorForUser(sql: Db, userId: number): Promise<CounsellorProfileRow | undefined> {
  const [row] = await sql<CounsellorProfileRow[]>`
    select c.id, c.display_name, c.languages, c.channels,
      coalesce((select array_agg(topic_id order by topic_id) from counsellor_topics where counsellor_id = c.id), '{}') as topic_ids,
      coalesce((select array_agg(office_id order by office_id) from counsellor_offices where counsellor_id = c.id), '{}') as office_ids
    from counsellors c where c.user_id = ${userId} and c.active`;
  return row;
}

// ---- the check-your-answers step ----------------------------------------------------------

export interface DraftRow<T> {
  id: number;
  data: T;
  proof: 'verified' | 'none';
  expires_at: Date;
}

export async function insertDraft<T>(
  sql: Db,
  draft: { token_hash: string; data: T; proof: 'verified' | 'none'; expires_at: Date },
): Promise<void> {
  await sql`
    insert into booking_drafts (token_hash, data, proof, expires_at)
    values (${draft.token_hash}, ${sql.json(draft.data as never)}, ${draft.proof}, ${draft.expires_at})`;
}

/** A draft that has not run out; `lock` holds it for the booking that spends it. */
export async function draftByTokenHash<T>(
  sql: Db,
  hash: string,
  at: Date,
  options: { lock?: boolean } = {},
): Promise<DraftRow<T> | undefined> {
  const [row] = await sql<DraftRow<T>[]>`
    select id, data, proof, expires_at from booking_drafts
    where token_hash = ${hash} and expires_at > ${at}
    ${options.lock ? sql`for update` : sql``}`;
  return row;
}

/** Whether the draft was still there (a booking spends it once). */
export async function deleteDraft(sql: Db, id: number): Promise<boolean> {
  const rows = await sql`delete from booking_drafts where id = ${id} returning id`;
  return rows.length > 0;
}

export async function deleteDraftByTokenHash(sql: Db, hash: string) {
  await sql`delete from booking_drafts where token_hash = ${hash}`;
}

/** Drafts nobody booked: their personal data goes when they run out. */
export async function purgeExpiredDrafts(sql: Db, at: Date): Promise<number> {
  const rows = await sql`delete from booking_drafts where expires_at <= ${at} returning id`;
  return rows.length;
}

// ---- "Beratung zu diesem Angebot" --------------------------------------------------------

export interface OfferAboutRow {
  id: number;
  title: string;
  category: string;
}

/** A published offer of an approved provider, which a booking may be about. */
export async function offerForBooking(sql: Db, id: number): Promise<OfferAboutRow | undefined> {
  const [row] = await sql<OfferAboutRow[]>`
    select o.id, o.title, o.category from offers o join providers p on p.id = o.provider_id
    where o.id = ${id} and o.status = 'published' and p.status = 'approved'`;
  return row;
}

// ---- staff: locks, who is free, hand-overs, proposals, notices --------------------------

/**
 * Serialises everything that gives away a counsellor's time — bookings, moves, hand-overs,
 * proposals, absences — per counsellor for the rest of the transaction. The exclusion
 * constraint keeps appointments apart; this lock also keeps them out of absences and
 * proposed times, which live in other tables. Always taken in id order (no deadlock).
 */
export async function lockCounsellors(sql: Db, ids: readonly number[]) {
  for (const id of [...new Set(ids)].sort((a, b) => a - b))
    await sql`select pg_advisory_xact_lock(hashtextextended(${`counsellor:${id}`}, 7))`;
}

/** Closure days close everyone: bookings share this lock, adding a closure day takes it alone. */
export async function lockClosures(sql: Db, mode: 'shared' | 'exclusive') {
  if (mode === 'shared') await sql`select pg_advisory_xact_lock_shared(hashtextextended('closure_days', 7))`;
  else await sql`select pg_advisory_xact_lock(hashtextextended('closure_days', 7))`;
}

/**
 * Under the counsellor's lock: whether they can take this time — bookable, not away, no
 * time proposed to someone else in it, not a closure day. (Other appointments are the
 * exclusion constraint's business.)
 */
export async function counsellorFree(
  sql: Db,
  counsellorId: number,
  period: { starts: Date; ends: Date; blockedUntil: Date },
  exceptAppointment?: number,
  options: { appointments?: boolean } = {},
): Promise<boolean> {
  // A proposal has no constraint against appointments: then they are checked here too.
  const appointments = options.appointments
    ? sql`and not exists (select 1 from appointments a where a.counsellor_id = ${counsellorId}
            and a.status in ('pending', 'booked', 'held', 'no_show') and not (a.status = 'pending' and a.hold_until < now())
            and a.blocked && tstzrange(${period.starts}, ${period.blockedUntil}) and a.id <> ${exceptAppointment ?? 0})`
    : sql``;
  const [row] = await sql<{ free: boolean }[]>`
    select exists (select 1 from counsellors c where c.id = ${counsellorId} and ${bookableCounsellor(sql)})
      and not exists (select 1 from availability_exceptions x where x.counsellor_id = ${counsellorId}
                      and x.kind = 'absence' and x.period && tstzrange(${period.starts}, ${period.ends}))
      and not exists (select 1 from appointment_proposals p where p.counsellor_id = ${counsellorId}
                      and p.blocked && tstzrange(${period.starts}, ${period.blockedUntil})
                      and p.appointment_id <> ${exceptAppointment ?? 0})
      and not exists (select 1 from closure_days d where d.day = (${period.starts}::timestamptz at time zone 'Europe/Berlin')::date)
      ${appointments}
      as free`;
  return row!.free;
}

/** Gives the appointment to another counsellor (same time): the calendar file changes, so SEQUENCE rises. */
export async function assignAppointmentRow(sql: Db, id: number, counsellorId: number) {
  await sql`
    update appointments set counsellor_id = ${counsellorId}, sequence = sequence + 1, updated_at = now()
    where id = ${id}`;
}

export async function insertAppointmentLink(sql: Db, appointmentId: number, tokenHash: string) {
  await sql`insert into appointment_links (token_hash, appointment_id) values (${tokenHash}, ${appointmentId})`;
}

/** Marks the appointment for its counsellor's agenda (null: seen). */
export async function setCounsellorNotice(sql: Db, id: number, notice: CounsellorNotice | null) {
  await sql`update appointments set counsellor_notice = ${notice} where id = ${id}`;
}

/** The counsellor saw them: only their own appointments, only those given. */
export async function clearCounsellorNotices(sql: Db, counsellorId: number, ids?: readonly number[]) {
  await sql`
    update appointments set counsellor_notice = null
    where counsellor_id = ${counsellorId} and counsellor_notice is not null
      ${ids ? sql`and id = any(${ids as number[]})` : sql``}`;
}

export interface ProposalRow {
  id: number;
  appointment_id: number;
  counsellor_id: number;
  starts: Date;
  ends: Date;
  blocked_until: Date;
}

export async function insertProposal(
  sql: Db,
  p: {
    appointmentId: number;
    counsellorId: number;
    starts: Date;
    ends: Date;
    blockedUntil: Date;
    by: number | null;
  },
) {
  await sql`
    insert into appointment_proposals (appointment_id, counsellor_id, period, blocked, proposed_by)
    values (${p.appointmentId}, ${p.counsellorId}, tstzrange(${p.starts}, ${p.ends}),
            tstzrange(${p.starts}, ${p.blockedUntil}), ${p.by})`;
}

export async function proposalOf(
  sql: Db,
  appointmentId: number,
  options: { lock?: boolean } = {},
): Promise<ProposalRow | undefined> {
  const [row] = await sql<ProposalRow[]>`
    select id, appointment_id, counsellor_id, lower(period) as starts, upper(period) as ends,
           upper(blocked) as blocked_until
    from appointment_proposals where appointment_id = ${appointmentId}
    ${options.lock ? sql`for update` : sql``}`;
  return row;
}

/** Whether there was one: a proposal ends when answered, or when the appointment changes otherwise. */
export async function deleteProposal(sql: Db, appointmentId: number): Promise<boolean> {
  const rows =
    await sql`delete from appointment_proposals where appointment_id = ${appointmentId} returning id`;
  return rows.length > 0;
}

/**
 * Active appointments a new absence of the counsellor (or a closure day: every
 * counsellor) would leave without their counsellor, locked for the change that resolves
 * them, oldest first.
 */
export async function coveredAppointments(
  sql: Db,
  cover: { counsellorId: number; starts: Date; ends: Date } | { day: string },
  at: Date,
  options: { lock?: boolean } = {},
): Promise<AppointmentRow[]> {
  return sql<AppointmentRow[]>`
    select ${appointmentColumns(sql)} ${appointmentJoins(sql)}
    where (a.status = 'booked' or (a.status = 'pending' and a.hold_until >= ${at})) and upper(a.period) > ${at}
      and ${
        'day' in cover
          ? sql`(lower(a.period) at time zone 'Europe/Berlin')::date = ${cover.day}::date`
          : sql`a.counsellor_id = ${cover.counsellorId} and a.period && tstzrange(${cover.starts}, ${cover.ends})`
      }
    order by lower(a.period), a.id
    ${options.lock ? sql`for update of a` : sql``}`;
}

export interface CounsellorContactRow {
  id: number;
  display_name: string;
  user_id: number | null;
  email: string | null;
  locale: string;
}

/** Where to tell a counsellor about their appointments: their account's address and language. */
export async function counsellorContact(
  sql: Db,
  counsellorId: number,
): Promise<CounsellorContactRow | undefined> {
  const [row] = await sql<CounsellorContactRow[]>`
    select c.id, c.display_name, c.user_id,
           case when u.status = 'active' then u.email end as email, coalesce(u.locale, 'de') as locale
    from counsellors c left join users u on u.id = c.user_id
    where c.id = ${counsellorId}`;
  return row;
}

export async function counsellorNames(sql: Db, ids: readonly number[]): Promise<Map<number, string>> {
  if (ids.length === 0) return new Map();
  const rows = await sql<{ id: number; display_name: string }[]>`
    select id, display_name from counsellors where id = any(${[...new Set(ids)]})`;
  return new Map(rows.map((r) => [r.id, r.display_name]));
}
