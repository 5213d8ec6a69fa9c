import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node';
import { data, redirect } from '@remix-run/node';
import { Form, useActionData, useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { requirePermission } from '~/auth/guard.server';
import { AdminNav } from '~/components/admin-nav';
import { FilterBar, FilterSelect, FilterText } from '~/components/filter-bar';
import { Notice } from '~/components/form';
import { LocalizedLink } from '~/components/localized-link';
import { pageTitle } from '~/i18next.server';
import { approveOffer, listOffers, OFFERS_PER_PAGE, unpublishOffer } from '~/modules/admin/admin.server';
import { PageLinks } from '~/modules/admin/components/page-links';
import { idSchema, offerFilterSchema, parseQuery, reasonSchema } from '~/modules/admin/schemas';
import { CATEGORIES } from '~/modules/catalogue/schemas';
import { formatDateTime, formatNumber } from '~/utils/format';
import { readForm } from '~/utils/forms.server';
import { baseUrlOf, throwAsResponse } from '~/utils/http.server';
import { titleMeta } from '~/utils/meta';

export const meta = titleMeta;
export const handle = { i18n: ['account', 'provider', 'catalogue'] };

const STATUSES = ['published', 'review', 'draft', 'taken_down', 'archived'] as const;

/**
 * Every offer of every provider: search, filters and pages in the URL (plain GET form),
 * the latest change first. Offers waiting for review are approved here; a published one
 * is taken out of the search with a reason the provider's staff receive.
 */
export async function loader({ request, context }: LoaderFunctionArgs) {
  await requirePermission(request, context, 'read:provider:any');
  const filter = parseQuery(offerFilterSchema, request);
  const result = await listOffers(filter);
  return {
    title: await pageTitle(request, 'account:admin.moderation.title'),
    filter,
    perPage: OFFERS_PER_PAGE,
    done: new URL(request.url).searchParams.get('hinweis'),
    ...result,
    offers: result.offers.map((o) => ({
      ...o,
      reviewRequestedAt: o.reviewRequestedAt?.toISOString() ?? null,
      updatedAt: o.updatedAt.toISOString(),
    })),
  };
}

/** The list's address with other parameters: the filters stay, a notice or page changes. */
function listUrl(search: URLSearchParams, changes: Record<string, string | null>) {
  const params = new URLSearchParams(search);
  for (const [key, value] of Object.entries(changes)) {
    if (value === null) params.delete(key);
    else params.set(key, value);
  }
  const query = params.toString();
  return `/admin/angebote${query ? `?${query}` : ''}`;
}

export async function action({ request, context }: ActionFunctionArgs) {
  const admin = await requirePermission(request, context, 'update:provider:any');
  const form = await readForm(request);
  const id = idSchema.safeParse(form.get('offerId'));
  if (!id.success) throw new Response('bad request', { status: 400 });
  const meta = { adminId: admin.id, ip: context.clientIp, baseUrl: baseUrlOf(request) };
  const search = new URL(request.url).searchParams;
  const intent = form.get('intent');
  if (intent === 'approve') {
    await approveOffer(id.data, meta).catch(throwAsResponse);
    return redirect(listUrl(search, { hinweis: 'approved' }));
  }
  if (intent === 'unpublish') {
    const reason = reasonSchema.safeParse(form.get('reason') ?? '');
    if (!reason.success)
      return data({ offerId: id.data, error: reason.error.issues[0]!.message }, { status: 400 });
    await unpublishOffer(id.data, reason.data, meta).catch(throwAsResponse);
    return redirect(listUrl(search, { hinweis: 'unpublished' }));
  }
  throw new Response('bad request', { status: 400 });
}

export default function Moderation() {
  const d = useLoaderData<typeof loader>();
  const failed = useActionData<typeof action>();
  const { t, i18n } = useTranslation('account');
  const tp = useTranslation('provider').t;
  const tc = useTranslation('catalogue').t;
  const lng = i18n.language;
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(d.filter))
    if (value !== undefined && key !== 'page') search.set(key, String(value));
  const pageHref = (page: number) => listUrl(search, { page: page > 1 ? String(page) : null });
  const first = (d.filter.page - 1) * d.perPage + 1;
  return (
    <div className="kern-stack">
      <h1 className="kern-heading-large">{t('admin.moderation.title')}</h1>
      <AdminNav />
      <p className="kern-body">{t('admin.moderation.intro')}</p>
      {d.done === 'approved' || d.done === 'unpublished' ? (
        <Notice title={t(`admin.moderation.${d.done}`)} />
      ) : null}
      {d.waiting > 0 && d.filter.status !== 'review' ? (
        <p className="kern-body">
          <LocalizedLink className="kern-link" to={listUrl(new URLSearchParams(), { status: 'review' })}>
            {t('admin.moderation.waitingCount', { count: d.waiting })}
          </LocalizedLink>
        </p>
      ) : null}
      <FilterBar submitLabel={t('admin.filter')}>
        <FilterText id="offers-q" name="q" label={t('admin.moderation.search')} value={d.filter.q} />
        <FilterSelect
          id="offers-status"
          name="status"
          label={t('admin.users.status')}
          value={d.filter.status}
          allLabel={t('admin.all')}
          options={STATUSES.map((v) => ({ value: v, label: t(`admin.moderation.statuses.${v}`) }))}
        />
        <FilterSelect
          id="offers-provider"
          name="provider"
          label={t('admin.moderation.provider')}
          value={d.filter.provider === undefined ? undefined : String(d.filter.provider)}
          allLabel={t('admin.all')}
          options={d.providers.map((p) => ({ value: String(p.id), label: p.name }))}
        />
        <FilterSelect
          id="offers-category"
          name="category"
          label={t('admin.moderation.category')}
          value={d.filter.category}
          allLabel={t('admin.all')}
          options={CATEGORIES.map((c) => ({ value: c, label: tc(`categories.${c}`) }))}
        />
        <FilterText
          id="offers-since"
          name="since"
          label={t('admin.moderation.since')}
          value={d.filter.since}
          type="date"
        />
      </FilterBar>
      <h2 className="kern-heading-medium" id="offers-count">
        {d.total === 0
          ? t('admin.moderation.none')
          : t('admin.moderation.count', {
              count: d.total,
              total: formatNumber(d.total, lng),
              from: formatNumber(Math.min(first, d.total), lng),
              to: formatNumber(Math.min(first + d.offers.length - 1, d.total), lng),
            })}
      </h2>
      {d.offers.length === 0 && d.total > 0 ? (
        <p className="kern-body">
          <LocalizedLink className="kern-link" to={pageHref(1)}>
            {t('admin.moderation.toFirstPage')}
          </LocalizedLink>
        </p>
      ) : null}
      <ul className="ww-admin-list" aria-labelledby="offers-count">
        {d.offers.map((o) => {
          const error = failed && 'offerId' in failed && failed.offerId === o.id ? failed.error : null;
          const canTakeDown = o.status === 'published' || o.reviewRequestedAt !== null;
          return (
            <li key={o.id} className="ww-admin-card kern-stack-sm">
              <h3 className="kern-heading-small" lang="de" dir="auto">
                {o.status === 'published' ? (
                  <LocalizedLink className="kern-link" to={`/angebote/${o.id}`}>
                    {o.title}
                  </LocalizedLink>
                ) : (
                  o.title
                )}
              </h3>
              <p className="kern-body">
                <span lang="de">{o.providerName}</span> · {tp(`status.${o.status}`)} ·{' '}
                {tc(`categories.${o.category}`)}
                {o.courseNumber ? (
                  <>
                    {' · '}
                    {t('admin.moderation.courseNumber', { number: o.courseNumber })}
                  </>
                ) : null}
                {' · '}
                {o.reviewRequestedAt
                  ? t('admin.moderation.waiting', { date: formatDateTime(o.reviewRequestedAt, lng) })
                  : t('admin.moderation.changed', { date: formatDateTime(o.updatedAt, lng) })}
              </p>
              {o.moderationNote ? (
                <p className="kern-body">
                  {t('admin.moderation.takenDownBecause')} <span lang="de">{o.moderationNote}</span>
                </p>
              ) : null}
              {o.reviewRequestedAt ? (
                <Form method="post">
                  <input type="hidden" name="intent" value="approve" />
                  <input type="hidden" name="offerId" value={o.id} />
                  <button type="submit" className="kern-btn kern-btn--primary">
                    <span className="kern-label">{t('admin.moderation.approve', { title: o.title })}</span>
                  </button>
                </Form>
              ) : null}
              {canTakeDown ? (
                <details open={Boolean(error)}>
                  <summary className="kern-body">
                    {t('admin.moderation.takeDown')}
                    <span className="kern-sr-only">: {o.title}</span>
                  </summary>
                  <Form method="post" className="kern-stack-sm">
                    <input type="hidden" name="intent" value="unpublish" />
                    <input type="hidden" name="offerId" value={o.id} />
                    <div className={`kern-form-input${error ? ' kern-form-input--error' : ''}`}>
                      <label className="kern-label" htmlFor={`reason-${o.id}`}>
                        {t('admin.moderation.reason')}
                      </label>
                      {error ? (
                        <p className="kern-error" id={`reason-${o.id}-error`} role="alert">
                          <span className="kern-icon kern-icon--danger" aria-hidden="true" />
                          <span>{t(error)}</span>
                        </p>
                      ) : null}
                      <textarea
                        className="kern-form-input__input"
                        id={`reason-${o.id}`}
                        name="reason"
                        rows={2}
                        maxLength={2000}
                        aria-invalid={error ? true : undefined}
                        aria-describedby={error ? `reason-${o.id}-error` : undefined}
                      />
                    </div>
                    <button type="submit" className="kern-btn kern-btn--secondary">
                      <span className="kern-label">
                        {t('admin.moderation.unpublish', { title: o.title })}
                      </span>
                    </button>
                  </Form>
                </details>
              ) : null}
            </li>
          );
        })}
      </ul>
      <PageLinks page={d.filter.page} pages={d.pages} href={pageHref} />
    </div>
  );
}
