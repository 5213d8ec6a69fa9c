import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node';
import { data, redirect } from '@remix-run/node';
import { Form, useActionData, useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { Notice } from '~/components/form';
import { LocalizedLink } from '~/components/localized-link';
import { pageTitle } from '~/i18next.server';
import { idParam, requireProviderActor } from '~/modules/providers/guard.server';
import {
  applyImport,
  discardImport,
  getImport,
  type ImportCounts,
  type ImportPlan,
} from '~/modules/providers/imports.server';
import { AppError } from '~/utils/errors';
import { formatDateTime, formatNumber } from '~/utils/format';
import { readForm } from '~/utils/forms.server';
import { throwAsResponse } from '~/utils/http.server';
import { titleMeta } from '~/utils/meta';

export const meta = titleMeta;
export const handle = { i18n: ['account', 'provider'] };

/** The dry run's plan: what would be created, updated, archived, and every rejected record with its reason. */
export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { actor, user } = await requireProviderActor(request, context, 'create:offer:own');
  const row = await getImport(actor, idParam(params.id)).catch(throwAsResponse);
  return {
    providerApproved: user.membership.providerStatus === 'approved',
    title: await pageTitle(request, 'provider:import.planTitle'),
    id: row.id,
    filename: row.filename,
    status: row.status,
    fullImport: row.fullImport,
    createdAt: row.createdAt.toISOString(),
    plan: row.plan as unknown as ImportPlan,
    // Imports applied before issue 14 have only the first four counts.
    result: row.result as
      | (Pick<ImportCounts, 'created' | 'updated' | 'archived' | 'rejected'> & Partial<ImportCounts>)
      | null,
  };
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const { actor } = await requireProviderActor(request, context, 'create:offer:own');
  const id = idParam(params.id);
  const intent = (await readForm(request)).get('intent');
  try {
    if (intent === 'apply') await applyImport(actor, id);
    else if (intent === 'discard') await discardImport(actor, id);
    else throw new Response('bad request', { status: 400 });
  } catch (error) {
    if (error instanceof AppError && error.code === 'conflict') return data({ done: true }, { status: 409 });
    throwAsResponse(error);
  }
  return redirect(`/anbieterbereich/import/${id}`);
}

const ACTIONS = ['create', 'update', 'archive', 'unchanged'] as const;

