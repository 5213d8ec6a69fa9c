import { getFormProps } from '@conform-to/react';
import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node';
import { redirect } from '@remix-run/node';
import { Form, useActionData, useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import {
  CheckboxField,
  ChoiceOption,
  ErrorSummary,
  RadioGroup,
  replyOf,
  SelectField,
  TextareaField,
  TextField,
  useAppForm,
} from '~/components/form';
import { pageTitle } from '~/i18next.server';
import { requireCase } from '~/modules/cases/access.server';
import { RECORDED_HOW } from '~/modules/cases/codes';
import { CaseHeader } from '~/modules/cases/components/case-header';
import { ChangeList } from '~/modules/cases/components/changes';
import { PlanView } from '~/modules/cases/components/plan-view';
import { Refusal } from '~/modules/cases/components/refusal';
import { loadFile } from '~/modules/cases/file.server';
import { buttonAction, formAction, headerOf, keyOf, numberOf } from '~/modules/cases/pages.server';
import { planPage } from '~/modules/cases/planning.server';
import * as plans from '~/modules/cases/plans.server';
import { agreementSchema, commitmentSchema, measureSchema, planFactsSchema } from '~/modules/cases/schemas';
import { caseLinks } from '~/modules/cases/styles';
import { CATEGORIES } from '~/modules/catalogue/schemas';
import { formatDate, formatDateTime, languageName } from '~/utils/format';
import { type PageFormResult, readForm } from '~/utils/forms.server';
import { titleMeta } from '~/utils/meta';
import { getSql } from '../../../db/client.server';

export const meta = titleMeta;
export const links = caseLinks;
export const handle = { i18n: ['cases', 'account', 'catalogue'] };

/**
 * The support plan: the version in force, and the version being worked on — written as a
 * draft (measures with a catalogue run or an informal resource, commitments), shown to
 * the person, agreed, then activated. Every change to a plan in force is a new version.
 */
export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const actor = await requireCase(request, context, params.id, { read: 'plan' });
  const file = await loadFile(getSql(), actor.row);
  return {
    title: await pageTitle(request, 'cases:plan.title'),
    header: headerOf(actor, file),
    hasAssessment: file.assessments.length > 0,
    writable: !file.closedAt && !file.restricted,
    versions: file.plans.map((p) => ({ version: p.version, status: p.status, createdAt: p.createdAt })),
    progress: file.progress,
    ...(await planPage(actor, file, new URL(request.url).searchParams)),
  };
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const actor = await requireCase(request, context, params.id);
  const form = await readForm(request);
  const intent = String(form.get('intent') ?? '');
  const base = `/team/faelle/${actor.row.id}/plan`;
  const back = redirect(base);
  if (intent === 'start') return buttonAction(intent, () => plans.startVersion(actor), back);
  if (intent === 'tick')
    return buttonAction(
      intent,
      () => plans.tickByCounsellor(actor, keyOf(form.get('key'), 'c'), form.get('done') === '1'),
      back,
    );
  const version = numberOf(form.get('version'));
  switch (intent) {
    case 'facts':
      return formAction(form, intent, planFactsSchema, (v) => plans.saveDraftFacts(actor, version, v), back);
    case 'measure':
      return formAction(
        form,
        intent,
        measureSchema,
        (v) => plans.saveMeasure(actor, version, v),
        redirect(`${base}#measures-heading`),
      );
    case 'measure-remove':
      return buttonAction(
        intent,
        () => plans.removeMeasure(actor, version, keyOf(form.get('key'), 'm')),
        back,
      );
    case 'commitment':
      return formAction(form, intent, commitmentSchema, (v) => plans.saveCommitment(actor, version, v), back);
    case 'commitment-remove':
      return buttonAction(
        intent,
        () => plans.removeCommitment(actor, version, keyOf(form.get('key'), 'c')),
        back,
      );
    case 'propose':
      return buttonAction(intent, () => plans.propose(actor, version), back);
    case 'withdraw-proposal':
      return buttonAction(intent, () => plans.withdrawProposal(actor, version), back);
    case 'agree':
      return formAction(
        form,
        intent,
        agreementSchema,
        (v) => plans.recordAgreement(actor, version, v.how),
        back,
      );
    case 'activate':
      return buttonAction(intent, () => plans.activate(actor, version), back);
    default:
      throw new Response('bad request', { status: 400 });
  }
}

