import { type Db, getSql, type Tx } from '../../../db/client.server';
import { districtsOfPostcodes } from '../../../db/queries/import.server';
import * as moderation from '../../../db/queries/moderation.server';
import { findOffer } from '../../../db/queries/offers.server';
import * as q from '../../../db/queries/provider-offers.server';
import { refreshSearchDocuments } from '../../../db/queries/search.server';
import { enqueueSearchSync } from '../../../search/sync.server';
import { todayInBerlin } from '../../utils/clock.server';
import { AppError } from '../../utils/errors';
import { localToInstant } from '../../utils/zoned';
import { audit } from '../audit/audit.server';
import { refuse } from './refusal.server';
import {
  type BulkAction,
  OFFERS_PER_PAGE,
  type OfferInput,
  type OfferListQuery,
  type RunInput,
} from './schemas';
import {
  MAX_SESSIONS,
  parseSessionLines,
  sessionTimestamps,
  timeOfDay,
  weekdaysOf,
  weeklySessions,
} from './sessions';

/**
 * Provider staff keep their offers: create and edit an offer and its runs, publish,
 * unpublish, archive, duplicate for the next term. Every function takes the provider of
 * the signed-in member and refuses (404) an offer of any other provider. Each change
 * refreshes the offer's search rows in its own transaction and enqueues the sync of an
 * external index there too, so the search shows a change as soon as it commits.
 */
export interface Actor {
  userId: number;
  providerId: number;
  ip: string | null;
}

/** The offer, if it is this provider's; otherwise not found (no hint that it exists). */
async function ownOffer(db: Db, actor: Actor, offerId: number) {
  const providerId = await q.providerOfOffer(db, offerId);
  if (providerId !== actor.providerId) await refuse(actor, 'offer', offerId);
}

/** The first id of a bulk selection that is not one of the provider's offers (for the audit row). */
function strangerIn(ids: number[], own: { id: number }[]): number | null {
  const mine = new Set(own.map((o) => o.id));
  return ids.find((id) => !mine.has(id)) ?? null;
}

async function afterChange(tx: Tx, offerId: number) {
  await refreshSearchDocuments(tx, [offerId]);
  await enqueueSearchSync([offerId], tx);
}

/** At most this many offers in one bulk action (a large VHS has a few hundred a term). */
export const MAX_BULK = 1000;

function listFilter(providerId: number, query: Omit<OfferListQuery, 'page'>) {
  return {
    providerId,
    q: query.q,
    status: query.status,
    category: query.category,
    next: query.next,
    // A day is the provider's (Berlin) day; midnight always exists there.
    changedSince: query.since ? new Date(localToInstant(query.since, 0)!) : undefined,
    sort: query.sort,
    today: todayInBerlin(),
  };
}

/**
 * The provider's offers, 50 a page: searched by title and course number, filtered by
 * status, category, next start and last change, in the order asked. Sized for catalogues
 * of a thousand offers (tests/perf/provider-list-bench.ts).
 */
export async function listOwnOffers(providerId: number, query: OfferListQuery) {
  const { rows, total } = await q.listOffersOfProvider(getSql(), {
    ...listFilter(providerId, query),
    limit: OFFERS_PER_PAGE,
    offset: (query.page - 1) * OFFERS_PER_PAGE,
  });
  return { offers: rows, total, pages: Math.max(1, Math.ceil(total / OFFERS_PER_PAGE)) };
}

/** Which offers a bulk action would change, and which it leaves as they are (and why). */
function splitForBulk(action: BulkAction, offers: q.BulkOfferRow[]) {
  const applies = (o: q.BulkOfferRow) =>
    action === 'archive'
      ? o.status !== 'archived'
      : action === 'unpublish'
        ? o.status === 'published' || o.review
        : true;
  return { changed: offers.filter(applies), unchanged: offers.filter((o) => !applies(o)) };
}

/**
 * The offers a bulk action asks about: the ticked ones (every id must be the provider's,
 * else not found) or all the list's filter finds. Nothing changes yet.
 */
export async function previewBulk(
  actor: Actor,
  action: BulkAction,
  selection: { ids: number[] } | { filter: Omit<OfferListQuery, 'page'> },
) {
  const sql = getSql();
  const ids =
    'ids' in selection
      ? [...new Set(selection.ids)]
      : await q.idsOfProviderOffers(sql, listFilter(actor.providerId, selection.filter), MAX_BULK + 1);
  if (ids.length > MAX_BULK) throw new AppError('conflict', 'bulk_too_many');
  const offers = await q.ownOffersByIds(sql, actor.providerId, ids);
  if (offers.length !== ids.length) await refuse(actor, 'offer', strangerIn(ids, offers), { bulk: action });
  return splitForBulk(action, offers);
}

/**
 * Archives, unpublishes or duplicates (for the next term: runs shifted by whole weeks, the
 * copies drafts with the same title) the confirmed offers in one transaction. Offers the
 * action does not apply to stay as they are. One audit row per offer changed.
 */
