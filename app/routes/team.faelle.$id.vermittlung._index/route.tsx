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
import { CaseHeader } from '~/modules/cases/components/case-header';
import { loadFile } from '~/modules/cases/file.server';
import { headerOf, numberOf } from '~/modules/cases/pages.server';
import { caseLinks } from '~/modules/cases/styles';
import { CATEGORIES } from '~/modules/catalogue/schemas';
import { ReferralHistory, ReferralStateLine } from '~/modules/referrals/components/referral-state';
import { recordGap } from '~/modules/referrals/gaps.server';
import { referralButton, referralForm } from '~/modules/referrals/pages.server';
import * as referrals from '~/modules/referrals/referrals.server';
import { CEFR_LEVELS, DATA_CATEGORIES } from '~/modules/referrals/rules';
import { GAP_CONSTRAINTS, gapSchema, prepareSchema, recordConsentSchema } from '~/modules/referrals/schemas';
import { type PageFormResult, readForm } from '~/utils/forms.server';
import { titleMeta } from '~/utils/meta';
import { getSql } from '../../../db/client.server';

export const meta = titleMeta;
export const links = caseLinks;
export const handle = { i18n: ['cases', 'referrals', 'catalogue', 'account'] };

/**
 * The counsellor refers a measure of the plan in force to a provider: a draft first, then
 * sent only under the person's consent for this recipient (given on their link, or
 * recorded here). The list shows every referral's state, overdue ones first.
 */
export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const actor = await requireCase(request, context, params.id, { read: 'referrals' });
  const file = await loadFile(getSql(), actor.row);
  return {
    title: await pageTitle(request, 'referrals:counsellor.title'),
    header: headerOf(actor, file),
    personLocale: file.person.locale,
    writable: !file.closedAt && !file.restricted,
    ...(await referrals.referralPage(actor)),
  };
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const actor = await requireCase(request, context, params.id);
  const form = await readForm(request);
  const intent = String(form.get('intent') ?? '');
  const base = `/team/faelle/${actor.row.id}/vermittlung`;
  switch (intent) {
    case 'prepare':
      return referralForm(
        form,
        intent,
        prepareSchema,
        async (v) => {
          const measure = (await referrals.referralPage(actor)).measures.find((m) => m.key === v.measureKey);
          await referrals.prepare(actor, {
            measureKey: v.measureKey,
            runId: v.target === 'run' ? (measure?.runId ?? -1) : undefined,
            providerId: v.target === 'provider' ? v.providerId : undefined,
            purpose: v.purpose,
            categories: v.categories as never,
            languageLevel: v.languageLevel,
            affiliationReason: v.affiliationReason,
          });
        },
        redirect(`${base}?hinweis=prepared`),
      );
    case 'consent-send': {
      const id = numberOf(form.get('referral'));
      return referralForm(
        form,
        `consent-${id}`,
        recordConsentSchema,
        (v) =>
          referrals.recordConsentAndSend(actor, id, {
            how: v.consentHow,
            language: v.consentLanguage,
            validUntil: v.validUntil ?? null,
          }),
        redirect(`${base}?hinweis=sent`),
      );
    }
    case 'send': {
      const id = numberOf(form.get('referral'));
      return referralButton(
        `send-${id}`,
        () => referrals.sendDraft(actor, id),
        redirect(`${base}?hinweis=sent`),
      );
    }
    case 'discard': {
      const id = numberOf(form.get('referral'));
      return referralButton(
        `send-${id}`,
        () => referrals.discardDraft(actor, id),
        redirect(`${base}?hinweis=discarded`),
      );
    }
    case 'gap':
      return referralForm(
        form,
        intent,
        gapSchema,
        (v) => recordGap(actor, v),
        redirect(`${base}?hinweis=gap`),
      );
    default:
      throw new Response('bad request', { status: 400 });
  }
}

