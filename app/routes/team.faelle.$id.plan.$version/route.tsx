import type { LoaderFunctionArgs } from '@remix-run/node';
import { useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { pageTitle } from '~/i18next.server';
import { requireCase } from '~/modules/cases/access.server';
import { CaseHeader } from '~/modules/cases/components/case-header';
import { ChangeList } from '~/modules/cases/components/changes';
import { PlanView } from '~/modules/cases/components/plan-view';
import { planDiff } from '~/modules/cases/diff';
import { loadFile } from '~/modules/cases/file.server';
import { headerOf } from '~/modules/cases/pages.server';
import { caseLinks } from '~/modules/cases/styles';
import { titleMeta } from '~/utils/meta';
import { getSql } from '../../../db/client.server';

export const meta = titleMeta;
export const links = caseLinks;
export const handle = { i18n: ['cases'] };

/** One plan version as it was stored, and what changed from the version before it. */
export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const actor = await requireCase(request, context, params.id, { read: 'plan_version' });
  const file = await loadFile(getSql(), actor.row);
  const plan = file.plans.find((p) => String(p.version) === params.version);
  if (!plan) throw new Response('not found', { status: 404 });
  const previous = file.plans.find((p) => p.version === plan.version - 1) ?? null;
  return {
    title: await pageTitle(request, 'cases:version.title'),
    header: headerOf(actor, file),
    plan,
    previous,
    changes: previous ? planDiff(previous, plan) : null,
  };
}

export default function PlanVersion() {
  const { header, plan, previous, changes } = useLoaderData<typeof loader>();
  const { t } = useTranslation('cases');
  return (
    <div className="kern-stack ww-case-page">
      <CaseHeader c={header} title={t('version.heading', { version: plan.version })} />
      {previous && changes ? (
        <section aria-labelledby="changes-heading" className="kern-stack-sm">
          <h2 id="changes-heading" className="kern-heading-medium">
            {t('changes.heading', { from: previous.version })}
          </h2>
          <ChangeList changes={changes} before={previous} after={plan} textLanguage={plan.textLanguage} />
        </section>
      ) : null}
      <PlanView plan={plan} idPrefix="version" />
      <p className="kern-body">
        <a className="kern-link" href={`/team/faelle/${header.id}/plan`}>
          {t('version.back')}
        </a>
      </p>
    </div>
  );
}
