import { getSql } from '../../../db/client.server';
import { listTopics } from '../../../db/queries/booking.server';
import { counsellingLanguages, listOffices } from '../../../db/queries/counselling.server';
import { findOffer } from '../../../db/queries/offers.server';
import { localText } from '../../utils/localized';

/**
 * Where and how to reach the education counselling: offices with opening hours, the
 * topics and the languages counsellors speak. Topic texts come in the reader's language
 * (German when a translation is missing).
 */
export async function getCounsellingDirectory(lng: string, offerId?: number) {
  const sql = getSql();
  const [offices, topics, languages, offer] = await Promise.all([
    listOffices(sql),
    listTopics(sql, { activeOnly: true }),
    counsellingLanguages(sql),
    offerId ? findOffer(sql, offerId) : Promise.resolve(null),
  ]);
  return {
    offices,
    topics: topics.map((t) => ({
      slug: t.slug,
      name: localText(t.name, lng) ?? t.slug,
      description: localText(t.description, lng) ?? '',
    })),
    languages,
    aboutOffer:
      offer && offer.status === 'published' && offer.provider.status === 'approved'
        ? { id: offer.id, title: offer.title }
        : null,
  };
}
