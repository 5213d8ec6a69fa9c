import type { LoaderFunctionArgs } from '@remix-run/node';
import { data } from '@remix-run/node';
import { useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { LocalizedLink } from '~/components/localized-link';
import { pageTitle } from '~/i18next.server';
import { OfferView } from '~/modules/catalogue/components/offer-view';
import { jsonLdScript, offerJsonLd } from '~/modules/catalogue/jsonld';
import { getPublicOffer } from '~/modules/catalogue/offers.server';
import { countOfferOpen } from '~/modules/planning/counters.server';
import { baseUrlOf, throwAsResponse } from '~/utils/http.server';
import { titleMeta } from '~/utils/meta';
import { useNonce } from '~/utils/nonce';

export const meta = titleMeta;
export const handle = { i18n: ['catalogue'] };

export async function loader({ request, params }: LoaderFunctionArgs) {
  const id = Number(params.id);
  if (!Number.isSafeInteger(id) || id <= 0 || String(id) !== params.id)
    throw new Response('Not Found', { status: 404 });
  const view = await getPublicOffer(id).catch(throwAsResponse);
  if (view.gone) {
    return data(
      {
        gone: true as const,
        title: await pageTitle(request, 'catalogue:offer.goneTitle'),
        offerTitle: view.offer.title,
        category: view.offer.category,
      },
      { status: 410 },
    );
  }
  countOfferOpen(request, id);
  return {
    gone: false as const,
    title: await pageTitle(request, { text: view.offer.title }),
    offer: view.offer,
    today: view.today,
    jsonLd: jsonLdScript(offerJsonLd(view.offer, baseUrlOf(request))),
  };
}

export default function OfferPage() {
  const loaded = useLoaderData<typeof loader>();
  const { t } = useTranslation('catalogue');
  const nonce = useNonce();
  if (loaded.gone) {
    return (
      <div className="ww-prose kern-stack">
        <h1 className="kern-heading-large">{t('offer.goneTitle')}</h1>
        <p className="kern-body">{t('offer.goneText', { title: loaded.offerTitle })}</p>
        <p>
          <LocalizedLink className="kern-link" to={`/angebote?category=${loaded.category}`}>
            {t('offer.searchSimilar')}
          </LocalizedLink>
        </p>
      </div>
    );
  }
  const { offer, today, jsonLd } = loaded;
  return (
    <OfferView offer={offer} today={today}>
      <script
        type="application/ld+json"
        nonce={nonce}
        suppressHydrationWarning
        // biome-ignore lint/security/noDangerouslySetInnerHtml: JSON-LD is data; jsonLdScript escapes "<"
        dangerouslySetInnerHTML={{ __html: jsonLd }}
      />
      <p className="ww-noprint">
        <LocalizedLink className="kern-link" to="/angebote">
          {t('offer.backToSearch')}
        </LocalizedLink>
      </p>
    </OfferView>
  );
}
