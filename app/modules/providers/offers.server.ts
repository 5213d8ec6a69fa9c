import { type Db, getSql, type Tx } from '../../../db/client.server';
import * as moderation from '../../../db/queries/moderation.server';
import { findOffer } from '../../../db/queries/offers.server';
import * as q from '../../../db/queries/provider-offers.server';
import { refreshSearchDocuments } from '../../../db/queries/search.server';
import { enqueueSearchSync } from '../../../search/sync.server';
import { todayInBerlin } from '../../utils/clock.server';
import { AppError } from '../../utils/errors';
import { audit } from '../audit/audit.server';
import type { OfferInput, RunInput } from './schemas';
import { MAX_SESSIONS, parseSessionLines, sessionTimestamps, timeOfDay, weeklySessions } from './sessions';

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
  if (providerId !== actor.providerId) throw new AppError('not_found');
}

async function afterChange(tx: Tx, offerId: number) {
  await refreshSearchDocuments(tx, [offerId]);
  await enqueueSearchSync([offerId], tx);
}

export async function listOwnOffers(providerId: number) {
  return q.listOffersOfProvider(getSql(), providerId);
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
 * (back to draft) and archiving take the offer out of the search at once.
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
      // Pre-moderation: the education office publishes it after a look.
      if (await moderation.preModerationOf(tx, actor.providerId)) {
        await moderation.requestReview(tx, offerId);
        await auditOffer(tx, actor, 'offer.review_requested', offerId);
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
        venueId = await q.insertVenue(tx, {
          providerId: actor.providerId,
          name: input.venueName,
          street: input.venueStreet,
          postcode: input.venuePostcode,
          city: input.venueCity,
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
      weekdays: input.weekdays,
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