export default function CaseReferrals() {
  const d = useLoaderData<typeof loader>();
  const result = useActionData<PageFormResult>();
  const [search] = useSearchParams();
  const { t } = useTranslation('referrals');
  const tc = useTranslation('catalogue').t;
  const notice = search.get('hinweis');
  const [form, f] = useAppForm(prepareSchema, 'prepare', replyOf(result, 'prepare'), {
    target: 'provider',
  });
  const [gapForm, g] = useAppForm(gapSchema, 'gap', replyOf(result, 'gap'));
  const goalOf = (key: string) => d.measures.find((m) => m.key === key)?.goal ?? key;
  return (
    <div className="kern-stack ww-case-page">
      <CaseHeader c={d.header} title={t('counsellor.title')} />
      {notice && !result ? <Alert tone="success">{t(`counsellor.notice.${notice}`)}</Alert> : null}
      <p className="kern-body">{t('counsellor.intro')}</p>

      <section aria-labelledby="referrals-heading" className="kern-stack-sm">
        <h2 id="referrals-heading" className="kern-heading-medium">
          {t('counsellor.listHeading')}
        </h2>
        {d.referrals.length === 0 ? <p className="kern-body">{t('counsellor.none')}</p> : null}
        <ul className="ww-case-list">
          {d.referrals.map((r) => (
            <li key={r.id} className="ww-case-item kern-stack-sm" id={`referral-${r.id}`}>
              <h3 className="kern-heading-small">
                {t('counsellor.itemHeading', { id: r.id })}:{' '}
                <span lang={d.textLanguage} dir="auto">
                  {goalOf(r.measureKey)}
                </span>
                {r.overdue ? <span className="ww-case-tag">{t('overdue')}</span> : null}
              </h3>
              <dl className="ww-case-facts">
                <dt>{t('field.provider')}</dt>
                <dd lang="de">
                  {r.provider}
                  {r.offerTitle ? ` – ${r.offerTitle}` : ''}
                </dd>

                <dt>{t('field.purpose')}</dt>
                <dd lang={d.textLanguage} dir="auto">
                  {r.purpose}
                </dd>

                <dt>{t('field.categories')}</dt>
                <dd>{r.categories.map((c) => t(`category.${c}`)).join(', ')}</dd>

                <dt>{t('field.state')}</dt>
                <dd>
                  <ReferralStateLine r={r} />
                </dd>
              </dl>
              <ReferralHistory history={r.history} idPrefix={`h-${r.id}`} />
              {r.state === 'draft' && d.writable ? (
                <DraftActions id={r.id} personLocale={d.personLocale} />
              ) : null}
            </li>
          ))}
        </ul>
      </section>

      {d.writable && d.planVersion !== null ? (
        <section aria-labelledby="prepare-heading" className="kern-stack-sm">
          <h2 id="prepare-heading" className="kern-heading-medium">
            {t('counsellor.prepareHeading')}
          </h2>
          <p className="kern-body">{t('counsellor.prepareIntro')}</p>
          <ErrorSummary
            form={form}
            fields={[
              f.measureKey,
              f.target,
              f.providerId,
              f.purpose,
              f.categories,
              f.languageLevel,
              f.affiliationReason,
            ]}
          />
          <Form method="post" {...getFormProps(form)} className="kern-stack">
            <input type="hidden" name="intent" value="prepare" />
            <RadioGroup
              field={f.measureKey}
              legend={t('field.measure')}
              options={d.measures.map((m) => ({
                value: m.key,
                label: m.goal,
                hint: m.offer
                  ? t('counsellor.measureRun', { title: m.offer.title, provider: m.offer.provider })
                  : undefined,
              }))}
            />
            <RadioGroup
              field={f.target}
              legend={t('field.target')}
              options={[
                { value: 'run', label: t('target.run'), hint: t('target.runHint') },
                { value: 'provider', label: t('target.provider') },
              ]}
            />
            <SelectField
              field={f.providerId}
              label={t('field.providerGeneral')}
              placeholder={t('counsellor.chooseProvider')}
              options={d.providers.map((p) => ({ value: String(p.id), label: p.name }))}
            />
            <TextareaField
              field={f.purpose}
              label={t('field.purpose')}
              hint={t('counsellor.purposeHint')}
              rows={3}
              maxLength={500}
            />
            <CheckboxGroup
              field={f.categories}
              legend={t('field.categories')}
              options={DATA_CATEGORIES.map((c) => ({ value: c, label: t(`category.${c}`) }))}
            />
            <p className="kern-body kern-body--small">{t('counsellor.neverHealth')}</p>
            <SelectField
              field={f.languageLevel}
              label={t('field.languageLevel')}
              placeholder={t('counsellor.noLevel')}
              options={CEFR_LEVELS.map((l) => ({ value: l, label: l }))}
            />
            <TextareaField
              field={f.affiliationReason}
              label={t('field.affiliationReason')}
              hint={t('counsellor.affiliationHint')}
              rows={3}
              maxLength={1000}
            />
            <button type="submit" className="kern-btn kern-btn--primary">
              <span className="kern-label">{t('counsellor.prepare')}</span>
            </button>
          </Form>
        </section>
      ) : d.planVersion === null ? (
        <p className="kern-body">{t('counsellor.noActivePlan')}</p>
      ) : null}

      {d.writable ? (
        <section aria-labelledby="gap-heading" className="kern-stack-sm">
          <h2 id="gap-heading" className="kern-heading-medium">
            {t('gap.heading')}
          </h2>
          <p className="kern-body">{t('gap.intro')}</p>
          <ErrorSummary form={gapForm} fields={[g.category, g.district, g.constraint]} />
          <Form method="post" {...getFormProps(gapForm)} className="kern-stack">
            <input type="hidden" name="intent" value="gap" />
            <SelectField
              field={g.category}
              label={t('gap.category')}
              placeholder={t('gap.choose')}
              options={CATEGORIES.map((c) => ({ value: c, label: tc(`categories.${c}`) }))}
            />
            <TextField field={g.district} label={t('gap.district')} maxLength={80} />
            <RadioGroup
              field={g.constraint}
              legend={t('gap.constraint')}
              options={GAP_CONSTRAINTS.map((c) => ({ value: c, label: t(`constraint.${c}`) }))}
            />
            <button type="submit" className="kern-btn kern-btn--secondary">
              <span className="kern-label">{t('gap.submit')}</span>
            </button>
          </Form>
        </section>
      ) : null}
    </div>
  );
}

