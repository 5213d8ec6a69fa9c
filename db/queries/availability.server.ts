import type { Db } from '../client.server';
import type { ChannelName } from './booking.server';

/** SQL for counsellors' own set-up (profile, weekly rules, exceptions) and the admins' counselling set-up. */

export interface RuleRow {
  id: number;
  weekday: number;
  starts_at: string;
  ends_at: string;
  channels: ChannelName[];
  office_id: number | null;
  office_name: string | null;
  valid_from: string;
  valid_to: string | null;
}

export async function rulesOf(sql: Db, counsellorId: number): Promise<RuleRow[]> {
  return sql<RuleRow[]>`
    select r.id, r.weekday, to_char(r.starts_at, 'HH24:MI') as starts_at, to_char(r.ends_at, 'HH24:MI') as ends_at,
           r.channels, r.office_id, o.name as office_name, r.valid_from::text, r.valid_to::text
    from availability_rules r left join offices o on o.id = r.office_id
    where r.counsellor_id = ${counsellorId}
    order by r.weekday, r.starts_at, r.id`;
}

export async function insertRule(
  sql: Db,
  counsellorId: number,
  rule: {
    weekday: number;
    startsAt: string;
    endsAt: string;
    channels: ChannelName[];
    officeId: number | null;
    validFrom: string;
    validTo: string | null;
  },
): Promise<number> {
  const [row] = await sql<{ id: number }[]>`
    insert into availability_rules (counsellor_id, weekday, starts_at, ends_at, channels, office_id, valid_from, valid_to)
    values (${counsellorId}, ${rule.weekday}, ${rule.startsAt}, ${rule.endsAt}, ${rule.channels}, ${rule.officeId},
            ${rule.validFrom}, ${rule.validTo})
    returning id`;
  return row!.id;
}

/** Deletes only the counsellor's own rule; returns whether there was one. */
export async function deleteRule(sql: Db, counsellorId: number, id: number): Promise<boolean> {
  const rows =
    await sql`delete from availability_rules where id = ${id} and counsellor_id = ${counsellorId} returning id`;
  return rows.length > 0;
}

export interface ExceptionRow {
  id: number;
  kind: 'absence' | 'extra';
  starts: Date;
  ends: Date;
  channels: ChannelName[];
  office_name: string | null;
  note: string | null;
}

export async function exceptionsOf(sql: Db, counsellorId: number, from: Date): Promise<ExceptionRow[]> {
  return sql<ExceptionRow[]>`
    select e.id, e.kind, lower(e.period) as starts, upper(e.period) as ends, e.channels, o.name as office_name, e.note
    from availability_exceptions e left join offices o on o.id = e.office_id
    where e.counsellor_id = ${counsellorId} and upper(e.period) > ${from}
    order by lower(e.period), e.id`;
}

export async function insertException(
  sql: Db,
  counsellorId: number,
  e: {
    kind: 'absence' | 'extra';
    starts: Date;
    ends: Date;
    channels: ChannelName[];
    officeId: number | null;
    note: string | null;
  },
): Promise<number> {
  const [row] = await sql<{ id: number }[]>`
    insert into availability_exceptions (counsellor_id, kind, period, channels, office_id, note)
    values (${counsellorId}, ${e.kind}, tstzrange(${e.starts}, ${e.ends}), ${e.channels}, ${e.officeId}, ${e.note})
    returning id`;
  return row!.id;
}

export async function deleteException(sql: Db, counsellorId: number, id: number): Promise<boolean> {
  const rows = await sql`
    delete from availability_exceptions where id = ${id} and counsellor_id = ${counsellorId} returning id`;
  return rows.length > 0;
}

/** The counsellor's own part of their profile. */
export async function saveCounsellorLanguages(
  sql: Db,
  counsellorId: number,
  p: { languages: string[]; channels: ChannelName[] },
) {
  await sql`update counsellors set languages = ${p.languages}, channels = ${p.channels} where id = ${counsellorId}`;
}

/** The whole profile, as an admin sets it. */
export async function saveCounsellorProfile(
  sql: Db,
  counsellorId: number,
  p: { languages: string[]; channels: ChannelName[]; topicIds: number[]; officeIds: number[] },
) {
  await sql`update counsellors set languages = ${p.languages}, channels = ${p.channels} where id = ${counsellorId}`;
  await sql`delete from counsellor_topics where counsellor_id = ${counsellorId}`;
  if (p.topicIds.length)
    await sql`insert into counsellor_topics ${sql(p.topicIds.map((topic_id) => ({ counsellor_id: counsellorId, topic_id })))}`;
  await sql`delete from counsellor_offices where counsellor_id = ${counsellorId}`;
  if (p.officeIds.length)
    await sql`insert into counsellor_offices ${sql(p.officeIds.map((office_id) => ({ counsellor_id: counsellorId, office_id })))}`;
}

export async function updateTopic(
  sql: Db,
  id: number,
  t: {
    slotMinutes: number;
    bufferMinutes: number;
    minNoticeMinutes: number;
    windowDays: number;
    channels: ChannelName[];
    active: boolean;
  },
): Promise<boolean> {
  const rows = await sql`
    update counselling_topics set slot_minutes = ${t.slotMinutes}, buffer_minutes = ${t.bufferMinutes},
      min_notice_minutes = ${t.minNoticeMinutes}, window_days = ${t.windowDays}, channels = ${t.channels}, active = ${t.active}
    where id = ${id} returning id`;
  return rows.length > 0;
}

