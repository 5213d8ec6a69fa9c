import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node';
import { data, redirect } from '@remix-run/node';
import { Form, useActionData, useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { Alert, ErrorText } from '~/components/form';
import { LocalizedLink } from '~/components/localized-link';
import { pageTitle } from '~/i18next.server';
import { requireProviderActor } from '~/modules/providers/guard.server';
import { applyBulk, previewBulk } from '~/modules/providers/offers.server';
import {
  bulkApplySchema,
  bulkRequestSchema,
  type OfferListQuery,
  offerListSchema,
} from '~/modules/providers/schemas';
import { AppError } from '~/utils/errors';
import { formatNumber } from '~/utils/format';
import { readForm } from '~/utils/forms.server';
import { throwAsResponse } from '~/utils/http.server';
import { titleMeta } from '~/utils/meta';

export const meta = titleMeta;
export const handle = { i18n: ['account', 'provider'] };

/** Titles shown on the confirmation; the rest are counted. */
const SHOWN = 100;

function request(url: URL) {
  const params = Object.fromEntries(url.searchParams);
  const parsed = bulkRequestSchema.safeParse({ ...params, id: url.searchParams.getAll('id') });
  if (!parsed.success) throw new Response('bad request', { status: 400 });
  return parsed.data;
}

/** The list's address with its filters, to go back to (and to return to after the action). */
function listHref(filter: Omit<OfferListQuery, 'page'>, extra: Record<string, string> = {}) {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(filter))
    if (value !== undefined && !(key === 'sort' && value === 'changed')) params.set(key, String(value));
  for (const [key, value] of Object.entries(extra)) params.set(key, value);
  const query = params.toString();
  return `/anbieterbereich${query ? `?${query}` : ''}`;
}

/**
 * The second step of a bulk action from the offer list: which offers it changes, which it
 * leaves as they are, and one button. Nothing changes before the POST.
 */
export async function loader({ request: req, context }: LoaderFunctionArgs) {
  const { actor } = await requireProviderActor(req, context, 'update:offer:own');
  const url = new URL(req.url);
  const { aktion, auswahl, id, ...filter } = request(url);
  const back = listHref(filter);
  const base = { title: await pageTitle(req, `provider:bulk.titles.${aktion}`), action: aktion, back };
  if (auswahl === 'markierte' && id.length === 0)
    return data({ ...base, problem: 'nothingTicked' as const }, 400);
  try {
    const { changed, unchanged } = await previewBulk(
      actor,
      aktion,
      auswahl === 'alle' ? { filter } : { ids: id },
    );
    return {
      ...base,
      problem: changed.length === 0 ? ('nothingToChange' as const) : null,
      ids: changed.map((o) => o.id).join(','),
      count: changed.length,
      titles: changed.slice(0, SHOWN).map((o) => ({ id: o.id, title: o.title })),
      unchanged: unchanged.length,
      formAction: `/anbieterbereich/sammelaktion${url.search}`,
    };
  } catch (error) {
    if (error instanceof AppError && error.message === 'bulk_too_many')
      return data({ ...base, problem: 'tooMany' as const }, 400);
    throwAsResponse(error);
  }
}

export async function action({ request: req, context }: ActionFunctionArgs) {
  const { actor } = await requireProviderActor(req, context, 'update:offer:own');
  // The list's filter rides along in the address, to return to it; without one, the whole list.
  const query = offerListSchema
    .omit({ page: true })
    .safeParse(Object.fromEntries(new URL(req.url).searchParams));
  const filter = query.success ? query.data : { sort: 'changed' as const };
  const parsed = bulkApplySchema.safeParse(Object.fromEntries(await readForm(req)));
  if (!parsed.success) {
    if (parsed.error.issues.some((i) => i.path[0] === 'shiftWeeks'))
      return data({ shiftError: 'provider:errors.shiftInvalid' }, 400);
    throw new Response('bad request', { status: 400 });
  }
  const { aktion, ids, shiftWeeks } = parsed.data;
  const result = await applyBulk(actor, aktion, ids, shiftWeeks ?? 26).catch(throwAsResponse);
  return redirect(listHref(filter, { hinweis: aktion, anzahl: String(result.changed) }));
}

export default function BulkConfirmation() {
  const d = useLoaderData<typeof loader>();
  const failed = useActionData<typeof action>();
  const { t, i18n } = useTranslation('provider');
  const ta = useTranslation('account').t;
  const lng = i18n.language;
  const shiftError = failed && 'shiftError' in failed ? failed.shiftError : null;
  const back = (
    <LocalizedLink className="kern-btn kern-btn--secondary" to={d.back}>
      <span className="kern-label">{t('bulk.back')}</span>
    </LocalizedLink>
  );
  if (!('ids' in d) || d.problem) {
    return (
      <div className="kern-stack ww-narrow">
        <h1 className="kern-heading-large">{t(`bulk.titles.${d.action}`)}</h1>
        <Alert tone="warning">{t(`bulk.problems.${d.problem}`)}</Alert>
        <p>{back}</p>
      </div>
    );
  }
  return (
    <div className="kern-stack ww-narrow">
      <h1 className="kern-heading-large">
        {t(`bulk.questions.${d.action}`, { count: d.count, total: formatNumber(d.count, lng) })}
      </h1>
      <p className="kern-body">{t(`bulk.explain.${d.action}`)}</p>
      {d.unchanged > 0 ? (
        <p className="kern-body">{t(`bulk.unchanged.${d.action}`, { count: d.unchanged })}</p>
      ) : null}
      <ul className="kern-list">
        {d.titles.map((o) => (
          <li key={o.id} lang="de" dir="auto">
            {o.title}
          </li>
        ))}
      </ul>
      {d.count > d.titles.length ? (
        <p className="kern-body">{t('bulk.more', { count: d.count - d.titles.length })}</p>
      ) : null}
      <Form method="post" action={d.formAction} className="kern-stack">
        <input type="hidden" name="aktion" value={d.action} />
        <input type="hidden" name="ids" value={d.ids} />
        {d.action === 'duplicate' ? (
          <div className={`kern-form-input${shiftError ? ' kern-form-input--error' : ''}`}>
            <label className="kern-label" htmlFor="bulk-shift">
              {t('edit.shiftWeeks')}
            </label>
            {shiftError ? <ErrorText id="bulk-shift-error">{ta(shiftError)}</ErrorText> : null}
            <input
              className="kern-form-input__input"
              id="bulk-shift"
              name="shiftWeeks"
              type="number"
              min={0}
              max={104}
              defaultValue={26}
              inputMode="numeric"
              aria-describedby={shiftError ? 'bulk-shift-error' : undefined}
              aria-invalid={shiftError ? true : undefined}
            />
          </div>
        ) : null}
        <div className="ww-actions">
          <button type="submit" className="kern-btn kern-btn--primary">
            <span className="kern-label">
              {t(`bulk.confirm.${d.action}`, { count: d.count, total: formatNumber(d.count, lng) })}
            </span>
          </button>
          {back}
        </div>
      </Form>
    </div>
  );
}
