import type { Db } from '../client.server';

/**
 * The provider asks the office to publish the offer. An earlier take-down's reason stays
 * (the provider keeps seeing it, the admin sees why it was taken down) until an admin
 * publishes the offer again.
 */
export async function requestReview(db: Db, offerId: number) {
  await db`update offers set review_requested_at = now(), updated_at = now() where id = ${offerId}`;
}

/** True while an admin's take-down stands: the offer goes back into the search only through the office. */
export async function isTakenDown(db: Db, offerId: number): Promise<boolean> {
  const [row] = await db<{ down: boolean }[]>`
    select moderation_note is not null as down from offers where id = ${offerId}`;
  return row?.down ?? false;
}

export async function approveOffer(db: Db, offerId: number): Promise<boolean> {
  const rows = await db`
    update offers set status = 'published', published_at = coalesce(published_at, now()), review_requested_at = null,
      moderation_note = null, updated_at = now()
    where id = ${offerId} and review_requested_at is not null returning 1`;
  return rows.count === 1;
}

/** Back to draft with the reason; true if the offer was published or waiting for review. */
export async function unpublishOffer(
  db: Db,
  offerId: number,
  reason: string,
): Promise<{ providerId: number; title: string } | null> {
  const [row] = await db<{ providerId: number; title: string }[]>`
    update offers set status = 'draft', review_requested_at = null, moderation_note = ${reason}, updated_at = now()
    where id = ${offerId} and (status = 'published' or review_requested_at is not null)
    returning provider_id as "providerId", title`;
  return row ?? null;
}

export async function setPreModeration(db: Db, providerId: number, on: boolean): Promise<boolean> {
  const rows = await db`update providers set pre_moderation = ${on} where id = ${providerId} returning 1`;
  return rows.count === 1;
}

export async function preModerationOf(db: Db, providerId: number): Promise<boolean> {
  const [row] = await db<
    { on: boolean }[]
  >`select pre_moderation as on from providers where id = ${providerId}`;
  return row?.on ?? false;
}

export async function moderationOf(db: Db, offerId: number) {
  const [row] = await db<{ reviewRequestedAt: Date | null; note: string | null }[]>`
    select review_requested_at as "reviewRequestedAt", moderation_note as note from offers where id = ${offerId}`;
  return { reviewRequested: Boolean(row?.reviewRequestedAt), note: row?.note ?? null };
}

/** The admin's offer list filters; `review` waits for approval, `taken_down` carries an admin's reason. */
export interface AdminOfferFilter {
  q?: string;
  status?: 'draft' | 'published' | 'archived' | 'review' | 'taken_down';
  providerId?: number;
  category?: string;
  changedSince?: Date;
  limit: number;
  offset: number;
}

export interface AdminOfferRow {
  id: number;
  title: string;
  courseNumber: string | null;
  category: string;
  status: 'draft' | 'published' | 'archived';
  providerId: number;
  providerName: string;
  providerStatus: string;
  reviewRequestedAt: Date | null;
  updatedAt: Date;
  moderationNote: string | null;
}

const like = (s: string) => `%${s.replace(/[%_\\]/g, '\\$&')}%`;

function offerConditions(db: Db, f: AdminOfferFilter) {
  const q = f.q;
  return db`
    ${
      q
        ? db`and (o.title ilike ${like(q)} or p.name ilike ${like(q)} or o.course_number ilike ${like(q)}
                  ${/^\d{1,15}$/.test(q) ? db`or o.id = ${Number(q)}` : db``})`
        : db``
    }
    ${
      f.status === 'review'
        ? db`and o.review_requested_at is not null`
        : f.status === 'taken_down'
          ? db`and o.moderation_note is not null`
          : f.status
            ? db`and o.status = ${f.status}`
            : db``
    }
    ${f.providerId ? db`and o.provider_id = ${f.providerId}` : db``}
    ${f.category ? db`and o.category = ${f.category}` : db``}
    ${f.changedSince ? db`and o.updated_at >= ${f.changedSince}` : db``}`;
}

/**
 * Every offer of every provider, newest change first, one page at a time with the total
 * for the page links. Paged by offset over the (updated_at, id) index: an admin jumps to
 * page 7 of a filter, which keyset paging can't do, and pages stay cheap at the depths
 * people reach.
 */
export async function listOffersForAdmin(db: Db, f: AdminOfferFilter) {
  const [rows, [count]] = await Promise.all([
    db<AdminOfferRow[]>`
      select o.id, o.title, o.course_number as "courseNumber", o.category, o.status,
             p.id as "providerId", p.name as "providerName", p.status as "providerStatus",
             o.review_requested_at as "reviewRequestedAt", o.updated_at as "updatedAt",
             o.moderation_note as "moderationNote"
      from offers o join providers p on p.id = o.provider_id
      where true ${offerConditions(db, f)}
      order by o.updated_at desc, o.id desc
      limit ${f.limit} offset ${f.offset}`,
    db<{ n: number }[]>`
      select count(*)::int as n from offers o join providers p on p.id = o.provider_id
      where true ${offerConditions(db, f)}`,
  ]);
  return { rows, total: count?.n ?? 0 };
}

export async function countWaitingForReview(db: Db): Promise<number> {
  const [row] = await db<{ n: number }[]>`
    select count(*)::int as n from offers where review_requested_at is not null`;
  return row?.n ?? 0;
}

export async function providerChoices(db: Db) {
  return db<{ id: number; name: string }[]>`select id, name from providers order by name, id`;
}
