import { getFormProps, type SubmissionResult } from '@conform-to/react';
import { Form } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { ChoiceOption, ErrorSummary, ErrorText, SelectField, useAppForm } from '~/components/form';
import { LocalizedLink } from '~/components/localized-link';
import { languageName } from '~/utils/format';
import { localText } from '~/utils/localized';
import { AGE_BANDS, DURATION_BANDS, TALLY_CHANNELS, TALLY_OUTCOMES } from '../codes';
import { tallySchema } from '../schemas';

// biome-ignore lint/suspicious/noExplicitAny: a field of the tally form; only its metadata is read.
type Field = { id: string; name: string; errorId: string; errors?: string[]; initialValue?: any };

/** A short radio group with its options side by side, so the whole tally fits one screen. */
function InlineRadios({
  field,
  legend,
  options,
}: {
  field: Field;
  legend: string;
  options: { value: string; label: string }[];
}) {
  const { t } = useTranslation('cases');
  const error = field.errors?.[0];
  return (
    <fieldset className="kern-fieldset" id={field.id} aria-describedby={error ? field.errorId : undefined}>
      <legend className="kern-label">{legend}</legend>
      {error ? <ErrorText id={field.errorId}>{t(error)}</ErrorText> : null}
      <div className="kern-fieldset__body ww-inline-list">
        {options.map((o) => (
          <ChoiceOption
            key={o.value}
            type="radio"
            id={`${field.id}-${o.value}`}
            name={field.name}
            value={o.value}
            label={o.label}
            checked={field.initialValue === o.value}
          />
        ))}
      </div>
    </fieldset>
  );
}

export interface TallyChoices {
  topics: { id: number; name: Record<string, string> }[];
  districts: string[];
  languages: string[];
}

/**
 * Short counselling in one screen: topic, channel, duration, language, outcome; district
 * and age band optional. Nothing here names a person. Posts to /team/kontakt.
 */
export function TallyForm({
  choices,
  defaults,
  appointmentId,
  lastResult,
  headingLevel = 2,
}: {
  choices: TallyChoices;
  defaults: { topic?: number; channel?: string; language?: string };
  appointmentId?: number;
  lastResult?: SubmissionResult<string[]>;
  headingLevel?: 2 | 3;
}) {
  const { t, i18n } = useTranslation('cases');
  const lng = i18n.language;
  const [form, fields] = useAppForm(tallySchema, 'tally', lastResult, {
    topic: defaults.topic ? String(defaults.topic) : undefined,
    channel: defaults.channel,
    language: defaults.language ?? 'de',
  });
  const H = headingLevel === 2 ? 'h2' : 'h3';
  const languages = [
    ...new Set(['de', ...choices.languages, ...(defaults.language ? [defaults.language] : [])]),
  ];
  return (
    <section aria-labelledby="tally-heading" className="kern-stack-sm">
      <H id="tally-heading" className={headingLevel === 2 ? 'kern-heading-medium' : 'kern-heading-small'}>
        {t('tally.heading')}
      </H>
      <p className="kern-body">{t('tally.intro')}</p>
      <ErrorSummary
        form={form}
        fields={[
          fields.topic,
          fields.channel,
          fields.duration,
          fields.language,
          fields.outcome,
          fields.district,
          fields.ageBand,
        ]}
      />
      <Form
        method="post"
        action={appointmentId ? `/team/kontakt?termin=${appointmentId}` : '/team/kontakt'}
        {...getFormProps(form)}
        className="kern-stack-sm"
      >
        {appointmentId ? <input type="hidden" name="appointment" value={appointmentId} /> : null}
        <SelectField
          field={fields.topic}
          label={t('tally.topic')}
          placeholder={t('tally.noTopic')}
          options={choices.topics.map((x) => ({ value: String(x.id), label: localText(x.name, lng) ?? '' }))}
        />
        <InlineRadios
          field={fields.channel}
          legend={t('tally.channel')}
          options={TALLY_CHANNELS.map((c) => ({ value: c, label: t(`channel.${c}`) }))}
        />
        <InlineRadios
          field={fields.duration}
          legend={t('tally.duration')}
          options={DURATION_BANDS.map((d) => ({ value: d, label: t(`duration.${d}`) }))}
        />
        <SelectField
          field={fields.language}
          label={t('tally.language')}
          options={languages.map((l) => ({ value: l, label: languageName(l, lng) }))}
        />
        <InlineRadios
          field={fields.outcome}
          legend={t('tally.outcome')}
          options={TALLY_OUTCOMES.map((o) => ({ value: o, label: t(`outcome.${o}`) }))}
        />
        <SelectField
          field={fields.district}
          label={t('tally.district')}
          placeholder={t('tally.notAsked')}
          options={choices.districts.map((d) => ({ value: d, label: d }))}
        />
        <SelectField
          field={fields.ageBand}
          label={t('tally.ageBand')}
          placeholder={t('tally.notAsked')}
          options={AGE_BANDS.map((a) => ({ value: a, label: t(`ageBand.${a}`) }))}
        />
        <button type="submit" className="kern-btn kern-btn--primary">
          <span className="kern-label">{t('tally.submit')}</span>
        </button>
      </Form>
    </section>
  );
}

