import { getFormProps } from '@conform-to/react';
import { parseWithZod } from '@conform-to/zod';
import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node';
import { data } from '@remix-run/node';
import { Form, useActionData, useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import { requirePermission } from '~/auth/guard.server';
import { AdminNav } from '~/components/admin-nav';
import {
  Alert,
  CheckboxField,
  CheckboxGroup,
  ErrorSummary,
  replyOf,
  TextareaField,
  TextField,
  useAppForm,
} from '~/components/form';
import { pageTitle } from '~/i18next.server';
import { newTopicFormSchema, topicFormSchema } from '~/modules/admin/schemas';
import { CoverDecisions } from '~/modules/booking/components/staff';
import { type CoverPageResult, type CoverResult, handleCover } from '~/modules/booking/cover-form.server';
import { GERMAN_STATES } from '~/modules/booking/holidays';
import { closureDaySchema, officeSchema, type topicSettingsSchema } from '~/modules/booking/schemas';
import {
  createTopic,
  removeClosureDay,
  saveOffice,
  saveTopicSettings,
  setHolidayState,
  setupOverview,
} from '~/modules/booking/setup.server';
import { CHANNELS } from '~/modules/booking/slots';
import { coveredChoices, resolutionsOf, saveClosureDay } from '~/modules/booking/staff.server';
import { AppError } from '~/utils/errors';
import { formatDate, formatNumber } from '~/utils/format';
import { formDone, invalidFormOf, type PageFormResult, readForm } from '~/utils/forms.server';
import { baseUrlOf, throwAsResponse } from '~/utils/http.server';
import { localText } from '~/utils/localized';
import { titleMeta } from '~/utils/meta';
import { getSql } from '../../db/client.server';

export const meta = titleMeta;
export const handle = { i18n: ['counselling', 'account'] };

/** The education office's counselling set-up: holidays, closure days, topics, offices, figures. */
export async function loader({ request, context }: LoaderFunctionArgs) {
  await requirePermission(request, context, 'update:counselling-setup:any');
  return { title: await pageTitle(request, 'counselling:setup.title'), ...(await setupOverview()) };
}

const SCHEMAS = {
  topic: topicFormSchema,
  newTopic: newTopicFormSchema,
  office: officeSchema,
};
/** Forms that add something start empty again once saved; the others keep what was saved.
 * (A closure day is saved by closureStep, which empties its form too.) */
const EMPTY_AFTER_SAVE = new Set(['newTopic']);

/**
 * A closure day over booked appointments: listed first, each decided (a new time proposed
 * or cancelled), then saved together (see ClosureDecisions).
 */
function closureStep(form: FormData, meta: { adminId: number; ip: string | null }, baseUrl: string) {
  return handleCover(form, {
    schema: closureDaySchema,
    which: 'closure',
    hiddenOf: (v) => ({ which: 'closure', day: v.day, name: v.name }),
    list: (v) => coveredChoices(getSql(), { day: v.day }),
    save: (v) =>
      saveClosureDay(
        getSql(),
        { day: v.day, name: v.name },
        v.decided ? resolutionsOf(v.resolutions ?? []) : null,
        { baseUrl, actor: { userId: meta.adminId, ip: meta.ip } },
      ),
  });
}

export async function action({ request, context }: ActionFunctionArgs) {
  const admin = await requirePermission(request, context, 'update:counselling-setup:any');
  const meta = { adminId: admin.id, ip: context.clientIp };
  const form = await readForm(request);
  const which = String(form.get('which'));
  try {
    if (which === 'state') {
      await setHolidayState(String(form.get('state')), meta);
    } else if (which === 'removeClosure') {
      await removeClosureDay(String(form.get('day')), meta);
    } else if (which === 'closure') {
      return await closureStep(form, meta, baseUrlOf(request));
    } else if (which in SCHEMAS) {
      const schema = SCHEMAS[which as keyof typeof SCHEMAS];
      const submission = parseWithZod(form, { schema });
      if (submission.status !== 'success') return invalidFormOf(which, submission.reply());
      const value = submission.value as never;
      try {
        if (which === 'topic') await saveTopicSettings(value as z.infer<typeof topicSettingsSchema>, meta);
        else if (which === 'newTopic') await createTopic(value, meta);
        else await saveOffice(value, meta);
      } catch (error) {
        if (error instanceof AppError && error.code === 'conflict')
          return invalidFormOf(
            which,
            submission.reply({ fieldErrors: { slug: ['counselling:team.errors.slugTaken'] } }),
            409,
          );
        throw error;
      }
      // The form's own "saved" answer: conform drops the errors of an earlier attempt,
      // and the page says "saved" next to this form.
      const reply = EMPTY_AFTER_SAVE.has(which)
        ? { ...submission.reply({ resetForm: true }), status: 'success' as const }
        : submission.reply();
      return data<PageFormResult>({ ...reply, which });
    } else throw new AppError('bad_request');
  } catch (error) {
    throwAsResponse(error);
  }
  return formDone(which);
}

/** "Saved" next to the form that was saved (a status message: screen readers announce it). */
function Saved({ reply }: { reply: ReturnType<typeof replyOf> }) {
  const { t } = useTranslation('counselling');
  return reply?.status === 'success' ? <Alert tone="success">{t('team.saved')}</Alert> : null;
}

function TopicForm({
  topic,
  result,
}: {
  topic: ReturnType<typeof useLoaderData<typeof loader>>['topics'][number];
  result?: PageFormResult;
}) {
  const { t, i18n } = useTranslation('counselling');
  const reply = replyOf(result, 'topic', { id: String(topic.id) });
  const [form, f] = useAppForm(topicFormSchema, `topic-${topic.id}`, reply, {
    id: String(topic.id),
    slotMinutes: String(topic.slot_minutes),
    bufferMinutes: String(topic.buffer_minutes),
    minNoticeMinutes: String(topic.min_notice_minutes),
    windowDays: String(topic.window_days),
    channels: topic.channels,
    active: topic.active ? 'on' : undefined,
  });
  const name = localText(topic.name, i18n.language);
  return (
    <section aria-labelledby={`topic-${topic.id}-heading`} className="kern-stack-sm ww-card">
      <h3 className="kern-heading-small" id={`topic-${topic.id}-heading`}>
        {name}
      </h3>
      <Saved reply={reply} />
      <ErrorSummary
        form={form}
        fields={[f.slotMinutes, f.bufferMinutes, f.minNoticeMinutes, f.windowDays, f.channels]}
      />
      <Form method="post" {...getFormProps(form)} className="kern-stack-sm">
        <input type="hidden" name="which" value="topic" />
        <input type="hidden" name="id" value={topic.id} />
        <TextField field={f.slotMinutes} label={t('setup.slotMinutes')} />
        <TextField field={f.bufferMinutes} label={t('setup.bufferMinutes')} />
        <TextField field={f.minNoticeMinutes} label={t('setup.minNoticeMinutes')} />
        <TextField field={f.windowDays} label={t('setup.windowDays')} />
        <CheckboxGroup
          field={f.channels}
          legend={t('booking.channel')}
          options={CHANNELS.map((c) => ({ value: c, label: t(`booking.channels.${c}`) }))}
        />
        <CheckboxField field={f.active} label={t('setup.active')} />
        <button type="submit" className="kern-btn kern-btn--secondary">
          <span className="kern-label">
            {t('setup.save')}
            <span className="kern-sr-only">: {name}</span>
          </span>
        </button>
      </Form>
    </section>
  );
}

function OfficeForm({
  office,
  result,
}: {
  office?: ReturnType<typeof useLoaderData<typeof loader>>['offices'][number];
  result?: PageFormResult;
}) {
  const { t } = useTranslation('counselling');
  const key = office ? String(office.id) : undefined;
  const reply = replyOf(result, 'office', { id: key });
  const hours = (d: number) => office?.opening_hours[String(d)]?.map(([a, b]) => `${a}-${b}`).join(', ');
  const [form, f] = useAppForm(
    officeSchema,
    office ? `office-${office.id}` : 'office-new',
    reply,
    office
      ? {
          id: key,
          slug: office.slug,
          name: office.name,
          street: office.street,
          postcode: office.postcode,
          city: office.city,
          accessible: office.accessible ? 'on' : undefined,
          accessibilityNote: office.accessibility_note ?? '',
          hours1: hours(1),
          hours2: hours(2),
          hours3: hours(3),
          hours4: hours(4),
          hours5: hours(5),
          hours6: hours(6),
          hours7: hours(7),
          phone: office.phone ?? '',
          email: office.email ?? '',
          active: office.active ? 'on' : undefined,
        }
      : { active: 'on' },
  );
  const dayFields = [f.hours1, f.hours2, f.hours3, f.hours4, f.hours5, f.hours6, f.hours7];
  const title = office ? office.name : t('setup.newOffice');
  return (
    <details className="ww-card" open={Boolean(reply)}>
      <summary className="kern-body">{title}</summary>
      <Saved reply={reply} />
      <ErrorSummary
        form={form}
        fields={[f.slug, f.name, f.street, f.postcode, f.city, f.email, ...dayFields]}
      />
      <Form method="post" {...getFormProps(form)} className="kern-stack-sm">
        <input type="hidden" name="which" value="office" />
        {office ? <input type="hidden" name="id" value={office.id} /> : null}
        {office ? (
          <input type="hidden" name="slug" value={office.slug} />
        ) : (
          <TextField field={f.slug} label={t('setup.slug')} hint={t('setup.slugHint')} />
        )}
        <TextField field={f.name} label={t('setup.officeName')} />
        <TextField field={f.street} label={t('setup.street')} />
        <TextField field={f.postcode} label={t('setup.postcode')} />
        <TextField field={f.city} label={t('setup.city')} />
        <CheckboxField field={f.accessible} label={t('setup.accessible')} />
        <TextareaField
          field={f.accessibilityNote}
          label={t('setup.accessibilityNote')}
          rows={2}
          maxLength={500}
        />
        <fieldset className="kern-fieldset">
          <legend className="kern-label">{t('setup.openingHours')}</legend>
          <p className="kern-hint">{t('setup.openingHoursHint')}</p>
          <div className="kern-fieldset__body kern-stack-sm">
            {dayFields.map((field, i) => (
              <TextField key={field.name} field={field} label={t(`setup.weekdays.${i + 1}`)} />
            ))}
          </div>
        </fieldset>
        <TextField field={f.phone} label={t('phone')} type="tel" />
        <TextField field={f.email} label={t('email')} type="email" />
        <CheckboxField field={f.active} label={t('setup.officeActive')} />
        <button type="submit" className="kern-btn kern-btn--secondary">
          <span className="kern-label">
            {t('setup.save')}
            <span className="kern-sr-only">: {title}</span>
          </span>
        </button>
      </Form>
    </details>
  );
}

/** The second step of a closure day: the appointments on it, each to be moved or cancelled. */
function ClosureDecisions({ cover }: { cover: CoverResult }) {
  const { t, i18n } = useTranslation('counselling');
  const [form, fields] = useAppForm(closureDaySchema, 'closure-cover', cover.reply, {
    ...cover.hidden,
    resolutions: cover.covered.map((c) => ({ id: String(c.id) })),
  });
  return (
    <>
      {cover.changed ? <Alert tone="warning">{t('staff.cover.changed')}</Alert> : null}
      <CoverDecisions
        form={form}
        list={fields.resolutions}
        covered={cover.covered}
        hidden={cover.hidden}
        intro={t('staff.cover.closureIntro', {
          day: formatDate(cover.hidden.day ?? null, i18n.language, 'long'),
          count: cover.covered.length,
        })}
        submitLabel={t('staff.cover.saveClosure')}
        cancelHref="/admin/beratung#holidays"
        allowHandover={false}
        showCounsellor
      />
    </>
  );
}

export default function CounsellingSetup() {
  const s = useLoaderData<typeof loader>();
  const answer = useActionData<CoverPageResult>();
  const cover = answer?.which === 'cover' ? (answer as CoverResult) : undefined;
  const result = cover ? undefined : (answer as PageFormResult | undefined);
  const { t, i18n } = useTranslation('counselling');
  const lng = i18n.language;
  const newTopicReply = replyOf(result, 'newTopic');
  const closureReply = replyOf(result, 'closure');
  const [topicForm, tf] = useAppForm(newTopicFormSchema, 'new-topic', newTopicReply, {
    slotMinutes: '45',
    bufferMinutes: '15',
  });
  const [closureForm, cf] = useAppForm(closureDaySchema, 'closure', closureReply);
  return (
    <div className="kern-stack">
      <h1 className="kern-heading-large">{t('setup.title')}</h1>
      <AdminNav />
      {result && 'done' in result ? <Alert tone="success">{t('team.saved')}</Alert> : null}

      <section aria-labelledby="figures" className="kern-stack-sm">
        <h2 id="figures" className="kern-heading-medium">
          {t('setup.figures')}
        </h2>
        <p className="kern-body">{t('setup.figuresHint')}</p>
        {s.counts.length ? (
          <table className="kern-table">
            <caption className="kern-sr-only">{t('setup.figures')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('booking.topic')}</th>
                <th scope="col">{t('booking.channel')}</th>
                <th scope="col">{t('manage.state')}</th>
                <th scope="col">{t('setup.count')}</th>
              </tr>
            </thead>
            <tbody>
              {s.counts.map((c) => (
                <tr key={`${c.topic}-${c.channel}-${c.status}`}>
                  <td>{s.topics.find((x) => x.slug === c.topic)?.name[lng] ?? c.topic}</td>
                  <td>{t(`booking.channels.${c.channel}`)}</td>
                  <td>{t(`team.status.${c.status}`)}</td>
                  <td>{formatNumber(c.n, lng)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : (
          <p className="kern-body">{t('team.noAppointments')}</p>
        )}
      </section>

      <section aria-labelledby="holidays" className="kern-stack-sm">
        <h2 id="holidays" className="kern-heading-medium">
          {t('setup.holidays')}
        </h2>
        <Form method="post" className="kern-stack-sm">
          <input type="hidden" name="which" value="state" />
          <div className="kern-form-input">
            <label className="kern-label" htmlFor="state">
              {t('setup.state')}
            </label>
            <div className="kern-form-input__select-wrapper">
              <select className="kern-form-input__select" id="state" name="state" defaultValue={s.state}>
                {GERMAN_STATES.map((code) => (
                  <option key={code} value={code}>
                    {t(`setup.states.${code}`)}
                  </option>
                ))}
              </select>
            </div>
          </div>
          <button type="submit" className="kern-btn kern-btn--secondary">
            <span className="kern-label">{t('setup.saveState')}</span>
          </button>
        </Form>
        <details>
          <summary className="kern-body">{t('setup.holidayList', { count: s.holidays.length })}</summary>
          <ul className="kern-list">
            {s.holidays.map((h) => (
              <li key={h.date}>
                {formatDate(h.date, lng)}: <span lang="de">{h.name}</span>
              </li>
            ))}
          </ul>
        </details>
        <h3 className="kern-heading-small">{t('setup.closures')}</h3>
        {s.closures.length ? (
          <ul className="kern-list">
            {s.closures.map((c) => (
              <li key={c.day}>
                {formatDate(c.day, lng)}: {c.name}{' '}
                <Form method="post" className="ww-inline-form">
                  <input type="hidden" name="which" value="removeClosure" />
                  <input type="hidden" name="day" value={c.day} />
                  <button type="submit" className="kern-btn kern-btn--tertiary">
                    <span className="kern-label">
                      {t('team.delete')}
                      <span className="kern-sr-only">: {formatDate(c.day, lng)}</span>
                    </span>
                  </button>
                </Form>
              </li>
            ))}
          </ul>
        ) : (
          <p className="kern-body">{t('setup.noClosures')}</p>
        )}
        {cover ? <ClosureDecisions cover={cover} /> : null}
        <Saved reply={closureReply} />
        <ErrorSummary form={closureForm} fields={[cf.day, cf.name]} />
        <Form method="post" {...getFormProps(closureForm)} className="kern-stack-sm">
          <input type="hidden" name="which" value="closure" />
          <TextField field={cf.day} label={t('setup.closureDay')} type="date" />
          <TextField field={cf.name} label={t('setup.closureName')} />
          <button type="submit" className="kern-btn kern-btn--secondary">
            <span className="kern-label">{t('setup.addClosure')}</span>
          </button>
        </Form>
      </section>

      <section aria-labelledby="topics" className="kern-stack-sm">
        <h2 id="topics" className="kern-heading-medium">
          {t('topicsHeading')}
        </h2>
        {s.topics.map((topic) => (
          <TopicForm key={topic.id} topic={topic} result={result} />
        ))}
        <h3 className="kern-heading-small">{t('setup.newTopic')}</h3>
        <Saved reply={newTopicReply} />
        <ErrorSummary
          form={topicForm}
          fields={[tf.slug, tf.name, tf.description, tf.slotMinutes, tf.bufferMinutes]}
        />
        <Form method="post" {...getFormProps(topicForm)} className="kern-stack-sm">
          <input type="hidden" name="which" value="newTopic" />
          <TextField field={tf.slug} label={t('setup.slug')} hint={t('setup.slugHint')} />
          <TextField field={tf.name} label={t('setup.topicName')} />
          <TextareaField
            field={tf.description}
            label={t('setup.topicDescription')}
            rows={2}
            maxLength={500}
          />
          <TextField field={tf.slotMinutes} label={t('setup.slotMinutes')} />
          <TextField field={tf.bufferMinutes} label={t('setup.bufferMinutes')} />
          <button type="submit" className="kern-btn kern-btn--secondary">
            <span className="kern-label">{t('setup.addTopic')}</span>
          </button>
        </Form>
      </section>

      <section aria-labelledby="offices" className="kern-stack-sm">
        <h2 id="offices" className="kern-heading-medium">
          {t('officesHeading')}
        </h2>
        {s.offices.map((office) => (
          <OfficeForm key={office.id} office={office} result={result} />
        ))}
        <OfficeForm result={result} />
      </section>
    </div>
  );
}
