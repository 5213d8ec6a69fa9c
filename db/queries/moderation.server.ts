import type { Db } from '../client.server';

export interface ModerationRow {
  id: number;
  title: string;
  status: 'draft' | 'published' | 'archived';
  providerId: number;
  providerName: string;
  preModeration: boolean;
  reviewRequestedAt: Date | null;
  updatedAt: Date;
  publishedAt: Date | null;
  moderationNote: string | null;
}

/** Offers waiting for review first, then the latest published changes (post-moderation). */
export async function listForModeration(db: Db, f: { since: Date; limit: number }): Promise<ModerationRow[]> {
  return db<ModerationRow[]>`
    select o.id, o.title, o.status, p.id as "providerId", p.name as "providerName", p.pre_moderation as "preModeration",
           o.review_requested_at as "reviewRequestedAt", o.updated_at as "updatedAt", o.published_at as "publishedAt",
           o.moderation_note as "moderationNote"
    from offers o join providers p on p.id = o.provider_id
    where o.review_requested_at is not null
       or (o.status = 'published' and o.updated_at >= ${f.since})
    order by (o.review_requested_at is null), coalesce(o.review_requested_at, o.updated_at) desc, o.id desc
    limit ${f.limit}`;
}

export async function requestReview(db: Db, offerId: number) {
  await db`update offers set review_requested_at = now(), moderation_note = null, updated_at = now() where id = ${offerId}`;
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
