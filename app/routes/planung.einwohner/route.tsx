import {
  type ActionFunctionArgs,
  data,
  type LinksFunction,
  type LoaderFunctionArgs,
  MaxPartSizeExceededError,
  redirect,
  unstable_createMemoryUploadHandler,
  unstable_parseMultipartFormData,
} from '@remix-run/node';
import { Form, useActionData, useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { requirePermission } from '~/auth/guard.server';
import { ErrorSummaryBox, Notice } from '~/components/form';
import { i18nServer, pageTitle } from '~/i18next.server';
import { listAreas, replaceInhabitants } from '~/modules/planning/areas.server';
import type { AreaCsvProblem } from '~/modules/planning/areas-csv';
import { MAX_AREAS_BYTES } from '~/modules/planning/areas-csv';
import { PlanningNav } from '~/modules/planning/components/planning-nav';
import { formatCount } from '~/modules/planning/labels';
import { reportLinks } from '~/modules/planning/pages.server';
import planningStyles from '~/styles/planning.css?url';
import { todayInBerlin } from '~/utils/clock.server';
import { formatDate } from '~/utils/format';
import { titleMeta } from '~/utils/meta';

export const meta = titleMeta;
export const links: LinksFunction = () => [{ rel: 'stylesheet', href: planningStyles }];
export const handle = { i18n: ['planning'] };

/** The inhabitants per area behind every rate per 1,000: see it, download it, replace it by upload. */
export async function loader({ request, context }: LoaderFunctionArgs) {
  await requirePermission(request, context, 'read:planning:any');
  const t = await i18nServer.getFixedT(request, 'planning');
  const { areas, meta } = await listAreas();
  return {
    title: await pageTitle(request, { text: `${t('inhabitants.title')} – ${t('title')}` }),
    reports: reportLinks,
    areas,
    meta,
    today: todayInBerlin(),
    saved: new URL(request.url).searchParams.get('gespeichert') === '1',
  };
}

type ActionResult = { problems: AreaCsvProblem[] } | { field: 'file' | 'asOf' | 'tooLarge' };

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requirePermission(request, context, 'update:planning-areas:any');
  let form: FormData;
  try {
    form = await unstable_parseMultipartFormData(
      request,
      unstable_createMemoryUploadHandler({ maxPartSize: MAX_AREAS_BYTES }),
    );
  } catch (error) {
    if (error instanceof MaxPartSizeExceededError)
      return data<ActionResult>({ field: 'tooLarge' }, { status: 413 });
    return data<ActionResult>({ field: 'file' }, { status: 400 });
  }
  const file = form.get('file');
  const asOf = String(form.get('asOf') ?? '');
  if (!/^\d{4}-\d{2}-\d{2}$/.test(asOf) || Number.isNaN(Date.parse(asOf)))
    return data<ActionResult>({ field: 'asOf' }, { status: 400 });
  if (!(file instanceof File) || file.size === 0)
    return data<ActionResult>({ field: 'file' }, { status: 400 });
  const outcome = await replaceInhabitants(await file.text(), asOf, {
    userId: user.id,
    ip: context.clientIp,
  });
  if (!outcome.ok) return data<ActionResult>({ problems: outcome.problems }, { status: 400 });
  return redirect('/planung/einwohner?gespeichert=1');
}

