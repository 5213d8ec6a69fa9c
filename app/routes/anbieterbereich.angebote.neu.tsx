import { parseWithZod } from '@conform-to/zod';
import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node';
import { redirect } from '@remix-run/node';
import { useActionData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { pageTitle } from '~/i18next.server';
import { BackToProviderArea } from '~/modules/providers/components/back-link';
import { OfferForm } from '~/modules/providers/components/offer-form';
import { requireProviderActor } from '~/modules/providers/guard.server';
import { createOffer } from '~/modules/providers/offers.server';
import { offerSchema } from '~/modules/providers/schemas';
import { type FormReply, invalidForm, readForm } from '~/utils/forms.server';
import { titleMeta } from '~/utils/meta';

export const meta = titleMeta;
export const handle = { i18n: ['account', 'provider', 'catalogue'] };

export async function loader({ request, context }: LoaderFunctionArgs) {
  await requireProviderActor(request, context, 'create:offer:own');
  return { title: await pageTitle(request, 'provider:newOffer.title') };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const { actor } = await requireProviderActor(request, context, 'create:offer:own');
  const submission = parseWithZod(await readForm(request), { schema: offerSchema });
  if (submission.status !== 'success') return invalidForm(submission.reply());
  const id = await createOffer(actor, submission.value);
  // Next step: its first run.
  return redirect(`/anbieterbereich/angebote/${id}/termine/neu?neu=1`);
}

export default function NewOffer() {
  const lastResult = useActionData<FormReply>();
  const { t } = useTranslation('provider');
  return (
    <div className="ww-narrow kern-stack">
      <BackToProviderArea />
      <h1 className="kern-heading-large">{t('newOffer.title')}</h1>
      <p className="kern-body">{t('newOffer.intro')}</p>
      <OfferForm lastResult={lastResult} submitLabel={t('newOffer.submit')} />
    </div>
  );
}
