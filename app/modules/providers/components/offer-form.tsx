import { getFormProps, type SubmissionResult } from '@conform-to/react';
import { Form } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import {
  CheckboxField,
  CheckboxGroup,
  ErrorSummary,
  SelectField,
  TextareaField,
  TextField,
  useAppForm,
} from '~/components/form';
import { languageNames, textDirection } from '~/i18n';
import { CATEGORIES, LEVELS } from '~/modules/catalogue/schemas';
import { languageName } from '~/utils/format';
import {
  ENTRY_REQUIREMENTS,
  INSTRUCTION_LANGUAGES,
  OFFER_FUNDING,
  OFFER_KINDS,
  offerSchema,
  TRANSLATION_LANGUAGES,
} from '../schemas';

/** The offer's own fields (its runs are edited one by one on their own page). */
export function OfferForm({
  lastResult,
  defaultValue,
  submitLabel,
}: {
  lastResult?: SubmissionResult<string[]>;
  defaultValue?: Record<string, unknown>;
  submitLabel: string;
}) {
  const { t, i18n } = useTranslation('provider');
  const tc = useTranslation('catalogue').t;
  const [form, f] = useAppForm(offerSchema, 'offer', lastResult, defaultValue);
  // The language's name in the interface language ("Titel auf Arabisch"), not its own.
  const languageLabel = (l: string) => (l === 'ls' ? t('offer.easyGerman') : languageName(l, i18n.language));
  const fields = [
    f.title,
    f.subtitle,
    f.summary,
    f.description,
    f.category,
    f.kind,
    f.language,
    f.cefrLevel,
    f.certificate,
    f.funding,
    f.accessibility,
    f.targetGroups,
    f.keywords,
    f.website,
    f.courseNumber,
    f.entryRequirements,
    f.entryCefrLevel,
    f.entryNote,
    f.lateEntry,
    f.registrationUrl,
    f.registrationEmail,
    f.registrationPhone,
    f.registrationNote,
    f.azavMeasureNumber,
    ...TRANSLATION_LANGUAGES.flatMap((l) => [
      (f as Record<string, typeof f.title>)[`title_${l}`]!,
      (f as Record<string, typeof f.title>)[`summary_${l}`]!,
    ]),
  ];
  return (
    <>
      <ErrorSummary form={form} fields={fields} />
      <Form method="post" {...getFormProps(form)} className="kern-stack">
        <input type="hidden" name="intent" value="save" />
        <TextField field={f.title} label={t('offer.title')} maxLength={300} />
        <TextField field={f.subtitle} label={t('offer.subtitle')} maxLength={300} />
        <TextareaField
          field={f.summary}
          label={t('offer.summary')}
          hint={t('offer.summaryHint')}
          rows={3}
          maxLength={600}
        />
        <TextareaField field={f.description} label={t('offer.description')} rows={8} maxLength={20000} />
        <SelectField
          field={f.category}
          label={t('offer.category')}
          placeholder={t('choose')}
          options={CATEGORIES.map((c) => ({ value: c, label: tc(`categories.${c}`) }))}
        />
        <SelectField
          field={f.kind}
          label={t('offer.kind')}
          options={OFFER_KINDS.map((k) => ({ value: k, label: t(`kinds.${k}`) }))}
        />
        <SelectField
          field={f.language}
          label={t('offer.language')}
          options={INSTRUCTION_LANGUAGES.map((l) => ({ value: l, label: languageName(l, i18n.language) }))}
        />
        <SelectField
          field={f.cefrLevel}
          label={t('offer.level')}
          placeholder={t('offer.noLevel')}
          options={LEVELS.map((l) => ({ value: l, label: l }))}
        />
        <CheckboxGroup
          field={f.funding}
          legend={t('offer.funding')}
          options={OFFER_FUNDING.map((v) => ({ value: v, label: t(`funding.${v}`) }))}
        />
        <TextField
          field={f.azavMeasureNumber}
          label={t('offer.azavMeasureNumber')}
          hint={t('offer.azavMeasureNumberHint')}
          maxLength={60}
        />
        <TextField field={f.certificate} label={t('offer.certificate')} maxLength={300} />
        <TextareaField
          field={f.accessibility}
          label={t('offer.accessibility')}
          hint={t('offer.accessibilityHint')}
          rows={3}
          maxLength={2000}
        />
        <TextField
          field={f.targetGroups}
          label={t('offer.targetGroups')}
          hint={t('offer.listHint')}
          maxLength={1000}
        />
        <TextField
          field={f.keywords}
          label={t('offer.keywords')}
          hint={t('offer.listHint')}
          maxLength={1000}
        />
        <TextField field={f.website} label={t('offer.website')} maxLength={500} />
        <TextField field={f.courseNumber} label={t('offer.courseNumber')} maxLength={60} />
        <fieldset className="kern-fieldset">
          <legend className="kern-label">{t('offer.entryHeading')}</legend>
          <div className="kern-fieldset__body kern-stack">
            <CheckboxGroup
              field={f.entryRequirements}
              legend={t('offer.entryRequirements')}
              options={[
                { value: 'none', label: t('offer.entryRequirement.none') },
                ...ENTRY_REQUIREMENTS.map((r) => ({ value: r, label: t(`offer.entryRequirement.${r}`) })),
              ]}
            />
            <p className="kern-hint">{t('offer.entryRequirementsHint')}</p>
            <SelectField
              field={f.entryCefrLevel}
              label={t('offer.entryCefrLevel')}
              placeholder={t('offer.noEntryLevel')}
              options={LEVELS.map((l) => ({ value: l, label: l }))}
            />
            <TextareaField field={f.entryNote} label={t('offer.entryNote')} rows={2} maxLength={1000} />
            <CheckboxField field={f.lateEntry} label={t('offer.lateEntry')} />
          </div>
        </fieldset>
        <fieldset className="kern-fieldset">
          <legend className="kern-label">{t('offer.registrationHeading')}</legend>
          <div className="kern-fieldset__body kern-stack">
            <p className="kern-hint">{t('offer.registrationHint')}</p>
            <TextField
              field={f.registrationUrl}
              label={t('offer.registrationUrl')}
              hint={t('offer.registrationUrlHint')}
              maxLength={500}
            />
            <TextField
              field={f.registrationEmail}
              label={t('offer.registrationEmail')}
              type="email"
              maxLength={254}
            />
            <TextField
              field={f.registrationPhone}
              label={t('offer.registrationPhone')}
              type="tel"
              maxLength={40}
            />
            <TextareaField
              field={f.registrationNote}
              label={t('offer.registrationNote')}
              rows={2}
              maxLength={1000}
            />
          </div>
        </fieldset>
        <details className="ww-translations">
          <summary className="kern-label">{t('offer.translations')}</summary>
          <p className="kern-hint">{t('offer.translationsHint')}</p>
          {TRANSLATION_LANGUAGES.map((l) => {
            const title = (f as Record<string, typeof f.title>)[`title_${l}`]!;
            const summary = (f as Record<string, typeof f.title>)[`summary_${l}`]!;
            // Labels, hints and errors are in the interface language; only what is typed into
            // the fields is in the translation's language (and direction).
            const content = { lang: l === 'ls' ? 'de' : l, dir: textDirection(l) };
            return (
              <fieldset className="kern-fieldset" key={l}>
                <legend className="kern-label">
                  <span lang={content.lang} dir={content.dir}>
                    {languageNames[l]}
                  </span>
                </legend>
                <div className="kern-fieldset__body kern-stack">
                  <TextField
                    field={title}
                    label={t('offer.translatedTitle', { language: languageLabel(l) })}
                    maxLength={300}
                    content={content}
                  />
                  <TextareaField
                    field={summary}
                    label={t('offer.translatedSummary', { language: languageLabel(l) })}
                    rows={2}
                    maxLength={600}
                    content={content}
                  />
                </div>
              </fieldset>
            );
          })}
        </details>
        <button type="submit" className="kern-btn kern-btn--primary">
          <span className="kern-label">{submitLabel}</span>
        </button>
      </Form>
    </>
  );
}
