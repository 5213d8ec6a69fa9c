import type { LoaderFunctionArgs } from '@remix-run/node';
import { Form, useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { requirePermission } from '~/auth/guard.server';
import { AdminNav } from '~/components/admin-nav';
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
  const field = (name: keyof typeof d.filter, label: string, type = 'text') => (
    <div className="kern-form-input">
      <label className="kern-label" htmlFor={`audit-${name}`}>
        {label}
      </label>
      <input
        className="kern-form-input__input"
        id={`audit-${name}`}
        name={name === 'actor' ? 'actor' : name}
        type={type}
        defaultValue={d.filter[name] === undefined ? '' : String(d.filter[name])}
        maxLength={80}
      />
    </div>
  );
  return (
    <div className="kern-stack">
      <h1 className="kern-heading-large">{t('admin.audit.title')}</h1>
      <AdminNav />
      <p className="kern-body">{t('admin.audit.intro')}</p>
      <Form method="get" className="ww-filter-bar">
        {field('action', t('admin.audit.action'))}
        <div className="kern-form-input">
          <label className="kern-label" htmlFor="audit-outcome">
            {t('admin.audit.outcome')}
          </label>
          <div className="kern-form-input__select-wrapper">
            <select
              className="kern-form-input__select"
              id="audit-outcome"
              name="outcome"
              defaultValue={d.filter.outcome ?? ''}
            >
              <option value="">{t('admin.all')}</option>
              {(['success', 'failure', 'denied'] as const).map((o) => (
                <option key={o} value={o}>
                  {t(`admin.audit.outcomes.${o}`)}
                </option>
              ))}
            </select>
          </div>
        </div>
        {field('actor', t('admin.audit.actor'))}
        {field('targetType', t('admin.audit.targetType'))}
        {field('targetId', t('admin.audit.targetId'))}
        {field('from', t('admin.audit.from'), 'date')}
        {field('to', t('admin.audit.to'), 'date')}
        <button type="submit" className="kern-btn kern-btn--secondary">
          <span className="kern-label">{t('admin.filter')}</span>
        </button>
      </Form>
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
