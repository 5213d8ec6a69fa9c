import { Form } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { periodText } from '../labels';
import type { Period } from '../period';

export interface PeriodChoices {
  months: Period[];
  quarters: Period[];
  years: Period[];
}

/**
 * Period and area as a plain GET form (the state is the URL: shareable, works without
 * JavaScript). A run of months has its own small form, since a choice list can't offer
 * every one.
 */
export function ReportFilters({
  period,
  area,
  choices,
  areas,
  errors,
}: {
  period: Period;
  area: string | null;
  choices: PeriodChoices;
  areas: { code: string; name: string; kind: 'district' | 'municipality' }[];
  errors?: { period?: boolean; area?: boolean };
}) {
  const { t, i18n } = useTranslation('planning');
  const lng = i18n.language;
  const listed = [...choices.months, ...choices.quarters, ...choices.years].some(
    (p) => p.code === period.code,
  );
  const groups: [string, Period[]][] = [
    ['filters.months', choices.months],
    ['filters.quarters', choices.quarters],
    ['filters.years', choices.years],
  ];
  const areaSelect = (id: string) => (
    <div className="kern-form-input">
      <label className="kern-label" htmlFor={id}>
        {t('filters.area')}
      </label>
      <div className="kern-form-input__select-wrapper">
        <select className="kern-form-input__select" id={id} name="gebiet" defaultValue={area ?? ''}>
          <option value="">{t('filters.wholeRegion')}</option>
          {(['district', 'municipality'] as const).map((kind) => (
            <optgroup key={kind} label={t(`filters.kinds.${kind}`)}>
              {areas
                .filter((a) => a.kind === kind)
                .map((a) => (
                  <option key={a.code} value={a.code} lang="de">
                    {a.name}
                  </option>
                ))}
            </optgroup>
          ))}
        </select>
      </div>
    </div>
  );
  return (
    <div className="kern-stack ww-report-filters">
      <Form method="get" className="ww-filter-bar">
        <div className="kern-form-input">
          <label className="kern-label" htmlFor="f-period">
            {t('filters.period')}
          </label>
          <div className="kern-form-input__select-wrapper">
            <select
              className="kern-form-input__select"
              id="f-period"
              name="zeitraum"
              defaultValue={period.code}
            >
              {listed ? null : <option value={period.code}>{periodText(period, t, lng)}</option>}
              {groups.map(([label, list]) => (
                <optgroup key={label} label={t(label)}>
                  {list.map((p) => (
                    <option key={p.code} value={p.code}>
                      {periodText(p, t, lng)}
                    </option>
                  ))}
                </optgroup>
              ))}
            </select>
          </div>
        </div>
        {areaSelect('f-area')}
        <input type="hidden" name="lng" value={lng} />
        <button type="submit" className="kern-btn kern-btn--secondary">
          <span className="kern-label">{t('filters.show')}</span>
        </button>
      </Form>
      <details className="ww-report-custom" open={errors?.period}>
        <summary className="kern-link">{t('filters.custom')}</summary>
        <Form method="get" className="ww-filter-bar">
          <div className="kern-form-input">
            <label className="kern-label" htmlFor="f-from">
              {t('filters.from')}
            </label>
            <div className="kern-hint" id="f-from-hint">
              {t('filters.monthHint')}
            </div>
            <input
              className="kern-form-input__input ww-input-short"
              id="f-from"
              name="von"
              type="month"
              pattern="[0-9]{4}-[0-9]{2}"
              aria-describedby="f-from-hint"
              defaultValue={period.from}
              required
            />
          </div>
          <div className="kern-form-input">
            <label className="kern-label" htmlFor="f-to">
              {t('filters.to')}
            </label>
            <div className="kern-hint" id="f-to-hint">
              {t('filters.monthHint')}
            </div>
            <input
              className="kern-form-input__input ww-input-short"
              id="f-to"
              name="bis"
              type="month"
              pattern="[0-9]{4}-[0-9]{2}"
              aria-describedby="f-to-hint"
              defaultValue={period.to}
              required
            />
          </div>
          {areaSelect('f-area-custom')}
          <input type="hidden" name="lng" value={lng} />
          <button type="submit" className="kern-btn kern-btn--secondary">
            <span className="kern-label">{t('filters.show')}</span>
          </button>
        </Form>
      </details>
    </div>
  );
}
