import { useTranslation } from 'react-i18next';
import { ChoiceOption, ErrorText } from '~/components/form';
import { languageName } from '~/utils/format';
import { type Answers, optionKey, type Question } from '../definition';

export type FieldError = 'required' | 'invalid' | 'consent' | undefined;

export function errorKey(question: Question | undefined, error: FieldError): string {
  if (error === 'invalid' && question?.type === 'postcode') return 'errors.invalidPostcode';
  return `errors.${error}`;
}

/**
 * One question of the questionnaire as plain form controls: radio buttons, checkboxes,
 * a select or a text field, all named by the question's id so the page works without
 * JavaScript. Texts come from `assessment:q.<id>.*`.
 */
export function QuestionField({
  question: q,
  answers,
  error,
}: {
  question: Question;
  answers: Answers;
  error: FieldError;
}) {
  const { t, i18n } = useTranslation('assessment');
  const id = `q-${q.id}`;
  const value = answers[q.id];
  const chosen = new Set(value === undefined ? [] : Array.isArray(value) ? value : [value]);
  const message = error ? t(errorKey(q, error)) : undefined;
  const hintKey = `q.${q.id}.hint`;
  const hint = i18n.exists(`assessment:${hintKey}`) ? t(hintKey) : undefined;
  const describedBy = [hint ? `${id}-hint` : null, message ? `${id}-error` : null].filter(Boolean).join(' ');
  // The hint and the error below the label or legend, referenced by aria-describedby.
  const notes = (
    <>
      {hint ? (
        <div className="kern-hint" id={`${id}-hint`}>
          {hint}
        </div>
      ) : null}
      {message ? <ErrorText id={`${id}-error`}>{message}</ErrorText> : null}
    </>
  );

  if (q.type === 'postcode' || q.type === 'language') {
    return (
      <div className={`kern-form-input${message ? ' kern-form-input--error' : ''}`}>
        <label className="kern-label" htmlFor={id}>
          {t(`q.${q.id}.label`)}
        </label>
        {notes}
        {q.type === 'postcode' ? (
          <input
            className="kern-form-input__input ww-input-short"
            id={id}
            name={q.id}
            type="text"
            inputMode="numeric"
            autoComplete="postal-code"
            maxLength={5}
            defaultValue={typeof value === 'string' ? value : ''}
            aria-describedby={describedBy || undefined}
            aria-invalid={message ? true : undefined}
          />
        ) : (
          <select
            className="kern-form-input__select"
            id={id}
            name={q.id}
            defaultValue={typeof value === 'string' ? value : ''}
            aria-describedby={describedBy || undefined}
          >
            <option value="">{t(`q.${q.id}.none`)}</option>
            {q.options
              .map((o) => ({ value: o.value, label: languageName(o.value, i18n.language) }))
              .sort((a, b) => a.label.localeCompare(b.label, i18n.language))
              .map((o) => (
                <option key={o.value} value={o.value}>
                  {o.label}
                </option>
              ))}
          </select>
        )}
      </div>
    );
  }

  const choices =
    q.type === 'cando'
      ? q.levels.flatMap((l) => l.statements.map((s) => ({ value: s, label: t(`cando.${s}`) })))
      : q.options.map((o) => ({
          value: o.value,
          label: t(optionKey(q.id, o.value, q.type === 'single' ? q.scale : undefined)),
        }));
  return (
    <fieldset className="kern-fieldset" id={id} aria-describedby={describedBy || undefined}>
      <legend className="kern-label kern-heading-small">{t(`q.${q.id}.label`)}</legend>
      {notes}
      <div className="kern-fieldset__body">
        {choices.map((c) => (
          <ChoiceOption
            key={c.value}
            type={q.type === 'single' ? 'radio' : 'checkbox'}
            id={`${id}-${c.value}`}
            name={q.id}
            value={c.value}
            label={c.label}
            checked={chosen.has(c.value)}
          />
        ))}
      </div>
    </fieldset>
  );
}
