import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node';
import { data, redirect } from '@remix-run/node';
import { Form, useActionData, useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { ThrottledError } from '~/auth/throttle.server';
import { Alert, Notice } from '~/components/form';
import { LocalizedLink } from '~/components/localized-link';
import { useRetryAfterMessage } from '~/components/retry-after';
import { i18nServer, pageTitle } from '~/i18next.server';
import { beginAssessment } from '~/modules/assessment/assessment.server';
import { assessmentPath } from '~/modules/assessment/engine';
import { readForm } from '~/utils/forms.server';
import { withLanguage } from '~/utils/localized';
import { titleMeta } from '~/utils/meta';

export const meta = titleMeta;
// account: the "try again in …" of a throttled start.
export const handle = { i18n: ['assessment', 'account'] };

export async function loader({ request }: LoaderFunctionArgs) {
  return {
    title: await pageTitle(request, 'assessment:start.heading'),
    deleted: new URL(request.url).searchParams.get('geloescht') === '1',
  };
}

/**
 * Starting stores nothing: the first page opens under the `neu` link and the row (anonymous:
 * no account, name or address) comes with the first answer saved. Starts are counted per IP.
 */
export async function action({ request, context }: ActionFunctionArgs) {
  await readForm(request);
  try {
    const { token, step } = await beginAssessment(context.clientIp);
    throw redirect(withLanguage(assessmentPath(token, step), await i18nServer.getLocale(request)));
  } catch (error) {
    if (!(error instanceof ThrottledError)) throw error;
    return data(
      { retryAfter: error.retryAfterSeconds },
      { status: 429, headers: { 'Retry-After': String(error.retryAfterSeconds) } },
    );
  }
}

export default function AssessmentStart() {
  const { deleted } = useLoaderData<typeof loader>();
  const throttled = useActionData<typeof action>();
  const { t } = useTranslation('assessment');
  const retry = useRetryAfterMessage(throttled?.retryAfter);
  return (
    <div className="kern-stack ww-prose">
      {deleted ? <Notice title={t('later.deleted')} /> : null}
      {retry ? (
        <Alert tone="warning">
          {t('errors.throttled')} {retry.join(' ')}
        </Alert>
      ) : null}
      <h1 className="kern-heading-large">{t('start.heading')}</h1>
      <p className="kern-body kern-body--large">{t('start.lead')}</p>
      <section aria-labelledby="points" className="kern-stack-sm">
        <h2 id="points" className="kern-heading-small">
          {t('start.pointsHeading')}
        </h2>
        <ul className="kern-list kern-body">
          <li>{t('start.anonymous')}</li>
          <li>{t('start.time')}</li>
          <li>{t('start.skip')}</li>
          <li>{t('start.later')}</li>
        </ul>
        <p className="kern-body">
          <LocalizedLink className="kern-link" to="/datenschutz">
            {t('start.privacy')}
          </LocalizedLink>
        </p>
      </section>
      <Form method="post">
        <button type="submit" className="kern-btn kern-btn--primary">
          <span className="kern-label">{t('start.button')}</span>
        </button>
      </Form>
      <section aria-labelledby="continue" className="ww-ask">
        <h2 id="continue" className="kern-heading-small">
          {t('start.continueHeading')}
        </h2>
        <p className="kern-body">{t('start.continueText')}</p>
      </section>
      <p className="kern-body">
        <LocalizedLink className="kern-link" to="/orientierung">
          {t('start.browse')}
        </LocalizedLink>
      </p>
    </div>
  );
}
