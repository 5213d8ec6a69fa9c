import { Fragment, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { LocalizedLink } from '~/components/localized-link';
import { formatDate, formatDateTime, formatPrice, languageName, weekdayName } from '~/utils/format';
import type { OfferRecord, RunRecord } from '../../../../db/queries/offers.server';
import { fundingPossibilities, priceNoteShown } from './funding';

/**
 * One offer as the public sees it: the offer page renders it, and the provider area's
 * preview shows exactly the same before publishing.
 */

/** A phone number as a tel: link target (digits and a leading +). */
function telHref(phone: string): string {
  return `tel:${phone.replace(/[^\d+]/g, '')}`;
}

function RunDetails({ run, lateEntry, today }: { run: RunRecord; lateEntry: boolean; today: string }) {
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
  const past = (run.ends_on ?? run.starts_on) !== null && (run.ends_on ?? run.starts_on)! < today;
  const started = !past && run.starts_on !== null && run.starts_on < today;
  // "Free" is a price: only a run that costs nothing says so.
  const price =
    run.price_cents === null
      ? t('hit.priceUnknown')
      : run.price_cents === 0
        ? t('hit.free')
        : formatPrice(run.price_cents, lng);
  const note = priceNoteShown(run.price_note, price);
  return (
    <section className="ww-run kern-stack-sm" aria-labelledby={`run-${run.id}`}>
      <h3 className="kern-heading-small" id={`run-${run.id}`}>
        {heading}
      </h3>
      {past ? <p className="kern-body kern-body--muted">{t('offer.past')}</p> : null}
      {started ? (
        <p className={`kern-body ww-run__started${lateEntry ? ' ww-run__started--open' : ''}`}>
          {lateEntry ? t('offer.startedJoinable') : t('offer.started')}
        </p>
      ) : null}
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
        {run.teaching_units ? (
          <>
            <dt>{t('offer.teachingUnits')}</dt>
            <dd>{t('offer.teachingUnitsValue', { count: run.teaching_units })}</dd>
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
              {run.venue.accessibility_note ? (
                <>
                  {' – '}
                  <span lang="de" dir="auto">
                    {run.venue.accessibility_note}
                  </span>
                </>
              ) : null}
            </dd>
          </>
        ) : null}
        <dt>{t('offer.price')}</dt>
        <dd className="ww-run__price" data-price-cents={run.price_cents ?? undefined}>
          {price}
          {note ? (
            <>
              {' ('}
              <span lang="de" dir="auto">
                {note}
              </span>
              {')'}
            </>
          ) : null}
        </dd>
        {run.seats || run.seats_status ? (
          <>
            <dt>{t('offer.seatsLabel')}</dt>
            <dd>
              {[
                run.seats ? t('offer.seatsTotal', { count: run.seats }) : null,
                run.seats_status && !past ? t(`offer.seatsStatus.${run.seats_status}`) : null,
              ]
                .filter(Boolean)
                .join(' · ')}
            </dd>
          </>
        ) : null}
        {run.registration_deadline && run.registration_deadline >= today ? (
          <>
            <dt>{t('offer.deadline')}</dt>
            <dd>{formatDate(run.registration_deadline, lng, 'long')}</dd>
          </>
        ) : null}
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

/**
 * How to register: the offer's own registration facts, else the provider's contact; the
 * deadlines of the runs still open, and whether people can join once it has begun.
 */
function HowToRegister({ offer, today }: { offer: OfferRecord; today: string }) {
  const { t, i18n } = useTranslation('catalogue');
  const lng = i18n.language;
  const own = Boolean(
    offer.registration_url || offer.registration_email || offer.registration_phone || offer.registration_note,
  );
  const email = own ? offer.registration_email : offer.provider.email;
  const phone = own ? offer.registration_phone : offer.provider.phone;
  const link =
    own && offer.registration_url
      ? { href: offer.registration_url, label: t('offer.registerOnline') }
      : !own && offer.provider.website
        ? { href: offer.provider.website, label: t('offer.registerProviderWebsite') }
        : null;
  // Deadlines still ahead; a passed one is no help to anyone reading this today.
  const deadlines = offer.runs.filter((r) => r.registration_deadline && r.registration_deadline >= today);
  return (
    <section aria-labelledby="register" className="ww-register kern-stack-sm">
      <h2 id="register" className="kern-heading-medium">
        {t('offer.registerHeading')}
      </h2>
      {own ? null : <p className="kern-body">{t('offer.registerFallback')}</p>}
      {link || email || phone ? (
        <ul className="ww-register__ways kern-body">
          {link ? (
            <li>
              <a className="kern-link" href={link.href} rel="noopener noreferrer">
                {link.label}
              </a>
            </li>
          ) : null}
          {email ? (
            <li>
              {t('offer.registerEmail')}{' '}
              <a className="kern-link" href={`mailto:${email}`}>
                {email}
              </a>
            </li>
          ) : null}
          {phone ? (
            <li>
              {t('offer.registerPhone')}{' '}
              <a className="kern-link" href={telHref(phone)}>
                <bdi dir="ltr">{phone}</bdi>
              </a>
            </li>
          ) : null}
        </ul>
      ) : null}
      {own && offer.registration_note ? (
        <p className="kern-body" lang="de" dir="auto">
          {offer.registration_note}
        </p>
      ) : null}
      {deadlines.length === 1 ? (
        <p className="kern-body">
          {t('offer.registerDeadline', {
            date: formatDate(deadlines[0]!.registration_deadline, lng, 'long'),
          })}
        </p>
      ) : deadlines.length > 1 ? (
        <ul className="kern-list kern-body">
          {deadlines.map((r) => (
            <li key={r.id}>
              {t('offer.registerDeadlineRun', {
                start: formatDate(r.starts_on, lng, 'long'),
                date: formatDate(r.registration_deadline, lng, 'long'),
              })}
            </li>
          ))}
        </ul>
      ) : null}
      {offer.late_entry ? <p className="kern-body">{t('offer.lateEntry')}</p> : null}
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
  const funding = fundingPossibilities(offer.funding);
  const requirements = offer.entry_requirements;
  // Each fact: label, value, and whether the value is the provider's German text.
  const facts: { key: string; label: string; value: ReactNode; german?: boolean }[] = [
    { key: 'category', label: t('offer.category'), value: t(`categories.${offer.category}`) },
    { key: 'language', label: t('offer.language'), value: languageName(offer.language, lng) },
    ...(offer.cefr_level ? [{ key: 'level', label: t('offer.level'), value: offer.cefr_level }] : []),
    ...(offer.certificate
      ? [{ key: 'certificate', label: t('offer.certificate'), value: offer.certificate, german: true }]
      : []),
    ...(offer.target_groups.length
      ? [
          {
            key: 'targetGroups',
            label: t('offer.targetGroups'),
            value: offer.target_groups.join(', '),
            german: true,
          },
        ]
      : []),
    {
      key: 'requirements',
      label: t('offer.requirements'),
      value: (
        <>
          {requirements === null && !offer.entry_note ? (
            t('offer.requirementsUnknown')
          ) : requirements === null ? null : requirements.length === 0 ? (
            t('offer.requirementsNone')
          ) : (
            <ul className="ww-plain-list">
              {requirements.map((r) => (
                <li key={r}>{t(`offer.requirement.${r}`)}</li>
              ))}
            </ul>
          )}
          {offer.entry_note ? (
            <span className="ww-fact__note" lang="de" dir="auto">
              {offer.entry_note}
            </span>
          ) : null}
        </>
      ),
    },
    ...(offer.entry_cefr_level
      ? [
          {
            key: 'entryLevel',
            label: t('offer.entryLevel'),
            value: t('offer.entryLevelValue', { level: offer.entry_cefr_level }),
          },
        ]
      : []),
    ...(funding.length
      ? [
          {
            key: 'funding',
            label: t('offer.funding'),
            value: (
              <ul className="ww-plain-list">
                {funding.map((f) => (
                  <li key={f}>{t(`funding.may.${f}`)}</li>
                ))}
              </ul>
            ),
          },
        ]
      : []),
    ...(funding.includes('bildungsgutschein') && offer.azav_measure_number
      ? [
          {
            key: 'measureNumber',
            label: t('offer.measureNumber'),
            value: <bdi dir="ltr">{offer.azav_measure_number}</bdi>,
          },
        ]
      : []),
    ...(offer.course_number
      ? [{ key: 'courseNumber', label: t('offer.courseNumber'), value: offer.course_number, german: true }]
      : []),
  ];
  return (
    <article className="kern-stack">
      {children}
      <div className="ww-offer">
        <div className="ww-offer__main kern-stack">
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
              {facts.map((f) => (
                <Fragment key={f.key}>
                  <dt>{f.label}</dt>
                  <dd
                    className={`ww-fact--${f.key}`}
                    lang={f.german ? 'de' : undefined}
                    dir={f.german ? 'auto' : undefined}
                  >
                    {f.value}
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
              <RunDetails key={run.id} run={run} lateEntry={offer.late_entry} today={today} />
            ))}
          </section>
          <HowToRegister offer={offer} today={today} />
        </div>
        <aside className="ww-offer__aside kern-stack" aria-labelledby="provider">
          <div className="kern-card">
            <div className="kern-card__container">
              <div className="kern-card__header">
                <h2 id="provider" className="kern-title">
                  {t('offer.providerHeading')}
                </h2>
              </div>
              <div className="kern-card__body kern-body">
                <p>
                  <strong lang="de" dir="auto">
                    {offer.provider.name}
                  </strong>
                </p>
                {offer.provider.street ? (
                  <p lang="de">
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
