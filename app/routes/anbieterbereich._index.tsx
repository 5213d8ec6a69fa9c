import type { LoaderFunctionArgs } from '@remix-run/node';
import { useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { requireProviderStaff } from '~/auth/guard.server';
import { LocalizedLink } from '~/components/localized-link';
import { pageTitle } from '~/i18next.server';
import { titleMeta } from '~/utils/meta';

export const meta = titleMeta;
export const handle = { i18n: ['account'] };

/**
 * Provider staff's start page: which organisation, its approval status, their role.
 * Offer editing and imports arrive with the publishing capability behind this guard.
 */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requireProviderStaff(request, context, 'read:provider:own');
  const m = user.membership;
  return {
    title: await pageTitle(request, 'account:providerArea.title'),
    provider: { name: m.providerName, slug: m.providerSlug, status: m.providerStatus },
    role: m.role,
  };
}

export default function ProviderArea() {
  const { provider, role } = useLoaderData<typeof loader>();
  const { t } = useTranslation('account');
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
    </div>
  );
}
