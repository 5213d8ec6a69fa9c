import { getFormProps } from '@conform-to/react';
import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node';
import { redirect } from '@remix-run/node';
import { Form, useActionData, useLoaderData, useSearchParams } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import {
  Alert,
  CheckboxField,
  CheckboxGroup,
  ErrorSummary,
  replyOf,
  TextareaField,
  TextField,
  useAppForm,
} from '~/components/form';
import { pageTitle } from '~/i18next.server';
import { HintList, ProfileView } from '~/modules/assessment/components/profile-view';
import type { ResultSnapshot } from '~/modules/assessment/engine';
import { requireCase } from '~/modules/cases/access.server';
import { BARRIERS, MAX_GOALS } from '~/modules/cases/codes';
import { CaseHeader } from '~/modules/cases/components/case-header';
import { FreeText, Row } from '~/modules/cases/components/plan-view';
import { loadFile, standingConsent } from '~/modules/cases/file.server';
import { formAction, headerOf } from '~/modules/cases/pages.server';
import { canImportSelfAssessment, saveAssessment } from '~/modules/cases/plans.server';
import { assessmentSchema } from '~/modules/cases/schemas';
import { caseLinks } from '~/modules/cases/styles';
import { formatDateTime } from '~/utils/format';
import type { PageFormResult } from '~/utils/forms.server';
import { readForm } from '~/utils/forms.server';
import { titleMeta } from '~/utils/meta';
import { getSql } from '../../../db/client.server';

export const meta = titleMeta;
export const links = caseLinks;
export const handle = { i18n: ['cases', 'account', 'assessment'] };

/**
 * Intake and assessment: an interim result that is revised as the work goes on; each
 * save is a new revision, the older ones stay readable. Health only under its own consent.
 */
export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const actor = await requireCase(request, context, params.id, { read: 'assessment' });
  const file = await loadFile(getSql(), actor.row);
  const latest = file.assessments.at(-1);
  const health = Boolean(standingConsent(file, 'health'));
  return {
    title: await pageTitle(request, 'cases:assessment.title'),
    header: headerOf(actor, file),
    revisions: [...file.assessments].reverse(),
    health,
    canImport: canImportSelfAssessment(actor),
    writable: !file.closedAt && !file.restricted,
    textLanguage: file.textLanguage,
    defaults: latest
      ? {
          ...latest.content,
          ...Object.fromEntries(latest.content.goals.map((g) => [`goal${g.id.slice(1)}`, g.text])),
          barriers: latest.barriers,
          healthNote: latest.healthNote ?? undefined,
        }
      : {},
  };
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const actor = await requireCase(request, context, params.id);
  const form = await readForm(request);
  let revision = 0;
  const answer = await formAction(
    form,
    'assessment',
    assessmentSchema,
    async (v) => {
      revision = await saveAssessment(actor, v);
    },
    redirect(`/team/faelle/${actor.row.id}/einschaetzung`),
  );
  return revision ? redirect(`/team/faelle/${actor.row.id}/einschaetzung?gespeichert=${revision}`) : answer;
}

type Content = { [k: string]: unknown; goals: { id: string; text: string }[] };
const FIELDS = ['biography', 'reason', 'earlierMeasures', 'abilities', 'wishes', 'servicesInvolved'] as const;

