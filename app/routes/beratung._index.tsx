import type { LoaderFunctionArgs } from '@remix-run/node';
import { useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { CardItem } from '~/components/card-item';
import { EmailLink, PhoneLink } from '~/components/contact-links';
import { i18nServer, pageTitle } from '~/i18next.server';
import { getCounsellingDirectory } from '~/modules/counselling/directory.server';
import { languageName, weekdayName } from '~/utils/format';
import { titleMeta } from '~/utils/meta';

export const meta = titleMeta;
export const handle = { i18n: ['counselling'] };

export async function loader({ request }: LoaderFunctionArgs) {
  const url = new URL(request.url);
  const lng = await i18nServer.getLocale(request);
  // ?angebot=<id> comes from an offer page's "ask a counsellor" link; anything else is ignored.
  const raw = url.searchParams.get('angebot');
  const offerId = raw && /^\d{1,12}$/.test(raw) ? Number(raw) : undefined;
  const directory = await getCounsellingDirectory(lng, offerId);
  return { title: await pageTitle(request, 'counselling:title'), ...directory };
}

export default function CounsellingPage() {
  const { offices, topics, languages, aboutOffer } = useLoaderData<typeof loader>();
  const { t, i18n } = useTranslation('counselling');
  const lng = i18n.language;
  return (
    <div className="kern-stack">
      <div className="ww-prose kern-stack-sm">
        <h1 className="kern-heading-large">{t('title')}</h1>
        <p className="kern-body kern-body--large">{t('intro')}</p>
        {aboutOffer ? (
          <p className="ww-ask kern-body">{t('aboutOffer', { title: aboutOffer.title })}</p>
        ) : null}
      </div>
      <section aria-labelledby="how" className="ww-prose">
        <h2 id="how" className="kern-heading-medium">
          {t('howHeading')}
        </h2>
        <p className="kern-body">{t('how')}</p>
        <p>
          <a className="kern-btn kern-btn--primary" href="/beratung/termin">
            <span className="kern-label">{t('bookCta')}</span>
          </a>
        </p>
      </section>
      <section aria-labelledby="offices" className="kern-stack-sm">
        <h2 id="offices" className="kern-heading-medium">
          {t('officesHeading')}
        </h2>
        <ul className="ww-ways">
          {offices.map((o) => (
            <CardItem key={o.slug} heading={o.name}>
              {/* Label above value: a card is too narrow for two columns on a phone. */}
              <dl className="ww-office kern-body">
                <dt>{t('address')}</dt>
                <dd>
                  {o.street}, {o.postcode} {o.city}
                  <br />
                  {o.accessible ? t('accessible') : t('notAccessible')}
                  {o.accessibility_note ? (
                    <>
                      {' – '}
                      <span lang="de" dir="auto">
                        {o.accessibility_note}
                      </span>
                    </>
                  ) : null}
                </dd>
                <dt>{t('hours')}</dt>
                <dd>
                  <ul className="kern-list">
                    {Object.entries(o.opening_hours).map(([day, spans]) => (
                      <li key={day}>
                        {t('hoursValue', {
                          day: weekdayName(Number(day), lng),
                          times: spans.map(([a, b]) => `\u2066${a}–${b}\u2069`).join(', '),
                        })}
                      </li>
                    ))}
                  </ul>
                </dd>
                {o.phone ? (
                  <>
                    <dt>{t('phone')}</dt>
                    <dd>
                      <PhoneLink phone={o.phone} />
                    </dd>
                  </>
                ) : null}
                {o.email ? (
                  <>
                    <dt>{t('email')}</dt>
                    <dd>
                      <EmailLink email={o.email} />
                    </dd>
                  </>
                ) : null}
              </dl>
            </CardItem>
          ))}
        </ul>
      </section>
      <section aria-labelledby="topics" className="ww-prose">
        <h2 id="topics" className="kern-heading-medium">
          {t('topicsHeading')}
        </h2>
        <dl className="kern-body">
          {topics.map((topic) => (
            <div key={topic.slug} className="ww-topic">
              <dt>
                <strong>{topic.name}</strong>
              </dt>
              <dd>{topic.description}</dd>
            </div>
          ))}
        </dl>
      </section>
      <section aria-labelledby="languages" className="ww-prose">
        <h2 id="languages" className="kern-heading-medium">
          {t('languagesHeading')}
        </h2>
        <p className="kern-body">{languages.map((l) => languageName(l, lng)).join(', ')}</p>
        <p className="kern-body">{t('languagesNote')}</p>
      </section>
    </div>
  );
}
