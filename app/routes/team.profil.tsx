import { getFormProps } from '@conform-to/react';
import { parseWithZod } from '@conform-to/zod';
import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node';
import { data } from '@remix-run/node';
import { Form, useActionData, useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { Alert, CheckboxGroup, ErrorSummary, useAppForm } from '~/components/form';
import { TeamNav } from '~/components/team-nav';
import { pageTitle } from '~/i18next.server';
import { profileSchema } from '~/modules/booking/schemas';
import { CHANNELS } from '~/modules/booking/slots';
import {
  languageChoices,
  profileChoices,
  requireCounsellor,
  saveProfile,
} from '~/modules/booking/team.server';
import { languageName } from '~/utils/format';
import { type FormReply, invalidForm, readForm } from '~/utils/forms.server';
import { localText } from '~/utils/localized';
import { titleMeta } from '~/utils/meta';

export const meta = titleMeta;
export const handle = { i18n: ['counselling', 'account', 'referrals'] };

/** The counsellor's profile as the booking uses it: languages, channels, topics, offices. */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const { counsellor } = await requireCounsellor(request, context, 'read:counsellor:own');
  return {
    title: await pageTitle(request, 'counselling:team.profileTitle'),
    counsellor,
    choices: await profileChoices(),
    languages: languageChoices(counsellor.languages),
  };
}

type ActionResult = FormReply | { done: true };

export async function action({ request, context }: ActionFunctionArgs) {
  const actor = await requireCounsellor(request, context, 'update:counsellor:own');
  const submission = parseWithZod(await readForm(request), { schema: profileSchema });
  if (submission.status !== 'success') return invalidForm(submission.reply());
  await saveProfile(actor, submission.value);
  return data<ActionResult>({ done: true });
}

export default function CounsellorProfile() {
  const { counsellor, choices, languages } = useLoaderData<typeof loader>();
  const result = useActionData<ActionResult>();
  const { t, i18n } = useTranslation('counselling');
  const tr = useTranslation('referrals').t;
  const lng = i18n.language;
  const [form, fields] = useAppForm(
    profileSchema,
    'profile',
    result && 'status' in result ? result : undefined,
    {
      languages: counsellor.languages,
      channels: counsellor.channels,
      topics: counsellor.topic_ids.map(String),
      offices: counsellor.office_ids.map(String),
    },
  );
  return (
    <div className="kern-stack">
      <h1 className="kern-heading-large">{t('team.profileTitle')}</h1>
      <TeamNav />
      <p className="kern-body">{t('team.profileIntro', { name: counsellor.display_name })}</p>
      {result && 'done' in result ? <Alert tone="success">{t('team.saved')}</Alert> : null}
      <p className="kern-body">
        <a className="kern-link" href="/team/profil/verbindung">
          {tr('affiliation.label')}
        </a>
      </p>
      <ErrorSummary form={form} fields={[fields.languages, fields.channels, fields.topics, fields.offices]} />
      <Form method="post" {...getFormProps(form)} className="kern-stack">
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
        <CheckboxGroup
          field={fields.topics}
          legend={t('team.topics')}
          options={choices.topics.map((x) => ({
            value: String(x.id),
            label: localText(x.name, lng) ?? '',
          }))}
        />
        <CheckboxGroup
          field={fields.offices}
          legend={t('team.offices')}
          options={choices.offices.map((x) => ({ value: String(x.id), label: x.name }))}
        />
        <button type="submit" className="kern-btn kern-btn--primary">
          <span className="kern-label">{t('team.saveProfile')}</span>
        </button>
      </Form>
    </div>
  );
}
