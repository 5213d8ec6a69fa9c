import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node';
import { data, redirect } from '@remix-run/node';
import { Form, useActionData, useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { requirePermission } from '~/auth/guard.server';
import { AdminNav } from '~/components/admin-nav';
import { Notice } from '~/components/form';
import { LocalizedLink } from '~/components/localized-link';
import { pageTitle } from '~/i18next.server';
import { approveOffer, moderationQueue, unpublishOffer } from '~/modules/admin/admin.server';
import { idSchema } from '~/modules/admin/schemas';
import { formatDateTime } from '~/utils/format';
import { readForm } from '~/utils/forms.server';
import { baseUrlOf, throwAsResponse } from '~/utils/http.server';
import { titleMeta } from '~/utils/meta';

export const meta = titleMeta;
export const handle = { i18n: ['account', 'provider'] };

const reasonSchema = z.string().trim().min(5).max(2000);

/** Moderation: offers waiting for review, and recently published changes; approve or unpublish with a reason. */
export async function loader({ request, context }: LoaderFunctionArgs) {
  await requirePermission(request, context, 'read:provider:any');
  const rows = await moderationQueue();
  return {
    title: await pageTitle(request, 'account:admin.moderation.title'),
    done: new URL(request.url).searchParams.get('hinweis'),
    offers: rows.map((r) => ({
      ...r,
      reviewRequestedAt: r.reviewRequestedAt?.toISOString() ?? null,
      updatedAt: r.updatedAt.toISOString(),
      publishedAt: r.publishedAt?.toISOString() ?? null,
    })),
  };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const admin = await requirePermission(request, context, 'update:provider:any');
  const form = await readForm(request);
  const id = idSchema.safeParse(form.get('offerId'));
  if (!id.success) throw new Response('bad request', { status: 400 });
  const meta = { adminId: admin.id, ip: context.clientIp, baseUrl: baseUrlOf(request) };
  const intent = form.get('intent');
  if (intent === 'approve') {
    await approveOffer(id.data, meta).catch(throwAsResponse);
    return redirect('/admin/angebote?hinweis=approved');
  }
  if (intent === 'unpublish') {
    const reason = reasonSchema.safeParse(form.get('reason') ?? '');
    if (!reason.success)
      return data({ offerId: id.data, error: 'admin.moderation.reasonRequired' }, { status: 400 });
    await unpublishOffer(id.data, reason.data, meta).catch(throwAsResponse);
    return redirect('/admin/angebote?hinweis=unpublished');
  }
  throw new Response('bad request', { status: 400 });
}

export default function Moderation() {
  const d = useLoaderData<typeof loader>();
  const failed = useActionData<typeof action>();
  const { t, i18n } = useTranslation('account');
  const tp = useTranslation('provider').t;
  const lng = i18n.language;
  return (
    <div className="kern-stack">
      <h1 className="kern-heading-large">{t('admin.moderation.title')}</h1>
      <AdminNav />
      <p className="kern-body">{t('admin.moderation.intro')}</p>
      {d.done === 'approved' || d.done === 'unpublished' ? (
        <Notice title={t(`admin.moderation.${d.done}`)} />
      ) : null}
      {d.offers.length === 0 ? <p className="kern-body">{t('admin.moderation.empty')}</p> : null}
      <ul className="ww-admin-list">
        {d.offers.map((o) => {
          const error = failed && 'offerId' in failed && failed.offerId === o.id ? failed.error : null;
          return (
            <li key={o.id} className="ww-admin-card kern-stack">
              <h2 className="kern-heading-small" lang="de" dir="auto">
                {o.status === 'published' ? (
                  <LocalizedLink className="kern-link" to={`/angebote/${o.id}`}>
                    {o.title}
                  </LocalizedLink>
                ) : (
                  o.title
                )}
              </h2>
              <p className="kern-body">
                {o.providerName} · {tp(`status.${o.status}`)} ·{' '}
                {o.reviewRequestedAt
                  ? t('admin.moderation.waiting', { date: formatDateTime(o.reviewRequestedAt, lng) })
                  : t('admin.moderation.changed', { date: formatDateTime(o.updatedAt, lng) })}
              </p>
              <div className="ww-actions">
                {o.reviewRequestedAt ? (
                  <Form method="post">
                    <input type="hidden" name="intent" value="approve" />
                    <input type="hidden" name="offerId" value={o.id} />
                    <button type="submit" className="kern-btn kern-btn--primary">
                      <span className="kern-label">{t('admin.moderation.approve', { title: o.title })}</span>
                    </button>
                  </Form>
                ) : null}
              </div>
              <Form method="post" className="kern-stack">
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
                  <span className="kern-label">{t('admin.moderation.unpublish', { title: o.title })}</span>
                </button>
              </Form>
            </li>
          );
        })}
      </ul>
    </div>
  );
}
