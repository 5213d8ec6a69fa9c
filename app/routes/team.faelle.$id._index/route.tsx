import { getFormProps } from '@conform-to/react';
import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node';
import { redirect } from '@remix-run/node';
import { Form, useActionData, useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import {
  CheckboxField,
  ErrorSummary,
  RadioGroup,
  replyOf,
  SelectField,
  TextareaField,
  TextField,
  useAppForm,
} from '~/components/form';
import { languageNames, supportedLanguages } from '~/i18n';
import { pageTitle } from '~/i18next.server';
import { requireCase } from '~/modules/cases/access.server';
import * as cases from '~/modules/cases/cases.server';
import { RECORDED_HOW } from '~/modules/cases/codes';
import { CaseHeader } from '~/modules/cases/components/case-header';
import { ConsentList } from '~/modules/cases/components/consents';
import { FreeText, Row } from '~/modules/cases/components/plan-view';
import { Refusal } from '~/modules/cases/components/refusal';
import { loadFile } from '~/modules/cases/file.server';
import { buttonAction, formAction, headerOf, numberOf } from '~/modules/cases/pages.server';
import { answerComment } from '~/modules/cases/plans.server';
import {
  commentSchema,
  entrySchema,
  healthConsentSchema,
  noteSchema,
  restrictSchema,
  stepSchema,
} from '~/modules/cases/schemas';
import { caseLinks } from '~/modules/cases/styles';
import { formatDate, formatDateTime, languageName } from '~/utils/format';
import { type PageFormResult, readForm } from '~/utils/forms.server';
import { titleMeta } from '~/utils/meta';
import { getSql } from '../../../db/client.server';

export const meta = titleMeta;
export const links = caseLinks;
export const handle = { i18n: ['cases', 'account'] };

/** A case file's overview: the person, consents, timeline, working notes, journal, the person's comments. */
export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const actor = await requireCase(request, context, params.id, { read: 'overview' });
  const file = await loadFile(getSql(), actor.row);
  return {
    title: await pageTitle(request, 'cases:overview.title'),
    header: headerOf(actor, file),
    file,
    role: actor.role,
  };
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const actor = await requireCase(request, context, params.id);
  const form = await readForm(request);
  const intent = String(form.get('intent') ?? '');
  const back = redirect(`/team/faelle/${actor.row.id}`);
  switch (intent) {
    case 'step-add':
      return formAction(form, intent, stepSchema, (v) => cases.addStep(actor, v), back);
    case 'step-done':
      return buttonAction(
        intent,
        () => cases.setStepDone(actor, numberOf(form.get('step')), form.get('done') === '1'),
        back,
      );
    case 'note-add':
      return formAction(form, intent, noteSchema, (v) => cases.addNote(actor, v.body), back);
    case 'note-move':
      return buttonAction(intent, () => cases.moveNoteIntoFile(actor, numberOf(form.get('note'))), back);
    case 'note-delete':
      return buttonAction(intent, () => cases.deleteNote(actor, numberOf(form.get('note'))), back);
    case 'entry-add':
      return formAction(form, intent, entrySchema, (v) => cases.addEntry(actor, v.body), back);
    case 'comment-answer':
      return formAction(form, intent, commentSchema, (v) => answerComment(actor, v.body), back);
    case 'health-consent':
      return formAction(form, intent, healthConsentSchema, (v) => cases.recordHealthConsent(actor, v), back);
    case 'consent-withdraw': {
      // Withdrawing the consent to documentation erases the file: back to the list.
      const outcome: { value?: 'erased' | 'withdrawn' } = {};
      const answer = await buttonAction(
        intent,
        async () => {
          outcome.value = await cases.withdrawConsentForPerson(actor, numberOf(form.get('consent')));
        },
        back,
      );
      return outcome.value === 'erased' ? redirect('/team/faelle?geloescht=1') : answer;
    }
    case 'restrict':
      return formAction(form, intent, restrictSchema, (v) => cases.restrict(actor, v.reason), back);
    case 'restriction-lift':
      return buttonAction(intent, () => cases.liftRestriction(actor), back);
    default:
      throw new Response('bad request', { status: 400 });
  }
}

