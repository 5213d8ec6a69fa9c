import { getFormProps } from '@conform-to/react';
import { parseWithZod } from '@conform-to/zod';
import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node';
import { data, redirect } from '@remix-run/node';
import { Form, useActionData, useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { commitSession } from '~/auth/guard.server';
import { homeOf } from '~/auth/permissions';
import { ErrorSummary, TextField, useAppForm } from '~/components/form';
import { pageTitle } from '~/i18next.server';
import { PasswordRejected } from '~/modules/accounts/accounts.server';
import { acceptInvitationSchema } from '~/modules/accounts/schemas';
import { acceptInvitation, openInvitation } from '~/modules/admin/admin.server';
import { type FormReply, invalidForm, readForm } from '~/utils/forms.server';
import { passHeaders } from '~/utils/headers';
import { titleMeta } from '~/utils/meta';

export const meta = titleMeta;
export const headers = passHeaders;
export const handle = { i18n: ['account'] };

/** An invited counsellor or admin sets a name and password; two-factor enrolment follows at once. */
export async function loader({ request }: LoaderFunctionArgs) {
  const token = new URL(request.url).searchParams.get('token') ?? '';
  const invitation = await openInvitation(token);
  return data(
    {
      title: await pageTitle(
        request,
        invitation ? 'account:invitation.title' : 'account:invitation.invalidTitle',
      ),
      token,
      invitation,
    },
    { status: invitation ? 200 : 410, headers: { 'Referrer-Policy': 'no-referrer' } },
  );
}

export async function action({ request, context }: ActionFunctionArgs) {
  const submission = parseWithZod(await readForm(request), { schema: acceptInvitationSchema });
  if (submission.status !== 'success') return invalidForm(submission.reply({ hideFields: ['password'] }));
  const { token, displayName, password } = submission.value;
  try {
    const accepted = await acceptInvitation(token, displayName, password, context.clientIp);
    if (!accepted)
      return invalidForm(
        submission.reply({ formErrors: ['errors.invitationInvalid'], hideFields: ['password'] }),
        410,
      );
    // Provider staff go to their area; counsellors, planners and admins first enrol their second factor.
    if (accepted.role === 'provider')
      return redirect('/anbieterbereich', {
        headers: { 'Set-Cookie': commitSession(context, accepted.session) },
      });
    const home = homeOf(accepted.role);
    return redirect(`/anmelden/zwei-faktor-einrichten?redirectTo=${encodeURIComponent(home)}`, {
      headers: { 'Set-Cookie': commitSession(context, accepted.session) },
    });
  } catch (error) {
    if (error instanceof PasswordRejected)
      return invalidForm(
        submission.reply({
          fieldErrors: { password: [`errors.password_${error.problem}`] },
          hideFields: ['password'],
        }),
      );
    throw error;
  }
}

export default function Invitation() {
  const { token, invitation } = useLoaderData<typeof loader>();
  const lastResult = useActionData<FormReply>();
  const { t } = useTranslation('account');
  const [form, fields] = useAppForm(acceptInvitationSchema, 'invitation', lastResult);
  if (!invitation)
    return (
      <div className="ww-narrow kern-stack">
        <h1 className="kern-heading-large">{t('invitation.invalidTitle')}</h1>
        <p className="kern-body">{t('invitation.invalid')}</p>
      </div>
    );
  return (
    <div className="ww-narrow kern-stack">
      <h1 className="kern-heading-large">{t('invitation.title')}</h1>
      <p className="kern-body">
        {invitation.role === 'provider'
          ? t('invitation.introProvider', { email: invitation.email })
          : t('invitation.intro', { email: invitation.email, role: t(`roles.${invitation.role}`) })}
      </p>
      <ErrorSummary form={form} fields={[fields.displayName, fields.password]} />
      <Form method="post" {...getFormProps(form)} className="kern-stack">
        <input type="hidden" name="token" value={token} />
        <TextField
          field={fields.displayName}
          label={t('fields.displayName')}
          autoComplete="name"
          maxLength={120}
        />
        <TextField
          field={fields.password}
          label={t('fields.newPassword')}
          hint={t('fields.newPasswordHint')}
          type="password"
          autoComplete="new-password"
        />
        <button type="submit" className="kern-btn kern-btn--primary">
          <span className="kern-label">{t('invitation.submit')}</span>
        </button>
      </Form>
    </div>
  );
}
