import type { LoaderFunctionArgs } from '@remix-run/node';
import { useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { requirePermission } from '~/auth/guard.server';
import { AdminNav } from '~/components/admin-nav';
import { FilterBar, FilterSelect } from '~/components/filter-bar';
import { pageTitle } from '~/i18next.server';
import { mailStatus } from '~/modules/admin/admin.server';
import { mailFilterSchema, parseQuery } from '~/modules/admin/schemas';
import { templateNameKey } from '~/modules/mail/template-name';
import { formatDateTime } from '~/utils/format';
import { titleMeta } from '~/utils/meta';

export const meta = titleMeta;
export const handle = { i18n: ['account'] };

const STATES = ['created', 'retry', 'active', 'completed', 'failed', 'cancelled'] as const;

/** Delivery status of every mail: queued, retrying, sent, or failed for good (dead-letter queue). */
export async function loader({ request, context }: LoaderFunctionArgs) {
  await requirePermission(request, context, 'read:mail:any');
  const filter = parseQuery(mailFilterSchema, request);
  const jobs = await mailStatus(filter.state);
  return {
    title: await pageTitle(request, 'account:admin.mail.title'),
    filter,
    jobs: jobs.map((j) => ({
      ...j,
      createdOn: j.createdOn.toISOString(),
      completedOn: j.completedOn?.toISOString() ?? null,
    })),
  };
}

export default function AdminMail() {
  const d = useLoaderData<typeof loader>();
  const { t, i18n } = useTranslation('account');
  return (
    <div className="kern-stack">
      <h1 className="kern-heading-large">{t('admin.mail.title')}</h1>
      <AdminNav />
      <p className="kern-body">{t('admin.mail.intro')}</p>
      <FilterBar submitLabel={t('admin.filter')}>
        <FilterSelect
          id="mail-state"
          name="state"
          label={t('admin.mail.state')}
          value={d.filter.state}
          allLabel={t('admin.all')}
          options={STATES.map((v) => ({ value: v, label: t(`admin.mail.states.${v}`) }))}
        />
      </FilterBar>
      <div className="ww-table-scroll">
        <table className="kern-table ww-table">
          <caption className="kern-sr-only">{t('admin.mail.title')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('admin.mail.created')}</th>
              <th scope="col">{t('admin.mail.template')}</th>
              <th scope="col">{t('admin.mail.to')}</th>
              <th scope="col">{t('admin.mail.state')}</th>
              <th scope="col">{t('admin.mail.attempts')}</th>
              <th scope="col">{t('admin.mail.error')}</th>
            </tr>
          </thead>
          <tbody>
            {d.jobs.map((j) => (
              <tr key={`${j.queue}-${j.id}`}>
                <td>{formatDateTime(j.createdOn, i18n.language)}</td>
                <th scope="row">
                  {j.template
                    ? t(`admin.mail.templates.${templateNameKey(j.template)}`, { defaultValue: j.template })
                    : '–'}
                </th>
                <td>{j.to}</td>
                <td>
                  {j.queue === 'mail-failed'
                    ? t('admin.mail.deadLetter')
                    : t(`admin.mail.states.${j.state}`, { defaultValue: j.state })}
                  {j.completedOn && j.state === 'completed'
                    ? ` (${formatDateTime(j.completedOn, i18n.language)})`
                    : ''}
                </td>
                <td>{j.retryCount + 1}</td>
                <td>{j.error ?? ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {d.jobs.length === 0 ? <p className="kern-body">{t('admin.mail.empty')}</p> : null}
    </div>
  );
}
