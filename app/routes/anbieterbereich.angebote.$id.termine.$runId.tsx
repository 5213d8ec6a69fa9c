import { getFormProps } from '@conform-to/react';
import { parseWithZod } from '@conform-to/zod';
import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node';
import { redirect } from '@remix-run/node';
import { Form, useActionData, useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import {
  CheckboxGroup,
  ErrorSummary,
  Notice,
  RadioGroup,
  SelectField,
  TextareaField,
  TextField,
  useAppForm,
} from '~/components/form';
import { LocalizedLink } from '~/components/localized-link';
import { pageTitle } from '~/i18next.server';
import { idParam, requireProviderActor } from '~/modules/providers/guard.server';
import { getOwnOffer, getOwnRun, RunRejected, saveRun, venues } from '~/modules/providers/offers.server';
import { runSchema } from '~/modules/providers/schemas';
import { weekdayName } from '~/utils/format';
import { type FormReply, invalidForm, readForm } from '~/utils/forms.server';
import { throwAsResponse } from '~/utils/http.server';
import { titleMeta } from '~/utils/meta';

export const meta = titleMeta;
export const handle = { i18n: ['account', 'provider'] };

/** "neu" for a new run, else the run's id (404 for anything else). */
function runIdParam(value: string | undefined): number | null {
  return value === 'neu' ? null : idParam(value);
}

/** Berlin wall-clock "HH:MM" and date of a stored session timestamp. */
function berlinParts(iso: string) {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone: 'Europe/Berlin',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(new Date(iso));
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return { date: `${get('year')}-${get('month')}-${get('day')}`, time: `${get('hour')}:${get('minute')}` };
}

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { actor } = await requireProviderActor(request, context, 'update:offer:own');
  const offerId = idParam(params.id);
  const runId = runIdParam(params.runId);
  const { offer } = await getOwnOffer(actor, offerId).catch(throwAsResponse);
  const run = runId === null ? null : await getOwnRun(actor, offerId, runId).catch(throwAsResponse);
  const sessions = run?.sessions.map((s) => {
    const start = berlinParts(s.startsAt);
    return `${start.date} ${start.time}-${berlinParts(s.endsAt).time}`;
  });
  return {
    title: await pageTitle(request, runId === null ? 'provider:run.newTitle' : 'provider:run.editTitle'),
    offer: { id: offer.id, title: offer.title },
    isNew: runId === null,
    fresh: new URL(request.url).searchParams.get('neu') === '1',
    venues: await venues(actor.providerId),
    defaults: run
      ? {
          startsOn: run.startsOn ?? '',
          endsOn: run.endsOn ?? '',
          weekdays: run.weekdays.map(String),
          startsAt: run.startsAt ?? '',
          endsAt: run.endsAt ?? '',
          format: run.format,
          venueId: run.venueId ? String(run.venueId) : '',
          price: run.priceCents === null ? '' : (run.priceCents / 100).toFixed(2).replace('.', ','),
          priceNote: run.priceNote ?? '',
          seats: run.seats === null ? '' : String(run.seats),
          seatsStatus: run.seatsStatus ?? '',
          registrationDeadline: run.registrationDeadline ?? '',
          teachingUnits: run.teachingUnits === null ? '' : String(run.teachingUnits),
          // Weekly runs are shown by their pattern; the list only when the dates are irregular.
          sessions: run.weekdays.length ? '' : (sessions ?? []).join('\n'),
        }
      : { format: 'in_person' },
  };
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const { actor } = await requireProviderActor(request, context, 'update:offer:own');
  const offerId = idParam(params.id);
  const runId = runIdParam(params.runId);
  const submission = parseWithZod(await readForm(request), { schema: runSchema });
  if (submission.status !== 'success') return invalidForm(submission.reply());
  try {
    await saveRun(actor, offerId, runId, submission.value);
  } catch (error) {
    if (error instanceof RunRejected)
      return invalidForm(submission.reply({ fieldErrors: error.fieldErrors }));
    throwAsResponse(error);
  }
  return redirect(`/anbieterbereich/angebote/${offerId}?hinweis=runSaved`);
}

