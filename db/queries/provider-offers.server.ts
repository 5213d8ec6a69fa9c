import type { OfferInput } from '../../app/modules/providers/schemas';
import type { Db } from '../client.server';

export interface OwnOfferRow {
  id: number;
  title: string;
  status: 'draft' | 'published' | 'archived';
  category: string;
  updatedAt: Date;
  runs: number;
  nextStart: string | null;
}

export async function listOffersOfProvider(db: Db, providerId: number): Promise<OwnOfferRow[]> {
  return db<OwnOfferRow[]>`
    select o.id, o.title, o.status, o.category, o.updated_at as "updatedAt",
           (select count(*)::int from runs r where r.offer_id = o.id) as runs,
           (select min(r.starts_on)::text from runs r where r.offer_id = o.id and r.status = 'scheduled') as "nextStart"
    from offers o where o.provider_id = ${providerId}
    order by (o.status = 'archived'), o.updated_at desc, o.id desc`;
}

/** The offer's provider, or null: every per-offer action checks it against the user's own. */
export async function providerOfOffer(db: Db, offerId: number): Promise<number | null> {
  const [row] = await db<
    { providerId: number }[]
  >`select provider_id as "providerId" from offers where id = ${offerId}`;
  return row?.providerId ?? null;
}

const offerColumns = (o: OfferInput) => ({
  title: o.title,
  subtitle: o.subtitle,
  summary: o.summary,
  description: o.description,
  category: o.category,
  kind: o.kind,
  language: o.language,
  cefr_level: o.cefrLevel,
  certificate: o.certificate,
  funding: o.funding,
  accessibility: o.accessibility,
  target_groups: o.targetGroups,
  keywords: o.keywords,
  website: o.website,
  course_number: o.courseNumber,
  entry_requirements: o.entryRequirements,
  entry_cefr_level: o.entryCefrLevel,
  entry_note: o.entryNote,
  late_entry: o.lateEntry,
  registration_url: o.registrationUrl,
  registration_email: o.registrationEmail,
  registration_phone: o.registrationPhone,
  registration_note: o.registrationNote,
  azav_measure_number: o.azavMeasureNumber,
  translations: o.translations,
});

export async function insertOffer(db: Db, providerId: number, input: OfferInput): Promise<number> {
  const [row] = await db<{ id: number }[]>`
    insert into offers ${db({ provider_id: providerId, status: 'draft', ...offerColumns(input) })} returning id`;
  return row!.id;
}

export async function updateOffer(db: Db, offerId: number, input: OfferInput) {
  await db`update offers set ${db(offerColumns(input))}, updated_at = now() where id = ${offerId}`;
}

export async function touchOffer(db: Db, offerId: number) {
  await db`update offers set updated_at = now() where id = ${offerId}`;
}

export async function setOfferStatus(db: Db, offerId: number, status: 'draft' | 'published' | 'archived') {
  await db`
    update offers set status = ${status}, updated_at = now(),
      published_at = case when ${status} = 'published' then coalesce(published_at, now()) else published_at end
    where id = ${offerId}`;
}

export async function countRuns(db: Db, offerId: number): Promise<number> {
  const [row] = await db<
    { n: number }[]
  >`select count(*)::int as n from runs where offer_id = ${offerId} and status = 'scheduled'`;
  return row!.n;
}

export async function venuesOfProvider(db: Db, providerId: number) {
  return db<
    { id: number; name: string; street: string | null; postcode: string | null; city: string | null }[]
  >`
    select id, name, street, postcode, city from venues where provider_id = ${providerId} order by name, id`;
}

export async function venueBelongsTo(db: Db, venueId: number, providerId: number): Promise<boolean> {
  const rows = await db`select 1 from venues where id = ${venueId} and provider_id = ${providerId}`;
  return rows.length === 1;
}

export async function insertVenue(
  db: Db,
  v: {
    providerId: number;
    name: string;
    street: string | null;
    postcode: string;
    city: string;
    accessible: boolean | null;
  },
): Promise<number> {
  // The point comes from the postcode table (the search radius needs one); district from the place name.
  const [row] = await db<{ id: number }[]>`
    insert into venues (provider_id, name, street, postcode, city, accessible, latitude, longitude)
    select ${v.providerId}, ${v.name}, ${v.street}, ${v.postcode}, ${v.city}, ${v.accessible},
           (select avg(latitude) from postcodes where zipcode = ${v.postcode}),
           (select avg(longitude) from postcodes where zipcode = ${v.postcode})
    returning id`;
  return row!.id;
}

export interface RunWrite {
  venueId: number | null;
  startsOn: string;
  endsOn: string | null;
  weekdays: number[];
  startsAt: string | null;
  endsAt: string | null;
  timeOfDay: string | null;
  format: string;
  priceCents: number | null;
  priceNote: string | null;
  seats: number | null;
  seatsStatus: string | null;
  registrationDeadline: string | null;
  teachingUnits: number | null;
  sessions: { startsAt: string; endsAt: string }[];
}

const runColumns = (r: RunWrite) => ({
  venue_id: r.venueId,
  starts_on: r.startsOn,
  ends_on: r.endsOn,
  session_count: r.sessions.length || null,
  weekdays: r.weekdays,
  starts_at: r.startsAt,
  ends_at: r.endsAt,
  time_of_day: r.timeOfDay,
  format: r.format,
  price_cents: r.priceCents,
  price_note: r.priceNote,
  seats: r.seats,
  seats_status: r.seatsStatus,
  registration_deadline: r.registrationDeadline,
  teaching_units: r.teachingUnits,
});

