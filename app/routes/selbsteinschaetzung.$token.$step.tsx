import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node';
import { data, redirect } from '@remix-run/node';
import { Form, useActionData, useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { ThrottledError } from '~/auth/throttle.server';
import { Alert, ChoiceOption, ErrorSummaryBox, ErrorText } from '~/components/form';
import { i18nServer } from '~/i18next.server';
import {
  finishAssessment,
  openPageAssessment,
  pageOf,
  submitPage,
} from '~/modules/assessment/assessment.server';
import { ProfileView } from '~/modules/assessment/components/profile-view';
import { AssessmentProgress } from '~/modules/assessment/components/progress';
import { errorKey, QuestionField } from '~/modules/assessment/components/question-field';
import type { Answers } from '~/modules/assessment/definition';
import {
  assessmentPath,
  NEW_ASSESSMENT,
  OVERVIEW,
  type PageErrors,
  RESULT,
  SAVE,
} from '~/modules/assessment/engine';
import { assessmentTitle } from '~/modules/assessment/titles.server';
import { readForm } from '~/utils/forms.server';
import { manageHeaders } from '~/utils/headers';
import { throwAsResponse } from '~/utils/http.server';
import { withLanguage } from '~/utils/localized';
import { manageMeta } from '~/utils/meta';

// The link is the person's key: never cached, indexed or sent on as a referrer.
export const meta = manageMeta;
export const headers = manageHeaders;
export const handle = { i18n: ['assessment'] };

export async function loader({ request, params }: LoaderFunctionArgs) {
  // `neu`: started, nothing saved yet — the pages show the questionnaire empty.
  const a = await openPageAssessment(params.token ?? '').catch(throwAsResponse);
  const step = params.step ?? '';
  const page = pageOf(a, step);
  if (!page) throw new Response('not found', { status: 404 });
  return {
    title: await assessmentTitle(request, `modules.${step}.title`, {
      index: page.steps.indexOf(step),
      total: page.steps.length,
    }),
    token: params.token!,
    step,
    ...page,
    answers: a.answers,
    healthConsent: a.healthConsent,
    missing: new URL(request.url).searchParams.get('fehlt'),
  };
}

type ActionData = { errors: PageErrors; answers: Answers; healthConsent: boolean };

export async function action({ request, params, context }: ActionFunctionArgs) {
  const a = await openPageAssessment(params.token ?? '').catch(throwAsResponse);
  const form = await readForm(request);
  const lng = await i18nServer.getLocale(request);
  const go = (page: string, token = params.token!) =>
    redirect(withLanguage(assessmentPath(token, page), lng));
  const intent = String(form.get('intent') ?? 'next');
  if (params.step === OVERVIEW) {
    const done = await finishAssessment(a);
    throw go(done.ok ? RESULT : `${OVERVIEW}?fehlt=${done.missing}`);
  }
  const outcome = await submitPage(a, params.step ?? '', form, intent, { ip: context.clientIp }).catch(
    (error) => {
      // The first answer of a `neu` assessment creates its row: counted per IP like the start.
      if (error instanceof ThrottledError)
        throw new Response('throttled', {
          status: 429,
          headers: { 'Retry-After': String(error.retryAfterSeconds) },
        });
      return throwAsResponse(error);
    },
  );
  if (outcome.ok) throw go(outcome.goTo, outcome.token);
  return data<ActionData>(
    { errors: outcome.errors, answers: outcome.answers, healthConsent: outcome.healthConsent },
    { status: 400 },
  );
}

export default function AssessmentStep() {
  const d = useLoaderData<typeof loader>();
  const result = useActionData<ActionData>();
  const { t } = useTranslation('assessment');
  const answers = result?.answers ?? d.answers;
  const errors = result?.errors ?? {};
  const consent = result?.healthConsent ?? d.healthConsent;
  const href = (page: string) => assessmentPath(d.token, page);
  const summary = [
    ...(errors.consent ? [{ message: t('errors.consent'), href: '#consent' }] : []),
    ...d.questions
      .filter((q) => errors[q.id])
      .map((q) => ({ message: t(errorKey(q, errors[q.id])), href: `#q-${q.id}` })),
  ];

  return (
    <div className="kern-stack ww-prose">
      <AssessmentProgress steps={d.steps} current={d.step} answered={d.answered} hrefFor={href} />
      <div className="kern-stack-sm">
        <h1 className="kern-heading-large">{t(`modules.${d.step}.title`)}</h1>
        <p className="kern-body">{t(`modules.${d.step}.intro`)}</p>
      </div>
      <ErrorSummaryBox id="error-summary" title={t('errors.summaryTitle')} items={summary} />

      {d.profile ? (
        <>
          {d.missing ? <Alert tone="warning">{t('errors.missingGoals')}</Alert> : null}
          <ul className="kern-stack-sm ww-plain-list">
            {d.steps
              .filter((s) => s !== d.step)
              .map((s) => {
                const section = d.profile!.find((p) => p.module === s);
                return (
                  <li key={s} className="kern-stack-sm">
                    {section ? (
                      <ProfileView profile={[section]} headingLevel={2} />
                    ) : (
                      <>
                        <h2 className="kern-heading-small">{t(`modules.${s}.title`)}</h2>
                        <p className="kern-body">{t('overview.notAnswered')}</p>
                      </>
                    )}
                    <p className="kern-body">
                      <a className="kern-link" href={href(s)}>
                        {t('overview.change')}
                        <span className="kern-sr-only">: {t(`modules.${s}.title`)}</span>
                      </a>
                    </p>
                  </li>
                );
              })}
          </ul>
          <Form method="post" className="kern-stack-sm">
            <p className="kern-hint">{t('overview.finishHint')}</p>
            <div className="ww-actions">
              <button type="submit" name="intent" value="finish" className="kern-btn kern-btn--primary">
                <span className="kern-label">{t('overview.finish')}</span>
              </button>
              {/* Nothing saved yet (the `neu` link): there is no link to keep. */}
              {d.token === NEW_ASSESSMENT ? null : (
                <a className="kern-link" href={href(SAVE)}>
                  {t('nav.later')}
                </a>
              )}
            </div>
          </Form>
        </>
      ) : (
        <Form method="post" className="kern-stack" noValidate>
          {d.sensitive ? (
            <div className="kern-stack-sm">
              {errors.consent ? <ErrorText>{t('errors.consent')}</ErrorText> : null}
              <ChoiceOption
                type="checkbox"
                id="consent"
                name="consent"
                value="on"
                checked={consent}
                label={t('consent.label')}
                hint={t('consent.hint')}
              />
            </div>
          ) : null}
          {d.questions.map((q) => (
            <QuestionField key={q.id} question={q} answers={answers} error={errors[q.id]} />
          ))}
          <div className="ww-actions">
            {/* The first button is the form's default: Enter in a field goes forward. */}
            <button type="submit" name="intent" value="next" className="kern-btn kern-btn--primary">
              <span className="kern-label">{t('nav.next')}</span>
            </button>
            {d.steps.indexOf(d.step) > 0 ? (
              <button type="submit" name="intent" value="back" className="kern-btn kern-btn--secondary">
                <span className="kern-label">{t('nav.back')}</span>
              </button>
            ) : null}
            <button type="submit" name="intent" value="later" className="kern-btn kern-btn--tertiary">
              <span className="kern-label">{t('nav.later')}</span>
            </button>
          </div>
        </Form>
      )}
    </div>
  );
}
