import type { LinksFunction, LoaderFunctionArgs } from '@remix-run/node';
import { data, redirect } from '@remix-run/node';
import { useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { requirePermission } from '~/auth/guard.server';
import { ErrorSummaryBox } from '~/components/form';
import { LocalizedLink } from '~/components/localized-link';
import { i18nServer, pageTitle } from '~/i18next.server';
import { PlanningNav } from '~/modules/planning/components/planning-nav';
import { ReportFilters } from '~/modules/planning/components/report-filters';
import { ReportSection } from '~/modules/planning/components/report-section';
import { periodText } from '~/modules/planning/labels';
import { reportLinks, reportPage } from '~/modules/planning/pages.server';
import planningStyles from '~/styles/planning.css?url';
import { formatDate } from '~/utils/format';
import { throwAsResponse } from '~/utils/http.server';
import { titleMeta } from '~/utils/meta';

export const meta = titleMeta;
export const links: LinksFunction = () => [{ rel: 'stylesheet', href: planningStyles }];
export const handle = { i18n: ['planning', 'catalogue', 'counselling', 'assessment', 'cases', 'referrals'] };

/** One planning report (/planung/<slug>?zeitraum=…&gebiet=…): planners and admins only. */
export async function loader({ request, context, params }: LoaderFunctionArgs) {
  await requirePermission(request, context, 'read:planning:any');
  const page = await reportPage(params.bericht, new URL(request.url)).catch(throwAsResponse);
  if (page.kind === 'redirect') throw redirect(page.to);
  const t = await i18nServer.getFixedT(request, 'planning');
  const id = page.kind === 'report' ? page.view.id : page.id;
  const title = await pageTitle(request, { text: `${t(`reports.${id}.title`)} – ${t('title')}` });
  if (page.kind === 'invalid') return data({ title, reports: reportLinks, page }, { status: 400 });
  return { title, reports: reportLinks, page };
}

export default function PlanningReport() {
  const { page, reports } = useLoaderData<typeof loader>();
  const { t, i18n } = useTranslation('planning');
  const lng = i18n.language;
  const id = page.kind === 'report' ? page.view.id : page.id;
  const period = page.kind === 'report' ? page.view.period : page.period;
  const area = page.kind === 'report' ? (page.view.area?.code ?? null) : page.area;
  const fieldOf = { period: '#f-from', area: '#f-area', future: '#f-period' } as const;
  return (
    <div className="kern-stack">
      <h1 className="kern-heading-large">{t(`reports.${id}.title`)}</h1>
      <PlanningNav reports={reports} />
      <p className="kern-body ww-prose">{t(`reports.${id}.intro`)}</p>
      {page.kind === 'invalid' ? (
        <ErrorSummaryBox
          id="report-errors"
          title={t('errors.title')}
          items={[{ message: t(`errors.${page.field}`), href: fieldOf[page.field] }]}
        />
      ) : null}
      <ReportFilters
        period={period}
        area={area}
        choices={page.choices}
        areas={page.areas}
        errors={page.kind === 'invalid' ? { period: page.field === 'period' } : undefined}
      />
      {page.kind === 'report' ? (
        <>
          <div className="kern-alert kern-alert--info ww-report-status">
            <div className="kern-alert__body kern-stack">
              <p className="kern-body">
                <strong>
                  {periodText(page.view.period, t, lng)} ·{' '}
                  {page.view.area ? <span lang="de">{page.view.area.name}</span> : t('filters.wholeRegion')}
                </strong>
              </p>
              <p className="kern-body">
                {page.view.asOf.kind === 'nightly'
                  ? t('asOf.nightly', { date: formatDate(page.view.asOf.date, lng, 'long') })
                  : t('asOf.live', { date: formatDate(page.view.asOf.date, lng, 'long') })}
              </p>
              {page.view.openPeriod && page.view.asOf.kind === 'nightly' ? (
                <p className="kern-body">{t('openPeriod')}</p>
              ) : null}
              {page.view.demoInhabitants ? <p className="kern-body">{t('demoInhabitants')}</p> : null}
              <p className="kern-body">
                {t('marks.legend')}{' '}
                <LocalizedLink className="kern-link" to={`/planung/definitionen#${page.view.slug}`}>
                  {t('definitionsLink')}
                </LocalizedLink>
              </p>
            </div>
          </div>
          <section aria-labelledby="exports-heading" className="kern-stack ww-exports-section">
            <h2 className="kern-heading-small" id="exports-heading">
              {t('exports.heading')}
            </h2>
            <ul className="ww-exports">
              <li>
                <a className="kern-link" href={page.exports.csvDe} download>
                  {t('exports.csvDe')}
                </a>
              </li>
              <li>
                <a className="kern-link" href={page.exports.csvEn} download hrefLang="en">
                  {t('exports.csvEn')}
                </a>
              </li>
              <li>
                <a className="kern-link" href={page.exports.jsonDe}>
                  {t('exports.json')}
                </a>
              </li>
            </ul>
            <p className="kern-body">{t('exports.stable')}</p>
          </section>
          {page.view.sections.length === 0 && page.view.area ? (
            // Cases and referrals: their anonymous records keep no area.
            <p className="kern-body ww-prose">{t('areaNotAvailable')}</p>
          ) : null}
          {page.view.sections.map((s) => (
            <ReportSection key={s.id} report={page.view.id} section={s} />
          ))}
        </>
      ) : null}
    </div>
  );
}
