import type { LinksFunction, LoaderFunctionArgs } from '@remix-run/node';
import { data } from '@remix-run/node';
import { Form, useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { requireProviderStaff } from '~/auth/guard.server';
import { LocalizedLink } from '~/components/localized-link';
import { i18nServer, pageTitle } from '~/i18next.server';
import { ReportSection } from '~/modules/planning/components/report-section';
import { periodText } from '~/modules/planning/labels';
import { periodChoices } from '~/modules/planning/period';
import { providerStatistics, ReportInputError } from '~/modules/planning/provider-statistics.server';
import planningStyles from '~/styles/planning.css?url';
import { todayInBerlin } from '~/utils/clock.server';
import { formatDate } from '~/utils/format';
import { throwAsResponse } from '~/utils/http.server';
import { titleMeta } from '~/utils/meta';

export const meta = titleMeta;
export const links: LinksFunction = () => [{ rel: 'stylesheet', href: planningStyles }];
export const handle = { i18n: ['planning', 'catalogue', 'provider'] };

/** A provider's own figures (issue 20): its offers only, and the unmet demand around them. */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requireProviderStaff(request, context, 'read:provider:own');
  const t = await i18nServer.getFixedT(request, 'planning');
  const title = await pageTitle(request, { text: t('reports.providerStatistics.title') });
  const choices = periodChoices(todayInBerlin());
  const code = new URL(request.url).searchParams.get('zeitraum');
  try {
    const view = await providerStatistics(user.membership.providerId, code);
    const query = `zeitraum=${encodeURIComponent(view.period.code)}`;
    return {
      title,
      choices,
      view,
      invalid: false,
      exports: {
        csvDe: `/anbieterbereich/statistik/export/statistik.csv?${query}&sprache=de`,
        csvEn: `/anbieterbereich/statistik/export/statistik.csv?${query}&sprache=en`,
        json: `/anbieterbereich/statistik/export/statistik.json?${query}&sprache=de`,
      },
    };
  } catch (error) {
    if (!(error instanceof ReportInputError)) return throwAsResponse(error);
    const view = await providerStatistics(user.membership.providerId, null);
    return data({ title, choices, view, invalid: true, exports: null }, { status: 400 });
  }
}

export default function ProviderStatistics() {
  const { view, choices, invalid, exports } = useLoaderData<typeof loader>();
  const { t, i18n } = useTranslation('planning');
  const lng = i18n.language;
  const groups = [
    ['filters.months', choices.months],
    ['filters.quarters', choices.quarters],
    ['filters.years', choices.years],
  ] as const;
  return (
    <div className="kern-stack">
      <p>
        <LocalizedLink className="kern-link" to="/anbieterbereich">
          {t('provider.back')}
        </LocalizedLink>
      </p>
      <h1 className="kern-heading-large">{t('reports.providerStatistics.title')}</h1>
      <p className="kern-body ww-prose">{t('reports.providerStatistics.intro')}</p>
      <Form method="get" className="ww-filter-bar">
        <div className={`kern-form-input${invalid ? ' kern-form-input--error' : ''}`}>
          <label className="kern-label" htmlFor="f-period">
            {t('filters.period')}
          </label>
          {invalid ? (
            <p className="kern-error" id="f-period-error" role="alert">
              {t('errors.period')}
            </p>
          ) : null}
          <div className="kern-form-input__select-wrapper">
            <select
              className="kern-form-input__select"
              id="f-period"
              name="zeitraum"
              defaultValue={view.period.code}
              aria-describedby={invalid ? 'f-period-error' : undefined}
            >
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
        <button type="submit" className="kern-btn kern-btn--secondary">
          <span className="kern-label">{t('filters.show')}</span>
        </button>
      </Form>
      <div className="kern-alert kern-alert--info ww-report-status">
        <div className="kern-alert__body kern-stack">
          <p className="kern-body">
            <strong>{periodText(view.period, t, lng)}</strong>
          </p>
          <p className="kern-body">{t('provider.asOf', { date: formatDate(view.asOf.date, lng, 'long') })}</p>
          <p className="kern-body">{t('marks.legend')}</p>
        </div>
      </div>
      {exports ? (
        <section aria-labelledby="exports-heading" className="kern-stack ww-exports-section">
          <h2 className="kern-heading-small" id="exports-heading">
            {t('exports.heading')}
          </h2>
          <ul className="ww-exports">
            <li>
              <a className="kern-link" href={exports.csvDe} download>
                {t('exports.csvDe')}
              </a>
            </li>
            <li>
              <a className="kern-link" href={exports.csvEn} download hrefLang="en">
                {t('exports.csvEn')}
              </a>
            </li>
            <li>
              <a className="kern-link" href={exports.json}>
                {t('exports.json')}
              </a>
            </li>
          </ul>
        </section>
      ) : null}
      {view.sections.map((s) => (
        <ReportSection key={s.id} report={view.id} section={s} />
      ))}
    </div>
  );
}
