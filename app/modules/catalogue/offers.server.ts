import { todayInBerlin } from '~/utils/clock.server';
import { AppError } from '~/utils/errors';
import { getSql } from '../../../db/client.server';
import { currentOffersOfProvider, findOffer, findProviderBySlug } from '../../../db/queries/offers.server';

/**
 * The public view of one offer. Drafts and offers of providers not (yet) approved do not
 * exist for the public (404); archived offers are gone (410) and say so.
 */
export async function getPublicOffer(id: number) {
  const offer = await findOffer(getSql(), id);
  if (!offer || offer.status === 'draft' || offer.provider.status !== 'approved')
    throw new AppError('not_found');
  if (offer.status === 'archived') return { offer, gone: true as const };
  const today = todayInBerlin();
  const runs = offer.runs.filter((r) => r.status === 'scheduled');
  return {
    offer: { ...offer, runs },
    gone: false as const,
    today,
  };
}

export async function getPublicProvider(slug: string) {
  const sql = getSql();
  const provider = await findProviderBySlug(sql, slug);
  if (provider?.status !== 'approved') throw new AppError('not_found');
  const offers = await currentOffersOfProvider(sql, provider.id, todayInBerlin());
  return { provider, offers };
}