export default function PlanningInhabitants() {
  const { reports, areas, meta, today, saved } = useLoaderData<typeof loader>();
  const result = useActionData<ActionResult>();
  const { t, i18n } = useTranslation('planning');
  const lng = i18n.language;
  const problems =
    result && 'problems' in result
      ? result.problems.map((p) => ({
          message:
            p.line === 0
              ? t(`inhabitants.errors.${p.code}`)
              : t('inhabitants.errors.line', {
                  line: p.line,
                  problem: t(`inhabitants.errors.${p.code}`, { value: 'value' in p ? (p.value ?? '') : '' }),
                }),
          href: '#inhabitants-file',
        }))
      : result && 'field' in result
        ? [
            {
              message: t(`inhabitants.errors.${result.field}`),
              href: result.field === 'asOf' ? '#inhabitants-as-of' : '#inhabitants-file',
            },
          ]
        : [];
  return (
    <div className="kern-stack">
      <h1 className="kern-heading-large">{t('inhabitants.title')}</h1>
      <PlanningNav reports={reports} />
      {saved ? <Notice title={t('inhabitants.saved')} /> : null}
      <p className="kern-body ww-prose">{t('inhabitants.intro')}</p>
      <p className="kern-body ww-prose">
        {meta?.source === 'upload'
          ? t('inhabitants.fromUpload', { date: formatDate(meta.asOf, lng, 'long') })
          : t('inhabitants.fromDemo')}
      </p>
      <section aria-labelledby="upload-heading" className="kern-stack ww-narrow">
        <h2 className="kern-heading-medium" id="upload-heading">
          {t('inhabitants.upload')}
        </h2>
        <p className="kern-body">{t('inhabitants.format')}</p>
        <pre className="ww-pre" lang="de">
          {'Gebiet;Art;Einwohner;Postleitzahlen\nMitte;Stadtteil;19450;34117\nBaunatal;Gemeinde;28104;34225'}
        </pre>
        <ErrorSummaryBox id="inhabitants-errors" title={t('errors.title')} items={problems} />
        <Form method="post" encType="multipart/form-data" className="kern-stack">
          <div className="kern-form-input">
            <label className="kern-label" htmlFor="inhabitants-file">
              {t('inhabitants.file')}
            </label>
            <div className="kern-hint" id="inhabitants-file-hint">
              {t('inhabitants.fileHint')}
            </div>
            <input
              className="kern-form-input__input"
              id="inhabitants-file"
              name="file"
              type="file"
              accept=".csv,text/csv,text/plain"
              aria-describedby="inhabitants-file-hint"
              required
            />
          </div>
          <div className="kern-form-input">
            <label className="kern-label" htmlFor="inhabitants-as-of">
              {t('inhabitants.asOf')}
            </label>
            <input
              className="kern-form-input__input ww-input-short"
              id="inhabitants-as-of"
              name="asOf"
              type="date"
              defaultValue={today}
              required
            />
          </div>
          <button type="submit" className="kern-btn kern-btn--primary">
            <span className="kern-label">{t('inhabitants.submit')}</span>
          </button>
        </Form>
      </section>
      <section aria-labelledby="areas-heading" className="kern-stack">
        <h2 className="kern-heading-medium" id="areas-heading">
          {t('inhabitants.current')}
        </h2>
        <p>
          <a className="kern-link" href="/planung/einwohner.csv" download>
            {t('inhabitants.download')}
          </a>
        </p>
        {/* biome-ignore lint/a11y/useSemanticElements: a section would add a landmark per table; the region names the table's scroll box only. */}
        <div
          className="ww-table-scroll ww-report-table"
          role="region"
          aria-labelledby="areas-caption"
          // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling table must be reachable by keyboard (axe: scrollable-region-focusable).
          tabIndex={0}
        >
          <table className="kern-table kern-table--small">
            <caption id="areas-caption" className="kern-sr-only">
              {t('inhabitants.current')}
            </caption>
            <thead>
              <tr className="kern-table__row">
                <th scope="col" className="kern-table__header">
                  {t('dimensions.area')}
                </th>
                <th scope="col" className="kern-table__header">
                  {t('inhabitants.kind')}
                </th>
                <th scope="col" className="kern-table__header ww-num">
                  {t('inhabitants.inhabitants')}
                </th>
                <th scope="col" className="kern-table__header">
                  {t('inhabitants.postcodes')}
                </th>
              </tr>
            </thead>
            <tbody className="kern-table__body">
              {areas.map((a) => (
                <tr className="kern-table__row" key={a.code}>
                  <th scope="row" className="kern-table__header" lang="de">
                    {a.name}
                  </th>
                  <td className="kern-table__cell">{t(`inhabitants.kindNames.${a.kind}`)}</td>
                  <td className="kern-table__cell ww-num">{formatCount(a.inhabitants, lng)}</td>
                  <td className="kern-table__cell">
                    <bdi>{a.postcodes.join(', ')}</bdi>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
    </div>
  );
}