export default function CaseOverview() {
  const { header, file, role } = useLoaderData<typeof loader>();
  const result = useActionData<PageFormResult>();
  const { t, i18n } = useTranslation('cases');
  const lng = i18n.language;
  const [stepForm, stepFields] = useAppForm(stepSchema, 'step-add', replyOf(result, 'step-add'));
  const [noteForm, noteFields] = useAppForm(noteSchema, 'note-add', replyOf(result, 'note-add'));
  const [entryForm, entryFields] = useAppForm(entrySchema, 'entry-add', replyOf(result, 'entry-add'));
  const [commentForm, commentFields] = useAppForm(
    commentSchema,
    'comment-answer',
    replyOf(result, 'comment-answer'),
  );
  const [healthForm, healthFields] = useAppForm(
    healthConsentSchema,
    'health-consent',
    replyOf(result, 'health-consent'),
    {
      consentLanguage: file.person.locale,
    },
  );
  const [restrictForm, restrictFields] = useAppForm(restrictSchema, 'restrict', replyOf(result, 'restrict'));
  const writable = !file.closedAt && !file.restricted;
  const healthStanding = file.consents.some((c) => c.purpose === 'health' && !c.withdrawnAt);
  const stepName = (s: (typeof file.steps)[number]) => (s.key ? t(`steps.${s.key}`) : s.title);
  return (
    <div className="kern-stack ww-case-page">
      <CaseHeader c={header} title={t('overview.title')} />

      <section aria-labelledby="person-heading" className="kern-stack-sm">
        <h2 id="person-heading" className="kern-heading-medium">
          {t('overview.person')}
        </h2>
        <dl className="ww-case-facts">
          <Row label={t('open.name')}>{file.person.name}</Row>
          <Row label={t('open.email')}>{file.person.email}</Row>
          <Row label={t('open.phone')}>
            {file.person.phone ? <bdi dir="ltr">{file.person.phone}</bdi> : null}
          </Row>
          <Row label={t('open.locale')}>
            {languageNames[file.person.locale as 'de'] ?? file.person.locale}
          </Row>
          <Row label={t('open.textLanguage')}>{languageName(file.textLanguage, lng)}</Row>
          <Row label={t('overview.origin')}>{t(`origin.${file.origin}`)}</Row>
          <Row label={t('overview.opened')}>{formatDateTime(file.openedAt, lng)}</Row>
          <Row label={t('overview.account')}>{file.person.hasAccount ? t('overview.hasAccount') : null}</Row>
          <Row label={t('overview.nextReview')}>
            {file.nextReview ? formatDate(file.nextReview, lng, 'long') : null}
          </Row>
        </dl>
        <p className="kern-body">
          <a className="kern-link" href={`/team/faelle/${file.id}/export.json`} download>
            {t('overview.export')}
          </a>
        </p>
      </section>

      <section aria-labelledby="consents-heading" className="kern-stack-sm">
        <h2 id="consents-heading" className="kern-heading-medium">
          {t('overview.consents')}
        </h2>
        <p className="kern-body">{t('overview.consentsIntro')}</p>
        <Refusal result={result} which="consent-withdraw" />
        <ConsentList
          consents={file.consents}
          action={(c) => (
            <Form method="post" className="ww-case-actions">
              <input type="hidden" name="intent" value="consent-withdraw" />
              <input type="hidden" name="consent" value={c.id} />
              <button type="submit" className="kern-btn kern-btn--secondary">
                <span className="kern-label">
                  {t(
                    c.purpose === 'documentation'
                      ? 'overview.withdrawDocumentation'
                      : 'overview.withdrawConsent',
                  )}
                </span>
              </button>
            </Form>
          )}
        />
        {writable && !healthStanding ? (
          <details className="kern-stack-sm">
            <summary className="kern-link">{t('overview.healthConsent')}</summary>
            <p className="kern-body">{t('overview.healthConsentIntro')}</p>
            <p className="kern-body">
              <a
                className="kern-link"
                href={`/team/faelle/einwilligung?sprache=${file.person.locale}&fassung=health-2026-11`}
              >
                {t('overview.printHealthConsent')}
              </a>
            </p>
            <ErrorSummary
              form={healthForm}
              fields={[healthFields.consent, healthFields.consentHow, healthFields.consentLanguage]}
            />
            <Form method="post" {...getFormProps(healthForm)} className="kern-stack-sm">
              <input type="hidden" name="intent" value="health-consent" />
              <SelectField
                field={healthFields.consentLanguage}
                label={t('open.consentLanguage')}
                options={supportedLanguages.map((l) => ({ value: l, label: languageNames[l] }))}
              />
              <RadioGroup
                field={healthFields.consentHow}
                legend={t('open.consentHow')}
                options={RECORDED_HOW.map((h) => ({ value: h, label: t(`how.${h}`) }))}
              />
              <CheckboxField field={healthFields.consent} label={t('overview.healthConsentGiven')} />
              <button type="submit" className="kern-btn kern-btn--secondary">
                <span className="kern-label">{t('overview.recordConsent')}</span>
              </button>
            </Form>
          </details>
        ) : null}
      </section>

      <section aria-labelledby="steps-heading" className="kern-stack-sm">
        <h2 id="steps-heading" className="kern-heading-medium">
          {t('overview.steps')}
        </h2>
        <p className="kern-body">{t('overview.stepsIntro')}</p>
        <Refusal result={result} which="step-done" />
        <ol className="ww-case-list">
          {file.steps.map((s) => (
            <li key={s.id} className="ww-case-item ww-case-actions">
              <span>
                <strong>{stepName(s)}</strong> –{' '}
                {s.doneAt
                  ? t('overview.stepDone', { date: formatDate(s.doneAt, lng) })
                  : t('overview.stepDue', { date: formatDate(s.dueOn, lng) })}
              </span>
              {writable ? (
                <Form method="post">
                  <input type="hidden" name="intent" value="step-done" />
                  <input type="hidden" name="step" value={s.id} />
                  <input type="hidden" name="done" value={s.doneAt ? '0' : '1'} />
                  <button type="submit" className="kern-btn kern-btn--tertiary">
                    <span className="kern-label">
                      {t(s.doneAt ? 'overview.stepUndo' : 'overview.stepTick', { step: stepName(s) })}
                    </span>
                  </button>
                </Form>
              ) : null}
            </li>
          ))}
        </ol>
        {writable ? (
          <details className="kern-stack-sm">
            <summary className="kern-link">{t('overview.addStep')}</summary>
            <ErrorSummary form={stepForm} fields={[stepFields.title, stepFields.after, stepFields.days]} />
            <Form method="post" {...getFormProps(stepForm)} key={file.steps.length} className="kern-stack-sm">
              <input type="hidden" name="intent" value="step-add" />
              <TextField field={stepFields.title} label={t('overview.stepTitle')} maxLength={200} />
              <SelectField
                field={stepFields.after}
                label={t('overview.stepAfter')}
                placeholder={t('overview.stepAfterOpening')}
                options={file.steps.map((s) => ({ value: String(s.id), label: stepName(s) ?? '' }))}
              />
              <TextField field={stepFields.days} label={t('overview.stepDays')} />
              <button type="submit" className="kern-btn kern-btn--secondary">
                <span className="kern-label">{t('overview.addStep')}</span>
              </button>
            </Form>
          </details>
        ) : null}
      </section>

      <section aria-labelledby="notes-heading" className="kern-stack-sm">
        <h2 id="notes-heading" className="kern-heading-medium">
          {t('overview.notes')}
        </h2>
        <p className="kern-body">{t('overview.notesIntro')}</p>
        <Refusal result={result} which="note-move" />
        <ul className="ww-case-list">
          {file.notes.map((n) => (
            <li key={n.id} className="ww-case-item kern-stack-sm">
              <FreeText lang={file.textLanguage}>{n.body}</FreeText>
              <p className="kern-body kern-body--small">
                {t('overview.noteLine', {
                  written: formatDateTime(n.createdAt, lng),
                  deleted: formatDate(n.deleteAfter, lng),
                })}
              </p>
              {writable ? (
                <div className="ww-case-actions">
                  {(['note-move', 'note-delete'] as const).map((intent) => (
                    <Form method="post" key={intent}>
                      <input type="hidden" name="intent" value={intent} />
                      <input type="hidden" name="note" value={n.id} />
                      <button type="submit" className="kern-btn kern-btn--tertiary">
                        <span className="kern-label">
                          {t(intent === 'note-move' ? 'overview.noteMove' : 'overview.noteDelete')}
                        </span>
                      </button>
                    </Form>
                  ))}
                </div>
              ) : null}
            </li>
          ))}
        </ul>
        {writable ? (
          <>
            <ErrorSummary form={noteForm} fields={[noteFields.body]} />
            <Form method="post" {...getFormProps(noteForm)} key={file.notes.length} className="kern-stack-sm">
              <input type="hidden" name="intent" value="note-add" />
              <TextareaField
                field={noteFields.body}
                label={t('overview.noteBody')}
                rows={3}
                maxLength={4000}
              />
              <button type="submit" className="kern-btn kern-btn--secondary">
                <span className="kern-label">{t('overview.noteAdd')}</span>
              </button>
            </Form>
          </>
        ) : null}
      </section>

      <section aria-labelledby="journal-heading" className="kern-stack-sm">
        <h2 id="journal-heading" className="kern-heading-medium">
          {t('overview.journal')}
        </h2>
        {file.entries.length === 0 ? <p className="kern-body">{t('overview.journalEmpty')}</p> : null}
        <ul className="ww-case-list">
          {file.entries.map((e) => (
            <li key={e.id} className="ww-case-item kern-stack-sm">
              <p className="kern-body kern-body--small">
                {formatDateTime(e.createdAt, lng)} – {t(`entryKind.${e.kind}`)}
              </p>
              <FreeText lang={file.textLanguage}>{e.body}</FreeText>
            </li>
          ))}
        </ul>
        {writable ? (
          <>
            <ErrorSummary form={entryForm} fields={[entryFields.body]} />
            <Form
              method="post"
              {...getFormProps(entryForm)}
              key={file.entries.length}
              className="kern-stack-sm"
            >
              <input type="hidden" name="intent" value="entry-add" />
              <TextareaField
                field={entryFields.body}
                label={t('overview.entryBody')}
                rows={4}
                maxLength={8000}
              />
              <button type="submit" className="kern-btn kern-btn--secondary">
                <span className="kern-label">{t('overview.entryAdd')}</span>
              </button>
            </Form>
          </>
        ) : null}
      </section>

      <section aria-labelledby="comments-heading" className="kern-stack-sm">
        <h2 id="comments-heading" className="kern-heading-medium">
          {t('overview.comments')}
        </h2>
        {file.comments.length === 0 ? <p className="kern-body">{t('overview.commentsEmpty')}</p> : null}
        <ul className="ww-case-list">
          {file.comments.map((c) => (
            <li key={c.id} className="ww-case-item kern-stack-sm">
              <p className="kern-body kern-body--small">
                {formatDateTime(c.createdAt, lng)} – {t(`commentAuthor.${c.author}`)}
              </p>
              <div dir="auto" className="ww-case-text">
                {c.body}
              </div>
            </li>
          ))}
        </ul>
        {writable ? (
          <>
            <ErrorSummary form={commentForm} fields={[commentFields.body]} />
            <Form
              method="post"
              {...getFormProps(commentForm)}
              key={file.comments.length}
              className="kern-stack-sm"
            >
              <input type="hidden" name="intent" value="comment-answer" />
              <TextareaField
                field={commentFields.body}
                label={t('overview.answer')}
                hint={t('overview.answerHint')}
                rows={3}
                maxLength={2000}
              />
              <button type="submit" className="kern-btn kern-btn--secondary">
                <span className="kern-label">{t('overview.answerSubmit')}</span>
              </button>
            </Form>
          </>
        ) : null}
      </section>

      {file.handovers.length ? (
        <section aria-labelledby="handovers-heading" className="kern-stack-sm">
          <h2 id="handovers-heading" className="kern-heading-medium">
            {t('overview.handovers')}
          </h2>
          <ul className="kern-list">
            {file.handovers.map((h) => (
              <li key={h.at}>
                {formatDateTime(h.at, lng)} – {t(`handoverKind.${h.kind}`)}:{' '}
                <FreeText lang={file.textLanguage} as="span">
                  {h.reason}
                </FreeText>
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      {role === 'responsible' ? (
        <section aria-labelledby="restrict-heading" className="kern-stack-sm">
          <h2 id="restrict-heading" className="kern-heading-medium">
            {t('overview.restriction')}
          </h2>
          {file.restricted ? (
            <>
              <p className="kern-body">
                {t('overview.restrictedSince', { date: formatDateTime(file.restricted.at, lng) })}
              </p>
              <FreeText lang={file.textLanguage}>{file.restricted.reason}</FreeText>
              <Form method="post">
                <input type="hidden" name="intent" value="restriction-lift" />
                <button type="submit" className="kern-btn kern-btn--secondary">
                  <span className="kern-label">{t('overview.liftRestriction')}</span>
                </button>
              </Form>
            </>
          ) : (
            <>
              <p className="kern-body">{t('overview.restrictionIntro')}</p>
              <ErrorSummary form={restrictForm} fields={[restrictFields.reason]} />
              <Form method="post" {...getFormProps(restrictForm)} className="kern-stack-sm">
                <input type="hidden" name="intent" value="restrict" />
                <TextareaField
                  field={restrictFields.reason}
                  label={t('overview.restrictionReason')}
                  hint={t('overview.restrictionHint')}
                  rows={3}
                  maxLength={1000}
                />
                <button type="submit" className="kern-btn kern-btn--secondary">
                  <span className="kern-label">{t('overview.restrict')}</span>
                </button>
              </Form>
            </>
          )}
        </section>
      ) : null}
    </div>
  );
}
