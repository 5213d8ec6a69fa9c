import { getFormProps } from '@conform-to/react';
import { parseWithZod } from '@conform-to/zod';
import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node';
import { Form, useActionData, useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { requirePermission } from '~/auth/guard.server';
import { AdminNav } from '~/components/admin-nav';
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
import { i18nServer, pageTitle } from '~/i18next.server';
import {
  counsellorForOffice,
  decideRequest,
  inviteForProfile,
  linkAccount,
  saveCounsellorByOffice,
} from '~/modules/booking/office.server';
import {
  counsellorProfileSchema,
  decideRequestSchema,
  inviteCounsellorSchema,
  linkAccountSchema,
} from '~/modules/booking/schemas';
import { CHANNELS } from '~/modules/booking/slots';
import { languageChoices } from '~/modules/booking/team.server';
import { idParam } from '~/modules/providers/guard.server';
import { AppError } from '~/utils/errors';
import { languageName } from '~/utils/format';
import { formDone, invalidFormOf, type PageFormResult, readForm, requestMeta } from '~/utils/forms.server';
import { throwAsResponse } from '~/utils/http.server';
import { localText } from '~/utils/localized';
import { titleMeta } from '~/utils/meta';

export const meta = titleMeta;
export const handle = { i18n: ['counselling', 'account'] };

/**
 * One counsellor profile for the office: its account (link an existing counsellor
 * account, or invite someone to one), what it offers (languages, channels, topics,
 * offices — topics and offices are the office's decision), and the counsellor's open
 * request for other topics or offices. Every change is audited.
 */
async function translated(request: Request, key: string) {
  return (await i18nServer.getFixedT(request, 'counselling'))(key);
}

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  await requirePermission(request, context, 'update:counsellor-profile:any');
  const d = await counsellorForOffice(idParam(params.id)).catch(throwAsResponse);
  return {
    title: await pageTitle(request, {
      text: `${d.counsellor.name} – ${await translated(request, 'counselling:office.counsellors.title')}`,
    }),
    ...d,
    languages: languageChoices(d.counsellor.languages),
  };
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const admin = await requirePermission(request, context, 'update:counsellor-profile:any');
  const id = idParam(params.id);
  const meta = { userId: admin.id, ip: context.clientIp ?? null };
  const form = await readForm(request);
  const which = String(form.get('which'));
  try {
    if (which === 'profile') {
      const submission = parseWithZod(form, { schema: counsellorProfileSchema });
      if (submission.status !== 'success') return invalidFormOf(which, submission.reply());
      await saveCounsellorByOffice(id, submission.value, meta);
    } else if (which === 'link') {
      const submission = parseWithZod(form, { schema: linkAccountSchema });
      if (submission.status !== 'success') return invalidFormOf(which, submission.reply());
      try {
        await linkAccount(id, submission.value.user, meta);
      } catch (error) {
        if (error instanceof AppError && error.code === 'conflict')
          return invalidFormOf(
            which,
            submission.reply({ fieldErrors: { user: ['counselling:office.errors.accountTaken'] } }),
            409,
          );
        throw error;
      }
    } else if (which === 'invite') {
      const submission = parseWithZod(form, { schema: inviteCounsellorSchema });
      if (submission.status !== 'success') return invalidFormOf(which, submission.reply());
      const { baseUrl, locale } = await requestMeta(request, context);
      try {
        await inviteForProfile(id, submission.value.email, { ...meta, baseUrl, locale });
      } catch (error) {
        if (error instanceof AppError && error.code === 'conflict')
          return invalidFormOf(
            which,
            submission.reply({ fieldErrors: { email: ['counselling:office.errors.emailTaken'] } }),
            409,
          );
        throw error;
      }
    } else if (which === 'decide') {
      const submission = parseWithZod(form, { schema: decideRequestSchema });
      if (submission.status !== 'success') return invalidFormOf(which, submission.reply());
      await decideRequest(
        submission.value.request,
        submission.value.decision,
        submission.value.note ?? null,
        meta,
      );
    } else throw new AppError('bad_request');
  } catch (error) {
    throwAsResponse(error);
  }
  return formDone(which);
}

