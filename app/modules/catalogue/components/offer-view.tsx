import { Fragment, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { LocalizedLink } from '~/components/localized-link';
import { formatDate, formatDateTime, formatPrice, languageName, weekdayName } from '~/utils/format';
import type { OfferRecord, RunRecord } from '../../../../db/queries/offers.server';
import { fundingLabels } from './funding';

/**
 * One offer as the public sees it: the offer page renders it, and the provider area's
 * preview shows exactly the same before publishing.
 */
function RunDetails({ run, today }: { run: RunRecord; today: string }) {
  const { t, i18n } = useTranslation('catalogue');
  const lng = i18n.language;
  const heading = !run.starts_on
    ? t('offer.runHeadingUnknown')
    : run.ends_on && run.ends_on !== run.starts_on
      ? t('offer.runHeading', {
          from: formatDate(run.starts_on, lng, 'long'),
          to: formatDate(run.ends_on, lng, 'long'),
        })
      : t('offer.runHeadingOpen', { from: formatDate(run.starts_on, lng, 'long') });
  const past = run.ends_on !== null && run.ends_on < today;
  return (
    <section className="ww-run kern-stack-sm" aria-labelledby={`run-${run.id}`}>
      <h3 className="kern-heading-small" id={`run-${run.id}`}>
        {heading}
      </h3>
      {past ? <p className="kern-body kern-body--muted">{t('offer.past')}</p> : null}
      <dl className="ww-facts kern-body">
        {run.starts_at && run.ends_at ? (
          <>
            <dt>{t('offer.schedule')}</dt>
            <dd>
              {t('offer.scheduleValue', {
                days: run.weekdays.map((d) => weekdayName(d, lng)).join(', '),
                // Isolated left-to-right, so "19:00–20:30" keeps its order in Arabic text.
                time: `\u2066${run.starts_at}–${run.ends_at}\u2069`,
              })}
              {run.session_count ? ` · ${t('offer.sessions', { count: run.session_count })}` : ''}
            </dd>
          </>
        ) : null}
        <dt>{t('offer.format')}</dt>
        <dd>{t(`formats.${run.format}`)}</dd>
        {run.venue ? (
          <>
            <dt>{t('offer.venue')}</dt>
            <dd>
              <span lang="de" dir="auto">
                {run.venue.name}
              </span>
              <br />
              {[run.venue.street, [run.venue.postcode, run.venue.city].filter(Boolean).join(' ')]
                .filter(Boolean)
                .join(', ')}
              <br />
              {run.venue.accessible === true
                ? t('offer.venueAccessible')
                : run.venue.accessible === false
                  ? t('offer.venueNotAccessible')
                  : t('offer.venueAccessUnknown')}
              {run.venue.accessibility_note ? ` – ${run.venue.accessibility_note}` : ''}
            </dd>
          </>
        ) : null}
        <dt>{t('offer.price')}</dt>
        <dd>
          {run.price_cents === null
            ? t('hit.priceUnknown')
            : run.price_cents === 0
              ? t('hit.free')
              : formatPrice(run.price_cents, lng)}
          {run.price_note ? (
            <>
              {' ('}
              <span lang="de">{run.price_note}</span>
              {')'}
            </>
          ) : null}
          {run.seats ? ` · ${t('offer.seats', { count: run.seats })}` : ''}
        </dd>
      </dl>
      {run.sessions.length > 0 ? (
        <details>
          <summary className="kern-link">{t('offer.showSessions')}</summary>
          <ol className="kern-list kern-body kern-body--small">
            {run.sessions.map((s) => (
              <li key={s.starts_at}>{formatDateTime(s.starts_at, lng)}</li>
            ))}
          </ol>
        </details>
      ) : null}
    </section>
  );
}

export function OfferView({
  offer,
  today,
  children,
}: {
  offer: OfferRecord;
  today: string;
  children?: ReactNode;
}) {
  const { t, i18n } = useTranslation('catalogue');
  const lng = i18n.language;
  // The provider's translation of title and summary, when there is one for this language.
  const translated = offer.translations?.[lng];
  const shown = {
    lang: translated?.title ? (lng === 'ls' ? 'de' : lng) : 'de',
    title: translated?.title ?? offer.title,
    summaryLang: translated?.summary ? (lng === 'ls' ? 'de' : lng) : 'de',
    summary: translated?.summary ?? offer.summary,
  };
  // Values that come from the provider's German text (not from our translations).
  const dataKeys = new Set([t('offer.certificate'), t('offer.targetGroups'), t('offer.courseNumber')]);
  const facts: [string, string][] = [
    [t('offer.category'), t(`categories.${offer.category}`)],
    [t('offer.language'), languageName(offer.language, lng)],
    ...(offer.cefr_level ? ([[t('offer.level'), offer.cefr_level]] as [string, string][]) : []),
    ...(offer.certificate ? ([[t('offer.certificate'), offer.certificate]] as [string, string][]) : []),
    ...(offer.target_groups.length
      ? ([[t('offer.targetGroups'), offer.target_groups.join(', ')]] as [string, string][])
      : []),
    ...(offer.funding.length
      ? ([[t('offer.funding'), fundingLabels(offer.funding, t)]] as [string, string][])
      : []),
    ...(offer.course_number ? ([[t('offer.courseNumber'), offer.course_number]] as [string, string][]) : []),
  ];
  return (
    <article className="kern-stack">
      {children}
      <div className="ww-offer">
        <div className="kern-stack">
          <hgroup>
            <h1 className="kern-heading-large" lang={shown.lang} dir="auto">
              {shown.title}
            </h1>
            {shown.lang !== 'de' ? (
              <p className="kern-subline" lang="de" dir="auto">
                {t('offer.originalTitle', { title: offer.title })}
              </p>
            ) : offer.subtitle && offer.subtitle !== offer.summary ? (
              <p className="kern-subline" lang="de" dir="auto">
                {offer.subtitle}
              </p>
            ) : null}
          </hgroup>
          <p className="kern-body kern-body--large" lang={shown.summaryLang} dir="auto">
            {shown.summary}
          </p>
          <section aria-labelledby="facts">
            <h2 id="facts" className="kern-heading-medium">
              {t('offer.facts')}
            </h2>
            <dl className="ww-facts kern-body">
              {facts.map(([k, v]) => (
                <Fragment key={k}>
                  <dt>{k}</dt>
                  <dd lang={dataKeys.has(k) ? 'de' : undefined} dir={dataKeys.has(k) ? 'auto' : undefined}>
                    {v}
                  </dd>
                </Fragment>
              ))}
            </dl>
          </section>
          {offer.description && offer.description !== offer.summary ? (
            <section aria-labelledby="description">
              <h2 id="description" className="kern-heading-medium">
                {t('offer.description')}
              </h2>
              {offer.description.split(/\n{2,}/).map((p) => (
                <p key={p} className="kern-body" lang="de" dir="auto">
                  {p}
                </p>
              ))}
            </section>
          ) : null}
          {offer.accessibility ? (
            <section aria-labelledby="accessibility">
              <h2 id="accessibility" className="kern-heading-medium">
                {t('offer.accessibility')}
              </h2>
              <p className="kern-body" lang="de" dir="auto">
                {offer.accessibility}
              </p>
            </section>
          ) : null}
          <section aria-labelledby="runs" className="kern-stack-sm">
            <h2 id="runs" className="kern-heading-medium">
              {t('offer.runsHeading')}
            </h2>
            {offer.runs.length === 0 ? <p className="kern-body">{t('offer.noRuns')}</p> : null}
            {offer.runs.map((run) => (
              <RunDetails key={run.id} run={run} today={today} />
            ))}
          </section>
        </div>
        <aside className="kern-stack" aria-labelledby="provider">
          <div className="kern-card">
            <div className="kern-card__container">
              <div className="kern-card__header">
                <h2 id="provider" className="kern-title">
                  {t('offer.providerHeading')}
                </h2>
              </div>
              <div className="kern-card__body kern-body">
                <p>
                  <strong>{offer.provider.name}</strong>
                </p>
                {offer.provider.street ? (
                  <p>
                    {offer.provider.street}
                    <br />
                    {offer.provider.postcode} {offer.provider.city}
                  </p>
                ) : null}
                {offer.provider.phone ? (
                  <p>
                    <bdi dir="ltr">{offer.provider.phone}</bdi>
                  </p>
                ) : null}
                {offer.provider.email ? (
                  <p>
                    <a className="kern-link" href={`mailto:${offer.provider.email}`}>
                      {offer.provider.email}
                    </a>
                  </p>
                ) : null}
                <p>
                  <LocalizedLink className="kern-link" to={`/anbieter/${offer.provider.slug}`}>
                    {t('offer.providerLink', { name: offer.provider.name })}
                  </LocalizedLink>
                </p>
                {offer.website ? (
                  <p>
                    <a className="kern-link" href={offer.website} rel="noopener noreferrer">
                      {t('offer.website')}
                    </a>
                  </p>
                ) : null}
              </div>
            </div>
          </div>
          <div className="ww-ask kern-body">
            <p>{t('offer.askCounsellor')}</p>
            <p>
              <LocalizedLink className="kern-link" to={`/beratung/termin?angebot=${offer.id}`}>
                {t('offer.askCounsellorLink')}
              </LocalizedLink>
            </p>
          </div>
        </aside>
      </div>
    </article>
  );
}
