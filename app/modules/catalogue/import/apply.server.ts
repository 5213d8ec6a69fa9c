import { slugify } from '~/utils/slug';
import type { Sql, Tx } from '../../../../db/client.server';
import {
  archiveMissingOffers,
  deleteRunsOfOffers,
  type ExistingOffer,
  findPostcodes,
  findProviderByExternalRef,
  insertOffers,
  insertProvider,
  insertRuns,
  insertSessions,
  insertVenues,
  listImportedOffers,
  listProviderOfferIds,
  listProviderVenues,
  lockProviderImport,
  type NewRun,
  type OfferFields,
  type RunFields,
  renameProvider,
  takenSlugs,
  updateOffer,
} from '../../../../db/queries/import.server';
import { refreshSearchDocuments } from '../../../../db/queries/search.server';
import type { ParsedOffer, ParsedOpenVhs, ParsedVenue } from './openvhs';

/**
 * Writes a parsed Open-vhs export into the catalogue, in one transaction: the provider (by
 * its <ersteller> guid), its venues, its offers with their run and sessions, and the search
 * rows. Idempotent: importing the same file twice changes nothing the second time.
 */

export interface ImportOptions {
  /** Default true: the file is the provider's whole programme, so offers missing from it are archived. */
  full?: boolean;
  /** Compute everything, then roll back: the counts and the plan, no change. */
  dryRun?: boolean;
  /**
   * Runs in the import's transaction with the ids of every offer it touched, e.g. to enqueue
   * the search-sync job for an external index (search/sync.server.ts) so it exists only if
   * the import commits. Not called in a dry run.
   */
  afterWrite?: (tx: Tx, offerIds: number[]) => Promise<unknown>;
  /**
   * Import into this provider (a provider's own upload in the browser), whatever the
   * file's <ersteller> says: its name and guid are then neither used nor changed.
   */
  targetProviderId?: number;
}

export type ImportAction = 'create' | 'update' | 'unchanged' | 'archive';

export interface ImportPlanItem {
  action: ImportAction;
  externalId: string;
  title: string;
}

export interface ImportResult {
  created: number;
  updated: number;
  archived: number;
  rejected: number;
  /** Rejected records ("guid: reason") and warnings, in German for the provider. */
  errors: string[];
  /** In a dry run of a new provider, the id it would have had (nothing is kept). */
  providerId: number;
  /** One line per record and per archived offer: only in a dry run. */
  plan?: ImportPlanItem[];
}

/** Thrown inside the transaction to roll a dry run back; never leaves this module. */
class DryRunRollback extends Error {
  constructor(readonly result: ImportResult) {
    super('dry run');
  }
}

export async function importOpenVhs(
  sql: Sql,
  parsed: ParsedOpenVhs,
  options: ImportOptions = {},
): Promise<ImportResult> {
  const full = options.full ?? true;
  try {
    return await sql.begin(async (tx) => {
      const { plan, touched, ...result } = await apply(tx, parsed, full, options.targetProviderId);
      if (options.dryRun) throw new DryRunRollback({ ...result, plan });
      await options.afterWrite?.(tx, touched);
      return result;
    });
  } catch (error) {
    if (error instanceof DryRunRollback) return error.result;
    throw error;
  }
}

