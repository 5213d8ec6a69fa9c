import { getFormProps } from '@conform-to/react';
import { parseWithZod } from '@conform-to/zod';
import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node';
import { redirect } from '@remix-run/node';
import { Form, useActionData, useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { requirePermission } from '~/auth/guard.server';
import { AdminNav } from '~/components/admin-nav';
import { CheckboxField, ErrorSummary, Notice, replyOf, TextareaField, useAppForm } from '~/components/form';
import { LocalizedLink } from '~/components/localized-link';
import { pageTitle } from '~/i18next.server';
import { providerForReview, setProviderStatus } from '~/modules/admin/admin.server';
import { approveProviderSchema, idSchema, suspendProviderSchema } from '~/modules/admin/schemas';
import { todayInBerlin } from '~/utils/clock.server';
import { formatDate, formatDateTime, formatNumber } from '~/utils/format';
import { invalidFormOf, type PageFormResult, readForm } from '~/utils/forms.server';
import { baseUrlOf, throwAsResponse } from '~/utils/http.server';
import { titleMeta } from '~/utils/meta';

export const meta = titleMeta;
export const handle = { i18n: ['account'] };

function providerId(params: { id?: string }): number {
  const id = idSchema.safeParse(params.id);
  if (!id.success) throw new Response('not found', { status: 404 });
  return id.data;
}

/**
 * One provider as the office checks it before deciding (GOV.UK: the details first, then
 * a form that asks for what the decision needs): address, contact, who registered it and
 * when, the AZAV certificate, its staff. Approving needs the admin's confirmation that
 * they checked; suspending needs a reason, which the provider's staff receive by mail.
 */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  await requirePermission(request, context, 'read:provider:any');
  const provider = await providerForReview(providerId(params)).catch(throwAsResponse);
  const today = todayInBerlin();
  return {
    title: await pageTitle(request, { text: provider.name }),
    done: new URL(request.url).searchParams.get('hinweis'),
    provider: {
      ...provider,
      createdAt: provider.createdAt.toISOString(),
      registrant: provider.registrant
        ? { ...provider.registrant, registeredAt: provider.registrant.registeredAt.toISOString() }
        : null,
      certifications: provider.certifications.map((c) => ({
        ...c,
        expired: Boolean(c.validUntil && c.validUntil < today),
      })),
    },
  };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const admin = await requirePermission(request, context, 'update:provider:any');
  const id = providerId(params);
  const form = await readForm(request);
  const meta = { adminId: admin.id, ip: context.clientIp, baseUrl: baseUrlOf(request) };
  const intent = form.get('intent');
  if (intent === 'approve') {
    const submission = parseWithZod(form, { schema: approveProviderSchema });
    if (submission.status !== 'success') return invalidFormOf('approve', submission.reply());
    await setProviderStatus(id, { status: 'approved' }, meta).catch(throwAsResponse);
    return redirect(`/admin/anbieter/${id}?hinweis=approved`);
  }
  if (intent === 'suspend') {
    const submission = parseWithZod(form, { schema: suspendProviderSchema });
    if (submission.status !== 'success') return invalidFormOf('suspend', submission.reply());
    await setProviderStatus(id, { status: 'suspended', reason: submission.value.reason }, meta).catch(
      throwAsResponse,
    );
    return redirect(`/admin/anbieter/${id}?hinweis=suspended`);
  }
  throw new Response('bad request', { status: 400 });
}

