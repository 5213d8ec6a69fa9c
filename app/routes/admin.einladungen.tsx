import { getFormProps } from '@conform-to/react';
import { parseWithZod } from '@conform-to/zod';
import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node';
import { redirect } from '@remix-run/node';
import { Form, useActionData, useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { requirePermission } from '~/auth/guard.server';
import { AdminNav } from '~/components/admin-nav';
import { ErrorSummary, Notice, RadioGroup, SelectField, TextField, useAppForm } from '~/components/form';
import { languageNames, supportedLanguages } from '~/i18n';
import { pageTitle } from '~/i18next.server';
import { inviteSchema } from '~/modules/accounts/schemas';
import { inviteStaff, listInvitations, revokeInvitation } from '~/modules/admin/admin.server';
import { idSchema } from '~/modules/admin/schemas';
import { AppError } from '~/utils/errors';
import { formatDateTime } from '~/utils/format';
import { type FormReply, invalidForm, readForm, requestMeta } from '~/utils/forms.server';
import { throwAsResponse } from '~/utils/http.server';
import { titleMeta } from '~/utils/meta';

export const meta = titleMeta;
export const handle = { i18n: ['account'] };

export async function loader({ request, context }: LoaderFunctionArgs) {
  await requirePermission(request, context, 'invite:staff:any');
  const { invitations, counsellors } = await listInvitations();
  return {
    title: await pageTitle(request, 'account:admin.invitations.title'),
    sent: new URL(request.url).searchParams.get('gesendet') === '1',
    counsellors,
    invitations: invitations.map((i) => ({
      ...i,
      createdAt: i.createdAt.toISOString(),
      expiresAt: i.expiresAt.toISOString(),
      acceptedAt: i.acceptedAt?.toISOString() ?? null,
      revokedAt: i.revokedAt?.toISOString() ?? null,
    })),
  };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const admin = await requirePermission(request, context, 'invite:staff:any');
  const formData = await readForm(request);
  if (formData.get('intent') === 'revoke') {
    const id = idSchema.safeParse(formData.get('invitationId'));
    if (!id.success) throw new Response('bad request', { status: 400 });
    await revokeInvitation(id.data, { adminId: admin.id, ip: context.clientIp }).catch(throwAsResponse);
    return redirect('/admin/einladungen');
  }
  const submission = parseWithZod(formData, { schema: inviteSchema });
  if (submission.status !== 'success') return invalidForm(submission.reply());
  const meta = await requestMeta(request, context);
  const locale =
    submission.value.locale && (supportedLanguages as readonly string[]).includes(submission.value.locale)
      ? submission.value.locale
      : meta.locale;
  try {
    await inviteStaff(
      { ...submission.value, locale },
      { adminId: admin.id, ip: context.clientIp, baseUrl: meta.baseUrl },
    );
  } catch (error) {
    if (error instanceof AppError && error.code === 'conflict')
      return invalidForm(submission.reply({ fieldErrors: { email: ['errors.emailTaken'] } }), 409);
    throwAsResponse(error);
  }
  return redirect('/admin/einladungen?gesendet=1');
}

export default function AdminInvitations() {
  const d = useLoaderData<typeof loader>();
  const lastResult = useActionData<FormReply>();
  const { t, i18n } = useTranslation('account');
  const [form, fields] = useAppForm(inviteSchema, 'invite', lastResult);
  const state = (i: (typeof d.invitations)[number]) =>
    i.acceptedAt
      ? t('admin.invitations.accepted')
      : i.revokedAt
        ? t('admin.invitations.revoked')
        : new Date(i.expiresAt) < new Date()
          ? t('admin.invitations.expired')
          : t('admin.invitations.open');
  return (
    <div className="kern-stack">
      <h1 className="kern-heading-large">{t('admin.invitations.title')}</h1>
      <AdminNav />
      {d.sent ? <Notice title={t('admin.invitations.sent')} /> : null}
      <section aria-labelledby="invite-heading" className="ww-narrow kern-stack">
        <h2 className="kern-heading-medium" id="invite-heading">
          {t('admin.invitations.new')}
        </h2>
        <p className="kern-body">{t('admin.invitations.intro')}</p>
        <ErrorSummary form={form} fields={[fields.email, fields.role, fields.counsellorId]} />
        <Form method="post" {...getFormProps(form)} className="kern-stack">
          <TextField
            field={fields.email}
            label={t('fields.email')}
            type="email"
            autoComplete="off"
            maxLength={254}
          />
          <RadioGroup
            field={fields.role}
            legend={t('admin.invitations.role')}
            options={[
              { value: 'counsellor', label: t('roles.counsellor') },
              { value: 'planner', label: t('roles.planner') },
              { value: 'admin', label: t('roles.admin') },
            ]}
          />
          <SelectField
            field={fields.counsellorId}
            label={t('admin.invitations.profile')}
            placeholder={t('admin.invitations.noProfile')}
            options={d.counsellors.map((c) => ({ value: String(c.id), label: c.displayName }))}
          />
          <SelectField
            field={fields.locale}
            label={t('admin.invitations.language')}
            options={supportedLanguages.map((l) => ({ value: l, label: languageNames[l] }))}
          />
          <button type="submit" className="kern-btn kern-btn--primary">
            <span className="kern-label">{t('admin.invitations.submit')}</span>
          </button>
        </Form>
      </section>
      <section aria-labelledby="list-heading" className="kern-stack">
        <h2 className="kern-heading-medium" id="list-heading">
          {t('admin.invitations.list')}
        </h2>
        <div className="ww-table-scroll">
          <table className="kern-table ww-table">
            <thead>
              <tr>
                <th scope="col">{t('fields.email')}</th>
                <th scope="col">{t('admin.invitations.role')}</th>
                <th scope="col">{t('admin.invitations.created')}</th>
                <th scope="col">{t('admin.users.status')}</th>
                <th scope="col">{t('admin.actions')}</th>
              </tr>
            </thead>
            <tbody>
              {d.invitations.map((i) => (
                <tr key={i.id}>
                  <th scope="row">{i.email}</th>
                  <td>
                    {t(`roles.${i.role}`)}
                    {i.counsellorName ? ` – ${i.counsellorName}` : ''}
                  </td>
                  <td>{formatDateTime(i.createdAt, i18n.language)}</td>
                  <td>{state(i)}</td>
                  <td>
                    {!i.acceptedAt && !i.revokedAt ? (
                      <Form method="post">
                        <input type="hidden" name="intent" value="revoke" />
                        <input type="hidden" name="invitationId" value={i.id} />
                        <button type="submit" className="kern-btn kern-btn--tertiary">
                          <span className="kern-label">
                            {t('admin.invitations.revoke', { email: i.email })}
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
      </section>
    </div>
  );
}
