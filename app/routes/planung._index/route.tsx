import type { LinksFunction, LoaderFunctionArgs } from '@remix-run/node';
import { useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { requirePermission } from '~/auth/guard.server';
import { LocalizedLink } from '~/components/localized-link';
import { i18nServer, pageTitle } from '~/i18next.server';
import { PlanningNav } from '~/modules/planning/components/planning-nav';
import { formatCount } from '~/modules/planning/labels';
import { planningOverview, reportLinks } from '~/modules/planning/pages.server';
import planningStyles from '~/styles/planning.css?url';
import { formatDate } from '~/utils/format';
import { titleMeta } from '~/utils/meta';

export const meta = titleMeta;
export const links: LinksFunction = () => [{ rel: 'stylesheet', href: planningStyles }];
export const handle = { i18n: ['planning'] };

/** The planning area's start: its reports, how current each is, where the inhabitants come from. */
export async function loader({ request, context }: LoaderFunctionArgs) {
  await requirePermission(request, context, 'read:planning:any');
  const t = await i18nServer.getFixedT(request, 'planning');
  return {
    title: await pageTitle(request, { text: t('title') }),
    reports: reportLinks,
    overview: await planningOverview(),
  };
}

export default function PlanningIndex() {
  const { reports, overview } = useLoaderData<typeof loader>();
  const { t, i18n } = useTranslation('planning');
  const lng = i18n.language;
  return (
    <div className="kern-stack">
      <h1 className="kern-heading-large">{t('title')}</h1>
      <PlanningNav reports={reports} />
      <p className="kern-body ww-prose">{t('overview.intro')}</p>
      <p className="kern-body ww-prose">{t('overview.rule')}</p>
      <section aria-labelledby="reports-heading" className="kern-stack">
        <h2 className="kern-heading-medium" id="reports-heading">
          {t('overview.reports')}
        </h2>
        <ul className="ww-report-list">
          {overview.reports.map((r) => (
            <li key={r.slug} className="kern-stack">
              <h3 className="kern-heading-small">
                <LocalizedLink className="kern-link" to={`/planung/${r.slug}`}>
                  {t(`reports.${r.id}.title`)}
                </LocalizedLink>
              </h3>
              <p className="kern-body">{t(`reports.${r.id}.short`)}</p>
              <p className="kern-body">
                {r.data === 'live'
                  ? t('asOf.live', { date: formatDate(r.asOf, lng, 'long') })
                  : r.asOf
                    ? t('asOf.nightly', { date: formatDate(r.asOf, lng, 'long') })
                    : t('asOf.never')}
              </p>
            </li>
          ))}
        </ul>
      </section>
      <section aria-labelledby="inhabitants-heading" className="kern-stack">
        <h2 className="kern-heading-medium" id="inhabitants-heading">
          {t('inhabitants.title')}
        </h2>
        <p className="kern-body">
          {overview.inhabitants.source === 'upload'
            ? t('overview.inhabitantsUpload', {
                areas: formatCount(overview.inhabitants.areas, lng),
                total: formatCount(overview.inhabitants.total, lng),
                date: overview.inhabitants.asOf ? formatDate(overview.inhabitants.asOf, lng, 'long') : '',
              })
            : overview.inhabitants.source === 'demo'
              ? t('overview.inhabitantsDemo', {
                  areas: formatCount(overview.inhabitants.areas, lng),
                  total: formatCount(overview.inhabitants.total, lng),
                })
              : t('overview.inhabitantsNone')}
        </p>
        <p>
          <LocalizedLink className="kern-link" to="/planung/einwohner">
            {t('overview.inhabitantsLink')}
          </LocalizedLink>
        </p>
      </section>
      <p>
        <LocalizedLink className="kern-link" to="/planung/definitionen">
          {t('overview.definitionsLink')}
        </LocalizedLink>
      </p>
    </div>
  );
}