export default function ProviderReview() {
  const { provider: p, done } = useLoaderData<typeof loader>();
  const result = useActionData<PageFormResult>();
  const { t, i18n } = useTranslation('account');
  const lng = i18n.language;
  const [approveForm, af] = useAppForm(approveProviderSchema, 'approve-provider', replyOf(result, 'approve'));
  const [suspendForm, sf] = useAppForm(suspendProviderSchema, 'suspend-provider', replyOf(result, 'suspend'));
  const address = [p.street, [p.postcode, p.city].filter(Boolean).join(' ')].filter(Boolean).join(', ');
  const none = t('admin.providers.review.notGiven');
  return (
    <div className="kern-stack">
      <h1 className="kern-heading-large" lang="de" dir="auto">
        {p.name}
      </h1>
      <AdminNav />
      <p className="kern-body">
        <LocalizedLink className="kern-link" to="/admin/anbieter">
          {t('admin.providers.review.back')}
        </LocalizedLink>
      </p>
      {done === 'approved' || done === 'suspended' ? (
        <Notice title={t(`admin.providers.review.${done}`, { name: p.name })} />
      ) : null}
      <p className="kern-body">
        {t('admin.providers.review.status')}: <strong>{t(`providerStatus.${p.status}`)}</strong>
      </p>

      <section aria-labelledby="organisation-heading" className="kern-stack-sm">
        <h2 className="kern-heading-medium" id="organisation-heading">
          {t('admin.providers.review.organisation')}
        </h2>
        <dl className="ww-facts ww-detail">
          <dt>{t('admin.providers.review.kind')}</dt>
          <dd>{t(`providerKinds.${p.kind}`)}</dd>
          <dt>{t('admin.providers.review.address')}</dt>
          <dd>
            {address ? (
              <span lang="de" dir="auto">
                {address}
              </span>
            ) : (
              none
            )}
          </dd>
          {/* E-mail addresses, phone numbers and links read left to right in every language. */}
          <dt>{t('fields.email')}</dt>
          <dd>{p.email ? <span dir="ltr">{p.email}</span> : none}</dd>
          <dt>{t('admin.providers.review.phone')}</dt>
          <dd>{p.phone ? <span dir="ltr">{p.phone}</span> : none}</dd>
          <dt>{t('admin.providers.review.website')}</dt>
          <dd>
            {p.website ? (
              <a className="kern-link" href={p.website} rel="noopener noreferrer nofollow" dir="ltr">
                {p.website}
              </a>
            ) : (
              none
            )}
          </dd>
          <dt>{t('admin.providers.review.registeredAt')}</dt>
          <dd>{formatDateTime(p.createdAt, lng)}</dd>
        </dl>
        {p.description ? (
          <p className="kern-body ww-pre" lang="de" dir="auto">
            {p.description}
          </p>
        ) : null}
      </section>

      <section aria-labelledby="registrant-heading" className="kern-stack-sm">
        <h2 className="kern-heading-medium" id="registrant-heading">
          {t('admin.providers.review.registrant')}
        </h2>
        {p.registrant ? (
          <dl className="ww-facts ww-detail">
            <dt>{t('fields.displayName')}</dt>
            <dd>{p.registrant.displayName ?? none}</dd>
            <dt>{t('fields.email')}</dt>
            <dd>
              {p.registrant.email ? <span dir="ltr">{p.registrant.email}</span> : none}{' '}
              {p.registrant.emailVerified
                ? `(${t('admin.providers.review.emailVerified')})`
                : `(${t('admin.users.unverified')})`}
            </dd>
            <dt>{t('admin.providers.review.registeredOn')}</dt>
            <dd>{formatDateTime(p.registrant.registeredAt, lng)}</dd>
          </dl>
        ) : (
          <p className="kern-body">{t('admin.providers.review.noRegistrant')}</p>
        )}
      </section>

      <section aria-labelledby="certificates-heading" className="kern-stack-sm">
        <h2 className="kern-heading-medium" id="certificates-heading">
          {t('admin.providers.review.certificates')}
        </h2>
        {p.certifications.length === 0 ? (
          <p className="kern-body">{t('admin.providers.review.noCertificate')}</p>
        ) : (
          p.certifications.map((c) => (
            <dl className="ww-facts ww-detail" key={`${c.type}-${c.number ?? ''}`}>
              <dt>{t('admin.providers.review.certificateType')}</dt>
              <dd>{c.type}</dd>
              <dt>{t('admin.providers.review.certificateNumber')}</dt>
              <dd>{c.number || none}</dd>
              <dt>{t('admin.providers.review.certifier')}</dt>
              <dd>{c.certifier ? <span lang="de">{c.certifier}</span> : none}</dd>
              <dt>{t('admin.providers.review.validUntil')}</dt>
              <dd>
                {c.validUntil ? formatDate(c.validUntil, lng) : none}
                {c.expired ? <strong> ({t('admin.providers.review.expired')})</strong> : null}
              </dd>
            </dl>
          ))
        )}
      </section>

      <section aria-labelledby="provider-offers-heading" className="kern-stack-sm">
        <h2 className="kern-heading-medium" id="provider-offers-heading">
          {t('admin.providers.review.offers')}
        </h2>
        <p className="kern-body">
          {t('admin.providers.review.offerCounts', {
            published: formatNumber(p.offers.published, lng),
            draft: formatNumber(p.offers.draft, lng),
            archived: formatNumber(p.offers.archived, lng),
          })}{' '}
          <LocalizedLink className="kern-link" to={`/admin/angebote?provider=${p.id}`}>
            {t('admin.providers.review.showOffers')}
          </LocalizedLink>
        </p>
      </section>

      <section aria-labelledby="staff-heading" className="kern-stack-sm">
        <h2 className="kern-heading-medium" id="staff-heading">
          {t('admin.providers.staff')}
        </h2>
        {p.members.length === 0 ? (
          <p className="kern-body">{t('admin.providers.review.noStaff')}</p>
        ) : (
          <ul className="kern-list">
            {p.members.map((m) => (
              <li key={m.userId} className="ww-key">
                {m.displayName ?? none}, {m.email ?? none} – {t(`memberRoles.${m.role}`)},{' '}
                {t(`memberStatus.${m.status}`)}
              </li>
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="decision-heading" className="kern-stack">
        <h2 className="kern-heading-medium" id="decision-heading">
          {t('admin.providers.review.decision')}
        </h2>
        {p.status !== 'approved' ? (
          <div className="kern-stack-sm ww-card">
            <h3 className="kern-heading-small">
              {t(
                p.status === 'suspended'
                  ? 'admin.providers.review.reinstate'
                  : 'admin.providers.review.approve',
              )}
            </h3>
            <p className="kern-body">{t('admin.providers.review.approveHint')}</p>
            <ErrorSummary form={approveForm} fields={[af.confirm]} />
            <Form method="post" {...getFormProps(approveForm)} className="kern-stack-sm">
              <input type="hidden" name="intent" value="approve" />
              <CheckboxField field={af.confirm} label={t('admin.providers.review.confirm')} />
              <button type="submit" className="kern-btn kern-btn--primary">
                <span className="kern-label">{t('admin.providers.approve', { name: p.name })}</span>
              </button>
            </Form>
          </div>
        ) : null}
        {p.status !== 'suspended' ? (
          <div className="kern-stack-sm ww-card">
            <h3 className="kern-heading-small">{t('admin.providers.review.suspend')}</h3>
            <p className="kern-body">{t('admin.providers.review.suspendHint')}</p>
            <ErrorSummary form={suspendForm} fields={[sf.reason]} />
            <Form method="post" {...getFormProps(suspendForm)} className="kern-stack-sm">
              <input type="hidden" name="intent" value="suspend" />
              <TextareaField
                field={sf.reason}
                label={t('admin.providers.review.reason')}
                rows={3}
                maxLength={2000}
              />
              <button type="submit" className="kern-btn kern-btn--secondary">
                <span className="kern-label">{t('admin.providers.suspend', { name: p.name })}</span>
              </button>
            </Form>
          </div>
        ) : null}
      </section>
    </div>
  );
}
