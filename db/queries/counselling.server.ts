import type { Db } from '../client.server';
import { bookableCounsellor } from './booking.server';

export interface OfficeRow {
  id: number;
  slug: string;
  name: string;
  street: string;
  postcode: string;
  city: string;
  accessible: boolean;
  accessibility_note: string | null;
  opening_hours: Record<string, [string, string][]>;
  phone: string | null;
  email: string | null;
  /** Offered in the booking (the directory lists every office). */
  active: boolean;
}

export async function listOffices(sql: Db): Promise<OfficeRow[]> {
  return sql<OfficeRow[]>`
    select id, slug, name, street, postcode, city, accessible, accessibility_note, opening_hours, phone, email, active
    from offices order by id`;
}

/** The languages bookable counsellors speak (ISO codes), most common first. */
export async function counsellingLanguages(sql: Db): Promise<string[]> {
  const rows = await sql<{ language: string }[]>`
    select l as language from counsellors c, unnest(c.languages) l
    where ${bookableCounsellor(sql)} group by l order by count(*) desc, l`;
  return rows.map((r) => r.language);
}

export async function categoryCounts(sql: Db, today: string): Promise<{ category: string; n: number }[]> {
  return sql<{ category: string; n: number }[]>`
    select category, count(distinct offer_id)::int as n
    from search_runs where coalesce(ends_on, starts_on, ${today}::date) >= ${today}::date
    group by category`;
}

// ---- the office's overview of counsellors and appointments --------------------------------

export interface CounsellorOverviewRow {
  id: number;
  display_name: string;
  active: boolean;
  languages: string[];
  channels: string[];
  topic_ids: number[];
  office_ids: number[];
  user_id: number | null;
  email: string | null;
  account_status: 'active' | 'disabled' | 'deleted' | null;
  enrolled: boolean;
  bookable: boolean;
  /** Active appointments in the week asked for. */
  load: number;
  /** Future active appointments (which nobody sees while the profile has no usable account). */
  upcoming: number;
  open_request: boolean;
}

export async function counsellorsOverview(
  sql: Db,
  week: { from: Date; to: Date },
  at: Date,
  only?: number,
): Promise<CounsellorOverviewRow[]> {
  return sql<CounsellorOverviewRow[]>`
    select c.id, c.display_name, c.active, c.languages, c.channels,
      coalesce((select array_agg(topic_id order by topic_id) from counsellor_topics where counsellor_id = c.id), '{}') as topic_ids,
      coalesce((select array_agg(office_id order by office_id) from counsellor_offices where counsellor_id = c.id), '{}') as office_ids,
      c.user_id, u.email, u.status as account_status, coalesce(u.totp_enabled_at is not null, false) as enrolled,
      ${bookableCounsellor(sql)} as bookable,
      (select count(*)::int from appointments a where a.counsellor_id = c.id
         and a.status in ('pending', 'booked', 'held', 'no_show') and a.period && tstzrange(${week.from}, ${week.to})) as load,
      (select count(*)::int from appointments a where a.counsellor_id = c.id
         and a.status in ('pending', 'booked') and upper(a.period) > ${at}) as upcoming,
      exists (select 1 from counsellor_change_requests r where r.counsellor_id = c.id and r.status = 'open') as open_request
    from counsellors c left join users u on u.id = c.user_id
    where ${only === undefined ? sql`true` : sql`c.id = ${only}`}
    order by ${bookableCounsellor(sql)}, c.display_name, c.id`;
}

/** Counsellor accounts no profile is linked to yet: candidates for linking. */
export async function counsellorAccountsWithoutProfile(sql: Db) {
  return sql<{ id: number; email: string; display_name: string | null; enrolled: boolean }[]>`
    select u.id, u.email, u.display_name, u.totp_enabled_at is not null as enrolled
    from users u
    where u.role = 'counsellor' and u.status = 'active'
      and not exists (select 1 from counsellors c where c.user_id = u.id)
    order by u.display_name, u.email`;
}

/** Links a profile without an account to a counsellor account without a profile; false if either is taken. */
export async function linkProfileToAccount(sql: Db, counsellorId: number, userId: number): Promise<boolean> {
  const rows = await sql`
    update counsellors set user_id = ${userId}
    where id = ${counsellorId} and user_id is null
      and exists (select 1 from users u where u.id = ${userId} and u.role = 'counsellor' and u.status = 'active')
      and not exists (select 1 from counsellors c2 where c2.user_id = ${userId})
    returning id`;
  return rows.length > 0;
}

export async function setCounsellorActive(sql: Db, counsellorId: number, active: boolean) {
  await sql`update counsellors set active = ${active} where id = ${counsellorId}`;
}

/** What the coordinator's list shows of an appointment: no name, no contact (need-to-know). */
export interface OfficeAppointmentRow {
  id: number;
  starts: Date;
  ends: Date;
  topic_name: Record<string, string>;
  channel: string;
  office_id: number | null;
  office_name: string | null;
  counsellor_id: number;
  counsellor_name: string;
  status: string;
  language: string;
  bookable: boolean;
  conflict: 'absence' | 'closure' | null;
  proposed: boolean;
}

export async function appointmentsForOffice(
  sql: Db,
  f: { from: Date; to: Date; officeId?: number; counsellorId?: number; status?: string },
): Promise<OfficeAppointmentRow[]> {
  return sql<OfficeAppointmentRow[]>`
    select a.id, lower(a.period) as starts, upper(a.period) as ends, t.name as topic_name, a.channel,
      a.office_id, o.name as office_name, a.counsellor_id, c.display_name as counsellor_name, a.status, a.language,
      ${bookableCounsellor(sql)} as bookable,
      case when a.status not in ('booked', 'pending') then null
           when exists (select 1 from availability_exceptions x
                        where x.counsellor_id = a.counsellor_id and x.kind = 'absence' and x.period && a.period) then 'absence'
           when exists (select 1 from closure_days d
                        where d.day = (lower(a.period) at time zone 'Europe/Berlin')::date) then 'closure'
      end as conflict,
      exists (select 1 from appointment_proposals p where p.appointment_id = a.id) as proposed
    from appointments a
    join counselling_topics t on t.id = a.topic_id
    join counsellors c on c.id = a.counsellor_id
    left join offices o on o.id = a.office_id
    where a.period && tstzrange(${f.from}, ${f.to}) and a.status <> 'expired'
      ${f.officeId ? sql`and a.office_id = ${f.officeId}` : sql``}
      ${f.counsellorId ? sql`and a.counsellor_id = ${f.counsellorId}` : sql``}
      ${f.status ? sql`and a.status = ${f.status}` : sql``}
    order by lower(a.period), a.id
    limit 500`;
}

/** The answers of the self-assessment an appointment shares (finished, consent standing), to recommend from. */
export async function sharedAnswersOf(sql: Db, appointmentId: number) {
  const [row] = await sql<{ version: number; answers: Record<string, unknown> }[]>`
    select s.version, s.answers
    from appointments a join assessments s on s.id = a.assessment_id
    where a.id = ${appointmentId} and s.finished_at is not null`;
  return row;
}

/** Locks a counsellor profile's row for the rest of the transaction; false when there is none. */
export async function lockCounsellorProfile(sql: Db, id: number): Promise<boolean> {
  const [row] = await sql`select 1 from counsellors where id = ${id} for update`;
  return Boolean(row);
}
