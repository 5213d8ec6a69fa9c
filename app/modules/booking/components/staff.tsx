import { type FieldMetadata, type FormMetadata, getFormProps } from '@conform-to/react';
import { Form } from '@remix-run/react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import {
  Alert,
  ErrorSummary,
  RadioGroup,
  replyOf,
  SelectField,
  TextareaField,
  TextField,
  useAppForm,
} from '~/components/form';
import { errorKeys } from '~/utils/error-message';
import { formatAppointment, formatClock, formatDateTime } from '~/utils/format';
import type { PageFormResult } from '~/utils/forms.server';
import { localText } from '~/utils/localized';
import { handOverSchema } from '../schemas';

/**
 * Pieces of the counsellors' and the office's pages: the markers an appointment carries on
 * the agenda, an action's failure as a translated message, the form that hands an
 * appointment to a colleague, and the form that decides, for every appointment an absence
 * or closure day covers, what happens to it.
 */

/**
 * Hands an appointment to a free colleague (the counsellor's own page and the office's):
 * the colleague and a reason for the record. `which` names the form in the action (a
 * hidden field, so the page's other forms keep their own answers).
 */
export function HandOverForm({
  which,
  result,
  colleagues,
  label,
  submit,
  primary = false,
}: {
  which: { name: 'which' | 'intent'; value: string };
  result: PageFormResult | undefined;
  colleagues: { id: number; name: string }[];
  label: string;
  submit: string;
  primary?: boolean;
}) {
  const { t } = useTranslation('counselling');
  const [form, fields] = useAppForm(handOverSchema, which.value, replyOf(result, which.value));
  if (colleagues.length === 0) return <p className="kern-body">{t('staff.cover.noColleague')}</p>;
  return (
    <>
      <ErrorSummary form={form} fields={[fields.colleague, fields.reason]} />
      <Form method="post" {...getFormProps(form)} className="kern-stack-sm">
        <input type="hidden" name={which.name} value={which.value} />
        <SelectField
          field={fields.colleague}
          label={label}
          placeholder={t('team.choose')}
          options={colleagues.map((c) => ({ value: String(c.id), label: c.name }))}
        />
        <TextField
          field={fields.reason}
          label={t('staff.handover.reason')}
          hint={t('staff.handover.reasonHint')}
          maxLength={200}
        />
        <button type="submit" className={`kern-btn kern-btn--${primary ? 'primary' : 'secondary'}`}>
          <span className="kern-label">{submit}</span>
        </button>
      </Form>
    </>
  );
}

export interface BadgeFacts {
  notice?: string | null;
  conflict?: 'absence' | 'closure' | null;
  shared?: boolean;
  proposal?: { start: string; end: string } | null;
}

function Badge({ tone, children }: { tone: 'info' | 'warning' | 'success'; children: ReactNode }) {
  return (
    <span className={`kern-badge kern-badge--${tone}`}>
      <span className="kern-label">{children}</span>
    </span>
  );
}

/** What to notice about an appointment: new or changed, in a conflict, a proposal open, shared. */
export function AppointmentBadges({ facts }: { facts: BadgeFacts }) {
  const { t, i18n } = useTranslation('counselling');
  const items: ReactNode[] = [];
  if (facts.notice)
    items.push(
      <Badge key="notice" tone="info">
        {t(`staff.notice.${facts.notice}`)}
      </Badge>,
    );
  if (facts.conflict)
    items.push(
      <Badge key="conflict" tone="warning">
        {t(`staff.conflict.${facts.conflict}`)}
      </Badge>,
    );
  if (facts.proposal)
    items.push(
      <Badge key="proposal" tone="info">
        {t('staff.proposalOpen', { when: formatDateTime(facts.proposal.start, i18n.language) })}
      </Badge>,
    );
  if (facts.shared)
    items.push(
      <Badge key="shared" tone="success">
        {t('staff.shared')}
      </Badge>,
    );
  if (items.length === 0) return null;
  return <span className="ww-inline-list">{items}</span>;
}

/** An action's failure code as a translated message; any other shape as the generic one. */
export function FailureAlert({ failure }: { failure: unknown }) {
  const { t } = useTranslation('counselling');
  if (failure === undefined || failure === null) return null;
  return <Alert tone="danger">{t(errorKeys(failure, 'booking.errors', 'booking.errors.unexpected'))}</Alert>;
}

/** One appointment as a line: time, topic, channel (office). */
export function AppointmentLine({
  start,
  end,
  topic,
  channel,
  office,
}: {
  start: string;
  end: string;
  topic: Record<string, string>;
  channel: string;
  office: string | null;
}) {
  const { t, i18n } = useTranslation('counselling');
  const lng = i18n.language;
  return (
    <>
      {formatAppointment(start, end, lng)}: {localText(topic, lng)}, {t(`booking.channels.${channel}`)}
      {office ? (
        <>
          {' '}
          (<bdi lang="de">{office}</bdi>)
        </>
      ) : null}
    </>
  );
}

export interface Covered {
  id: number;
  start: string;
  end: string;
  topic: Record<string, string>;
  channel: string;
  office: string | null;
  status: string;
  counsellor: string | null;
  colleagues: { id: number; name: string }[];
  proposals: { start: string; end: string }[];
}

