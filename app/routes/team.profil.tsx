import { getFormProps } from '@conform-to/react';
import { parseWithZod } from '@conform-to/zod';
import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node';
import { Form, useActionData, useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { Alert, CheckboxGroup, ErrorSummary, replyOf, TextareaField, useAppForm } from '~/components/form';
import { LocalizedLink } from '~/components/localized-link';
import { TeamNav } from '~/components/team-nav';
import { pageTitle } from '~/i18next.server';
import { changeRequestSchema, profileSchema } from '~/modules/booking/schemas';
import { CHANNELS } from '~/modules/booking/slots';
import {
  languageChoices,
  openChangeRequest,
  profileChoices,
  requestProfileChange,
  requireCounsellor,
  saveProfile,
} from '~/modules/booking/team.server';
import { todayInBerlin } from '~/utils/clock.server';
import { AppError } from '~/utils/errors';
import { formatDate, languageName } from '~/utils/format';
import { formDone, invalidFormOf, type PageFormResult, readForm } from '~/utils/forms.server';
import { throwAsResponse } from '~/utils/http.server';
import { localText } from '~/utils/localized';
import { titleMeta } from '~/utils/meta';

export const meta = titleMeta;
export const handle = { i18n: ['counselling', 'account', 'referrals'] };

/**
 * The counsellor's profile as the booking uses it. Languages and channels are theirs to
 * set; topics and offices are the office's decision (item 8): shown here, with a request
 * to change them that an admin approves.
 */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = await requireCounsellor(request, context, 'read:counsellor:own');
  const open = await openChangeRequest(actor);
  return {
    title: await pageTitle(request, 'counselling:team.profileTitle'),
    counsellor: actor.counsellor,
    choices: await profileChoices(),
    languages: languageChoices(actor.counsellor.languages),
    request: open
      ? {
          topicIds: open.topic_ids,
          officeIds: open.office_ids,
          note: open.note,
          since: todayInBerlin(open.created_at),
        }
      : null,
  };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const actor = await requireCounsellor(request, context, 'update:counsellor:own');
  const form = await readForm(request);
  const which = form.get('which') === 'request' ? 'request' : 'profile';
  try {
    if (which === 'profile') {
      const submission = parseWithZod(form, { schema: profileSchema });
      if (submission.status !== 'success') return invalidFormOf(which, submission.reply());
      await saveProfile(actor, submission.value);
    } else {
      const submission = parseWithZod(form, { schema: changeRequestSchema });
      if (submission.status !== 'success') return invalidFormOf(which, submission.reply());
      try {
        await requestProfileChange(actor, submission.value);
      } catch (error) {
        if (error instanceof AppError && error.message === 'unchanged')
          return invalidFormOf(
            which,
            submission.reply({ formErrors: ['counselling:staff.errors.unchanged'] }),
          );
        throw error;
      }
    }
  } catch (error) {
    throwAsResponse(error);
  }
  return formDone(which);
}

export default function CounsellorProfile() {
  const { counsellor, choices, languages, request } = useLoaderData<typeof loader>();
  const result = useActionData<PageFormResult>();
  const { t, i18n } = useTranslation('counselling');
  const tr = useTranslation('referrals').t;
  const lng = i18n.language;
  const [form, fields] = useAppForm(profileSchema, 'profile', replyOf(result, 'profile'), {
    languages: counsellor.languages,
    channels: counsellor.channels,
  });
  const [requestForm, rf] = useAppForm(changeRequestSchema, 'change-request', replyOf(result, 'request'), {
    topics: (request?.topicIds ?? counsellor.topic_ids).map(String),
    offices: (request?.officeIds ?? counsellor.office_ids).map(String),
    note: request?.note ?? '',
  });
  const topicName = (id: number) => localText(choices.topics.find((x) => x.id === id)?.name ?? {}, lng) ?? '';
  const officeName = (id: number) => choices.offices.find((x) => x.id === id)?.name ?? '';
  const done = result && 'done' in result ? result.which : null;
  return (
    <div className="kern-stack">
      <h1 className="kern-heading-large">{t('team.profileTitle')}</h1>
      <TeamNav />
      <p className="kern-body">{t('team.profileIntro', { name: counsellor.display_name })}</p>
      {done === 'profile' ? <Alert tone="success">{t('team.saved')}</Alert> : null}
      {done === 'request' ? <Alert tone="success">{t('staff.profile.requested')}</Alert> : null}

      <p className="kern-body">
        <LocalizedLink className="kern-link" to="/team/profil/verbindung">
          {tr('affiliation.label')}
        </LocalizedLink>
      </p>
      <section aria-labelledby="own-heading" className="kern-stack-sm">
        <h2 id="own-heading" className="kern-heading-medium">
          {t('staff.profile.ownHeading')}
        </h2>
        <ErrorSummary form={form} fields={[fields.languages, fields.channels]} />
        <Form method="post" {...getFormProps(form)} className="kern-stack">
          <input type="hidden" name="which" value="profile" />
          <CheckboxGroup
            field={fields.languages}
            legend={t('team.languages')}
            options={languages.map((l) => ({ value: l, label: languageName(l, lng) }))}
          />
          <CheckboxGroup
            field={fields.channels}
            legend={t('team.channels')}
            options={CHANNELS.map((c) => ({ value: c, label: t(`booking.channels.${c}`) }))}
          />
          <button type="submit" className="kern-btn kern-btn--primary">
            <span className="kern-label">{t('team.saveProfile')}</span>
          </button>
        </Form>
      </section>

      <section aria-labelledby="office-heading" className="kern-stack-sm">
        <h2 id="office-heading" className="kern-heading-medium">
          {t('staff.profile.officeHeading')}
        </h2>
        <p className="kern-body">{t('staff.profile.officeIntro')}</p>
        <dl className="ww-choices kern-body">
          <dt>{t('team.topics')}</dt>
          <dd>{counsellor.topic_ids.map(topicName).join(', ') || t('team.none')}</dd>
          <dt>{t('team.offices')}</dt>
          <dd>
            <bdi lang="de">{counsellor.office_ids.map(officeName).join(', ') || t('team.none')}</bdi>
          </dd>
        </dl>
        {request ? (
          <Alert tone="info">
            {t('staff.profile.pending', {
              since: formatDate(request.since, lng),
              topics: request.topicIds.map(topicName).join(', ') || t('team.none'),
              offices: request.officeIds.map(officeName).join(', ') || t('team.none'),
            })}
          </Alert>
        ) : null}
        <details className="ww-card" open={Boolean(replyOf(result, 'request'))}>
          <summary className="kern-body">{t('staff.profile.requestSummary')}</summary>
          <ErrorSummary form={requestForm} fields={[rf.topics, rf.offices, rf.note]} />
          <Form method="post" {...getFormProps(requestForm)} className="kern-stack-sm">
            <input type="hidden" name="which" value="request" />
            <CheckboxGroup
              field={rf.topics}
              legend={t('team.topics')}
              options={choices.topics.map((x) => ({
                value: String(x.id),
                label: localText(x.name, lng) ?? '',
              }))}
            />
            <CheckboxGroup
              field={rf.offices}
              legend={t('team.offices')}
              options={choices.offices.map((x) => ({ value: String(x.id), label: x.name }))}
            />
            <TextareaField field={rf.note} label={t('staff.profile.requestNote')} rows={2} maxLength={500} />
            <button type="submit" className="kern-btn kern-btn--secondary">
              <span className="kern-label">{t('staff.profile.requestSubmit')}</span>
            </button>
          </Form>
        </details>
      </section>
    </div>
  );
}