/**
 * On a held appointment's page: short counselling (the tally, right here) or open a
 * case — once. Afterwards it says which it was.
 */
export function AppointmentFollowUp({
  followUp,
}: {
  followUp: {
    appointmentId: number;
    followUp: 'short' | 'case' | null;
    topicId: number;
    channel: string;
    language: string;
    districts: string[];
    languages: string[];
    topics?: TallyChoices['topics'];
  } | null;
}) {
  const { t } = useTranslation('cases');
  if (!followUp) return null;
  if (followUp.followUp)
    return (
      <section aria-labelledby="follow-up-heading" className="kern-stack-sm">
        <h2 id="follow-up-heading" className="kern-heading-medium">
          {t('followUp.heading')}
        </h2>
        <p className="kern-body">{t(`followUp.done.${followUp.followUp}`)}</p>
        {followUp.followUp === 'case' ? (
          <p className="kern-body">
            <LocalizedLink className="kern-link" to="/team/faelle">
              {t('followUp.toCases')}
            </LocalizedLink>
          </p>
        ) : null}
      </section>
    );
  return (
    <section aria-labelledby="follow-up-heading" className="kern-stack">
      <h2 id="follow-up-heading" className="kern-heading-medium">
        {t('followUp.heading')}
      </h2>
      <p className="kern-body">{t('followUp.intro')}</p>
      <p className="kern-body">
        <LocalizedLink className="kern-link" to={`/team/faelle/neu?termin=${followUp.appointmentId}`}>
          {t('followUp.openCase')}
        </LocalizedLink>
      </p>
      <TallyForm
        headingLevel={3}
        appointmentId={followUp.appointmentId}
        choices={{
          topics: followUp.topics ?? [],
          districts: followUp.districts,
          languages: followUp.languages,
        }}
        defaults={{
          topic: followUp.topicId,
          channel: followUp.channel === 'video' ? 'video' : followUp.channel,
          language: followUp.language,
        }}
      />
    </section>
  );
}

/** On the agenda: a contact without an appointment (walk-in, call) is recorded from here. */
export function ContactEntry() {
  const { t } = useTranslation('cases');
  return (
    <section aria-labelledby="contact-entry-heading" className="kern-stack-sm">
      <h2 id="contact-entry-heading" className="kern-heading-medium">
        {t('contactEntry.heading')}
      </h2>
      <ul className="kern-list ww-inline-list">
        <li>
          <LocalizedLink className="kern-link" to="/team/kontakt">
            {t('contactEntry.short')}
          </LocalizedLink>
        </li>
        <li>
          <LocalizedLink className="kern-link" to="/team/faelle/neu">
            {t('contactEntry.case')}
          </LocalizedLink>
        </li>
        <li>
          <LocalizedLink className="kern-link" to="/team/faelle">
            {t('contactEntry.cases')}
          </LocalizedLink>
        </li>
      </ul>
    </section>
  );
}
