import { getFormProps } from '@conform-to/react';
import { parseWithZod } from '@conform-to/zod';
import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node';
import { redirect } from '@remix-run/node';
import { Form, useActionData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { clearSession, requirePermission } from '~/auth/guard.server';
import { CheckboxField, ErrorSummary, TextField, useAppForm } from '~/components/form';
import { useRetryAfterMessage } from '~/components/retry-after';
import { pageTitle } from '~/i18next.server';
import { deleteMyAccount } from '~/modules/accounts/accounts.server';
import { accountFormError } from '~/modules/accounts/form-errors.server';
import { deleteAccountSchema } from '~/modules/accounts/schemas';
import { type FormReply, invalidForm, readForm, requestMeta } from '~/utils/forms.server';
import { passHeaders } from '~/utils/headers';
import { titleMeta } from '~/utils/meta';

export const meta = titleMeta;
export const headers = passHeaders;
export const handle = { i18n: ['account'] };

export async function loader({ request, context }: LoaderFunctionArgs) {
  await requirePermission(request, context, 'delete:account:own');
  return { title: await pageTitle(request, 'account:deleteAccount.title') };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requirePermission(request, context, 'delete:account:own');
  const submission = parseWithZod(await readForm(request), { schema: deleteAccountSchema });
  if (submission.status !== 'success')
    return invalidForm(submission.reply({ hideFields: ['currentPassword'] }));
  try {
    await deleteMyAccount(user.id, submission.value.currentPassword, await requestMeta(request, context));
  } catch (error) {
    return accountFormError(error, submission, ['currentPassword']);
  }
  return redirect('/?konto-geloescht=1', { headers: { 'Set-Cookie': clearSession(context) } });
}

export default function DeleteAccount() {
  const lastResult = useActionData<FormReply>();
  const { t } = useTranslation('account');
  const [form, fields] = useAppForm(deleteAccountSchema, 'delete-account', lastResult);
  const retry = useRetryAfterMessage(lastResult?.retryAfter);
  return (
    <div className="ww-narrow kern-stack">
      <h1 className="kern-heading-large">{t('deleteAccount.title')}</h1>
      <p className="kern-body">{t('deleteAccount.intro')}</p>
      <ul className="kern-list">
        <li>{t('deleteAccount.erased')}</li>
        <li>{t('deleteAccount.kept')}</li>
      </ul>
      <p className="kern-body">
        <a className="kern-link" href="/konto/daten.json" download>
          {t('deleteAccount.downloadFirst')}
        </a>
      </p>
      <ErrorSummary form={form} fields={[fields.currentPassword, fields.confirm]} extra={retry} />
      <Form method="post" {...getFormProps(form)} className="kern-stack">
        <TextField
          field={fields.currentPassword}
          label={t('fields.currentPassword')}
          type="password"
          autoComplete="current-password"
        />
        <CheckboxField field={fields.confirm} label={t('deleteAccount.confirm')} />
        <button type="submit" className="kern-btn kern-btn--primary">
          <span className="kern-label">{t('deleteAccount.submit')}</span>
        </button>
      </Form>
    </div>
  );
}