/** A draft: record the person's consent and send, send under a consent given on the link, or discard. */
function DraftActions({ id, personLocale }: { id: number; personLocale: string }) {
  const result = useActionData<PageFormResult>();
  const { t } = useTranslation('referrals');
  const [form, f] = useAppForm(recordConsentSchema, `consent-${id}`, replyOf(result, `consent-${id}`), {
    consentLanguage: personLocale,
  });
  const [sendForm] = useAppForm(recordConsentSchema, `send-${id}`, replyOf(result, `send-${id}`));
  return (
    <div className="kern-stack-sm">
      <p className="kern-body">{t('counsellor.draftIntro')}</p>
      <ErrorSummary form={form} fields={[f.consent, f.consentHow, f.consentLanguage, f.validUntil]} />
      <Form method="post" {...getFormProps(form)} className="kern-stack-sm">
        <input type="hidden" name="intent" value="consent-send" />
        <input type="hidden" name="referral" value={id} />
        <CheckboxField field={f.consent} label={t('counsellor.consentGiven')} />
        <RadioGroup
          field={f.consentHow}
          legend={t('counsellor.consentHow')}
          options={[
            { value: 'in_meeting', label: t('how.in_meeting') },
            { value: 'paper', label: t('how.paper') },
          ]}
        />
        <SelectField
          field={f.consentLanguage}
          label={t('counsellor.consentLanguage')}
          options={supportedLanguages.map((l) => ({ value: l, label: languageNames[l] }))}
        />
        <TextField field={f.validUntil} label={t('counsellor.validUntil')} type="date" />
        <button type="submit" className="kern-btn kern-btn--primary">
          <span className="kern-label">{t('counsellor.consentAndSend')}</span>
        </button>
      </Form>
      <ErrorSummary form={sendForm} fields={[]} />
      <div className="ww-inline-list">
        <Form method="post" id={`send-${id}-form`}>
          <input type="hidden" name="intent" value="send" />
          <input type="hidden" name="referral" value={id} />
          <button type="submit" className="kern-btn kern-btn--secondary">
            <span className="kern-label">{t('counsellor.sendOnLinkConsent')}</span>
          </button>
        </Form>
        <Form method="post">
          <input type="hidden" name="intent" value="discard" />
          <input type="hidden" name="referral" value={id} />
          <button type="submit" className="kern-btn kern-btn--tertiary">
            <span className="kern-label">{t('counsellor.discard')}</span>
          </button>
        </Form>
      </div>
    </div>
  );
}
