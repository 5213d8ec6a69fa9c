import { addDays } from '../../app/utils/zoned';
import type { Sql, Tx } from '../client.server';
import { LOCKS } from '../locks';
import { refreshAllSearchDocuments } from '../queries/search.server';
import { cityDistricts } from './content';
import {
  generateCounselling,
  generateOffer,
  generateProviders,
  groupVenues,
  type RegionPostcode,
} from './generate';
import { type PlanningVolumes, seedPlanningDemo } from './planning';

/**
 * Seeds the demo data into the database, once. All in one transaction: a crash halfway
 * leaves nothing, and the next start tries again. An advisory lock keeps two processes
 * starting at once from both seeding.
 */
export interface SeedOptions {
  seed?: number;
  offers?: number;
  /** The "today" of the demo data (YYYY-MM-DD); defaults to the real today. */
  baseDate?: string;
  /**
   * Seed even if demo data is already recorded. Used by benchmarks on their own empty
   * database; on a filled one it adds a second, separate set of providers and offers.
   */
  force?: boolean;
  /** The planning activity's volumes (default: the demo's; the reports benchmark: its own). */
  planning?: PlanningVolumes;
}

export const DEMO_SEED_KEY = 'demo_seed';
const CHUNK = 1_000;

async function counts(tx: Sql | Tx) {
  const [row] = await tx<Record<string, number>[]>`
    select (select count(*) from providers)::int as providers,
           (select count(*) from venues)::int as venues,
           (select count(*) from offers)::int as offers,
           (select count(*) from runs)::int as runs,
           (select count(*) from run_sessions)::int as sessions,
           (select count(*) from counselling_topics)::int as topics,
           (select count(*) from offices)::int as offices,
           (select count(*) from counsellors)::int as counsellors`;
  return row!;
}

