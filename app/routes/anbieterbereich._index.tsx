import type { LoaderFunctionArgs } from '@remix-run/node';
import { useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { requireProviderStaff } from '~/auth/guard.server';
import { can } from '~/auth/permissions';
import { LocalizedLink } from '~/components/localized-link';
import { pageTitle } from '~/i18next.server';
import { listOwnOffers } from '~/modules/providers/offers.server';
import { formatDate, formatDateTime } from '~/utils/format';
import { titleMeta } from '~/utils/meta';

export const meta = titleMeta;
export const handle = { i18n: ['account', 'provider', 'referrals'] };

/**
 * Provider staff's start page: which organisation, its approval status, their role.
 * Offer editing and imports arrive with the publishing capability behind this guard.
 */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requireProviderStaff(request, context, 'read:provider:own');
  const m = user.membership;
  const offers = can(user, 'read:offer:own', { providerId: m.providerId })
    ? await listOwnOffers(m.providerId)
    : [];
  return {
    offers: offers.map((o) => ({ ...o, updatedAt: o.updatedAt.toISOString() })),
    canCreate: can(user, 'create:offer:own', { providerId: m.providerId }),
    title: await pageTitle(request, 'account:providerArea.title'),
    provider: { name: m.providerName, slug: m.providerSlug, status: m.providerStatus },
    role: m.role,
  };
}

export default function ProviderArea() {
  const { provider, role, offers, canCreate } = useLoaderData<typeof loader>();
  const { t, i18n } = useTranslation('account');
  const tp = useTranslation('provider').t;
  const tr = useTranslation('referrals').t;
  return (
    <div className="kern-stack">
      <h1 className="kern-heading-large">{t('providerArea.title')}</h1>
      <dl className="ww-facts">
        <dt>{t('providerArea.organisation')}</dt>
        <dd>
          {provider.status === 'approved' ? (
            <LocalizedLink className="kern-link" to={`/anbieter/${provider.slug}`}>
              {provider.name}
            </LocalizedLink>
          ) : (
            provider.name
          )}
        </dd>
        <dt>{t('providerArea.status')}</dt>
        <dd>{t(`providerStatus.${provider.status}`)}</dd>
        <dt>{t('providerArea.role')}</dt>
        <dd>{t(`memberRoles.${role}`)}</dd>
      </dl>
      <p className="kern-body">
        {provider.status === 'pending'
          ? t('providerArea.pending')
          : provider.status === 'suspended'
            ? t('providerArea.suspended')
            : t('providerArea.approved')}
      </p>
      <ul className="kern-list">
        <li>
          <LocalizedLink className="kern-link" to="/anbieterbereich/organisation">
            {tp('list.organisation')}
          </LocalizedLink>
        </li>
        <li>
          <LocalizedLink className="kern-link" to="/anbieterbereich/team">
            {tp('list.team')}
          </LocalizedLink>
        </li>
        <li>
          <LocalizedLink className="kern-link" to="/anbieterbereich/vermittlungen">
            {tr('inbox.title')}
          </LocalizedLink>
        </li>
      </ul>
      <section aria-labelledby="offers-heading" className="kern-stack">
        <h2 className="kern-heading-medium" id="offers-heading">
          {tp('list.heading')}
        </h2>
        {canCreate ? (
          <p>
            <LocalizedLink className="kern-btn kern-btn--primary" to="/anbieterbereich/angebote/neu">
              <span className="kern-label">{tp('list.new')}</span>
            </LocalizedLink>{' '}
            <LocalizedLink className="kern-btn kern-btn--secondary" to="/anbieterbereich/import">
              <span className="kern-label">{tp('list.import')}</span>
            </LocalizedLink>
          </p>
        ) : null}
        {offers.length > 0 ? (
          <ul className="kern-list">
            <li>
              <a className="kern-link" href="/anbieterbereich/export/jsonld" download>
                {tp('list.exportJsonld')}
              </a>
            </li>
            <li>
              <a className="kern-link" href="/anbieterbereich/export/xml" download>
                {tp('list.exportXml')}
              </a>
            </li>
          </ul>
        ) : null}
        {offers.length === 0 ? (
          <p className="kern-body">{tp('list.empty')}</p>
        ) : (
          <div className="ww-table-scroll">
            <table className="kern-table ww-table">
              <caption className="kern-sr-only">{tp('list.heading')}</caption>
              <thead>
                <tr>
                  <th scope="col">{tp('list.title')}</th>
                  <th scope="col">{tp('list.status')}</th>
                  <th scope="col">{tp('list.next')}</th>
                  <th scope="col">{tp('list.changed')}</th>
                </tr>
              </thead>
              <tbody>
                {offers.map((o) => (
                  <tr key={o.id}>
                    <th scope="row">
                      {canCreate ? (
                        <LocalizedLink
                          className="kern-link"
                          to={`/anbieterbereich/angebote/${o.id}`}
                          lang="de"
                          dir="auto"
                        >
                          {o.title}
                        </LocalizedLink>
                      ) : (
                        <span lang="de" dir="auto">
                          {o.title}
                        </span>
                      )}
                    </th>
                    <td>{tp(`status.${o.status}`)}</td>
                    <td>{o.nextStart ? formatDate(o.nextStart, i18n.language) : '–'}</td>
                    <td>{formatDateTime(o.updatedAt, i18n.language)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </div>
  );
}
