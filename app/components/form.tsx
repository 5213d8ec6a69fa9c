import {
  type FieldMetadata,
  type FormMetadata,
  getInputProps,
  getSelectProps,
  getTextareaProps,
  type SubmissionResult,
  useForm,
} from '@conform-to/react';
import { type ReactNode, useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import type { FormReply, PageFormResult } from '~/utils/forms.server';
import { announce, isHydrated } from './route-focus';

// biome-ignore lint/suspicious/noExplicitAny: a field of any form; the components read only its metadata.
type AnyField = FieldMetadata<any, any, string[]>;
// biome-ignore lint/suspicious/noExplicitAny: the same for the form.
type AnyForm = FormMetadata<any, string[]>;

/**
 * A message is a translation key (of `account`, or "ns:key" for another namespace),
 * optionally with one value after "|" ("provider:errors.sessionLines|3, 5"), so modules
 * can name what was wrong without building text.
 */
function translateMessage(
  t: (key: string, options?: Record<string, unknown>) => string,
  message: string,
): string {
  const [key, value] = message.split('|');
  return value === undefined ? t(key!) : t(key!, { value });
}

/**
 * A conform form typed by its zod schema. Validation runs on the server only, so the
 * page behaves the same with and without JavaScript; the answer comes back as lastResult.
 */
export function useAppForm<S extends z.ZodTypeAny>(
  _schema: S,
  id: string,
  lastResult?: SubmissionResult<string[]>,
  defaultValue?: Record<string, unknown>,
) {
  return useForm<z.input<S>>({
    id,
    lastResult,
    shouldValidate: 'onSubmit',
    // conform types defaults by the schema's input; ours come from the database as plain values.
    defaultValue: defaultValue as never,
  });
}

/**
 * On a page with several forms: the last answer, if it was for this form (and, where one
 * kind of form is repeated per record, for this record's `id`).
 */
export function replyOf(
  result: PageFormResult | undefined,
  which: string,
  record?: { id: string | undefined },
): FormReply | undefined {
  if (!result || !('status' in result) || result.which !== which) return undefined;
  return !record || result.initialValue?.id === record.id ? result : undefined;
}

/**
 * Form pieces for conform-driven forms, GOV.UK-style: an error summary at the top that
 * links to each field and takes focus, labels, hints and errors wired up with
 * aria-describedby. Error messages are translation keys of the `account` namespace.
 */
export function ErrorSummary({
  form,
  fields,
  extra,
}: {
  form: AnyForm;
  fields: AnyField[];
  /** Messages already translated (e.g. with a number in them). */
  extra?: string[];
}) {
  const { t } = useTranslation('account');
  const items = [
    ...(form.errors ?? []).map((message) => ({ message: translateMessage(t, message) })),
    ...(extra ?? []).map((message) => ({ message })),
    ...fields
      .filter((f) => f.errors?.length)
      .map((f) => ({ message: translateMessage(t, f.errors![0]!), href: `#${f.id}` })),
  ];
  return <ErrorSummaryBox id={`${form.id}-error-summary`} title={t('errors.summaryTitle')} items={items} />;
}

/**
 * The error summary itself, for any form: takes focus when it appears, and each message
 * with a field links to it. Messages come translated.
 */
export function ErrorSummaryBox({
  id,
  title,
  items,
}: {
  id: string;
  title: string;
  items: { message: string; href?: string }[];
}) {
  const ref = useRef<HTMLDivElement>(null);
  const count = items.length;
  useEffect(() => {
    if (count > 0) ref.current?.focus();
  }, [count]);
  if (count === 0) return null;
  return (
    <div className="kern-alert kern-alert--danger" role="alert" aria-labelledby={id} tabIndex={-1} ref={ref}>
      <div className="kern-alert__header">
        <span className="kern-icon kern-icon--danger" aria-hidden="true" />
        <h2 className="kern-title" id={id}>
          {title}
        </h2>
      </div>
      <div className="kern-alert__body">
        <ul className="kern-list">
          {items.map((item) => (
            <li key={`${item.href ?? ''}${item.message}`}>
              {item.href ? (
                <a className="kern-link" href={item.href}>
                  {item.message}
                </a>
              ) : (
                item.message
              )}
            </li>
          ))}
        </ul>
      </div>
    </div>
  );
}

/** One error message next to its field (translated already). */
export function ErrorText({ id, children }: { id?: string; children: ReactNode }) {
  return (
    <p className="kern-error" id={id}>
      <span className="kern-icon kern-icon--danger" aria-hidden="true" />
      <span>{children}</span>
    </p>
  );
}

function FieldError({ field }: { field: AnyField }) {
  const { t } = useTranslation('account');
  if (!field.errors?.length) return null;
  return <ErrorText id={field.errorId}>{translateMessage(t, field.errors[0]!)}</ErrorText>;
}

/** Label, optional hint and the error around one input: the frame every field shares. */
function FieldShell({
  field,
  label,
  hint,
  children,
}: {
  field: AnyField;
  label: ReactNode;
  hint?: ReactNode;
  children: ReactNode;
}) {
  return (
    <div className={`kern-form-input${field.errors?.length ? ' kern-form-input--error' : ''}`}>
      <label className="kern-label" htmlFor={field.id}>
        {label}
      </label>
      {hint ? (
        <div className="kern-hint" id={field.descriptionId}>
          {hint}
        </div>
      ) : null}
      <FieldError field={field} />
      {children}
    </div>
  );
}

/**
 * The language of what is typed into a field, when it is not the page's (a translation):
 * set on the input only, since label, hint and error stay in the interface language.
 */
export type ContentLanguage = { lang: string; dir: 'ltr' | 'rtl' };

export function TextField({
  field,
  label,
  hint,
  type = 'text',
  autoComplete,
  maxLength,
  content,
}: {
  field: AnyField;
  label: ReactNode;
  hint?: ReactNode;
  type?: 'text' | 'email' | 'password' | 'search' | 'date' | 'time' | 'tel';
  autoComplete?: string;
  maxLength?: number;
  content?: ContentLanguage;
}) {
  const props = getInputProps(field, { type, ariaDescribedBy: hint ? field.descriptionId : undefined });
  return (
    <FieldShell field={field} label={label} hint={hint}>
      <input
        className="kern-form-input__input"
        {...props}
        // Passwords are never sent back to the page; the browser keeps nothing typed in them.
        defaultValue={type === 'password' ? undefined : props.defaultValue}
        key={props.key}
        autoComplete={autoComplete}
        maxLength={maxLength}
        spellCheck={type === 'email' || type === 'password' ? false : undefined}
        autoCapitalize={type === 'email' || type === 'password' ? 'none' : undefined}
        lang={content?.lang}
        dir={content?.dir}
      />
    </FieldShell>
  );
}

export function CodeField({ field, label, hint }: { field: AnyField; label: ReactNode; hint?: ReactNode }) {
  const props = getInputProps(field, {
    type: 'text',
    ariaDescribedBy: hint ? field.descriptionId : undefined,
  });
  return (
    <FieldShell field={field} label={label} hint={hint}>
      <input
        className="kern-form-input__input ww-code-input"
        {...props}
        key={props.key}
        defaultValue={undefined}
        autoComplete="one-time-code"
        inputMode="text"
        spellCheck={false}
        autoCapitalize="none"
        maxLength={20}
      />
    </FieldShell>
  );
}

export function CheckboxField({ field, label }: { field: AnyField; label: ReactNode }) {
  const props = getInputProps(field, { type: 'checkbox', value: 'on' });
  return (
    <div className={`kern-form-check${field.errors?.length ? ' kern-form-check--error' : ''}`}>
      <FieldError field={field} />
      <input className="kern-form-check__input" {...props} key={props.key} />
      <label className="kern-label" htmlFor={field.id}>
        {label}
      </label>
    </div>
  );
}

export function SelectField({
  field,
  label,
  options,
  placeholder,
}: {
  field: AnyField;
  label: ReactNode;
  options: { value: string; label: string }[];
  placeholder?: string;
}) {
  const props = getSelectProps(field);
  return (
    <FieldShell field={field} label={label}>
      <div className="kern-form-input__select-wrapper">
        <select className="kern-form-input__select" {...props} key={props.key}>
          {placeholder !== undefined ? <option value="">{placeholder}</option> : null}
          {options.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
      </div>
    </FieldShell>
  );
}

/**
 * One radio button or checkbox with its label and optional hint: the piece every choice
 * list is made of (also the GET forms outside conform).
 */
export function ChoiceOption({
  type,
  id,
  name,
  value,
  label,
  hint,
  checked,
  required,
}: {
  type: 'radio' | 'checkbox';
  id: string;
  name: string;
  value: string;
  label: ReactNode;
  hint?: ReactNode;
  checked?: boolean;
  required?: boolean;
}) {
  return (
    <div className="kern-form-check">
      <input
        className="kern-form-check__input"
        type={type}
        id={id}
        name={name}
        value={value}
        defaultChecked={checked}
        required={required}
        aria-describedby={hint ? `${id}-hint` : undefined}
      />
      <label className="kern-label" htmlFor={id}>
        {label}
      </label>
      {hint ? (
        <div className="kern-hint" id={`${id}-hint`}>
          {hint}
        </div>
      ) : null}
    </div>
  );
}

/** A conform field's options as a fieldset of radio buttons or checkboxes. */
function ChoiceGroup({
  type,
  field,
  legend,
  options,
}: {
  type: 'radio' | 'checkbox';
  field: AnyField;
  legend: ReactNode;
  options: { value: string; label: string; hint?: string }[];
}) {
  const initial = field.initialValue;
  const checked = new Set(Array.isArray(initial) ? initial : initial ? [initial] : []);
  return (
    <fieldset
      className="kern-fieldset"
      id={field.id}
      aria-describedby={field.errors?.length ? field.errorId : undefined}
    >
      <legend className="kern-label">{legend}</legend>
      <FieldError field={field} />
      <div className="kern-fieldset__body">
        {options.map((o) => (
          <ChoiceOption
            key={o.value}
            type={type}
            id={`${field.id}-${o.value}`}
            name={field.name}
            value={o.value}
            label={o.label}
            hint={o.hint}
            checked={checked.has(o.value)}
          />
        ))}
      </div>
    </fieldset>
  );
}

export function RadioGroup(props: {
  field: AnyField;
  legend: ReactNode;
  options: { value: string; label: string; hint?: string }[];
}) {
  return <ChoiceGroup type="radio" {...props} />;
}

/** Several checkboxes of one name (a list value), as a fieldset with a legend. */
export function CheckboxGroup(props: {
  field: AnyField;
  legend: ReactNode;
  options: { value: string; label: string }[];
}) {
  return <ChoiceGroup type="checkbox" {...props} />;
}

/**
 * A status message that appears after an action or a page change ("Gespeichert", "Ihr
 * Termin ist gebucht") is said by screen readers: `role="status"` for the page as
 * loaded, and, because a live region that arrives together with its text is often not
 * read, once more through the root's announcer when it appears without a page load. The
 * root adds it to the new page's announcement too (see route-focus.tsx).
 */
function useStatusAnnouncement<T extends HTMLElement>() {
  const ref = useRef<T>(null);
  useEffect(() => {
    const text = ref.current?.textContent?.trim();
    if (isHydrated() && text) announce(text);
  }, []);
  return ref;
}

/** A one-sentence message in an alert box (saved, an error, nothing found). */
export function Alert({
  tone,
  children,
}: {
  tone: 'success' | 'info' | 'warning' | 'danger';
  children: ReactNode;
}) {
  const urgent = tone === 'danger' || tone === 'warning';
  const ref = useStatusAnnouncement<HTMLDivElement>();
  // An alert (role="alert") is said on arrival by itself; only status messages need help.
  if (urgent) {
    return (
      <div className={`kern-alert kern-alert--${tone}`} role="alert">
        <div className="kern-alert__body">
          <p className="kern-body">{children}</p>
        </div>
      </div>
    );
  }
  return (
    <div className={`kern-alert kern-alert--${tone}`} role="status" ref={ref} data-status-message="">
      <div className="kern-alert__body">
        <p className="kern-body">{children}</p>
      </div>
    </div>
  );
}

/** A notice after a successful step ("We have sent you a link …"). */
export function Notice({
  title,
  children,
  tone = 'success',
}: {
  title: string;
  children?: ReactNode;
  tone?: 'success' | 'info' | 'warning';
}) {
  const ref = useStatusAnnouncement<HTMLDivElement>();
  return (
    <div className={`kern-alert kern-alert--${tone}`} role="status" ref={ref} data-status-message="">
      <div className="kern-alert__header">
        <span className={`kern-icon kern-icon--${tone}`} aria-hidden="true" />
        <h2 className="kern-title">{title}</h2>
      </div>
      {children ? <div className="kern-alert__body">{children}</div> : null}
    </div>
  );
}

export function TextareaField({
  field,
  label,
  hint,
  rows = 5,
  maxLength,
  content,
}: {
  field: AnyField;
  label: ReactNode;
  hint?: ReactNode;
  rows?: number;
  maxLength?: number;
  content?: ContentLanguage;
}) {
  const props = getTextareaProps(field, { ariaDescribedBy: hint ? field.descriptionId : undefined });
  return (
    <FieldShell field={field} label={label} hint={hint}>
      <textarea
        className="kern-form-input__input"
        {...props}
        key={props.key}
        rows={rows}
        maxLength={maxLength}
        lang={content?.lang}
        dir={content?.dir}
      />
    </FieldShell>
  );
}