export async function seedDemoData(
  sql: Sql,
  options: SeedOptions = {},
): Promise<{ seeded: boolean; counts: Record<string, number> }> {
  const seed = options.seed ?? 20261124;
  const offerCount = options.offers ?? 1500;
  const baseDate = options.baseDate ?? new Date().toISOString().slice(0, 10);

  return sql.begin(async (tx) => {
    await tx`select pg_advisory_xact_lock(${LOCKS.demoSeed})`;
    const [done] = await tx`select value from app_meta where key = ${DEMO_SEED_KEY}`;
    if (done && !options.force) return { seeded: false, counts: await counts(tx) };

    const postcodes = await tx<RegionPostcode[]>`
      select distinct on (zipcode) zipcode, place, latitude, longitude
      from postcodes
      where (community_code = '06611' and zipcode = any(${Object.keys(cityDistricts)}))
         -- Some postcodes belong to large organisations (a bank, an authority): not a place to put a venue.
         or (community_code = '06633' and place !~* '(gmbh|\mag\M|e\.v\.|kasse|bank|versicherung|technology|\mpost\M)')
      order by zipcode, id`;
    // A second forced set must not collide with the first one's unique slugs.
    const suffix = done ? `-${seed}-${Date.now().toString(36)}` : '';
    const { providers, venues } = generateProviders(seed, postcodes);

    const providerIds = new Map<number, number>();
    const inserted = await tx<{ id: number }[]>`
      insert into providers ${tx(
        providers.map((p) => ({
          slug: `${p.slug}${suffix}`,
          name: p.name,
          kind: p.kind,
          description: p.description,
          street: p.street,
          postcode: p.postcode,
          city: p.city,
          latitude: p.latitude,
          longitude: p.longitude,
          website: p.website,
          email: p.email,
          phone: p.phone,
          certifications: tx.json(p.certifications),
          status: p.status,
        })),
      )} returning id`;
    providers.forEach((p, i) => {
      providerIds.set(p.key, inserted[i]!.id);
    });

    const venueIds = new Map<number, number>();
    const venueRows = await tx<{ id: number }[]>`
      insert into venues ${tx(
        venues.map((v) => ({
          provider_id: providerIds.get(v.providerKey)!,
          name: v.name,
          street: v.street,
          postcode: v.postcode,
          city: v.city,
          district: v.district,
          latitude: v.latitude,
          longitude: v.longitude,
          accessible: v.accessible,
          accessibility_note: v.accessibility_note,
        })),
      )} returning id`;
    venues.forEach((v, i) => {
      venueIds.set(v.key, venueRows[i]!.id);
    });

    const venuesByProvider = groupVenues(venues);
    for (let start = 0; start < offerCount; start += CHUNK) {
      const offers = [];
      for (let i = start; i < Math.min(offerCount, start + CHUNK); i++) {
        offers.push(generateOffer(seed, i, baseDate, providers, venuesByProvider));
      }
      const offerIds = await tx<{ id: number }[]>`
        insert into offers ${tx(
          offers.map((o) => ({
            provider_id: providerIds.get(o.providerKey)!,
            external_id: o.external_id,
            course_number: o.course_number,
            title: o.title,
            subtitle: o.subtitle,
            summary: o.summary,
            description: o.description,
            category: o.category,
            kind: o.kind,
            keywords: o.keywords,
            target_groups: o.target_groups,
            language: o.language,
            cefr_level: o.cefr_level,
            certificate: o.certificate,
            funding: o.funding,
            accessibility: o.accessibility,
            website: o.website,
            status: o.status,
            entry_requirements: o.entry_requirements,
            entry_cefr_level: o.entry_cefr_level,
            entry_note: o.entry_note,
            late_entry: o.late_entry,
            registration_url: o.registration_url,
            registration_email: o.registration_email,
            registration_phone: o.registration_phone,
            registration_note: o.registration_note,
            azav_measure_number: o.azav_measure_number,
            published_at: o.status === 'published' ? `${baseDate}T08:00:00Z` : null,
          })),
        )} returning id`;
      const runs = offers.flatMap((o, i) => o.runs.map((r) => ({ offerId: offerIds[i]!.id, run: r })));
      for (let r = 0; r < runs.length; r += CHUNK) {
        const batch = runs.slice(r, r + CHUNK);
        const runIds = await tx<{ id: number }[]>`
          insert into runs ${tx(
            batch.map(({ offerId, run }) => ({
              offer_id: offerId,
              venue_id: run.venueKey === null ? null : venueIds.get(run.venueKey)!,
              external_id: run.external_id,
              starts_on: run.starts_on,
              ends_on: run.ends_on,
              session_count: run.session_count,
              weekdays: run.weekdays,
              starts_at: run.starts_at,
              ends_at: run.ends_at,
              time_of_day: run.time_of_day,
              format: run.format,
              price_cents: run.price_cents,
              price_note: run.price_note,
              seats: run.seats,
              seats_status: run.seats_status,
              registration_deadline: run.registration_deadline,
              teaching_units: run.teaching_units,
            })),
          )} returning id`;
        const sessions = batch.flatMap(({ run }, i) =>
          run.sessions.map((s) => ({ run_id: runIds[i]!.id, starts_at: s.starts_at, ends_at: s.ends_at })),
        );
        for (let s = 0; s < sessions.length; s += 5 * CHUNK) {
          await tx`insert into run_sessions ${tx(sessions.slice(s, s + 5 * CHUNK))}`;
        }
      }
    }

    if (!done) {
      const counselling = generateCounselling(seed, postcodes);
      const topicRows = await tx<{ id: number; slug: string }[]>`
        insert into counselling_topics ${tx(
          counselling.topics.map((t) => ({
            ...t,
            name: tx.json(t.name),
            description: tx.json(t.description),
          })),
        )} returning id, slug`;
      const officeRows = await tx<{ id: number; slug: string }[]>`
        insert into offices ${tx(counselling.offices.map((o) => ({ ...o, opening_hours: tx.json(o.opening_hours) })))}
        returning id, slug`;
      const topicId = new Map(topicRows.map((t) => [t.slug, t.id]));
      const officeId = new Map(officeRows.map((o) => [o.slug, o.id]));
      const counsellorRows = await tx<{ id: number }[]>`
        insert into counsellors ${tx(
          counselling.counsellors.map((c) => ({
            display_name: c.display_name,
            languages: c.languages,
            channels: c.channels,
          })),
        )} returning id`;
      const links = counselling.counsellors.flatMap((c, i) =>
        c.topicSlugs.map((s) => ({ counsellor_id: counsellorRows[i]!.id, topic_id: topicId.get(s)! })),
      );
      const officeLinks = counselling.counsellors.flatMap((c, i) =>
        c.officeSlugs.map((s) => ({ counsellor_id: counsellorRows[i]!.id, office_id: officeId.get(s)! })),
      );
      await tx`insert into counsellor_topics ${tx(links)}`;
      await tx`insert into counsellor_offices ${tx(officeLinks)}`;
      // Weekly availability: each counsellor sees people in their offices' opening hours (a
      // counsellor with two offices splits the days), on all the channels they offer.
      const officeHours = new Map(counselling.offices.map((o) => [o.slug, o.opening_hours]));
      const rules = counselling.counsellors.flatMap((c, i) =>
        c.officeSlugs.flatMap((slug, k) =>
          Object.entries(officeHours.get(slug) ?? {})
            .filter(([weekday]) => (Number(weekday) + i) % c.officeSlugs.length === k)
            .flatMap(([weekday, spans]) =>
              spans.map(([startsAt, endsAt]) => ({
                counsellor_id: counsellorRows[i]!.id,
                weekday: Number(weekday),
                starts_at: startsAt!,
                ends_at: endsAt!,
                channels: c.channels,
                office_id: officeId.get(slug)!,
                valid_from: addDays(baseDate, -28),
              })),
            ),
        ),
      );
      if (rules.length > 0) await tx`insert into availability_rules ${tx(rules)}`;
      // The demo city is Kassel: Hessen's public holidays apply.
      await tx`
        insert into app_meta (key, value) values ('booking', ${tx.json({ state: 'HE' })})
        on conflict (key) do nothing`;
    }

    // The search rows follow the catalogue in the same transaction.
    await refreshAllSearchDocuments(tx);
    await seedPlanningDemo(tx, { seed, baseDate, volumes: options.planning });

    const value = { seed, offers: offerCount, baseDate, seededAt: new Date().toISOString() };
    await tx`
      insert into app_meta (key, value) values (${DEMO_SEED_KEY}, ${tx.json(value)})
      on conflict (key) do update set value = excluded.value, updated_at = now()`;
    return { seeded: true, counts: await counts(tx) };
  });
}
