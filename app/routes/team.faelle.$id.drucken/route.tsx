import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node';
import { Form, useActionData, useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { qrDataUrl } from '~/auth/totp.server';
import { languageNames } from '~/i18n';
import { pageTitle } from '~/i18next.server';
import { requireCase } from '~/modules/cases/access.server';
import { personLink, renewLink } from '~/modules/cases/cases.server';
import { PlanView } from '~/modules/cases/components/plan-view';
import { loadFile } from '~/modules/cases/file.server';
import { caseLinks } from '~/modules/cases/styles';
import { now } from '~/utils/clock.server';
import { formatDateTime } from '~/utils/format';
import { readForm } from '~/utils/forms.server';
import { baseUrlOf } from '~/utils/http.server';
import { titleMeta } from '~/utils/meta';
import { getSql } from '../../../db/client.server';

export const meta = titleMeta;
export const links = caseLinks;
export const handle = { i18n: ['cases'] };

/**
 * The plan on A4 to hand over: the version in force (or the one waiting), in the
 * person's language if asked (?lng=), with the person's link as a QR code when a new
 * link is made for it (only the hash of the old one exists).
 */
export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const actor = await requireCase(request, context, params.id, { read: 'print' });
  const file = await loadFile(getSql(), actor.row);
  const plan =
    file.plans.find((p) => p.version === file.activeVersion) ??
    file.plans.find((p) => p.version === file.pendingVersion) ??
    null;
  return {
    title: await pageTitle(request, 'cases:print.title'),
    id: file.id,
    name: file.person.name,
    locale: file.person.locale,
    plan,
    progress: file.progress,
    printedAt: now().toISOString(),
  };
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const actor = await requireCase(request, context, params.id);
  const form = await readForm(request);
  if (form.get('intent') !== 'renew-link') throw new Response('bad request', { status: 400 });
  const token = await renewLink(actor);
  const link = personLink(baseUrlOf(request), token, actor.row.person_locale);
  return { link, qr: await qrDataUrl(link) };
}

export default function PrintPlan() {
  const d = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { t, i18n } = useTranslation('cases');
  const lng = i18n.language;
  return (
    <div className="kern-stack ww-case-page">
      <p className="kern-body ww-noprint">
        <a className="kern-link" href={`/team/faelle/${d.id}`}>
          {t('print.back')}
        </a>
      </p>
      <h1 className="kern-heading-large">
        {t('print.heading')}: {d.name}
      </h1>
      <p className="kern-body">{t('print.printedOn', { date: formatDateTime(d.printedAt, lng) })}</p>
      <div className="kern-stack-sm ww-noprint">
        <p className="kern-body">{t('print.intro')}</p>
        <ul className="kern-list ww-inline-list">
          {(['de', d.locale] as const)
            .filter((l, i, all) => all.indexOf(l) === i)
            .map((l) => (
              <li key={l}>
                <a className="kern-link" href={`?lng=${l}`} hrefLang={l === 'ls' ? 'de' : l}>
                  {t('print.inLanguage', { language: languageNames[l as 'de'] ?? l })}
                </a>
              </li>
            ))}
        </ul>
        {result ? null : (
          <Form method="post" className="kern-stack-sm">
            <input type="hidden" name="intent" value="renew-link" />
            <p className="kern-body">{t('print.linkIntro')}</p>
            <button type="submit" className="kern-btn kern-btn--secondary">
              <span className="kern-label">{t('print.withLink')}</span>
            </button>
          </Form>
        )}
      </div>
      {result ? (
        <section aria-labelledby="print-link" className="kern-stack-sm">
          <h2 id="print-link" className="kern-heading-medium">
            {t('print.yourLink')}
          </h2>
          <p className="kern-body">{t('print.yourLinkText')}</p>
          <figure className="ww-case-qr">
            <img src={result.qr} alt={t('open.qrAlt')} width={160} height={160} />
          </figure>
          <p className="kern-body ww-case-link">{result.link}</p>
        </section>
      ) : null}
      {d.plan ? (
        <PlanView plan={d.plan} idPrefix="print" progress={d.progress} />
      ) : (
        <p className="kern-body">{t('print.noPlan')}</p>
      )}
    </div>
  );
}
