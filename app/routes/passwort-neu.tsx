import { getFormProps } from '@conform-to/react';
import { parseWithZod } from '@conform-to/zod';
import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node';
import { data, redirect } from '@remix-run/node';
import { Form, useActionData, useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { ErrorSummary, TextField, useAppForm } from '~/components/form';
import { LocalizedLink } from '~/components/localized-link';
import { pageTitle } from '~/i18next.server';
import { PasswordRejected, resetPassword, resetTokenUsable } from '~/modules/accounts/accounts.server';
import { resetPasswordSchema } from '~/modules/accounts/schemas';
import { type FormReply, invalidForm, readForm, requestMeta } from '~/utils/forms.server';
import { passHeaders } from '~/utils/headers';
import { titleMeta } from '~/utils/meta';

export const meta = titleMeta;
export const headers = passHeaders;
export const handle = { i18n: ['account'] };

/** The reset link's page: a form while the link is valid (1 hour, once), else an explanation (410). */
export async function loader({ request }: LoaderFunctionArgs) {
  const token = new URL(request.url).searchParams.get('token') ?? '';
  const usable = await resetTokenUsable(token);
  return data(
    {
      title: await pageTitle(request, usable ? 'account:reset.title' : 'account:reset.expiredTitle'),
      token,
      usable,
    },
    { status: usable ? 200 : 410, headers: { 'Referrer-Policy': 'no-referrer' } },
  );
}

type ActionResult = FormReply | { expired: true };

export async function action({ request, context }: ActionFunctionArgs) {
  const submission = parseWithZod(await readForm(request), { schema: resetPasswordSchema });
  if (submission.status !== 'success') return invalidForm(submission.reply({ hideFields: ['password'] }));
  try {
    const done = await resetPassword(
      submission.value.token,
      submission.value.password,
      await requestMeta(request, context),
    );
    if (!done) return data<ActionResult>({ expired: true }, { status: 410 });
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
  return redirect('/anmelden?reset=1');
}

export default function ResetPassword() {
  const { token, usable } = useLoaderData<typeof loader>();
  const result = useActionData<ActionResult>();
  const { t } = useTranslation('account');
  const lastResult = result && 'status' in result ? result : undefined;
  const [form, fields] = useAppForm(resetPasswordSchema, 'reset', lastResult);
  if (!usable || (result && 'expired' in result))
    return (
      <div className="ww-narrow kern-stack">
        <h1 className="kern-heading-large">{t('reset.expiredTitle')}</h1>
        <p className="kern-body">{t('reset.expired')}</p>
        <p className="kern-body">
          <LocalizedLink className="kern-link" to="/passwort-vergessen">
            {t('reset.again')}
          </LocalizedLink>
        </p>
      </div>
    );
  return (
    <div className="ww-narrow kern-stack">
      <h1 className="kern-heading-large">{t('reset.title')}</h1>
      <p className="kern-body">{t('reset.intro')}</p>
      <ErrorSummary form={form} fields={[fields.password]} />
      <Form method="post" {...getFormProps(form)} className="kern-stack">
        <input type="hidden" name="token" value={token} />
        <TextField
          field={fields.password}
          label={t('fields.newPassword')}
          hint={t('fields.newPasswordHint')}
          type="password"
          autoComplete="new-password"
        />
        <button type="submit" className="kern-btn kern-btn--primary">
          <span className="kern-label">{t('reset.submit')}</span>
        </button>
      </Form>
    </div>
  );
}
