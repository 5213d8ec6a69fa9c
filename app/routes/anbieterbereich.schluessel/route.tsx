import { getFormProps } from '@conform-to/react';
import { parseWithZod } from '@conform-to/zod';
import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node';
import { data, redirect } from '@remix-run/node';
import { Form, useActionData, useLoaderData, useSearchParams } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { can } from '~/auth/permissions';
import { Alert, ErrorSummary, Notice, TextField, useAppForm } from '~/components/form';
import { pageTitle } from '~/i18next.server';
import { BackToProviderArea } from '~/modules/providers/components/back-link';
import { requireProviderActor } from '~/modules/providers/guard.server';
import { createKey, listKeys, revokeKey } from '~/modules/referrals/keys.server';
import { formatDateTime } from '~/utils/format';
import { type FormReply, invalidForm, readForm } from '~/utils/forms.server';
import { throwAsResponse } from '~/utils/http.server';
import { titleMeta } from '~/utils/meta';

export const meta = titleMeta;
export const handle = { i18n: ['account', 'provider', 'referrals'] };

const keySchema = z.object({
  label: z
    .string({ required_error: 'referrals:errors.labelRequired' })
    .trim()
    .min(1, 'referrals:errors.labelRequired')
    .max(100, 'referrals:errors.tooLong'),
});

/**
 * API keys for the provider's course system: every member sees the list (never a key);
 * only the owner creates and revokes. A new key is shown once, in the action's answer.
 */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const { actor, user } = await requireProviderActor(request, context, 'read:provider:own');
  return {
    title: await pageTitle(request, 'referrals:keys.title'),
    keys: await listKeys(actor.providerId),
    canEdit: can(user, 'update:provider:own', { providerId: actor.providerId }),
  };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const { actor } = await requireProviderActor(request, context, 'update:provider:own');
  const form = await readForm(request);
  if (form.get('intent') === 'revoke') {
    const id = Number(form.get('key'));
    if (!Number.isSafeInteger(id) || id <= 0) throw new Response('bad request', { status: 400 });
    await revokeKey(actor, id).catch(throwAsResponse);
    return redirect('/anbieterbereich/schluessel?hinweis=revoked');
  }
  const submission = parseWithZod(form, { schema: keySchema });
  if (submission.status !== 'success') return invalidForm(submission.reply());
  const key = await createKey(actor, submission.value.label);
  // The key itself only in this answer; the page never shows it again.
  return data({ created: key, status: 'success' as const }, { headers: { 'Cache-Control': 'no-store' } });
}

export default function ApiKeys() {
  const d = useLoaderData<typeof loader>();
  const result = useActionData<FormReply | { created: string; status: 'success' }>();
  const [search] = useSearchParams();
  const { t, i18n } = useTranslation('referrals');
  const lng = i18n.language;
  const created = result && 'created' in result ? result.created : null;
  const [form, f] = useAppForm(keySchema, 'api-key', created ? undefined : (result as FormReply | undefined));
  return (
    <div className="ww-narrow kern-stack">
      <BackToProviderArea />
      <h1 className="kern-heading-large">{t('keys.title')}</h1>
      <p className="kern-body">{t('keys.intro')}</p>
      {d.canEdit ? null : <p className="kern-body">{t('keys.onlyOwner')}</p>}
      {search.get('hinweis') === 'revoked' && !result ? (
        <Alert tone="success">{t('keys.revokedNotice')}</Alert>
      ) : null}
      {created ? (
        <Notice title={t('keys.createdOnce')}>
          <p className="kern-body">
            <code className="ww-code-input" style={{ overflowWrap: 'anywhere' }}>
              {created}
            </code>
          </p>
        </Notice>
      ) : null}
      <section aria-labelledby="keys-heading" className="kern-stack-sm">
        <h2 id="keys-heading" className="kern-heading-medium">
          {t('keys.listHeading')}
        </h2>
        {d.keys.length === 0 ? <p className="kern-body">{t('keys.none')}</p> : null}
        <ul className="kern-list">
          {d.keys.map((k) => (
            <li key={k.id} className="kern-stack-sm">
              <p className="kern-body">
                <strong>{k.label}</strong> – {t('keys.prefix')} <code>{k.prefix}…</code> – {t('keys.created')}{' '}
                {formatDateTime(k.createdAt, lng)} – {t('keys.lastUsed')}{' '}
                {k.lastUsedAt ? formatDateTime(k.lastUsedAt, lng) : t('keys.never')}
                {k.revokedAt ? ` – ${t('keys.revokedAt')} ${formatDateTime(k.revokedAt, lng)}` : ''}
              </p>
              {d.canEdit && !k.revokedAt ? (
                <Form method="post">
                  <input type="hidden" name="intent" value="revoke" />
                  <input type="hidden" name="key" value={k.id} />
                  <button type="submit" className="kern-btn kern-btn--secondary">
                    <span className="kern-label">
                      {t('keys.revoke')}: {k.label}
                    </span>
                  </button>
                </Form>
              ) : null}
            </li>
          ))}
        </ul>
      </section>
      {d.canEdit ? (
        <section aria-labelledby="new-key-heading" className="kern-stack-sm">
          <h2 id="new-key-heading" className="kern-heading-medium">
            {t('keys.createHeading')}
          </h2>
          <ErrorSummary form={form} fields={[f.label]} />
          <Form method="post" {...getFormProps(form)} className="kern-stack-sm">
            <TextField field={f.label} label={t('keys.label')} maxLength={100} />
            <button type="submit" className="kern-btn kern-btn--primary">
              <span className="kern-label">{t('keys.create')}</span>
            </button>
          </Form>
        </section>
      ) : null}
    </div>
  );
}