export default function RunEditor() {
  const d = useLoaderData<typeof loader>();
  const lastResult = useActionData<FormReply>();
  const { t, i18n } = useTranslation('provider');
  const [form, f] = useAppForm(runSchema, 'run', lastResult, d.defaults);
  const fields = [
    f.startsOn,
    f.endsOn,
    f.weekdays,
    f.startsAt,
    f.endsAt,
    f.sessions,
    f.format,
    f.venueId,
    f.venueName,
    f.venueStreet,
    f.venuePostcode,
    f.venueCity,
    f.venueAccessible,
    f.price,
    f.priceNote,
    f.seats,
    f.seatsStatus,
    f.registrationDeadline,
    f.teachingUnits,
  ];
  return (
    <div className="ww-narrow kern-stack">
      <p>
        <LocalizedLink className="kern-link" to={`/anbieterbereich/angebote/${d.offer.id}`}>
          {t('run.back', { title: d.offer.title })}
        </LocalizedLink>
      </p>
      <h1 className="kern-heading-large">{d.isNew ? t('run.newTitle') : t('run.editTitle')}</h1>
      {d.fresh ? <Notice title={t('run.fresh')} tone="info" /> : null}
      <ErrorSummary form={form} fields={fields} />
      <Form method="post" {...getFormProps(form)} className="kern-stack">
        <fieldset className="kern-fieldset">
          <legend className="kern-label">{t('run.when')}</legend>
          <div className="kern-fieldset__body kern-stack">
            <TextField field={f.startsOn} label={t('run.startsOn')} hint={t('run.dateHint')} type="date" />
            <TextField field={f.endsOn} label={t('run.endsOn')} hint={t('run.dateHint')} type="date" />
            <CheckboxGroup
              field={f.weekdays}
              legend={t('run.weekdays')}
              options={[1, 2, 3, 4, 5, 6, 7].map((d) => ({
                value: String(d),
                label: weekdayName(d, i18n.language, 'long'),
              }))}
            />
            <TextField field={f.startsAt} label={t('run.startsAt')} hint={t('run.timeHint')} type="time" />
            <TextField field={f.endsAt} label={t('run.endsAt')} hint={t('run.timeHint')} type="time" />
            <TextareaField
              field={f.sessions}
              label={t('run.sessions')}
              hint={t('run.sessionsHint')}
              rows={5}
              maxLength={20000}
            />
          </div>
        </fieldset>
        <RadioGroup
          field={f.format}
          legend={t('run.format')}
          options={(['in_person', 'online', 'hybrid'] as const).map((v) => ({
            value: v,
            label: t(`formats.${v}`),
          }))}
        />
        <fieldset className="kern-fieldset">
          <legend className="kern-label">{t('run.venue')}</legend>
          <div className="kern-fieldset__body kern-stack">
            <SelectField
              field={f.venueId}
              label={t('run.venueExisting')}
              placeholder={t('run.venueNone')}
              options={d.venues.map((v) => ({
                value: String(v.id),
                label: [v.name, v.street, [v.postcode, v.city].filter(Boolean).join(' ')]
                  .filter(Boolean)
                  .join(', '),
              }))}
            />
            <p className="kern-hint">{t('run.venueNewHint')}</p>
            <TextField field={f.venueName} label={t('run.venueName')} maxLength={200} />
            <TextField field={f.venueStreet} label={t('run.venueStreet')} maxLength={200} />
            <TextField field={f.venuePostcode} label={t('run.venuePostcode')} maxLength={5} />
            <TextField field={f.venueCity} label={t('run.venueCity')} maxLength={100} />
            <RadioGroup
              field={f.venueAccessible}
              legend={t('run.venueAccessible')}
              options={[
                { value: 'yes', label: t('run.yes') },
                { value: 'no', label: t('run.no') },
                { value: '', label: t('run.unknown') },
              ]}
            />
          </div>
        </fieldset>
        <TextField field={f.price} label={t('run.price')} hint={t('run.priceHint')} maxLength={9} />
        <TextField field={f.priceNote} label={t('run.priceNote')} maxLength={200} />
        <TextField
          field={f.teachingUnits}
          label={t('run.teachingUnits')}
          hint={t('run.teachingUnitsHint')}
          maxLength={5}
        />
        <TextField field={f.seats} label={t('run.seats')} maxLength={5} />
        <RadioGroup
          field={f.seatsStatus}
          legend={t('run.seatsStatus')}
          options={(['', 'available', 'few', 'full', 'waiting_list'] as const).map((v) => ({
            value: v,
            label: t(`run.seatsStatusOption.${v || 'unknown'}`),
          }))}
        />
        <TextField
          field={f.registrationDeadline}
          label={t('run.registrationDeadline')}
          hint={t('run.dateHint')}
          type="date"
        />
        <button type="submit" className="kern-btn kern-btn--primary">
          <span className="kern-label">{t('run.save')}</span>
        </button>
      </Form>
    </div>
  );
}
