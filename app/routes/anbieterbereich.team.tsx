import { getFormProps } from '@conform-to/react';
import { parseWithZod } from '@conform-to/zod';
import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node';
import { redirect } from '@remix-run/node';
import { Form, useActionData, useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { can } from '~/auth/permissions';
import { ErrorSummary, Notice, RadioGroup, TextField, useAppForm } from '~/components/form';
import { pageTitle } from '~/i18next.server';
import { BackToProviderArea } from '~/modules/providers/components/back-link';
import { requireProviderActor } from '~/modules/providers/guard.server';
import { inviteMember, revokeMemberInvitation, team } from '~/modules/providers/organisation.server';
import { memberInviteSchema } from '~/modules/providers/schemas';
import { AppError } from '~/utils/errors';
import { formatDateTime } from '~/utils/format';
import { type FormReply, invalidForm, readForm, requestMeta } from '~/utils/forms.server';
import { throwAsResponse } from '~/utils/http.server';
import { titleMeta } from '~/utils/meta';

export const meta = titleMeta;
export const handle = { i18n: ['account', 'provider'] };

/** The provider's staff; the owner invites further staff by link (an editor only sees the list). */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const { actor, user } = await requireProviderActor(request, context, 'read:provider:own');
  const { members, invitations } = await team(actor.providerId);
  return {
    title: await pageTitle(request, 'provider:team.title'),
    canInvite: can(user, 'invite:provider-member:own', { providerId: actor.providerId }),
    sent: new URL(request.url).searchParams.get('hinweis') === 'sent',
    members,
    invitations: invitations.map((i) => ({
      id: i.id,
      email: i.email,
      role: i.providerRole,
      createdAt: i.createdAt.toISOString(),
      open: !i.acceptedAt && !i.revokedAt && i.expiresAt.getTime() > Date.now(),
      accepted: Boolean(i.acceptedAt),
    })),
  };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const { actor } = await requireProviderActor(request, context, 'invite:provider-member:own');
  const form = await readForm(request);
  if (form.get('intent') === 'revoke') {
    const id = Number(form.get('invitationId'));
    if (!Number.isSafeInteger(id) || id <= 0) throw new Response('bad request', { status: 400 });
    await revokeMemberInvitation(actor, id).catch(throwAsResponse);
    return redirect('/anbieterbereich/team');
  }
  const submission = parseWithZod(form, { schema: memberInviteSchema });
  if (submission.status !== 'success') return invalidForm(submission.reply());
  const meta = await requestMeta(request, context);
  try {
    await inviteMember(actor, { ...submission.value, locale: meta.locale }, meta.baseUrl);
  } catch (error) {
    if (error instanceof AppError && error.code === 'conflict')
      return invalidForm(submission.reply({ fieldErrors: { email: ['errors.emailTaken'] } }), 409);
    throwAsResponse(error);
  }
  return redirect('/anbieterbereich/team?hinweis=sent');
}

export default function Team() {
  const d = useLoaderData<typeof loader>();
  const lastResult = useActionData<FormReply>();
  const { t, i18n } = useTranslation('provider');
  const ta = useTranslation('account').t;
  const [form, f] = useAppForm(memberInviteSchema, 'invite-member', lastResult);
  return (
    <div className="kern-stack">
      <BackToProviderArea />
      <h1 className="kern-heading-large">{t('team.title')}</h1>
      {d.sent ? <Notice title={t('team.sent')} /> : null}
      <ul className="kern-list">
        {d.members.map((m) => (
          <li key={m.userId}>
            {m.displayName} ({m.email}) – {ta(`memberRoles.${m.role}`)}
            {m.status === 'suspended' ? ` – ${ta('memberStatus.suspended')}` : ''}
          </li>
        ))}
      </ul>
      {d.invitations.length > 0 ? (
        <section aria-labelledby="invitations-heading" className="kern-stack">
          <h2 className="kern-heading-medium" id="invitations-heading">
            {t('team.invitations')}
          </h2>
          <ul className="kern-list">
            {d.invitations.map((i) => (
              <li key={i.id}>
                {i.email} – {i.role ? ta(`memberRoles.${i.role}`) : ''} –{' '}
                {formatDateTime(i.createdAt, i18n.language)} –{' '}
                {i.accepted ? t('team.accepted') : i.open ? t('team.open') : t('team.closed')}
                {d.canInvite && i.open ? (
                  <Form method="post" className="ww-inline-form">
                    <input type="hidden" name="intent" value="revoke" />
                    <input type="hidden" name="invitationId" value={i.id} />
                    <button type="submit" className="kern-btn kern-btn--tertiary">
                      <span className="kern-label">{t('team.revoke', { email: i.email })}</span>
                    </button>
                  </Form>
                ) : null}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      {d.canInvite ? (
        <section aria-labelledby="invite-heading" className="ww-narrow kern-stack">
          <h2 className="kern-heading-medium" id="invite-heading">
            {t('team.invite')}
          </h2>
          <p className="kern-body">{t('team.inviteIntro')}</p>
          <ErrorSummary form={form} fields={[f.email, f.role]} />
          <Form method="post" {...getFormProps(form)} className="kern-stack">
            <TextField
              field={f.email}
              label={ta('fields.email')}
              type="email"
              autoComplete="off"
              maxLength={254}
            />
            <RadioGroup
              field={f.role}
              legend={t('team.role')}
              options={[
                { value: 'editor', label: ta('memberRoles.editor'), hint: t('team.editorHint') },
                { value: 'owner', label: ta('memberRoles.owner'), hint: t('team.ownerHint') },
              ]}
            />
            <button type="submit" className="kern-btn kern-btn--primary">
              <span className="kern-label">{t('team.submit')}</span>
            </button>
          </Form>
        </section>
      ) : (
        <p className="kern-body">{t('team.ownerOnly')}</p>
      )}
    </div>
  );
}
