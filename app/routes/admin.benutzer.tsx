import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node';
import { redirect } from '@remix-run/node';
import { Form, useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { requirePermission } from '~/auth/guard.server';
import { AdminNav } from '~/components/admin-nav';
import { FilterBar, FilterSelect, FilterText } from '~/components/filter-bar';
import { LocalizedLink } from '~/components/localized-link';
import { pageTitle } from '~/i18next.server';
import { listUsers, resetSecondFactor, setUserStatus } from '~/modules/admin/admin.server';
import { idSchema, parseQuery, userFilterSchema } from '~/modules/admin/schemas';
import { formatDateTime } from '~/utils/format';
import { readForm } from '~/utils/forms.server';
import { throwAsResponse } from '~/utils/http.server';
import { titleMeta } from '~/utils/meta';

export const meta = titleMeta;
export const handle = { i18n: ['account'] };

export async function loader({ request, context }: LoaderFunctionArgs) {
  await requirePermission(request, context, 'read:user:any');
  const filter = parseQuery(userFilterSchema, request);
  const result = await listUsers(filter);
  return {
    title: await pageTitle(request, 'account:admin.users.title'),
    filter,
    hasMore: result.hasMore,
    users: result.users.map((u) => ({
      ...u,
      createdAt: u.createdAt.toISOString(),
      lastSeenAt: u.lastSeenAt?.toISOString() ?? null,
    })),
  };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const admin = await requirePermission(request, context, 'update:user:any');
  const form = await readForm(request);
  const userId = idSchema.safeParse(form.get('userId'));
  if (!userId.success) throw new Response('bad request', { status: 400 });
  const meta = { adminId: admin.id, ip: context.clientIp };
  const status = form.get('status');
  if (form.get('intent') === 'reset-second-factor')
    await resetSecondFactor(userId.data, meta).catch(throwAsResponse);
  else if (status === 'active' || status === 'disabled')
    await setUserStatus(userId.data, status, meta).catch(throwAsResponse);
  else throw new Response('bad request', { status: 400 });
  const back = new URL(request.url);
  return redirect(`/admin/benutzer${back.search}`);
}

export default function AdminUsers() {
  const d = useLoaderData<typeof loader>();
  const { t, i18n } = useTranslation('account');
  const next = new URLSearchParams({
    ...(d.filter.q ? { q: d.filter.q } : {}),
    ...(d.filter.role ? { role: d.filter.role } : {}),
    ...(d.filter.status ? { status: d.filter.status } : {}),
    page: String(d.filter.page + 1),
  });
  return (
    <div className="kern-stack">
      <h1 className="kern-heading-large">{t('admin.users.title')}</h1>
      <AdminNav />
      <FilterBar submitLabel={t('admin.filter')}>
        <FilterText id="users-q" name="q" label={t('admin.users.search')} value={d.filter.q} />
        <FilterSelect
          id="users-role"
          name="role"
          label={t('admin.users.role')}
          value={d.filter.role}
          allLabel={t('admin.all')}
          options={(['citizen', 'provider', 'counsellor', 'planner', 'admin'] as const).map((r) => ({
            value: r,
            label: t(`roles.${r}`),
          }))}
        />
        <FilterSelect
          id="users-status"
          name="status"
          label={t('admin.users.status')}
          value={d.filter.status}
          allLabel={t('admin.all')}
          options={(['active', 'disabled'] as const).map((v) => ({ value: v, label: t(`userStatus.${v}`) }))}
        />
      </FilterBar>
      <div className="ww-table-scroll">
        <table className="kern-table ww-table">
          <caption className="kern-sr-only">{t('admin.users.title')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('fields.displayName')}</th>
              <th scope="col">{t('fields.email')}</th>
              <th scope="col">{t('admin.users.role')}</th>
              <th scope="col">{t('admin.users.status')}</th>
              <th scope="col">{t('admin.users.lastSeen')}</th>
              <th scope="col">{t('admin.actions')}</th>
            </tr>
          </thead>
          <tbody>
            {d.users.map((u) => (
              <tr key={u.id}>
                <th scope="row">{u.displayName}</th>
                <td>{u.email}</td>
                <td>
                  {t(`roles.${u.role}`)}
                  {u.providerName ? ` – ${u.providerName}` : ''}
                  {u.totpEnabled ? ` · ${t('admin.users.totp')}` : ''}
                </td>
                <td>
                  {t(`userStatus.${u.status}`)}
                  {u.emailVerified ? '' : ` · ${t('admin.users.unverified')}`}
                </td>
                <td>{u.lastSeenAt ? formatDateTime(u.lastSeenAt, i18n.language) : '–'}</td>
                <td>
                  <Form method="post">
                    <input type="hidden" name="userId" value={u.id} />
                    <input
                      type="hidden"
                      name="status"
                      value={u.status === 'active' ? 'disabled' : 'active'}
                    />
                    <button type="submit" className="kern-btn kern-btn--tertiary">
                      <span className="kern-label">
                        {u.status === 'active'
                          ? t('admin.users.disable', { name: u.displayName ?? u.email })
                          : t('admin.users.enable', { name: u.displayName ?? u.email })}
                      </span>
                    </button>
                  </Form>
                  {u.totpEnabled ? (
                    <Form method="post">
                      <input type="hidden" name="userId" value={u.id} />
                      <input type="hidden" name="intent" value="reset-second-factor" />
                      <button type="submit" className="kern-btn kern-btn--tertiary">
                        <span className="kern-label">
                          {t('admin.users.resetTotp', { name: u.displayName ?? u.email })}
                        </span>
                      </button>
                    </Form>
                  ) : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {d.hasMore ? (
        <p>
          <LocalizedLink className="kern-link" to={`/admin/benutzer?${next}`}>
            {t('admin.more')}
          </LocalizedLink>
        </p>
      ) : null}
    </div>
  );
}
