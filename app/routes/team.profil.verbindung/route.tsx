import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node';
import { redirect } from '@remix-run/node';
import { Form, useLoaderData, useSearchParams } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { Alert } from '~/components/form';
import { TeamNav } from '~/components/team-nav';
import { pageTitle } from '~/i18next.server';
import { requireCounsellor } from '~/modules/booking/team.server';
import { affiliationPage, saveAffiliation } from '~/modules/referrals/affiliation.server';
import { readForm } from '~/utils/forms.server';
import { throwAsResponse } from '~/utils/http.server';
import { titleMeta } from '~/utils/meta';

export const meta = titleMeta;
export const handle = { i18n: ['counselling', 'account', 'referrals'] };

/** Part of the counsellor's profile: the provider they are affiliated with, if any (neutrality of referrals). */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const { user } = await requireCounsellor(request, context, 'read:counsellor:own');
  return {
    title: await pageTitle(request, 'referrals:affiliation.label'),
    ...(await affiliationPage(user.id)),
  };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const { user } = await requireCounsellor(request, context, 'update:counsellor:own');
  const raw = String((await readForm(request)).get('provider') ?? '');
  const id = raw === '' ? null : Number(raw);
  if (id !== null && (!Number.isSafeInteger(id) || id <= 0))
    throw new Response('bad request', { status: 400 });
  await saveAffiliation(user.id, id, context.clientIp ?? null).catch(throwAsResponse);
  return redirect('/team/profil/verbindung?gespeichert=1');
}

export default function Affiliation() {
  const d = useLoaderData<typeof loader>();
  const [search] = useSearchParams();
  const { t } = useTranslation('referrals');
  const tc = useTranslation('counselling').t;
  return (
    <div className="kern-stack">
      <h1 className="kern-heading-large">{t('affiliation.label')}</h1>
      <TeamNav />
      {search.get('gespeichert') ? <Alert tone="success">{tc('team.saved')}</Alert> : null}
      <Form method="post" className="kern-stack">
        <div className="kern-form-input">
          <label className="kern-label" htmlFor="affiliation-provider">
            {t('affiliation.label')}
          </label>
          <div className="kern-hint" id="affiliation-provider-hint">
            {t('affiliation.hint')}
          </div>
          <div className="kern-form-input__select-wrapper">
            <select
              className="kern-form-input__select"
              id="affiliation-provider"
              name="provider"
              defaultValue={d.current === null ? '' : String(d.current)}
              aria-describedby="affiliation-provider-hint"
            >
              <option value="">{t('affiliation.none')}</option>
              {d.providers.map((p) => (
                <option key={p.id} value={p.id} lang="de">
                  {p.name}
                </option>
              ))}
            </select>
          </div>
        </div>
        <button type="submit" className="kern-btn kern-btn--primary">
          <span className="kern-label">{tc('team.saveProfile')}</span>
        </button>
      </Form>
    </div>
  );
}
