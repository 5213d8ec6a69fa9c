import type { LoaderFunctionArgs } from '@remix-run/node';
import { redirect } from '@remix-run/node';
import { useLoaderData } from '@remix-run/react';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert } from '~/components/form';
import { LocalizedLink } from '~/components/localized-link';
import { i18nServer } from '~/i18next.server';
import { openAssessment, recommend } from '~/modules/assessment/assessment.server';
import { HintList, ProfileView } from '~/modules/assessment/components/profile-view';
import { ReasonText } from '~/modules/assessment/components/reason-text';
import { assessmentPath, OVERVIEW, SAVE } from '~/modules/assessment/engine';
import { assessmentTitle } from '~/modules/assessment/titles.server';
import { bookableTopic } from '~/modules/booking/public.server';
import { wizardQuery } from '~/modules/booking/wizard';
import { HitCard } from '~/modules/catalogue/components/hit-card';
import { todayInBerlin } from '~/utils/clock.server';
import { formatDate } from '~/utils/format';
import { manageHeaders } from '~/utils/headers';
import { throwAsResponse } from '~/utils/http.server';
import { withLanguage } from '~/utils/localized';
import { manageMeta } from '~/utils/meta';

// The link is the person's key: never cached, indexed or sent on as a referrer.
export const meta = manageMeta;
export const headers = manageHeaders;
export const handle = { i18n: ['assessment', 'catalogue'] };

export async function loader({ request, params }: LoaderFunctionArgs) {
  const a = await openAssessment(params.token ?? '').catch(throwAsResponse);
  const lng = await i18nServer.getLocale(request);
  if (!a.result) throw redirect(withLanguage(assessmentPath(params.token!, OVERVIEW), lng));
  const { groups, placeUnknown } = await recommend(a.result);
  return {
    title: await assessmentTitle(request, 'result.title'),
    token: params.token!,
    result: a.result,
    finishedAt: todayInBerlin(a.finishedAt!),
    groups,
    placeUnknown,
    topic: await bookableTopic(a.result.topic, lng),
  };
}

function PrintButton() {
  const { t } = useTranslation('assessment');
  // Printing needs JavaScript; without it the browser's own print command does the same.
  const [ready, setReady] = useState(false);
  useEffect(() => setReady(true), []);
  if (!ready) return null;
  return (
    <button type="button" className="kern-btn kern-btn--secondary" onClick={() => window.print()}>
      <span className="kern-label">{t('result.print')}</span>
    </button>
  );
}

export default function AssessmentResult() {
  const d = useLoaderData<typeof loader>();
  const { t, i18n } = useTranslation('assessment');
  const lng = i18n.language;
  const bookHref = withLanguage(
    `/beratung/termin${wizardQuery({ thema: d.topic?.slug, ergebnis: d.token })}`,
    lng,
  );
  return (
    <div className="kern-stack ww-result">
      <div className="kern-stack-sm ww-prose">
        <h1 className="kern-heading-large">{t('result.title')}</h1>
        <p className="kern-body">{t('result.intro')}</p>
        <div className="ww-actions">
          <PrintButton />
          <a className="kern-link ww-noprint" href={assessmentPath(d.token, OVERVIEW)}>
            {t('result.change')}
          </a>
          <a className="kern-link ww-noprint" href={assessmentPath(d.token, SAVE)}>
            {t('result.keep')}
          </a>
        </div>
      </div>

      <section aria-labelledby="profile-heading" className="kern-stack-sm ww-prose">
        <h2 id="profile-heading" className="kern-heading-medium">
          {t('result.profileHeading')}
        </h2>
        <ProfileView profile={d.result.profile} />
      </section>

      <section aria-labelledby="topic-heading" className="kern-stack-sm ww-prose ww-ask">
        <h2 id="topic-heading" className="kern-heading-medium">
          {t('result.topicHeading')}
        </h2>
        {d.topic ? <p className="kern-body">{t('result.topicText', { topic: d.topic.name })}</p> : null}
        <p className="kern-body">{t('result.bookText')}</p>
        <p className="ww-noprint">
          <a className="kern-btn kern-btn--primary" href={bookHref}>
            <span className="kern-label">{t('result.book')}</span>
          </a>
        </p>
      </section>

      <section aria-labelledby="recommendations-heading" className="kern-stack">
        <h2 id="recommendations-heading" className="kern-heading-medium">
          {t('result.recommendationsHeading')}
        </h2>
        {d.placeUnknown ? <Alert tone="info">{t('result.placeUnknown')}</Alert> : null}
        {d.groups.length === 0 ? <p className="kern-body">{t('result.noGroups')}</p> : null}
        {d.groups.map((g) => (
          <section key={g.id} aria-labelledby={`group-${g.id}`} className="kern-stack-sm" data-group={g.id}>
            <h3 id={`group-${g.id}`} className="kern-heading-small">
              {t(`result.groups.${g.id}`)}
            </h3>
            {g.widened && g.hits.length ? <p className="kern-body">{t('result.widened')}</p> : null}
            {g.hits.length === 0 ? <p className="kern-body">{t('result.noHits')}</p> : null}
            {g.unansweredExcluded ? <p className="kern-body">{t('result.unansweredExcluded')}</p> : null}
            <ol className="ww-plain-list kern-stack-sm">
              {g.hits.map(({ hit, reasons }) => (
                <li
                  key={hit.id}
                  data-recommendation={hit.id}
                  data-category={hit.category}
                  data-time={hit.run.weekend ? 'weekend' : (hit.run.timeOfDay ?? '')}
                  data-distance={hit.run.distanceKm ?? ''}
                  data-price={hit.run.priceCents ?? ''}
                  data-funding={hit.funding.join(',')}
                  data-provider={hit.provider.id}
                  data-reasons={reasons.map((r) => r.key).join(' ')}
                >
                  <HitCard hit={hit} headingLevel={4}>
                    <div className="ww-reasons">
                      <p className="kern-body kern-body--small">
                        <strong>{t('result.why')}</strong>
                      </p>
                      <ul className="kern-list kern-body kern-body--small">
                        {reasons.map((r) => (
                          <li key={r.key}>
                            <ReasonText reason={r} />
                          </li>
                        ))}
                      </ul>
                    </div>
                  </HitCard>
                </li>
              ))}
            </ol>
            <p className="kern-body ww-noprint">
              <LocalizedLink className="kern-link" to={g.searchHref}>
                {t('result.searchMore')}
                <span className="kern-sr-only">: {t(`result.groups.${g.id}`)}</span>
              </LocalizedLink>
            </p>
          </section>
        ))}
      </section>

      {d.result.hints.length ? (
        <section aria-labelledby="hints-heading" className="kern-stack-sm ww-prose">
          <h2 id="hints-heading" className="kern-heading-medium">
            {t('result.hintsHeading')}
          </h2>
          <p className="kern-body">{t('result.hintsNote')}</p>
          <HintList hints={d.result.hints} />
        </section>
      ) : null}

      <p className="kern-body kern-body--small kern-body--muted">
        {t('result.version', { version: d.result.version, date: formatDate(d.finishedAt, lng) })}
      </p>
    </div>
  );
}
