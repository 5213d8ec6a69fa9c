import { getFormProps } from '@conform-to/react';
import { parseWithZod } from '@conform-to/zod';
import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node';
import { Form, useActionData, useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import {
  Alert,
  CheckboxGroup,
  ErrorSummary,
  RadioGroup,
  replyOf,
  SelectField,
  TextareaField,
  TextField,
  useAppForm,
} from '~/components/form';
import { TeamNav } from '~/components/team-nav';
import { pageTitle } from '~/i18next.server';
import { CoverDecisions } from '~/modules/booking/components/staff';
import { type CoverPageResult, type CoverResult, handleCover } from '~/modules/booking/cover-form.server';
import { exceptionSchema, ruleSchema } from '~/modules/booking/schemas';
import { CHANNELS } from '~/modules/booking/slots';
import {
  absenceCover,
  addException,
  addRule,
  availability,
  removeException,
  removeRule,
  requireCounsellor,
} from '~/modules/booking/team.server';
import { AppError } from '~/utils/errors';
import { formatDate, formatDateTime, weekdayName } from '~/utils/format';
import { formDone, invalidFormOf, type PageFormResult, readForm } from '~/utils/forms.server';
import { baseUrlOf, throwAsResponse } from '~/utils/http.server';
import { titleMeta } from '~/utils/meta';

export const meta = titleMeta;
export const handle = { i18n: ['counselling', 'account'] };

/** The counsellor's weekly hours and exceptions (absences, extra hours): what the booking offers. */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = await requireCounsellor(request, context, 'read:counsellor:own');
  return {
    title: await pageTitle(request, 'counselling:team.availabilityTitle'),
    ...(await availability(actor)),
  };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const actor = await requireCounsellor(request, context, 'update:counsellor:own');
  const form = await readForm(request);
  const intent = String(form.get('intent'));
  try {
    if (intent === 'addException')
      // An absence over booked appointments: first the list, then the decisions (two steps).
      return await handleCover(form, {
        schema: exceptionSchema,
        which: 'addException',
        hiddenOf: (v) => ({
          intent: 'addException',
          kind: v.kind,
          fromDay: v.fromDay,
          fromTime: v.fromTime,
          toDay: v.toDay,
          toTime: v.toTime,
          note: v.note,
        }),
        list: (v) => absenceCover(actor, v),
        save: (v) => addException(actor, v, { baseUrl: baseUrlOf(request) }),
      });
    if (intent === 'addRule') {
      const submission = parseWithZod(form, { schema: ruleSchema });
      if (submission.status !== 'success') return invalidFormOf(intent, submission.reply());
      await addRule(actor, submission.value);
    } else if (intent === 'deleteRule' || intent === 'deleteException') {
      const id = Number(form.get('id'));
      if (!Number.isSafeInteger(id) || id <= 0) throw new AppError('not_found');
      if (intent === 'deleteRule') await removeRule(actor, id);
      else await removeException(actor, id);
    } else throw new AppError('bad_request');
  } catch (error) {
    if (error instanceof AppError && error.code === 'bad_request' && error.message === 'office')
      return invalidFormOf(intent, {
        status: 'error',
        error: { office: ['counselling:team.errors.officeRequired'] },
      });
    throwAsResponse(error);
  }
  return formDone(intent);
}

/** The second step of an absence: every appointment it covers, each to be decided. */
function AbsenceDecisions({ cover }: { cover: CoverResult }) {
  const { t, i18n } = useTranslation('counselling');
  const lng = i18n.language;
  const [form, fields] = useAppForm(exceptionSchema, 'cover', cover.reply, {
    ...cover.hidden,
    resolutions: cover.covered.map((c) => ({ id: String(c.id) })),
  });
  // The absence as entered: local dates and wall-clock times.
  const from = `${formatDate(cover.hidden.fromDay ?? null, lng)}, ${cover.hidden.fromTime}`;
  const to = `${formatDate(cover.hidden.toDay ?? null, lng)}, ${cover.hidden.toTime}`;
  return (
    <>
      {cover.changed ? <Alert tone="warning">{t('staff.cover.changed')}</Alert> : null}
      <CoverDecisions
        form={form}
        list={fields.resolutions}
        covered={cover.covered}
        hidden={cover.hidden}
        intro={t('staff.cover.absenceIntro', {
          from,
          to,
          count: cover.covered.length,
        })}
        submitLabel={t('staff.cover.saveAbsence')}
        cancelHref="/team/verfuegbarkeit"
        allowHandover
        headingLevel={2}
      />
    </>
  );
}