export default function AdminCounsellor() {
  const d = useLoaderData<typeof loader>();
  const result = useActionData<PageFormResult>();
  const { t, i18n } = useTranslation('counselling');
  const lng = i18n.language;
  const c = d.counsellor;
  const [profileForm, pf] = useAppForm(counsellorProfileSchema, 'profile', replyOf(result, 'profile'), {
    languages: c.languages,
    channels: c.channels,
    topics: c.topicIds.map(String),
    offices: c.officeIds.map(String),
    active: c.active ? 'on' : undefined,
  });
  const [linkForm, lf] = useAppForm(linkAccountSchema, 'link', replyOf(result, 'link'));
  const [inviteForm, inf] = useAppForm(inviteCounsellorSchema, 'invite', replyOf(result, 'invite'));
  const [decideForm, df] = useAppForm(decideRequestSchema, 'decide', replyOf(result, 'decide'));
  const topicName = (id: number) => localText(d.topics.find((x) => x.id === id)?.name ?? {}, lng) ?? '';
  const officeName = (id: number) => d.offices.find((x) => x.id === id)?.name ?? '';
  const done = result && 'done' in result ? result.which : null;
  return (
    <div className="kern-stack">
      <h1 className="kern-heading-large">{t('office.counsellor.title', { name: c.name })}</h1>
      <AdminNav />
      {done === 'invite' ? <Alert tone="success">{t('office.counsellor.invited')}</Alert> : null}
      {done && done !== 'invite' ? <Alert tone="success">{t('team.saved')}</Alert> : null}
      <p className="kern-body">
        <a className="kern-link" href="/admin/beratende">
          {t('office.counsellor.back')}
        </a>
      </p>

      <section aria-labelledby="account-heading" className="kern-stack-sm">
        <h2 id="account-heading" className="kern-heading-medium">
          {t('office.counsellor.accountHeading')}
        </h2>
        <p className="kern-body">
          <span className={`kern-badge kern-badge--${c.account === 'bookable' ? 'success' : 'warning'}`}>
            <span className="kern-label">{t(`office.account.${c.account}`)}</span>
          </span>{' '}
          {c.email ? <bdi dir="ltr">{c.email}</bdi> : null}
        </p>
        <p className="kern-body">{t(`office.accountHint.${c.account}`)}</p>
        {c.account !== 'bookable' && c.upcoming ? (
          <Alert tone="warning">
            {t('office.counsellor.upcomingHint', { count: c.upcoming })}{' '}
            <a className="kern-link" href={`/admin/termine?beratung=${c.id}&ansicht=woche`}>
              {t('office.counsellor.toAppointments')}
            </a>
          </Alert>
        ) : null}
        {c.account === 'none' ? (
          <>
            {d.accounts.length ? (
              <>
                <h3 className="kern-heading-small">{t('office.counsellor.linkHeading')}</h3>
                <ErrorSummary form={linkForm} fields={[lf.user]} />
                <Form method="post" {...getFormProps(linkForm)} className="kern-stack-sm">
                  <input type="hidden" name="which" value="link" />
                  <SelectField
                    field={lf.user}
                    label={t('office.counsellor.linkAccount')}
                    placeholder={t('team.choose')}
                    options={d.accounts.map((u) => ({ value: String(u.id), label: u.label }))}
                  />
                  <button type="submit" className="kern-btn kern-btn--secondary">
                    <span className="kern-label">{t('office.counsellor.linkSubmit')}</span>
                  </button>
                </Form>
              </>
            ) : null}
            <h3 className="kern-heading-small">{t('office.counsellor.inviteHeading')}</h3>
            <ErrorSummary form={inviteForm} fields={[inf.email]} />
            <Form method="post" {...getFormProps(inviteForm)} className="kern-stack-sm">
              <input type="hidden" name="which" value="invite" />
              <TextField
                field={inf.email}
                label={t('office.counsellor.inviteEmail')}
                type="email"
                maxLength={254}
              />
              <button type="submit" className="kern-btn kern-btn--secondary">
                <span className="kern-label">{t('office.counsellor.inviteSubmit')}</span>
              </button>
            </Form>
          </>
        ) : null}
      </section>

      {d.request ? (
        <section aria-labelledby="request-heading" className="kern-stack-sm ww-card">
          <h2 id="request-heading" className="kern-heading-medium">
            {t('office.counsellor.requestHeading')}
          </h2>
          <dl className="ww-choices kern-body">
            <dt>{t('team.topics')}</dt>
            <dd>{d.request.topicIds.map(topicName).join(', ') || t('team.none')}</dd>
            <dt>{t('team.offices')}</dt>
            <dd>
              <bdi lang="de">{d.request.officeIds.map(officeName).join(', ') || t('team.none')}</bdi>
            </dd>
            {d.request.note ? (
              <>
                <dt>{t('staff.profile.requestNote')}</dt>
                <dd>{d.request.note}</dd>
              </>
            ) : null}
          </dl>
          <ErrorSummary form={decideForm} fields={[df.decision, df.note]} />
          <Form method="post" {...getFormProps(decideForm)} className="kern-stack-sm">
            <input type="hidden" name="which" value="decide" />
            <input type="hidden" name="request" value={d.request.id} />
            <RadioGroup
              field={df.decision}
              legend={t('office.counsellor.decision')}
              options={[
                { value: 'approved', label: t('office.counsellor.approve') },
                { value: 'rejected', label: t('office.counsellor.reject') },
              ]}
            />
            <TextareaField
              field={df.note}
              label={t('office.counsellor.decisionNote')}
              rows={2}
              maxLength={500}
            />
            <button type="submit" className="kern-btn kern-btn--primary">
              <span className="kern-label">{t('office.counsellor.decide')}</span>
            </button>
          </Form>
        </section>
      ) : null}

      <section aria-labelledby="profile-heading" className="kern-stack-sm">
        <h2 id="profile-heading" className="kern-heading-medium">
          {t('office.counsellor.profileHeading')}
        </h2>
        <ErrorSummary form={profileForm} fields={[pf.languages, pf.channels, pf.topics, pf.offices]} />
        <Form method="post" {...getFormProps(profileForm)} className="kern-stack">
          <input type="hidden" name="which" value="profile" />
          <CheckboxGroup
            field={pf.topics}
            legend={t('team.topics')}
            options={d.topics.map((x) => ({ value: String(x.id), label: localText(x.name, lng) ?? '' }))}
          />
          <CheckboxGroup
            field={pf.offices}
            legend={t('team.offices')}
            options={d.offices.map((x) => ({ value: String(x.id), label: x.name }))}
          />
          <CheckboxGroup
            field={pf.languages}
            legend={t('office.counsellors.languages')}
            options={d.languages.map((l) => ({ value: l, label: languageName(l, lng) }))}
          />
          <CheckboxGroup
            field={pf.channels}
            legend={t('team.channels')}
            options={CHANNELS.map((x) => ({ value: x, label: t(`booking.channels.${x}`) }))}
          />
          <CheckboxField field={pf.active} label={t('office.counsellor.active')} />
          <button type="submit" className="kern-btn kern-btn--primary">
            <span className="kern-label">{t('office.counsellor.save')}</span>
          </button>
        </Form>
      </section>
    </div>
  );
}
