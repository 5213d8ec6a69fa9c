import { getFormProps } from '@conform-to/react';
import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node';
import { redirect } from '@remix-run/node';
import { Form, useActionData, useLoaderData, useSearchParams } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import {
  Alert,
  ErrorSummary,
  RadioGroup,
  replyOf,
  TextareaField,
  TextField,
  useAppForm,
} from '~/components/form';
import { pageTitle } from '~/i18next.server';
import { requireCase } from '~/modules/cases/access.server';
import { MEASURE_STATUS } from '~/modules/cases/codes';
import { CaseHeader } from '~/modules/cases/components/case-header';
import { FreeText } from '~/modules/cases/components/plan-view';
import { loadFile } from '~/modules/cases/file.server';
import { formAction, headerOf } from '~/modules/cases/pages.server';
import { recordReview, reviewDefaults } from '~/modules/cases/plans.server';
import { reviewSchema } from '~/modules/cases/schemas';
import { caseLinks } from '~/modules/cases/styles';
import { formatDate } from '~/utils/format';
import { type PageFormResult, readForm } from '~/utils/forms.server';
import { titleMeta } from '~/utils/meta';
import { getSql } from '../../../db/client.server';

export const meta = titleMeta;
export const links = caseLinks;
export const handle = { i18n: ['cases', 'account'] };

/** "Wiedervorlage und Erfolgskontrolle": a review of the plan in force, measure by measure. */
export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const actor = await requireCase(request, context, params.id, { read: 'review' });
  const file = await loadFile(getSql(), actor.row);
  const active = file.plans.find((p) => p.version === file.activeVersion) ?? null;
  return {
    title: await pageTitle(request, 'cases:review.title'),
    header: headerOf(actor, file),
    active: active
      ? { version: active.version, measures: active.measures.map((m) => ({ key: m.key, goal: m.goal })) }
      : null,
    textLanguage: active?.textLanguage ?? file.textLanguage,
    nextReview: file.nextReview,
    reviews: [...file.reviews].reverse(),
    writable: !file.closedAt && !file.restricted,
    ...reviewDefaults(),
  };
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const actor = await requireCase(request, context, params.id);
  const form = await readForm(request);
  const file = await loadFile(getSql(), actor.row);
  const active = file.plans.find((p) => p.version === file.activeVersion);
  const keys = active?.measures.map((m) => m.key) ?? [];
  return formAction(
    form,
    'review',
    reviewSchema(keys),
    (v) =>
      recordReview(actor, {
        heldOn: v.heldOn,
        summary: v.summary,
        nextReviewOn: v.nextReviewOn,
        status: Object.fromEntries(
          keys.map((k) => [k, String((v as Record<string, unknown>)[`status_${k}`])]),
        ),
      }),
    redirect(`/team/faelle/${actor.row.id}/ueberpruefung?gespeichert=1`),
  );
}

export default function CaseReview() {
  const d = useLoaderData<typeof loader>();
  const result = useActionData<PageFormResult>();
  const [search] = useSearchParams();
  const { t, i18n } = useTranslation('cases');
  const lng = i18n.language;
  const [form, fields] = useAppForm(
    reviewSchema(d.active?.measures.map((m) => m.key) ?? []),
    'review',
    replyOf(result, 'review'),
    {
      heldOn: d.today,
    },
  );
  const statusFields = (d.active?.measures ?? []).map((m) => ({
    m,
    field: fields[`status_${m.key}` as 'heldOn'],
  }));
  return (
    <div className="kern-stack ww-case-page">
      <CaseHeader c={d.header} title={t('review.title')} />
      {search.get('gespeichert') && !result ? <Alert tone="success">{t('review.saved')}</Alert> : null}
      {d.active ? (
        <p className="kern-body">
          {d.nextReview
            ? t('review.due', { date: formatDate(d.nextReview, lng, 'long'), version: d.active.version })
            : t('review.noneDue', { version: d.active.version })}
        </p>
      ) : (
        <p className="kern-body">{t('review.noActivePlan')}</p>
      )}
      {d.active && d.writable ? (
        <>
          <ErrorSummary
            form={form}
            fields={[fields.heldOn, fields.summary, ...statusFields.map((s) => s.field), fields.nextReviewOn]}
          />
          <Form method="post" {...getFormProps(form)} key={d.reviews.length} className="kern-stack">
            <TextField field={fields.heldOn} label={t('review.heldOn')} type="date" />
            {statusFields.map(({ m, field }, i) => (
              <RadioGroup
                key={m.key}
                field={field}
                legend={
                  <>
                    {t('plan.measureHeading', { n: i + 1 })}:{' '}
                    <span lang={d.textLanguage} dir="auto">
                      {m.goal}
                    </span>
                  </>
                }
                options={MEASURE_STATUS.map((s) => ({ value: s, label: t(`measureStatus.${s}`) }))}
              />
            ))}
            <TextareaField
              field={fields.summary}
              label={t('review.summary')}
              hint={t('review.summaryHint')}
              rows={5}
              maxLength={4000}
            />
            <TextField
              field={fields.nextReviewOn}
              label={t('review.nextReviewOn')}
              hint={t('review.nextReviewHint')}
              type="date"
            />
            <button type="submit" className="kern-btn kern-btn--primary">
              <span className="kern-label">{t('review.submit')}</span>
            </button>
          </Form>
        </>
      ) : null}
      <section aria-labelledby="reviews-heading" className="kern-stack-sm">
        <h2 id="reviews-heading" className="kern-heading-medium">
          {t('review.history')}
        </h2>
        {d.reviews.length === 0 ? <p className="kern-body">{t('review.none')}</p> : null}
        <ul className="ww-case-list">
          {d.reviews.map((r) => (
            <li key={r.id} className="ww-case-item kern-stack-sm">
              <h3 className="kern-heading-small">
                {t('review.heldLine', {
                  date: formatDate(r.heldOn, lng, 'long'),
                  version: r.planVersion ?? '–',
                })}
                {r.dueOn && r.heldOn > r.dueOn ? (
                  <span className="ww-case-tag">{t('review.late')}</span>
                ) : null}
              </h3>
              <FreeText lang={d.textLanguage}>{r.summary}</FreeText>
              {r.nextReviewOn ? (
                <p className="kern-body">
                  {t('review.nextLine', { date: formatDate(r.nextReviewOn, lng, 'long') })}
                </p>
              ) : null}
            </li>
          ))}
        </ul>
      </section>
    </div>
  );
}