export default function ImportPlanPage() {
  const d = useLoaderData<typeof loader>();
  const conflict = useActionData<typeof action>();
  const { t, i18n } = useTranslation('provider');
  const lng = i18n.language;
  const counts = d.result ?? d.plan;
  return (
    <div className="kern-stack">
      <p>
        <LocalizedLink className="kern-link" to="/anbieterbereich/import">
          {t('import.back')}
        </LocalizedLink>
      </p>
      <h1 className="kern-heading-large">{t('import.planTitle')}</h1>
      <p className="kern-body">
        {d.filename} · {formatDateTime(d.createdAt, lng)} · {t(`import.states.${d.status}`)}
      </p>
      {conflict ? <Notice tone="warning" title={t('import.alreadyDone')} /> : null}
      {d.status === 'applied' ? (
        <Notice
          title={
            counts.searchable === undefined || counts.total === undefined
              ? t('import.appliedPlain')
              : counts.searchable === 0
                ? t('import.appliedNoneSearchable')
                : t('import.appliedSearchable', {
                    count: counts.searchable,
                    searchable: formatNumber(counts.searchable, lng),
                    total: formatNumber(counts.total, lng),
                  })
          }
        />
      ) : null}
      {d.status === 'checked' ? <Notice tone="info" title={t('import.dryRun')} /> : null}
      {d.plan.chosenFormat && d.plan.format ? (
        <p className="kern-body">
          {t('import.readAs', {
            format: t(`import.formatNames.${d.plan.format}`),
            chosen: t(`import.formatNames.${d.plan.chosenFormat}`),
          })}
        </p>
      ) : null}
      {counts.past && counts.total ? (
        <Notice
          tone="warning"
          title={
            counts.past === counts.total
              ? t('import.pastAll', { count: counts.past, past: formatNumber(counts.past, lng) })
              : t('import.pastSome', {
                  count: counts.past,
                  past: formatNumber(counts.past, lng),
                  total: formatNumber(counts.total, lng),
                })
          }
        >
          <p className="kern-body">{t('import.pastHint')}</p>
        </Notice>
      ) : null}
      {counts.held ? (
        <Notice tone="warning" title={t('import.held', { count: counts.held })}>
          <p className="kern-body">{t('import.heldHint')}</p>
        </Notice>
      ) : null}
      {!d.providerApproved && d.status === 'checked' ? (
        <p className="kern-body">{t('import.notApproved')}</p>
      ) : null}
      <dl className="ww-facts">
        <dt>{t('import.created')}</dt>
        <dd>{formatNumber(counts.created, lng)}</dd>
        <dt>{t('import.updated')}</dt>
        <dd>{formatNumber(counts.updated, lng)}</dd>
        <dt>{t('import.archived')}</dt>
        <dd>{formatNumber(counts.archived, lng)}</dd>
        <dt>{t('import.rejected')}</dt>
        <dd>{formatNumber(counts.rejected, lng)}</dd>
        {counts.searchable !== undefined && counts.total !== undefined ? (
          <>
            <dt>{t('import.searchable')}</dt>
            <dd>
              {t('import.searchableValue', {
                searchable: formatNumber(counts.searchable, lng),
                total: formatNumber(counts.total, lng),
              })}
            </dd>
          </>
        ) : null}
      </dl>
      {d.status === 'checked' ? (
        <div className="ww-actions">
          <Form method="post">
            <input type="hidden" name="intent" value="apply" />
            <button type="submit" className="kern-btn kern-btn--primary">
              <span className="kern-label">
                {t('import.apply', { count: d.plan.created + d.plan.updated + d.plan.archived })}
              </span>
            </button>
          </Form>
          <Form method="post">
            <input type="hidden" name="intent" value="discard" />
            <button type="submit" className="kern-btn kern-btn--secondary">
              <span className="kern-label">{t('import.discard')}</span>
            </button>
          </Form>
        </div>
      ) : null}
      {d.plan.errors.length > 0 ? (
        <section aria-labelledby="rejected-heading" className="kern-stack">
          <h2 className="kern-heading-medium" id="rejected-heading">
            {t('import.rejectedHeading')}
          </h2>
          {d.plan.rejections ? (
            <>
              {d.plan.warnings?.length ? (
                <ul className="kern-list">
                  {d.plan.warnings.map((w) => (
                    <li key={w}>{t(`import.warnings.${w}`)}</li>
                  ))}
                </ul>
              ) : null}
              <ul className="kern-list">
                {d.plan.rejections.map((r, i) => (
                  // biome-ignore lint/suspicious/noArrayIndexKey: a record may lack both guid and title.
                  <li key={`${r.ref}-${i}`}>
                    {r.title ? (
                      <span lang="de" dir="auto">
                        „{r.title}“
                      </span>
                    ) : null}
                    {r.title && r.guid ? ' · ' : null}
                    {r.guid ? (
                      <>
                        {t('import.guid')} <code>{r.guid}</code>
                      </>
                    ) : null}
                    {!r.title && !r.guid ? <span lang="de">{r.ref}</span> : null}:{' '}
                    <span lang="de">{r.reason}</span>
                  </li>
                ))}
              </ul>
            </>
          ) : (
            // Imports checked before issue 14 kept German lines only.
            <ul className="kern-list" lang="de">
              {d.plan.errors.map((e) => (
                <li key={e}>{e}</li>
              ))}
            </ul>
          )}
        </section>
      ) : null}
      <section aria-labelledby="items-heading" className="kern-stack">
        <h2 className="kern-heading-medium" id="items-heading">
          {t('import.itemsHeading')}
        </h2>
        {d.plan.itemsTruncated ? <p className="kern-body">{t('import.truncated')}</p> : null}
        <div className="ww-table-scroll">
          <table className="kern-table ww-table">
            <caption className="kern-sr-only">{t('import.itemsHeading')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('import.action')}</th>
                <th scope="col">{t('list.title')}</th>
                <th scope="col">{t('import.externalId')}</th>
                <th scope="col">{t('import.dates')}</th>
              </tr>
            </thead>
            <tbody>
              {ACTIONS.flatMap((action) =>
                d.plan.items
                  .filter((i) => i.action === action)
                  .map((i) => (
                    <tr key={`${action}-${i.externalId}`}>
                      <td>{t(`import.actions.${action}`)}</td>
                      <th scope="row" lang="de" dir="auto">
                        {i.title}
                      </th>
                      <td>
                        <code>{i.externalId}</code>
                      </td>
                      <td>{i.past ? t('import.pastItem') : ''}</td>
                    </tr>
                  )),
              )}
            </tbody>
          </table>
        </div>
      </section>
    </div>
  );
}
