import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { LocalizedLink } from '~/components/localized-link';
import { formatDate, formatNumber, formatPrice } from '~/utils/format';
import type { SearchHit } from '../../../../search/types';
import { HighlightedText } from './highlighted';

/** One search hit; the self-assessment puts it one heading level deeper and adds its reasons. */
export function HitCard({
  hit,
  headingLevel = 3,
  children,
}: {
  hit: SearchHit;
  headingLevel?: 3 | 4;
  children?: ReactNode;
}) {
  const Heading = `h${headingLevel}` as 'h3' | 'h4';
  const { t, i18n } = useTranslation('catalogue');
  const lng = i18n.language;
  const run = hit.run;
  const price =
    run.priceCents === null
      ? t('hit.priceUnknown')
      : run.priceCents === 0
        ? t('hit.free')
        : t('hit.price', { price: formatPrice(run.priceCents, lng) });
  const when = run.weekend ? t('times.weekend') : run.timeOfDay ? t(`times.${run.timeOfDay}`) : null;
  return (
    <article className="ww-hit">
      <Heading className="kern-heading-small" lang="de" dir="auto">
        <LocalizedLink className="kern-link" to={`/angebote/${hit.id}`}>
          <HighlightedText parts={hit.highlight.title} />
        </LocalizedLink>
      </Heading>
      <p className="kern-body ww-hit__summary" lang="de" dir="auto">
        <HighlightedText parts={hit.highlight.summary} />
      </p>
      <ul className="ww-hit__facts kern-body kern-body--small">
        <li>
          {run.startsOn ? t('hit.starts', { date: formatDate(run.startsOn, lng) }) : t('hit.startsUnknown')}
        </li>
        {run.over ? (
          <li className="ww-hit__started">{t('offer.past')}</li>
        ) : run.started ? (
          // Shown by default only when people can still join; with "also started" all are.
          <li className="ww-hit__started">
            {run.lateEntry ? t('offer.startedJoinable') : t('offer.started')}
          </li>
        ) : null}
        <li>
          {t(`formats.${run.format}`)}
          {when ? `, ${when}` : ''}
        </li>
        {run.venue ? <li>{[run.venue.district, run.venue.city].filter(Boolean).join(', ')}</li> : null}
        {run.distanceKm !== null ? (
          <li>
            {t('hit.distance', {
              distance: t('common:units.km', { value: formatNumber(run.distanceKm, lng) }),
            })}
          </li>
        ) : null}
        <li>{price}</li>
        {hit.cefrLevel ? <li>{t('hit.level', { level: hit.cefrLevel })}</li> : null}
      </ul>
      <p className="kern-body kern-body--small kern-body--muted">
        {t('hit.provider', { name: hit.provider.name })}
        {hit.matchingRuns > 1 ? ` · ${t('hit.moreRuns', { count: hit.matchingRuns - 1 })}` : ''}
      </p>
      {children}
    </article>
  );
}
