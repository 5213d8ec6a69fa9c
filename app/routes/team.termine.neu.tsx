import { getFormProps } from '@conform-to/react';
import { parseWithZod } from '@conform-to/zod';
import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node';
import { data, redirect } from '@remix-run/node';
import { Form, useActionData, useLoaderData, useSearchParams } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { FilterBar, FilterSelect } from '~/components/filter-bar';
import { CheckboxField, ErrorSummary, TextareaField, TextField, useAppForm } from '~/components/form';
import { TeamNav } from '~/components/team-nav';
import { pageTitle } from '~/i18next.server';
import { BookingError } from '~/modules/booking/booking.server';
import { SlotWeek } from '~/modules/booking/components/slot-list';
import { staffBookingSchema } from '~/modules/booking/schemas';
import { bookForCaller, callerSlots, requireCounsellor } from '~/modules/booking/team.server';
import { readWizardParams, wizardQuery } from '~/modules/booking/wizard';
import { formatDateTime, languageName } from '~/utils/format';
import { type FormReply, invalidForm, readForm } from '~/utils/forms.server';
import { baseUrlOf } from '~/utils/http.server';
import { localText } from '~/utils/localized';
import { titleMeta } from '~/utils/meta';

export const meta = titleMeta;
export const handle = { i18n: ['counselling', 'account'] };

/** A counsellor books one of their own slots for a caller on the phone. */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = await requireCounsellor(request, context, 'update:agenda:own');
  return {
    title: await pageTitle(request, 'counselling:team.bookTitle'),
    ...(await callerSlots(actor, readWizardParams(new URL(request.url)))),
  };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const actor = await requireCounsellor(request, context, 'update:agenda:own');
  const submission = parseWithZod(await readForm(request), { schema: staffBookingSchema });
  if (submission.status !== 'success') return invalidForm(submission.reply());
  try {
    const id = await bookForCaller(actor, submission.value, { baseUrl: baseUrlOf(request) });
    throw redirect(`/team/termine/${id}`);
  } catch (error) {
    if (error instanceof BookingError)
      return data<FormReply>(
        submission.reply({ formErrors: [`counselling:booking.errors.${error.reason}`] }),
        { status: 409 },
      );
    throw error;
  }
}

export default function BookForCaller() {
  const { choices, week } = useLoaderData<typeof loader>();
  const result = useActionData<FormReply>();
  const [search] = useSearchParams();
  const { t, i18n } = useTranslation('counselling');
  const lng = i18n.language;
  const p = readWizardParams(new URL(`http://x/?${search.toString()}`));
  const start = search.get('start');
  const [form, fields] = useAppForm(staffBookingSchema, 'caller', result);
  const select = (
    name: string,
    label: string,
    options: { value: string; label: string }[],
    value?: string,
  ) => (
    <FilterSelect
      id={`caller-${name}`}
      name={name}
      label={label}
      value={value}
      allLabel={t('team.choose')}
      options={options}
    />
  );
  return (
    <div className="kern-stack">
      <h1 className="kern-heading-large">{t('team.bookTitle')}</h1>
      <TeamNav />
      <FilterBar submitLabel={t('team.showSlots')}>
        {select(
          'thema',
          t('booking.topic'),
          choices.topics.map((x) => ({ value: x.slug, label: localText(x.name, lng) ?? x.slug })),
          p.thema,
        )}
        {select(
          'kanal',
          t('booking.channel'),
          choices.channels.map((c) => ({ value: c, label: t(`booking.channels.${c}`) })),
          p.kanal,
        )}
        {select(
          'stelle',
          t('team.officeIfInPerson'),
          choices.offices.map((o) => ({ value: o.slug, label: o.name })),
          p.stelle,
        )}
        {select(
          'sprache',
          t('booking.language'),
          choices.languages.map((l) => ({ value: l, label: languageName(l, lng) })),
          p.sprache,
        )}
      </FilterBar>
      {week && !start ? (
        <SlotWeek
          week={week}
          weekHref={(monday) => `/team/termine/neu${wizardQuery({ ...p, ab: monday })}`}
          hrefFor={(s) => `/team/termine/neu${wizardQuery(p)}&start=${encodeURIComponent(s.start)}`}
        />
      ) : null}
      {week && start ? (
        <section aria-labelledby="caller-heading" className="kern-stack-sm">
          <h2 id="caller-heading" className="kern-heading-medium">
            {t('team.callerDetails', { when: formatDateTime(start, lng) })}
          </h2>
          <ErrorSummary
            form={form}
            fields={[fields.name, fields.email, fields.phone, fields.message, fields.consentAsked]}
          />
          <Form method="post" {...getFormProps(form)} className="kern-stack-sm">
            <input type="hidden" name="topic" value={p.thema} />
            <input type="hidden" name="channel" value={p.kanal} />
            {p.stelle ? <input type="hidden" name="office" value={p.stelle} /> : null}
            <input type="hidden" name="language" value={p.sprache} />
            <input type="hidden" name="start" value={start} />
            <TextField field={fields.name} label={t('staff.fields.name')} maxLength={200} />
            <TextField
              field={fields.email}
              label={t('staff.fields.email')}
              hint={t('staff.fields.emailHint')}
              type="email"
              maxLength={254}
            />
            <TextField
              field={fields.phone}
              label={t('staff.fields.phone')}
              hint={t('staff.fields.phoneHint')}
              type="tel"
              maxLength={40}
            />
            <TextareaField
              field={fields.message}
              label={t('staff.fields.message')}
              hint={t('staff.fields.messageHint')}
              rows={3}
              maxLength={1000}
            />
            <CheckboxField field={fields.consentAsked} label={t('team.consentAsked')} />
            <button type="submit" className="kern-btn kern-btn--primary">
              <span className="kern-label">{t('team.bookSubmit')}</span>
            </button>
          </Form>
        </section>
      ) : null}
    </div>
  );
}
