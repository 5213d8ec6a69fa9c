import { Form } from '@remix-run/react';
import type { ReactNode } from 'react';

/**
 * The GET filter forms of the admin lists: a row of labelled fields and a submit
 * button. The state lives in the URL, so filters work without JavaScript and can be shared.
 */
export function FilterBar({ submitLabel, children }: { submitLabel: string; children: ReactNode }) {
  return (
    <Form method="get" className="ww-filter-bar">
      {children}
      <button type="submit" className="kern-btn kern-btn--secondary">
        <span className="kern-label">{submitLabel}</span>
      </button>
    </Form>
  );
}

export function FilterText({
  id,
  name,
  label,
  value,
  type = 'search',
  maxLength = 100,
}: {
  id: string;
  name: string;
  label: string;
  value: string | number | undefined;
  type?: 'search' | 'text' | 'date';
  maxLength?: number;
}) {
  return (
    <div className="kern-form-input">
      <label className="kern-label" htmlFor={id}>
        {label}
      </label>
      <input
        className="kern-form-input__input"
        id={id}
        name={name}
        type={type}
        defaultValue={value === undefined ? '' : String(value)}
        maxLength={maxLength}
      />
    </div>
  );
}

export function FilterSelect({
  id,
  name,
  label,
  value,
  allLabel,
  options,
}: {
  id: string;
  name: string;
  label: string;
  value: string | undefined;
  /** The first option, with an empty value: no filter. */
  allLabel: string;
  options: { value: string; label: string }[];
}) {
  return (
    <div className="kern-form-input">
      <label className="kern-label" htmlFor={id}>
        {label}
      </label>
      <div className="kern-form-input__select-wrapper">
        <select className="kern-form-input__select" id={id} name={name} defaultValue={value ?? ''}>
          <option value="">{allLabel}</option>
          {options.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
      </div>
    </div>
  );
}