async function writeSessions(db: Db, runId: number, sessions: RunWrite['sessions']) {
  await db`delete from run_sessions where run_id = ${runId}`;
  if (sessions.length === 0) return;
  await db`insert into run_sessions ${db(sessions.map((s) => ({ run_id: runId, starts_at: s.startsAt, ends_at: s.endsAt })))}`;
}

export async function insertRun(db: Db, offerId: number, run: RunWrite): Promise<number> {
  const [row] = await db<
    { id: number }[]
  >`insert into runs ${db({ offer_id: offerId, ...runColumns(run) })} returning id`;
  await writeSessions(db, row!.id, run.sessions);
  return row!.id;
}

export async function updateRun(db: Db, runId: number, run: RunWrite) {
  await db`update runs set ${db(runColumns(run))} where id = ${runId}`;
  await writeSessions(db, runId, run.sessions);
}

/** The run if it belongs to the offer (and so, through the offer, to the provider). */
export async function findRun(db: Db, offerId: number, runId: number) {
  const [row] = await db<
    {
      id: number;
      venueId: number | null;
      startsOn: string | null;
      endsOn: string | null;
      weekdays: number[];
      startsAt: string | null;
      endsAt: string | null;
      format: string;
      priceCents: number | null;
      priceNote: string | null;
      seats: number | null;
      seatsStatus: string | null;
      registrationDeadline: string | null;
      teachingUnits: number | null;
      sessions: { startsAt: string; endsAt: string }[];
    }[]
  >`
    select r.id, r.venue_id as "venueId", r.starts_on::text as "startsOn", r.ends_on::text as "endsOn", r.weekdays,
           to_char(r.starts_at, 'HH24:MI') as "startsAt", to_char(r.ends_at, 'HH24:MI') as "endsAt", r.format,
           r.price_cents as "priceCents", r.price_note as "priceNote", r.seats,
           r.seats_status as "seatsStatus", r.registration_deadline::text as "registrationDeadline",
           r.teaching_units as "teachingUnits",
           coalesce((select json_agg(json_build_object('startsAt', s.starts_at, 'endsAt', s.ends_at) order by s.starts_at)
                     from run_sessions s where s.run_id = r.id), '[]') as sessions
    from runs r where r.id = ${runId} and r.offer_id = ${offerId}`;
  return row ?? null;
}

export async function deleteRun(db: Db, offerId: number, runId: number): Promise<boolean> {
  const rows = await db`delete from runs where id = ${runId} and offer_id = ${offerId} returning 1`;
  return rows.count === 1;
}

/** A copy of the offer as a draft, its runs and sessions shifted by whole weeks. */
export async function duplicateOffer(
  db: Db,
  offerId: number,
  shiftWeeks: number,
  titleSuffix: string,
): Promise<number> {
  const [copy] = await db<{ id: number }[]>`
    insert into offers (provider_id, course_number, title, subtitle, summary, description, category, kind, keywords,
                        target_groups, language, cefr_level, certificate, funding, accessibility, website, translations,
                        entry_requirements, entry_cefr_level, entry_note, late_entry, registration_url,
                        registration_email, registration_phone, registration_note, azav_measure_number, status)
    select provider_id, course_number, left(title || ${titleSuffix}, 300), subtitle, summary, description, category, kind,
           keywords, target_groups, language, cefr_level, certificate, funding, accessibility, website, translations,
           entry_requirements, entry_cefr_level, entry_note, late_entry, registration_url,
           registration_email, registration_phone, registration_note, azav_measure_number, 'draft'
    from offers where id = ${offerId}
    returning id`;
  const shift = `${shiftWeeks * 7} days`;
  const sources = await db<{ id: number }[]>`
    select id from runs where offer_id = ${offerId} and status = 'scheduled' order by id`;
  for (const source of sources) {
    const [run] = await db<{ id: number }[]>`
      insert into runs (offer_id, venue_id, starts_on, ends_on, session_count, weekdays, starts_at, ends_at,
                        time_of_day, format, price_cents, price_note, seats, teaching_units, registration_deadline)
      select ${copy!.id}, venue_id, (starts_on + ${shift}::interval)::date, (ends_on + ${shift}::interval)::date,
             session_count, weekdays, starts_at, ends_at, time_of_day, format, price_cents, price_note, seats,
             -- The next term's seats are all free again: its state is not copied; its deadline moves along.
             teaching_units, (registration_deadline + ${shift}::interval)::date
      from runs where id = ${source.id}
      returning id`;
    // Wall-clock times stay: a Tuesday 18:00 in winter is a Tuesday 18:00 in summer.
    await db`
      insert into run_sessions (run_id, starts_at, ends_at)
      select ${run!.id},
             ((s.starts_at at time zone 'Europe/Berlin') + ${shift}::interval) at time zone 'Europe/Berlin',
             ((s.ends_at at time zone 'Europe/Berlin') + ${shift}::interval) at time zone 'Europe/Berlin'
      from run_sessions s where s.run_id = ${source.id}`;
  }
  return copy!.id;
}
