import type { LoaderFunctionArgs } from '@remix-run/node';
import { useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { requirePermission } from '~/auth/guard.server';
import { AdminNav } from '~/components/admin-nav';
import { FilterBar, FilterSelect, FilterText } from '~/components/filter-bar';
import { LocalizedLink } from '~/components/localized-link';
import { pageTitle } from '~/i18next.server';
import { auditLog } from '~/modules/admin/admin.server';
import { auditFilterSchema, parseQuery } from '~/modules/admin/schemas';
import { formatDateTime } from '~/utils/format';
import { titleMeta } from '~/utils/meta';

export const meta = titleMeta;
export const handle = { i18n: ['account'] };

export async function loader({ request, context }: LoaderFunctionArgs) {
  await requirePermission(request, context, 'read:audit:any');
  const f = parseQuery(auditFilterSchema, request);
  const to = f.to ? new Date(`${f.to}T00:00:00Z`) : undefined;
  if (to) to.setUTCDate(to.getUTCDate() + 1);
  const result = await auditLog({
    action: f.action,
    outcome: f.outcome,
    actorUserId: f.actor,
    targetType: f.targetType,
    targetId: f.targetId,
    from: f.from ? new Date(`${f.from}T00:00:00Z`) : undefined,
    to,
    beforeId: f.before,
  });
  const next = new URL(request.url).searchParams;
  if (result.nextBeforeId) next.set('before', String(result.nextBeforeId));
  return {
    title: await pageTitle(request, 'account:admin.audit.title'),
    filter: f,
    nextHref: result.nextBeforeId ? `/admin/protokoll?${next}` : null,
    entries: result.entries.map((e) => ({ ...e, at: e.at.toISOString(), detail: JSON.stringify(e.detail) })),
  };
}

export default function AdminAudit() {
  const d = useLoaderData<typeof loader>();
  const { t, i18n } = useTranslation('account');
  return (
    <div className="kern-stack">
      <h1 className="kern-heading-large">{t('admin.audit.title')}</h1>
      <AdminNav />
      <p className="kern-body">{t('admin.audit.intro')}</p>
      <FilterBar submitLabel={t('admin.filter')}>
        <FilterText
          id="audit-action"
          name="action"
          label={t('admin.audit.action')}
          value={d.filter.action}
          maxLength={80}
        />
        <FilterSelect
          id="audit-outcome"
          name="outcome"
          label={t('admin.audit.outcome')}
          value={d.filter.outcome}
          allLabel={t('admin.all')}
          options={(['success', 'failure', 'denied'] as const).map((v) => ({
            value: v,
            label: t(`admin.audit.outcomes.${v}`),
          }))}
        />
        <FilterText
          id="audit-actor"
          name="actor"
          label={t('admin.audit.actor')}
          value={d.filter.actor}
          type="text"
        />
        <FilterText
          id="audit-targetType"
          name="targetType"
          label={t('admin.audit.targetType')}
          value={d.filter.targetType}
          type="text"
        />
        <FilterText
          id="audit-targetId"
          name="targetId"
          label={t('admin.audit.targetId')}
          value={d.filter.targetId}
          type="text"
        />
        <FilterText
          id="audit-from"
          name="from"
          label={t('admin.audit.from')}
          value={d.filter.from}
          type="date"
        />
        <FilterText id="audit-to" name="to" label={t('admin.audit.to')} value={d.filter.to} type="date" />
      </FilterBar>
      <div className="ww-table-scroll">
        <table className="kern-table ww-table">
          <caption className="kern-sr-only">{t('admin.audit.title')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('admin.audit.at')}</th>
              <th scope="col">{t('admin.audit.action')}</th>
              <th scope="col">{t('admin.audit.outcome')}</th>
              <th scope="col">{t('admin.audit.actor')}</th>
              <th scope="col">{t('admin.audit.target')}</th>
              <th scope="col">{t('admin.audit.detail')}</th>
            </tr>
          </thead>
          <tbody>
            {d.entries.map((e) => (
              <tr key={e.id}>
                <td>{formatDateTime(e.at, i18n.language)}</td>
                <th scope="row">
                  <code>{e.action}</code>
                </th>
                <td>{t(`admin.audit.outcomes.${e.outcome}`)}</td>
                <td>{e.actorUserId ? `#${e.actorUserId}${e.actorEmail ? ` ${e.actorEmail}` : ''}` : '–'}</td>
                <td>{e.targetType ? `${e.targetType} ${e.targetId ?? ''}` : '–'}</td>
                <td>
                  <code className="ww-detail">{e.detail === '{}' ? '' : e.detail}</code>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {d.entries.length === 0 ? <p className="kern-body">{t('admin.audit.empty')}</p> : null}
      {d.nextHref ? (
        <p>
          <LocalizedLink className="kern-link" to={d.nextHref}>
            {t('admin.more')}
          </LocalizedLink>
        </p>
      ) : null}
    </div>
  );
}
