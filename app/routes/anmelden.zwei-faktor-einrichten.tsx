import { getFormProps } from '@conform-to/react';
import { parseWithZod } from '@conform-to/zod';
import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node';
import { data } from '@remix-run/node';
import { Form, useActionData, useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { commitSession, requireUser, safeRedirect } from '~/auth/guard.server';
import { secondFactorMandatory } from '~/auth/permissions';
import { ThrottledError } from '~/auth/throttle.server';
import { CodeField, ErrorSummary, Notice, useAppForm } from '~/components/form';
import { LocalizedLink } from '~/components/localized-link';
import { useRetryAfterMessage } from '~/components/retry-after';
import { pageTitle } from '~/i18next.server';
import { secondFactorSchema } from '~/modules/accounts/schemas';
import { confirmEnrolment, startEnrolment } from '~/modules/accounts/two-factor.server';
import { type FormReply, invalidForm, readForm, throttledForm } from '~/utils/forms.server';
import { passHeaders } from '~/utils/headers';
import { titleMeta } from '~/utils/meta';

export const meta = titleMeta;
export const headers = passHeaders;
export const handle = { i18n: ['account'] };

/**
 * Enrolment of the authenticator app: mandatory for counsellors and admins before any of
 * their pages, optional for everyone else (linked from the account page).
 */
async function enrolling(request: Request, context: LoaderFunctionArgs['context']) {
  const user = await requireUser(request, context, { secondFactorPending: true });
  const redirectTo = safeRedirect(new URL(request.url).searchParams.get('redirectTo'));
  return { user, redirectTo };
}

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { user, redirectTo } = await enrolling(request, context);
  const title = await pageTitle(request, 'account:enrol.title');
  const mandatory = secondFactorMandatory(user.role);
  // Already enrolled (e.g. right after the confirming POST, whose answer shows the
  // recovery codes): no new key, just the way on.
  const enrolment = user.totpEnabled ? null : await startEnrolment(user.id, user.email);
  if (!enrolment) return { title, redirectTo, enrolled: true as const, mandatory };
  return {
    title,
    redirectTo,
    enrolled: false as const,
    mandatory,
    qrDataUrl: enrolment.qrDataUrl,
    manualKey: enrolment.manualKey,
  };
}

type ActionResult = FormReply | { recoveryCodes: string[]; continueTo: string };

export async function action({ request, context }: ActionFunctionArgs) {
  const { user, redirectTo } = await enrolling(request, context);
  const submission = parseWithZod(await readForm(request), { schema: secondFactorSchema });
  if (submission.status !== 'success') return invalidForm(submission.reply({ hideFields: ['code'] }));
  try {
    const result = await confirmEnrolment(user.id, user.sessionId, submission.value.code, context.clientIp);
    if (!result)
      return invalidForm(
        submission.reply({ fieldErrors: { code: ['errors.codeWrong'] }, hideFields: ['code'] }),
      );
    return data<ActionResult>(
      { recoveryCodes: result.recoveryCodes, continueTo: redirectTo },
      { headers: { 'Set-Cookie': commitSession(context, result.session), 'Cache-Control': 'no-store' } },
    );
  } catch (error) {
    if (error instanceof ThrottledError)
      return throttledForm(
        submission.reply({ formErrors: ['errors.throttled'], hideFields: ['code'] }),
        error.retryAfterSeconds,
      );
    throw error;
  }
}

function RecoveryCodes({ codes, continueTo }: { codes: string[]; continueTo: string }) {
  const { t } = useTranslation('account');
  return (
    <div className="ww-narrow kern-stack">
      <h1 className="kern-heading-large">{t('enrol.doneTitle')}</h1>
      <Notice title={t('enrol.done')} />
      <h2 className="kern-heading-medium">{t('enrol.recoveryTitle')}</h2>
      <p className="kern-body">{t('enrol.recoveryIntro')}</p>
      <ul className="ww-recovery-codes" aria-label={t('enrol.recoveryTitle')}>
        {codes.map((code) => (
          <li key={code}>
            <code>{code}</code>
          </li>
        ))}
      </ul>
      <p>
        <LocalizedLink className="kern-btn kern-btn--primary" to={continueTo}>
          <span className="kern-label">{t('enrol.continue')}</span>
        </LocalizedLink>
      </p>
    </div>
  );
}

export default function Enrol() {
  const loaded = useLoaderData<typeof loader>();
  const result = useActionData<ActionResult>();
  const { t } = useTranslation('account');
  const lastResult = result && 'status' in result ? result : undefined;
  const [form, fields] = useAppForm(secondFactorSchema, 'enrol', lastResult);
  const retry = useRetryAfterMessage(lastResult?.retryAfter);
  if (result && 'recoveryCodes' in result)
    return <RecoveryCodes codes={result.recoveryCodes} continueTo={result.continueTo} />;
  return (
    <div className="ww-narrow kern-stack">
      <h1 className="kern-heading-large">{t('enrol.title')}</h1>
      <p className="kern-body">{loaded.mandatory ? t('enrol.introMandatory') : t('enrol.intro')}</p>
      <ErrorSummary form={form} fields={[fields.code]} extra={retry} />
      <ol className="kern-list ww-steps">
        <li>{t('enrol.step1')}</li>
        <li>
          {t('enrol.step2')}
          <figure className="ww-qr">
            {/* The otpauth:// URI as QR code; the key below says the same in text. */}
            <img src={loaded.qrDataUrl} alt={t('enrol.qrLabel')} width={192} height={192} />
            <figcaption className="kern-body">
              {t('enrol.manual')} <code className="ww-key">{loaded.manualKey}</code>
            </figcaption>
          </figure>
        </li>
        <li>{t('enrol.step3')}</li>
      </ol>
      <Form method="post" {...getFormProps(form)} className="kern-stack">
        <CodeField field={fields.code} label={t('fields.totpCode')} hint={t('enrol.codeHint')} />
        <button type="submit" className="kern-btn kern-btn--primary">
          <span className="kern-label">{t('enrol.submit')}</span>
        </button>
      </Form>
    </div>
  );
}
