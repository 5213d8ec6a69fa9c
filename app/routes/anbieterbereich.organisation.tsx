import { getFormProps } from '@conform-to/react';
import { parseWithZod } from '@conform-to/zod';
import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node';
import { redirect } from '@remix-run/node';
import { Form, useActionData, useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { can } from '~/auth/permissions';
import { ErrorSummary, Notice, SelectField, TextareaField, TextField, useAppForm } from '~/components/form';
import { pageTitle } from '~/i18next.server';
import { BackToProviderArea } from '~/modules/providers/components/back-link';
import { requireProviderActor } from '~/modules/providers/guard.server';
import { getOrganisation, updateOrganisation } from '~/modules/providers/organisation.server';
import { organisationSchema, PROVIDER_KINDS } from '~/modules/providers/schemas';
import { type FormReply, invalidForm, readForm } from '~/utils/forms.server';
import { titleMeta } from '~/utils/meta';

export const meta = titleMeta;
export const handle = { i18n: ['account', 'provider', 'referrals'] };

/** The organisation's public profile: every member may read it, only the owner changes it. */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const { actor, user } = await requireProviderActor(request, context, 'read:provider:own');
  const org = await getOrganisation(actor.providerId);
  const azav = org.certifications.find((c) => c.type === 'AZAV');
  return {
    title: await pageTitle(request, 'provider:organisation.title'),
    canEdit: can(user, 'update:provider:own', { providerId: actor.providerId }),
    status: org.status,
    saved: new URL(request.url).searchParams.get('hinweis') === 'saved',
    defaults: {
      name: org.name,
      kind: org.kind,
      description: org.description,
      street: org.street ?? '',
      postcode: org.postcode ?? '',
      city: org.city ?? '',
      website: org.website ?? '',
      email: org.email ?? '',
      phone: org.phone ?? '',
      azavNumber: azav?.number ?? '',
      azavCertifier: azav?.certifier ?? '',
      azavValidUntil: azav?.validUntil ?? '',
    },
  };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const { actor } = await requireProviderActor(request, context, 'update:provider:own');
  const submission = parseWithZod(await readForm(request), { schema: organisationSchema });
  if (submission.status !== 'success') return invalidForm(submission.reply());
  await updateOrganisation(actor, submission.value);
  return redirect('/anbieterbereich/organisation?hinweis=saved');
}

export default function Organisation() {
  const d = useLoaderData<typeof loader>();
  const lastResult = useActionData<FormReply>();
  const { t } = useTranslation('provider');
  const ta = useTranslation('account').t;
  const tr = useTranslation('referrals').t;
  const [form, f] = useAppForm(organisationSchema, 'organisation', lastResult, d.defaults);
  const fields = [
    f.name,
    f.kind,
    f.description,
    f.street,
    f.postcode,
    f.city,
    f.website,
    f.email,
    f.phone,
    f.azavNumber,
    f.azavCertifier,
    f.azavValidUntil,
  ];
  return (
    <div className="ww-narrow kern-stack">
      <BackToProviderArea />
      <h1 className="kern-heading-large">{t('organisation.title')}</h1>
      <p className="kern-body">
        {ta(`providerStatus.${d.status}`)}. {d.canEdit ? t('organisation.intro') : t('organisation.readOnly')}
      </p>
      <p className="kern-body">
        <a className="kern-link" href="/anbieterbereich/schluessel">
          {tr('keys.link')}
        </a>
      </p>
      {d.saved ? <Notice title={t('notices.saved')} /> : null}
      <ErrorSummary form={form} fields={fields} />
      <Form method="post" {...getFormProps(form)} className="kern-stack">
        <fieldset className="kern-fieldset" disabled={!d.canEdit}>
          <legend className="kern-label">{t('organisation.profile')}</legend>
          <div className="kern-fieldset__body kern-stack">
            <TextField field={f.name} label={t('organisation.name')} maxLength={200} />
            <SelectField
              field={f.kind}
              label={t('organisation.kind')}
              options={PROVIDER_KINDS.map((k) => ({ value: k, label: ta(`providerKinds.${k}`) }))}
            />
            <TextareaField
              field={f.description}
              label={t('organisation.description')}
              hint={t('organisation.descriptionHint')}
              rows={5}
              maxLength={2000}
            />
            <TextField field={f.street} label={t('run.venueStreet')} maxLength={200} />
            <TextField field={f.postcode} label={t('run.venuePostcode')} maxLength={5} />
            <TextField field={f.city} label={t('run.venueCity')} maxLength={100} />
            <TextField field={f.website} label={t('organisation.website')} maxLength={500} />
            <TextField
              field={f.email}
              label={t('organisation.email')}
              hint={t('organisation.emailHint')}
              type="email"
              maxLength={254}
            />
            <TextField field={f.phone} label={t('organisation.phone')} maxLength={40} />
          </div>
        </fieldset>
        <fieldset className="kern-fieldset" disabled={!d.canEdit}>
          <legend className="kern-label">{t('organisation.azav')}</legend>
          <div className="kern-fieldset__body kern-stack">
            <TextField field={f.azavNumber} label={t('organisation.azavNumber')} maxLength={60} />
            <TextField field={f.azavCertifier} label={t('organisation.azavCertifier')} maxLength={200} />
            <TextField field={f.azavValidUntil} label={t('organisation.azavValidUntil')} type="date" />
          </div>
        </fieldset>
        {d.canEdit ? (
          <button type="submit" className="kern-btn kern-btn--primary">
            <span className="kern-label">{t('edit.save')}</span>
          </button>
        ) : null}
      </Form>
    </div>
  );
}
