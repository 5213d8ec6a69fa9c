import { getFormProps } from '@conform-to/react';
import { parseWithZod } from '@conform-to/zod';
import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node';
import { data } from '@remix-run/node';
import { Form, useActionData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { redirectIfSignedIn } from '~/auth/guard.server';
import { ThrottledError } from '~/auth/throttle.server';
import {
  CheckboxField,
  ErrorSummary,
  Notice,
  RadioGroup,
  SelectField,
  TextField,
  useAppForm,
} from '~/components/form';
import { LocalizedLink } from '~/components/localized-link';
import { useRetryAfterMessage } from '~/components/retry-after';
import { pageTitle } from '~/i18next.server';
import { PasswordRejected, signUp } from '~/modules/accounts/accounts.server';
import { providerKinds, signUpSchema } from '~/modules/accounts/schemas';
import { type FormReply, invalidForm, readForm, requestMeta, throttledForm } from '~/utils/forms.server';
import { passHeaders } from '~/utils/headers';
import { titleMeta } from '~/utils/meta';

export const meta = titleMeta;
export const headers = passHeaders;
export const handle = { i18n: ['account'] };

export async function loader({ request, context }: LoaderFunctionArgs) {
  redirectIfSignedIn(context);
  return { title: await pageTitle(request, 'account:signUp.title') };
}

type ActionResult = FormReply | { sent: true; email: string };

export async function action({ request, context }: ActionFunctionArgs) {
  const submission = parseWithZod(await readForm(request), { schema: signUpSchema });
  if (submission.status !== 'success') return invalidForm(submission.reply({ hideFields: ['password'] }));
  try {
    await signUp(submission.value, await requestMeta(request, context));
  } catch (error) {
    if (error instanceof PasswordRejected)
      return invalidForm(
        submission.reply({
          fieldErrors: { password: [`errors.password_${error.problem}`] },
          hideFields: ['password'],
        }),
      );
    if (error instanceof ThrottledError)
      return throttledForm(
        submission.reply({ formErrors: ['errors.throttled'], hideFields: ['password'] }),
        error.retryAfterSeconds,
      );
    throw error;
  }
  // The same answer whether or not the address already had an account.
  return data<ActionResult>({ sent: true, email: submission.value.email });
}

export default function SignUp() {
  const result = useActionData<ActionResult>();
  const { t } = useTranslation('account');
  const lastResult = result && 'status' in result ? result : undefined;
  const [form, fields] = useAppForm(signUpSchema, 'sign-up', lastResult);
  const retry = useRetryAfterMessage(lastResult?.retryAfter);
  if (result && 'sent' in result)
    return (
      <div className="ww-narrow kern-stack">
        <h1 className="kern-heading-large">{t('signUp.sentTitle')}</h1>
        <Notice title={t('signUp.sent', { email: result.email })}>
          <p className="kern-body">{t('signUp.sentHint')}</p>
        </Notice>
      </div>
    );
  return (
    <div className="ww-narrow kern-stack">
      <h1 className="kern-heading-large">{t('signUp.title')}</h1>
      <p className="kern-body">{t('signUp.intro')}</p>
      <ErrorSummary
        form={form}
        fields={[
          fields.kind,
          fields.displayName,
          fields.email,
          fields.password,
          fields.organisation,
          fields.providerKind,
          fields.consent,
        ]}
        extra={retry}
      />
      <Form method="post" {...getFormProps(form)} className="kern-stack">
        <RadioGroup
          field={fields.kind}
          legend={t('signUp.kindLegend')}
          options={[
            { value: 'citizen', label: t('signUp.kindCitizen'), hint: t('signUp.kindCitizenHint') },
            { value: 'provider', label: t('signUp.kindProvider'), hint: t('signUp.kindProviderHint') },
          ]}
        />
        <TextField
          field={fields.displayName}
          label={t('fields.displayName')}
          autoComplete="name"
          maxLength={120}
        />
        <TextField
          field={fields.email}
          label={t('fields.email')}
          type="email"
          autoComplete="email"
          maxLength={254}
        />
        <TextField
          field={fields.password}
          label={t('fields.newPassword')}
          hint={t('fields.newPasswordHint')}
          type="password"
          autoComplete="new-password"
        />
        <fieldset className="kern-fieldset">
          <legend className="kern-label">{t('signUp.providerLegend')}</legend>
          <p className="kern-hint">{t('signUp.providerHint')}</p>
          <div className="kern-fieldset__body kern-stack">
            <TextField
              field={fields.organisation}
              label={t('fields.organisation')}
              autoComplete="organization"
              maxLength={200}
            />
            <SelectField
              field={fields.providerKind}
              label={t('fields.providerKind')}
              placeholder={t('fields.choose')}
              options={providerKinds.map((k) => ({ value: k, label: t(`providerKinds.${k}`) }))}
            />
          </div>
        </fieldset>
        <CheckboxField
          field={fields.consent}
          label={
            <>
              {t('signUp.consent')}{' '}
              <LocalizedLink className="kern-link" to="/datenschutz#konto">
                {t('signUp.consentLink')}
              </LocalizedLink>
            </>
          }
        />
        <button type="submit" className="kern-btn kern-btn--primary">
          <span className="kern-label">{t('signUp.submit')}</span>
        </button>
      </Form>
    </div>
  );
}
