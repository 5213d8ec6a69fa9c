import { getFormProps } from '@conform-to/react';
import { parseWithZod } from '@conform-to/zod';
import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node';
import { data } from '@remix-run/node';
import { Form, useActionData, useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { qrDataUrl } from '~/auth/totp.server';
import {
  Alert,
  CheckboxField,
  ErrorSummary,
  Notice,
  RadioGroup,
  SelectField,
  TextField,
  useAppForm,
} from '~/components/form';
import { TeamNav } from '~/components/team-nav';
import { languageNames, supportedLanguages } from '~/i18n';
import { pageTitle } from '~/i18next.server';
import { requireCounsellor } from '~/modules/booking/team.server';
import { CASE_TYPE_IDS } from '~/modules/cases/case-types';
import { openCase, personLink } from '~/modules/cases/cases.server';
import { CONSENTS, RECORDED_HOW } from '~/modules/cases/codes';
import { ConsentText } from '~/modules/cases/components/consents';
import { openingDefaults } from '~/modules/cases/opening.server';
import { refused } from '~/modules/cases/pages.server';
import { openCaseSchema } from '~/modules/cases/schemas';
import { caseLinks } from '~/modules/cases/styles';
import { consentWording } from '~/modules/cases/texts.server';
import { languageName } from '~/utils/format';
import { type FormReply, type PageFormResult, readForm } from '~/utils/forms.server';
import { baseUrlOf, throwAsResponse } from '~/utils/http.server';
import { localText } from '~/utils/localized';
import { titleMeta } from '~/utils/meta';

export const meta = titleMeta;
export const links = caseLinks;
export const handle = { i18n: ['cases', 'counselling'] };

/**
 * Opening a case: from a held appointment (?termin=<id>, the person's details filled in)
 * or a contact without one. The consent to documentation is part of the form, with its
 * text in the person's language to read out or print; without it nothing is stored.
 */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = await requireCounsellor(request, context, 'create:case:own');
  const url = new URL(request.url);
  const defaults = await openingDefaults(actor, url.searchParams).catch(throwAsResponse);
  return {
    title: await pageTitle(request, 'cases:open.title'),
    ...defaults,
    consentText: await consentWording(CONSENTS.documentation.version, defaults.values.consentLanguage),
  };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const actor = await requireCounsellor(request, context, 'create:case:own');
  const submission = parseWithZod(await readForm(request), { schema: openCaseSchema });
  if (submission.status !== 'success') {
    // Without the consent to documentation: 422, the form again, no case row.
    const consentMissing = Boolean(submission.error?.consent?.length);
    return data<PageFormResult>(
      { ...submission.reply(), which: 'open' },
      { status: consentMissing ? 422 : 400 },
    );
  }
  try {
    const opened = await openCase(actor.user, actor.counsellor.id, submission.value, {
      baseUrl: baseUrlOf(request),
      ip: context.clientIp,
    });
    const link = personLink(baseUrlOf(request), opened.token, opened.locale);
    return {
      opened: { id: opened.id, link, qr: await qrDataUrl(link), mailed: Boolean(submission.value.email) },
    };
  } catch (error) {
    return refused('open', error, submission);
  }
}