export async function applyBulk(
  actor: Actor,
  action: BulkAction,
  ids: number[],
  shiftWeeks = 0,
): Promise<{ changed: number; unchanged: number }> {
  return getSql().begin(async (tx) => {
    const offers = await q.ownOffersByIds(tx, actor.providerId, ids);
    if (offers.length !== ids.length) await refuse(actor, 'offer', strangerIn(ids, offers), { bulk: action });
    const { changed, unchanged } = splitForBulk(action, offers);
    const targets = changed.map((o) => o.id);
    if (action === 'duplicate') {
      for (const id of targets) {
        const copy = await q.duplicateOffer(tx, id, shiftWeeks, '');
        await auditOffer(tx, actor, 'offer.duplicated', copy, { from: id, shiftWeeks, bulk: true });
      }
    } else {
      const status = action === 'archive' ? 'archived' : 'draft';
      await q.setOffersStatus(tx, actor.providerId, targets, status);
      await refreshSearchDocuments(tx, targets);
      await enqueueSearchSync(targets, tx);
      for (const id of targets) await auditOffer(tx, actor, `offer.${status}`, id, { bulk: true });
    }
    return { changed: targets.length, unchanged: unchanged.length };
  });
}

export async function getOwnOffer(actor: Actor, offerId: number) {
  const sql = getSql();
  await ownOffer(sql, actor, offerId);
  const offer = await findOffer(sql, offerId);
  if (!offer) throw new AppError('not_found');
  return { offer, today: todayInBerlin(), moderation: await moderation.moderationOf(sql, offerId) };
}

/** Every change to an offer is audited with who made it, from where, and which offer. */
function auditOffer(
  tx: Tx,
  actor: Actor,
  action: string,
  offerId: number,
  detail?: Record<string, string | number | boolean | null>,
) {
  return audit(tx, {
    action,
    actorUserId: actor.userId,
    ip: actor.ip,
    targetType: 'offer',
    targetId: offerId,
    detail,
  });
}

export async function createOffer(actor: Actor, input: OfferInput): Promise<number> {
  return getSql().begin(async (tx) => {
    const id = await q.insertOffer(tx, actor.providerId, input);
    await auditOffer(tx, actor, 'offer.created', id);
    return id;
  });
}

export async function updateOffer(actor: Actor, offerId: number, input: OfferInput) {
  await getSql().begin(async (tx) => {
    await ownOffer(tx, actor, offerId);
    await q.updateOffer(tx, offerId, input);
    await afterChange(tx, offerId);
    await auditOffer(tx, actor, 'offer.updated', offerId);
  });
}

export type OfferStatus = 'draft' | 'published' | 'archived';

/**
 * Publishing needs at least one scheduled run and an approved provider; unpublishing
 * (back to draft) and archiving take the offer out of the search at once (and withdraw a
 * request for review). A take-down holds: while an admin's reason stands, "publish" asks
 * the office for review, as it does for providers under pre-moderation.
 */
export async function setStatus(
  actor: Actor,
  offerId: number,
  status: OfferStatus,
  providerApproved: boolean,
): Promise<OfferStatus | 'review_requested'> {
  return getSql().begin(async (tx) => {
    await ownOffer(tx, actor, offerId);
    if (status === 'published') {
      if (!providerApproved) throw new AppError('conflict', 'provider_not_approved');
      if ((await q.countRuns(tx, offerId)) === 0) throw new AppError('conflict', 'no_runs');
      // Pre-moderation, or an admin took it down: the education office publishes it after a look.
      const takenDown = await moderation.isTakenDown(tx, offerId);
      if (takenDown || (await moderation.preModerationOf(tx, actor.providerId))) {
        await moderation.requestReview(tx, offerId);
        await auditOffer(tx, actor, 'offer.review_requested', offerId, { takenDown });
        return 'review_requested' as const;
      }
    }
    await q.setOfferStatus(tx, offerId, status);
    await afterChange(tx, offerId);
    await auditOffer(tx, actor, `offer.${status}`, offerId);
    return status;
  });
}

export async function duplicate(
  actor: Actor,
  offerId: number,
  shiftWeeks: number,
  titleSuffix: string,
): Promise<number> {
  return getSql().begin(async (tx) => {
    await ownOffer(tx, actor, offerId);
    const id = await q.duplicateOffer(tx, offerId, shiftWeeks, titleSuffix);
    await auditOffer(tx, actor, 'offer.duplicated', id, { from: offerId, shiftWeeks });
    return id;
  });
}

export async function venues(providerId: number) {
  return q.venuesOfProvider(getSql(), providerId);
}

export async function getOwnRun(actor: Actor, offerId: number, runId: number) {
  const sql = getSql();
  await ownOffer(sql, actor, offerId);
  const run = await q.findRun(sql, offerId, runId);
  if (!run) throw new AppError('not_found');
  return run;
}

/** Why a run form can't be saved, by field (keys of the `provider` namespace). */
export class RunRejected extends Error {
  constructor(public readonly fieldErrors: Record<string, string[]>) {
    super('run rejected');
  }
}