export default function Availability() {
  const { rules, exceptions, offices, today } = useLoaderData<typeof loader>();
  const answer = useActionData<CoverPageResult>();
  const cover = answer?.which === 'cover' ? (answer as CoverResult) : undefined;
  const result = cover ? undefined : (answer as PageFormResult | undefined);
  const { t, i18n } = useTranslation('counselling');
  const lng = i18n.language;
  const [ruleForm, rf] = useAppForm(ruleSchema, 'rule', replyOf(result, 'addRule'), { validFrom: today });
  const [exForm, ef] = useAppForm(exceptionSchema, 'exception', replyOf(result, 'addException'), {
    kind: 'absence',
    fromDay: today,
    toDay: today,
    fromTime: '08:00',
    toTime: '18:00',
  });
  const channelOptions = CHANNELS.map((c) => ({ value: c, label: t(`booking.channels.${c}`) }));
  const officeOptions = offices.map((o) => ({ value: String(o.id), label: o.name }));
  return (
    <div className="kern-stack">
      <h1 className="kern-heading-large">{t('team.availabilityTitle')}</h1>
      <TeamNav />
      <p className="kern-body">{t('team.availabilityIntro')}</p>
      {/* The absence's second step comes first: nothing else on the page counts until it is decided. */}
      {cover ? <AbsenceDecisions cover={cover} /> : null}
      {result && ('done' in result || result.status === 'success') ? (
        <Alert tone="success">{t('team.saved')}</Alert>
      ) : null}

      <section aria-labelledby="rules" className="kern-stack-sm">
        <h2 id="rules" className="kern-heading-medium">
          {t('team.rules')}
        </h2>
        {rules.length === 0 ? (
          <p className="kern-body">{t('team.noRules')}</p>
        ) : (
          <div className="ww-table-scroll">
            <table className="kern-table">
              <caption className="kern-sr-only">{t('team.rules')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('team.weekday')}</th>
                  <th scope="col">{t('team.time')}</th>
                  <th scope="col">{t('booking.channel')}</th>
                  <th scope="col">{t('team.validity')}</th>
                  <th scope="col">{t('team.actions')}</th>
                </tr>
              </thead>
              <tbody>
                {rules.map((r) => (
                  <tr key={r.id}>
                    <td>{weekdayName(r.weekday, lng, 'long')}</td>
                    <td>
                      {r.starts_at}–{r.ends_at}
                    </td>
                    <td>
                      {r.channels.map((c) => t(`booking.channels.${c}`)).join(', ')}
                      {r.office_name ? ` (${r.office_name})` : ''}
                    </td>
                    <td>
                      {t('team.validFromTo', {
                        from: formatDate(r.valid_from, lng),
                        to: r.valid_to ? formatDate(r.valid_to, lng) : t('team.openEnded'),
                      })}
                    </td>
                    <td>
                      <Form method="post">
                        <input type="hidden" name="intent" value="deleteRule" />
                        <input type="hidden" name="id" value={r.id} />
                        {/* The rule in the button's name by aria-label, not hidden text: positioned
                          text inside a scrolled table would widen the page at 320 px. */}
                        <button
                          type="submit"
                          className="kern-btn kern-btn--tertiary"
                          aria-label={`${t('team.delete')}: ${weekdayName(r.weekday, lng, 'long')} ${r.starts_at}–${r.ends_at}`}
                        >
                          <span className="kern-label">{t('team.delete')}</span>
                        </button>
                      </Form>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        <h3 className="kern-heading-small">{t('team.addRule')}</h3>
        <ErrorSummary
          form={ruleForm}
          fields={[rf.weekday, rf.startsAt, rf.endsAt, rf.channels, rf.office, rf.validFrom, rf.validTo]}
        />
        <Form method="post" {...getFormProps(ruleForm)} className="kern-stack-sm">
          <input type="hidden" name="intent" value="addRule" />
          <SelectField
            field={rf.weekday}
            label={t('team.weekday')}
            placeholder={t('team.choose')}
            options={[1, 2, 3, 4, 5, 6, 7].map((d) => ({
              value: String(d),
              label: weekdayName(d, lng, 'long'),
            }))}
          />
          <TextField field={rf.startsAt} label={t('team.from')} type="time" />
          <TextField field={rf.endsAt} label={t('team.to')} type="time" />
          <CheckboxGroup field={rf.channels} legend={t('booking.channel')} options={channelOptions} />
          <SelectField
            field={rf.office}
            label={t('team.officeIfInPerson')}
            placeholder={t('team.none')}
            options={officeOptions}
          />
          <TextField field={rf.validFrom} label={t('team.validFrom')} type="date" />
          <TextField field={rf.validTo} label={t('team.validTo')} hint={t('team.validToHint')} type="date" />
          <button type="submit" className="kern-btn kern-btn--primary">
            <span className="kern-label">{t('team.addRule')}</span>
          </button>
        </Form>
      </section>

      <section aria-labelledby="exceptions" className="kern-stack-sm">
        <h2 id="exceptions" className="kern-heading-medium">
          {t('team.exceptions')}
        </h2>
        {exceptions.length === 0 ? (
          <p className="kern-body">{t('team.noExceptions')}</p>
        ) : (
          <ul className="kern-list">
            {exceptions.map((e) => (
              <li key={e.id}>
                <strong>{t(`team.kinds.${e.kind}`)}</strong>: {formatDateTime(e.starts, lng)} –{' '}
                {formatDateTime(e.ends, lng)}
                {e.kind === 'extra'
                  ? ` (${e.channels.map((c) => t(`booking.channels.${c}`)).join(', ')})`
                  : ''}
                {e.note ? ` – ${e.note}` : ''}
                <Form method="post" className="ww-inline-form">
                  <input type="hidden" name="intent" value="deleteException" />
                  <input type="hidden" name="id" value={e.id} />
                  <button type="submit" className="kern-btn kern-btn--tertiary">
                    <span className="kern-label">
                      {t('team.delete')}
                      <span className="kern-sr-only">: {formatDateTime(e.starts, lng)}</span>
                    </span>
                  </button>
                </Form>
              </li>
            ))}
          </ul>
        )}
        <h3 className="kern-heading-small">{t('team.addException')}</h3>
        <ErrorSummary
          form={exForm}
          fields={[ef.kind, ef.fromDay, ef.fromTime, ef.toDay, ef.toTime, ef.channels, ef.office, ef.note]}
        />
        <Form method="post" {...getFormProps(exForm)} className="kern-stack-sm">
          <input type="hidden" name="intent" value="addException" />
          <RadioGroup
            field={ef.kind}
            legend={t('team.kind')}
            options={[
              { value: 'absence', label: t('team.kinds.absence'), hint: t('team.kindHints.absence') },
              { value: 'extra', label: t('team.kinds.extra'), hint: t('team.kindHints.extra') },
            ]}
          />
          <TextField field={ef.fromDay} label={t('team.fromDay')} type="date" />
          <TextField field={ef.fromTime} label={t('team.from')} type="time" />
          <TextField field={ef.toDay} label={t('team.toDay')} type="date" />
          <TextField field={ef.toTime} label={t('team.to')} type="time" />
          <CheckboxGroup field={ef.channels} legend={t('team.channelsIfExtra')} options={channelOptions} />
          <SelectField
            field={ef.office}
            label={t('team.officeIfInPerson')}
            placeholder={t('team.none')}
            options={officeOptions}
          />
          <TextareaField field={ef.note} label={t('team.note')} rows={2} maxLength={500} />
          <button type="submit" className="kern-btn kern-btn--primary">
            <span className="kern-label">{t('team.addException')}</span>
          </button>
        </Form>
      </section>
    </div>
  );
}