async function apply(
  tx: Tx,
  parsed: ParsedOpenVhs,
  full: boolean,
  targetProviderId?: number,
): Promise<ImportResult & { plan: ImportPlanItem[]; touched: number[] }> {
  const { provider } = parsed;
  await lockProviderImport(tx, targetProviderId ? `provider:${targetProviderId}` : provider.externalRef);

  const touched = new Set<number>();
  const errors = parsed.rejected.map((r) => `${r.ref}: ${r.reason}`);
  const plan: ImportPlanItem[] = [];

  let providerId: number;
  const existingProvider = targetProviderId
    ? undefined
    : await findProviderByExternalRef(tx, provider.externalRef);
  if (targetProviderId) {
    providerId = targetProviderId;
  } else if (existingProvider) {
    providerId = existingProvider.id;
    if (existingProvider.name !== provider.name) {
      await renameProvider(tx, providerId, provider.name);
      // The provider's name is part of every offer's search document.
      for (const id of await listProviderOfferIds(tx, providerId)) touched.add(id);
    }
  } else {
    const base = slugify(provider.name) || 'anbieter';
    const taken = await takenSlugs(tx, base);
    let slug = base;
    for (let n = 2; taken.has(slug); n++) slug = `${base}-${n}`;
    providerId = await insertProvider(tx, { slug, name: provider.name, externalRef: provider.externalRef });
  }

  // Decide per record: create, update (something differs) or leave alone.
  const existing = new Map((await listImportedOffers(tx, providerId)).map((o) => [o.external_id, o]));
  const toCreate: ParsedOffer[] = [];
  const toUpdate: { id: number; offer: ParsedOffer }[] = [];
  for (const offer of parsed.offers) {
    const current = existing.get(offer.external_id);
    if (!current) {
      toCreate.push(offer);
      plan.push({ action: 'create', externalId: offer.external_id, title: offer.title });
    } else if (fingerprintOfParsed(offer) !== fingerprintOfExisting(current)) {
      toUpdate.push({ id: current.id, offer });
      plan.push({ action: 'update', externalId: offer.external_id, title: offer.title });
    } else {
      plan.push({ action: 'unchanged', externalId: offer.external_id, title: offer.title });
    }
  }

  // Venues only for the runs we write: an unchanged file creates none.
  const venueIds = await resolveVenues(
    tx,
    providerId,
    [...toCreate, ...toUpdate.map((u) => u.offer)].map((o) => o.run.venue),
  );

  const createdIds = await insertOffers(tx, providerId, toCreate.map(offerFields));
  for (const { id, offer } of toUpdate) await updateOffer(tx, id, offerFields(offer));
  await deleteRunsOfOffers(
    tx,
    toUpdate.map((u) => u.id),
  );
  const written = [
    ...toCreate.map((offer) => ({ id: createdIds.get(offer.external_id)!, offer })),
    ...toUpdate,
  ];
  const runIds = await insertRuns(
    tx,
    written.map(({ id, offer }) => runRow(id, offer, venueIds)),
  );
  await insertSessions(
    tx,
    written.flatMap(({ id, offer }) =>
      offer.run.sessions.map((s) => ({
        run_id: runIds.get(id)!,
        starts_at: s.starts_at,
        ends_at: s.ends_at,
      })),
    ),
  );
  for (const { id } of written) touched.add(id);

  let archived = 0;
  if (full) {
    if (parsed.offers.length === 0) {
      // An empty export is more likely a fault in the course system than an empty programme.
      errors.push('Die Datei enthält keine importierbare Veranstaltung: nichts archiviert.');
    } else {
      // A record rejected this time is still in the programme: keep its old version.
      const keep = [...parsed.offers.map((o) => o.external_id), ...parsed.rejected.map((r) => r.ref)];
      const gone = await archiveMissingOffers(tx, providerId, keep);
      archived = gone.length;
      for (const o of gone) {
        touched.add(o.id);
        plan.push({ action: 'archive', externalId: o.external_id, title: o.title });
      }
    }
  }

  await refreshSearchDocuments(tx, [...touched]);
  return {
    created: toCreate.length,
    updated: toUpdate.length,
    archived,
    rejected: parsed.rejected.length,
    errors,
    providerId,
    plan,
    touched: [...touched],
  };
}

// ---- rows ----------------------------------------------------------------------------------

/** The offer and run facts an import writes and compares, in one fixed order. */
const OFFER_KEYS = [
  'course_number',
  'title',
  'subtitle',
  'summary',
  'description',
  'category',
  'keywords',
  'target_groups',
  'language',
  'cefr_level',
  'funding',
  'website',
  'entry_requirements',
  'entry_cefr_level',
  'entry_note',
  'late_entry',
  'registration_url',
  'registration_email',
  'registration_phone',
  'registration_note',
  'azav_measure_number',
] as const satisfies readonly (keyof OfferFields)[];
const RUN_KEYS = [
  'external_id',
  'starts_on',
  'ends_on',
  'session_count',
  'weekdays',
  'starts_at',
  'ends_at',
  'time_of_day',
  'format',
  'price_cents',
  'price_note',
  'seats',
  'seats_status',
  'registration_deadline',
  'teaching_units',
] as const satisfies readonly (keyof RunFields)[];

