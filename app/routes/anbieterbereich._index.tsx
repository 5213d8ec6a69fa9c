import type { LoaderFunctionArgs } from '@remix-run/node';
import { Form, useLoaderData } from '@remix-run/react';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { requireProviderStaff } from '~/auth/guard.server';
import { can } from '~/auth/permissions';
import { FilterBar, FilterSelect, FilterText } from '~/components/filter-bar';
import { Notice } from '~/components/form';
import { LocalizedLink } from '~/components/localized-link';
import { pageTitle } from '~/i18next.server';
import { PageLinks } from '~/modules/admin/components/page-links';
import { CATEGORIES } from '~/modules/catalogue/schemas';
import { listOwnOffers } from '~/modules/providers/offers.server';
import {
  BULK_ACTIONS,
  OFFER_LIST_NEXT,
  OFFER_LIST_SORTS,
  OFFER_LIST_STATUSES,
  OFFERS_PER_PAGE,
  type OfferListQuery,
  offerListSchema,
} from '~/modules/providers/schemas';
import { formatDate, formatDateTime, formatNumber } from '~/utils/format';
import { titleMeta } from '~/utils/meta';

export const meta = titleMeta;
export const handle = { i18n: ['account', 'provider', 'catalogue', 'planning', 'referrals'] };

const BULK_NOTICES = new Set(['archive', 'unpublish', 'duplicate']);

/**
 * Provider staff's start page: the organisation, its approval status, their role, and the
 * offers — searched, filtered, sorted and 50 a page, with the whole state in the address
 * (GET forms, so it works without JavaScript). Ticked offers, or all the filter finds, go
 * to a bulk action that asks once more before it changes anything (/anbieterbereich/sammelaktion).
 */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requireProviderStaff(request, context, 'read:provider:own');
  const m = user.membership;
  const url = new URL(request.url);
  const parsed = offerListSchema.safeParse(Object.fromEntries(url.searchParams));
  if (!parsed.success) throw new Response('bad request', { status: 400 });
  const filter = parsed.data;
  const canRead = can(user, 'read:offer:own', { providerId: m.providerId });
  const list = canRead ? await listOwnOffers(m.providerId, filter) : { offers: [], total: 0, pages: 1 };
  const done = url.searchParams.get('hinweis');
  const count = Number(url.searchParams.get('anzahl'));
  return {
    offers: list.offers.map((o) => ({ ...o, updatedAt: o.updatedAt.toISOString() })),
    total: list.total,
    pages: list.pages,
    filter,
    filtered: Boolean(filter.q || filter.status || filter.category || filter.next || filter.since),
    canRead,
    canCreate: can(user, 'create:offer:own', { providerId: m.providerId }),
    canEdit: can(user, 'update:offer:own', { providerId: m.providerId }),
    bulkDone:
      done && BULK_NOTICES.has(done) && Number.isSafeInteger(count) && count >= 0
        ? { action: done, count }
        : null,
    title: await pageTitle(request, 'account:providerArea.title'),
    provider: { name: m.providerName, slug: m.providerSlug, status: m.providerStatus },
    role: m.role,
  };
}

/** The list's address with some parameters changed (the filters stay). */
function listHref(filter: Omit<OfferListQuery, 'page'>, changes: Record<string, string | null>) {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(filter))
    if (value !== undefined && !(key === 'sort' && value === 'changed')) params.set(key, String(value));
  for (const [key, value] of Object.entries(changes)) {
    if (value === null) params.delete(key);
    else params.set(key, value);
  }
  const query = params.toString();
  return `/anbieterbereich${query ? `?${query}` : ''}`;
}

/** With JavaScript only: tick or untick every offer of the page at once. */
function SelectPage({ formId }: { formId: string }) {
  const { t } = useTranslation('provider');
  const [ready, setReady] = useState(false);
  useEffect(() => setReady(true), []);
  if (!ready) return null;
  const toggle = (checked: boolean) => {
    const form = document.getElementById(formId);
    for (const box of Array.from(form?.querySelectorAll<HTMLInputElement>('input[name="id"]') ?? []))
      box.checked = checked;
  };
  return (
    <div className="ww-actions">
      <button type="button" className="kern-btn kern-btn--tertiary" onClick={() => toggle(true)}>
        <span className="kern-label">{t('list.selectPage')}</span>
      </button>
      <button type="button" className="kern-btn kern-btn--tertiary" onClick={() => toggle(false)}>
        <span className="kern-label">{t('list.selectNone')}</span>
      </button>
    </div>
  );
}

