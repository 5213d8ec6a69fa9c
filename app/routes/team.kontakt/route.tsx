import { parseWithZod } from '@conform-to/zod';
import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node';
import { redirect } from '@remix-run/node';
import { useActionData, useLoaderData, useSearchParams } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { Notice } from '~/components/form';
import { LocalizedLink } from '~/components/localized-link';
import { TeamNav } from '~/components/team-nav';
import { pageTitle } from '~/i18next.server';
import { requireCounsellor } from '~/modules/booking/team.server';
import { TallyForm } from '~/modules/cases/components/contact';
import { contactChoices, recordShortCounselling } from '~/modules/cases/contacts.server';
import { refused } from '~/modules/cases/pages.server';
import { tallySchema } from '~/modules/cases/schemas';
import { caseLinks } from '~/modules/cases/styles';
import { type FormReply, invalidForm, readForm } from '~/utils/forms.server';
import { throwAsResponse } from '~/utils/http.server';
import { titleMeta } from '~/utils/meta';

export const meta = titleMeta;
export const links = caseLinks;
export const handle = { i18n: ['cases', 'account'] };

/**
 * Short counselling in one screen: a walk-in, a call, or a held appointment
 * (?termin=<id>). It leaves one anonymous tally row and nothing about the person.
 */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = await requireCounsellor(request, context, 'create:tally:own');
  const raw = new URL(request.url).searchParams.get('termin');
  const appointmentId = raw === null ? undefined : Number(raw);
  if (appointmentId !== undefined && (!Number.isSafeInteger(appointmentId) || appointmentId <= 0))
    throw new Response('not found', { status: 404 });
  return {
    title: await pageTitle(request, 'cases:tally.title'),
    ...(await contactChoices(actor, appointmentId).catch(throwAsResponse)),
  };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const actor = await requireCounsellor(request, context, 'create:tally:own');
  const submission = parseWithZod(await readForm(request), { schema: tallySchema });
  if (submission.status !== 'success') return invalidForm(submission.reply());
  try {
    await recordShortCounselling(actor, submission.value);
  } catch (error) {
    return refused('tally', error, submission);
  }
  // Back to the appointment it followed, or a fresh form for the next contact.
  throw redirect(
    submission.value.appointment
      ? `/team/termine/${submission.value.appointment}`
      : '/team/kontakt?erfasst=1',
  );
}

export default function Contact() {
  const d = useLoaderData<typeof loader>();
  const result = useActionData<FormReply>();
  const [search] = useSearchParams();
  const { t } = useTranslation('cases');
  const a = d.appointment;
  return (
    <div className="kern-stack ww-case-page">
      <h1 className="kern-heading-large">{t('tally.title')}</h1>
      <TeamNav />
      {search.get('erfasst') && !result ? <Notice title={t('tally.recorded')} /> : null}
      {a?.followUp ? (
        <p className="kern-body">{t(`followUp.done.${a.followUp}`)}</p>
      ) : (
        <>
          <p className="kern-body">
            <LocalizedLink
              className="kern-link"
              to={a ? `/team/faelle/neu?termin=${a.id}` : '/team/faelle/neu'}
            >
              {t('tally.orOpenCase')}
            </LocalizedLink>
          </p>
          <TallyForm
            choices={d}
            appointmentId={a?.id}
            lastResult={result}
            defaults={a ? { topic: a.topicId, channel: a.channel, language: a.language } : {}}
          />
        </>
      )}
    </div>
  );
}
