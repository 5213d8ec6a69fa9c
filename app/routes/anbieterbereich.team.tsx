import { getFormProps } from '@conform-to/react';
import { parseWithZod } from '@conform-to/zod';
import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node';
import { data, redirect, redirectDocument } from '@remix-run/node';
import { Form, useActionData, useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { clearSession } from '~/auth/guard.server';
import { can } from '~/auth/permissions';
import { Alert, ErrorSummary, Notice, RadioGroup, TextField, useAppForm } from '~/components/form';
import { LocalizedLink } from '~/components/localized-link';
import { pageTitle } from '~/i18next.server';
import { BackToProviderArea } from '~/modules/providers/components/back-link';
import { requireProviderActor } from '~/modules/providers/guard.server';
import {
  changeMemberRole,
  inviteMember,
  leaveProvider,
  removeMember,
  revokeMemberInvitation,
  team,
  transferOwnership,
} from '~/modules/providers/organisation.server';
import { memberActionSchema, memberInviteSchema } from '~/modules/providers/schemas';
import { AppError } from '~/utils/errors';
import { formatDateTime } from '~/utils/format';
import { type FormReply, invalidForm, readForm, requestMeta } from '~/utils/forms.server';
import { throwAsResponse } from '~/utils/http.server';
import { titleMeta } from '~/utils/meta';

export const meta = titleMeta;
export const handle = { i18n: ['account', 'provider'] };

const NOTICES = new Set(['sent', 'removed', 'roleChanged', 'transferred']);

/**
 * The provider's staff. The owner invites further staff by link, changes roles, removes a
 * member and hands the ownership over; every member may leave. Removing, handing over and
 * leaving are asked once more on this page (`?entfernen=`, `?uebergeben=`, `?verlassen=1`),
 * as plain links and forms that work without JavaScript.
 */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const { actor, user } = await requireProviderActor(request, context, 'read:provider:own');
  const { members, invitations } = await team(actor.providerId);
  const params = new URL(request.url).searchParams;
  const canManage = can(user, 'update:provider-member:own', { providerId: actor.providerId });
  // The step to confirm, if the address asks for one: another provider's member is not found.
  const asked = (name: string) => {
    const value = params.get(name);
    if (value === null || !canManage) return null;
    const member = members.find((m) => String(m.userId) === value && m.userId !== actor.userId);
    if (!member) throw new Response('not found', { status: 404 });
    return member;
  };
  const remove = asked('entfernen');
  const transfer = asked('uebergeben');
  const notice = params.get('hinweis');
  return {
    title: await pageTitle(request, 'provider:team.title'),
    self: actor.userId,
    canInvite: can(user, 'invite:provider-member:own', { providerId: actor.providerId }),
    canManage,
    notice: notice && NOTICES.has(notice) ? notice : null,
    confirm: remove
      ? { kind: 'remove' as const, member: remove }
      : transfer
        ? { kind: 'transfer' as const, member: transfer }
        : params.get('verlassen') === '1'
          ? { kind: 'leave' as const, member: members.find((m) => m.userId === actor.userId)! }
          : null,
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

type ActionResult = FormReply | { teamError: string };

export async function action({ request, context }: ActionFunctionArgs) {
  const { actor: member } = await requireProviderActor(request, context, 'read:provider:own');
  const form = await readForm(request);
  const intent = form.get('intent');
  try {
    if (intent === 'leave') {
      await leaveProvider(member);
      // Every session of theirs has ended: a fresh document, so no page of the area stays in the tab.
      return redirectDocument('/?abgemeldet=1', { headers: { 'Set-Cookie': clearSession(context) } });
    }
    if (intent === 'remove' || intent === 'role' || intent === 'transfer') {
      const { actor } = await requireProviderActor(request, context, 'update:provider-member:own');
      const parsed = memberActionSchema.safeParse({ userId: form.get('userId'), role: form.get('role') });
      if (!parsed.success) throw new Response('bad request', { status: 400 });
      const { userId, role } = parsed.data;
      if (intent === 'remove') await removeMember(actor, userId);
      else if (intent === 'transfer') await transferOwnership(actor, userId);
      else if (role) await changeMemberRole(actor, userId, role);
      else throw new Response('bad request', { status: 400 });
      const done = intent === 'remove' ? 'removed' : intent === 'transfer' ? 'transferred' : 'roleChanged';
      return redirect(`/anbieterbereich/team?hinweis=${done}`);
    }
  } catch (error) {
    if (error instanceof AppError && error.code === 'conflict')
      return data<ActionResult>({ teamError: `provider:team.errors.${error.message}` }, { status: 409 });
    throwAsResponse(error);
  }
  const { actor } = await requireProviderActor(request, context, 'invite:provider-member:own');
  if (intent === 'revoke') {
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

type Member = ReturnType<typeof useLoaderData<typeof loader>>['members'][number];

/** The second step of removing, handing over or leaving: what happens, then one button. */
function Confirmation({ kind, member }: { kind: 'remove' | 'transfer' | 'leave'; member: Member }) {
  const { t } = useTranslation('provider');
  const name = member.displayName ?? member.email ?? '';
  return (
    <section aria-labelledby="confirm-heading" className="ww-admin-card kern-stack-sm">
      <h2 className="kern-heading-medium" id="confirm-heading">
        {t(`team.confirm.${kind}.title`, { name })}
      </h2>
      <p className="kern-body">{t(`team.confirm.${kind}.text`, { name })}</p>
      <div className="ww-actions">
        <Form method="post" action="/anbieterbereich/team">
          <input type="hidden" name="intent" value={kind} />
          {kind === 'leave' ? null : <input type="hidden" name="userId" value={member.userId} />}
          <button type="submit" className="kern-btn kern-btn--primary">
            <span className="kern-label">{t(`team.confirm.${kind}.submit`, { name })}</span>
          </button>
        </Form>
        <LocalizedLink className="kern-btn kern-btn--secondary" to="/anbieterbereich/team">
          <span className="kern-label">{t('team.confirm.cancel')}</span>
        </LocalizedLink>
      </div>
    </section>
  );
}

export default function Team() {
  const d = useLoaderData<typeof loader>();
  const result = useActionData<ActionResult>();
  const lastResult = result && 'status' in result ? result : undefined;
  const teamError = result && 'teamError' in result ? result.teamError : null;
  const { t, i18n } = useTranslation('provider');
  const ta = useTranslation('account').t;
  const [form, f] = useAppForm(memberInviteSchema, 'invite-member', lastResult);
  return (
    <div className="kern-stack">
      <BackToProviderArea />
      <h1 className="kern-heading-large">{t('team.title')}</h1>
      {d.notice ? <Notice title={t(`team.notices.${d.notice}`)} /> : null}
      {teamError ? <Alert tone="danger">{ta(teamError)}</Alert> : null}
      {d.confirm ? <Confirmation kind={d.confirm.kind} member={d.confirm.member} /> : null}
      <section aria-labelledby="members-heading" className="kern-stack">
        <h2 className="kern-heading-medium" id="members-heading">
          {t('team.members')}
        </h2>
        <ul className="ww-admin-list">
          {d.members.map((m) => {
            const name = m.displayName ?? m.email ?? '';
            const self = m.userId === d.self;
            const other = m.role === 'owner' ? 'editor' : 'owner';
            return (
              <li key={m.userId} className="ww-admin-card kern-stack-sm">
                <h3 className="kern-heading-small">
                  {name}
                  {self ? ` (${t('team.you')})` : ''}
                </h3>
                <p className="kern-body">
                  {m.email ? <span className="ww-break">{m.email}</span> : null} ·{' '}
                  {ta(`memberRoles.${m.role}`)}
                  {m.status === 'suspended' ? ` · ${ta('memberStatus.suspended')}` : ''}
                </p>
                <div className="ww-actions">
                  {d.canManage && !self ? (
                    <>
                      <Form method="post">
                        <input type="hidden" name="intent" value="role" />
                        <input type="hidden" name="userId" value={m.userId} />
                        <input type="hidden" name="role" value={other} />
                        <button type="submit" className="kern-btn kern-btn--secondary">
                          <span className="kern-label">{t(`team.makeRole.${other}`, { name })}</span>
                        </button>
                      </Form>
                      {m.role === 'editor' && m.status === 'active' ? (
                        <LocalizedLink
                          className="kern-btn kern-btn--tertiary"
                          to={`/anbieterbereich/team?uebergeben=${m.userId}#confirm-heading`}
                        >
                          <span className="kern-label">{t('team.transfer', { name })}</span>
                        </LocalizedLink>
                      ) : null}
                      <LocalizedLink
                        className="kern-btn kern-btn--tertiary"
                        to={`/anbieterbereich/team?entfernen=${m.userId}#confirm-heading`}
                      >
                        <span className="kern-label">{t('team.remove', { name })}</span>
                      </LocalizedLink>
                    </>
                  ) : null}
                  {self ? (
                    <LocalizedLink
                      className="kern-btn kern-btn--tertiary"
                      to="/anbieterbereich/team?verlassen=1#confirm-heading"
                    >
                      <span className="kern-label">{t('team.leave')}</span>
                    </LocalizedLink>
                  ) : null}
                </div>
              </li>
            );
          })}
        </ul>
      </section>
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
