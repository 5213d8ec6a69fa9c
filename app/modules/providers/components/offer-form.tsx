import { getFormProps, type SubmissionResult } from '@conform-to/react';
import { Form } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import {
  CheckboxGroup,
  ErrorSummary,
  SelectField,
  TextareaField,
  TextField,
  useAppForm,
} from '~/components/form';
import { languageNames } from '~/i18n';
import { CATEGORIES, LEVELS } from '~/modules/catalogue/schemas';
import { languageName } from '~/utils/format';
import {
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
        <details className="ww-translations">
          <summary className="kern-label">{t('offer.translations')}</summary>
          <p className="kern-hint">{t('offer.translationsHint')}</p>
          {TRANSLATION_LANGUAGES.map((l) => {
            const title = (f as Record<string, typeof f.title>)[`title_${l}`]!;
            const summary = (f as Record<string, typeof f.title>)[`summary_${l}`]!;
            return (
              <fieldset
                className="kern-fieldset"
                key={l}
                lang={l === 'ls' ? 'de' : l}
                dir={l === 'ar' ? 'rtl' : 'ltr'}
              >
                <legend className="kern-label">{languageNames[l]}</legend>
                <div className="kern-fieldset__body kern-stack">
                  <TextField
                    field={title}
                    label={t('offer.translatedTitle', { language: languageNames[l] })}
                    maxLength={300}
                  />
                  <TextareaField
                    field={summary}
                    label={t('offer.translatedSummary', { language: languageNames[l] })}
                    rows={2}
                    maxLength={600}
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