export async function insertTopic(
  sql: Db,
  t: { slug: string; name: string; description: string; slotMinutes: number; bufferMinutes: number },
) {
  await sql`
    insert into counselling_topics (slug, name, description, slot_minutes, buffer_minutes, sort_order)
    values (${t.slug}, ${sql.json({ de: t.name })}, ${sql.json({ de: t.description })}, ${t.slotMinutes}, ${t.bufferMinutes},
            (select coalesce(max(sort_order), 0) + 1 from counselling_topics))`;
}

export async function upsertOffice(
  sql: Db,
  id: number | null,
  o: {
    slug: string;
    name: string;
    street: string;
    postcode: string;
    city: string;
    accessible: boolean;
    accessibilityNote: string | null;
    openingHours: Record<string, [string, string][]>;
    phone: string | null;
    email: string | null;
    active: boolean;
  },
): Promise<boolean> {
  if (id === null) {
    await sql`
      insert into offices (slug, name, street, postcode, city, accessible, accessibility_note, opening_hours, phone, email, active)
      values (${o.slug}, ${o.name}, ${o.street}, ${o.postcode}, ${o.city}, ${o.accessible}, ${o.accessibilityNote},
              ${sql.json(o.openingHours)}, ${o.phone}, ${o.email}, ${o.active})`;
    return true;
  }
  const rows = await sql`
    update offices set name = ${o.name}, street = ${o.street}, postcode = ${o.postcode}, city = ${o.city},
      accessible = ${o.accessible}, accessibility_note = ${o.accessibilityNote}, opening_hours = ${sql.json(o.openingHours)},
      phone = ${o.phone}, email = ${o.email}, active = ${o.active}
    where id = ${id} returning id`;
  return rows.length > 0;
}

export async function allClosureDays(sql: Db, from: string): Promise<{ day: string; name: string }[]> {
  return sql<
    { day: string; name: string }[]
  >`select day::text, name from closure_days where day >= ${from}::date order by day`;
}

export async function insertClosureDay(sql: Db, day: string, name: string) {
  await sql`insert into closure_days (day, name) values (${day}, ${name}) on conflict (day) do update set name = excluded.name`;
}

export async function deleteClosureDay(sql: Db, day: string) {
  await sql`delete from closure_days where day = ${day}::date`;
}

/** Anonymised figures for planning: appointments per topic, channel and state (kept after erasure). */
export async function appointmentCounts(sql: Db, from: Date, to: Date) {
  return sql<{ topic: string; channel: ChannelName; status: string; n: number }[]>`
    select t.slug as topic, a.channel, a.status, count(*)::int as n
    from appointments a join counselling_topics t on t.id = a.topic_id
    where a.period && tstzrange(${from}, ${to})
    group by t.slug, a.channel, a.status order by t.slug, a.channel, a.status`;
}

// ---- requests for other topics or offices -------------------------------------------------

export interface ChangeRequestRow {
  id: number;
  counsellor_id: number;
  topic_ids: number[];
  office_ids: number[];
  note: string | null;
  created_at: Date;
}

export async function openChangeRequestOf(
  sql: Db,
  counsellorId: number,
): Promise<ChangeRequestRow | undefined> {
  const [row] = await sql<ChangeRequestRow[]>`
    select id, counsellor_id, topic_ids, office_ids, note, created_at from counsellor_change_requests
    where counsellor_id = ${counsellorId} and status = 'open'`;
  return row;
}

export async function openChangeRequests(sql: Db): Promise<ChangeRequestRow[]> {
  return sql<ChangeRequestRow[]>`
    select id, counsellor_id, topic_ids, office_ids, note, created_at from counsellor_change_requests
    where status = 'open' order by created_at`;
}

/** A new open request, replacing the counsellor's open one. */
export async function upsertChangeRequest(
  sql: Db,
  counsellorId: number,
  r: { topicIds: number[]; officeIds: number[]; note: string | null; by: number },
): Promise<number> {
  const [row] = await sql<{ id: number }[]>`
    insert into counsellor_change_requests (counsellor_id, topic_ids, office_ids, note, requested_by)
    values (${counsellorId}, ${r.topicIds}, ${r.officeIds}, ${r.note}, ${r.by})
    on conflict (counsellor_id) where status = 'open'
    do update set topic_ids = excluded.topic_ids, office_ids = excluded.office_ids, note = excluded.note,
      requested_by = excluded.requested_by, created_at = now()
    returning id`;
  return row!.id;
}

/** Decides an open request (locked by the update); returns it when it was open. */
export async function decideChangeRequest(
  sql: Db,
  id: number,
  decision: { status: 'approved' | 'rejected'; by: number; note: string | null },
): Promise<ChangeRequestRow | undefined> {
  const [row] = await sql<ChangeRequestRow[]>`
    update counsellor_change_requests
    set status = ${decision.status}, decided_by = ${decision.by}, decided_at = now(), decision_note = ${decision.note}
    where id = ${id} and status = 'open'
    returning id, counsellor_id, topic_ids, office_ids, note, created_at`;
  return row;
}
