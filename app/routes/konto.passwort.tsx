import { getFormProps } from '@conform-to/react';
import { parseWithZod } from '@conform-to/zod';
import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node';
import { redirect } from '@remix-run/node';
import { Form, useActionData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { commitSession, requirePermission } from '~/auth/guard.server';
import { ErrorSummary, TextField, useAppForm } from '~/components/form';
import { useRetryAfterMessage } from '~/components/retry-after';
import { pageTitle } from '~/i18next.server';
import { changePassword } from '~/modules/accounts/accounts.server';
import { accountFormError } from '~/modules/accounts/form-errors.server';
import { changePasswordSchema } from '~/modules/accounts/schemas';
import { type FormReply, invalidForm, readForm, requestMeta } from '~/utils/forms.server';
import { passHeaders } from '~/utils/headers';
import { titleMeta } from '~/utils/meta';

export const meta = titleMeta;
export const headers = passHeaders;
export const handle = { i18n: ['account'] };

export async function loader({ request, context }: LoaderFunctionArgs) {
  await requirePermission(request, context, 'update:account:own');
  return { title: await pageTitle(request, 'account:changePassword.title') };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requirePermission(request, context, 'update:account:own');
  const submission = parseWithZod(await readForm(request), { schema: changePasswordSchema });
  const hideFields = ['currentPassword', 'password'];
  if (submission.status !== 'success') return invalidForm(submission.reply({ hideFields }));
  try {
    const session = await changePassword(
      user.id,
      submission.value.currentPassword,
      submission.value.password,
      await requestMeta(request, context),
    );
    return redirect('/konto?hinweis=saved', { headers: { 'Set-Cookie': commitSession(context, session) } });
  } catch (error) {
    return accountFormError(error, submission, hideFields);
  }
}

export default function ChangePassword() {
  const lastResult = useActionData<FormReply>();
  const { t } = useTranslation('account');
  const [form, fields] = useAppForm(changePasswordSchema, 'change-password', lastResult);
  const retry = useRetryAfterMessage(lastResult?.retryAfter);
  return (
    <div className="ww-narrow kern-stack">
      <h1 className="kern-heading-large">{t('changePassword.title')}</h1>
      <p className="kern-body">{t('changePassword.intro')}</p>
      <ErrorSummary form={form} fields={[fields.currentPassword, fields.password]} extra={retry} />
      <Form method="post" {...getFormProps(form)} className="kern-stack">
        <TextField
          field={fields.currentPassword}
          label={t('fields.currentPassword')}
          type="password"
          autoComplete="current-password"
        />
        <TextField
          field={fields.password}
          label={t('fields.newPassword')}
          hint={t('fields.newPasswordHint')}
          type="password"
          autoComplete="new-password"
        />
        <button type="submit" className="kern-btn kern-btn--primary">
          <span className="kern-label">{t('changePassword.submit')}</span>
        </button>
      </Form>
    </div>
  );
}