// biome-ignore lint/suspicious/noExplicitAny: any form with a `resolutions` list; the component reads metadata only.
type AnyForm = FormMetadata<any, string[]>;
interface ResolutionValue {
  id: number;
  action: 'handover' | 'propose' | 'cancel';
  colleague?: number;
  slot?: string;
  reason?: string;
}
// biome-ignore lint/suspicious/noExplicitAny: the list field of any form with decisions.
type ListField = FieldMetadata<ResolutionValue[] | undefined, any, string[]>;

/**
 * The second step of entering an absence or a closure day that covers booked
 * appointments: each is listed with its choices — hand it to a colleague who is free then
 * (absences only: on a closure day nobody works), propose one of the next free times, or
 * cancel with a reason for the person. Nothing is saved until every one is decided; the
 * cover's own values travel in `hidden`. A plain POST form: works without JavaScript.
 */
export function CoverDecisions({
  form,
  list,
  covered,
  hidden,
  intro,
  submitLabel,
  cancelHref,
  allowHandover,
  showCounsellor,
  headingLevel = 3,
}: {
  form: AnyForm;
  list: ListField;
  covered: Covered[];
  hidden: Record<string, string | undefined>;
  intro: string;
  submitLabel: string;
  cancelHref: string;
  allowHandover: boolean;
  showCounsellor?: boolean;
  headingLevel?: 2 | 3;
}) {
  const { t, i18n } = useTranslation('counselling');
  const lng = i18n.language;
  const Heading = headingLevel === 2 ? 'h2' : 'h3';
  const items = list.getFieldList();
  const fieldsets = covered.map((c, i) => ({ c, f: items[i]?.getFieldset() }));
  const errorFields = fieldsets.flatMap(({ f }) => (f ? [f.action, f.colleague, f.slot, f.reason] : []));
  return (
    <section aria-labelledby={`${form.id}-heading`} className="kern-stack-sm">
      <Heading
        className={headingLevel === 2 ? 'kern-heading-medium' : 'kern-heading-small'}
        id={`${form.id}-heading`}
      >
        {t('staff.cover.heading', { count: covered.length })}
      </Heading>
      <Alert tone="warning">{intro}</Alert>
      <ErrorSummary form={form} fields={errorFields} />
      <Form method="post" {...getFormProps(form)} className="kern-stack">
        {Object.entries(hidden).map(([name, value]) =>
          value === undefined ? null : <input key={name} type="hidden" name={name} value={value} />,
        )}
        <input type="hidden" name="decided" value="1" />
        {fieldsets.map(({ c, f }, i) => {
          if (!f) return null;
          const options = [
            ...(allowHandover && c.colleagues.length
              ? [{ value: 'handover', label: t('staff.cover.handover'), hint: t('staff.cover.handoverHint') }]
              : []),
            ...(c.proposals.length
              ? [{ value: 'propose', label: t('staff.cover.propose'), hint: t('staff.cover.proposeHint') }]
              : []),
            { value: 'cancel', label: t('staff.cover.cancel'), hint: t('staff.cover.cancelHint') },
          ];
          return (
            <fieldset key={c.id} className="kern-fieldset ww-card">
              <legend className="kern-label">
                {t('staff.cover.item', { n: i + 1 })} <AppointmentLine {...c} />
                {showCounsellor && c.counsellor ? ` – ${c.counsellor}` : ''}
                {c.status === 'pending' ? ` – ${t('team.status.pending')}` : ''}
              </legend>
              <div className="kern-fieldset__body kern-stack-sm">
                <input type="hidden" name={f.id.name} value={c.id} />
                <RadioGroup field={f.action} legend={t('staff.cover.what')} options={options} />
                {allowHandover ? (
                  c.colleagues.length ? (
                    <SelectField
                      field={f.colleague}
                      label={t('staff.cover.colleague')}
                      placeholder={t('team.choose')}
                      options={c.colleagues.map((x) => ({ value: String(x.id), label: x.name }))}
                    />
                  ) : (
                    <p className="kern-body">{t('staff.cover.noColleague')}</p>
                  )
                ) : null}
                {c.proposals.length ? (
                  <RadioGroup
                    field={f.slot}
                    legend={t('staff.cover.slot')}
                    options={c.proposals.map((p) => ({
                      value: p.start,
                      label: formatAppointment(p.start, p.end, lng),
                    }))}
                  />
                ) : (
                  <p className="kern-body">{t('staff.cover.noSlot')}</p>
                )}
                <TextareaField
                  field={f.reason}
                  label={t('staff.cover.reason')}
                  hint={t('team.cancelHint')}
                  rows={2}
                  maxLength={1000}
                />
              </div>
            </fieldset>
          );
        })}
        <div className="ww-actions">
          <button type="submit" className="kern-btn kern-btn--primary">
            <span className="kern-label">{submitLabel}</span>
          </button>
          <a className="kern-link" href={cancelHref}>
            {t('staff.cover.back')}
          </a>
        </div>
      </Form>
    </section>
  );
}

/** "09:00–10:00" of an absence on one day. */
export function spanText(start: string, end: string, lng: string): string {
  return `${formatDateTime(start, lng)} – ${start.slice(0, 10) === end.slice(0, 10) ? formatClock(end, lng) : formatDateTime(end, lng)}`;
}