function Hidden({ intent, version }: { intent: string; version?: number }) {
  return (
    <>
      <input type="hidden" name="intent" value={intent} />
      {version !== undefined ? <input type="hidden" name="version" value={version} /> : null}
    </>
  );
}

export default function CasePlan() {
  const d = useLoaderData<typeof loader>();
  const result = useActionData<PageFormResult>();
  const { t, i18n } = useTranslation('cases');
  const { t: tc } = useTranslation('catalogue');
  const lng = i18n.language;
  const pending = d.pending;
  const draft = pending?.status === 'draft';
  const e = d.editing;
  const [factsForm, factsFields] = useAppForm(planFactsSchema, 'facts', replyOf(result, 'facts'), {
    reviewOn: pending?.reviewOn ?? undefined,
    textLanguage: pending?.textLanguage ?? 'de',
  });
  const [measureForm, mf] = useAppForm(
    measureSchema,
    'measure',
    replyOf(result, 'measure'),
    e
      ? {
          key: e.key,
          goal: e.goal,
          startsOn: e.startsOn ?? undefined,
          durationWeeks: e.durationWeeks ? String(e.durationWeeks) : undefined,
          personDoes: e.personDoes ?? undefined,
          counsellorDoes: e.counsellorDoes ?? undefined,
          providerDoes: e.providerDoes ?? undefined,
          serviceDoes: e.serviceDoes ?? undefined,
          resource: e.resource ?? undefined,
          reviewOn: e.reviewOn ?? undefined,
        }
      : undefined,
  );
  const [commitmentForm, cf] = useAppForm(commitmentSchema, 'commitment', replyOf(result, 'commitment'));
  const [agreeForm, af] = useAppForm(agreementSchema, 'agree', replyOf(result, 'agree'));
  const activeId = 'active';
  return (
    <div className="kern-stack ww-case-page">
      <CaseHeader c={d.header} title={t('plan.title')} />
      <p className="kern-body">{t('plan.intro')}</p>

      {d.active ? (
        <section aria-labelledby="active-heading" className="kern-stack-sm">
          <h2 id="active-heading" className="kern-heading-medium">
            {t('plan.inForce', { version: d.active.version })}
          </h2>
          <Refusal result={result} which="tick" />
          <PlanView
            plan={d.active}
            level={3}
            idPrefix={activeId}
            progress={d.progress}
            tickFor={(c, done) =>
              c.party === 'counsellor' && d.writable ? (
                <Form method="post">
                  <Hidden intent="tick" />
                  <input type="hidden" name="key" value={c.key} />
                  <input type="hidden" name="done" value={done ? '0' : '1'} />
                  <button type="submit" className="kern-btn kern-btn--tertiary">
                    <span className="kern-label">{t(done ? 'plan.untick' : 'plan.tick')}</span>
                  </button>
                </Form>
              ) : null
            }
          />
        </section>
      ) : (
        <p className="kern-body">{t('plan.noneInForce')}</p>
      )}

      {!pending && d.writable ? (
        <section aria-labelledby="start-heading" className="kern-stack-sm">
          <h2 id="start-heading" className="kern-heading-medium">
            {t(d.active ? 'plan.newVersion' : 'plan.firstVersion')}
          </h2>
          <p className="kern-body">{t(d.hasAssessment ? 'plan.startIntro' : 'plan.needsAssessment')}</p>
          <Refusal result={result} which="start" />
          <Form method="post">
            <Hidden intent="start" />
            <button type="submit" className="kern-btn kern-btn--primary">
              <span className="kern-label">{t(d.active ? 'plan.startNew' : 'plan.startFirst')}</span>
            </button>
          </Form>
        </section>
      ) : null}

      {pending ? (
        <section aria-labelledby="pending-heading" className="kern-stack">
          <h2 id="pending-heading" className="kern-heading-medium">
            {t('plan.pendingHeading', {
              version: pending.version,
              status: t(`plan.status.${pending.status}`),
            })}
          </h2>
          <p className="kern-body">{t(`plan.pendingIntro.${pending.status}`)}</p>
          {d.changes && d.active ? (
            <div className="kern-stack-sm">
              <h3 className="kern-heading-small">{t('changes.heading', { from: d.active.version })}</h3>
              <ChangeList
                changes={d.changes}
                before={d.active}
                after={pending}
                textLanguage={pending.textLanguage}
              />
            </div>
          ) : null}

          {draft && d.writable ? (
            <div className="kern-stack-sm">
              <h3 className="kern-heading-small">{t('plan.factsHeading')}</h3>
              <ErrorSummary form={factsForm} fields={[factsFields.reviewOn, factsFields.textLanguage]} />
              <Form method="post" {...getFormProps(factsForm)} className="kern-stack-sm">
                <Hidden intent="facts" version={pending.version} />
                <TextField
                  field={factsFields.reviewOn}
                  label={t('plan.reviewOn')}
                  hint={t('plan.reviewOnHint')}
                  type="date"
                />
                <SelectField
                  field={factsFields.textLanguage}
                  label={t('plan.textLanguage')}
                  options={d.languages.map((l) => ({ value: l, label: languageName(l, lng) }))}
                />
                <button type="submit" className="kern-btn kern-btn--secondary">
                  <span className="kern-label">{t('plan.saveFacts')}</span>
                </button>
              </Form>
            </div>
          ) : null}

          <PlanView
            plan={pending}
            level={3}
            idPrefix="pending"
            measureActions={(m) =>
              draft && d.writable ? (
                <div className="ww-case-actions">
                  <a className="kern-link" href={`?massnahme=${m.key}#measure-form-heading`}>
                    {t('plan.editMeasure', { goal: m.goal })}
                  </a>
                  <Form method="post">
                    <Hidden intent="measure-remove" version={pending.version} />
                    <input type="hidden" name="key" value={m.key} />
                    <button type="submit" className="kern-btn kern-btn--tertiary">
                      <span className="kern-label">{t('plan.removeMeasure', { goal: m.goal })}</span>
                    </button>
                  </Form>
                </div>
              ) : null
            }
            tickFor={(c) =>
              draft && d.writable ? (
                <Form method="post">
                  <Hidden intent="commitment-remove" version={pending.version} />
                  <input type="hidden" name="key" value={c.key} />
                  <button type="submit" className="kern-btn kern-btn--tertiary">
                    <span className="kern-label">{t('plan.removeCommitment')}</span>
                  </button>
                </Form>
              ) : null
            }
          />

          {draft && d.writable ? (
            <>
              <section aria-labelledby="measure-form-heading" className="kern-stack-sm ww-case-item">
                <h3 id="measure-form-heading" className="kern-heading-small">
                  {t(e ? 'plan.measureEdit' : 'plan.measureAdd')}
                </h3>
                <p className="kern-body">{t('plan.searchIntro')}</p>
                <form method="get" className="kern-stack-sm" aria-label={t('plan.searchLabel')}>
                  {e ? <input type="hidden" name="massnahme" value={e.key} /> : null}
                  <div className="kern-form-input">
                    <label className="kern-label" htmlFor="measure-search-q">
                      {t('plan.searchText')}
                    </label>
                    <input
                      className="kern-form-input__input"
                      id="measure-search-q"
                      name="such"
                      type="search"
                      defaultValue={d.search.q}
                      maxLength={200}
                    />
                  </div>
                  <div className="kern-form-input">
                    <label className="kern-label" htmlFor="measure-search-category">
                      {t('plan.searchCategory')}
                    </label>
                    <div className="kern-form-input__select-wrapper">
                      <select
                        className="kern-form-input__select"
                        id="measure-search-category"
                        name="kategorie"
                        defaultValue={d.search.category}
                      >
                        <option value="">{t('plan.anyCategory')}</option>
                        {CATEGORIES.map((c) => (
                          <option key={c} value={c}>
                            {tc(`categories.${c}`)}
                          </option>
                        ))}
                      </select>
                    </div>
                  </div>
                  <button type="submit" className="kern-btn kern-btn--secondary">
                    <span className="kern-label">{t('plan.search')}</span>
                  </button>
                </form>
                <ErrorSummary
                  form={measureForm}
                  fields={[
                    mf.goal,
                    mf.startsOn,
                    mf.durationWeeks,
                    mf.personDoes,
                    mf.counsellorDoes,
                    mf.providerDoes,
                    mf.serviceDoes,
                    mf.run,
                    mf.resource,
                    mf.reviewOn,
                  ]}
                />
                <Form
                  method="post"
                  {...getFormProps(measureForm)}
                  key={`${pending.measures.length}-${e?.key ?? ''}`}
                  className="kern-stack-sm"
                >
                  <Hidden intent="measure" version={pending.version} />
                  {e ? <input type="hidden" name="key" value={e.key} /> : null}
                  {d.search.searching ? (
                    <fieldset className="kern-fieldset" id={mf.run.id}>
                      <legend className="kern-label">
                        {t('plan.searchResults', { count: d.search.hits.length })}
                      </legend>
                      <div className="kern-fieldset__body">
                        <ChoiceOption
                          type="radio"
                          id="run-none"
                          name="run"
                          value=""
                          label={t('plan.noOffer')}
                          checked
                        />
                        {d.search.hits.map((h) => (
                          <ChoiceOption
                            key={h.runId}
                            type="radio"
                            id={`run-${h.runId}`}
                            name="run"
                            value={String(h.runId)}
                            label={
                              <span lang="de" dir="auto">
                                {h.title} – {h.provider}
                              </span>
                            }
                            hint={[
                              h.startsOn ? t('plan.runStarts', { date: formatDate(h.startsOn, lng) }) : null,
                              tc(`formats.${h.format}`),
                              h.place,
                            ]
                              .filter(Boolean)
                              .join(' · ')}
                          />
                        ))}
                      </div>
                    </fieldset>
                  ) : e?.offer ? (
                    <>
                      <input type="hidden" name="run" value={e.offer.runId ?? ''} />
                      <p className="kern-body">
                        {t('plan.keepsOffer')} <span lang="de">{e.offer.title}</span>
                      </p>
                    </>
                  ) : null}
                  <TextareaField field={mf.goal} label={t('measure.goal')} rows={2} maxLength={1000} />
                  <TextField field={mf.startsOn} label={t('measure.startsOn')} type="date" />
                  <TextField field={mf.durationWeeks} label={t('measure.durationWeeks')} />
                  <fieldset className="kern-fieldset" id={`${mf.personDoes.id}-group`}>
                    <legend className="kern-label">{t('measure.whoDoesWhat')}</legend>
                    <div className="kern-fieldset__body kern-stack-sm">
                      <TextareaField
                        field={mf.personDoes}
                        label={t('measure.personDoes')}
                        rows={2}
                        maxLength={1000}
                      />
                      <TextareaField
                        field={mf.counsellorDoes}
                        label={t('measure.counsellorDoes')}
                        rows={2}
                        maxLength={1000}
                      />
                      <TextareaField
                        field={mf.providerDoes}
                        label={t('measure.providerDoes')}
                        rows={2}
                        maxLength={1000}
                      />
                      <TextareaField
                        field={mf.serviceDoes}
                        label={t('measure.serviceDoes')}
                        rows={2}
                        maxLength={1000}
                      />
                    </div>
                  </fieldset>
                  <TextField
                    field={mf.resource}
                    label={t('measure.resource')}
                    hint={t('measure.resourceHint')}
                    maxLength={500}
                  />
                  <TextField field={mf.reviewOn} label={t('measure.reviewOn')} type="date" />
                  <button type="submit" className="kern-btn kern-btn--primary">
                    <span className="kern-label">{t(e ? 'plan.measureSave' : 'plan.measureAddSubmit')}</span>
                  </button>
                </Form>
              </section>

              <section aria-labelledby="commitment-form-heading" className="kern-stack-sm ww-case-item">
                <h3 id="commitment-form-heading" className="kern-heading-small">
                  {t('plan.commitmentAdd')}
                </h3>
                <p className="kern-body">{t('plan.commitmentIntro')}</p>
                <ErrorSummary form={commitmentForm} fields={[cf.party, cf.body, cf.dueOn, cf.binding]} />
                <Form
                  method="post"
                  {...getFormProps(commitmentForm)}
                  key={pending.commitments.length}
                  className="kern-stack-sm"
                >
                  <Hidden intent="commitment" version={pending.version} />
                  <RadioGroup
                    field={cf.party}
                    legend={t('plan.commitmentParty')}
                    options={(['person', 'counsellor'] as const).map((p) => ({
                      value: p,
                      label: t(`plan.party.${p}`),
                    }))}
                  />
                  <TextareaField field={cf.body} label={t('plan.commitmentBody')} rows={2} maxLength={1000} />
                  <TextField field={cf.dueOn} label={t('plan.commitmentDue')} type="date" />
                  <CheckboxField field={cf.binding} label={t('plan.commitmentBinding')} />
                  <button type="submit" className="kern-btn kern-btn--secondary">
                    <span className="kern-label">{t('plan.commitmentSubmit')}</span>
                  </button>
                </Form>
              </section>
            </>
          ) : null}

          {d.writable ? (
            <section aria-labelledby="agreement-heading" className="kern-stack-sm">
              <h3 id="agreement-heading" className="kern-heading-small">
                {t('plan.agreementHeading')}
              </h3>
              {pending.status === 'draft' ? (
                <>
                  <p className="kern-body">{t('plan.proposeIntro')}</p>
                  <Refusal result={result} which="propose" />
                  <Form method="post">
                    <Hidden intent="propose" version={pending.version} />
                    <button type="submit" className="kern-btn kern-btn--primary">
                      <span className="kern-label">{t('plan.propose')}</span>
                    </button>
                  </Form>
                </>
              ) : null}
              {pending.status === 'proposed' ? (
                <>
                  <p className="kern-body">{t('plan.waitingForPerson')}</p>
                  <Refusal result={result} which="withdraw-proposal" />
                  <Form method="post">
                    <Hidden intent="withdraw-proposal" version={pending.version} />
                    <button type="submit" className="kern-btn kern-btn--secondary">
                      <span className="kern-label">{t('plan.withdrawProposal')}</span>
                    </button>
                  </Form>
                </>
              ) : null}
              {pending.status === 'draft' || pending.status === 'proposed' ? (
                <>
                  <ErrorSummary form={agreeForm} fields={[af.how]} />
                  <Form method="post" {...getFormProps(agreeForm)} className="kern-stack-sm">
                    <Hidden intent="agree" version={pending.version} />
                    <RadioGroup
                      field={af.how}
                      legend={t('plan.agreedHow')}
                      options={RECORDED_HOW.map((h) => ({ value: h, label: t(`how.${h}`) }))}
                    />
                    <button type="submit" className="kern-btn kern-btn--secondary">
                      <span className="kern-label">{t('plan.recordAgreement')}</span>
                    </button>
                  </Form>
                </>
              ) : null}
              {pending.status === 'agreed' ? (
                <p className="kern-body">
                  {t('plan.agreedLine', {
                    date: formatDateTime(pending.agreedAt ?? '', lng),
                    how: t(`how.${pending.agreedHow}`),
                  })}
                </p>
              ) : null}
              <Refusal result={result} which="activate" />
              <Form method="post">
                <Hidden intent="activate" version={pending.version} />
                <button type="submit" className="kern-btn kern-btn--primary">
                  <span className="kern-label">{t('plan.activate')}</span>
                </button>
              </Form>
            </section>
          ) : null}
        </section>
      ) : null}

      <section aria-labelledby="versions-heading" className="kern-stack-sm">
        <h2 id="versions-heading" className="kern-heading-medium">
          {t('plan.versions')}
        </h2>
        {d.versions.length === 0 ? <p className="kern-body">{t('plan.noVersions')}</p> : null}
        <ul className="kern-list">
          {d.versions.map((v) => (
            <li key={v.version}>
              <a className="kern-link" href={`/team/faelle/${d.header.id}/plan/${v.version}`}>
                {t('plan.versionLink', { version: v.version, date: formatDate(v.createdAt, lng) })}
              </a>{' '}
              – {t(`plan.status.${v.status}`)}
            </li>
          ))}
        </ul>
      </section>
    </div>
  );
}
