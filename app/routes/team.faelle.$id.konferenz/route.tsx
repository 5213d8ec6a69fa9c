import { getFormProps } from '@conform-to/react';
import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node';
import { redirect } from '@remix-run/node';
import { Form, useActionData, useLoaderData, useSearchParams } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import {
  Alert,
  CheckboxField,
  ErrorSummary,
  replyOf,
  SelectField,
  TextareaField,
  TextField,
  useAppForm,
} from '~/components/form';
import { pageTitle } from '~/i18next.server';
import { requireCase } from '~/modules/cases/access.server';
import { AGE_BANDS } from '~/modules/cases/codes';
import { CaseHeader } from '~/modules/cases/components/case-header';
import { loadFile } from '~/modules/cases/file.server';
import { headerOf } from '~/modules/cases/pages.server';
import { caseLinks } from '~/modules/cases/styles';
import { ConferenceSummaryView } from '~/modules/referrals/components/conference-summary';
import { conferencePage, holdConference } from '~/modules/referrals/conference.server';
import { referralForm } from '~/modules/referrals/pages.server';
import { conferenceSchema } from '~/modules/referrals/schemas';
import { formatDate } from '~/utils/format';
import { type PageFormResult, readForm } from '~/utils/forms.server';
import { titleMeta } from '~/utils/meta';
import { getSql } from '../../../db/client.server';

export const meta = titleMeta;
export const links = caseLinks;
export const handle = { i18n: ['cases', 'referrals'] };

/**
 * The case conference: the counsellor reviews a pseudonymised summary (codes from the
 * file, free text only as typed or reviewed here) and records it; the person's link then
 * shows the day. Printing shows the summaries only — never the header with the name.
 */
export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const actor = await requireCase(request, context, params.id, { read: 'conference' });
  const file = await loadFile(getSql(), actor.row);
  return {
    title: await pageTitle(request, 'referrals:conference.title'),
    header: headerOf(actor, file),
    writable: !file.closedAt && !file.restricted,
    ...(await conferencePage(actor)),
  };
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const actor = await requireCase(request, context, params.id);
  const form = await readForm(request);
  if (String(form.get('intent') ?? '') !== 'conference') throw new Response('bad request', { status: 400 });
  return referralForm(
    form,
    'conference',
    conferenceSchema,
    (v) => holdConference(actor, v),
    redirect(`/team/faelle/${actor.row.id}/konferenz?hinweis=saved`),
  );
}

export default function CaseConference() {
  const d = useLoaderData<typeof loader>();
  const result = useActionData<PageFormResult>();
  const [search] = useSearchParams();
  const { t, i18n } = useTranslation('referrals');
  const tc = useTranslation('cases').t;
  const [form, f] = useAppForm(conferenceSchema, 'conference', replyOf(result, 'conference'), {
    heldOn: d.today,
    measures: d.measureGoals,
  });
  const measureFields = f.measures.getFieldList();
  return (
    <div className="kern-stack ww-case-page">
      {/* The header names the person: it stays off the printed summary. */}
      <div className="ww-noprint">
        <CaseHeader c={d.header} title={t('conference.title')} />
      </div>
      {search.get('hinweis') === 'saved' && !result ? (
        <Alert tone="success">{t('conference.saved')}</Alert>
      ) : null}
      <p className="kern-body ww-noprint">{t('conference.intro')}</p>

      {d.writable ? (
        <section aria-labelledby="conference-new-heading" className="kern-stack-sm ww-noprint">
          <h2 id="conference-new-heading" className="kern-heading-medium">
            {t('conference.summaryHeading')}
          </h2>
          <ConferenceSummaryView
            summary={{ ...d.facts, ageBand: null, situation: null, measures: [] }}
            codedOnly
          />
          <ErrorSummary
            form={form}
            fields={[f.heldOn, f.ageBand, f.situation, ...measureFields, f.reviewed]}
          />
          <Form method="post" {...getFormProps(form)} className="kern-stack">
            <input type="hidden" name="intent" value="conference" />
            <TextField field={f.heldOn} label={t('conference.heldOn')} type="date" />
            <SelectField
              field={f.ageBand}
              label={t('conference.ageBand')}
              placeholder={t('conference.ageBandNone')}
              options={AGE_BANDS.map((a) => ({ value: a, label: tc(`ageBand.${a}`) }))}
            />
            <TextareaField
              field={f.situation}
              label={t('conference.situation')}
              hint={t('conference.situationHint')}
              rows={4}
              maxLength={2000}
            />
            {measureFields.length ? (
              <fieldset className="kern-fieldset kern-stack-sm">
                <legend className="kern-label">{t('conference.measures')}</legend>
                <p className="kern-body">{t('conference.measuresHint')}</p>
                {measureFields.map((m, i) => (
                  <TextareaField
                    key={m.key}
                    field={m}
                    label={t('conference.measure', { n: i + 1 })}
                    rows={2}
                    maxLength={500}
                  />
                ))}
              </fieldset>
            ) : null}
            <CheckboxField field={f.reviewed} label={t('conference.reviewed')} />
            <button type="submit" className="kern-btn kern-btn--primary">
              <span className="kern-label">{t('conference.save')}</span>
            </button>
          </Form>
        </section>
      ) : null}

      <section aria-labelledby="conference-history-heading" className="kern-stack-sm">
        <h2 id="conference-history-heading" className="kern-heading-medium">
          {t('conference.history')}
        </h2>
        {d.conferences.length === 0 ? <p className="kern-body">{t('conference.none')}</p> : null}
        <ul className="ww-case-list">
          {d.conferences.map((c) => (
            <li key={c.id} className="ww-case-item kern-stack-sm">
              <h3 className="kern-heading-small">
                {t('conference.heldOn')}: {formatDate(c.heldOn, i18n.language)}
              </h3>
              <ConferenceSummaryView summary={c.summary} />
            </li>
          ))}
        </ul>
      </section>
    </div>
  );
}
