import type { LoaderFunctionArgs } from '@remix-run/node';
import { useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { EmailLink, PhoneLink } from '~/components/contact-links';
import { LocalizedLink } from '~/components/localized-link';
import { pageTitle } from '~/i18next.server';
import { getPublicProvider } from '~/modules/catalogue/offers.server';
import { formatDate } from '~/utils/format';
import { throwAsResponse } from '~/utils/http.server';
import { titleMeta } from '~/utils/meta';

export const meta = titleMeta;
export const handle = { i18n: ['catalogue'] };

export async function loader({ request, params }: LoaderFunctionArgs) {
  const slug = params.slug ?? '';
  if (!/^[a-z0-9]+(-[a-z0-9]+)*$/.test(slug)) throw new Response('Not Found', { status: 404 });
  const view = await getPublicProvider(slug).catch(throwAsResponse);
  return { title: await pageTitle(request, { text: view.provider.name }), ...view };
}

export default function ProviderPage() {
  const { provider, offers } = useLoaderData<typeof loader>();
  const { t, i18n } = useTranslation('catalogue');
  const lng = i18n.language;
  return (
    <div className="kern-stack">
      <hgroup>
        <h1 className="kern-heading-large" lang="de" dir="auto">
          {provider.name}
        </h1>
        <p className="kern-subline">{t(`provider.kinds.${provider.kind}`)}</p>
      </hgroup>
      {provider.description ? (
        // The provider's own text is German whatever the page's language (WCAG 3.1.2).
        <p className="kern-body kern-body--large ww-prose" lang="de" dir="auto">
          {provider.description}
        </p>
      ) : null}
      <section aria-labelledby="contact">
        <h2 id="contact" className="kern-heading-medium">
          {t('provider.contact')}
        </h2>
        <p className="kern-body">
          {provider.street ? (
            <>
              {provider.street}, {provider.postcode} {provider.city}
              <br />
            </>
          ) : null}
          {provider.phone ? (
            <>
              <PhoneLink phone={provider.phone} />
              <br />
            </>
          ) : null}
          {provider.email ? <EmailLink email={provider.email} /> : null}
          {provider.website ? (
            <>
              <br />
              <a className="kern-link" href={provider.website} rel="noopener noreferrer">
                {provider.website.replace(/^https?:\/\//, '')}
              </a>
            </>
          ) : null}
        </p>
      </section>
      {provider.certifications.length > 0 ? (
        <section aria-labelledby="certifications">
          <h2 id="certifications" className="kern-heading-medium">
            {t('provider.certifications')}
          </h2>
          <ul className="kern-list kern-body">
            {provider.certifications.map((c) => (
              <li key={`${c.type}-${c.number}`}>
                {t('provider.certification', {
                  type: c.type,
                  number: c.number ?? '',
                  certifier: c.certifier ?? '',
                  validUntil: c.validUntil ? formatDate(c.validUntil, lng) : '',
                })}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      <section aria-labelledby="offers" className="kern-stack-sm">
        <h2 id="offers" className="kern-heading-medium">
          {t('provider.offersHeading')}
        </h2>
        {offers.length === 0 ? <p className="kern-body">{t('provider.noOffers')}</p> : null}
        <ul className="ww-hits">
          {offers.map((o) => (
            <li key={o.id}>
              <h3 className="kern-heading-small" lang="de" dir="auto">
                <LocalizedLink className="kern-link" to={`/angebote/${o.id}`}>
                  {o.title}
                </LocalizedLink>
              </h3>
              <p className="kern-body" lang="de" dir="auto">
                {o.summary}
              </p>
              <p className="kern-body kern-body--small kern-body--muted">
                {t(`categories.${o.category}`)}
                {o.next_start ? ` · ${t('provider.nextStart', { date: formatDate(o.next_start, lng) })}` : ''}
              </p>
            </li>
          ))}
        </ul>
      </section>
    </div>
  );
}
