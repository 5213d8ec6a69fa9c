import type { LoaderFunctionArgs } from '@remix-run/node';
import { useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { CardItem } from '~/components/card-item';
import { LocalizedLink } from '~/components/localized-link';
import { pageTitle } from '~/i18next.server';
import { getCategoryOverview } from '~/modules/catalogue/overview.server';
import { CATEGORIES } from '~/modules/catalogue/vocabularies';
import { formatNumber } from '~/utils/format';
import { titleMeta } from '~/utils/meta';

export const meta = titleMeta;
export const handle = { i18n: ['catalogue'] };

export async function loader({ request }: LoaderFunctionArgs) {
  return {
    title: await pageTitle(request, 'catalogue:orientation.title'),
    counts: await getCategoryOverview(),
  };
}

/** A plain-language map of the kinds of offers, each leading into the search. */
export default function OrientationPage() {
  const { counts } = useLoaderData<typeof loader>();
  const { t, i18n } = useTranslation('catalogue');
  return (
    <div className="kern-stack">
      <div className="ww-prose kern-stack-sm">
        <h1 className="kern-heading-large">{t('orientation.title')}</h1>
        <p className="kern-body kern-body--large">{t('orientation.intro')}</p>
      </div>
      <ul className="ww-ways">
        {CATEGORIES.filter((c) => (counts[c] ?? 0) > 0).map((c) => (
          <CardItem
            key={c}
            level={2}
            heading={t(`categories.${c}`)}
            footer={
              <LocalizedLink className="kern-link" to={`/angebote?category=${c}`}>
                {t('orientation.show')}
                <span className="kern-sr-only">: {t(`categories.${c}`)}</span>
              </LocalizedLink>
            }
          >
            <p className="kern-body">{t(`orientation.categories.${c}`)}</p>
            <p className="kern-body kern-body--small">
              {t('orientation.countLabel', {
                count: counts[c] ?? 0,
                formatted: formatNumber(counts[c] ?? 0, i18n.language),
              })}
            </p>
          </CardItem>
        ))}
      </ul>
      <section aria-labelledby="unsure" className="ww-prose ww-ask">
        <h2 id="unsure" className="kern-heading-small">
          {t('orientation.unsureHeading')}
        </h2>
        <p className="kern-body">{t('orientation.unsure')}</p>
        <p>
          <LocalizedLink className="kern-link" to="/beratung">
            {t('orientation.unsureLink')}
          </LocalizedLink>
        </p>
      </section>
    </div>
  );
}