/** The sessions: the typed list if there is one, else the weekly pattern, else none. */
function sessionsOf(input: RunInput) {
  if (input.sessions.trim()) {
    const parsed = parseSessionLines(input.sessions);
    if (parsed.errors.length)
      throw new RunRejected({
        sessions: [`provider:errors.sessionLines|${parsed.errors.slice(0, 5).join(', ')}`],
      });
    if (parsed.sessions.length > MAX_SESSIONS)
      throw new RunRejected({ sessions: ['provider:errors.tooManySessions'] });
    return parsed.sessions;
  }
  if (input.weekdays.length && input.startsAt && input.endsAt)
    return weeklySessions(
      input.startsOn,
      input.endsOn ?? input.startsOn,
      input.weekdays,
      input.startsAt,
      input.endsAt,
    );
  return [];
}

/** Creates (runId null) or updates a run; a new venue is added to the provider's venues. */
export async function saveRun(
  actor: Actor,
  offerId: number,
  runId: number | null,
  input: RunInput,
): Promise<number> {
  const sessions = sessionsOf(input);
  const typed = input.sessions.trim() !== '';
  const first = sessions[0];
  const last = sessions.at(-1);
  return getSql().begin(async (tx) => {
    await ownOffer(tx, actor, offerId);
    let venueId: number | null = null;
    if (input.format !== 'online' || input.venueId || input.venueName) {
      if (input.venueId) {
        if (!(await q.venueBelongsTo(tx, input.venueId, actor.providerId)))
          throw new RunRejected({ venueId: ['provider:errors.venueRequired'] });
        venueId = input.venueId;
      } else if (input.venueName && input.venuePostcode && input.venueCity) {
        // Its district as imported venues get it, so its runs appear in the district filter.
        const districts = await districtsOfPostcodes(tx, [input.venuePostcode]);
        venueId = await q.insertVenue(tx, {
          providerId: actor.providerId,
          name: input.venueName,
          street: input.venueStreet,
          postcode: input.venuePostcode,
          city: input.venueCity,
          district: districts.get(input.venuePostcode) ?? null,
          accessible: input.venueAccessible,
        });
      }
    }
    const startsAt = input.startsAt ?? first?.start ?? null;
    const write: q.RunWrite = {
      venueId,
      // Typed single dates define the run's first and last day; otherwise the form's dates do.
      startsOn: typed && first ? first.date : input.startsOn,
      endsOn: typed && last ? last.date : (input.endsOn ?? input.startsOn),
      // Typed dates carry their weekdays too: the page says "Sa, 10:00–16:00" and the
      // search's weekend filter finds a Saturday workshop.
      weekdays: input.weekdays.length ? input.weekdays : weekdaysOf(sessions),
      startsAt,
      endsAt: input.endsAt ?? first?.end ?? null,
      timeOfDay: timeOfDay(startsAt),
      format: input.format,
      priceCents: input.price ?? null,
      priceNote: input.priceNote,
      seats: input.seats ?? null,
      seatsStatus: input.seatsStatus,
      registrationDeadline: input.registrationDeadline ?? null,
      teachingUnits: input.teachingUnits ?? null,
      sessions: sessions.map(sessionTimestamps),
    };
    let id = runId;
    if (id === null) id = await q.insertRun(tx, offerId, write);
    else {
      if (!(await q.findRun(tx, offerId, id))) throw new AppError('not_found');
      await q.updateRun(tx, id, write);
    }
    await q.touchOffer(tx, offerId);
    await afterChange(tx, offerId);
    await auditOffer(tx, actor, runId === null ? 'run.created' : 'run.updated', offerId);
    return id;
  });
}

export async function copyRun(actor: Actor, offerId: number, runId: number): Promise<number> {
  return getSql().begin(async (tx) => {
    await ownOffer(tx, actor, offerId);
    const run = await q.findRun(tx, offerId, runId);
    if (!run?.startsOn) throw new AppError('not_found');
    const id = await q.insertRun(tx, offerId, {
      venueId: run.venueId,
      startsOn: run.startsOn,
      endsOn: run.endsOn,
      weekdays: run.weekdays,
      startsAt: run.startsAt,
      endsAt: run.endsAt,
      timeOfDay: timeOfDay(run.startsAt),
      format: run.format,
      priceCents: run.priceCents,
      priceNote: run.priceNote,
      seats: run.seats,
      seatsStatus: run.seatsStatus,
      registrationDeadline: run.registrationDeadline,
      teachingUnits: run.teachingUnits,
      sessions: run.sessions,
    });
    await q.touchOffer(tx, offerId);
    await afterChange(tx, offerId);
    await auditOffer(tx, actor, 'run.copied', offerId);
    return id;
  });
}

export async function removeRun(actor: Actor, offerId: number, runId: number) {
  await getSql().begin(async (tx) => {
    await ownOffer(tx, actor, offerId);
    if (!(await q.deleteRun(tx, offerId, runId))) throw new AppError('not_found');
    await q.touchOffer(tx, offerId);
    await afterChange(tx, offerId);
    await auditOffer(tx, actor, 'run.removed', offerId);
  });
}
