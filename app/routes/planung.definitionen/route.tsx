import type { LinksFunction, LoaderFunctionArgs } from '@remix-run/node';
import { useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { requirePermission } from '~/auth/guard.server';
import { i18nServer, pageTitle } from '~/i18next.server';
import { PlanningNav } from '~/modules/planning/components/planning-nav';
import { reportLinks } from '~/modules/planning/pages.server';
import { REPORTS } from '~/modules/planning/reports.server';
import planningStyles from '~/styles/planning.css?url';
import { titleMeta } from '~/utils/meta';

export const meta = titleMeta;
export const links: LinksFunction = () => [{ rel: 'stylesheet', href: planningStyles }];
export const handle = { i18n: ['planning'] };

/** Every figure's definition in plain language, its sources and known limits. */
export async function loader({ request, context }: LoaderFunctionArgs) {
  await requirePermission(request, context, 'read:planning:any');
  const t = await i18nServer.getFixedT(request, 'planning');
  return {
    title: await pageTitle(request, { text: `${t('definitions.title')} – ${t('title')}` }),
    reports: reportLinks,
    definitions: REPORTS.map((r) => ({
      id: r.id,
      slug: r.slug,
      version: r.version,
      data: r.data,
      sources: [...r.sources],
      sections: [...r.sections],
    })),
  };
}

const GENERAL = [
  'suppression',
  'complementary',
  'terms',
  'asOf',
  'periods',
  'areas',
  'noPerson',
  'perRequest',
];

export default function PlanningDefinitions() {
  const { reports, definitions } = useLoaderData<typeof loader>();
  const { t } = useTranslation('planning');
  return (
    <div className="kern-stack">
      <h1 className="kern-heading-large">{t('definitions.title')}</h1>
      <PlanningNav reports={reports} />
      <p className="kern-body ww-prose">{t('definitions.intro')}</p>
      <section aria-labelledby="general-heading" className="kern-stack">
        <h2 className="kern-heading-medium" id="general-heading">
          {t('definitions.general')}
        </h2>
        <dl className="ww-prose">
          {GENERAL.map((g) => (
            <div key={g} className="kern-stack ww-definition">
              <dt className="kern-heading-small">{t(`definitions.rules.${g}.title`)}</dt>
              <dd className="kern-body">{t(`definitions.rules.${g}.text`)}</dd>
            </div>
          ))}
        </dl>
      </section>
      {definitions.map((d) => (
        <section key={d.id} aria-labelledby={`${d.slug}-heading`} className="kern-stack" id={d.slug}>
          <h2 className="kern-heading-medium" id={`${d.slug}-heading`}>
            {t(`reports.${d.id}.title`)}
          </h2>
          <p className="kern-body ww-prose">{t(`reports.${d.id}.intro`)}</p>
          <dl className="ww-facts">
            <dt>{t('definitions.version')}</dt>
            <dd>{d.version}</dd>
            <dt>{t('definitions.data')}</dt>
            <dd>{t(`definitions.dataKinds.${d.data}`)}</dd>
            <dt>{t('definitions.sources')}</dt>
            <dd>
              <ul className="ww-plain-list">
                {d.sources.map((s) => (
                  <li key={s}>
                    <code>{s}</code>
                  </li>
                ))}
              </ul>
            </dd>
          </dl>
          {d.sections.map((s) => (
            <div key={s} className="kern-stack ww-prose">
              <h3 className="kern-heading-small">{t(`reports.${d.id}.sections.${s}.title`)}</h3>
              <p className="kern-body">{t(`reports.${d.id}.sections.${s}.definition`)}</p>
              <p className="kern-body">
                <strong>{t('definitions.limits')}</strong> {t(`reports.${d.id}.sections.${s}.limits`)}
              </p>
            </div>
          ))}
        </section>
      ))}
    </div>
  );
}
