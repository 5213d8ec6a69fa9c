import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node';
import { redirect } from '@remix-run/node';
import { Form, useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { requirePermission } from '~/auth/guard.server';
import { Notice } from '~/components/form';
import { LocalizedLink } from '~/components/localized-link';
import { i18nServer, pageTitle } from '~/i18next.server';
import { deleteOwn, ownAssessments, reopenOwn } from '~/modules/assessment/assessment.server';
import { assessmentPath } from '~/modules/assessment/engine';
import { todayInBerlin } from '~/utils/clock.server';
import { formatDate } from '~/utils/format';
import { readForm } from '~/utils/forms.server';
import { throwAsResponse } from '~/utils/http.server';
import { withLanguage } from '~/utils/localized';
import { titleMeta } from '~/utils/meta';

export const meta = titleMeta;
export const handle = { i18n: ['assessment', 'account'] };

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requirePermission(request, context, 'read:account:own');
  const rows = await ownAssessments(user.id);
  return {
    title: await pageTitle(request, 'assessment:account.heading'),
    items: rows.map((r) => ({
      id: r.id,
      finished: r.finished_at !== null,
      created: todayInBerlin(r.finished_at ?? r.updated_at),
      updated: todayInBerlin(r.updated_at),
    })),
    deleted: new URL(request.url).searchParams.get('geloescht') === '1',
  };
}

/** Open makes a fresh link (only its hash was kept); both answer 404 for another's id. */
export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requirePermission(request, context, 'update:account:own');
  const form = await readForm(request);
  const id = Number(form.get('id'));
  if (!Number.isSafeInteger(id) || id <= 0) throw new Response('bad request', { status: 400 });
  const lng = await i18nServer.getLocale(request);
  if (form.get('intent') === 'delete') {
    await deleteOwn(user.id, id).catch(throwAsResponse);
    throw redirect(withLanguage('/konto/selbsteinschaetzungen?geloescht=1', lng));
  }
  if (form.get('intent') === 'open') {
    const { token, step } = await reopenOwn(user.id, id).catch(throwAsResponse);
    throw redirect(withLanguage(assessmentPath(token, step), lng));
  }
  throw new Response('bad request', { status: 400 });
}

export default function OwnAssessments() {
  const d = useLoaderData<typeof loader>();
  const { t, i18n } = useTranslation('assessment');
  const lng = i18n.language;
  return (
    <div className="kern-stack ww-prose">
      <h1 className="kern-heading-large">{t('account.heading')}</h1>
      {d.deleted ? <Notice title={t('account.deleted')} /> : null}
      {d.items.length === 0 ? <p className="kern-body">{t('account.none')}</p> : null}
      <ul className="ww-plain-list kern-stack-sm">
        {d.items.map((item) => {
          const name = t('account.item', { date: formatDate(item.created, lng) });
          return (
            <li key={item.id} className="kern-stack-sm">
              <h2 className="kern-heading-small">{name}</h2>
              <p className="kern-body">
                {t(item.finished ? 'account.finished' : 'account.inProgress')},{' '}
                {t('account.updated', { date: formatDate(item.updated, lng) })}
              </p>
              {/* One form, two buttons: the pressed one's intent decides. */}
              <Form method="post" className="ww-actions">
                <input type="hidden" name="id" value={item.id} />
                {(['open', 'delete'] as const).map((intent) => (
                  <button
                    key={intent}
                    type="submit"
                    name="intent"
                    value={intent}
                    className={`kern-btn kern-btn--${intent === 'open' ? 'secondary' : 'tertiary'}`}
                  >
                    <span className="kern-label">{t(`account.${intent}`)}</span>
                    <span className="kern-sr-only">: {name}</span>
                  </button>
                ))}
              </Form>
            </li>
          );
        })}
      </ul>
      <p className="kern-body">
        <LocalizedLink className="kern-link" to="/selbsteinschaetzung">
          {t('account.start')}
        </LocalizedLink>
      </p>
    </div>
  );
}
