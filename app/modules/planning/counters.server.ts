import { isbot } from 'isbot';
import { getSql } from '../../../db/client.server';
import { countAppearances, countOpen } from '../../../db/queries/planning-providers.server';
import { todayInBerlin } from '../../utils/clock.server';
import { getLogger } from '../../utils/logger.server';

/**
 * The providers' feedback counters (issue 20): an offer's appearances in search results
 * and the opens of its page, per day. Counted on the server from the request alone: no
 * cookie, no IP, no session, no user is read or kept. Requests that are not a person
 * looking (crawlers, link prefetching, HEAD) are not counted. The count never delays the
 * page: it is written after the answer is on its way, and a failed write is only logged.
 */
function counts(request: Request): boolean {
  if (request.method !== 'GET') return false;
  const purpose = `${request.headers.get('purpose') ?? ''} ${request.headers.get('sec-purpose') ?? ''}`;
  if (/prefetch|prerender/i.test(purpose)) return false;
  return !isbot(request.headers.get('user-agent') ?? '');
}

function later(work: () => Promise<void>) {
  work().catch((error: unknown) => getLogger().warn({ err: error }, 'Offer counter write failed'));
}

/** The offers shown on one page of search results. */
export function countSearchAppearances(request: Request, page: { hits: readonly { id: number }[] }): void {
  const offerIds = page.hits.map((h) => h.id);
  if (offerIds.length === 0 || !counts(request)) return;
  later(() => countAppearances(getSql(), offerIds, todayInBerlin()));
}

/** One open of an offer's page. */
export function countOfferOpen(request: Request, offerId: number): void {
  if (!counts(request)) return;
  later(() => countOpen(getSql(), offerId, todayInBerlin()));
}