export default function ProviderArea() {
  const d = useLoaderData<typeof loader>();
  const { t, i18n } = useTranslation('account');
  const tp = useTranslation('provider').t;
  const tc = useTranslation('catalogue').t;
  const lng = i18n.language;
  const { page, ...filter } = d.filter;
  const first = (page - 1) * OFFERS_PER_PAGE + 1;
  const tr = useTranslation('referrals').t;
  return (
    <div className="kern-stack">
      <h1 className="kern-heading-large">{t('providerArea.title')}</h1>
      <dl className="ww-facts">
        <dt>{t('providerArea.organisation')}</dt>
        <dd>
          {d.provider.status === 'approved' ? (
            <LocalizedLink className="kern-link" to={`/anbieter/${d.provider.slug}`}>
              {d.provider.name}
            </LocalizedLink>
          ) : (
            d.provider.name
          )}
        </dd>
        <dt>{t('providerArea.status')}</dt>
        <dd>{t(`providerStatus.${d.provider.status}`)}</dd>
        <dt>{t('providerArea.role')}</dt>
        <dd>{t(`memberRoles.${d.role}`)}</dd>
      </dl>
      <p className="kern-body">
        {d.provider.status === 'pending'
          ? t('providerArea.pending')
          : d.provider.status === 'suspended'
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
          <LocalizedLink className="kern-link" to="/anbieterbereich/statistik">
            {t('planning:provider.link')}
          </LocalizedLink>
        </li>
        <li>
          <LocalizedLink className="kern-link" to="/anbieterbereich/vermittlungen">
            {tr('inbox.title')}
          </LocalizedLink>
        </li>
      </ul>
      {d.canRead ? (
        <section aria-labelledby="offers-heading" className="kern-stack">
          <h2 className="kern-heading-medium" id="offers-heading">
            {tp('list.heading')}
          </h2>
          {d.bulkDone ? (
            <Notice title={tp(`list.done.${d.bulkDone.action}`, { count: d.bulkDone.count })} />
          ) : null}
          {d.canCreate ? (
            <p className="ww-actions">
              <LocalizedLink className="kern-btn kern-btn--primary" to="/anbieterbereich/angebote/neu">
                <span className="kern-label">{tp('list.new')}</span>
              </LocalizedLink>
              <LocalizedLink className="kern-btn kern-btn--secondary" to="/anbieterbereich/import">
                <span className="kern-label">{tp('list.import')}</span>
              </LocalizedLink>
            </p>
          ) : null}
          {d.total > 0 || d.filtered ? (
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
          {d.total === 0 && !d.filtered ? (
            <p className="kern-body">{tp('list.empty')}</p>
          ) : (
            <>
              {/* Keyed by the address: after "reset" or a back step the fields show the list's
                  filter, not what was last typed (defaultValue alone keeps the old DOM value). */}
              <FilterBar key={listHref(filter, {})} submitLabel={tp('list.filter.submit')}>
                <FilterText id="offers-q" name="q" label={tp('list.filter.q')} value={filter.q} />
                <FilterSelect
                  id="offers-status"
                  name="status"
                  label={tp('list.status')}
                  value={filter.status}
                  allLabel={tp('list.filter.all')}
                  options={OFFER_LIST_STATUSES.map((s) => ({ value: s, label: tp(`list.statuses.${s}`) }))}
                />
                <FilterSelect
                  id="offers-category"
                  name="category"
                  label={tp('list.category')}
                  value={filter.category}
                  allLabel={tp('list.filter.all')}
                  options={CATEGORIES.map((c) => ({ value: c, label: tc(`categories.${c}`) }))}
                />
                <FilterSelect
                  id="offers-next"
                  name="next"
                  label={tp('list.next')}
                  value={filter.next}
                  allLabel={tp('list.filter.all')}
                  options={OFFER_LIST_NEXT.map((n) => ({ value: n, label: tp(`list.nextOptions.${n}`) }))}
                />
                <FilterText
                  id="offers-since"
                  name="since"
                  label={tp('list.filter.since')}
                  value={filter.since}
                  type="date"
                />
                <FilterSelect
                  id="offers-sort"
                  name="sort"
                  label={tp('list.filter.sort')}
                  value={filter.sort === 'changed' ? undefined : filter.sort}
                  allLabel={tp('list.sorts.changed')}
                  options={OFFER_LIST_SORTS.filter((s) => s !== 'changed').map((s) => ({
                    value: s,
                    label: tp(`list.sorts.${s}`),
                  }))}
                />
              </FilterBar>
              <h3 className="kern-heading-small" id="offers-count">
                {d.total === 0
                  ? tp('list.none')
                  : tp('list.count', {
                      count: d.total,
                      total: formatNumber(d.total, lng),
                      from: formatNumber(Math.min(first, d.total), lng),
                      to: formatNumber(Math.min(first + d.offers.length - 1, d.total), lng),
                    })}
              </h3>
              {d.filtered ? (
                <p className="kern-body">
                  <LocalizedLink className="kern-link" to="/anbieterbereich">
                    {tp('list.filter.reset')}
                  </LocalizedLink>
                </p>
              ) : null}
              {d.offers.length === 0 && d.total > 0 ? (
                <p className="kern-body">
                  <LocalizedLink className="kern-link" to={listHref(filter, { page: null })}>
                    {tp('list.toFirstPage')}
                  </LocalizedLink>
                </p>
              ) : null}
              {d.offers.length > 0 ? (
                <Form method="get" action="/anbieterbereich/sammelaktion" id="bulk" className="kern-stack">
                  {/* The list's filter goes along: "all offers of this selection" means these. */}
                  {Object.entries(filter).map(([key, value]) =>
                    value === undefined ? null : (
                      <input key={key} type="hidden" name={key} value={String(value)} />
                    ),
                  )}
                  {d.canEdit ? (
                    <fieldset className="kern-fieldset ww-bulk">
                      <legend className="kern-label">{tp('list.bulk.legend')}</legend>
                      <div className="kern-fieldset__body ww-filter-bar">
                        <div className="kern-form-input">
                          <label className="kern-label" htmlFor="bulk-action">
                            {tp('list.bulk.action')}
                          </label>
                          <div className="kern-form-input__select-wrapper">
                            <select className="kern-form-input__select" id="bulk-action" name="aktion">
                              {BULK_ACTIONS.map((a) => (
                                <option key={a} value={a}>
                                  {tp(`list.bulk.actions.${a}`)}
                                </option>
                              ))}
                            </select>
                          </div>
                        </div>
                        <div className="kern-form-input">
                          <label className="kern-label" htmlFor="bulk-scope">
                            {tp('list.bulk.scope')}
                          </label>
                          <div className="kern-form-input__select-wrapper">
                            <select className="kern-form-input__select" id="bulk-scope" name="auswahl">
                              <option value="markierte">{tp('list.bulk.ticked')}</option>
                              <option value="alle">
                                {tp('list.bulk.all', { count: d.total, total: formatNumber(d.total, lng) })}
                              </option>
                            </select>
                          </div>
                        </div>
                        <button type="submit" className="kern-btn kern-btn--secondary">
                          <span className="kern-label">{tp('list.bulk.next')}</span>
                        </button>
                      </div>
                      <SelectPage formId="bulk" />
                    </fieldset>
                  ) : null}
                  <ul className="ww-offer-list" aria-labelledby="offers-count">
                    {d.offers.map((o) => (
                      <li key={o.id} className="ww-offer-row">
                        {d.canEdit ? (
                          <div className="kern-form-check ww-offer-row__pick">
                            <input
                              className="kern-form-check__input"
                              type="checkbox"
                              id={`pick-${o.id}`}
                              name="id"
                              value={o.id}
                            />
                            <label className="kern-label" htmlFor={`pick-${o.id}`}>
                              <span className="kern-sr-only">{tp('list.pick', { title: o.title })}</span>
                            </label>
                          </div>
                        ) : null}
                        <div className="ww-offer-row__main">
                          <h4 className="kern-heading-small ww-offer-row__title">
                            {d.canCreate ? (
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
                          </h4>
                          <dl className="ww-offer-row__facts">
                            {o.courseNumber ? (
                              <div>
                                <dt>{tp('list.courseNumber')}</dt>
                                <dd lang="de">{o.courseNumber}</dd>
                              </div>
                            ) : null}
                            <div>
                              <dt>{tp('list.status')}</dt>
                              <dd>
                                {tp(`status.${o.status}`)}
                                {o.takenDown ? ` · ${tp('list.statuses.taken_down')}` : ''}
                                {o.review ? ` · ${tp('list.statuses.review')}` : ''}
                              </dd>
                            </div>
                            <div>
                              <dt>{tp('list.next')}</dt>
                              <dd>{o.nextStart ? formatDate(o.nextStart, lng) : tp('list.noNext')}</dd>
                            </div>
                            <div>
                              <dt>{tp('list.changed')}</dt>
                              <dd>{formatDateTime(o.updatedAt, lng)}</dd>
                            </div>
                            <div>
                              <dt>{tp('list.category')}</dt>
                              <dd>{tc(`categories.${o.category}`)}</dd>
                            </div>
                          </dl>
                        </div>
                      </li>
                    ))}
                  </ul>
                </Form>
              ) : null}
              <PageLinks
                page={page}
                pages={d.pages}
                href={(p) => listHref(filter, { page: p > 1 ? String(p) : null })}
              />
            </>
          )}
        </section>
      ) : null}
    </div>
  );
}
