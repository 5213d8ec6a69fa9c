import type { LoaderFunctionArgs } from '@remix-run/node';
import { useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { requirePermission } from '~/auth/guard.server';
import { AdminNav } from '~/components/admin-nav';
import { pageTitle } from '~/i18next.server';
import { overview } from '~/modules/admin/admin.server';
import { formatNumber } from '~/utils/format';
import { titleMeta } from '~/utils/meta';

export const meta = titleMeta;
export const handle = { i18n: ['account'] };

export async function loader({ request, context }: LoaderFunctionArgs) {
  await requirePermission(request, context, 'read:admin:any');
  return { title: await pageTitle(request, 'account:admin.title'), ...(await overview()) };
}

export default function AdminHome() {
  const d = useLoaderData<typeof loader>();
  const { t, i18n } = useTranslation('account');
  return (
    <div className="kern-stack">
      <h1 className="kern-heading-large">{t('admin.title')}</h1>
      <AdminNav />
      <section aria-labelledby="providers-heading">
        <h2 className="kern-heading-medium" id="providers-heading">
          {t('admin.providersHeading')}
        </h2>
        <ul className="kern-list">
          {d.providerCounts.map((c) => (
            <li key={c.status}>
              {t(`providerStatus.${c.status}`)}: {formatNumber(c.n, i18n.language)}
            </li>
          ))}
        </ul>
      </section>
      <section aria-labelledby="users-heading">
        <h2 className="kern-heading-medium" id="users-heading">
          {t('admin.usersHeading')}
        </h2>
        <ul className="kern-list">
          {d.userCounts.map((c) => (
            <li key={`${c.role}-${c.status}`}>
              {t(`roles.${c.role}`)} ({t(`userStatus.${c.status}`)}): {formatNumber(c.n, i18n.language)}
            </li>
          ))}
        </ul>
      </section>
    </div>
  );
}
