import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node';
import { redirect } from '@remix-run/node';
import { Form, useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { requirePermission } from '~/auth/guard.server';
import { AdminNav } from '~/components/admin-nav';
import { FilterBar, FilterSelect, FilterText } from '~/components/filter-bar';
import { LocalizedLink } from '~/components/localized-link';
import { pageTitle } from '~/i18next.server';
import { listProviders, setMemberStatus, setPreModeration } from '~/modules/admin/admin.server';
import { idSchema, parseQuery, providerFilterSchema } from '~/modules/admin/schemas';
import { formatDateTime } from '~/utils/format';
import { readForm } from '~/utils/forms.server';
import { throwAsResponse } from '~/utils/http.server';
import { titleMeta } from '~/utils/meta';

export const meta = titleMeta;
export const handle = { i18n: ['account'] };

export async function loader({ request, context }: LoaderFunctionArgs) {
  await requirePermission(request, context, 'read:provider:any');
  const filter = parseQuery(providerFilterSchema, request);
  const result = await listProviders(filter);
  return {
    title: await pageTitle(request, 'account:admin.providers.title'),
    filter,
    hasMore: result.hasMore,
    providers: result.providers.map((p) => ({ ...p, createdAt: p.createdAt.toISOString() })),
  };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const admin = await requirePermission(request, context, 'update:provider:any');
  const form = await readForm(request);
  const intent = form.get('intent');
  const id = idSchema.safeParse(form.get('id'));
  if (!id.success) throw new Response('bad request', { status: 400 });
  const meta = { adminId: admin.id, ip: context.clientIp };
  // Approving and suspending happen on the provider's own page, after its details were seen.
  if (intent === 'pre-moderation-on' || intent === 'pre-moderation-off')
    await setPreModeration(id.data, intent === 'pre-moderation-on', meta).catch(throwAsResponse);
  else if (intent === 'suspend-member' || intent === 'reinstate-member')
    await setMemberStatus(id.data, intent === 'suspend-member' ? 'suspended' : 'active', meta).catch(
      throwAsResponse,
    );
  else throw new Response('bad request', { status: 400 });
  // Back to the list as it was filtered (without Remix's "?index" marker of index-route forms).
  const search = new URL(request.url).searchParams;
  search.delete('index');
  return redirect(`/admin/anbieter${search.size ? `?${search}` : ''}`);
}

function ActionButton({ intent, id, label }: { intent: string; id: number; label: string }) {
  return (
    <Form method="post">
      <input type="hidden" name="intent" value={intent} />
      <input type="hidden" name="id" value={id} />
      <button type="submit" className="kern-btn kern-btn--tertiary">
        <span className="kern-label">{label}</span>
      </button>
    </Form>
  );
}

export default function AdminProviders() {
  const d = useLoaderData<typeof loader>();
  const { t, i18n } = useTranslation('account');
  return (
    <div className="kern-stack">
      <h1 className="kern-heading-large">{t('admin.providers.title')}</h1>
      <AdminNav />
      <FilterBar submitLabel={t('admin.filter')}>
        <FilterText id="providers-q" name="q" label={t('admin.providers.search')} value={d.filter.q} />
        <FilterSelect
          id="providers-status"
          name="status"
          label={t('admin.users.status')}
          value={d.filter.status}
          allLabel={t('admin.all')}
          options={(['pending', 'approved', 'suspended'] as const).map((v) => ({
            value: v,
            label: t(`providerStatus.${v}`),
          }))}
        />
      </FilterBar>
      <ul className="ww-admin-list">
        {d.providers.map((p) => (
          <li key={p.id} className="ww-admin-card">
            <h2 className="kern-heading-small">
              {p.status === 'approved' ? (
                <LocalizedLink className="kern-link" to={`/anbieter/${p.slug}`}>
                  {p.name}
                </LocalizedLink>
              ) : (
                p.name
              )}
            </h2>
            <p className="kern-body">
              {t(`providerStatus.${p.status}`)} · {t(`providerKinds.${p.kind}`)} ·{' '}
              {t('admin.providers.offers', { count: p.offers })} ·{' '}
              {t('admin.providers.since', { date: formatDateTime(p.createdAt, i18n.language) })}
            </p>
            <div className="ww-actions">
              <LocalizedLink className="kern-btn kern-btn--secondary" to={`/admin/anbieter/${p.id}`}>
                <span className="kern-label">
                  {t(
                    p.status === 'pending' ? 'admin.providers.review.open' : 'admin.providers.review.details',
                    {
                      name: p.name,
                    },
                  )}
                </span>
              </LocalizedLink>
              <ActionButton
                intent={p.preModeration ? 'pre-moderation-off' : 'pre-moderation-on'}
                id={p.id}
                label={t(
                  p.preModeration ? 'admin.providers.preModerationOff' : 'admin.providers.preModerationOn',
                  { name: p.name },
                )}
              />
            </div>
            {p.members.length > 0 ? (
              <table className="kern-table ww-table">
                <caption className="kern-title">{t('admin.providers.staff')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('fields.displayName')}</th>
                    <th scope="col">{t('fields.email')}</th>
                    <th scope="col">{t('admin.users.role')}</th>
                    <th scope="col">{t('admin.users.status')}</th>
                    <th scope="col">{t('admin.actions')}</th>
                  </tr>
                </thead>
                <tbody>
                  {p.members.map((m) => (
                    <tr key={m.userId}>
                      <th scope="row">{m.displayName}</th>
                      <td>{m.email}</td>
                      <td>{t(`memberRoles.${m.role}`)}</td>
                      <td>{t(`memberStatus.${m.status}`)}</td>
                      <td>
                        {m.status === 'active' ? (
                          <ActionButton
                            intent="suspend-member"
                            id={m.userId}
                            label={t('admin.providers.suspendMember', { name: m.displayName ?? '' })}
                          />
                        ) : (
                          <ActionButton
                            intent="reinstate-member"
                            id={m.userId}
                            label={t('admin.providers.reinstateMember', { name: m.displayName ?? '' })}
                          />
                        )}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            ) : null}
          </li>
        ))}
      </ul>
      {d.hasMore ? (
        <p>
          <LocalizedLink
            className="kern-link"
            to={`/admin/anbieter?page=${d.filter.page + 1}${d.filter.status ? `&status=${d.filter.status}` : ''}${d.filter.q ? `&q=${encodeURIComponent(d.filter.q)}` : ''}`}
          >
            {t('admin.more')}
          </LocalizedLink>
        </p>
      ) : null}
    </div>
  );
}
