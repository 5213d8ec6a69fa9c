import type { LoaderFunctionArgs } from '@remix-run/node';
import { useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { Alert } from '~/components/form';
import { LocalizedLink } from '~/components/localized-link';
import { pageTitle } from '~/i18next.server';
import { OfferView } from '~/modules/catalogue/components/offer-view';
import { idParam, requireProviderActor } from '~/modules/providers/guard.server';
import { getOwnOffer } from '~/modules/providers/offers.server';
import { throwAsResponse } from '~/utils/http.server';
import { titleMeta } from '~/utils/meta';

export const meta = titleMeta;
export const handle = { i18n: ['account', 'provider', 'catalogue'] };

/** The offer exactly as the public page will show it, whatever its status; for its provider only. */
export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { actor } = await requireProviderActor(request, context, 'read:offer:own');
  const { offer, today } = await getOwnOffer(actor, idParam(params.id)).catch(throwAsResponse);
  return {
    title: await pageTitle(request, { text: offer.title }),
    offer: { ...offer, runs: offer.runs.filter((r) => r.status === 'scheduled') },
    today,
  };
}

export default function Preview() {
  const { offer, today } = useLoaderData<typeof loader>();
  const { t } = useTranslation('provider');
  return (
    <OfferView offer={offer} today={today}>
      {/* A box without a heading: the offer's title must stay the page's first heading. */}
      <Alert tone="info">
        {t('preview.notice', { status: t(`status.${offer.status}`) })}{' '}
        <LocalizedLink className="kern-link" to={`/anbieterbereich/angebote/${offer.id}`}>
          {t('preview.back')}
        </LocalizedLink>
      </Alert>
    </OfferView>
  );
}