function pick<T, K extends keyof T>(o: T, keys: readonly K[]): Pick<T, K> {
  return Object.fromEntries(keys.map((k) => [k, o[k]])) as Pick<T, K>;
}

function offerFields(o: OfferFields & { external_id: string }) {
  return { external_id: o.external_id, ...pick(o, OFFER_KEYS) };
}

function runRow(offerId: number, o: ParsedOffer, venueIds: Map<string, number>): NewRun {
  const r = o.run;
  return {
    offer_id: offerId,
    venue_id: r.venue ? venueIds.get(venueKey(r.venue.name, r.venue.street, r.venue.postcode))! : null,
    ...pick(r, RUN_KEYS),
  };
}

// ---- venues --------------------------------------------------------------------------------

/** Same place: same name, street and postcode (case and spacing aside). */
function venueKey(name: string, street: string | null, postcode: string | null): string {
  const norm = (s: string | null) => (s ?? '').replace(/\s+/g, ' ').trim().toLowerCase();
  return `${norm(name)}\u0000${norm(street)}\u0000${norm(postcode)}`;
}

/**
 * Venue ids by key: the provider's existing venue of the same name, street and postcode,
 * else a new one, placed by its postcode (coordinates stay empty when it is unknown).
 */
async function resolveVenues(
  tx: Tx,
  providerId: number,
  venues: (ParsedVenue | null)[],
): Promise<Map<string, number>> {
  const ids = new Map<string, number>();
  for (const v of await listProviderVenues(tx, providerId)) {
    const key = venueKey(v.name, v.street, v.postcode);
    if (!ids.has(key)) ids.set(key, v.id);
  }
  const missing = new Map<string, ParsedVenue>();
  for (const v of venues) {
    if (!v) continue;
    const key = venueKey(v.name, v.street, v.postcode);
    if (!ids.has(key) && !missing.has(key)) missing.set(key, v);
  }
  if (missing.size === 0) return ids;

  const zipcodes = [...new Set([...missing.values()].map((v) => v.postcode).filter((p): p is string => !!p))];
  const places = new Map((await findPostcodes(tx, zipcodes)).map((p) => [p.zipcode, p]));
  const rows = [...missing.values()].map((v) => {
    const place = v.postcode ? places.get(v.postcode) : undefined;
    return {
      provider_id: providerId,
      name: v.name,
      street: v.street,
      postcode: v.postcode,
      city: v.city ?? place?.place ?? null,
      district: v.district,
      latitude: place?.latitude ?? null,
      longitude: place?.longitude ?? null,
      accessible: v.accessible,
    };
  });
  const newIds = await insertVenues(tx, rows);
  [...missing.keys()].forEach((key, i) => {
    ids.set(key, newIds[i]!);
  });
  return ids;
}

// ---- change detection ----------------------------------------------------------------------

/**
 * The same facts from the file and from the database in one canonical form: equal strings
 * mean nothing to write. Sessions compare as instants, venues by their key.
 */
function fingerprintOfParsed(o: ParsedOffer): string {
  const r = o.run;
  const venue = r.venue ? venueKey(r.venue.name, r.venue.street, r.venue.postcode) : null;
  const sessions = r.sessions.map((s) => [Date.parse(s.starts_at) / 1000, Date.parse(s.ends_at) / 1000]);
  return JSON.stringify([
    'published',
    offerFields(o),
    [[...RUN_KEYS.map((k) => r[k]), 'scheduled', venue, sessions]],
  ]);
}

function fingerprintOfExisting(o: ExistingOffer): string {
  return JSON.stringify([
    o.status,
    offerFields(o),
    o.runs.map((r) => [
      ...RUN_KEYS.map((k) => r[k]),
      r.status,
      r.venue ? venueKey(r.venue[0], r.venue[1], r.venue[2]) : null,
      r.sessions,
    ]),
  ]);
}

// ---- slugs ---------------------------------------------------------------------------------