export default function CaseAssessment() {
  const d = useLoaderData<typeof loader>();
  const result = useActionData<PageFormResult>();
  const [search] = useSearchParams();
  const { t, i18n } = useTranslation('cases');
  const lng = i18n.language;
  const [form, fields] = useAppForm(
    assessmentSchema,
    'assessment',
    replyOf(result, 'assessment'),
    d.defaults,
  );
  const goalFields = Array.from({ length: MAX_GOALS }, (_, i) => fields[`goal${i + 1}` as 'goal1']);
  const saved = search.get('gespeichert');
  return (
    <div className="kern-stack ww-case-page">
      <CaseHeader c={d.header} title={t('assessment.title')} />
      <p className="kern-body">{t('assessment.intro')}</p>
      {saved && !result ? <Alert tone="success">{t('assessment.saved', { revision: saved })}</Alert> : null}
      {d.writable ? (
        <>
          <ErrorSummary
            form={form}
            fields={[
              ...FIELDS.map((f) => fields[f]),
              ...goalFields,
              fields.barriers,
              fields.healthNote,
              fields.importSelfAssessment,
            ]}
          />
          <Form method="post" {...getFormProps(form)} className="kern-stack">
            <fieldset className="kern-fieldset">
              <legend className="kern-label">{t('assessment.situation')}</legend>
              <div className="kern-fieldset__body kern-stack-sm">
                {FIELDS.map((f) => (
                  <TextareaField
                    key={f}
                    field={fields[f]}
                    label={t(`assessment.fields.${f}`)}
                    hint={t(`assessment.hints.${f}`)}
                    rows={f === 'biography' ? 5 : 3}
                    maxLength={f === 'biography' ? 4000 : 2000}
                  />
                ))}
              </div>
            </fieldset>
            <fieldset className="kern-fieldset">
              <legend className="kern-label">{t('assessment.goals')}</legend>
              <div className="kern-fieldset__body kern-stack-sm">
                <p className="kern-hint">{t('assessment.goalsHint')}</p>
                {goalFields.map((f, i) => (
                  <TextField
                    key={f.name}
                    field={f}
                    label={t('assessment.goal', { n: i + 1 })}
                    maxLength={500}
                  />
                ))}
              </div>
            </fieldset>
            <CheckboxGroup
              field={fields.barriers}
              legend={t('assessment.barriers')}
              options={BARRIERS.filter((b) => b !== 'health' || d.health).map((b) => ({
                value: b,
                label: t(`barrier.${b}`),
              }))}
            />
            {d.health ? (
              <TextareaField
                field={fields.healthNote}
                label={t('assessment.healthNote')}
                hint={t('assessment.healthHint')}
                rows={3}
                maxLength={2000}
              />
            ) : (
              <p className="kern-body">{t('assessment.noHealthConsent')}</p>
            )}
            {d.canImport ? (
              <CheckboxField field={fields.importSelfAssessment} label={t('assessment.import')} />
            ) : null}
            <button type="submit" className="kern-btn kern-btn--primary">
              <span className="kern-label">{t('assessment.save')}</span>
            </button>
          </Form>
        </>
      ) : null}

      <section aria-labelledby="revisions-heading" className="kern-stack-sm">
        <h2 id="revisions-heading" className="kern-heading-medium">
          {t('assessment.revisions')}
        </h2>
        {d.revisions.length === 0 ? <p className="kern-body">{t('assessment.none')}</p> : null}
        {d.revisions.map((r, i) => {
          const content = r.content as Content;
          const shared = r.selfAssessment as unknown as ResultSnapshot['shared'] | null;
          return (
            <details key={r.id} open={i === 0} className="ww-case-item kern-stack-sm">
              <summary className="kern-heading-small">
                {t('assessment.revision', { revision: r.revision, date: formatDateTime(r.createdAt, lng) })}
              </summary>
              <dl className="ww-case-facts">
                {FIELDS.map((f) => (
                  <Row key={f} label={t(`assessment.fields.${f}`)}>
                    {content[f] ? <FreeText lang={d.textLanguage}>{String(content[f])}</FreeText> : null}
                  </Row>
                ))}
                <Row label={t('assessment.goals')}>
                  {content.goals.length ? (
                    <ol className="kern-list">
                      {content.goals.map((g) => (
                        <li key={g.id}>
                          <FreeText lang={d.textLanguage} as="span">
                            {g.text}
                          </FreeText>
                        </li>
                      ))}
                    </ol>
                  ) : null}
                </Row>
                <Row label={t('assessment.barriers')}>
                  {r.barriers.map((b) => t(`barrier.${b}`)).join(', ')}
                </Row>
                <Row label={t('assessment.healthNote')}>
                  {r.healthNote ? <FreeText lang={d.textLanguage}>{r.healthNote}</FreeText> : null}
                </Row>
              </dl>
              {shared ? (
                <div className="kern-stack-sm">
                  <h3 className="kern-heading-small">{t('assessment.selfAssessment')}</h3>
                  <ProfileView profile={shared.profile} headingLevel={4} />
                  {shared.hints.length ? <HintList hints={shared.hints} headingLevel={4} /> : null}
                </div>
              ) : null}
            </details>
          );
        })}
      </section>
    </div>
  );
}