export default function OpenCase() {
  const d = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { t, i18n } = useTranslation('cases');
  const lng = i18n.language;
  const reply = result && 'which' in result ? (result as FormReply) : undefined;
  const [form, fields] = useAppForm(openCaseSchema, 'open', reply, d.values);
  if (result && 'opened' in result) {
    const o = result.opened;
    return (
      <div className="kern-stack ww-case-page">
        <h1 className="kern-heading-large">{t('open.doneTitle')}</h1>
        <Notice title={t('open.done')}>
          <p className="kern-body">{t(o.mailed ? 'open.linkMailed' : 'open.linkOnce')}</p>
        </Notice>
        <section aria-labelledby="link-heading" className="kern-stack-sm">
          <h2 id="link-heading" className="kern-heading-medium">
            {t('open.linkHeading')}
          </h2>
          <p className="kern-body ww-case-link">{o.link}</p>
          <figure className="ww-case-qr">
            <img src={o.qr} alt={t('open.qrAlt')} width={160} height={160} />
          </figure>
        </section>
        <p className="kern-body ww-noprint">
          <a className="kern-link" href={`/team/faelle/${o.id}`}>
            {t('open.toCase')}
          </a>
        </p>
      </div>
    );
  }
  return (
    <div className="kern-stack ww-case-page">
      <h1 className="kern-heading-large">{t('open.title')}</h1>
      <TeamNav />
      {d.blocked ? (
        <Alert tone="info">{t(`errors.${d.blocked}`)}</Alert>
      ) : (
        <p className="kern-body">{t(d.appointment ? 'open.fromAppointment' : 'open.intro')}</p>
      )}
      <ErrorSummary
        form={form}
        fields={[
          fields.caseType,
          fields.origin,
          fields.name,
          fields.email,
          fields.phone,
          fields.locale,
          fields.textLanguage,
          fields.consent,
          fields.consentHow,
          fields.consentLanguage,
        ]}
      />
      {d.blocked ? null : (
        <Form method="post" {...getFormProps(form)} className="kern-stack">
          {d.appointment ? <input type="hidden" name="appointment" value={d.appointment} /> : null}
          <RadioGroup
            field={fields.caseType}
            legend={t('open.caseType')}
            options={CASE_TYPE_IDS.map((c) => ({
              value: c,
              label: t(`types.${c}`),
              hint: t(`typeHints.${c}`),
            }))}
          />
          {d.appointment ? null : (
            <>
              <RadioGroup
                field={fields.origin}
                legend={t('open.origin')}
                options={(['walk_in', 'phone', 'video', 'other'] as const).map((o) => ({
                  value: o,
                  label: t(`origin.${o}`),
                }))}
              />
              <SelectField
                field={fields.topic}
                label={t('tally.topic')}
                placeholder={t('tally.noTopic')}
                options={d.topics.map((x) => ({ value: String(x.id), label: localText(x.name, lng) ?? '' }))}
              />
            </>
          )}
          <fieldset className="kern-fieldset">
            <legend className="kern-label">{t('open.person')}</legend>
            <div className="kern-fieldset__body kern-stack-sm">
              <TextField field={fields.name} label={t('open.name')} autoComplete="off" maxLength={200} />
              <TextField
                field={fields.email}
                label={t('open.email')}
                hint={t('open.emailHint')}
                type="email"
                autoComplete="off"
              />
              <TextField field={fields.phone} label={t('open.phone')} type="tel" autoComplete="off" />
              <SelectField
                field={fields.locale}
                label={t('open.locale')}
                options={supportedLanguages.map((l) => ({ value: l, label: languageNames[l] }))}
              />
              <SelectField
                field={fields.textLanguage}
                label={t('open.textLanguage')}
                options={d.textLanguages.map((l) => ({ value: l, label: languageName(l, lng) }))}
              />
            </div>
          </fieldset>
          <section aria-labelledby="consent-heading" className="kern-stack-sm">
            <h2 id="consent-heading" className="kern-heading-medium">
              {t('open.consentHeading')}
            </h2>
            <p className="kern-body">{t('open.consentIntro')}</p>
            <div className="ww-case-item">
              <ConsentText text={d.consentText} level={3} />
            </div>
            <ul className="kern-list ww-inline-list ww-noprint">
              {supportedLanguages.map((l) => (
                <li key={l}>
                  <a
                    className="kern-link"
                    href={`/team/faelle/einwilligung?sprache=${l}&fassung=${d.consentVersion}`}
                    hrefLang={l === 'ls' ? 'de' : l}
                  >
                    {t('open.printConsent', { language: languageNames[l] })}
                  </a>
                </li>
              ))}
            </ul>
            <SelectField
              field={fields.consentLanguage}
              label={t('open.consentLanguage')}
              options={supportedLanguages.map((l) => ({ value: l, label: languageNames[l] }))}
            />
            <RadioGroup
              field={fields.consentHow}
              legend={t('open.consentHow')}
              options={RECORDED_HOW.map((h) => ({ value: h, label: t(`how.${h}`) }))}
            />
            <CheckboxField field={fields.consent} label={t('open.consentGiven')} />
          </section>
          <button type="submit" className="kern-btn kern-btn--primary">
            <span className="kern-label">{t('open.submit')}</span>
          </button>
        </Form>
      )}
    </div>
  );
}
