import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node';
import { redirect } from '@remix-run/node';
import { Form, useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { requirePermission } from '~/auth/guard.server';
import { pageTitle } from '~/i18next.server';
import { casesOfAccount, openFromAccount } from '~/modules/cases/person.server';
import { formatDate } from '~/utils/format';
import { readForm } from '~/utils/forms.server';
import { throwAsResponse } from '~/utils/http.server';
import { titleMeta } from '~/utils/meta';

export const meta = titleMeta;
export const handle = { i18n: ['cases', 'account'] };

/** The case files a person kept in their account; opening one makes a fresh personal link. */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requirePermission(request, context, 'read:account:own');
  return { title: await pageTitle(request, 'cases:account.title'), items: await casesOfAccount(user.id) };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requirePermission(request, context, 'update:account:own');
  const form = await readForm(request);
  const id = Number(form.get('id'));
  if (form.get('intent') !== 'open' || !Number.isSafeInteger(id) || id <= 0)
    throw new Response('bad request', { status: 400 });
  const { token, locale } = await openFromAccount(user.id, id).catch(throwAsResponse);
  throw redirect(`/fall/${token}?lng=${locale}`);
}

export default function AccountCases() {
  const { items } = useLoaderData<typeof loader>();
  const { t, i18n } = useTranslation('cases');
  const lng = i18n.language;
  return (
    <div className="kern-stack ww-prose">
      <h1 className="kern-heading-large">{t('account.title')}</h1>
      <p className="kern-body">{t('account.intro')}</p>
      {items.length === 0 ? <p className="kern-body">{t('account.none')}</p> : null}
      <ul className="ww-plain-list kern-stack-sm">
        {items.map((c) => (
          <li key={c.id} className="kern-stack-sm">
            <h2 className="kern-heading-small">
              {t(`types.${c.caseType}`)} – {t('account.opened', { date: formatDate(c.openedAt, lng) })}
            </h2>
            {c.closedAt ? (
              <p className="kern-body">{t('account.closed', { date: formatDate(c.closedAt, lng) })}</p>
            ) : null}
            <Form method="post">
              <input type="hidden" name="id" value={c.id} />
              <button type="submit" name="intent" value="open" className="kern-btn kern-btn--secondary">
                <span className="kern-label">{t('account.open')}</span>
              </button>
            </Form>
          </li>
        ))}
      </ul>
    </div>
  );
}
